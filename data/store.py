"""The store: the one module that owns DuckDB connections, the schema and every query.

DuckDB lets one process hold a file (VERIFIED.md §4), so there are two ways to hold it:

- *kept open* (``Store.open(path)``): one connection for the life of the Store, a fresh cursor per query. The
  command line, the build and the tests use it; a command holds the file for the seconds it runs.
- *opened per use* (``Store.open(path, transient=True)``): the app. Every read or write connects, runs and
  closes, so a command-line load, export or check can take the file between two page views. A connection
  that finds the file held by another process retries for a few seconds (``wait``).

Every write goes through a transaction (:meth:`Store.write_load`, :meth:`Store.write_composed`, …). Tables are
append-only; see ``schema.sql`` for the history model. DuckDB's errors are translated once, here, into Dutch
:class:`StoreError` subclasses that name the real cause (another process, a damaged file, a full disk, no write
permission) and what to do; ``StoreError.public`` is the same without paths, process ids or DuckDB's own text,
for the browser.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA_VERSION = "7"
# Additive migrations from an older schema version, applied when a store is opened for writing: a store
# with user loads is never rebuilt to get a new table or column (schema.sql has the same definitions).
# Each step names a table to create (its statement is taken from schema.sql) or an `alter table … add column`.
MIGRATIONS: dict[str, tuple[str, str]] = {
    "3": ("4", "audit_log"),
    "4": ("5", "nl_area"),
    "5": ("6", "nl_value"),
    "6": ("7", "alter table indicator add column change_threshold double"),
}
SYSTEM_ACCOUNT = "systeem"  # the build
SCHEMA_FILE = Path(__file__).with_name("schema.sql")
DEFAULT_DB = Path(__file__).with_name("wijkmonitor.duckdb")
BUILD_ROLE = "build"
_LATEST = 2**31 - 1  # "as of" meaning: every load so far

# Business key of each versioned table: a later load supersedes the rows with the same key.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "theme": ("theme_id",),
    "ambition": ("ambition_id",),
    "indicator": ("indicator_id",),
    "target": ("indicator_id", "area_code", "year"),
    "taakveld": ("taakveld_code",),
    "area": ("area_code",),
    "area_boundary": ("area_code", "boundary_year"),
    "indicator_value": ("indicator_id", "area_code", "year"),
    "nl_area": ("area_code",),
    "nl_value": ("indicator_id", "area_code", "year"),
    "initiative": ("initiative_id",),
    "volunteer_activity": ("area_code", "year", "quarter"),
    "spending": ("taakveld_code", "area_code", "year", "kind"),
    "agenda_item": ("item_id",),
    "note": ("note_id",),
}

# One table macro per versioned table, `<table>_at(as_of)`: the rows in force after load `as_of`.
# Generated from TABLE_KEYS (constants, never user input) so the rule lives in exactly one place.
_AT_MACRO = """
create macro {table}_at(as_of) as table
select * exclude (_rank) from (
    select t.*, row_number() over (partition by {key} order by t.load_id desc) as _rank
    from {table} as t join load_log as l on l.load_id = t.load_id
    where l.status = 'ok' and t.load_id <= as_of
) where _rank = 1
"""

SQL_META = "select key, value from meta"
SQL_LOAD_LOG = "select * from load_log order by load_id"
SQL_NEXT_LOAD_ID = "select coalesce(max(load_id), 0) + 1 from load_log"
SQL_DATA_VERSION = "select coalesce(max(load_id), 0) from load_log where status = 'ok'"
SQL_DATA_STATE = "select coalesce(max(load_id), 0), count(*) from load_log where status = 'ok'"
SQL_INSERT_LOAD = """
insert into load_log (load_id, dataset, source, sha256, loaded_by, loaded_at, rows_added,
                      rows_superseded, status, is_demo, message)
values ($load_id, $dataset, $source, $sha256, $loaded_by, $loaded_at, $rows_added,
        $rows_superseded, 'ok', $is_demo, $message)
"""
SQL_NEXT_SNAPSHOT_NO = "select coalesce(max(snapshot_no), 0) + 1 from snapshot"
SQL_INSERT_SNAPSHOT = """
insert into snapshot (snapshot_no, snapshot_id, area_code, as_of, data_version, template_version, generated_by,
                      generated_at, page_count, file_sha256, pdf)
values ($snapshot_no, $snapshot_id, $area_code, $as_of, $data_version, $template_version, $generated_by,
        $generated_at, $page_count, $file_sha256, $pdf)
"""
SQL_SNAPSHOTS = "select * exclude (pdf) from snapshot order by snapshot_no desc"
SQL_SNAPSHOT_PDF = "select pdf from snapshot where snapshot_no = $snapshot_no"
SQL_LOAD_STATUS = "select status, dataset, loaded_by from load_log where load_id = $load_id"
SQL_UNDO_LOAD = """
update load_log set status = 'ongedaan', message = concat_ws(' · ', message, $note) where load_id = $load_id
"""
SQL_NEXT_EVENT_NO = "select coalesce(max(event_no), 0) + 1 from audit_log"
SQL_INSERT_AUDIT = """
    insert into audit_log (event_no, happened_at, account, role, scope, action, load_id, snapshot_no, detail)
    values ($event_no, $happened_at, $account, $role, $scope, $action, $load_id, $snapshot_no, $detail)
"""
SQL_AUDIT_LOG = "select * from audit_log order by event_no desc"
SQL_TABLE_NAMES = "select table_name from duckdb_tables() where database_name = current_database() order by all"
# Build loads every page needs: the catalogue, the areas, the CBS base figures (the population decides which
# per-inhabitant figures are suppressed, so without it privacy could not be guaranteed), the real RIVM figures (the
# index's base year and the ambitions' baselines) and the national reference tables. A later load of the same
# dataset supersedes them; only undoing them is refused.
UNDO_PROTECTED = ("catalogus", "gebieden", "kwb", "rivm", "landelijk")


class StoreError(Exception):
    """A store problem with a message in Dutch, fit to show to a user on the command line.

    ``public`` is the text for the browser: no file paths, process ids or DuckDB's own words. It defaults to
    the message, so pass it whenever the message names a path or quotes DuckDB.
    """

    def __init__(self, message: str, *, public: str | None = None):
        super().__init__(message)
        self.public = public if public is not None else message


class StoreMissingError(StoreError):
    """The database file does not exist (yet)."""


class StoreBusyError(StoreError):
    """Another process holds the database file (DuckDB's file lock); a later attempt may succeed."""


class StoreDamagedError(StoreError):
    """The database file cannot be read: damaged (truncated, overwritten) or not a DuckDB file at all."""


class StoreWriteError(StoreError):
    """A write failed because of the disk or the file system (full disk, no write permission); nothing was
    written."""


class StoreReadOnlyError(StoreWriteError):
    """The file can only be read (read-only file or file system): the store opens read-only, writes are refused."""


# Open the file for this long when another process holds it: the app waits for a command-line load, export or
# check; the command line waits for the app's short reads and writes (and for another command that finishes).
APP_WAIT_SECONDS = 15.0
LOCK_POLL_SECONDS = 0.1
RESTORE_HINT = (
    "Zet de laatste export terug in een nieuw bestand (python -m data restore <exportmap> --db <nieuw bestand>) en "
    "zet dat op de plaats van dit bestand; zie 'Beheer en herstel' in de README."
)
_DAMAGE_SIGNS = (
    "not a valid duckdb database file",
    "could not read enough bytes",
    "corrupt",
    "checksum",
    "invalid block",
    "failed to read",
    "database file is not",
)


def describe_error(exc: BaseException, path: Path) -> StoreError | None:
    """The Dutch :class:`StoreError` for a DuckDB or OS error on ``path``, or None when it is not a problem of the
    file (a programming error: let it propagate as it is). The one place that reads DuckDB's error texts."""
    if isinstance(exc, StoreError):
        return exc
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "errno", None)
    folder = path.parent
    if "conflicting lock" in low or "could not set lock" in low:
        pid = re.search(r"PID (\d+)", text)
        holder = f" (proces {pid.group(1)})" if pid else ""
        return StoreBusyError(
            f"De database {path} is in gebruik door een ander proces{holder}.",
            public="De gegevens worden op dit moment door een ander proces bijgewerkt (bijvoorbeeld een lading of "
            "back-up van de beheerder). Probeer het over een minuut opnieuw; er is niets verloren gegaan.",
        )
    if code == errno.ENOSPC or "no space left" in low:
        return StoreWriteError(
            f"Niet opgeslagen: de schijf is vol (map {folder}). Er is niets gewijzigd. Maak ruimte vrij en probeer "
            f"het opnieuw. (DuckDB: {text})",
            public="Niet opgeslagen: de schijf van de server is vol. Er is niets gewijzigd; vraag de beheerder ruimte "
            "vrij te maken en probeer het daarna opnieuw.",
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "read-only file system" in low or "permission denied" in low:
        return StoreWriteError(
            f"Niet opgeslagen: geen schrijfrechten op map {folder} (of op {path.name}). Er is niets gewijzigd. Geef "
            f"het proces schrijfrechten en probeer het opnieuw. (DuckDB: {text})",
            public="Niet opgeslagen: de server mag de database nu niet wijzigen (geen schrijfrechten). Er is niets "
            "gewijzigd; vraag de beheerder de schrijfrechten te herstellen.",
        )
    if any(sign in low for sign in _DAMAGE_SIGNS):
        return damaged(path, text)
    return None


def damaged(path: Path, detail: str = "") -> StoreDamagedError:
    """The one message for a store that cannot be read: kept as it is, restore from an export."""
    why = f" (DuckDB: {detail})" if detail else ""
    return StoreDamagedError(
        f"De database {path} is beschadigd en kan niet worden gelezen{why}. Het bestand is niet gewijzigd of "
        f"vervangen. {RESTORE_HINT} Of bouw opnieuw met python -m data build --force: het beschadigde bestand wordt "
        "dan eerst opzij gezet (…beschadigd-<tijd>), maar ladingen en notities van gebruikers staan alleen in de "
        "export.",
        public="De database van de Wijkmonitor is beschadigd en kan niet worden gelezen. Er is niets overschreven of "
        "verwijderd. Vraag de beheerder de laatste back-up (export) terug te zetten met python -m data restore "
        "(zie 'Beheer en herstel' in de README).",
    )


def connect(path: Path, *, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` to an existing file, retrying for ``wait`` seconds while another process holds it.
    Errors become Dutch :class:`StoreError`s (:func:`describe_error`)."""
    deadline = time.monotonic() + wait
    while True:
        if not path.exists():  # duckdb.connect would create an empty database here
            raise StoreMissingError(
                f"De database {path} bestaat niet. Bouw hem met: python -m data build",
                public="De database van de Wijkmonitor is er (nog) niet. Vraag de beheerder hem te bouwen.",
            )
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            error = describe_error(exc, path)
            if isinstance(error, StoreBusyError) and time.monotonic() < deadline:
                time.sleep(LOCK_POLL_SECONDS)
                continue
            if isinstance(error, StoreWriteError) and not read_only:
                error = StoreReadOnlyError(str(error), public=error.public)
            raise (
                error
                or StoreError(
                    f"De database {path} kan niet worden geopend: {exc}",
                    public="De database van de Wijkmonitor kan niet worden geopend.",
                )
            ) from exc


def default_path() -> Path:
    """The database file: env ``WIJKMONITOR_DB`` or ``data/wijkmonitor.duckdb``."""
    return Path(os.environ.get("WIJKMONITOR_DB") or DEFAULT_DB)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables and as-of macros in an empty database."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    for table, key in TABLE_KEYS.items():
        con.execute(_AT_MACRO.format(table=table, key=", ".join(key)))
    con.execute("insert into meta values ('schema_version', $v)", {"v": SCHEMA_VERSION})


@dataclass(frozen=True)
class Draft:
    """The content of one load: where it came from, its hash and the rows per table (without load_id)."""

    source: str
    sha256: str
    frames: Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class LoadResult:
    load_id: int
    rows_added: int
    rows_superseded: int


class Store:
    """Access to one Wijkmonitor database file, kept open (``con``) or opened per use (``con=None``)."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | None,
        path: Path,
        *,
        read_only: bool = False,
        wait: float = 0.0,
        browser: bool = False,
    ):
        self._con = con
        self.path = path
        self.read_only = read_only
        self._wait = wait
        self._browser = browser
        # DuckDB reports write-write conflicts instead of waiting; serialise writers in-process.
        self._write_lock = threading.Lock()
        self._held = threading.local()  # a connection held by :meth:`reading` for this thread only

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        transient: bool = False,
        wait: float = 0.0,
        browser: bool = False,
    ) -> Store:
        """Open an existing store and check its schema version (an older one is migrated when writable).

        ``transient``: connect only for each read or write (the app), not for the life of the Store. ``wait``:
        seconds to retry while another process holds the file. A damaged file raises
        :class:`StoreDamagedError`; a file that can only be read, opened for writing, :class:`StoreReadOnlyError`.
        ``browser``: every StoreError this Store raises later carries only its ``public`` text (no paths, process
        ids or DuckDB text), so a page that shows ``str(error)`` shows nothing it should not.
        """
        path = Path(path) if path else default_path()
        con = connect(path, read_only=read_only, wait=wait)
        store = cls(con, path, read_only=read_only, wait=wait, browser=browser)
        try:
            version = store._schema_version()
            if version in MIGRATIONS and not read_only:
                store._migrate(version)
                version = store._schema_version()
            if version != SCHEMA_VERSION:
                raise StoreError(
                    f"De database {path} heeft schemaversie {version!r}, deze versie van de Wijkmonitor "
                    f"verwacht {SCHEMA_VERSION!r}. Bouw hem opnieuw met: python -m data build",
                    public="De database heeft een andere schemaversie dan deze versie van de Wijkmonitor verwacht. "
                    "Vraag de beheerder hem bij te werken.",
                )
        except BaseException:
            con.close()
            raise
        if transient:
            con.close()
            store._con = None
        return store

    def _schema_version(self) -> str | None:
        try:
            return self.meta().get("schema_version")
        except StoreError:
            raise
        except duckdb.Error:  # no meta table: not a Wijkmonitor store (or a very old one)
            return None

    @classmethod
    def create(cls, path: Path | str) -> Store:
        """Create a new, empty store at ``path`` (which must not exist)."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path} bestaat al; een nieuwe database wordt er niet overheen geschreven.")
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        create_schema(con)
        return cls(con, path)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()

    @property
    def transient(self) -> bool:
        """True when every read or write opens the file for just that moment (the app)."""
        return self._con is None

    def _migrate(self, version: str) -> None:
        """Bring an older store up to SCHEMA_VERSION by creating the tables and columns added since (one
        transaction)."""
        schema = SCHEMA_FILE.read_text(encoding="utf-8")
        # each table's statement as schema.sql has it: from "create table <name> (" to the closing ");"
        found = re.finditer(r"^create table (\w+) \(.*?^\);", schema, re.MULTILINE | re.DOTALL)
        statements = {match.group(1): match.group(0) for match in found}
        with self._transaction() as cur:
            while version in MIGRATIONS:
                version, step = MIGRATIONS[version]
                if step.startswith("alter table "):
                    cur.execute(step)
                else:
                    cur.execute(statements[step])
                    if step in TABLE_KEYS:  # a versioned table needs its as-of macro too
                        cur.execute(_AT_MACRO.format(table=step, key=", ".join(TABLE_KEYS[step])))
                cur.execute("update meta set value = $v where key = 'schema_version'", {"v": version})

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor in one write transaction: committed when the block ends, rolled back on any error.
        Writers in this process take turns (DuckDB reports write-write conflicts instead of waiting).

        When the commit itself fails (full disk, no write permission), DuckDB has already ended the transaction
        and a rollback would only say "no transaction is active": the first error is the one reported."""
        if self.read_only:
            raise self._told(
                StoreReadOnlyError(
                    f"De database {self.path} is alleen te lezen; wijzigingen zijn nu niet mogelijk.",
                    public="Wijzigingen zijn nu niet mogelijk: de database kan op dit moment alleen gelezen worden. "
                    "Er is niets opgeslagen; vraag de beheerder de schrijfrechten te herstellen.",
                )
            )
        with self._write_lock, self._cursor() as cur:
            cur.begin()
            try:
                yield cur
                _commit(cur)
            except BaseException:
                # after a failed commit the transaction has already ended; the first error is the one raised
                with suppress(duckdb.Error):
                    cur.rollback()
                raise

    # -- reading -------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads in one connection: a transient Store connects once for the block instead of once per
        read (~30 ms each), and the reads see one state of the file. Held for the calling thread only; other
        threads connect as before. A kept connection (not transient) is simply used."""
        if self._con is not None or getattr(self._held, "con", None) is not None:
            yield
            return
        try:
            con = connect(self.path, read_only=self.read_only, wait=self._wait)
        except StoreError as error:
            raise self._told(error) from error
        self._held.con = con
        try:
            yield
        finally:
            self._held.con = None
            con.close()

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The kept connection, the one :meth:`reading` holds for this thread, or one opened for this moment
        and closed after it."""
        held = self._con if self._con is not None else getattr(self._held, "con", None)
        if held is not None:
            yield held
            return
        try:
            con = connect(self.path, read_only=self.read_only, wait=self._wait)
        except StoreError as error:
            raise self._told(error) from error
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own; DuckDB and OS errors about the file become Dutch StoreErrors."""
        with self._connection() as con:
            cur = con.cursor()
            try:
                yield cur
            except StoreError as error:
                told = self._told(error)
                if told is error:
                    raise
                raise told from error
            except (duckdb.Error, OSError) as exc:
                error = describe_error(exc, self.path)
                if error is None:
                    raise
                raise self._told(error) from exc
            finally:
                cur.close()

    def _told(self, error: StoreError) -> StoreError:
        """``error`` as this Store's reader may see it: for the browser only its public text."""
        if not self._browser or str(error) == error.public:
            return error
        return type(error)(error.public)

    def query(self, sql: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        """Run one read query with ``$named`` parameters on its own cursor."""
        with self._cursor() as cur:
            return cur.execute(sql, dict(params or {})).df()

    def table(self, name: str, as_of: int | None = None, *, area_code: str | None = None) -> pd.DataFrame:
        """The rows of a versioned table in force now, or after load ``as_of``; with ``area_code`` only that
        area's rows (the same rows in the same order as filtering the whole table afterwards)."""
        if name not in TABLE_KEYS:
            raise ValueError(f"unknown table {name!r}; expected one of {sorted(TABLE_KEYS)}")
        params: dict[str, object] = {"as_of": _LATEST if as_of is None else as_of}
        where = ""
        if area_code is not None:
            where, params["area_code"] = " where area_code = $area_code", area_code
        # The table name is checked against TABLE_KEYS above; the as-of value and the area are parameters.
        sql = f"select * from {name}_at($as_of){where} order by {', '.join(TABLE_KEYS[name])}"  # noqa: S608
        return self.query(sql, params)

    def meta(self) -> dict[str, str]:
        return dict(self.query(SQL_META).itertuples(index=False, name=None))

    def load_log(self) -> pd.DataFrame:
        return self.query(SQL_LOAD_LOG)

    def data_version(self) -> int:
        """The newest load in force: changes whenever the data changes (cache key, snapshot ID)."""
        with self._cursor() as cur:
            return int(cur.execute(SQL_DATA_VERSION).fetchall()[0][0])

    def data_state(self) -> tuple[int, int]:
        """(data version, loads in force): differs after every load *and* every undo (undoing an older load
        leaves the data version as it was), so a reader can tell that its cached tables are stale."""
        with self._cursor() as cur:
            version, in_force = cur.execute(SQL_DATA_STATE).fetchall()[0]
        return int(version), int(in_force)

    def verify(self) -> None:
        """Read every row of every table once; a damaged file raises :class:`StoreDamagedError`."""
        with self._cursor() as cur:
            for table in self._table_names():
                cur.execute(f"select * from {table}").fetch_df()  # noqa: S608 (names from DuckDB's catalogue)

    # -- writing -------------------------------------------------------------------------------

    def write_load(
        self,
        *,
        dataset: str,
        source: str,
        sha256: str,
        loaded_by: str,
        frames: Mapping[str, pd.DataFrame],
        is_demo: bool,
        loaded_at: datetime | None = None,
        message: str | None = None,
        account: str = SYSTEM_ACCOUNT,
        scope: str | None = None,
        action: str = "lading",
    ) -> LoadResult:
        """Append ``frames`` (table name -> rows without load_id) as one load, all or nothing.

        Rows whose business key already exists supersede the old rows; nothing is deleted. On any
        error the transaction is rolled back and the store is unchanged. The audit trail gets one row
        (``action``: 'lading', or 'bewerking' for an in-app edit; ``account``: a pseudonym, see
        data/access.py; ``scope``: a wijkmakelaar's wijken) in the same transaction.
        """
        result, _ = self.write_composed(
            lambda _read: Draft(source, sha256, frames),
            dataset=dataset,
            loaded_by=loaded_by,
            is_demo=is_demo,
            loaded_at=loaded_at,
            message=message,
            account=account,
            scope=scope,
            action=action,
        )
        return result

    def write_composed(
        self,
        compose: Callable[[Callable[[str, Mapping[str, object]], pd.DataFrame]], Draft],
        *,
        dataset: str,
        loaded_by: str,
        is_demo: bool,
        loaded_at: datetime | None = None,
        message: str | None = None,
        account: str = SYSTEM_ACCOUNT,
        scope: str | None = None,
        action: str = "lading",
    ) -> tuple[LoadResult, Draft]:
        """Write a load whose content depends on the store at the moment of writing, e.g. a new agenda item
        whose id continues the numbering of its wijk: ``compose(read)`` runs *inside* the write transaction
        (``read(sql, params)`` queries on it) and returns the :class:`Draft`. Writers take turns (in-process
        lock, DuckDB's file lock across processes), so what ``compose`` reads cannot change before the commit:
        two saves at the same moment never get the same id. Otherwise as :meth:`write_load`."""
        with self._transaction() as cur:
            draft = compose(lambda sql, params=None: cur.execute(sql, dict(params or {})).df())
            unknown = set(draft.frames) - set(TABLE_KEYS)
            if unknown:
                raise ValueError(f"unknown tables {sorted(unknown)}")
            load_id = int(cur.execute(SQL_NEXT_LOAD_ID).fetchall()[0][0])
            superseded = sum(_count_superseded(cur, table, frame) for table, frame in draft.frames.items())
            added = sum(len(frame) for frame in draft.frames.values())
            at = loaded_at or datetime.now().replace(microsecond=0)
            # the log row first: every data row references it
            cur.execute(
                SQL_INSERT_LOAD,
                {
                    "load_id": load_id,
                    "dataset": dataset,
                    "source": draft.source,
                    "sha256": draft.sha256,
                    "loaded_by": loaded_by,
                    "loaded_at": at,
                    "rows_added": added,
                    "rows_superseded": superseded,
                    "is_demo": is_demo,
                    "message": message,
                },
            )
            for table, frame in draft.frames.items():
                _append(cur, table, frame.assign(load_id=load_id))
            _audit(
                cur,
                at=at,
                account=account,
                role=loaded_by,
                scope=scope,
                action=action,
                load_id=load_id,
                detail=f"{dataset}: {draft.source} ({added} rijen, {superseded} vervangen)",
            )
        return LoadResult(load_id, added, superseded), draft

    # -- raadssnapshots ------------------------------------------------------------------------------

    def record_snapshot(
        self,
        *,
        snapshot_id: str,
        area_code: str,
        as_of: int | None,
        data_version: int,
        template_version: str,
        generated_by: str,
        generated_at: datetime,
        page_count: int,
        pdf: bytes,
        account: str = SYSTEM_ACCOUNT,
        scope: str | None = None,
    ) -> int:
        """Append one generated snapshot (with its PDF bytes) to the ``snapshot`` log; returns its number.

        A log, not a load: the data version does not change. One transaction: the number and the row
        are written together or not at all.
        """
        with self._transaction() as cur:
            number = int(cur.execute(SQL_NEXT_SNAPSHOT_NO).fetchall()[0][0])
            cur.execute(
                SQL_INSERT_SNAPSHOT,
                {
                    "snapshot_no": number,
                    "snapshot_id": snapshot_id,
                    "area_code": area_code,
                    "as_of": as_of,
                    "data_version": data_version,
                    "template_version": template_version,
                    "generated_by": generated_by,
                    "generated_at": generated_at,
                    "page_count": page_count,
                    "file_sha256": hashlib.sha256(pdf).hexdigest(),
                    "pdf": pdf,
                },
            )
            _audit(
                cur,
                at=generated_at,
                account=account,
                role=generated_by,
                scope=scope,
                action="snapshot",
                snapshot_no=number,
                detail=f"raadssnapshot {snapshot_id} ({page_count} pagina's)",
            )
        return number

    def audit_log(self) -> pd.DataFrame:
        """The audit trail, newest first."""
        return self.query(SQL_AUDIT_LOG)

    def snapshots(self) -> pd.DataFrame:
        """The snapshot log without the PDF bytes, newest first."""
        return self.query(SQL_SNAPSHOTS)

    def snapshot_pdf(self, snapshot_no: int) -> bytes:
        """The PDF of one recorded snapshot, byte for byte as it was generated."""
        with self._cursor() as cur:
            rows = cur.execute(SQL_SNAPSHOT_PDF, {"snapshot_no": snapshot_no}).fetchall()
        if not rows:
            raise StoreError(f"Snapshot {snapshot_no} bestaat niet.")
        return bytes(rows[0][0])

    # -- imports: preview, undo, backup (issue 6) -------------------------------------------------------

    def preview_load(self, frames: Mapping[str, pd.DataFrame]) -> tuple[int, int]:
        """(rows that would be added, rows they would supersede) for a dry run; writes nothing."""
        unknown = set(frames) - set(TABLE_KEYS)
        if unknown:
            raise ValueError(f"unknown tables {sorted(unknown)}")
        with self._cursor() as cur:
            superseded = sum(_count_superseded(cur, table, frame) for table, frame in frames.items())
        return sum(len(frame) for frame in frames.values()), superseded

    def undo_load(self, load_id: int, by: str, *, account: str = SYSTEM_ACCOUNT, scope: str | None = None) -> None:
        """Undo a load: its status becomes 'ongedaan' (in one transaction); no row is deleted.

        The rows it superseded are in force again, and the load can be seen in the log with who undid it.
        Build loads of the catalogue, the areas and the CBS base figures cannot be undone (UNDO_PROTECTED).
        """
        with self._transaction() as cur:
            rows = cur.execute(SQL_LOAD_STATUS, {"load_id": load_id}).fetchall()
            if not rows:
                raise StoreError(f"Lading {load_id} bestaat niet.")
            status, dataset, loaded_by = rows[0]
            if status == "ongedaan":
                raise StoreError(f"Lading {load_id} is al ongedaan gemaakt.")
            if loaded_by == BUILD_ROLE and dataset in UNDO_PROTECTED:
                raise StoreError(
                    f"Lading {load_id} ({dataset}) is een basislading van de build en kan niet ongedaan worden "
                    "gemaakt: elke pagina heeft hem nodig. Laad een nieuwer bestand van dezelfde soort; dat vervangt "
                    "de cijfers en bewaart deze lading in de geschiedenis."
                )
            now = datetime.now().replace(microsecond=0)
            note = f"Ongedaan gemaakt door {by} op {now:%d-%m-%Y %H:%M}."
            cur.execute(SQL_UNDO_LOAD, {"load_id": load_id, "note": note})
            _audit(
                cur,
                at=now,
                account=account,
                role=by,
                scope=scope,
                action="ongedaan",
                load_id=load_id,
                detail=f"lading {load_id} ({dataset}) ongedaan gemaakt",
            )

    def export_parquet(self, directory: Path | str) -> Path:
        """Write every table (also meta, load_log and logs outside TABLE_KEYS) to ``directory`` as Parquet,
        with ``manifest.json`` (schema version, tables, row counts, sha256 per file). ``directory`` must
        not exist or be empty. Written into a folder beside it and renamed when complete: an export that
        fails (full disk, …) leaves no folder behind."""
        directory = Path(directory)
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise StoreError(f"De map {directory} is niet leeg; kies een nieuwe map voor de export.")
        partial = directory.with_name(f".{directory.name}.onvolledig")
        try:
            shutil.rmtree(partial, ignore_errors=True)  # left by a process that was killed
            partial.mkdir(parents=True)
            tables = self._table_names()
            manifest: dict[str, object] = {"schema_version": SCHEMA_VERSION, "tables": {}}
            with self._cursor() as cur:
                cur.begin()  # one consistent state for all tables
                try:
                    for table in tables:
                        target = partial / f"{table}.parquet"
                        # the table name comes from DuckDB's own catalogue, the path is a literal (no parameters)
                        cur.execute(f"copy (select * from {table}) to '{_sql_path(target)}' (format parquet)")  # noqa: S608
                        count = int(cur.execute(f"select count(*) from {table}").fetchall()[0][0])  # noqa: S608
                        manifest["tables"][table] = {  # type: ignore[index]
                            "rows": count,
                            "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
                        }
                finally:
                    cur.rollback()
            (partial / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            os.replace(partial, directory)  # an empty target folder is replaced too
        except BaseException as exc:
            shutil.rmtree(partial, ignore_errors=True)
            # a cursor error was already translated against the database's folder; name the export's folder
            cause = exc.__cause__ if isinstance(exc, StoreWriteError) and exc.__cause__ else exc
            error = describe_error(cause, partial) if isinstance(cause, OSError | duckdb.Error) else None
            if isinstance(error, StoreWriteError):
                reason = str(error).removeprefix("Niet opgeslagen: ")
                raise StoreError(
                    f"Export mislukt; er is geen (halve) export achtergebleven. {reason}",
                    public=error.public,
                ) from exc
            raise
        return directory

    @classmethod
    def restore_parquet(cls, directory: Path | str, path: Path | str) -> Store:
        """Create a NEW store at ``path`` from an export made by :meth:`export_parquet`; refuses to write over
        an existing file. Built next to the target and moved into place only when complete; every refusal is a
        Dutch :class:`StoreError` and leaves nothing behind."""
        directory, path = Path(directory), Path(path)
        if path.exists():
            raise StoreError(f"{path} bestaat al; terugzetten gebeurt alleen in een nieuw databasebestand.")
        tables, added = _read_manifest(directory)
        for table, info in tables.items():
            file = directory / f"{table}.parquet"
            if not file.exists() or hashlib.sha256(file.read_bytes()).hexdigest() != info["sha256"]:
                raise StoreError(f"{file.name} ontbreekt of is gewijzigd sinds de export (sha256 klopt niet).")
        tmp = path.with_name(path.name + ".restoring")
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        try:
            store = cls.create(tmp)
        except (OSError, duckdb.Error) as exc:
            raise _restore_error(exc, tmp, "") from exc
        try:
            expected = set(store._table_names()) - added  # an older export lacks the tables added since
            if set(tables) != expected:
                raise StoreError(f"De export bevat andere tabellen dan het schema: {sorted(set(tables) ^ expected)}.")
            with store._cursor() as cur:
                cur.begin()
                cur.execute("delete from meta")  # create() wrote the schema version; the export has it too
                # load_log first: every data row references it
                for table in ["meta", "load_log", *(t for t in tables if t not in ("meta", "load_log"))]:
                    file = directory / f"{table}.parquet"
                    try:
                        cur.execute(
                            f"insert into {table} by name select * from read_parquet('{_sql_path(file)}')"  # noqa: S608
                        )
                    except duckdb.Error as exc:
                        raise _restore_error(exc, tmp, table, file) from exc
                    count = int(cur.execute(f"select count(*) from {table}").fetchall()[0][0])  # noqa: S608
                    if count != tables[table]["rows"]:
                        raise StoreError(
                            f"{table}: {count} rijen teruggezet, de export had er {tables[table]['rows']}."
                        )
                cur.execute("update meta set value = $v where key = 'schema_version'", {"v": SCHEMA_VERSION})
                try:
                    _commit(cur)
                except duckdb.Error as exc:
                    raise _restore_error(exc, tmp, "") from exc
            store.close()
            os.replace(tmp, path)
        except BaseException:
            with suppress(duckdb.Error):
                store.close()
            tmp.unlink(missing_ok=True)
            raise
        finally:
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
        return cls.open(path)

    def _table_names(self) -> list[str]:
        return list(self.query(SQL_TABLE_NAMES).table_name)


def _read_manifest(directory: Path) -> tuple[dict[str, dict[str, object]], set[str]]:
    """The tables of an export (name -> rows, sha256) and the tables added to the schema since it was made."""
    manifest_file = directory / "manifest.json"
    if not manifest_file.exists():
        raise StoreError(f"{directory} is geen export van de Wijkmonitor (manifest.json ontbreekt).")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        tables = manifest["tables"]
        valid = isinstance(tables, dict) and all(
            isinstance(info, dict) and isinstance(info.get("rows"), int) and isinstance(info.get("sha256"), str)
            for info in tables.values()
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise StoreError(
            f"{manifest_file} is geen geldig manifest van een Wijkmonitor-export (onleesbaar of onvolledig: per tabel "
            "horen 'rows' en 'sha256'). Er is niets teruggezet; gebruik een andere export."
        )
    added = _tables_added_since(manifest.get("schema_version"))
    if added is None:
        raise StoreError(
            f"De export heeft schemaversie {manifest.get('schema_version')!r}, deze versie verwacht {SCHEMA_VERSION!r}."
        )
    return tables, added


def _restore_error(exc: BaseException, tmp: Path, table: str, file: Path | None = None) -> StoreError:
    """A Dutch reason for a restore that failed on ``table`` (empty: not on one table), read from ``file``."""
    error = describe_error(exc, tmp)
    if isinstance(error, StoreWriteError):
        return StoreError(f"Terugzetten mislukt, er is niets teruggezet. {error}".replace("Niet opgeslagen: ", ""))
    text = str(exc)
    where = f"{table}.parquet: " if table else ""
    if isinstance(exc, duckdb.ConstraintException) or "duplicate key" in text.lower():
        reason = "dubbele sleutels (twee rijen met dezelfde sleutel)"
    elif file is not None and not _parquet_readable(file):
        reason = "het bestand is beschadigd (geen leesbare Parquet)"
    elif isinstance(exc, duckdb.ConversionException | duckdb.BinderException) or "cast" in text.lower():
        reason = "een kolom heeft een ander type of een andere naam dan het schema"
    else:
        reason = "de inhoud past niet in het schema"
    return StoreError(
        f"Terugzetten mislukt, er is niets teruggezet: {where}{reason}. Gebruik een andere (eerdere) export. "
        f"(DuckDB: {text})"
    )


def _parquet_readable(file: Path) -> bool:
    """True when every row of a Parquet file can be read (on a connection of its own, in memory)."""
    con = duckdb.connect()
    try:
        con.execute(f"select * from read_parquet('{_sql_path(file)}')").fetch_df()  # noqa: S608 (a path literal)
    except duckdb.Error:
        return False
    finally:
        con.close()
    return True


def _tables_added_since(version: object) -> set[str] | None:
    """The tables added by migrations from ``version`` to SCHEMA_VERSION; None if there is no such path."""
    added: set[str] = set()
    while version != SCHEMA_VERSION:
        if version not in MIGRATIONS:
            return None
        version, step = MIGRATIONS[version]  # type: ignore[index]
        if not step.startswith("alter table "):  # a column added since is filled with null ("insert by name")
            added.add(step)
    return added


def _sql_path(path: Path) -> str:
    """A path for a COPY/read_parquet literal (those take no parameters): quotes doubled."""
    return str(path.resolve()).replace("'", "''")


def _audit(
    cur: duckdb.DuckDBPyConnection,
    *,
    at: datetime,
    account: str,
    role: str,
    scope: str | None,
    action: str,
    detail: str,
    load_id: int | None = None,
    snapshot_no: int | None = None,
) -> None:
    """One row of the audit trail, on the cursor (and so in the transaction) of the action it records."""
    event_no = int(cur.execute(SQL_NEXT_EVENT_NO).fetchall()[0][0])
    cur.execute(
        SQL_INSERT_AUDIT,
        {
            "event_no": event_no,
            "happened_at": at,
            "account": account,
            "role": role,
            "scope": scope or None,
            "action": action,
            "load_id": load_id,
            "snapshot_no": snapshot_no,
            "detail": detail,
        },
    )


def _commit(cur: duckdb.DuckDBPyConnection) -> None:
    """COMMIT; the one place a commit happens (tests inject a full disk here)."""
    cur.commit()


def _append(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    # Registrations live on the cursor, which is closed after the write (also on failure).
    cur.register("_incoming", frame)
    # `by name`: column order in the frame does not matter; a missing nullable column is null.
    cur.execute(f"insert into {table} by name select * from _incoming")  # noqa: S608 (checked name)
    cur.unregister("_incoming")


def _count_superseded(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    if frame.empty:
        return 0
    key = ", ".join(TABLE_KEYS[table])
    cur.register("_incoming_keys", frame[list(TABLE_KEYS[table])].drop_duplicates())
    sql = (
        f"select count(*) from {table}_at($as_of) "  # noqa: S608 (checked name)
        f"semi join _incoming_keys using ({key})"
    )
    count = int(cur.execute(sql, {"as_of": _LATEST}).fetchall()[0][0])
    cur.unregister("_incoming_keys")
    return count
