"""Helpers shared by several test modules. Fixtures live in tests/conftest.py (``built_template``, ``built_db``,
``store``); a test that needs a writable store of its own copies the session's built one with
:func:`copy_store` instead of building it again."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from data.store import TABLE_KEYS, Store

ROOT = Path(__file__).resolve().parents[1]  # the repository: app.py lives here


def copy_store(template: Path, target: Path) -> Path:
    """A private, writable copy of a built store (the ``built_template`` fixture) at ``target`` (a file path,
    or a folder to put ``wijkmonitor.duckdb`` in). The build writes nothing but this one file, so the copy
    is the same as building it again there."""
    path = target / "wijkmonitor.duckdb" if target.is_dir() else target
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def open_page(path: str, role: str = "beheerder", scope: list[str] | None = None, **query: str) -> AppTest:
    """Run the app as the server does for a visitor who opens ``path`` with ``query`` in the URL: the entrypoint
    (it registers the pages, which st.page_link needs) runs ``path`` on the first run, as for a link to that page.
    Open demo mode as ``role`` (a wijkmakelaar for the wijken in ``scope``); the beheerder may open every page
    (tests/test_access.py has every role × page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["role"] = role
    if scope is not None:
        at.session_state["role_wijken"] = scope
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(path).run()


def open_pages(paths: list[str], role: str = "beheerder", **query: str) -> Iterator[tuple[str, AppTest]]:
    """Like :func:`open_page` for several pages in one session, as a visitor going through the menu: the
    entrypoint runs once, then each page in turn; yields (path, the AppTest after that page's run). Cheaper
    than a new session per page where the test is about each page rendering, not about a fresh session."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["role"] = role
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    for path in paths:
        for key, value in query.items():  # a page may have changed the URL; every page starts from the query
            at.query_params[key] = value
        yield path, at.switch_page(path).run()


def state(store: Store) -> tuple[pd.DataFrame, dict[str, int]]:
    """The load log and the row count of every table: equal before and after a refused import."""
    counts = {t: int(store.query(f"select count(*) as n from {t}").n.iloc[0]) for t in TABLE_KEYS}
    return store.load_log(), counts


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def store_with_user_value(template: Path, path: Path, indicator_id: str, area_code: str, year: int, value: float,
                          source: str = "eigen.csv") -> Path:  # fmt: skip
    """A copy of the built store with one value loaded by the beheerder (a user load, not the build's)."""
    copied = copy_store(template, path)
    store = Store.open(copied)
    try:
        store.write_load(
            dataset="indicatorwaarden",
            source=source,
            sha256=source[0] * 64,
            loaded_by="beheerder",
            frames={
                "indicator_value": pd.DataFrame(
                    {"indicator_id": [indicator_id], "area_code": [area_code], "year": [year], "value": [value]}
                )
            },
            is_demo=False,
        )
    finally:
        store.close()
    return copied
