"""Shared fixtures: one store built from the bundled data for the whole session, read-only."""

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


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from data/raw + demo generator, shared by tests that only read it.

    Also exported as WIJKMONITOR_DB so AppTests and the browser test use it (the app builds the
    default store otherwise, which would write into the working tree).
    """
    path = tmp_path_factory.mktemp("store") / "wijkmonitor.duckdb"
    build(path)
    os.environ["WIJKMONITOR_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def store(built_db: Path) -> Store:
    # read-write: AppTests in this process open the same file through ui.store, and DuckDB lets one
    # process hold a file read-write or read-only, not both (see VERIFIED.md §4)
    opened = Store.open(built_db)
    yield opened
    opened.close()
