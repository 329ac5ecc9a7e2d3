"""What opening the store per use costs a page view (issue 19), against one connection held by the process.

Run from the repo root: ``.venv/bin/python -m bench.store_access [--runs N] [--db PATH]``. Prints medians:

- the data-version check every cached read makes: the file's signature (``ui.store._signature``) against a
  query on a held connection;
- a read when the data did change: connect + query + close against a query on a held connection;
- whole page views in AppTest (warm caches, as a visitor clicking around) with the app's per-use store and
  with a store held open, for the Overzicht and the Logboek.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.__main__ import CONTEXT_LOGGER, REPO_ROOT

PAGES = ("pages/overzicht.py", "pages/logboek.py", "pages/agenda.py", "pages/gegevensbeheer.py")


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _page_views(db: Path, held: bool, runs: int) -> dict[str, tuple[float, float]]:
    """Per page: median ms of a warm page view, and how often it opened the database file per view."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import data.store as store_module
    from data.store import Store
    from ui import store as ui_store

    logging.getLogger(CONTEXT_LOGGER).setLevel(logging.ERROR)
    opened = []
    real_connect = store_module.connect

    def counting_connect(*args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    store_module.connect = counting_connect

    os.environ["WIJKMONITOR_DB"] = str(db)
    st.cache_resource.clear()
    st.cache_data.clear()
    original = ui_store._open
    if held:  # the old way: one connection for the life of the process
        kept = Store.open(db)
        ui_store._open = lambda: kept  # type: ignore[assignment]
    try:
        medians = {}
        for page in PAGES:

            def view(page: str = page) -> None:
                at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
                at.session_state["role"] = "beheerder"
                at.run()
                at.switch_page(page).run()
                assert not at.exception, [e.message for e in at.exception]

            view()  # warm the caches
            opened.clear()
            medians[page] = (_median_ms(view, runs), len(opened) / runs)
        return medians
    finally:
        store_module.connect = real_connect
        ui_store._open = original
        if held:
            kept.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="a built store (default: built in a temporary folder)")
    args = parser.parse_args()
    logging.getLogger(CONTEXT_LOGGER).setLevel(logging.ERROR)
    from data.build import build
    from data.store import Store
    from ui.store import _signature

    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "wijkmonitor.duckdb"
        build(db)
    held = Store.open(db)
    per_use = Store.open(db, transient=True)
    held_version = _median_ms(held.data_state, args.runs * 10)
    held.close()
    print(f"data-versie (elke gecachte lezing), mediaan over {args.runs * 10}:")
    print(f"  vaste verbinding, query      {held_version:7.2f} ms")
    print(f"  per gebruik: handtekening    {_median_ms(lambda: _signature(db), args.runs * 10):7.3f} ms")
    print(f"  per gebruik: open+query+dicht{_median_ms(per_use.data_state, args.runs * 10):7.2f} ms (na een wijziging)")
    for label, keep in (("vaste verbinding", True), ("per gebruik (de app)", False)):
        for page, (ms, opens) in _page_views(db, keep, args.runs).items():
            print(f"paginaweergave {page:<27} {label:<21} mediaan {ms:7.1f} ms over {args.runs}, {opens:.1f}x geopend")


if __name__ == "__main__":
    main()
