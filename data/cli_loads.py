"""The Gegevensbeheer commands of ``python -m data``: import, loads, undo, replay, export, restore.

Exit codes of ``import``: 0 = loaded (or, with --dry-run, would load), 1 = refused (the reasons on
stderr, the store unchanged; also when ``--role`` may not load), 2 = usage (argparse, or a file that does
not exist). The command line acts as the account ``opdrachtregel`` in the audit trail (``audit``).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from data.access import ROLES, NotAllowed, account_id, cli_user
from data.datasets import dataset_label, dataset_names
from data.importers import ImportRefused
from data.loading import commit, level_counts, open_waiting, prepare, replay, undo
from data.store import Store, StoreError
from data.validation import problems_text

COMMANDS = ("import", "loads", "undo", "replay", "export", "restore", "audit")
DEFAULT_ROLE = "beheerder"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the subcommands on the parser of ``python -m data``."""
    db_help = "databasebestand (standaard: $WIJKMONITOR_DB of data/wijkmonitor.duckdb)"
    role_help = "uw rol (vastgelegd in het ladingenlogboek; nooit een naam)"
    cmd = commands.add_parser("import", help="laad een bestand (CSV of XLSX) als één lading, alles of niets")
    cmd.add_argument("dataset", choices=dataset_names(), help="soort gegevens")
    cmd.add_argument("file", type=Path, help="het bestand (.csv of .xlsx)")
    cmd.add_argument(
        "--dry-run", action="store_true", help="alleen controleren, niets laden (toont per niveau wat er zou gebeuren)"
    )
    cmd.add_argument(
        "--opnieuw",
        action="store_true",
        help="laad het bestand ook als dezelfde inhoud al geladen is (als nieuwe lading)",
    )
    cmd.add_argument("--sheet", help="tabblad van een .xlsx-bestand (standaard het eerste)")
    cmd.add_argument("--jaar", type=int, help="jaar van een kwb-bestand (standaard uit de bestandsnaam kwb-JJJJ)")
    cmd.add_argument("--db", type=Path, help=db_help)
    cmd.add_argument("--role", choices=ROLES, default=DEFAULT_ROLE, help=role_help)
    cmd.add_argument("--archive", type=Path, help="archiefmap voor het origineel (standaard naast de database)")

    cmd = commands.add_parser("loads", help="toon het ladingenlogboek")
    cmd.add_argument("--db", type=Path, help=db_help)

    cmd = commands.add_parser("undo", help="maak een lading ongedaan (er wordt niets verwijderd)")
    cmd.add_argument("load_id", type=int)
    cmd.add_argument("--db", type=Path, help=db_help)
    cmd.add_argument("--role", choices=ROLES, default=DEFAULT_ROLE, help=role_help)

    cmd = commands.add_parser("replay", help="laad het gearchiveerde origineel van een lading opnieuw")
    cmd.add_argument("load_id", type=int)
    cmd.add_argument("--db", type=Path, help=db_help)
    cmd.add_argument("--role", choices=ROLES, default=DEFAULT_ROLE, help=role_help)
    cmd.add_argument("--archive", type=Path, help="archiefmap (standaard naast de database)")

    cmd = commands.add_parser("audit", help="toon het auditlogboek: wie (pseudoniem en rol) deed wat, wanneer")
    cmd.add_argument("--db", type=Path, help=db_help)
    cmd.add_argument(
        "--wie",
        metavar="E-MAIL",
        help="toon alleen de regels van dit account (het pseudoniem wordt berekend met de cookie_secret uit "
        ".streamlit/secrets.toml; het e-mailadres wordt nergens opgeslagen)",
    )

    cmd = commands.add_parser("export", help="schrijf alle tabellen als Parquet naar een (nieuwe) map")
    cmd.add_argument("directory", type=Path)
    cmd.add_argument("--db", type=Path, help=db_help)

    cmd = commands.add_parser("restore", help="zet een Parquet-export terug in een NIEUW databasebestand")
    cmd.add_argument("directory", type=Path)
    cmd.add_argument("--db", type=Path, help="het nieuwe databasebestand (mag nog niet bestaan)")


def run(args: argparse.Namespace, path: Path) -> int:
    """Run one of :data:`COMMANDS`; StoreError/CatalogueError propagate to ``main`` (exit 1)."""
    if args.command == "import":
        return _import(args, path)
    if args.command == "restore":
        store = Store.restore_parquet(args.directory, path)
        log = store.load_log()
        store.close()
        print(f"Teruggezet in {path}: {len(log)} ladingen.")
        return 0
    store = open_waiting(path, read_only=args.command in ("loads", "export", "audit"), command=args.command)
    try:
        if args.command == "loads":
            _print_loads(store)
        elif args.command == "audit":
            _print_audit(store, args.wie)
        elif args.command == "undo":
            undo(store, args.load_id, cli_user(args.role))
            print(f"Lading {args.load_id} is ongedaan gemaakt; er is niets verwijderd.")
        elif args.command == "replay":
            result = replay(store, args.load_id, cli_user(args.role), args.archive)
            print(f"Lading {args.load_id} opnieuw geladen als lading {result.load_id}: {result.rows_added} rijen.")
        elif args.command == "export":
            store.export_parquet(args.directory)
            print(f"Alle tabellen geëxporteerd naar {args.directory}.")
    except ImportRefused as refused:
        _print_refusal(refused.problems, refused.total)
        return 1
    except NotAllowed as refused:
        print(f"GEWEIGERD: {refused}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def _import(args: argparse.Namespace, path: Path) -> int:
    if not args.file.is_file():
        print(f"FOUT: het bestand {args.file} bestaat niet.", file=sys.stderr)
        return 2
    content = args.file.read_bytes()
    store = open_waiting(path, read_only=args.dry_run, command="import")
    try:
        prepared = prepare(
            store, args.dataset, args.file.name, content, sheet=args.sheet, year=args.jaar, reload=args.opnieuw
        )
        if not prepared.ok:
            _print_refusal(prepared.messages(), prepared.total_problems + prepared.blocked_as_duplicate)
            return 1
        for conversion in prepared.conversions:
            print(f"Omgezet: {conversion}")
        for note in prepared.validated.notes:
            print(f"Let op: {note}")
        if args.dry_run:
            print(
                f"Controle geslaagd, niets geladen ({prepared.format_text()}): {prepared.rows_added} rijen zouden "
                f"worden toegevoegd, waarvan {prepared.rows_superseded} ter vervanging van bestaande."
            )
            for level, (added, superseded) in level_counts(store, prepared).items():
                print(f"  {level:<9} {added:>6} rijen toevoegen, waarvan {superseded:>6} ter vervanging")
            return 0
        result = commit(store, prepared, cli_user(args.role), args.archive)
    except NotAllowed as refused:
        print(f"GEWEIGERD: {refused} Er is niets geladen.", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"Geladen als lading {result.load_id} ({dataset_label(args.dataset)}, {args.file.name}): "
        f"{result.rows_added} rijen toegevoegd, {result.rows_superseded} vervangen."
    )
    return 0


def _print_refusal(problems: list[str], total: int) -> None:
    print(f"GEWEIGERD: {problems_text(total)}; er is niets geladen.", file=sys.stderr)
    for line in problems:
        print(f"  {line}", file=sys.stderr)


def _print_loads(store: Store) -> None:
    log = store.load_log()
    print(
        f"{'lading':>6}  {'status':<9} {'gegevens':<17} {'door':<17} {'geladen op':<16} "
        f"{'rijen':>7} {'vervangen':>9}  bron"
    )
    for row in log.itertuples():
        print(
            f"{row.load_id:>6}  {row.status:<9} {row.dataset:<17} {row.loaded_by:<17} "
            f"{row.loaded_at:%d-%m-%Y %H:%M} {row.rows_added:>7} {row.rows_superseded:>9}  {row.source}"
        )


def _print_audit(store: Store, email: str | None = None) -> None:
    log = store.audit_log()
    if email:
        account = account_id(email, _cookie_secret())
        log = log[log.account == account]
        events = "gebeurtenis" if len(log) == 1 else "gebeurtenissen"
        print(f"Account {account}: {len(log)} {events}.")
    print(f"{'nr':>5}  {'wanneer':<16} {'actie':<10} {'rol':<13} {'account':<21} detail")
    for row in log.itertuples():
        scope = f" (wijken {row.scope})" if isinstance(row.scope, str) and row.scope else ""
        print(
            f"{row.event_no:>5}  {row.happened_at:%d-%m-%Y %H:%M} {row.action:<10} {row.role:<13} "
            f"{row.account:<21} {row.detail}{scope}"
        )


SECRETS_FILE = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml"


def _cookie_secret() -> str:
    """The key of the audit pseudonyms, as the app reads it (ui/auth.py); never printed."""
    path = SECRETS_FILE
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
        return str(secrets["auth"]["cookie_secret"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise StoreError(
            f"Zonder [auth] cookie_secret in {path} is het pseudoniem niet te berekenen ({type(exc).__name__})."
        ) from exc
