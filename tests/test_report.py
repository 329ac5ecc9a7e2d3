"""The Raadssnapshot (report/): real PDFs from a store built from the bundled data, read back with poppler.

Each module-level store is built once (``data.build.build``) in a temp dir; the tests that write (records,
an extra load) use their own store so they cannot disturb the others.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zlib
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.formatting import format_value
from data.access import cli_user
from data.catalogue import CATALOGUE_DIR
from data.store import Store
from report import snapshot
from report.__main__ import main as cli
from tests.helpers import copy_store

PDFTOTEXT, PDFINFO = shutil.which("pdftotext"), shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(not (PDFTOTEXT and PDFINFO), reason="poppler-utils (pdftotext) ontbreekt")

GEMEENTE, DORST, NOORD, DOMMELBERGEN = "GM0826", "WK082613", "WK082609", "WK082606"
MAX_PAGES = {"gemeente": 8, "wijk": 6}  # issue 15: the raad reads a story, not an appendix
MOMENT = datetime(2026, 12, 1, 10, 30)
GENERATED_LINE = re.compile(r"^Gegenereerd op .*$", re.MULTILINE)


def pdftotext(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / f"{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
    path.write_bytes(pdf)
    args = [PDFTOTEXT, *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([PDFINFO, str(path)], check=True, capture_output=True, text=True).stdout
    return {
        key.strip(): value.strip() for key, value in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }


def catalog_lang(pdf: bytes) -> str | None:
    """The document language in the PDF catalog: with pypdf when installed, else by inflating the
    object streams WeasyPrint writes (the catalog lives in one of them)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        for match in re.finditer(rb"/Type /ObjStm[^>]*>>\s*stream\r?\n(.*?)endstream", pdf, re.DOTALL):
            found = re.search(rb"/Lang \(([^)]*)\)", zlib.decompress(match.group(1)))
            if found:
                return found.group(1).decode()
        found = re.search(rb"/Lang \(([^)]*)\)", pdf)
        return found.group(1).decode() if found else None
    import io

    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def without_date(text: str) -> str:
    return GENERATED_LINE.sub("", text)


@pytest.fixture(scope="module")
def report_store(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = copy_store(built_template, tmp_path_factory.mktemp("report") / "s.duckdb")
    opened = Store.open(path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def gemeente(report_store: Store) -> snapshot.Rendered:
    made = snapshot.generate(report_store, GEMEENTE, generated_at=MOMENT, record=False)
    return made.rendered


@pytest.fixture(scope="module")
def dorst(report_store: Store) -> snapshot.Rendered:
    made = snapshot.generate(report_store, DORST, generated_at=MOMENT, record=False)
    return made.rendered


@pytest.mark.parametrize(("fixture", "name", "map_heading"), [
    ("gemeente", "Gemeente Oosterhout", "Kaart van de wijken"),
    ("dorst", "Dorst", "Ligging van de wijk"),
])  # fmt: skip
def test_snapshot_is_an_a4_pdf_with_every_section(request, tmp_path: Path, fixture: str, name: str,
                                                  map_heading: str) -> None:  # fmt: skip
    rendered: snapshot.Rendered = request.getfixturevalue(fixture)
    assert rendered.pdf.startswith(b"%PDF-")
    info = pdfinfo(rendered.pdf, tmp_path)
    assert 5 <= int(info["Pages"]) == rendered.page_count <= MAX_PAGES[rendered.snapshot.level]
    assert info["Page size"].startswith("595.276 x 841.89")  # A4 portrait
    assert info["Tagged"] == "yes"
    text = pdftotext(rendered.pdf, tmp_path)
    assert rendered.snapshot.snapshot_id.startswith(f"snapshot 2026-11 · {name} · v11 · ")
    assert rendered.snapshot.snapshot_id in text
    assert name in text
    assert "CBS: 1 januari 2024" in text and "democijfers t/m 2025" in text
    for heading in ("Wat valt op", "Kerncijfers", "Door de jaren", map_heading, "Sociale-samenhangindex",
                    "Verloop van de index", "Ambities 2030", "Initiatieven en vrijwilligers", "Alle indicatoren",
                    "Bronnen en definities", "Colofon"):  # fmt: skip
        assert heading in text
    assert "Gegenereerd op 1 december 2026 om 10:30" in text
    pages = rendered.page_count
    assert f"pagina 1 van {pages}" in text and f"pagina {pages} van {pages}" in text
    assert "Let op: bevat demodata." in text and text.count("Bevat demodata") == pages - 1  # every page but the cover


def test_pdf_says_its_language_and_title(gemeente: snapshot.Rendered, tmp_path: Path) -> None:
    assert catalog_lang(gemeente.pdf) == "nl"
    assert (
        pdfinfo(gemeente.pdf, tmp_path)["Title"]
        == f"Raadssnapshot Gemeente Oosterhout · {gemeente.snapshot.snapshot_id}"
    )
    assert '<html lang="nl">' in gemeente.html
    images = re.findall(r"<img [^>]*>", gemeente.html)
    assert len(images) == 5  # key figures over the years, map, index over the years, what drives it, ambitions
    for tag in images:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and len(alt.group(1)) > 40, tag[:80]


def test_suppressed_values_are_not_printed(report_store: Store, tmp_path: Path) -> None:
    """Industrieterrein Noord has 60 inhabitants: its per-inhabitant figures must never be printed."""
    rendered = snapshot.generate(report_store, NOORD, record=False).rendered
    stored = report_store.table("indicator_value")
    wmo = stored[(stored.indicator_id == "wmo_per_1000") & (stored.area_code == NOORD) & (stored.year == 2025)]
    secret = format_value(float(wmo.value.iloc[0]), 1, "per 1.000 inwoners")  # "83,3"
    text = pdftotext(rendered.pdf, tmp_path, layout=True)
    row = next(line for line in text.splitlines() if line.strip().startswith("Wmo-cliënten per 1.000"))
    assert secret not in row and "–" in row
    assert secret not in text
    assert "niet getoond: minder dan 500 inwoners" in text
    assert "Voor Industrieterrein Noord wordt geen index berekend" in text


def test_gemeente_map_table_hides_small_wijken_and_counts(gemeente: snapshot.Rendered, tmp_path: Path) -> None:
    text = pdftotext(gemeente.pdf, tmp_path, layout=True)
    noord = next(line for line in text.splitlines() if re.match(r"\s*09\s+Industrieterrein Noord", line))
    assert noord.count("–") >= 3  # index, change and class; inhabitants (60) are not a small count
    assert "niet getoond: te weinig inwoners (minder dan 500) om te meten" in text
    # counts of 1 to 4 (initiatives, volunteers per wijk) are hidden with their reason
    assert "niet getoond: aantal van 1 tot en met 4" in text


def test_repeated_table_headers_and_no_text_outside_the_page(gemeente: snapshot.Rendered, tmp_path: Path) -> None:
    pages = pdftotext(gemeente.pdf, tmp_path).split("\f")
    # the table of the ambitions' indicators runs over two pages and repeats its header on each
    assert sum("Verwachting 2030" in page for page in pages) >= 2
    path = tmp_path / "bbox.html"
    pdf = tmp_path / "g.pdf"
    pdf.write_bytes(gemeente.pdf)
    subprocess.run([PDFTOTEXT, "-bbox", str(pdf), str(path)], check=True)
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', path.read_text(encoding="utf-8"))]
    assert max(right_edges) <= 595.276 - 20 / 25.4 * 72 + 1  # nothing beyond the right margin (20 mm)


def test_same_id_gives_the_same_content(report_store: Store, gemeente: snapshot.Rendered, tmp_path: Path) -> None:
    later = datetime(2027, 3, 4, 9, 15)
    again = snapshot.generate(report_store, GEMEENTE, generated_at=later, record=False)
    again = again.rendered
    assert again.snapshot.snapshot_id == gemeente.snapshot.snapshot_id
    first, second = pdftotext(gemeente.pdf, tmp_path), pdftotext(again.pdf, tmp_path)
    assert first != second  # the generation date differs …
    assert without_date(first) == without_date(second)  # … and nothing else
    same_moment = snapshot.generate(report_store, GEMEENTE, generated_at=MOMENT, record=False)
    assert same_moment.rendered.pdf == gemeente.pdf  # byte for byte, pictures included


def test_snapshot_id_changes_with_area_and_template(report_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    state = snapshot.load_state(report_store)
    dorst_id = snapshot.make_snapshot_id(state, DORST, "Dorst")
    assert dorst_id != snapshot.make_snapshot_id(state, "WK082612", "Dorst")
    monkeypatch.setattr(snapshot, "TEMPLATE_VERSION", "test")
    assert snapshot.make_snapshot_id(state, DORST, "Dorst") != dorst_id


@pytest.mark.parametrize("name", ["lookalike.yaml", "index.yaml", "rivm_mapping.yaml"])
def test_snapshot_id_changes_with_a_catalogue_file_read_when_shown(
    report_store: Store, tmp_path: Path, name: str
) -> None:
    catalogue = tmp_path / "catalogus"
    shutil.copytree(CATALOGUE_DIR, catalogue)
    before = snapshot.make_snapshot_id(snapshot.load_state(report_store, catalogue_dir=catalogue), DORST, "Dorst")
    path = catalogue / name
    path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", encoding="utf-8")
    after = snapshot.make_snapshot_id(snapshot.load_state(report_store, catalogue_dir=catalogue), DORST, "Dorst")
    assert after != before


def test_as_of_renders_the_data_of_that_load(built_template: Path, gemeente: snapshot.Rendered, tmp_path: Path) -> None:
    before = gemeente  # made at MOMENT on another copy of the same build, which never gets load 12
    store = Store.open(copy_store(built_template, tmp_path / "asof.duckdb"))
    try:
        store.write_load(
            dataset="indicatorwaarden",
            source="test: correctie",
            sha256="0" * 64,
            loaded_by="beheerder",
            frames={
                "indicator_value": pd.DataFrame(
                    {
                        "indicator_id": ["samenhang_score"],
                        "area_code": [GEMEENTE],
                        "year": [2025],
                        "value": [9.1],
                        "n_respondents": [2547],
                    }
                )
            },
            is_demo=True,
        )
        now = snapshot.generate(store, GEMEENTE, generated_at=MOMENT, record=False).rendered
        then = snapshot.generate(store, GEMEENTE, as_of=11, generated_at=MOMENT, record=False).rendered
    finally:
        store.close()

    def samenhang(rendered: snapshot.Rendered) -> str:
        text = pdftotext(rendered.pdf, tmp_path, layout=True)
        return next(line for line in text.splitlines() if line.strip().startswith("Sociale samenhang (demo)"))

    assert " v12 · " in now.snapshot.snapshot_id and "9,1" in samenhang(now)
    assert then.snapshot.snapshot_id == before.snapshot.snapshot_id
    assert "9,1" not in samenhang(then) and "6,4" in samenhang(then)
    # the state after load 11 is the same snapshot as the one made before load 12 existed
    assert without_date(pdftotext(then.pdf, tmp_path)) == without_date(pdftotext(before.pdf, tmp_path))


def test_every_generated_snapshot_is_recorded_with_its_pdf(built_template: Path, tmp_path: Path) -> None:
    store = Store.open(copy_store(built_template, tmp_path / "log.duckdb"))
    try:
        version = store.data_version()
        made = snapshot.generate(store, DORST, by=cli_user("raad"), generated_at=MOMENT)
        again = snapshot.generate(store, DORST, by=cli_user("opgaveleider"))
        log = store.snapshots()
        assert store.data_version() == version  # a record is not a load
        assert list(log.snapshot_no) == [again.snapshot_no, made.snapshot_no] == [2, 1]
        first = log[log.snapshot_no == 1].iloc[0]
        assert first.snapshot_id == made.rendered.snapshot.snapshot_id == again.rendered.snapshot.snapshot_id
        assert (first.area_code, first.data_version, first.generated_by) == (DORST, version, "raad")
        assert first.template_version == snapshot.TEMPLATE_VERSION and first.page_count == made.rendered.page_count
        assert pd.Timestamp(first.generated_at) == pd.Timestamp(MOMENT)
        assert store.snapshot_pdf(1) == made.rendered.pdf
        assert first.file_sha256 == hashlib.sha256(made.rendered.pdf).hexdigest()
    finally:
        store.close()


def test_unknown_area_and_load_are_refused_in_dutch(report_store: Store) -> None:
    with pytest.raises(snapshot.SnapshotError, match="Onbekend gebied 'WK000000'"):
        snapshot.build(snapshot.load_state(report_store), "WK000000")
    with pytest.raises(snapshot.SnapshotError, match="Lading 99 bestaat niet"):
        snapshot.load_state(report_store, as_of=99)
    with pytest.raises(snapshot.SnapshotError, match="nog geen gebieden"):
        snapshot.build(snapshot.load_state(report_store, as_of=1), GEMEENTE)


def test_early_state_without_demo_data_renders_without_demo_notice(report_store: Store, tmp_path: Path) -> None:
    rendered = snapshot.generate(report_store, DORST, as_of=3, record=False).rendered
    text = pdftotext(rendered.pdf, tmp_path)
    assert " · v3 · " in rendered.snapshot.snapshot_id
    assert "Bevat demodata" not in text and "Let op: bevat demodata" not in text
    assert "3.475" in text  # Dorst's inhabitants (CBS) are there already


def test_command_line_writes_and_records(
    built_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_store(built_template, tmp_path / "cli.duckdb")
    out = tmp_path / "uit" / "dorst.pdf"
    assert cli(["snapshot", "--gebied", DORST, "--out", str(out), "--db", str(db), "--rol", "raad"]) == 0
    printed = capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF-")
    assert printed.startswith("snapshot 2026-11 · Dorst · v11 · ") and "vastgelegd als nummer 1" in printed
    assert cli(["snapshot", "--gebied", "WK000000", "--out", str(out), "--db", str(db)]) == 1
    assert "Onbekend gebied" in capsys.readouterr().err
    # a wijkmakelaar makes no raadssnapshots (data/access.py), also not on the command line
    assert cli(["snapshot", "--gebied", DORST, "--out", str(out), "--db", str(db), "--rol", "wijkmakelaar"]) == 1
    assert "De rol wijkmakelaar mag geen raadssnapshots maken." in capsys.readouterr().err
    store = Store.open(db)
    try:
        assert list(store.snapshots().generated_by) == ["raad"]
        audit = store.audit_log()
        assert list(audit[audit.action == "snapshot"][["role", "account"]].itertuples(index=False, name=None)) == [
            ("raad", "opdrachtregel")
        ]
    finally:
        store.close()


def test_command_line_as_a_new_process(built_template: Path, tmp_path: Path) -> None:
    """``python -m report`` itself (no garbage collector, no interpreter teardown: ``os._exit``): what it prints
    still arrives, the exit code is kept, the store holds the record, and a refusal writes no file."""
    db = copy_store(built_template, tmp_path / "proces.duckdb")
    root = Path(__file__).resolve().parents[1]
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}  # as a pipe is

    def run(area: str, out: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "report", "snapshot", "--gebied", area, "--db", str(db), "--out", str(out)]
        return subprocess.run(command, cwd=root, env=buffered, capture_output=True, text=True, check=False)

    made = run(DORST, tmp_path / "dorst.pdf")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("snapshot 2026-11 · Dorst · v11 · ") and "6 pagina's" in made.stdout
    assert (tmp_path / "dorst.pdf").read_bytes().startswith(b"%PDF-")
    refused = run("WK000000", tmp_path / "niet.pdf")
    assert refused.returncode == 1 and refused.stderr.startswith("Fout: Onbekend gebied 'WK000000'")
    assert not (tmp_path / "niet.pdf").exists()
    store = Store.open(db)
    try:
        assert len(store.snapshots()) == 1
    finally:
        store.close()


# -- the story (issue 15): page counts, cover, plain language, colofon ------------------------------------------

# words and marks the raad should not have to read in the body (the colofon may carry the technical identity)
JARGON = re.compile(
    r"\bSD\b|z-score|z-waarde|\br²|\br =|standaardafwijking|\blading|\bkwb\b|catalog|SHA-256|\.yaml|data/|"
    r"python -m|schema \d|seed|sjabloon",
    re.IGNORECASE,
)


def _cover_and_body(text: str) -> tuple[str, str, str]:
    """(cover, body, colofon) of a snapshot's text: the cover is page 1, the colofon starts at its heading."""
    first_page, rest = text.split("\f", 1)
    start = rest.rindex("Colofon")
    return first_page, rest[:start], rest[start:]


@pytest.mark.parametrize("area", [NOORD, DOMMELBERGEN])
def test_wijk_snapshots_fit_six_pages(report_store: Store, tmp_path: Path, area: str) -> None:
    rendered = snapshot.generate(report_store, area, generated_at=MOMENT, record=False).rendered
    assert rendered.page_count <= MAX_PAGES["wijk"]
    assert int(pdfinfo(rendered.pdf, tmp_path)["Pages"]) == rendered.page_count


@pytest.mark.parametrize("fixture", ["gemeente", "dorst"])
def test_cover_tells_three_findings_in_plain_dutch(request, report_store: Store, tmp_path: Path, fixture: str) -> None:
    rendered: snapshot.Rendered = request.getfixturevalue(fixture)
    s = rendered.snapshot
    state = snapshot.load_state(report_store)
    expected = findings.findings(
        state.values,
        state.tables["indicator"],
        state.tables["area"],
        state.tables["target"],
        GEMEENTE,
        state.rules,
        area=None if s.level == "gemeente" else s.area_code,
    )[:3]
    assert len(expected) == 3 and list(s.messages) == [f.text for f in expected]
    cover, body, _colofon = _cover_and_body(pdftotext(rendered.pdf, tmp_path))
    flat = " ".join(cover.split())
    for message in s.messages:
        assert " ".join(message.split()) in flat, message
    if s.level == "wijk":
        assert all(s.area_name in message for message in s.messages)  # about the wijk, not the gemeente
    for must in ("Raadssnapshot", s.area_name, "Peildatum", s.snapshot_id, "Wat valt op"):
        assert must in flat
    for technical in ("Sjabloon", "schema", "python -m", "SHA-256", "seed", s.fingerprint[:12]):
        assert technical not in cover, technical
    found = [m.group(0) for m in JARGON.finditer(cover + body)]
    assert not found, found


@pytest.mark.parametrize("fixture", ["gemeente", "dorst"])
def test_colofon_on_the_last_page_carries_the_technical_identity(request, tmp_path: Path, fixture: str) -> None:
    rendered: snapshot.Rendered = request.getfixturevalue(fixture)
    s = rendered.snapshot
    pages = [page for page in pdftotext(rendered.pdf, tmp_path).split("\f") if page.strip()]
    assert "Colofon" in pages[-1]  # the heading of the colofon is on the last page
    _cover, _body, colofon = _cover_and_body("\f".join(pages))
    flat = colofon.replace("\n", " ")
    assert len(s.fingerprint) == 64 and s.fingerprint in flat.replace(" ", "")
    assert s.snapshot_id.endswith(s.fingerprint[:8])
    assert f"--gebied {s.area_code} --as-of {s.data_version}" in flat
    assert f"sjabloonversie {snapshot.TEMPLATE_VERSION}" in flat and "startgetal (seed) 826" in flat
    assert "Gegenereerd op 1 december 2026 om 10:30" in flat
