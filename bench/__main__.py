"""Benchmark: build, pages in a real browser and in AppTest, the Raadssnapshot and a kwb load.

Run from the repo root with ``.venv/bin/python -m bench [--runs N] [--snel] [--onderdelen ...] [--db PATH]
[--uit FILE] [--strict]``. The browser part (bench/browser.py) times what a visitor waits for: cold, new
session, rerun and N sessions at once, each as a ratio to a bare app measured the same way in the same
run. The AppTest part times the server-side script run alone, with warm caches. The report is printed and
written as Markdown (docs/benchmark.md by default). The benchmark reports; it only gates with ``--strict``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_TARGET_SECONDS = 10.0
STORE_TARGET_MB = 25.0  # the built store (national context included), before any user load
PAGE_TARGET_RATIO = 2.0
PAGE_TIMEOUT_SECONDS = 60
SNAPSHOT_WARM_TARGET_SECONDS = 3.0  # issue 16: in the app's process, caches and fonts warm
SNAPSHOT_CLI_TARGET_SECONDS = 4.0  # issue 16: python -m report snapshot, a new process, for the gemeente
SNAPSHOT_AREAS = ("GM0826", "WK082613")  # the gemeente and Dorst
REPORT_FILE = REPO_ROOT / "docs" / "benchmark.md"
PARTS = ("bouw", "browser", "paginas", "snapshot", "kwb")
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


def time_snapshot(db: Path, area_code: str, runs: int) -> Timing:
    """Gather, draw and render one Raadssnapshot in this process ``runs`` times after one untimed warm-up
    (fonts, imports), as the app does on a warm server; not recorded in the store's snapshot log."""
    from data.store import Store
    from report import snapshot

    store = Store.open(db)
    try:
        snapshot.generate(store, area_code, record=False)
        wall: list[float] = []
        for run in range(1, runs + 1):
            started = time.perf_counter()
            snapshot.generate(store, area_code, record=False)
            wall.append(time.perf_counter() - started)
            print(f"  raadssnapshot {area_code} warm {run}/{runs}: {fmt(wall[-1])} s", flush=True)
    finally:
        store.close()
    return Timing(f"raadssnapshot {area_code}, warm (in het proces)", wall)


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


def prepare_db(db: Path | None, tmp: Path) -> Path:
    """The store the pages read: ``db`` when given (built when missing), else a fresh build in ``tmp``."""
    from data.build import build

    path = db.resolve() if db else tmp / "bench.duckdb"
    if not path.exists():
        print(f"  store bouwen voor de pagina's: {path}", flush=True)
        build(path)
    return path


def time_snapshot_cli(db: Path, area_code: str, runs: int) -> Timing:
    """``python -m report snapshot`` as a new process (start-up, imports, store open, gather, draw, render and
    record), each run on a fresh copy of the store: what a CLI user waits for."""
    wall: list[float] = []
    with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for run in range(1, runs + 1):
            copy = tmp / f"kopie-{run}.duckdb"
            shutil.copy(db, copy)
            command = [sys.executable, "-m", "report", "snapshot", "--gebied", area_code]
            command += ["--out", str(tmp / f"{run}.pdf"), "--db", str(copy)]
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall.append(time.perf_counter() - started)
            print(f"  raadssnapshot {area_code} opdrachtregel {run}/{runs}: {fmt(wall[-1])} s", flush=True)
    return Timing(f"raadssnapshot {area_code}, opdrachtregel (nieuw proces)", wall)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="aantal gemeten runs per meting (standaard 5)")
    parser.add_argument(
        "--snel",
        action="store_true",
        help="een paar minuten: 2 runs, koud alleen het Overzicht (1 run), gelijktijdig N = 1, 5, 10",
    )
    parser.add_argument(
        "--onderdelen",
        default=",".join(PARTS),
        help=f"komma-lijst uit {', '.join(PARTS)} (standaard alle)",
    )
    parser.add_argument("--paginas", help="alleen deze pagina's in de browser, bijv. overzicht,kaart (bestandsnamen)")
    parser.add_argument("--gelijktijdig", help="N voor het gelijktijdig openen, bijv. 1,5,10 (standaard 1,5,10,20)")
    parser.add_argument("--db", type=Path, help="store voor de paginametingen (standaard: vers gebouwd in een tempmap)")
    parser.add_argument("--uit", type=Path, default=REPORT_FILE, help=f"Markdown-verslag (standaard {REPORT_FILE})")
    parser.add_argument("--strict", action="store_true", help="exitcode 1 als een doel niet gehaald wordt")
    parser.add_argument(
        "--gemeenten", action="store_true", help="alleen de meting per gemeentegrootte (bench/gemeenten.py)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    args.parts = [part.strip() for part in args.onderdelen.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"onbekend onderdeel: {', '.join(sorted(unknown))} (kies uit {', '.join(PARTS)})")
    if args.snel:
        args.runs = min(args.runs, 2)
    args.only = [name.strip() for name in args.paginas.split(",")] if args.paginas else None
    default_sessions = "1,5,10" if args.snel else "1,5,10,20"
    args.sessions = tuple(int(n) for n in (args.gelijktijdig or default_sessions).split(","))
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report and write it to ``--uit``; the exit code follows ``--strict``
    and page errors."""
    args = parse_args(argv)
    # a stopped benchmark (kill, Ctrl+C) still stops the streamlit servers it started (their finally blocks)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.chdir(REPO_ROOT)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    runs = args.runs
    if args.gemeenten:
        from bench import gemeenten

        return gemeenten.main(args.runs, args.strict)

    print(f"Wijkmonitor benchmark: {runs} runs per meting, mediaan (min/max); onderdelen: {', '.join(args.parts)}")
    print("Let op: tijden op een gedeelde machine kunnen ruis bevatten; de verhoudingen in één run tellen.\n")
    lines = [
        "# Benchmark",
        "",
        f"`python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}`".replace(" `", "`") + ",",
        f"gedraaid op {datetime.now():%d-%m-%Y %H:%M}, {os.cpu_count()} kernen, load average bij de start "
        f"{', '.join(fmt(load, 1) for load in os.getloadavg())}; {runs} runs per meting, mediaan.",
        "Absolute tijden hangen af van de machine en wat er verder draait; de verhoudingen tot de kale app, in "
        "dezelfde run gemeten, zijn wat telt.",
        "",
    ]
    missed = 0
    if "bouw" in args.parts:
        print("Store bouwen …", flush=True)
        build_lines, build_missed = build_report(time_build(runs))
        lines += build_lines
        missed += build_missed

    with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        db = prepare_db(args.db, tmp)
        os.environ["WIJKMONITOR_DB"] = str(db)
        if "browser" in args.parts:
            from bench import browser

            print("In de browser (chromium) …", flush=True)
            # the browser part needs a store no other process holds: its own copy
            browser_db = tmp / "browser.duckdb"
            shutil.copy(db, browser_db)
            try:
                results = browser.run(
                    browser_db,
                    tmp,
                    runs=runs,
                    cold_runs=1 if args.snel else runs,
                    cold_pages="overzicht" if args.snel else "alle",
                    sessions=args.sessions,
                    only=args.only,
                )
            except browser.BrowserBenchError as error:
                print(f"\nFOUT: {error}", file=sys.stderr)
                return 2
            lines += [*browser.report_lines(results), ""]
            missed += browser.missed_targets(results)
        if "paginas" in args.parts:
            bare_script = tmp / "kale_pagina.py"
            bare_script.write_text(BARE_PAGE, encoding="utf-8")
            print("Pagina's renderen (AppTest) …", flush=True)
            try:
                bare = time_page("kale pagina (titel + 1 plotly-grafiek)", bare_script, runs, run_script)
                page_timings = [time_page(str(page.relative_to(REPO_ROOT)), page, runs) for page in page_files()]
            except PageError as error:
                print(f"\nFOUT: {error}", file=sys.stderr)
                return 2
            page_lines, page_missed = apptest_report(bare, page_timings)
            lines += page_lines
            missed += page_missed
        if "snapshot" in args.parts:
            print("Raadssnapshot maken …", flush=True)
            timings = []
            for area_code in SNAPSHOT_AREAS:
                timings.append((time_snapshot(db, area_code, runs), SNAPSHOT_WARM_TARGET_SECONDS))
                cli_target = SNAPSHOT_CLI_TARGET_SECONDS if area_code.startswith("GM") else None
                timings.append((time_snapshot_cli(db, area_code, runs), cli_target))
            snapshot_lines, snapshot_missed = seconds_report(
                "Raadssnapshot (pdf)",
                f"Doel: warm (in het proces, zoals de app) ≤ {fmt(SNAPSHOT_WARM_TARGET_SECONDS, 0)} s, opdrachtregel "
                f"≤ {fmt(SNAPSHOT_CLI_TARGET_SECONDS, 0)} s voor de gemeente.",
                timings,
            )
            lines += snapshot_lines
            missed += snapshot_missed
        if "kwb" in args.parts:
            print("Kwb-bestand laden …", flush=True)
            kwb_lines, kwb_missed = seconds_report(
                "Kwb-bestand laden", "", [(time_kwb_import(db, runs), KWB_IMPORT_TARGET_SECONDS)]
            )
            lines += kwb_lines
            missed += kwb_missed

    lines.append(f"**{missed} doel(en) niet gehaald.**" if missed else "**Alle doelen gehaald.**")
    report = "\n".join(lines) + "\n"
    print("\n" + report)
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(report, encoding="utf-8")
    print(f"Verslag geschreven naar {args.uit}")
    return 1 if args.strict and missed else 0


def _mark(ok: bool) -> str:
    return "✔ binnen doel" if ok else "✖ BOVEN DOEL"


def build_report(build_wall: Timing) -> tuple[list[str], int]:
    """The build's time and store size against their targets, as Markdown; (lines, missed targets)."""
    build_ok = build_wall.median <= BUILD_TARGET_SECONDS
    lines = [
        "## Store bouwen",
        "",
        "| meting | mediaan | spreiding | doel | |",
        "|---|---:|---|---:|---|",
        f"| {build_wall.label} | {fmt(build_wall.median, 2)} s | {build_wall.spread} | "
        f"≤ {fmt(BUILD_TARGET_SECONDS, 0)} s | {_mark(build_ok)} |",
    ]
    missed = int(not build_ok)
    if build_wall.size_bytes is not None:
        megabytes = build_wall.size_bytes / 1e6
        size_ok = megabytes <= STORE_TARGET_MB
        missed += not size_ok
        target = f"≤ {fmt(STORE_TARGET_MB, 0)} MB"
        lines.append(f"| store-grootte | {fmt(megabytes, 1)} MB | | {target} | {_mark(size_ok)} |")
    return [*lines, ""], missed


def apptest_report(bare: Timing, pages: list[Timing]) -> tuple[list[str], int]:
    """AppTest render times (warm caches, one process) against the bare page, as Markdown."""
    lines = [
        "## Pagina's in AppTest (warme cache, één proces)",
        "",
        f"Server-kant alleen: de scriptrun van een pagina, zonder browser. Doel ≤ {fmt(PAGE_TARGET_RATIO, 1)}× de kale "
        "pagina (titel + 1 plotly-lijn).",
        "",
        "| pagina | mediaan | spreiding | × kale pagina | |",
        "|---|---:|---|---:|---|",
        f"| {bare.label} | {fmt(bare.median)} s | {bare.spread} | 1× | referentie |",
    ]
    missed = 0
    for timing in pages:
        ratio = timing.median / bare.median
        ok = ratio <= PAGE_TARGET_RATIO
        missed += not ok
        lines.append(f"| {timing.label} | {fmt(timing.median)} s | {timing.spread} | {fmt(ratio, 2)}× | {_mark(ok)} |")
    return [*lines, ""], missed


def seconds_report(title: str, note: str, timings: list[tuple[Timing, float | None]]) -> tuple[list[str], int]:
    """Timings against targets in seconds (None: no target), as Markdown; (lines, missed targets)."""
    lines = [f"## {title}", ""] + ([note, ""] if note else [])
    lines += ["| meting | mediaan | spreiding | doel | |", "|---|---:|---|---:|---|"]
    missed = 0
    for timing, target in timings:
        ok = target is None or timing.median <= target
        missed += not ok
        goal = "" if target is None else f"≤ {fmt(target, 0)} s"
        lines.append(
            f"| {timing.label} | {fmt(timing.median, 2)} s | {timing.spread} | {goal} | "
            f"{'' if target is None else _mark(ok)} |"
        )
    return [*lines, ""], missed


if __name__ == "__main__":
    sys.exit(main())
