"""Command line: ``python -m report snapshot --gebied GM0826|WK0826xx --out FILE.pdf [--as-of LOAD] [--db PATH]``.

Every generated snapshot is recorded in the store's snapshot log (with the PDF), so the store must not be
held by another process (the app) while this runs: DuckDB lets one process write a file.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from analysis.formatting import format_number
from data.access import ROLES, NotAllowed, cli_user
from data.cli_nl import DutchArgumentParser
from data.store import Store, StoreError
from report import snapshot
from report.drawing import PictureWorker


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = DutchArgumentParser(prog="python -m report", description="Raadssnapshot als A4-pdf.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT", title="opdrachten")
    make = commands.add_parser("snapshot", help="maak een raadssnapshot (pdf) van de gemeente of één wijk")
    make.add_argument("--gebied", required=True, help="GM0826 (de gemeente) of een wijkcode, bijv. WK082613")
    make.add_argument("--out", required=True, type=Path, help="het pdf-bestand dat wordt geschreven")
    make.add_argument("--as-of", type=int, dest="as_of", help="de stand van de gegevens na deze lading")
    make.add_argument("--db", type=Path, help="de store (standaard: WIJKMONITOR_DB of data/wijkmonitor.duckdb)")
    make.add_argument(
        "--rol", "--role", dest="rol", default="beheerder", choices=ROLES, help="wie hem maakt (een rol, geen naam)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    # the pictures are drawn in a second process (report.drawing); forked before the store is opened
    with PictureWorker() as pictures:
        try:
            store = Store.open(args.db)
        except StoreError as error:
            print(f"Fout: {error}", file=sys.stderr)
            return 1
        try:
            made = snapshot.generate(store, args.gebied, as_of=args.as_of, by=cli_user(args.rol), pictures=pictures)
        except (snapshot.SnapshotError, NotAllowed) as error:
            print(f"Fout: {error}", file=sys.stderr)
            return 1
        finally:
            store.close()
    rendered = made.rendered
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(rendered.pdf)
    print(f"{rendered.snapshot.snapshot_id}")
    seconds = format_number(time.perf_counter() - started, 1)
    print(
        f"  {args.out} · {rendered.page_count} pagina's · {len(rendered.pdf) // 1024} kB · "
        f"vastgelegd als nummer {made.snapshot_no} · {seconds} s"
    )
    return 0


if __name__ == "__main__":
    # One short run: Python's cyclic garbage collector would take ~0,45 s of the parent's CPU (and ~0,2 s of the
    # picture child's) walking pandas' and WeasyPrint's objects, and frees almost nothing (peak memory the same);
    # tearing the interpreter down at the end (~0,25 s) is skipped too: the store is closed and the PDF written.
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
