"""Hostile input (issue 8): user text is shown inert everywhere, links with unknown values get a Dutch notice,
SQL stays parameterised, exports neutralise formulas, uploads are checked on name and content.

Streamlit 1.67 reads markdown in st.markdown/caption/alerts/headers/labels and in st.table cells; the escaping
itself (ui.text.inert) is checked in a real browser in tests/browser/test_hostile_input.py. Here AppTest checks
that every page passes user text through it (the element holds exactly ``inert(text)``, never the raw text),
and that plain contexts (st.dataframe) hold the raw text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from analysis import export
from charts.text import for_plotly
from data import edits, importers, loading
from data.access import User
from data.importers import ImportRefused, file_label
from data.store import Store
from tests.helpers import copy_store, csv_bytes, state, xlsx_bytes
from ui.navigation import ROOT
from ui.text import WORD_JOINER, file_part, inert, one_line
from ui.views import initiatieven_handout as handout
from ui.views import wijkprofiel

# -- the hostile strings -----------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[klik](javascript:alert(1))"
PICTURE = "![x](http://example.org/x.png)"
TRICKS = "**vet** :red[rood] $x^2$ :material/home:"
TITLE = f"{SCRIPT} {IMG} **vet**"
STORY = f"{JS_LINK} {PICTURE} :red[rood] $x^2$ :material/home:"
THEME = "**Ontmoeting** :blue[x]"
FORMULA_TITLE = '=HYPERLINK("http://example.org/x","klik")'
FORMULA_STORY = "@SUM(1+1)*cmd|' /C calc'!A0"
SQL_TITLE = "WK082613' or '1'='1"
SQL_STORY = "'; drop table load_log; --"
NOTE_TEXT = f"{IMG} {JS_LINK} {TRICKS}"
ACTION = f"{SCRIPT} {PICTURE} **actie** $x^2$"
FILE_NAME = f"{IMG} **register** {JS_LINK}.csv"
GOOD_EXAMPLE = "INI-2099-001"
WIJK = "WK082613"  # Dorst
INJECTIONS = [SCRIPT, "WK082613' or '1'='1", "'; drop table load_log; --", JS_LINK, "x" * 100]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


EDITOR = User("opgaveleider", account="account-test")  # writes notes and agenda items everywhere
BEHEERDER = User("beheerder", account="account-test")  # loads files


def add_note(store: Store, area_code: str, text: str) -> None:
    """Through data.edits, as the Logboek page does (one place to adapt when edits take a user object)."""
    edits.add_note(store, edits.Note(area_code, date(2025, 6, 1), text, None), EDITOR)


def add_agenda_item(store: Store, area_code: str, action: str) -> None:
    """Through data.edits, as the Agenda page does (one place to adapt when edits take a user object)."""
    item = edits.AgendaItem(area_code, "samenhang", action, "wijkmakelaar", "lopend", date(2027, 1, 1), 10)
    edits.add_agenda_item(store, item, EDITOR)


def initiatives_csv() -> bytes:
    """Three initiatives in Dorst, written with the csv module (quotes around ';' and '"')."""
    header = ["initiatief_id", "titel", "omschrijving", "thema", "status", "startdatum", "einddatum", "deelnemers",
              "subsidie_eur", "wijkcode", "buurtcode", "mooi_voorbeeld"]  # fmt: skip
    rows = [
        [GOOD_EXAMPLE, TITLE, STORY, THEME, "lopend", "01-03-2025", "", "25", "750", WIJK, "", "ja"],
        ["INI-2099-002", FORMULA_TITLE, FORMULA_STORY, "+Zorg", "lopend", "01-04-2025", "", "30", "0", WIJK, "", "nee"],
        ["INI-2099-003", SQL_TITLE, SQL_STORY, "Ontmoeting", "idee", "01-05-2025", "", "12", "0", WIJK, "", "nee"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def make_hostile_store(template: Path, path: Path) -> Path:
    """A copy of the built store ``template`` plus hostile initiatives (real import path, hostile file name),
    notes and an agenda item. Also used by the browser test."""
    store = Store.open(copy_store(template, path))
    try:
        loading.import_file(store, "initiatieven", FILE_NAME, initiatives_csv(), BEHEERDER,
                            archive=path.parent / "archive")  # fmt: skip
        add_note(store, WIJK, NOTE_TEXT)
        add_note(store, "GM0826", NOTE_TEXT)
        add_agenda_item(store, WIJK, ACTION)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def hostile_db(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_store(built_template, tmp_path_factory.mktemp("hostile") / "w.duckdb")


def _reset_app_caches() -> None:
    """ui.store holds one Store per process and caches tables per data version: start afresh."""
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def hostile_app(hostile_db: Path, built_db: Path) -> Iterator[Store]:
    """AppTests in this module read the hostile store; afterwards the session's store is used again
    (``built_db`` first: it sets WIJKMONITOR_DB, which is restored afterwards)."""
    previous = os.environ.get("WIJKMONITOR_DB")
    os.environ["WIJKMONITOR_DB"] = str(hostile_db)
    _reset_app_caches()
    store = Store.open(hostile_db)
    try:
        yield store
    finally:
        store.close()
        _reset_app_caches()
        if previous is None:
            os.environ.pop("WIJKMONITOR_DB", None)
        else:
            os.environ["WIJKMONITOR_DB"] = previous


def open_page(path: str, **query: str) -> AppTest:
    """``path`` with ``query`` in the URL on the session's first run (the entrypoint registers the pages and runs
    it). Open demo mode as the beheerder, who may open every page and sees register rows."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["role"] = "beheerder"
    for key, value in query.items():
        at.query_params[key] = value
    at = at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _cells(frame: pd.DataFrame) -> list[str]:
    """Every cell, index entry and column name of a table, as text."""
    data = frame.data if hasattr(frame, "data") else frame  # a Styler
    texts = [str(v) for v in data.to_numpy().ravel()]
    texts += [str(v) for v in data.index] + [str(c) for c in data.columns]
    return texts


def markdown_texts(at: AppTest) -> list[str]:
    """Everything AppTest shows that Streamlit renders as markdown: text elements, alerts, st.table cells."""
    texts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        texts += [str(e.value) for e in getattr(at, kind)]
    for table in at.table:
        texts += _cells(table.value)
    texts += [str(e.label) for e in at.expander]
    return texts


def dataframe_texts(at: AppTest) -> list[str]:
    return [text for frame in at.dataframe for text in _cells(frame.value)]


def assert_inert(at: AppTest, raw: str) -> None:
    """``raw`` is on the page exactly as ``inert(raw)`` in some markdown element, and nowhere as itself."""
    texts = markdown_texts(at)
    assert any(inert(raw) in t for t in texts), f"{inert(raw)!r} not in {texts}"
    assert not [t for t in texts if raw in t], f"{raw!r} reaches markdown unescaped"


# -- ui.text: concrete escapes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        (SCRIPT, r"\<script\>alert(1)\</script\>"),
        (IMG, r"\<img src=x onerror=alert(1)\>"),
        (JS_LINK, r"\[klik\](javascript\:alert(1))"),
        (PICTURE, rf"!\[x\](http:{WORD_JOINER}//example.org/x.png)"),
        ("**vet**", r"\*\*vet\*\*"),
        (":red[rood]", r"\:red\[rood\]"),
        ("$x^2$", r"\$x^2\$"),
        (":material/home:", r"\:material\/home:"),
        (":smile:", f":{WORD_JOINER}smile:"),
        ("www.example.org", f"www{WORD_JOINER}.example.org"),
        ("a@b.nl", f"a@{WORD_JOINER}b.nl"),
        ("&lt;b&gt;", r"\&lt;b\&gt;"),
        ("# kop\n- punt\n1. een\n---\n> citaat", "\\# kop\n\\- punt\n1\\. een\n\\---\n\\> citaat"),
        ("`code` ~~weg~~ a|b {x}", r"\`code\` \~\~weg\~\~ a\|b \{x\}"),
        ("Let op: 10:30 uur, 6.6 Wmo, AG-05-01 & co.", "Let op: 10:30 uur, 6.6 Wmo, AG-05-01 & co."),
        ("a\x00b\x1bc", "abc"),
    ],
)
def test_inert_escapes_exactly_what_markdown_would_read(raw: str, escaped: str) -> None:
    assert inert(raw) == escaped


def test_one_line_and_the_40_character_cut() -> None:
    assert one_line("a\nb\r\n\tc") == "a b c"
    assert one_line("x" * 100, 40) == "x" * 39 + "…"
    assert one_line(SCRIPT * 3, 40) == inert((SCRIPT * 3)[:39] + "…")


def test_plotly_text_is_html_escaped() -> None:
    assert for_plotly(f"{SCRIPT} <b>vet</b> <a href='javascript:alert(1)'>x</a> &amp;\nregel") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt; &lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt; "
        "&amp;amp;<br>regel"
    )


def test_download_file_name_part() -> None:
    assert file_part("../../etc/passwd") == "etc_passwd"
    assert file_part("INI-2025-001") == "INI-2025-001"
    assert file_part("\x00\n") == "bestand"


# -- file names of uploads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label", "suffix"),
    [
        ("../../etc/passwd.csv", "passwd.csv", ".csv"),
        ("..\\x.xlsx", "x.xlsx", ".xlsx"),
        ("C:\\Users\\me\\kwb-2024.xlsx", "kwb-2024.xlsx", ".xlsx"),
        ("a\x00b.csv", "ab.csv", ".csv"),
        ("regel\neen\r\n.csv", "regeleen.csv", ".csv"),
        ("\u202egnp.csv", "gnp.csv", ".csv"),
        ("..", "bestand", ".bin"),
        ("x.csv\x00.exe", "x.csv.exe", ".bin"),
    ],
)
def test_file_label_is_never_a_path(name: str, label: str, suffix: str) -> None:
    assert file_label(name) == label
    assert importers.archive_extension(name) == suffix


def test_very_long_file_name_is_shortened_with_its_extension() -> None:
    label = file_label("a" * 5000 + ".csv")
    assert len(label) == importers.MAX_NAME_CHARS and label.endswith("….csv")


SURVEY = "indicator;gebiedscode;jaar;score;respondenten\nsamenhang_score;WK082606;2026;7,0;398\n"


@pytest.fixture
def fresh_db(built_template: Path, tmp_path: Path) -> Iterator[Store]:
    store = Store.open(copy_store(built_template, tmp_path / "w.duckdb"))
    yield store
    store.close()


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "..\\..\\x.csv", "a\x00\n.csv", "y" * 5000 + ".csv"])
def test_hostile_file_name_is_archived_by_hash_and_logged_as_a_label(
    fresh_db: Store, tmp_path: Path, name: str
) -> None:
    archive = tmp_path / "archive"
    result = loading.import_file(fresh_db, "enquete", name, csv_bytes(SURVEY), BEHEERDER, archive=archive)
    files = list(archive.iterdir())
    assert [f.name for f in files] == [f"{fresh_db.load_log().set_index('load_id').at[result.load_id, 'sha256']}.csv"]
    assert {p.name for p in tmp_path.iterdir()} - {"w.duckdb.wal"} == {"archive", "w.duckdb"}  # nothing elsewhere
    source = fresh_db.load_log().set_index("load_id").at[result.load_id, "source"]
    assert source == file_label(name) and "/" not in source and "\\" not in source
    assert not re.search(r"[\x00-\x1f]", source) and len(source) <= importers.MAX_NAME_CHARS


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("plaatje.csv", PNG, "geen tekstbestand"),
        ("document.csv", PDF, "geen tekstbestand"),
        ("werkmap.csv", xlsx_bytes({"Blad1": [["a"], [1]]}), "Excel- of zipbestand met de extensie .csv"),
        ("tekst.xlsx", csv_bytes(SURVEY), "geen Excel-bestand maar tekst"),
        ("plaatje.xlsx", PNG, "beschadigd of onvolledig"),
        ("archief.xlsx", _zip({"xl/workbook.xml": b"<workbook/>"}), "[Content_Types].xml ontbreekt"),
        ("archief2.xlsx", _zip({"[Content_Types].xml": b"<Types/>"}), "xl/workbook.xml ontbreekt"),
        ("script.html", b"<script>alert(1)</script>", "bestandstype '.html' wordt niet ondersteund"),
        ("programma.exe", b"MZ\x90\x00", "bestandstype '.exe' wordt niet ondersteund"),
        ("geen_extensie", csv_bytes(SURVEY), "bestandstype '(geen)' wordt niet ondersteund"),
    ],
)
def test_wrong_content_for_the_extension_is_refused_in_dutch(
    fresh_db: Store, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    before = state(fresh_db)
    with pytest.raises(ImportRefused) as refused:
        loading.import_file(fresh_db, "enquete", name, content, BEHEERDER, archive=tmp_path / "archive")
    assert reason in refused.value.problems[0] and refused.value.problems[0].startswith(f"{file_label(name)}: ")
    after = state(fresh_db)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1] and not (tmp_path / "archive").exists()


def test_too_large_upload_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportRefused, match="het bestand is te groot"):
        importers.read_table("groot.csv", csv_bytes(SURVEY * 5))


# -- SQL: injection strings through the import path ---------------------------------------------------------


def test_injection_strings_in_an_import_are_refused_and_change_nothing(fresh_db: Store, tmp_path: Path) -> None:
    before = state(fresh_db)
    bad = csv_bytes(
        "indicator;gebiedscode;jaar;score;respondenten\n"
        "samenhang_score;WK082613' or '1'='1;2026;7,0;398\n"
        '"\'; drop table load_log; --";WK082613;2026;7,0;398\n'
    )
    prepared = loading.prepare(fresh_db, "enquete", "injectie.csv", bad)
    assert not prepared.ok
    reasons = " ".join(prepared.messages())
    assert "WK082613' OR '1'='1" in reasons or "WK082613' or '1'='1" in reasons
    assert "drop table load_log" in reasons
    with pytest.raises(ImportRefused):
        loading.commit(fresh_db, prepared, BEHEERDER, archive=tmp_path / "archive")
    after = state(fresh_db)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


def test_injection_strings_as_text_are_stored_literally(hostile_db: Path) -> None:
    store = Store.open(hostile_db)
    try:
        titles = store.table("initiative").set_index("initiative_id").title
        assert titles["INI-2099-003"] == SQL_TITLE and titles["INI-2099-002"] == FORMULA_TITLE
        assert "load_log" in set(store.query("select table_name from duckdb_tables()").table_name)
        assert store.load_log().set_index("source").loc[file_label(FILE_NAME)].dataset == "initiatieven"
    finally:
        store.close()


def test_store_builds_sql_from_constants_only() -> None:
    """Every f-string SQL statement in data/ names a table checked against TABLE_KEYS or DuckDB's catalogue;
    values always travel as $named parameters. A new f-string with SQL must be looked at (and listed here)."""
    allowed = {
        # {where} is one of two constant strings; the area travels as $area_code
        "sql = f\"select * from {name}_at($as_of){where} order by {', '.join(TABLE_KEYS[name])}\"",
        "cur.execute(f\"copy (select * from {table}) to '{_sql_path(target)}' (format parquet)\")",
        'count = int(cur.execute(f"select count(*) from {table}").fetchall()[0][0])',
        "f\"insert into {table} by name select * from read_parquet('{_sql_path(file)}')\"",
        "con.execute(f\"select * from read_parquet('{_sql_path(file)}')\").fetch_df()",
        'cur.execute(f"select * from {table}").fetch_df()',
        'cur.execute(f"insert into {table} by name select * from _incoming")',
        'f"select count(*) from {table}_at($as_of) "',
    }
    found = set()
    for path in [*(ROOT / "data").glob("*.py"), *(ROOT / "report").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bf[\"'].*\b(select|insert|update|delete|copy|drop|create)\b", line, re.IGNORECASE):
                found.add(line.split("  # noqa")[0].strip())
    assert found <= allowed, found - allowed


# -- exports -------------------------------------------------------------------------------------------------


def _csv_cells(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return [cell for row in rows for cell in row]


def _xlsx_cells(data: bytes) -> list[tuple[object, str]]:
    workbook = load_workbook(io.BytesIO(data))
    return [(cell.value, cell.data_type) for sheet in workbook for row in sheet.iter_rows() for cell in row]


def assert_no_formula(csv_data: bytes, xlsx_data: bytes) -> None:
    for cell in _csv_cells(csv_data):
        assert not cell.startswith(FORMULA_START) or _is_number(cell), cell
    for value, kind in _xlsx_cells(xlsx_data):
        assert kind != "f", value
        assert not (isinstance(value, str) and value.startswith(FORMULA_START)), value


def _is_number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(,\d+)?", cell) is not None


def test_export_neutralises_every_formula_start() -> None:
    frame = pd.DataFrame(
        {
            "=kop": ["=1+1", "+31 6", "-2", "@SUM(A1)", "\t=x", "\r=x", "gewoon", None],
            "getal": [1.5, -2.0, 3, 4, 5, 6, 7, None],
            "categorie": pd.Categorical(["=a", "b", "c", "d", "e", "f", "g", "h"]),
            "controle": ["a\x00b", "c\x1bd", "e", "f", "g", "h", "i", "j"],
        }
    )
    csv_data = export.to_csv(frame)
    xlsx_data = export.to_xlsx(frame, [("=Bron", "-iets"), ("Inhoud", FORMULA_TITLE)])
    assert_no_formula(csv_data, xlsx_data)
    cells = _csv_cells(csv_data)
    assert {"'=kop", "'=1+1", "'+31 6", "'-2", "'@SUM(A1)", "'\t=x", "'\r=x", "gewoon", "-2,0", "'=a"} <= set(cells)
    values = [value for value, _ in _xlsx_cells(xlsx_data)]
    assert {"'=kop", "'=1+1", "'=a", "ab", "cd", "'=Bron", "'-iets", "'" + FORMULA_TITLE} <= set(values)


def test_every_csv_and_xlsx_download_goes_through_analysis_export() -> None:
    """st.download_button appears only in ui/widgets.py (CSV/XLSX via analysis.export), the HTML handout and the
    PDF snapshots; no page writes a spreadsheet itself."""
    calls = {}
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        calls[path.relative_to(ROOT).as_posix()] = len(re.findall(r"\.download_button\(", text))
        assert not re.search(r"\.to_(csv|excel)\(|openpyxl", text) or path.name == "widgets.py", path
    assert {k: v for k, v in calls.items() if v} == {
        "ui/widgets.py": 2,
        "ui/views/initiatieven.py": 1,
        "ui/views/raadssnapshot.py": 2,
    }
    widgets_source = (ROOT / "ui" / "widgets.py").read_text(encoding="utf-8")
    assert "lambda: export.to_csv(frame)" in widgets_source and "lambda: export.to_xlsx(frame, notes)" in widgets_source


@pytest.mark.parametrize(
    ("page", "query"),
    [
        *(
            ("pages/initiatieven.py", {"ini_wijk": WIJK, "onderdeel": tab})  # only the open tab runs: each one
            for tab in ("Initiatieven", "Subsidie en budget", "Vrijwilligers en draagkracht", "Register")
        ),
        ("pages/kaart.py", {}),
        *(
            ("pages/sociaal_domein.py", {"onderdeel": tab})  # the tabs with a download
            for tab in ("Begroot en gerealiseerd", "Inzet per wijk", "Samenhang en zorg")
        ),
        ("pages/gegevensbeheer.py", {}),
    ],
)
def test_downloads_of_every_page_neutralise_hostile_cells(
    hostile_app: Store, monkeypatch: pytest.MonkeyPatch, page: str, query: dict[str, str]
) -> None:
    """Every frame a page offers for download, written as the download buttons write it."""
    from ui import widgets

    offered: list[tuple[pd.DataFrame, list[tuple[str, str]]]] = []
    real = widgets.download_buttons

    def record(frame, notes, file_stem, key, labels=("Download CSV", "Download Excel")):
        offered.append((frame, notes))
        real(frame, notes, file_stem, key, labels)

    monkeypatch.setattr(widgets, "download_buttons", record)
    at = open_page(page, **query)
    assert offered, "no downloads offered"
    for frame, notes in offered:
        assert_no_formula(export.to_csv(frame), export.to_xlsx(frame, notes))
    if query.get("onderdeel") == "Register":
        register = next(f for f, _ in offered if "titel" in f.columns)
        assert FORMULA_TITLE in set(register.titel)  # the hostile title is really in it …
        cells = _csv_cells(export.to_csv(register))
        assert "'" + FORMULA_TITLE in cells and "'" + FORMULA_STORY in cells and "'+Zorg" in cells  # … neutralised
    assert not at.exception


# -- the handout (HTML) ----------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_handout_html_escapes_every_register_text() -> None:
    example = handout.Example(
        initiative_id=f"INI-{SCRIPT}", title=TITLE, wijk="Dorst", buurt=IMG, theme=THEME, status="lopend",
        period="maart 2025 – loopt nog", story=STORY, participants="25", subsidy="€ 750", is_demo=False,
        link=f"/initiatieven?voorbeeld={JS_LINK}",
    )  # fmt: skip
    page = handout.handout_html(example, "Oosterhout", f"Register {SCRIPT}")
    parsed = _Elements()
    parsed.feed(page)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags and "a" not in tags
    assert not any("onerror" in attrs for _, attrs in parsed.tags)
    text = "".join(parsed.text)
    for raw in (TITLE, STORY, THEME, IMG, f"INI-{SCRIPT}", f"Register {SCRIPT}"):
        assert raw in text  # shown literally (the parser decodes &lt; …)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; **vet**" in page


# -- the Raadssnapshot (PDF) ------------------------------------------------------------------------------------


def test_snapshot_pdf_prints_the_hostile_file_name_literally_and_links_nowhere(
    hostile_db: Path, tmp_path: Path
) -> None:
    import subprocess

    from pypdf import PdfReader

    from report import snapshot

    store = Store.open(hostile_db)
    try:
        prepared = snapshot.build(snapshot.load_state(store), WIJK)
        html = snapshot.render_html(prepared, datetime(2026, 11, 29, 12, 0), images={})
        rendered = snapshot.render(prepared, datetime(2026, 11, 29, 12, 0))
    finally:
        store.close()
    label = file_label(FILE_NAME)
    assert "&lt;img src=x onerror=alert(1)&gt; **register** [klik](javascript:alert(1)).csv" in html
    assert IMG not in html
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(rendered.pdf)
    pdftotext = shutil.which("pdftotext") or pytest.fail("pdftotext ontbreekt (apt-get install poppler-utils)")
    text = subprocess.run([pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "<img src=x onerror=alert(1)>" in flat and "**register**" in flat, label
    for page in PdfReader(io.BytesIO(rendered.pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert not str(action.get("/URI", "")).lower().startswith("javascript"), action
            assert "/JS" not in action


# -- AppTests on the hostile store ---------------------------------------------------------------------------


def test_initiatieven_shows_hostile_register_text_inert(hostile_app: Store) -> None:
    at = open_page("pages/initiatieven.py", ini_wijk=WIJK, onderdeel="Mooie voorbeelden")
    assert_inert(at, TITLE)  # the good example's card
    assert_inert(at, STORY)
    at = open_page("pages/initiatieven.py", ini_wijk=WIJK, onderdeel="Register")
    assert "★ " + TITLE in dataframe_texts(at) and FORMULA_TITLE in dataframe_texts(at)  # plain cells


def test_initiatieven_theme_filter_with_a_hostile_theme(hostile_app: Store) -> None:
    at = open_page("pages/initiatieven.py", ini_wijk=WIJK, ini_thema=THEME)
    assert at.selectbox(key="ini_thema_select").value == THEME
    assert_inert(at, f"thema {THEME}")  # the caption with the selection and the chart sentences


def test_good_example_page_and_its_handout_are_inert(hostile_app: Store) -> None:
    at = open_page("pages/initiatieven.py", voorbeeld=GOOD_EXAMPLE)
    assert at.header[0].value == inert(TITLE)
    assert f"#### {inert(STORY)}" in [m.value for m in at.markdown]
    assert inert(THEME) in _cells(at.table[0].value)
    assert not [t for t in markdown_texts(at) if TITLE in t or STORY in t or THEME in t]


@pytest.mark.parametrize("value", [SCRIPT, SQL_STORY, "INI-2099-002"])  # the last exists but is no good example
def test_unknown_voorbeeld_gets_a_dutch_notice(hostile_app: Store, value: str) -> None:
    before = state(hostile_app)
    at = open_page("pages/initiatieven.py", voorbeeld=value)
    assert at.warning[0].value == (
        f"Er is geen mooi voorbeeld met de code ‘{one_line(value, 40)}’. Hieronder staan alle initiatieven."
    )
    assert "voorbeeld" not in at.query_params
    after = state(hostile_app)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


def test_wijkprofiel_lists_hostile_initiatives_as_plain_text(hostile_app: Store) -> None:
    at = open_page("pages/wijkprofiel.py", wijk=WIJK, onderdeel=wijkprofiel.INITIATIEVEN)
    assert "★ " + TITLE in dataframe_texts(at) and SQL_TITLE in dataframe_texts(at)
    assert not [t for t in markdown_texts(at) if TITLE in t]


def test_logboek_and_agenda_show_hostile_notes_and_actions_inert(hostile_app: Store) -> None:
    logboek = open_page("pages/logboek.py", wijk=WIJK)
    assert inert(NOTE_TEXT) in logboek.table[0].value.Notitie.tolist()
    assert_inert(logboek, NOTE_TEXT)
    agenda = open_page("pages/agenda.py", wijk=WIJK)
    assert inert(ACTION) in agenda.table[0].value.Actie.tolist()
    assert_inert(agenda, ACTION)


def test_ambities_notes_table_and_chart_hover_are_inert(hostile_app: Store) -> None:
    at = open_page("pages/ambities.py")
    at.selectbox(key="ambitie_gebied").set_value("GM0826").run()
    assert not at.exception, [e.message for e in at.exception]
    assert_inert(at, NOTE_TEXT)
    hovers = []
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        hovers += [
            c for trace in figure["data"] if trace.get("name") == "Logboek (notities)" for c in trace["customdata"]
        ]
    assert hovers and all(IMG not in h for h in hovers)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hovers)


def test_gegevensbeheer_shows_hostile_file_names_inert(hostile_app: Store) -> None:
    before = state(hostile_app)
    at = open_page("pages/gegevensbeheer.py")
    history = next(f.value for f in at.dataframe if "bron" in f.value.columns)
    assert file_label(FILE_NAME) in set(history.bron)  # st.dataframe: plain text
    at.file_uploader[0].set_value((f"{IMG} **x**.csv", PNG, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert inert(f"{IMG} **x**.csv") in at.error[0].value and IMG not in at.error[0].value
    at.file_uploader[0].set_value(("../../etc/passwd.csv", b"MZ\x00\x00", "text/csv")).run()
    assert "passwd.csv" in at.error[0].value and "etc" not in at.error[0].value
    after = state(hostile_app)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


# -- links with unknown or hostile values ---------------------------------------------------------------------


def _notice(at: AppTest) -> str:
    notices = [i.value for i in at.info if "in de link" in i.value.lower()]
    assert len(notices) == 1, [i.value for i in at.info]
    return notices[0]


def _query(at: AppTest, key: str) -> str:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_wijk_in_the_link_gives_a_dutch_notice(store: Store, value: str) -> None:
    before = state(store)
    at = open_page("pages/wijkprofiel.py", wijk=value)
    notice = _notice(at)
    assert notice.startswith(f"De wijk in de link (‘{one_line(value, 40)}’) is onbekend; u ziet nu ")
    assert value not in notice or inert(value) == value
    assert _query(at, "wijk") in set(store.table("area").area_code)  # the URL is corrected
    assert at.title[0].value == "Wijkprofiel"
    after = state(store)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize(
    ("page", "key", "start"),
    [
        ("pages/kaart.py", "indicator", "De indicator in de link"),
        ("pages/kaart.py", "jaar", "Het jaar in de link"),
        ("pages/overzicht.py", "indicator", "De indicator in de link"),
        ("pages/agenda.py", "wijk", "De wijk in de link"),
        ("pages/logboek.py", "wijk", "Het gebied in de link"),
        ("pages/raadssnapshot.py", "gebied", "Het gebied in de link"),
        ("pages/initiatieven.py", "ini_thema", "Het thema in de link"),
        ("pages/sociaal_domein.py", "taakveld", "De keuze van taakvelden in de link"),
        ("pages/vergelijken.py", "wijken", "In de link bij ‘Wijken (2 tot 6)’"),
        ("pages/vergelijken.py", "indicatoren", "In de link bij ‘Indicatoren’"),
        ("pages/wijkprofiel.py", "onderdeel", "Het onderdeel in de link"),  # the tabs (Streamlit drops the value)
    ],
)
def test_every_linked_choice_checks_its_value(store: Store, page: str, key: str, start: str) -> None:
    before = state(store)
    value = "'; drop table load_log; --"
    tab = {"onderdeel": "Inzet per wijk"} if page == "pages/sociaal_domein.py" else {}  # the tab with the choice
    at = open_page(page, **{key: value}, **tab)
    notice = _notice(at)
    assert notice.startswith(start) and f"‘{one_line(value, 40)}’" in notice
    assert _query(at, key) != value
    after = state(store)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


@pytest.mark.usefixtures("built_db")
def test_partly_known_wijken_keep_the_known_ones() -> None:
    at = open_page("pages/vergelijken.py", wijken=f"WK082613,{SCRIPT},WK082601")
    assert at.multiselect(key="wijken_select").value == ["WK082613", "WK082601"]
    assert f"‘{one_line(SCRIPT, 40)}’ is onbekend en weggelaten. U ziet nu Dorst, " in _notice(at)
    assert _query(at, "wijken") == "WK082613,WK082601"


@pytest.mark.usefixtures("built_db")
def test_a_known_value_gives_no_notice() -> None:
    at = open_page("pages/wijkprofiel.py", wijk=WIJK)
    assert not [i for i in at.info if "in de link" in i.value]
    assert _query(at, "wijk") == WIJK
