"""How the test suite runs in parallel (tests/conftest.py, README "Beslissingen"): the units that keep tests
together in one pytest-xdist worker name real paths, and every module that points the app at another store is
one of them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import XDIST_TOGETHER, xdist_unit
from tests.helpers import ROOT


def test_every_unit_names_a_test_module_or_folder() -> None:
    missing = [prefix for prefix in XDIST_TOGETHER if not (ROOT / prefix).exists()]
    assert not missing, f"XDIST_TOGETHER noemt wat niet (meer) bestaat: {missing}"


def test_a_test_goes_with_its_unit_or_alone() -> None:
    assert xdist_unit("tests/browser/test_overzicht.py::test_map[x]") == "tests/browser/"
    assert xdist_unit("tests/test_report.py::test_pdf_says_its_language_and_title") == "tests/test_report.py"
    alone = "tests/test_pages.py::test_every_page_renders[pages/kaart.py]"
    assert xdist_unit(alone) == alone


def test_modules_that_clear_the_apps_caches_run_together() -> None:
    """A module that clears Streamlit's caches (to point the app at another store) makes the worker's next
    tests rewarm them: spread over the workers test by test, that happened after every such test."""
    clearing = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if path != Path(__file__) and "cache_data.clear()" in path.read_text(encoding="utf-8")
    }
    assert clearing, "no module clears the caches: this test no longer looks at the right thing"
    loose = sorted(path for path in clearing if xdist_unit(f"{path}::test") == f"{path}::test")
    assert not loose, f"zet deze modules in XDIST_TOGETHER (tests/conftest.py): {loose}"
