"""The store: the one module that owns DuckDB connections, the schema and every query.

One connection per process (DuckDB allows one writing process per file), a fresh cursor per query
(a connection object is not thread-safe; cursors are), and every write inside a transaction through
:meth:`Store.write_load`. Tables are append-only; see ``schema.sql`` for the history model.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA_VERSION = "2"
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
SQL_INSERT_LOAD = """
insert into load_log (load_id, dataset, source, sha256, loaded_by, loaded_at, rows_added,
                      rows_superseded, status, is_demo, message)
values ($load_id, $dataset, $source, $sha256, $loaded_by, $loaded_at, $rows_added,
        $rows_superseded, 'ok', $is_demo, $message)
"""


class StoreError(Exception):
    """A store problem with a message in Dutch, fit to show to a user."""


class StoreMissingError(StoreError):
    """The database file does not exist (yet)."""


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
class LoadResult:
    load_id: int
    rows_added: int
    rows_superseded: int


class Store:
    """Access to one Wijkmonitor database file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path):
        self._con = con
        self.path = path
        # DuckDB reports write-write conflicts instead of waiting; serialise writers in-process.
        self._write_lock = threading.Lock()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False) -> Store:
        """Open an existing store and check its schema version."""
        path = Path(path) if path else default_path()
        if not path.exists():
            raise StoreMissingError(f"De database {path} bestaat niet. Bouw hem met: python -m data build")
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(
                f"De database {path} is in gebruik door een ander proces (bijvoorbeeld de app of een "
                f"lopende build). Sluit dat proces en probeer het opnieuw. Details: {exc}"
            ) from exc
        store = cls(con, path)
        try:
            version = store.meta().get("schema_version")
        except duckdb.Error:
            version = None
        if version != SCHEMA_VERSION:
            con.close()
            raise StoreError(
                f"De database {path} heeft schemaversie {version!r}, deze versie van de Wijkmonitor "
                f"verwacht {SCHEMA_VERSION!r}. Bouw hem opnieuw met: python -m data build"
            )
        return store

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
        self._con.close()

    # -- reading -------------------------------------------------------------------------------

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def query(self, sql: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        """Run one read query with ``$named`` parameters on its own cursor."""
        with self._cursor() as cur:
            return cur.execute(sql, dict(params or {})).df()

    def table(self, name: str, as_of: int | None = None) -> pd.DataFrame:
        """The rows of a versioned table in force now, or after load ``as_of``."""
        if name not in TABLE_KEYS:
            raise ValueError(f"unknown table {name!r}; expected one of {sorted(TABLE_KEYS)}")
        # The table name is checked against TABLE_KEYS above; only the as-of value is a parameter.
        sql = f"select * from {name}_at($as_of) order by {', '.join(TABLE_KEYS[name])}"  # noqa: S608
        return self.query(sql, {"as_of": _LATEST if as_of is None else as_of})

    def meta(self) -> dict[str, str]:
        return dict(self.query(SQL_META).itertuples(index=False, name=None))

    def load_log(self) -> pd.DataFrame:
        return self.query(SQL_LOAD_LOG)

    def data_version(self) -> int:
        """The newest load in force: changes whenever the data changes (cache key, snapshot ID)."""
        with self._cursor() as cur:
            return int(cur.execute(SQL_DATA_VERSION).fetchall()[0][0])

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
    ) -> LoadResult:
        """Append ``frames`` (table name -> rows without load_id) as one load, all or nothing.

        Rows whose business key already exists supersede the old rows; nothing is deleted. On any
        error the transaction is rolled back and the store is unchanged.
        """
        unknown = set(frames) - set(TABLE_KEYS)
        if unknown:
            raise ValueError(f"unknown tables {sorted(unknown)}")
        with self._write_lock, self._cursor() as cur:
            cur.begin()
            try:
                load_id = int(cur.execute(SQL_NEXT_LOAD_ID).fetchall()[0][0])
                superseded = sum(_count_superseded(cur, table, frame) for table, frame in frames.items())
                added = sum(len(frame) for frame in frames.values())
                # the log row first: every data row references it
                cur.execute(
                    SQL_INSERT_LOAD,
                    {
                        "load_id": load_id,
                        "dataset": dataset,
                        "source": source,
                        "sha256": sha256,
                        "loaded_by": loaded_by,
                        "loaded_at": loaded_at or datetime.now().replace(microsecond=0),
                        "rows_added": added,
                        "rows_superseded": superseded,
                        "is_demo": is_demo,
                        "message": message,
                    },
                )
                for table, frame in frames.items():
                    _append(cur, table, frame.assign(load_id=load_id))
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
        return LoadResult(load_id, added, superseded)


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
