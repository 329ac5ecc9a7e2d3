"""Command line for the store: ``python -m data build|check|import|loads|undo|replay|export|restore``."""

from __future__ import annotations

import sys
from pathlib import Path

from data import cli_loads
from data.catalogue import CatalogueError
from data.cli_nl import DutchArgumentParser, alias_flag
from data.store import StoreError, default_path


def main(argv: list[str] | None = None) -> int:
    parser = DutchArgumentParser(
        prog="python -m data", description="De Wijkmonitor-database bouwen, controleren en vullen."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT", title="opdrachten")
    build_cmd = commands.add_parser("build", help="bouw de database uit data/raw, de catalogus en de demodata")
    build_cmd.add_argument(
        "--db",
        type=Path,
        help="databasebestand (standaard: $WIJKMONITOR_DB of data/wijkmonitor.duckdb; "
        "met --gemeente: data/wijkmonitor-GMxxxx.duckdb)",
    )
    build_cmd.add_argument(
        "--gemeente",
        metavar="GEMEENTE",
        help="bouw voor deze gemeente: code (GM0758) of naam (Breda); standaard de gemeente van "
        "data/gemeenten/GM0826. Een nieuwe gemeente krijgt eerst een map data/gemeenten/GMxxxx met standaardwaarden",
    )
    build_cmd.add_argument(
        "--force",
        action="store_true",
        help="ook bouwen als de database ladingen van gebruikers bevat (oud bestand wordt bewaard)",
    )
    build_cmd.add_argument(
        "--if-needed",
        action="store_true",
        help="alleen bouwen als de database ontbreekt of verouderd is (schema of gebundelde gegevens)",
    )
    path_cmd = commands.add_parser("pad", help="toon het standaard databasebestand van een gemeente (voor ./dev run)")
    path_cmd.add_argument("gemeente", metavar="GEMEENTE", help="code (GM0758) of naam (Breda)")
    check_cmd = commands.add_parser("check", help="draai de datatests op de database")
    check_cmd.add_argument("--db", type=Path, help="databasebestand")
    cli_loads.add_commands(commands)
    alias_flag(parser, "--rol", "--role")  # one name for the flag in every command (python -m report too)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return _build(args.db, args.gemeente, args.force, args.if_needed)
        if args.command == "pad":
            from data import gemeenten

            print(gemeenten.db_path(gemeenten.resolve(args.gemeente)[0]))
            return 0
        path = args.db or default_path()
        if args.command in cli_loads.COMMANDS:
            return cli_loads.run(args, path)
        return _check(path)
    except (StoreError, CatalogueError) as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # a raw file that does not read (the message names the file)
        if args.command != "build":
            raise
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1


def _build(path: Path | None, gemeente: str | None, force: bool, if_needed: bool) -> int:
    from data import gemeenten
    from data.build import build, needs_build  # geopandas: ~2 s to import, needed only here
    from data.catalogue import gemeente_dir

    if gemeente:
        code, name = gemeenten.resolve(gemeente)
        path = path or gemeenten.db_path(code)
    else:
        path = path or default_path()
        code = gemeenten.gemeente_of_path(path)
    if if_needed and not needs_build(path):
        print(f"{path} is actueel; niets gebouwd.")
        return 0
    folder = gemeente_dir(code)
    if not folder.exists():
        if not gemeente:
            name = code
        gemeenten.create_folder(code, name)
        print(f"Nieuwe gemeente: {folder} gemaakt met standaardwaarden (pas ze daar aan en bouw opnieuw).")
    report = build(path, force=force, gemeente=folder)
    print(f"Gebouwd: {report.path} in {report.seconds:.1f} s")
    for load in report.loads.itertuples():
        demo = "  (demo)" if load.is_demo else ""
        print(f"  lading {load.load_id}: {load.dataset:<17} {load.rows_added:>6} rijen{demo}")
    if report.backup and ".beschadigd-" in report.backup.name:
        print(f"Het beschadigde bestand is opzij gezet (niet verwijderd) als {report.backup}")
    elif report.backup:
        print(f"Het vorige bestand is bewaard als {report.backup}")
    return 0


def _check(path: Path) -> int:
    from data.checks import run_checks
    from data.loading import open_waiting

    store = open_waiting(path, read_only=True, command="check")
    try:
        store.verify()  # a damaged file: StoreDamagedError, reported by main without a traceback
        print("OK    leesbaar: elke rij van elke tabel is te lezen")
        results = run_checks(store)
    finally:
        store.close()
    for result in results:
        if result.passed:
            print(f"OK    {result.name}: {result.description}")
        else:
            print(f"FOUT  {result.name}: {result.description}; {len(result.failures)} rij(en), bijvoorbeeld:")
            print("      " + result.failures.head(5).to_string(index=False).replace("\n", "\n      "))
    failed = [r.name for r in results if not r.passed]
    print(
        f"{len(results) - len(failed)} van {len(results)} controles geslaagd."
        + (f" Mislukt: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
