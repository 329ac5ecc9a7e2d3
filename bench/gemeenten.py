"""Benchmark per gemeente size (issue 17): build time, every page against the bare page, the gemeente's PDF.

``python -m bench --gemeenten [--runs N]``: one row per gemeente, from the smallest (Vlieland, one wijk) to the
one with the most wijken (Amsterdam, 110). Reuses the page and snapshot timers of ``bench/__main__.py``; the
caches are cleared between gemeenten (they are keyed by data version, which two stores share).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GEMEENTEN = ("GM0096", "GM0826", "GM0758", "GM0363")  # Vlieland, Oosterhout, Breda, Amsterdam
BUILD_TARGET_SECONDS = 15.0  # issue 17: for the largest gemeente
PAGE_TARGET_RATIO = 2.0
PDF_TARGET_SECONDS = 5.0


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    wijken: int
    build_seconds: float
    worst_page: str
    worst_ratio: float
    pdf_seconds: float


def measure(code: str, runs: int, bare_seconds: float, tmp: Path) -> Row:
    """Build the gemeente's store (median of ``runs``), then time every page and the gemeente PDF on it."""
    import streamlit as st

    from bench.__main__ import REPO_ROOT, Timing, fmt, page_files, time_page
    from data.build import build
    from data.catalogue import gemeente_dir
    from data.store import Store
    from report import snapshot

    walls = []
    for run in range(runs):
        path = tmp / f"{code}-{run}.duckdb"
        started = time.perf_counter()
        build(path, gemeente=gemeente_dir(code))
        walls.append(time.perf_counter() - started)
    print(f"  {code}: bouwen {fmt(sorted(walls)[len(walls) // 2])} s", flush=True)
    store = Store.open(path, read_only=True)
    areas = store.table("area")
    store.close()
    os.environ["WIJKMONITOR_DB"] = str(path)
    st.cache_data.clear()
    st.cache_resource.clear()
    ratios = {}
    for page in page_files():
        timing = time_page(f"{code} {page.relative_to(REPO_ROOT)}", page, runs)
        ratios[str(page.relative_to(REPO_ROOT))] = timing.median / bare_seconds
    st.cache_resource.clear()  # closes nothing by itself: drop the app's store before opening it here
    store = Store.open(path)
    try:
        snapshot.generate(store, code, record=False)  # warm-up (fonts, imports)
        pdf = []
        for _ in range(runs):
            started = time.perf_counter()
            snapshot.generate(store, code, record=False)
            pdf.append(time.perf_counter() - started)
    finally:
        store.close()
    worst = max(ratios, key=ratios.get)
    return Row(
        code,
        str(areas[areas.level == "gemeente"].name.iloc[0]),
        int((areas.level == "wijk").sum()),
        Timing("bouwen", walls).median,
        worst,
        ratios[worst],
        Timing("pdf", pdf).median,
    )


def main(runs: int, strict: bool) -> int:
    """Time every gemeente in GEMEENTEN and print one row each; returns 1 when ``strict`` and a target is missed."""
    from bench.__main__ import BARE_PAGE, fmt, run_script, time_page

    print(f"Wijkmonitor benchmark per gemeente: {runs} run(s) per meting, mediaan\n", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="wijkmonitor-bench-gemeenten-") as tmp_name:
        tmp = Path(tmp_name)
        bare_script = tmp / "kale_pagina.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        bare = time_page("kale pagina (titel + 1 plotly-grafiek)", bare_script, runs, run_script)
        for code in GEMEENTEN:
            rows.append(measure(code, runs, bare.median, tmp))
    missed = 0
    print(
        f"\n{'gemeente':<22} {'wijken':>6}  {'bouwen (≤ 15 s)':>15}  {'traagste pagina (≤ 2x kaal)':<44}  pdf (≤ 5 s)"
    )
    for row in rows:
        ok = (
            row.build_seconds <= BUILD_TARGET_SECONDS
            and row.worst_ratio <= PAGE_TARGET_RATIO
            and row.pdf_seconds <= PDF_TARGET_SECONDS
        )
        missed += not ok
        page = f"{row.worst_page} {fmt(row.worst_ratio, 2)}x"
        print(
            f"{row.name + ' (' + row.code + ')':<22} {row.wijken:>6}  {fmt(row.build_seconds, 1) + ' s':>15}  "
            f"{page:<44}  {fmt(row.pdf_seconds, 1)} s  {'binnen doel' if ok else 'BOVEN DOEL'}"
        )
    return 1 if strict and missed else 0
