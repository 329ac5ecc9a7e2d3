"""Shared fixtures: the store is built once per session (``built_template``); tests read the shared copy
(``built_db``, ``store``) or copy the template for a writable store of their own (``tests.helpers.copy_store``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.build import build  # noqa: E402 (needs the path above)
from data.store import Store  # noqa: E402
from tests.helpers import copy_store  # noqa: E402

# Tests that share something costly run in one pytest-xdist worker (``./dev test``: cores + 1 workers): every
# browser test (one streamlit server and one chromium per worker, not two); the modules whose module fixture is costly
# (test_report: the gemeente and Dorst PDFs; test_gemeenten: three more gemeente stores); and the modules
# that point the app at another store and so clear Streamlit's caches (robustness, safety, hostile input, gemeenten):
# run one after the other, the worker's other tests warm the caches of the shared store once afterwards, not after
# every such test. Every other test goes to whichever worker is free. Session fixtures (the built store) are made
# once per worker.
XDIST_TOGETHER = (
    "tests/browser/",
    "tests/test_report.py",
    "tests/test_gemeenten.py",
    "tests/test_robustness.py",
    "tests/test_safety.py",
    "tests/test_hostile_input.py",
)


def xdist_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: a prefix of XDIST_TOGETHER, or the test itself."""
    return next((prefix for prefix in XDIST_TOGETHER if nodeid.startswith(prefix)), nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``-n N`` (``--dist load``, the default) with the units above. xdist's own ``--dist loadgroup`` cannot
    be used: with pytest 9 it no longer adds the group to the test id, so the groups were silently ignored."""
    if config.getoption("dist") != "load":
        return None  # an explicit --dist loadfile, loadscope, ... as asked
    from xdist.scheduler import LoadScopeScheduling

    class TogetherScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_unit(nodeid)

    return TogetherScheduling(config, log)


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from data/raw + demo generator, once per session. Never opened: copy it
    (``copy_store(built_template, tmp_path)``) for a store a test may write to. Tests of the build itself
    build their own."""
    path = tmp_path_factory.mktemp("template") / "wijkmonitor.duckdb"
    build(path)
    return path


@pytest.fixture(scope="session")
def built_db(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built store shared by tests that only read it.

    Also exported as WIJKMONITOR_DB so AppTests use it (the app builds the default store otherwise,
    which would write into the working tree).
    """
    path = copy_store(built_template, tmp_path_factory.mktemp("store"))
    os.environ["WIJKMONITOR_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def store(built_db: Path) -> Store:
    # read-write: AppTests in this process open the same file through ui.store, and DuckDB lets one
    # process hold a file read-write or read-only, not both (see VERIFIED.md §4)
    opened = Store.open(built_db)
    yield opened
    opened.close()


@pytest.fixture
def db_path(built_template: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the built store for one test (a module may define its own ``db``)."""
    return copy_store(built_template, tmp_path / "w.duckdb")


@pytest.fixture
def db(db_path: Path) -> Store:
    opened = Store.open(db_path)
    yield opened
    opened.close()
