"""Importing real files: a corpus of bad files (each refused with a clear Dutch message, the store
unchanged) and good files in every supported variant (each loads).

The files are generated here and written to tmp_path; nothing binary is committed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import export
from data import datasets, importers, loading
from data.access import cli_user
from data.importers import ImportRefused
from data.store import Store
from tests.helpers import copy_store, csv_bytes, state, xlsx_bytes

ROLE = cli_user("beheerder")


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def db(built_template: Path, tmp_path: Path) -> Store:
    """A fresh writable copy of a built store, for one test."""
    path = copy_store(built_template, tmp_path / "w.duckdb")
    opened = Store.open(path)
    yield opened
    opened.close()


def encrypted_xlsx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(xlsx_bytes({"Blad1": [["indicator", "gebiedscode", "jaar", "waarde"]]}))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("geheim", out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet unpacks to 8 MB of spaces (VERIFIED.md §7, scaled down)."""
    good = io.BytesIO(xlsx_bytes({"Blad1": [["indicator"], ["inwoners"]]}))
    out = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 8_000_000)
            target.writestr(item, data)
    return out.getvalue()


def formula_xlsx() -> bytes:
    return xlsx_bytes(
        {
            "Blad1": [
                ["indicator", "gebiedscode", "jaar", "waarde"],
                ["eenzaam_pct", "WK082606", 2025, "=10+2"],
                ["eenzaam_pct", "WK082601", 2025, 11.5],
            ]
        }
    )


IV = "indicator,gebiedscode,jaar,waarde\n"
KWB_HEADER = "gwb_code;regio;recs;a_inw;a_65_oo;p_wmo_t;g_ink_pi\n"

# name, dataset, file name, content (or a factory), expected part of the message
BAD_FILES: list[tuple[str, str, str, bytes | Callable[[], bytes], str]] = [
    (
        "pipe_delimiter",
        "indicatorwaarden",
        "w.csv",
        csv_bytes("indicator|gebiedscode|jaar|waarde\na|b|1|2\n"),
        "scheidingsteken",
    ),
    ("utf16", "indicatorwaarden", "w.csv", (IV + "inwoners,GM0826,2024,1\n").encode("utf-16"), "UTF-16"),
    ("undecodable_bytes", "initiatieven", "w.csv", b"initiatief_id,titel\nA,Caf\x81\x8d\n", "onbekende tekencodering"),
    (
        "missing_column",
        "indicatorwaarden",
        "w.csv",
        csv_bytes("indicator,gebiedscode,waarde\ninwoners,GM0826,1\n"),
        "verplichte kolom(men) ontbreken: jaar",
    ),
    (
        "extra_column",
        "indicatorwaarden",
        "w.csv",
        csv_bytes("indicator,gebiedscode,jaar,waarde,opmerking\ninwoners,GM0826,2024,1,x\n"),
        "kolom 'opmerking': onbekende kolom (kolom E)",
    ),
    (
        "unknown_area",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK036301,2024,100\n"),
        "rij 2, kolom 'gebiedscode': waarde 'WK036301': onbekende gebiedscode voor gemeente Oosterhout",
    ),
    (
        "unknown_indicator",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "geluk_score,GM0826,2024,7\n"),
        "rij 2, kolom 'indicator': waarde 'geluk_score': onbekende indicator",
    ),
    (
        "derived_indicator",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "initiatieven_per_1000,GM0826,2024,7\n"),
        "afgeleide indicatoren worden berekend",
    ),
    (
        "negative_count",
        "vrijwilligers",
        "w.csv",
        csv_bytes(
            "gebiedscode;jaar;kwartaal;actieve_vrijwilligers;vrijwilligersuren;organisaties\nWK082606;2025;1;-5;10;2\n"
        ),
        "rij 2, kolom 'actieve_vrijwilligers': waarde '-5': mag niet negatief zijn",
    ),
    (
        "negative_count_indicator",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,2024,-3\n"),
        "waarde '-3': mag niet negatief zijn voor deze indicator",
    ),
    (
        "percentage_120",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "eenzaam_pct,WK082606,2024,120\n"),
        "rij 2, kolom 'waarde': waarde '120': moet tussen 0 en 100 liggen voor deze indicator",
    ),
    (
        "score_11",
        "enquete",
        "w.csv",
        csv_bytes("indicator;gebiedscode;jaar;score;respondenten;marge\nsamenhang_score;WK082606;2025;11;400;0,1\n"),
        "waarde '11': moet tussen 0 en 10 liggen voor deze indicator",
    ),
    (
        "text_in_number",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,2024,veel\n"),
        "waarde 'veel': geen getal",
    ),
    (
        "text_in_integer",
        "vrijwilligers",
        "w.csv",
        csv_bytes(
            "gebiedscode,jaar,kwartaal,actieve_vrijwilligers,vrijwilligersuren,organisaties\nWK082606,2025,1,12,10.5,2\n"
        ),
        "kolom 'vrijwilligersuren': waarde '10.5': geen geheel getal",
    ),
    (
        "formula_text_in_number",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,2024,=1+1\n"),
        "waarde '=1+1': geen getal",
    ),
    (
        "duplicate_key",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,2024,1\ninwoners,WK082601,2024,2\ninwoners,wk082606,2024,3\n"),
        "rij 4, kolom 'jaar': waarde '2024': dubbele sleutel (indicator, gebiedscode, jaar): "
        "dezelfde combinatie staat al in rij 2",
    ),
    (
        "empty_required_cell",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,,2024,1\n"),
        "rij 2, kolom 'gebiedscode': verplicht, maar leeg",
    ),
    ("empty_file", "indicatorwaarden", "w.csv", b"", "het bestand is leeg"),
    ("whitespace_only", "indicatorwaarden", "w.csv", b"\xef\xbb\xbf \r\n\r\n", "het bestand is leeg"),
    ("header_only", "indicatorwaarden", "w.csv", csv_bytes(IV), "alleen een kopregel"),
    ("binary_junk", "indicatorwaarden", "w.csv", bytes(range(256)) * 8, "binaire inhoud"),
    (
        "ragged_row",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,2024,1,5\n"),
        "rij 2: 5 gevulde cellen, maar de kopregel heeft 4 kolommen",
    ),
    (
        "duplicate_header",
        "indicatorwaarden",
        "w.csv",
        csv_bytes("indicator,jaar,jaar\nx,1,2\n"),
        "kolomnaam 'jaar' komt twee keer voor",
    ),
    ("broken_xlsx", "indicatorwaarden", "w.xlsx", lambda: xlsx_bytes({"Blad1": [["indicator"]]})[:300], "beschadigd"),
    (
        "csv_renamed_xlsx",
        "indicatorwaarden",
        "w.xlsx",
        csv_bytes(IV + "inwoners,GM0826,2024,1\n"),
        "geen Excel-bestand maar tekst",
    ),
    (
        "xlsx_renamed_csv",
        "indicatorwaarden",
        "w.csv",
        lambda: xlsx_bytes({"Blad1": [["indicator"]]}),
        "Excel- of zipbestand met de extensie .csv",
    ),
    ("encrypted_xlsx", "indicatorwaarden", "w.xlsx", encrypted_xlsx, "beveiligd met een wachtwoord"),
    (
        "ole2_header_only",
        "indicatorwaarden",
        "w.xlsx",
        importers.OLE2_MAGIC + b"\x00" * 504,
        "beveiligd met een wachtwoord",
    ),
    ("zip_bomb", "indicatorwaarden", "w.xlsx", zip_bomb, "zipbom"),
    ("formula_cells", "indicatorwaarden", "w.xlsx", formula_xlsx, "rij 2, kolom D: de cel bevat een formule (=10+2)"),
    (
        "unknown_sheet",
        "indicatorwaarden",
        "w.xlsx",
        lambda: xlsx_bytes({"Data": [["indicator"], ["x"]]}),
        "tabblad 'Gegevens' bestaat niet",
    ),
    ("unsupported_type", "indicatorwaarden", "w.json", b'{"indicator": "inwoners"}', "wordt niet ondersteund"),
    ("old_xls_extension", "indicatorwaarden", "w.xls", b"indicator\ninwoners\n", "geen .xlsx-bestand"),
    (
        "unknown_taakveld",
        "uitgaven",
        "w.csv",
        csv_bytes("taakveld;gebiedscode;jaar;soort;bedrag_eur\n7.1;GM0826;2025;realisatie;1.000,00\n"),
        "waarde '7.1': onbekend Iv3-taakveld",
    ),
    (
        "unknown_choice",
        "uitgaven",
        "w.csv",
        csv_bytes("taakveld;gebiedscode;jaar;soort;bedrag_eur\n6.1;GM0826;2025;prognose;1000\n"),
        "waarde 'prognose': kies uit: begroot, realisatie",
    ),
    (
        "bad_date",
        "initiatieven",
        "w.csv",
        csv_bytes(
            "initiatief_id;titel;thema;status;startdatum;wijkcode\nI-1;Buurtkoffie;Ontmoeting;lopend;31-02-2025;WK082606\n"
        ),
        "waarde '31-02-2025': geen datum",
    ),
    (
        "end_before_start",
        "initiatieven",
        "w.csv",
        csv_bytes(
            "initiatief_id;titel;thema;status;startdatum;einddatum;wijkcode\n"
            "I-1;Buurtkoffie;Ontmoeting;afgerond;01-05-2025;01-04-2025;WK082606\n"
        ),
        "de einddatum ligt voor de startdatum",
    ),
    (
        "implausible_date",
        "agenda",
        "w.csv",
        csv_bytes(
            "agenda_id;gebiedscode;thema;actie;eigenaar_rol;status;deadline;voortgang_pct\n"
            "AG-1;WK082606;samenhang;Buurtkamer;wijkmakelaar;lopend;31-12-2203;10\n"
        ),
        "onwaarschijnlijke datum",
    ),
    (
        "year_out_of_range",
        "indicatorwaarden",
        "w.csv",
        csv_bytes(IV + "inwoners,WK082606,1899,1\n"),
        "waarde '1899': moet tussen 1990 en",
    ),
    (
        "buurt_not_in_wijk",
        "initiatieven",
        "w.csv",
        csv_bytes(
            "initiatief_id;titel;thema;status;startdatum;wijkcode;buurtcode\n"
            "I-1;Buurtkoffie;Ontmoeting;lopend;01-05-2025;WK082606;BU08260000\n"
        ),
        "de buurt ligt niet in deze wijk",
    ),
    (
        "wijk_code_is_buurt",
        "initiatieven",
        "w.csv",
        csv_bytes(
            "initiatief_id;titel;thema;status;startdatum;wijkcode\nI-1;Koffie;Ontmoeting;lopend;01-05-2025;BU08260000\n"
        ),
        "geen bekende wijkcode van gemeente Oosterhout",
    ),
    (
        "kwb_other_gemeente",
        "kwb",
        "kwb-2024.csv",
        csv_bytes(KWB_HEADER + "GM0363;Amsterdam;Gemeente;931298;.;.;.\nWK036300;Burgwallen;Wijk;4000;.;.;.\n"),
        "geen rijen van gemeente Oosterhout (GM0826)",
    ),
    (
        "kwb_text_in_variable",
        "kwb",
        "kwb-2024.csv",
        csv_bytes(KWB_HEADER + "GM0826;Oosterhout;Gemeente;57924;onbekend;.;.\n"),
        "kolom 'a_65_oo': waarde 'onbekend': geen geheel getal",
    ),
    (
        "kwb_no_year",
        "kwb",
        "kerncijfers.csv",
        csv_bytes(KWB_HEADER + "GM0826;Oosterhout;Gemeente;57924;.;.;.\n"),
        "het jaar is niet te bepalen",
    ),
    (
        "kwb_not_cbs_layout",
        "kwb",
        "kwb-2024.csv",
        csv_bytes(IV + "inwoners,GM0826,2024,1\n"),
        "kolom 'gwb_code' ontbreekt",
    ),
    (
        "kwb_unknown_code_of_gemeente",
        "kwb",
        "kwb-2024.csv",
        csv_bytes(KWB_HEADER + "WK082699;Nieuw;Wijk;10;.;.;.\n"),
        "waarde 'WK082699': onbekende gebiedscode",
    ),
]


def _content(item: bytes | Callable[[], bytes]) -> bytes:
    return item() if callable(item) else item


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD_FILES) >= 25
    assert len({name for name, *_ in BAD_FILES}) == len(BAD_FILES)


@pytest.mark.parametrize(
    ("dataset", "file_name", "content", "expected"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_is_refused_and_the_store_unchanged(
    db: Store, tmp_path: Path, dataset: str, file_name: str, content: bytes | Callable[[], bytes], expected: str
) -> None:
    before = state(db)
    sheet = "Gegevens" if "tabblad" in expected else None
    with pytest.raises(ImportRefused) as refused:
        loading.import_file(db, dataset, file_name, _content(content), ROLE, sheet=sheet, archive=tmp_path / "arch")
    text = "\n".join(refused.value.problems)
    assert expected in text, text
    assert all(line.startswith(file_name) for line in refused.value.problems), text  # every message names the file
    after = state(db)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]
    assert not (tmp_path / "arch").exists()  # a refused file is not archived


def test_oversized_file_is_refused_before_parsing(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1000)
    before = state(db)
    content = csv_bytes(IV + "inwoners,WK082606,2024,1\n" * 100)
    with pytest.raises(ImportRefused, match=r"te groot \(0,0 MB\); de grens is 0,0 MB"):
        loading.import_file(db, "indicatorwaarden", "groot.csv", content, ROLE)
    assert state(db)[1] == before[1]


def test_problems_are_capped_at_fifty_with_a_total(db: Store) -> None:
    content = csv_bytes(IV + "".join(f"inwoners,WK082606,{2000 + i},x\n" for i in range(20)) * 1)
    content += "".join(f"eenzaam_pct,WK0826{i % 14:02d},{1990 + i // 14},200\r\n" for i in range(60)).encode()
    prepared = loading.prepare(db, "indicatorwaarden", "veel.csv", content)
    assert prepared.total_problems == 80
    messages = prepared.messages()
    assert len(messages) == 51 and messages[-1] == "… en nog 30 problemen; 80 problemen in totaal."
    assert len(prepared.problem_table()) == 50


# -- good files ------------------------------------------------------------------------------------

GOOD_ROWS = [["eenzaam_pct", "WK082606", 2020, 12.5], ["inwoners", "GM0826", 2025, 58123]]


def _iv_text(separator: str, decimal: str) -> str:
    lines = [separator.join(["indicator", "gebiedscode", "jaar", "waarde"])]
    for row in GOOD_ROWS:
        lines.append(separator.join(str(v).replace(".", decimal) for v in row))
    return "\n".join(lines) + "\n"


GOOD_VARIANTS = {
    "comma_utf8_point": ("w.csv", csv_bytes(_iv_text(",", "."))),
    "semicolon_cp1252_comma": ("w.csv", csv_bytes(_iv_text(";", ","), "cp1252")),
    "semicolon_utf8_bom": ("w.csv", csv_bytes(_iv_text(";", ","), "utf-8-sig")),
    "tab_separated": ("w.txt", csv_bytes(_iv_text("\t", "."))),
    "lf_line_ends_upper_headers": (
        "w.csv",
        _iv_text(",", ".").replace("indicator,gebiedscode", "Indicator,GEBIEDSCODE").encode(),
    ),
    "xlsx_first_sheet": (
        "w.xlsx",
        xlsx_bytes({"Waarden": [["indicator", "gebiedscode", "jaar", "waarde"], *GOOD_ROWS]}),
    ),
    "xlsx_text_numbers_decimal_comma": (
        "w.xlsx",
        xlsx_bytes(
            {
                "Blad1": [
                    ["indicator", "gebiedscode", "jaar", "waarde"],
                    ["eenzaam_pct", "WK082606", "2020", "12,5"],
                    ["inwoners", "GM0826", 2025, "58.123"],
                ]
            }
        ),
    ),
}


@pytest.mark.parametrize("variant", list(GOOD_VARIANTS))
def test_good_variants_load(db: Store, tmp_path: Path, variant: str) -> None:
    file_name, content = GOOD_VARIANTS[variant]
    result = loading.import_file(db, "indicatorwaarden", file_name, content, ROLE, archive=tmp_path / "arch")
    assert result.rows_added == 2 and result.rows_superseded == 1  # eenzaam_pct 2020 existed (RIVM)
    values = db.table("indicator_value").set_index(["indicator_id", "area_code", "year"])
    assert values.loc[("eenzaam_pct", "WK082606", 2020)].value == pytest.approx(12.5)
    assert values.loc[("inwoners", "GM0826", 2025)].value == 58123
    log = db.load_log().iloc[-1]
    assert (log.dataset, log.source, log.loaded_by, log.status, bool(log.is_demo)) == (
        "indicatorwaarden",
        file_name,
        ROLE.role,
        "ok",
        False,
    )


def test_named_sheet_of_a_workbook(db: Store, tmp_path: Path) -> None:
    content = xlsx_bytes(
        {
            "Uitleg": [["Dit tabblad is toelichting"]],
            "Cijfers": [["indicator", "gebiedscode", "jaar", "waarde"], *GOOD_ROWS],
        }
    )
    with pytest.raises(ImportRefused, match="alleen een kopregel"):  # the first sheet is the explanation
        loading.import_file(db, "indicatorwaarden", "w.xlsx", content, ROLE, archive=tmp_path)
    result = loading.import_file(db, "indicatorwaarden", "w.xlsx", content, ROLE, sheet="cijfers", archive=tmp_path)
    assert result.rows_added == 2
    assert "tabblad 'Cijfers'" in db.load_log().iloc[-1].message


def test_detected_format_is_reported(db: Store) -> None:
    content = csv_bytes(
        "initiatief_id;titel;thema;status;startdatum;subsidie_eur;wijkcode\nI-1;Café;Ontmoeting;lopend;01-05-2025;"
        "12,50;WK082606\n",
        "cp1252",
    )
    prepared = loading.prepare(db, "initiatieven", "w.csv", content)
    assert prepared.ok, prepared.messages()
    assert prepared.format_text() == (
        "CSV · scheidingsteken puntkomma (;) · tekencodering Windows-1252 · decimaalkomma"
    )
    prepared = loading.prepare(db, "indicatorwaarden", "w.csv", csv_bytes(_iv_text(",", "."), "utf-8-sig"))
    assert prepared.format_text() == "CSV · scheidingsteken komma (,) · tekencodering UTF-8 met BOM · decimaalpunt"
    prepared = loading.prepare(db, "indicatorwaarden", "w.xlsx", GOOD_VARIANTS["xlsx_first_sheet"][1])
    assert prepared.format_text().startswith("Excel (.xlsx) · tabblad 'Waarden'")


def test_survey_results_carry_respondents_and_margin(db: Store) -> None:
    content = csv_bytes(
        "indicator;gebiedscode;jaar;score;respondenten;marge\nsamenhang_score;WK082606;2025;6,9;412;0,13\n"
        "hulp_buren_pct;WK082606;2025;64,5;410;4,6\n"
    )
    loading.import_file(db, "enquete", "enquete-2025.csv", content, ROLE, archive=Path(db.path).parent / "a")
    row = (
        db.table("indicator_value")
        .set_index(["indicator_id", "area_code", "year"])
        .loc[("samenhang_score", "WK082606", 2025)]
    )
    assert (row.value, row.n_respondents, row.margin) == (pytest.approx(6.9), 412, pytest.approx(0.13))


def test_cp1252_text_and_formula_like_text_are_stored_as_text_and_neutralised_on_export(db: Store) -> None:
    content = csv_bytes(
        "initiatief_id;titel;omschrijving;thema;status;startdatum;einddatum;deelnemers;subsidie_eur;wijkcode;buurtcode;"
        "mooi_voorbeeld\n"
        'INI-X-1;Café Één;=HYPERLINK("http://x");Ontmoeting;lopend;2025-03-01;;25;1.250,50;WK082606;;ja\n'
        "INI-X-2;-min;@aanroep;Jeugd;afgerond;01-02-2024;30-06-2024;;;WK082600;BU08260000;\n",
        "cp1252",
    )
    loading.import_file(db, "initiatieven", "register.csv", content, ROLE, archive=Path(db.path).parent / "a")
    initiatives = db.table("initiative").set_index("initiative_id")
    first, second = initiatives.loc["INI-X-1"], initiatives.loc["INI-X-2"]
    assert first.title == "Café Één" and first.description == '=HYPERLINK("http://x")'
    assert float(first.subsidy_eur) == 1250.5 and first.participants == 25 and bool(first.is_good_example)
    assert (
        pd.isna(first.end_date)
        and pd.Timestamp(second.end_date) == pd.Timestamp("2024-06-30")
        and not bool(second.is_good_example)
    )
    exported = export.to_csv(initiatives.reset_index()[["title", "description"]]).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and "'-min" in exported and "'@aanroep" in exported


@pytest.mark.parametrize("dataset", datasets.dataset_names())
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_template_is_a_valid_file(db: Store, dataset: str, kind: str) -> None:
    frame = datasets.template_frame(dataset)
    content = export.to_csv(frame) if kind == "csv" else export.to_xlsx(frame, datasets.template_notes(dataset))
    name = f"kwb-2024.{kind}" if dataset == "kwb" else f"sjabloon.{kind}"
    prepared = loading.prepare(db, dataset, name, content)
    assert prepared.ok, prepared.messages()
    assert prepared.rows_added >= 1


def _kwb_csv() -> bytes:
    # CBS's own layout: ';', decimal comma, '.' for secret, other gemeenten and Nederland in the same file
    return csv_bytes(
        "gwb_code_10;gwb_code;regio;gm_naam;recs;ind_wbi;a_inw;a_65_oo;a_1p_hh;p_wmo_t;p_jz_tn;a_soz_wb;g_ink_pi;a_bedv\n"
        "NL00;NL00;Nederland;Nederland;Land;.;17942942;3638000;3290000;71;10,9;410000;33,4;1\n"
        "GM0826;GM0826;Oosterhout;Oosterhout;Gemeente;.;57924;13260;10945;69;10,2;1010;34,2;2\n"
        "WK082606;WK082606;Wijk 06 Dommelbergen;Oosterhout;Wijk;1;13155;2455;2180;80;12,4;.;29,8;3\n"
        "WK082610;WK082610;Wijk 10 Buitengebied Oosterhout;Oosterhout;Wijk;1;455;120;.;.;.;.;.;4\n"
        "GM0363;GM0363;Amsterdam;Amsterdam;Gemeente;.;931298;130000;250000;60;9,9;40000;36,1;5\n"
    )


def test_kwb_file_in_cbs_layout(db: Store) -> None:
    prepared = loading.prepare(db, "kwb", "kwb-2023.csv", _kwb_csv())
    assert prepared.ok, prepared.messages()
    assert any("2 rij(en) van andere gemeenten" in n for n in prepared.notes)
    assert any("a_bedv" in n for n in prepared.notes)  # an unmapped variable is skipped, and said so
    result = loading.commit(db, prepared, ROLE, Path(db.path).parent / "a")
    assert result.rows_added == 3 * 7
    values = db.table("indicator_value").query("year == 2023").set_index(["indicator_id", "area_code"])
    assert values.loc[("inwoners", "WK082606")].value == 13155
    assert values.loc[("inkomen_per_inwoner", "GM0826")].value == pytest.approx(34.2)
    assert values.loc[("jeugdzorg_cbs_pct", "WK082606")].value == pytest.approx(12.4)
    assert pd.isna(values.loc[("bijstand_cbs", "WK082606")].value)  # '.' = secret -> NULL
    assert not values.index.get_level_values("area_code").str.startswith(("GM0363", "NL")).any()
    indicators = db.table("indicator").set_index("indicator_id")
    mapped = datasets.load_kwb_mapping().variables.values()
    assert not indicators.loc[list(mapped)].is_demo.any()
    assert indicators.loc[list(mapped)].source.str.startswith("CBS").all()


def test_kwb_workbook_with_year_given(db: Store) -> None:
    content = xlsx_bytes(
        {"kwb": [["gwb_code", "regio", "recs", "a_inw", "p_wmo_t"], ["GM0826", "Oosterhout", "Gemeente", 57924, "."]]}
    )
    prepared = loading.prepare(db, "kwb", "kerncijfers.xlsx", content, year=2022)
    assert prepared.ok, prepared.messages()
    assert set(prepared.validated.frames["indicator_value"].year) == {2022}


def test_kwb_mapping_points_at_catalogue_indicators() -> None:
    from data.catalogue import load_catalogue

    indicators = set(load_catalogue().indicators.indicator_id)
    assert set(datasets.load_kwb_mapping().variables.values()) <= indicators


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("score 0–10", (0, 10)),
        ("%", (0, 100)),
        ("% van jongeren", (0, 100)),
        ("per 1.000 inwoners", (0, 1000)),
        ("aantal", (0, None)),
        ("ha", (0, None)),
        ("× € 1.000", (0, None)),
        ("index", (None, None)),
    ],
)
def test_unit_ranges(unit: str, expected: tuple) -> None:
    assert datasets.unit_range(unit) == expected
