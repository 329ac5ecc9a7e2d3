"""Benchmark: store build time and per-page render time against a bare Streamlit page.

Run from the repo root with ``.venv/bin/python -m bench [--runs N] [--db PATH] [--strict]``.
Page timings use Streamlit's AppTest in one process: caches (``st.cache_resource``/``st.cache_data``)
stay warm between runs, every run is a cold script run. The benchmark reports; it only gates with
``--strict``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_TARGET_SECONDS = 10.0
STORE_TARGET_MB = 25.0  # the built store (national context included), before any user load
PAGE_TARGET_RATIO = 2.0
PAGE_TIMEOUT_SECONDS = 60
SNAPSHOT_TARGET_SECONDS = 5.0
KWB_IMPORT_TARGET_SECONDS = 2.0  # issue 13: a 150-row kwb file checked and loaded from the command line
KWB_IMPORT_ROWS = 150
# AppTest() itself warns "missing ScriptRunContext" on the main thread at every construction: harmless noise.
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
BARE_PAGE = """\
import plotly.express as px
import streamlit as st

st.title("Kale pagina")
st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))
"""


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of repeated runs of one thing."""

    label: str
    seconds: list[float]
    size_bytes: int | None = None  # for the build: size of the built store file

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> str:
        return f"(min {fmt(min(self.seconds))} / max {fmt(max(self.seconds))})"


class PageError(RuntimeError):
    """A page raised an exception while rendering."""


def fmt(value: float, decimals: int = 3) -> str:
    """A number in Dutch notation (decimal comma)."""
    from analysis.formatting import format_number

    return format_number(value, decimals)


def page_files() -> list[Path]:
    """The page scripts in the app's navigation (ui.navigation.PAGES), as absolute paths."""
    from ui.navigation import PAGES

    return [REPO_ROOT / spec.path for spec in PAGES]


def time_build(runs: int) -> Timing:
    """Build the store ``runs`` times into a fresh temp file (wall-clock seconds)."""
    from data.build import build

    wall: list[float] = []
    size = 0
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-") as tmp:
            started = time.perf_counter()
            report = build(Path(tmp) / "bench.duckdb")
            wall.append(time.perf_counter() - started)
            size = report.path.stat().st_size
        print(f"  bouw {run}/{runs}: {fmt(wall[-1])} s, {fmt(size / 1e6, 1)} MB", flush=True)
    return Timing("store bouwen", wall, size)


def _check(at: object, script: Path) -> None:
    if at.exception:
        details = "\n".join(f"{exc.message}\n{''.join(exc.stack_trace)}" for exc in at.exception)
        raise PageError(f"{script} gaf een fout:\n{details}")


def run_script(script: Path) -> float:
    """Seconds for one cold run of a stand-alone script (the bare page) in a fresh AppTest."""
    from streamlit.testing.v1 import AppTest

    logging.getLogger(CONTEXT_LOGGER).setLevel(logging.ERROR)
    at = AppTest.from_file(str(script), default_timeout=PAGE_TIMEOUT_SECONDS)
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    _check(at, script)
    return seconds


def run_page(script: Path) -> float:
    """Seconds for one cold run of an app page, reached as the server does: the entrypoint runs first
    (it registers the pages that links need; not timed), then the page itself is timed. Open demo mode as
    the beheerder: the one role that may open every page, with every section (register rows included)."""
    from streamlit.testing.v1 import AppTest

    logging.getLogger(CONTEXT_LOGGER).setLevel(logging.ERROR)
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=PAGE_TIMEOUT_SECONDS)
    at.session_state["role"] = "beheerder"
    at.run()
    _check(at, REPO_ROOT / "app.py")
    at.switch_page(str(script.relative_to(REPO_ROOT)))
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    _check(at, script)
    return seconds


def time_page(label: str, script: Path, runs: int, runner: Callable[[Path], float] = run_page) -> Timing:
    """One untimed warm-up run, then ``runs`` timed runs of ``script``."""
    runner(script)
    timing = Timing(label, [runner(script) for _ in range(runs)])
    print(f"  {label}: mediaan {fmt(timing.median)} s", flush=True)
    return timing


def time_snapshot(db: Path, runs: int) -> Timing:
    """Gather, draw and render the gemeente's Raadssnapshot ``runs`` times after one untimed warm-up
    (fonts, imports); not recorded in the store's snapshot log."""
    from data.store import Store
    from report import snapshot

    store = Store.open(db)
    try:
        snapshot.generate(store, "GM0826", record=False)
        wall: list[float] = []
        for run in range(1, runs + 1):
            started = time.perf_counter()
            snapshot.generate(store, "GM0826", record=False)
            wall.append(time.perf_counter() - started)
            print(f"  raadssnapshot gemeente {run}/{runs}: {fmt(wall[-1])} s", flush=True)
    finally:
        store.close()
    return Timing("raadssnapshot gemeente (pdf)", wall)


def kwb_file(db: Path, target: Path, rows: int = KWB_IMPORT_ROWS) -> Path:
    """A kwb file in CBS's layout: the gemeente, its wijken and buurten (from the store) and rows of another
    gemeente up to ``rows``; ';', decimal comma, '.' and 'x' for secret figures."""
    from data.store import Store

    store = Store.open(db, read_only=True)
    try:
        areas = store.table("area")
    finally:
        store.close()
    level = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}
    lines = [
        "gwb_code_10;gwb_code_8;regio;gm_naam;recs;gwb_code;ind_wbi;a_inw;a_woning;a_lan_ha;a_65_oo;p_jz_tn;a_soz_wb"
    ]
    for area in areas.itertuples():
        code = area.area_code[2:]
        lines.append(
            f"{area.area_code};{int(code)};{area.full_name:<30};Oosterhout;{level[area.level]:<10};{code};1;"
            "1200;500;120;200;10,5;.;"
        )
    for number in range(1, rows - len(areas) + 1):
        lines.append(
            f"BU0827{number:04d};827{number:04d};Buurt {number};Breda;Buurt     ;0827{number:04d};1;"
            "1200;500;120;x;10,5;x"
        )
    target.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    return target


def time_kwb_import(db: Path, runs: int) -> Timing:
    """``python -m data import kwb`` of a 150-row file into a fresh copy of the store, as a new process
    (start-up and imports included: that is what a beheerder waits for)."""
    wall: list[float] = []
    with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        file = kwb_file(db, tmp / "kwb-2023.csv")
        for run in range(1, runs + 1):
            copy = tmp / f"kopie-{run}.duckdb"
            shutil.copy(db, copy)
            command = [sys.executable, "-m", "data", "import", "kwb", str(file), "--db", str(copy)]
            started = time.perf_counter()
            subprocess.run([*command, "--archive", str(tmp / "archief")], check=True, capture_output=True)
            wall.append(time.perf_counter() - started)
            print(f"  kwb-import {run}/{runs}: {fmt(wall[-1])} s", flush=True)
    return Timing(f"kwb-import ({KWB_IMPORT_ROWS} rijen, opdrachtregel)", wall)


def print_kwb_import(timing: Timing) -> int:
    """Print the kwb import timing against its target; returns 1 when the target is missed."""
    ok = timing.median <= KWB_IMPORT_TARGET_SECONDS
    print(f"\nKwb-bestand laden (doel ≤ {fmt(KWB_IMPORT_TARGET_SECONDS, 0)} s)")
    print(
        f"  {timing.label}   mediaan {fmt(timing.median)} s   {timing.spread}   {'binnen doel' if ok else 'BOVEN DOEL'}"
    )
    return int(not ok)


def print_snapshot(timing: Timing) -> int:
    """Print the snapshot timing against its target; returns 1 when the target is missed."""
    ok = timing.median <= SNAPSHOT_TARGET_SECONDS
    print(f"\nRaadssnapshot (doel ≤ {fmt(SNAPSHOT_TARGET_SECONDS, 0)} s)")
    print(
        f"  {timing.label}   mediaan {fmt(timing.median)} s   {timing.spread}   {'binnen doel' if ok else 'BOVEN DOEL'}"
    )
    return int(not ok)


def prepare_db(db: Path | None, tmp: Path) -> Path:
    """The store the pages read: ``db`` when given (built when missing), else a fresh build in ``tmp``."""
    from data.build import build

    path = db.resolve() if db else tmp / "bench.duckdb"
    if not path.exists():
        print(f"  store bouwen voor de pagina's: {path}", flush=True)
        build(path)
    return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="aantal gemeten runs per meting (standaard 5)")
    parser.add_argument("--db", type=Path, help="store voor de paginametingen (standaard: vers gebouwd in een tempmap)")
    parser.add_argument("--strict", action="store_true", help="exitcode 1 als een doel niet gehaald wordt")
    parser.add_argument(
        "--gemeenten", action="store_true", help="alleen de meting per gemeentegrootte (bench/gemeenten.py)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; the exit code follows ``--strict`` and page errors."""
    args = parse_args(argv)
    os.chdir(REPO_ROOT)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    if args.gemeenten:
        from bench import gemeenten

        return gemeenten.main(args.runs, args.strict)
    pages = page_files()

    print(f"Wijkmonitor benchmark: {args.runs} runs per meting, mediaan (min/max)")
    print("Pagina's: AppTest, warme cache (één proces), koude scriptrun; één ongemeten opwarmrun per pagina.")
    print("Let op: tijden op een gedeelde machine kunnen ruis bevatten.\n")

    print("Store bouwen …", flush=True)
    build_wall = time_build(args.runs)

    with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["WIJKMONITOR_DB"] = str(prepare_db(args.db, tmp))
        bare_script = tmp / "kale_pagina.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        print("Pagina's renderen …", flush=True)
        try:
            bare = time_page("kale pagina (titel + 1 plotly-grafiek)", bare_script, args.runs, run_script)
            page_timings = [time_page(str(page.relative_to(REPO_ROOT)), page, args.runs) for page in pages]
        except PageError as error:
            print(f"\nFOUT: {error}", file=sys.stderr)
            return 2
        print("Raadssnapshot maken …", flush=True)
        snapshot_timing = time_snapshot(Path(os.environ["WIJKMONITOR_DB"]), args.runs)
        print("Kwb-bestand laden …", flush=True)
        kwb_timing = time_kwb_import(Path(os.environ["WIJKMONITOR_DB"]), args.runs)

    missed = print_report(build_wall, bare, page_timings)
    missed += print_snapshot(snapshot_timing)
    missed += print_kwb_import(kwb_timing)
    return 1 if args.strict and missed else 0


def print_report(build_wall: Timing, bare: Timing, pages: list[Timing]) -> int:
    """Print the result table; returns the number of missed targets."""
    width = max(len(timing.label) for timing in [bare, *pages, build_wall])
    missed = 0

    print("\nStore bouwen (doel ≤ " + fmt(BUILD_TARGET_SECONDS, 0) + " s)")
    build_ok = build_wall.median <= BUILD_TARGET_SECONDS
    missed += not build_ok
    print(
        f"  {build_wall.label:<{width}}   mediaan {fmt(build_wall.median)} s   {build_wall.spread}   "
        f"{'binnen doel' if build_ok else 'BOVEN DOEL'}"
    )
    if build_wall.size_bytes is not None:
        megabytes = build_wall.size_bytes / 1e6
        size_ok = megabytes <= STORE_TARGET_MB
        missed += not size_ok
        print(
            f"  {'store-grootte':<{width}}   {fmt(megabytes, 1)} MB (doel ≤ {fmt(STORE_TARGET_MB, 0)} MB)   "
            f"{'binnen doel' if size_ok else 'BOVEN DOEL'}"
        )

    print(f"\nPagina's (doel ≤ {fmt(PAGE_TARGET_RATIO, 1)}x kale pagina)")
    print(f"  {bare.label:<{width}}   mediaan {fmt(bare.median)} s   {bare.spread}   referentie")
    for timing in pages:
        ratio = timing.median / bare.median
        ok = ratio <= PAGE_TARGET_RATIO
        missed += not ok
        print(
            f"  {timing.label:<{width}}   mediaan {fmt(timing.median)} s   {timing.spread}   "
            f"{fmt(ratio, 2)}x kale pagina   {'binnen doel' if ok else 'BOVEN DOEL'}"
        )

    print(f"\n{missed} doel(en) niet gehaald." if missed else "\nAlle doelen gehaald.")
    return missed


if __name__ == "__main__":
    sys.exit(main())
