"""Warm the caches of every page in a background thread, once per server process and data version.

The first visit to a page after a server start (or after a load) pays for imports and for results that are
cached per data version for everyone after: the index, 'wat valt op', the national tables, the vergelijkbare
wijken, the Raadssnapshot's contents. The visitor who starts the server's first run gets their own page as
before; once that run has finished (app.py runs every page inside :func:`page_run`), a daemon thread computes
the rest, so the next pages and the next visitors find them ready. It never holds a visitor up for more than
one step: it starts after the run, it only begins a step while no page is running (Python runs one thread at
a time, so a step beside a page run would slow that run down), and Streamlit's cache takes one lock per key,
so a visitor who asks for a result the thread is computing waits for that one result instead of computing it
twice.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

# The page modules and what they import (plotly figure factories, WeasyPrint for the Raadssnapshot): importing
# them is a large part of a page's first run in a fresh process.
MODULES = (
    "ui.views.kaart",
    "ui.views.wijkprofiel",
    "ui.views.vergelijken",
    "ui.views.initiatieven",
    "ui.views.sociaal_domein",
    "ui.views.over_de_cijfers",
    "ui.views.ambities",
    "ui.views.raadssnapshot",
    "charts.profile",
    "charts.national",
    "charts.effort",
    "charts.spending",
    "charts.ambitions",
    "report.snapshot",
    "report.figures",  # matplotlib: the Raadssnapshot's pictures
    "weasyprint",  # imported by the Raadssnapshot's render, not before
)
# Called outside a script run, cached functions warn "missing ScriptRunContext" on every call: expected here.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
_lock = threading.Lock()
_warmed: set[int] = set()
_quiet = threading.Condition()
_page_runs = 0  # page runs in progress in this process


@contextmanager
def page_run() -> Iterator[None]:
    """Around every page run (app.py): counts the runs in progress, and afterwards starts the warm-up."""
    global _page_runs
    with _quiet:
        _page_runs += 1
    try:
        yield
    finally:
        with _quiet:
            _page_runs -= 1
            _quiet.notify_all()
        start()


def _wait_until_no_page_runs() -> None:
    with _quiet:
        _quiet.wait_for(lambda: _page_runs == 0)


def _steps() -> list[tuple[str, object]]:
    """(name, callable) in the order the pages need them; each fills a cache keyed by the data version."""
    from report import snapshot
    from ui import cached, store
    from ui.views import raadssnapshot

    gemeente = store.settings().gemeente_code

    def latest_index_year() -> None:
        result = store.cohesion_index_results().get("index")
        if result is not None and not result.scores.empty:
            store.index_sensitivity(int(result.scores.year.max()))

    return [
        *[(f"import {name}", lambda name=name: importlib.import_module(name)) for name in MODULES],
        *[
            (f"tabel {name}", lambda name=name: store.table(name))
            for name in ("area", "indicator", "indicator_value", "initiative", "volunteer_activity", "spending")
        ],
        ("indicatorwaarden en index", store.indicator_values),
        ("wat valt op", cached.what_stands_out),
        ("kaart wijken", store.wijk_geojson),
        ("kaart buurten", lambda: store.area_geojson("buurt")),
        ("ambities", cached.ambition_assessments),
        ("gevoeligheid index", latest_index_year),
        ("bronnen", cached.sources),
        ("buurten per indicator", cached.buurt_tables),
        ("landelijke cijfers", store.nl_values),
        ("landelijke gebieden", store.nl_areas),
        ("Nederland", store.nederland_values),
        ("alle wijken van Nederland per indicator", cached.national_levels),
        ("vergelijkbare wijken", store.lookalikes),
        ("raadssnapshot gemeente", lambda: raadssnapshot.prepared(gemeente, None)),
        # its pictures too (kept in report.snapshot by fingerprint): making it is then HTML and WeasyPrint only
        ("raadssnapshot gemeente, figuren", lambda: snapshot.draw_images(raadssnapshot.prepared(gemeente, None))),
    ]


def _warm(version: int) -> None:
    logging.getLogger(_CONTEXT_LOGGER).setLevel(logging.ERROR)
    started = time.perf_counter()
    for name, step in _steps():
        _wait_until_no_page_runs()
        try:
            step()
        except Exception:  # a page shows its own error; the warm-up only logs and goes on
            log.exception("opwarmen: %s mislukt", name)
    log.info("opwarmen van gegevensversie %s klaar in %.1f s", version, time.perf_counter() - started)


def _in_server() -> bool:
    """True in a Streamlit server, unless WIJKMONITOR_OPWARMEN=0; AppTest (whose runtime is a mock) and
    scripts compute on demand."""
    from streamlit.runtime import Runtime

    if os.environ.get("WIJKMONITOR_OPWARMEN", "1") == "0":
        return False
    # AppTest installs MagicMock(spec=Runtime), which passes isinstance(): only the real class counts
    return Runtime.exists() and type(Runtime.instance()) is Runtime


def start() -> None:
    """Start warming the caches for the current data version in a daemon thread, unless done before in this
    process. Cheap when there is nothing to do (one cached data-version read)."""
    from ui import store

    try:
        version = store.data_version()
    except Exception:  # no store yet (the page said why): nothing to warm
        return
    with _lock:
        if version in _warmed:
            return
        _warmed.add(version)
    if _in_server():
        threading.Thread(target=_warm, args=(version,), name="wijkmonitor-opwarmen", daemon=True).start()
