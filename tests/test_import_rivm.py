"""The rivm dataset (issue 14): a StatLine 50090NED download loads as one load, in the layout StatLine gives
(padded codes, '.' for secret, Leeftijd codes, Perioden like 2020JJ00, Marges rows), as CSV or xlsx; a later
edition is a new year; wrong files are refused with file, row, column and reason, the store unchanged.

Each file is made here from the bundled Oosterhout extract (data/raw/rivm-gezondheid-wijk-buurt), turned
back into the shape of a StatLine download.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data import datasets, rivm
from data.__main__ import main
from data.catalogue import load_settings
from data.store import Store
from tests.helpers import xlsx_bytes
from tests.test_import_real_files import load, refusal

MAPPING = rivm.load_mapping()
EXTRA_TOPICS = ("Roker_11", "Overgewicht_9")  # in every download, not in rivm_mapping.yaml


def statline_frame(year: str = "2020", with_margins: bool = False) -> pd.DataFrame:
    """The bundled rows of ``year`` as StatLine writes them: id columns first, codes padded to 10, '.' for
    secret; with ``with_margins`` also the rows of the interval bounds (Marges MOG0095/MBG0095)."""
    raw = pd.read_csv(load_settings().sources.rivm, dtype=str, keep_default_na=False)
    raw = raw[raw.jaar == year]
    frame = pd.DataFrame(
        {
            "ID": range(len(raw)),
            "Leeftijd": raw.leeftijd_code.to_numpy(),
            "Marges": raw.marges.to_numpy(),
            "WijkenEnBuurten": raw.gwb_code.str.ljust(10).to_numpy(),
            "Gemeentenaam_1": raw.gm_naam.str.ljust(40).to_numpy(),
            "SoortRegio_2": raw.soort_regio.str.ljust(10).to_numpy(),
            "Codering_3": raw.gwb_code.str.ljust(10).to_numpy(),
            "Perioden": raw.perioden.to_numpy(),
        }
    )
    for topic in (*EXTRA_TOPICS, *MAPPING.variables):
        frame[topic] = raw[topic].replace("", ".").to_numpy()
    if with_margins:
        bounds = [frame.assign(Marges=code, ID=frame.ID + k * 1000) for k, code in ((1, "MOG0095"), (2, "MBG0095"))]
        frame = pd.concat([frame, *bounds], ignore_index=True)
    return frame


def csv_download(frame: pd.DataFrame) -> bytes:
    """StatLine's CSV: ';' between fields, '.' as decimal point, UTF-8."""
    return frame.to_csv(sep=";", index=False).encode("utf-8")


def xlsx_download(frame: pd.DataFrame, title: bool = False) -> bytes:
    """An xlsx with numbers as numbers ('.' stays text); ``title``: a title block above the header."""
    cells = [[_number(v) for v in row] for row in frame.itertuples(index=False)]
    top = [["Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)"], ["Bron: RIVM/CBS/GGD'en"], []]
    return xlsx_bytes({"50090NED": (top if title else []) + [list(frame.columns), *cells]})


def _number(value: object) -> object:
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def value(store: Store, table: str, indicator_id: str, area_code: str, year: int) -> float | None:
    rows = store.table(table)
    rows = rows[(rows.indicator_id == indicator_id) & (rows.area_code == area_code) & (rows.year == year)]
    assert len(rows) == 1, rows
    return None if pd.isna(rows.value.iloc[0]) else float(rows.value.iloc[0])


# -- loads ------------------------------------------------------------------------------------------------


def test_statline_csv_loads_with_the_values_of_the_build(db: Store) -> None:
    prepared = load(db, "rivm", "50090NED_2020.csv", csv_download(statline_frame(with_margins=True)))
    log = db.load_log().iloc[-1]
    assert (log.dataset, log.status) == ("rivm", "ok")
    assert value(db, "indicator_value", "eenzaam_pct", "WK082613", 2020) == 7.9  # Dorst, 18+, ernstig eenzaam
    assert value(db, "indicator_value", "vrijwilligers_pct", "WK082613", 2020) == 28.5
    assert value(db, "indicator_value", "mantelzorgers_pct", "WK082613", 2020) == 14.5
    assert value(db, "indicator_value", "eenzaam_pct", "GM0826", 2020) == 11.2
    assert value(db, "nl_value", "eenzaam_pct", "NL01", 2020) == 11.2
    rows = db.table("indicator_value")
    assert set(rows[rows.load_id == log.load_id].area_code.str[:2]) == {"GM", "WK", "BU"}
    notes = " ".join(prepared.notes)
    assert "onder- of bovengrens van het 95%-interval" in notes  # 2 x the estimate rows skipped
    assert "Roker_11" in notes and "Jaar (Perioden): 2020" in notes


def test_secret_dot_is_stored_as_an_empty_value(db: Store) -> None:
    frame = statline_frame()
    dorst = (frame.WijkenEnBuurten.str.strip() == "WK082613") & (frame.Leeftijd == "20300")
    frame.loc[dorst, "Mantelzorger_32"] = "."
    prepared = load(db, "rivm", "50090NED.csv", csv_download(frame))
    assert value(db, "indicator_value", "mantelzorgers_pct", "WK082613", 2020) is None
    assert any("geheim ('.')" in note for note in prepared.notes)


def test_a_2024_edition_loads_as_a_new_year_beside_the_older_ones(db: Store) -> None:
    frame = statline_frame()
    frame["Perioden"] = "2024JJ00"
    dorst = (frame.WijkenEnBuurten.str.strip() == "WK082613") & (frame.Leeftijd == "20300")
    frame.loc[dorst, "ErnstigZeerErnstigEenzaam_29"] = "8.4"
    load(db, "rivm", "50090NED_2024.csv", csv_download(frame))
    assert value(db, "indicator_value", "eenzaam_pct", "WK082613", 2024) == 8.4
    assert value(db, "indicator_value", "eenzaam_pct", "WK082613", 2020) == 7.9  # kept
    assert value(db, "nl_value", "eenzaam_pct", "NL01", 2024) == 11.2
    # one gemeente is not the country: its wijken stay out of the national comparison for 2024
    national = db.table("nl_value")
    loaded = national[national.load_id == db.load_log().load_id.max()]
    assert set(loaded.area_code) == {"NL01"}
    years = db.table("indicator_value").query("indicator_id == 'eenzaam_pct' and area_code == 'WK082613'").year
    assert sorted(years) == [2012, 2016, 2020, 2024]


def test_a_national_edition_updates_the_national_comparison(db: Store) -> None:
    raw = pd.read_csv(rivm.NATIONAL_FILE, dtype=str, keep_default_na=False)
    raw = raw[raw.jaar == "2020"]
    frame = pd.DataFrame(
        {
            "Leeftijd": raw.leeftijd_code.to_numpy(),
            "WijkenEnBuurten": raw.gwb_code.str.ljust(10).to_numpy(),
            "Perioden": "2024JJ00",
        }
    )
    for topic in MAPPING.variables:
        frame[topic] = raw[topic].replace("", ".").to_numpy()
    prepared = load(db, "rivm", "50090NED_nl_2024.csv", csv_download(frame))
    national = db.table("nl_value")
    amsterdam = raw[(raw.gwb_code == "WK036300") & (raw.leeftijd_code == "20300")].ErnstigZeerErnstigEenzaam_29
    assert value(db, "nl_value", "eenzaam_pct", "WK036300", 2024) == float(amsterdam.iloc[0])
    assert value(db, "nl_value", "eenzaam_pct", "WK082613", 2024) == 7.9  # the own wijken are wijken of NL too
    assert value(db, "indicator_value", "eenzaam_pct", "WK082613", 2024) == 7.9
    wijken_2024 = national[(national.year == 2024) & national.area_code.str.startswith("WK")].area_code.nunique()
    assert wijken_2024 > 3000
    assert any("gebied(en) voor de landelijke vergelijking" in note for note in prepared.notes)


def test_statline_xlsx_with_a_title_block_loads(db: Store) -> None:
    prepared = load(db, "rivm", "50090NED.xlsx", xlsx_download(statline_frame("2016"), title=True))
    assert value(db, "indicator_value", "eenzaam_65plus_pct", "GM0826", 2016) is not None
    assert any("kopregel gevonden op rij 4" in c for c in prepared.conversions)


def test_the_command_line_loads_a_download(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "50090NED.csv"
    path.write_bytes(csv_download(statline_frame()))
    assert main(["import", "rivm", str(path), "--db", str(db_path), "--archive", str(tmp_path / "a")]) == 0
    store = Store.open(db_path)
    try:
        assert store.load_log().iloc[-1].dataset == "rivm"
        assert value(store, "indicator_value", "eenzaam_pct", "WK082613", 2020) == 7.9
    finally:
        store.close()


def test_the_template_has_the_statline_columns() -> None:
    frame = datasets.template_frame("rivm")
    assert frame.WijkenEnBuurten.iloc[0] == "WK082613" and frame.Perioden.iloc[0] == "2020JJ00"
    assert set(MAPPING.variables) <= set(frame.columns)


# -- refusals: the store unchanged ------------------------------------------------------------------------


def _dorst_row(frame: pd.DataFrame) -> int:
    """The Excel row of Dorst 18+ (header = row 1)."""
    dorst = (frame.WijkenEnBuurten.str.strip() == "WK082613") & (frame.Leeftijd == "20300")
    return int(frame.index[dorst][0])


def test_an_unknown_code_of_the_gemeente_is_refused(db: Store) -> None:
    frame = statline_frame()
    row = _dorst_row(frame)
    frame.loc[row, "WijkenEnBuurten"] = "WK082699  "
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert (
        f"50090NED.csv, rij {row + 2}, kolom 'WijkenEnBuurten': waarde 'WK082699': onbekende gebiedscode voor "
        "gemeente Oosterhout (GM0826)." in text
    )


def test_a_code_that_is_no_cbs_code_is_refused(db: Store) -> None:
    frame = statline_frame()
    frame.loc[3, "WijkenEnBuurten"] = "Dorst"
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert "rij 5, kolom 'WijkenEnBuurten': waarde 'DORST': geen CBS-gebiedscode" in text


def test_a_period_that_is_not_a_whole_year_is_refused(db: Store) -> None:
    frame = statline_frame()
    frame.loc[0, "Perioden"] = "2020KW01"
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert "rij 2, kolom 'Perioden': waarde '2020KW01': onbekende periode: verwacht een heel jaar" in text


def test_an_unknown_age_group_is_refused(db: Store) -> None:
    frame = statline_frame()
    frame.loc[1, "Leeftijd"] = "70100"
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert "rij 3, kolom 'Leeftijd': waarde '70100': onbekende leeftijdsgroep; verwacht 20300 (18+)" in text


def test_text_in_a_number_column_is_refused(db: Store) -> None:
    frame = statline_frame()
    row = _dorst_row(frame)
    frame.loc[row, "ErnstigZeerErnstigEenzaam_29"] = "veel"
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert f"50090NED.csv, rij {row + 2}, kolom 'ErnstigZeerErnstigEenzaam_29': waarde 'veel': " in text


def test_a_percentage_above_100_is_refused(db: Store) -> None:
    frame = statline_frame()
    frame.loc[0, "Mantelzorger_32"] = "145"
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert "rij 2, kolom 'Mantelzorger_32': waarde '145': moet tussen 0 en 100 liggen" in text


def test_a_missing_period_column_is_refused(db: Store) -> None:
    text = refusal(db, "rivm", "50090NED.csv", csv_download(statline_frame().drop(columns="Perioden")))
    assert "50090NED.csv, rij 1: kolom voor de periode ontbreekt (verwacht een van: jaar, Perioden" in text


def test_a_file_without_any_mapped_topic_is_refused(db: Store) -> None:
    frame = statline_frame().drop(columns=list(MAPPING.variables))
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert "geen enkel bekend onderwerp van 50090NED gevonden" in text


def test_the_same_region_period_and_age_twice_is_refused(db: Store) -> None:
    frame = statline_frame()
    frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    text = refusal(db, "rivm", "50090NED.csv", csv_download(frame))
    assert f"rij {len(frame) + 1}, kolom 'Leeftijd'" in text and "dezelfde combinatie staat al in rij 2" in text


def test_xlsx_with_text_in_a_number_cell_is_refused_naming_the_excel_row(db: Store) -> None:
    frame = statline_frame()
    row = _dorst_row(frame)
    frame.loc[row, "Vrijwilligerswerk_33"] = "n.v.t."
    text = refusal(db, "rivm", "50090NED.xlsx", xlsx_download(frame, title=True))
    assert f"50090NED.xlsx, rij {row + 5}, kolom 'Vrijwilligerswerk_33': waarde 'n.v.t.': " in text


def test_a_kwb_file_offered_as_rivm_is_refused(db: Store) -> None:
    kwb = pd.DataFrame({"gwb_code": ["WK082613"], "regio": ["Dorst"], "a_inw": [4000]})
    text = refusal(db, "rivm", "kwb-2024.csv", csv_download(kwb))
    assert "kolom voor de periode ontbreekt" in text and "geen download van StatLine-tabel 50090NED" in text
