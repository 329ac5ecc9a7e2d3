"""Files as people really have them (issue 13): CBS kwb files in CBS's own layouts, CSVs written by Excel in
English and Dutch settings, workbooks with number formats and title rows, HTML saved as CSV, names where
codes belong, the same file twice. Each file is built here the way the tool makes it; each test asserts the
exact values in the store or the exact refusal (the store unchanged).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from data import loading
from data.__main__ import main
from data.access import cli_user
from data.importers import ImportRefused
from data.store import Store
from tests.helpers import copy_store, csv_bytes, state

ROLE = cli_user("beheerder")

# -- fixtures and file makers ----------------------------------------------------------------------


@pytest.fixture
def db_path(built_template: Path, tmp_path: Path) -> Path:
    return copy_store(built_template, tmp_path / "w.duckdb")


@pytest.fixture
def db(db_path: Path) -> Store:
    opened = Store.open(db_path)
    yield opened
    opened.close()


def workbook(rows: list[list[object]], formats: dict[str, str] | None = None, title: str = "Blad1") -> bytes:
    """An .xlsx as Excel saves it; ``formats`` maps a cell ('K3') to its number format ('0.0%', '@', …)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_csv(rows: list[list[object]], separator: str) -> bytes:
    """A CSV as Excel writes it: CRLF, fields quoted only when they hold the separator or a quote, and (Dutch
    settings, separator ';') Windows-1252 text."""

    def field(value: object) -> str:
        text = "" if value is None else str(value)
        if separator in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        return text

    text = "\r\n".join(separator.join(field(v) for v in row) for row in rows) + "\r\n"
    return text.encode("cp1252" if separator == ";" else "utf-8")


def values(store: Store, year: int) -> pd.DataFrame:
    """The indicator values of ``year`` brought by the newest load."""
    rows = store.table("indicator_value")
    rows = rows[(rows.year == year) & (rows.load_id == store.load_log().load_id.max())]
    return rows.set_index(["indicator_id", "area_code"])


def load(store: Store, dataset: str, name: str, content: bytes, **kwargs: object) -> loading.Prepared:
    """Prepare and commit; returns the prepared file (its notes and conversions) after a successful load."""
    prepared = loading.prepare(store, dataset, name, content, **kwargs)
    assert prepared.ok, prepared.messages()
    loading.commit(store, prepared, ROLE, Path(store.path).parent / "archief")
    return prepared


def refusal(store: Store, dataset: str, name: str, content: bytes, **kwargs: object) -> str:
    """The refusal text of a file that must not load; asserts the store is unchanged."""
    before = state(store)
    with pytest.raises(ImportRefused) as refused:
        loading.import_file(store, dataset, name, content, ROLE, archive=Path(store.path).parent / "archief", **kwargs)
    after = state(store)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]
    return "\n".join(refused.value.problems)


# -- 1. CBS kwb layouts --------------------------------------------------------------------------------

# CBS's kwb-2023.xlsx header (a subset of its ~120 variables, in CBS's order and spelling)
KWB_HEADER = [
    "gwb_code_10",
    "gwb_code_8",
    "regio",
    "gm_naam",
    "recs",
    "gwb_code",
    "ind_wbi",
    "a_inw",
    "a_65_oo",
    "a_1p_hh",
    "p_wmo_t",
    "p_jz_tn",
    "a_soz_wb",
    "g_ink_pi",
    "a_lan_ha",
    "a_bedv",
]
KWB_ROWS = [
    [
        "NL00",
        0,
        "Nederland",
        "Nederland",
        "Land",
        "NL00",
        ".",
        17942942,
        3638000,
        3290000,
        71,
        10.9,
        410000,
        33.4,
        3367100,
        1,
    ],
    [
        "GM0363",
        363,
        "Amsterdam",
        "Amsterdam",
        "Gemeente",
        "0363",
        ".",
        931298,
        130000,
        250000,
        60,
        9.9,
        40000,
        36.1,
        16500,
        2,
    ],
    # CBS pads regio and recs with spaces; gwb_code without prefix, gwb_code_8 as a number (leading zero gone)
    [
        "GM0826",
        826,
        "Oosterhout                    ",
        "Oosterhout",
        "Gemeente  ",
        "0826",
        ".",
        57924,
        13260,
        10945,
        69,
        10.2,
        1010,
        34.2,
        7143,
        3,
    ],
    [
        "WK082606",
        82606,
        "Wijk 06 Dommelbergen          ",
        "Oosterhout",
        "Wijk      ",
        "082606",
        1,
        13155,
        2455,
        2180,
        80,
        12.4,
        ".",
        29.8,
        293,
        4,
    ],
    [
        "BU08260601",
        8260601,
        "Sterrenbuurt                  ",
        "Oosterhout",
        "Buurt     ",
        "08260601",
        1,
        2450,
        610,
        "x",
        "x",
        "x",
        "x",
        "x",
        48,
        5,
    ],
]


def test_cbs_kwb_workbook_loads_gemeente_wijk_and_buurt_rows(db: Store) -> None:
    prepared = load(db, "kwb", "kwb-2023.xlsx", workbook([KWB_HEADER, *KWB_ROWS], title="kwb-2023"))
    stored = values(db, 2023)
    assert stored.loc[("inwoners", "GM0826")].value == 57924
    assert stored.loc[("inwoners", "WK082606")].value == 13155
    assert stored.loc[("inwoners", "BU08260601")].value == 2450
    assert stored.loc[("inkomen_per_inwoner", "GM0826")].value == pytest.approx(34.2)
    assert stored.loc[("jeugdzorg_cbs_pct", "WK082606")].value == pytest.approx(12.4)
    assert stored.loc[("oppervlakte_land_ha", "BU08260601")].value == 48
    assert pd.isna(stored.loc[("bijstand_cbs", "WK082606")].value)  # '.' unknown
    assert pd.isna(stored.loc[("eenpersoonshuishoudens", "BU08260601")].value)  # 'x' secret
    areas = set(stored.index.get_level_values("area_code"))
    assert areas == {"GM0826", "WK082606", "BU08260601"}  # not Amsterdam, not Nederland
    assert len(stored) == 3 * 8
    assert "Rijen per niveau: 1 gemeente, 1 wijk, 1 buurt." in prepared.notes
    assert "2 rij(en) van andere gemeenten of van Nederland overgeslagen." in prepared.notes


def test_cbs_kwb_csv_with_codes_without_prefix_and_no_gwb_code_10(db: Store) -> None:
    """Older CBS csv: ';', decimal comma, only gwb_code in digits; recs gives the level, and that is said."""
    header = ["gwb_code", "regio", "gm_naam", "recs", "a_inw", "p_jz_tn", "g_ink_pi"]
    rows = [
        ["0826", "Oosterhout          ", "Oosterhout", "Gemeente  ", "57924", "10,2", "34,2"],
        ["082606", "Wijk 06 Dommelbergen", "Oosterhout", "Wijk      ", "13155", "12,4", "     ."],
        ["08261300", "Dorst", "Oosterhout", "Buurt     ", "1905", "x", "31,0"],
    ]
    prepared = load(db, "kwb", "kwb-2019.csv", excel_csv([header, *rows], ";"))
    stored = values(db, 2019)
    assert stored.loc[("inwoners", "GM0826")].value == 57924
    assert stored.loc[("jeugdzorg_cbs_pct", "WK082606")].value == pytest.approx(12.4)
    assert stored.loc[("inkomen_per_inwoner", "BU08261300")].value == pytest.approx(31.0)
    assert pd.isna(stored.loc[("inkomen_per_inwoner", "WK082606")].value)
    assert (
        "Omgezet: kolom 'gwb_code': 3 code(s) zonder voorvoegsel aangevuld op grond van kolom recs "
        "(bijv. '0826' → GM0826)." in prepared.notes
    )
    log = db.load_log().iloc[-1]
    assert "Omgezet: kolom 'gwb_code': 3 code(s) zonder voorvoegsel aangevuld" in log.message
    assert "kwb-jaar 2019" in log.message


def test_kwb_with_soort_regio_and_prefixed_codes(db: Store) -> None:
    header = ["gwb_code", "regio", "soort_regio", "a_inw", "a_65_oo"]
    rows = [
        ["GM0826", "Oosterhout", "Gemeente", 57924, 13260],
        ["WK082613", "Dorst", "Wijk", 3475, 800],
        ["BU08261300", "Dorst", "Buurt", 1905, 420],
    ]
    load(db, "kwb", "kwb-2024.xlsx", workbook([header, *rows]))
    stored = values(db, 2024)
    assert stored.loc[("inwoners_65plus", "WK082613")].value == 800
    assert stored.loc[("inwoners_65plus", "BU08261300")].value == 420


def test_kwb_codes_that_contradict_each_other_are_refused(db: Store) -> None:
    header = ["gwb_code_10", "gwb_code", "recs", "a_inw"]
    rows = [["WK082606", "082607", "Wijk", 13155]]
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook([header, *rows]))
    assert text == (
        "kwb-2023.xlsx, rij 2, kolom 'gwb_code_10': de codes spreken elkaar tegen: gwb_code_10 'WK082606', "
        "gwb_code '082607'."
    )


def test_kwb_level_that_does_not_fit_the_code_is_refused(db: Store) -> None:
    header = ["gwb_code", "recs", "a_inw"]
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook([header, ["BU08260601", "Wijk", 2450]]))
    assert text == "kwb-2023.xlsx, rij 2, kolom 'recs': waarde 'Wijk': de code BU08260601 is geen wijkcode."


def test_kwb_buurt_of_another_indeling_is_skipped_and_named(db: Store) -> None:
    header = ["gwb_code", "recs", "a_inw"]
    rows = [["GM0826", "Gemeente", 57924], ["BU08260601", "Buurt", 2450], ["BU08260699", "Buurt", 12]]
    prepared = load(db, "kwb", "kwb-2023.xlsx", workbook([header, *rows]))
    assert (
        "1 buurtrij(en) met een code die niet in de buurtindeling van de Wijkmonitor staat (CBS deelt buurten "
        "bijna elk jaar anders in) overgeslagen: BU08260699." in prepared.notes
    )
    assert set(values(db, 2023).index.get_level_values("area_code")) == {"GM0826", "BU08260601"}


def test_kwb_with_names_instead_of_codes_maps_exact_names_and_says_so(db: Store) -> None:
    header = ["gwb_code", "recs", "a_inw"]
    rows = [["Oosterhout", "Gemeente", 57924], ["Wijk 06 Dommelbergen", "Wijk", 13155], ["Dorst", "Buurt", 1905]]
    prepared = load(db, "kwb", "kwb-2023.xlsx", workbook([header, *rows]))
    stored = values(db, 2023)
    assert stored.loc[("inwoners", "GM0826")].value == 57924
    assert stored.loc[("inwoners", "WK082606")].value == 13155
    assert stored.loc[("inwoners", "BU08261300")].value == 1905  # 'Dorst' at level Buurt, not wijk Dorst
    assert (
        "Omgezet: kolom 'gwb_code': 3 naam/namen van gebieden van gemeente Oosterhout omgezet in hun code: "
        "'Oosterhout' → GM0826, 'Wijk 06 Dommelbergen' → WK082606, 'Dorst' → BU08261300." in prepared.notes
    )


def test_kwb_name_of_a_wijk_and_a_buurt_without_level_is_refused(db: Store) -> None:
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook([["gwb_code", "a_inw"], ["Dorst", 3475]]))
    assert text == (
        "kwb-2023.xlsx, rij 2, kolom 'gwb_code': waarde 'Dorst': 'Dorst' is de naam van buurt BU08261300 en "
        "wijk WK082613; gebruik de code."
    )


def test_kwb_with_names_of_another_gemeente_says_what_it_found(db: Store) -> None:
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook([["gwb_code", "a_inw"], ["Buitengebied Breda", 455]]))
    assert text == (
        "kwb-2023.xlsx, kolom 'gwb_code': het bestand bevat geen rijen van gemeente Oosterhout (GM0826). De "
        "codekolom bevat geen CBS-codes (GM…, WK…, BU…) en geen namen van wijken of buurten van Oosterhout."
    )


# -- 4. the year ---------------------------------------------------------------------------------------


def test_year_in_file_name_contradicting_the_jaar_column_is_refused(db: Store) -> None:
    content = excel_csv([["gwb_code", "jaar", "a_inw"], ["GM0826", "2024", "57924"]], ";")
    text = refusal(db, "kwb", "kwb-2023-oosterhout.csv", content)
    assert text == (
        "kwb-2023-oosterhout.csv, kolom 'jaar': de bestandsnaam kwb-2023-oosterhout.csv noemt jaar 2023, maar de "
        "kolom jaar zegt 2024. Hernoem het bestand of geef het juiste jaar op."
    )


def test_given_year_contradicting_the_jaar_column_is_refused(db: Store) -> None:
    content = excel_csv([["gwb_code", "jaar", "a_inw"], ["GM0826", "2024", "57924"]], ";")
    text = refusal(db, "kwb", "kerncijfers.csv", content, year=2023)
    assert text == (
        "kerncijfers.csv, kolom 'jaar': het opgegeven jaar 2023 en de kolom jaar (2024) spreken elkaar tegen. "
        "Kies het jaar dat in het bestand staat."
    )


def test_year_from_a_cbs_period_column(db: Store) -> None:
    content = excel_csv([["gwb_code", "jaar", "a_inw"], ["GM0826", "2022JJ00", "57000"]], ";")
    prepared = load(db, "kwb", "kerncijfers.csv", content)
    assert "Jaar 2022 (uit de kolom jaar)." in prepared.notes
    assert values(db, 2022).loc[("inwoners", "GM0826")].value == 57000


def test_more_than_one_year_in_a_kwb_file_is_refused(db: Store) -> None:
    content = excel_csv([["gwb_code", "jaar", "a_inw"], ["GM0826", "2022", "57000"], ["WK082606", "2023", "1"]], ";")
    text = refusal(db, "kwb", "kerncijfers.csv", content)
    assert text == "kerncijfers.csv, kolom 'jaar': de kolom jaar bevat meer dan één jaar (2022, 2023)."


# -- 2. thousands separators ---------------------------------------------------------------------------


def test_english_excel_csv_with_thousands_separators(db: Store) -> None:
    """Excel in English settings: ',' between fields, '13,155' quoted, '12.4' with a decimal point."""
    rows = [["gwb_code", "a_inw", "a_65_oo", "p_jz_tn"], ["GM0826", "57,924", "13,260", "10.2"]]
    rows.append(["WK082606", "13,155", "2,455", "12.4"])
    content = excel_csv(rows, ",")
    assert b'"13,155"' in content
    load(db, "kwb", "kwb-2023.csv", content)
    stored = values(db, 2023)
    assert stored.loc[("inwoners", "WK082606")].value == 13155
    assert stored.loc[("inwoners_65plus", "GM0826")].value == 13260
    assert stored.loc[("jeugdzorg_cbs_pct", "WK082606")].value == pytest.approx(12.4)


def test_counts_alone_decide_that_the_comma_separates_thousands(db: Store) -> None:
    content = excel_csv([["gwb_code", "a_inw"], ["GM0826", "57,924"], ["WK082606", "13,155"]], ",")
    prepared = load(db, "kwb", "kwb-2023.csv", content)
    assert values(db, 2023).loc[("inwoners", "WK082606")].value == 13155
    assert (
        "Omgezet: kolom 'a_inw': de komma in 2 getal(len) gelezen als scheiding van duizendtallen, want de kolom "
        "bevat aantallen (gehele getallen): bijv. rij 2 '57,924' = 57924." in prepared.notes
    )


def test_dutch_count_with_dot_thousands(db: Store) -> None:
    content = excel_csv([["gwb_code", "a_inw"], ["WK082606", "13.155"]], ";")
    load(db, "kwb", "kwb-2023.csv", content)
    assert values(db, 2023).loc[("inwoners", "WK082606")].value == 13155


def test_comma_as_thousands_and_as_decimal_in_one_file_is_refused(db: Store) -> None:
    content = excel_csv([["gwb_code", "a_inw", "p_jz_tn"], ["WK082606", "13,155", "12,4"]], ";")
    text = refusal(db, "kwb", "kwb-2023.csv", content)
    assert text == (
        "kwb-2023.csv: getallen in twee notaties door elkaar, dus is niet zeker wat elk getal betekent: '12,4' "
        "(kolom 'p_jz_tn', rij 2): de komma als decimaalteken (Nederlands), maar '13,155' (kolom 'a_inw', rij 2): "
        "een aantal, dus een geheel getal met de komma als scheiding van duizendtallen (Engels). Sla het bestand "
        "op in één notatie, bij voorkeur zonder scheiding van duizendtallen."
    )


def test_an_ambiguous_value_without_any_evidence_is_refused_showing_the_values(db: Store) -> None:
    content = excel_csv(
        [["indicator", "gebiedscode", "jaar", "waarde"], ["eenzaam_pct", "WK082606", 2025, "1,250"]], ","
    )
    text = refusal(db, "indicatorwaarden", "w.csv", content)
    assert text == (
        "w.csv, kolom 'waarde': '1,250' kan 1,250 (decimaalkomma) of 1250 (komma als scheiding van duizendtallen) "
        "betekenen, en geen enkel getal in het bestand laat zien welke notatie het gebruikt. Dubbelzinnig: "
        "'1,250' (rij 2). Schrijf de getallen zonder scheiding van duizendtallen (bijv. 1250 of 1,25)."
    )


def test_volunteer_hours_with_english_thousands(db: Store) -> None:
    rows = [
        ["gebiedscode", "jaar", "kwartaal", "actieve_vrijwilligers", "vrijwilligersuren", "organisaties"],
        ["WK082606", 2026, 1, 120, "1,500", 9],
    ]
    load(db, "vrijwilligers", "vrijwilligers.csv", excel_csv(rows, ","))
    stored = db.table("volunteer_activity").set_index(["area_code", "year", "quarter"])
    assert stored.loc[("WK082606", 2026, 1)].volunteer_hours == 1500


# -- 3. Excel number formats -----------------------------------------------------------------------


def test_percent_formatted_cells_are_read_as_shown(db: Store) -> None:
    rows = [["gwb_code", "a_inw", "p_jz_tn"], ["GM0826", 57924, 0.102], ["WK082606", 13155, 0.119]]
    content = workbook(rows, {"C2": "0.0%", "C3": "0.0%"})
    prepared = load(db, "kwb", "kwb-2023.xlsx", content)
    stored = values(db, 2023)
    assert stored.loc[("jeugdzorg_cbs_pct", "WK082606")].value == 11.9  # exactly, not 11.899999999999999
    assert stored.loc[("jeugdzorg_cbs_pct", "GM0826")].value == 10.2
    conversion = (
        "Omgezet: kolom 'p_jz_tn': 2 cel(len) met percentageopmaak in Excel gelezen zoals getoond (bijv. rij 2: "
        "opgeslagen 0,102, getoond 10,2%, geladen als 10,2)."
    )
    assert conversion in prepared.notes
    assert conversion in db.load_log().iloc[-1].message


def test_percent_cell_in_an_indicator_value_file(db: Store) -> None:
    rows = [["indicator", "gebiedscode", "jaar", "waarde"], ["eenzaam_pct", "WK082606", 2026, 0.125]]
    load(db, "indicatorwaarden", "w.xlsx", workbook(rows, {"D2": "0%"}))
    stored = db.table("indicator_value").set_index(["indicator_id", "area_code", "year"])
    assert stored.loc[("eenzaam_pct", "WK082606", 2026)].value == 12.5


def test_numbers_stored_as_text_in_excel(db: Store) -> None:
    rows = [["gwb_code", "a_inw", "p_jz_tn"], ["WK082606", "13155", "11,9"]]
    prepared = load(db, "kwb", "kwb-2023.xlsx", workbook(rows, {"B2": "@", "C2": "@"}))
    stored = values(db, 2023)
    assert stored.loc[("inwoners", "WK082606")].value == 13155
    assert stored.loc[("jeugdzorg_cbs_pct", "WK082606")].value == pytest.approx(11.9)
    assert (
        "Omgezet: kolom 'p_jz_tn': 1 getal(len) stonden als tekst in Excel en zijn als getal gelezen (bijv. rij 2: "
        "'11,9' = 11,9)." in prepared.notes
    )


INITIATIVE_HEADER = ["initiatief_id", "titel", "thema", "status", "startdatum", "wijkcode"]


def test_date_cells_of_a_workbook(db: Store) -> None:
    rows = [INITIATIVE_HEADER, ["INI-X-1", "Buurtkoffie", "Ontmoeting", "lopend", datetime(2025, 3, 14), "WK082606"]]
    load(db, "initiatieven", "register.xlsx", workbook(rows, {"E2": "dd-mm-yyyy"}))
    stored = db.table("initiative").set_index("initiative_id")
    assert pd.Timestamp(stored.loc["INI-X-1"].start_date).date() == date(2025, 3, 14)


def test_month_first_dates_of_english_excel_are_read_and_said(db: Store) -> None:
    rows = [
        INITIATIVE_HEADER,
        ["INI-X-1", "Buurtkoffie", "Ontmoeting", "lopend", "3/14/2025", "WK082606"],
        ["INI-X-2", "Moestuin", "Groen", "lopend", "4/1/2025", "WK082606"],
    ]
    prepared = load(db, "initiatieven", "register.csv", excel_csv(rows, ","))
    stored = db.table("initiative").set_index("initiative_id")
    assert pd.Timestamp(stored.loc["INI-X-1"].start_date).date() == date(2025, 3, 14)
    assert pd.Timestamp(stored.loc["INI-X-2"].start_date).date() == date(2025, 4, 1)
    assert (
        "Omgezet: kolom 'startdatum': 2 datum(s) met '/' gelezen als maand/dag/jaar (Engelse notatie), want "
        "'3/14/2025' (rij 2) kan alleen zo." in prepared.notes
    )


def test_dates_that_read_both_ways_are_refused(db: Store) -> None:
    rows = [INITIATIVE_HEADER, ["INI-X-1", "Buurtkoffie", "Ontmoeting", "lopend", "3/4/2025", "WK082606"]]
    text = refusal(db, "initiatieven", "register.csv", excel_csv(rows, ","))
    assert text == (
        "register.csv, kolom 'startdatum': datums met '/' kunnen dag/maand of maand/dag zijn en geen datum in de "
        "kolom laat zien welke: '3/4/2025' (rij 2). Schrijf datums als dd-mm-jjjj of jjjj-mm-dd."
    )


# -- 5. the same file twice ----------------------------------------------------------------------------

SURVEY = csv_bytes("indicator;gebiedscode;jaar;score;respondenten\nsamenhang_score;WK082606;2026;6,9;380\n")


def test_the_same_file_twice_is_refused_unless_confirmed(db: Store) -> None:
    first = loading.import_file(db, "enquete", "enquete.csv", SURVEY, ROLE, archive=Path(db.path).parent / "a")
    loaded_at = pd.Timestamp(db.load_log().set_index("load_id").loc[first.load_id].loaded_at)
    text = refusal(db, "enquete", "enquete-kopie.csv", SURVEY)
    assert text == (
        f"enquete-kopie.csv: dit bestand (zelfde inhoud) is al geladen op {loaded_at:%d-%m-%Y %H:%M} als lading "
        f"{first.load_id} (enquete.csv). Wilt u het toch opnieuw laden, als nieuwe lading, dan kan dat met "
        "--opnieuw (opdrachtregel) of het vinkje 'Toch opnieuw laden' (pagina Gegevensbeheer)."
    )
    again = loading.import_file(
        db, "enquete", "enquete-kopie.csv", SURVEY, ROLE, archive=Path(db.path).parent / "a", reload=True
    )
    assert again.load_id == first.load_id + 1 and again.rows_superseded == 1
    assert f"zelfde inhoud als lading {first.load_id}, bewust opnieuw geladen" in db.load_log().iloc[-1].message


def test_an_undone_load_does_not_block_the_same_file(db: Store) -> None:
    first = loading.import_file(db, "enquete", "enquete.csv", SURVEY, ROLE, archive=Path(db.path).parent / "a")
    loading.undo(db, first.load_id, ROLE)
    prepared = loading.prepare(db, "enquete", "enquete.csv", SURVEY)
    assert prepared.ok and prepared.earlier is None


def test_cli_refuses_a_second_load_without_opnieuw(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    file = tmp_path / "enquete.csv"
    file.write_bytes(SURVEY)
    args = ["import", "enquete", str(file), "--db", str(db_path), "--archive", str(tmp_path / "a")]
    assert main(args) == 0
    first = int(re.search(r"Geladen als lading (\d+)", capsys.readouterr().out).group(1))  # after the build's loads
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("GEWEIGERD: 1 probleem; er is niets geladen.\n")
    assert "enquete.csv: dit bestand (zelfde inhoud) is al geladen op " in err and f"als lading {first}" in err
    assert main([*args, "--opnieuw"]) == 0
    assert f"Geladen als lading {first + 1}" in capsys.readouterr().out


# -- 6. misleading files -------------------------------------------------------------------------------

HTML_PAGE = b"""<!DOCTYPE html>\r\n<html lang="nl"><head><title>Pagina niet gevonden</title></head>
<body><h1>404</h1><p>De pagina kon niet worden gevonden.</p></body></html>\r\n"""


@pytest.mark.parametrize("name", ["kwb-2023.csv", "kwb-2023.xlsx"])
def test_html_saved_as_a_table_is_called_html(db: Store, name: str) -> None:
    text = refusal(db, "kwb", name, HTML_PAGE)
    ext = name[name.rindex(".") :]
    assert text == (
        f"{name}: dit is een webpagina (HTML) met de extensie {ext}, geen tabel. Waarschijnlijk is een foutmelding "
        "of de downloadpagina bewaard in plaats van het bestand zelf. Open de link opnieuw en download het "
        "bestand (CSV of Excel), of kies in het portaal 'Downloaden' in plaats van 'Opslaan als'."
    )


def test_title_rows_above_the_header_of_a_workbook(db: Store) -> None:
    rows = [
        ["Kerncijfers wijken en buurten 2023"],
        ["Bron: CBS, bewerking gemeente Oosterhout"],
        [],
        ["gwb_code", "regio", "recs", "a_inw"],
        ["GM0826", "Oosterhout", "Gemeente", 57924],
        ["WK082606", "Wijk 06 Dommelbergen", "Wijk", 13155],
    ]
    prepared = load(db, "kwb", "kwb-2023.xlsx", workbook(rows))
    assert values(db, 2023).loc[("inwoners", "WK082606")].value == 13155
    assert prepared.notes[0] == (
        "Omgezet: kopregel gevonden op rij 4; rij 1–3 erboven ('Kerncijfers wijken en buurten 2023') overgeslagen."
    )
    assert "kopregel gevonden op rij 4" in db.load_log().iloc[-1].message


def test_title_row_above_a_csv_header_keeps_excel_row_numbers_in_problems(db: Store) -> None:
    content = excel_csv(
        [
            ["Enquête 2026"],
            ["indicator", "gebiedscode", "jaar", "score", "respondenten"],
            ["samenhang_score", "WK082606", "2026", "16,9", "380"],
        ],
        ";",
    )
    text = refusal(db, "enquete", "enquete.csv", content)
    assert text == "enquete.csv, rij 3, kolom 'score': waarde '16,9': moet tussen 0 en 10 liggen voor deze indicator"


def test_wijk_names_in_a_wijkcode_column_are_mapped_and_said(db: Store) -> None:
    rows = [
        INITIATIVE_HEADER,
        ["INI-X-1", "Buurtkoffie", "Ontmoeting", "lopend", "01-03-2025", "Dommelbergen"],
        ["INI-X-2", "Moestuin", "Groen", "lopend", "01-04-2025", "den  hout"],
    ]
    prepared = load(db, "initiatieven", "register.csv", excel_csv(rows, ";"))
    stored = db.table("initiative").set_index("initiative_id")
    assert stored.loc["INI-X-1"].wijk_code == "WK082606" and stored.loc["INI-X-2"].wijk_code == "WK082611"
    assert (
        "Omgezet: kolom 'wijkcode': 2 naam/namen van gebieden van gemeente Oosterhout omgezet in hun code: "
        "'Dommelbergen' → WK082606, 'den  hout' → WK082611." in prepared.notes
    )


def test_a_name_shared_by_a_wijk_and_a_buurt_is_refused(db: Store) -> None:
    content = excel_csv([["indicator", "gebiedscode", "jaar", "waarde"], ["eenzaam_pct", "Dorst", "2026", "12"]], ";")
    text = refusal(db, "indicatorwaarden", "w.csv", content)
    assert text == (
        "w.csv, rij 2, kolom 'gebiedscode': waarde 'Dorst': 'Dorst' is de naam van buurt BU08261300 en wijk "
        "WK082613; gebruik de code."
    )


# -- 7. dry run per level --------------------------------------------------------------------------------


def test_dry_run_shows_per_level_what_would_be_added_or_replaced(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    file = tmp_path / "kwb-2024.xlsx"
    file.write_bytes(workbook([KWB_HEADER, *KWB_ROWS]))
    assert main(["import", "kwb", str(file), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    # the bundled 2024 file holds inwoners and oppervlakte_land_ha of the gemeente and wijken: replaced
    assert "  gemeente       8 rijen toevoegen, waarvan      2 ter vervanging\n" in out
    assert "  wijk           8 rijen toevoegen, waarvan      2 ter vervanging\n" in out
    assert "  buurt          8 rijen toevoegen, waarvan      0 ter vervanging\n" in out
    store = Store.open(db_path, read_only=True)
    assert 2024 not in set(store.table("indicator_value").query("area_code == 'BU08260601'").year)
    store.close()


def test_title_above_a_workbook_table_of_another_dataset_gets_no_separator_hint(db: Store) -> None:
    """A title in A1 and the columns of another dataset below: about the title, not about separators."""
    rows = [
        ["Register: initiatieven 2026"],
        ["initiatief_id", "titel", "thema", "status", "startdatum"],
        ["I-1", "Koffie", "Ontmoeting", "lopend", "01-03-2026"],
    ]
    text = refusal(db, "enquete", "overzicht.xlsx", workbook(rows))
    assert text == (
        "overzicht.xlsx, rij 2: 5 gevulde cellen, maar de kopregel heeft 1 kolommen. Staat er een titel in rij 1? "
        "Zet de kolomnamen bovenaan of kies het juiste soort gegevens.\n"
        "overzicht.xlsx, rij 3: 5 gevulde cellen, maar de kopregel heeft 1 kolommen. Staat er een titel in rij 1? "
        "Zet de kolomnamen bovenaan of kies het juiste soort gegevens."
    )


def test_a_workbook_with_only_a_title_column_asks_where_the_header_is(db: Store) -> None:
    rows = [["Enquête: resultaten, 2026"], ["zie tabblad 2"]]
    text = refusal(db, "enquete", "enquete.xlsx", workbook(rows))
    assert text.startswith(
        "enquete.xlsx, rij 1: verplichte kolom(men) ontbreken: indicator, gebiedscode, jaar, score, respondenten. "
        "Verwacht: indicator, gebiedscode, jaar, score, respondenten, marge. Rij 1 bevat alleen 'Enquête: "
        "resultaten, 2026': staat de kopregel lager?\n"
    )
    assert "scheidingsteken" not in text


def test_codes_without_prefix_and_without_level_are_refused_with_what_to_add(db: Store) -> None:
    """gwb_code_8 as Excel keeps it (a number, leading zero lost) and no recs column: the level is unknown."""
    rows = [["gwb_code_8", "a_inw"], [826, 57924], [82606, 13155]]
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook(rows))
    assert text == (
        "kwb-2023.xlsx, kolom 'gwb_code_8': het bestand bevat geen rijen van gemeente Oosterhout (GM0826). De kolom "
        "gwb_code_8 bevat codes zonder voorvoegsel (bijv. '826') en het bestand zegt niet of een rij een gemeente, "
        "wijk of buurt is: voeg de kolom recs of soort_regio toe (Gemeente, Wijk, Buurt), of gwb_code_10 met de "
        "volledige codes."
    )


def test_codes_of_eight_digits_without_level_are_read_by_their_length(db: Store) -> None:
    rows = [["gwb_code", "a_inw"], ["0826", "57924"], ["082606", "13155"], ["08260601", "2450"]]
    prepared = load(db, "kwb", "kwb-2023.csv", excel_csv(rows, ";"))
    stored = values(db, 2023)
    assert stored.value.to_dict() == {
        ("inwoners", "GM0826"): 57924,
        ("inwoners", "WK082606"): 13155,
        ("inwoners", "BU08260601"): 2450,
    }
    assert (
        "Omgezet: kolom 'gwb_code': 3 code(s) zonder voorvoegsel aangevuld op grond van het aantal cijfers "
        "(bijv. '0826' → GM0826)." in prepared.notes
    )


def test_statline_download_of_a_kwb_table_loads_with_its_own_column_names(db: Store) -> None:
    """The bundled file is StatLine's open-data layout (regiocode, soort_regio, aantal_inwoners, …) and was
    loaded by the build: offered again, it is the same content; confirmed, it loads the same figures."""
    path = Path(__file__).resolve().parents[1] / "data/raw/cbs-kwb-2024-wijk/oosterhout_kwb2024_gemeente_wijken.csv"
    content = path.read_bytes()
    text = refusal(db, "kwb", path.name, content)
    assert text.startswith(f"{path.name}: dit bestand (zelfde inhoud) is al geladen op 29-11-2026 00:00 als lading 3")
    bundled = db.table("indicator_value").query("load_id == 3").set_index(["indicator_id", "area_code"])
    prepared = load(db, "kwb", path.name, content, reload=True)
    assert prepared.notes[0] == (
        "Omgezet: kolommen met StatLine-namen gelezen als kwb-variabelen: regiocode → gwb_code, aantal_inwoners → "
        "a_inw, bevolkingsdichtheid_per_km2 → bev_dich, woningvoorraad → a_woning, oppervlakte_land_ha → a_lan_ha."
    )
    after = values(db, 2024)
    assert len(after) == 15 * 4 and after.value.to_dict() == bundled.value.to_dict()
    assert after.loc[("inwoners", "WK082606")].value == 13155


def test_percentages_written_as_fractions_are_refused(db: Store) -> None:
    """A CSV has no number formats: 0,119 in a percent column is 100x too small unless said otherwise."""
    rows = [["gwb_code", "a_inw", "p_jz_tn"], ["GM0826", "57924", "0,102"], ["WK082606", "13155", "0,119"]]
    rows.append(["WK082601", "8010", "0,095"])
    text = refusal(db, "kwb", "kwb-2023.csv", excel_csv(rows, ";"))
    assert text == (
        "kwb-2023.csv, kolom 'p_jz_tn': alle 3 waarden van jeugdzorg_cbs_pct liggen tussen 0 en 1 (bijv. 0,102), "
        "maar de eenheid is '% van jongeren' (0–100): staan er breuken in plaats van procenten? Schrijf 11,9 voor "
        "11,9%, of maak de cellen in Excel op als percentage."
    )


def test_fractions_in_a_long_file_are_refused_per_indicator(db: Store) -> None:
    rows = [["indicator", "gebiedscode", "jaar", "waarde"]]
    rows += [
        ["eenzaam_pct", code, "2026", value]
        for code, value in [("GM0826", "0,12"), ("WK082606", "0,15"), ("WK082601", "0,11")]
    ]
    rows.append(["samenhang_score", "WK082606", "2026", "0,9"])  # a score, not a percentage: not suspect
    text = refusal(db, "indicatorwaarden", "w.csv", excel_csv(rows, ";"))
    assert text.startswith("w.csv, kolom 'waarde': alle 3 waarden van eenzaam_pct liggen tussen 0 en 1 (bijv. 0,12)")
    assert "samenhang_score" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13,155", "comma_ambiguous"),  # English 13155 or Dutch 13,155
        ("13.155", "point_ambiguous"),
        ("0,102", "nl"),  # a thousands group never starts with 0
        ("0.102", "en"),
        ("12,4", "nl"),
        ("12.4", "en"),
        ("1.234.567", "nl"),
        ("1,234,567", "en"),
        ("1.234,5", "nl"),
        ("1,234.5", "en"),
        ("€ 1.500", "point_ambiguous"),
        ("12,5%", "nl"),
        ("57924", "plain"),
        ("1e3", "other"),
    ],
)
def test_number_shapes(text: str, expected: str) -> None:
    from data.conventions import shape

    assert shape(text) == expected


def test_a_misspelt_name_in_a_file_of_names_is_refused_not_skipped(db: Store) -> None:
    header = ["gwb_code", "recs", "a_inw"]
    rows = [["Oosterhout", "Gemeente", 57924], ["Buitengbied Oosterhout", "Wijk", 245]]
    text = refusal(db, "kwb", "kwb-2023.xlsx", workbook([header, *rows]))
    assert text == (
        "kwb-2023.xlsx, rij 3, kolom 'gwb_code': waarde 'Buitengbied Oosterhout': geen code en geen naam van een "
        "gebied van gemeente Oosterhout."
    )
