"""The store module on small temp databases: loads, superseding, as-of, atomicity, versioning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.store import SCHEMA_FILE, SCHEMA_VERSION, Store, StoreError, StoreMissingError


@pytest.fixture
def empty(tmp_path: Path) -> Store:
    store = Store.create(tmp_path / "t.duckdb")
    yield store
    store.close()


def _values(*rows: tuple[str, str, int, float]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value"])


def _load(store: Store, frame: pd.DataFrame, loaded_by: str = "beheerder") -> int:
    return store.write_load(
        dataset="indicatorwaarden",
        source="test.csv",
        sha256="0" * 64,
        loaded_by=loaded_by,
        frames={"indicator_value": frame},
        is_demo=False,
    ).load_id


def test_a_load_is_logged_with_counts(empty: Store) -> None:
    result = empty.write_load(
        dataset="indicatorwaarden",
        source="test.csv",
        sha256="a" * 64,
        loaded_by="beheerder",
        frames={"indicator_value": _values(("x", "WK082600", 2024, 1.0), ("x", "WK082601", 2024, 2.0))},
        is_demo=False,
    )
    log = empty.load_log()
    assert (result.load_id, result.rows_added, result.rows_superseded) == (1, 2, 0)
    assert log.loc[0, ["dataset", "source", "loaded_by", "status", "rows_added"]].tolist() == [
        "indicatorwaarden",
        "test.csv",
        "beheerder",
        "ok",
        2,
    ]
    assert empty.data_version() == 1


def test_a_later_load_supersedes_without_deleting(empty: Store) -> None:
    _load(empty, _values(("x", "WK082600", 2024, 1.0), ("x", "WK082601", 2024, 2.0)))
    second = empty.write_load(
        dataset="indicatorwaarden",
        source="fix.csv",
        sha256="b" * 64,
        loaded_by="beheerder",
        frames={"indicator_value": _values(("x", "WK082600", 2024, 1.5))},
        is_demo=False,
    )
    assert second.rows_superseded == 1
    current = empty.table("indicator_value").set_index("area_code").value
    assert current.to_dict() == {"WK082600": 1.5, "WK082601": 2.0}
    # history kept: both versions are in the table itself
    every_row = empty.query("select count(*) as n from indicator_value").n.iloc[0]
    assert every_row == 3


def test_as_of_reproduces_an_earlier_state(empty: Store) -> None:
    first = _load(empty, _values(("x", "WK082600", 2024, 1.0)))
    _load(empty, _values(("x", "WK082600", 2024, 9.0), ("x", "WK082602", 2024, 3.0)))
    then = empty.table("indicator_value", as_of=first)
    assert then[["area_code", "value"]].values.tolist() == [["WK082600", 1.0]]


def test_an_undone_load_no_longer_counts(empty: Store) -> None:
    _load(empty, _values(("x", "WK082600", 2024, 1.0)))
    second = _load(empty, _values(("x", "WK082600", 2024, 9.0)))
    # undoing is a status change on the log (the importer issue adds the command for it)
    empty._con.execute("update load_log set status = 'ongedaan' where load_id = $id", {"id": second})
    assert empty.table("indicator_value").value.tolist() == [1.0]
    assert empty.data_version() == 1


def test_a_failing_load_leaves_the_store_unchanged(empty: Store) -> None:
    _load(empty, _values(("x", "WK082600", 2024, 1.0)))
    before_log, before_values = empty.load_log(), empty.query("select * from indicator_value")
    bad = pd.DataFrame(
        {
            "area_code": ["WK082600"],
            "year": [2024],
            "quarter": [5],  # no 5th quarter
            "active_volunteers": [3],
            "volunteer_hours": [10],
            "organisations": [1],
        }
    )
    with pytest.raises(duckdb.ConstraintException):
        empty.write_load(
            dataset="vrijwilligers",
            source="bad.csv",
            sha256="c" * 64,
            loaded_by="beheerder",
            frames={"indicator_value": _values(("y", "WK082601", 2024, 2.0)), "volunteer_activity": bad},
            is_demo=False,
        )
    pd.testing.assert_frame_equal(empty.load_log(), before_log)
    pd.testing.assert_frame_equal(empty.query("select * from indicator_value"), before_values)


def test_duplicate_keys_within_one_load_are_refused(empty: Store) -> None:
    with pytest.raises(duckdb.ConstraintException):
        _load(empty, _values(("x", "WK082600", 2024, 1.0), ("x", "WK082600", 2024, 2.0)))
    assert empty.load_log().empty


def test_unknown_table_is_refused(empty: Store) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        empty.table("load_log; drop table meta")


def test_missing_file_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="python -m data build"):
        Store.open(tmp_path / "nothing.duckdb")


def test_outdated_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store.create(path).close()
    con = duckdb.connect(str(path))
    con.execute("update meta set value = '0' where key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match=f"verwacht '{SCHEMA_VERSION}'"):
        Store.open(path)


def test_create_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    Store.create(path).close()
    with pytest.raises(StoreError, match="bestaat al"):
        Store.create(path)


def test_a_file_locked_by_another_process_gives_a_dutch_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "t.duckdb"
    Store.create(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in gebruik door een ander proces"):
            Store.open(path)
    finally:
        holder.kill()
        holder.wait()


def _as_schema_3(path: Path) -> None:
    """Turn a store into what schema version 3 wrote: no audit_log table, no national tables (schema 5, 6), no
    indicator.change_threshold (schema 7)."""
    con = duckdb.connect(str(path))
    con.execute("drop table audit_log")
    for table in ("nl_area", "nl_value"):
        con.execute(f"drop macro table {table}_at")
        con.execute(f"drop table {table}")
    # DuckDB cannot drop a column before a primary key: recreate the table as schema 6 had it
    create = re.search(r"^create table indicator \(.*?^\);", SCHEMA_FILE.read_text(), re.MULTILINE | re.DOTALL)
    old = "\n".join(line for line in create.group(0).splitlines() if "change_threshold" not in line)
    con.execute("create temp table kept as select * exclude (change_threshold) from indicator")
    con.execute("drop table indicator")
    con.execute(old)
    con.execute("insert into indicator by name select * from kept")
    con.execute("update meta set value = '3' where key = 'schema_version'")
    con.close()


def test_a_schema_3_store_is_migrated_without_losing_anything(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "oud.duckdb")
    load_id = _load(store, _values(("eenzaam_pct", "WK082613", 2025, 11.0)))
    store.close()
    _as_schema_3(tmp_path / "oud.duckdb")
    with pytest.raises(StoreError, match="schemaversie '3'"):
        Store.open(tmp_path / "oud.duckdb", read_only=True)  # read-only cannot migrate: a clear message
    store = Store.open(tmp_path / "oud.duckdb")  # opening for writing adds the audit trail
    try:
        assert store.meta()["schema_version"] == SCHEMA_VERSION
        assert list(store.load_log().load_id) == [load_id]
        assert store.audit_log().empty
        assert store.table("nl_value").empty  # the national tables and their as-of macros exist again
        again = _load(store, _values(("eenzaam_pct", "WK082613", 2025, 12.0)))
        assert list(store.audit_log().load_id) == [again]
    finally:
        store.close()


def test_a_schema_3_export_restores_into_the_current_schema(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "w.duckdb")
    _load(store, _values(("eenzaam_pct", "WK082613", 2025, 11.0)))
    exported = store.export_parquet(tmp_path / "export")
    store.close()
    # what a version-3 installation exported: no audit_log, no national tables
    manifest = json.loads((exported / "manifest.json").read_text())
    manifest["schema_version"] = "3"
    for table in ("audit_log", "nl_area", "nl_value"):
        del manifest["tables"][table]
        (exported / f"{table}.parquet").unlink()
    (exported / "manifest.json").write_text(json.dumps(manifest))
    restored = Store.restore_parquet(exported, tmp_path / "nieuw.duckdb")
    try:
        assert restored.meta()["schema_version"] == SCHEMA_VERSION
        assert len(restored.load_log()) == 1 and restored.audit_log().empty
    finally:
        restored.close()


def test_every_write_leaves_one_audit_row_in_the_same_transaction(empty: Store) -> None:
    load_id = _load(empty, _values(("eenzaam_pct", "WK082613", 2025, 11.0)))
    empty.undo_load(load_id, "beheerder", account="account-123")
    log = empty.audit_log()
    assert list(log.action) == ["ongedaan", "lading"]
    assert list(log.account) == ["account-123", "systeem"]
    with pytest.raises(duckdb.Error):  # a failing load: no load, no data, no audit row
        _load(empty, _values(("eenzaam_pct", "WK082613", 2025, -1.0)).assign(margin=-1.0))
    assert len(empty.audit_log()) == 2


def test_reading_holds_one_connection_for_this_thread_only(
    empty: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transient store (the app) connects once for a block of reads, not once per read; another thread
    meanwhile connects on its own, and after the block every read connects again."""
    import threading

    from data import store as store_module

    _load(empty, _values(("a", "GM0826", 2024, 1.0)))
    empty.close()
    transient = Store.open(tmp_path / "t.duckdb", transient=True)
    connects: list[str] = []
    real = store_module.connect

    def counted(*args, **kwargs):
        connects.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module, "connect", counted)
    with transient.reading():
        tables = [transient.table(name) for name in ("indicator_value", "area", "theme", "indicator")]
        other = threading.Thread(target=lambda: transient.table("area"), name="ander")
        other.start()
        other.join()
    assert connects == ["MainThread", "ander"]
    assert list(tables[0].value) == [1.0]
    transient.table("area")
    transient.table("theme")
    assert connects == ["MainThread", "ander", "MainThread", "MainThread"]
