"""Nothing lost, ever (issue 19): concurrent saves, damaged, busy, read-only and full stores, damaged exports.

Each test injects one fault and asserts the Dutch message *and* that nothing was lost. Faults of the file system
are simulated where they happen, with the texts DuckDB 2.0.1 gives for the real thing (seen on a 20 MB tmpfs
filled up and remounted read-only): the commit raises ``Failed to commit: Could not write file "…": No space left
on device`` (and a rollback after it ``cannot rollback - no transaction is active``); opening a file on a
read-only file system for writing raises ``Cannot open file "…": Read-only file system``. Simulated, because the
tests run as root (chmod does not stop root) and mounting a tmpfs needs privileges CI need not have.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import data.store as store_module
from data import edits, loading
from data.__main__ import main
from data.access import User
from data.build import build, needs_build
from data.checks import run_checks
from data.edits import AgendaItem, EditError, Note
from data.store import (
    Draft,
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
    StoreWriteError,
)
from tests.helpers import ROOT, copy_store, csv_bytes, open_page, state, store_with_user_value

LEIDER = User("opgaveleider", account="account-ba9876543210")
FULL_DISK = 'TransactionContext Error: Failed to commit: Could not write file "{path}": No space left on device'
NO_PERMISSION = 'IO Error: Cannot open file "{path}.wal": Permission denied'
READ_ONLY_FS = 'IO Error: Cannot open file "{path}": Read-only file system'
SURVEY = csv_bytes("indicator;gebiedscode;jaar;score;respondenten;marge\nsamenhang_score;WK082606;2026;7,0;398;0,14\n")
# what the browser must never show: a path, a process id, DuckDB's own words
RAW = re.compile(r"/|PID|proces \d|\d{3,}|IO Error|TransactionContext|DuckDB|duckdb")


def _item(action: str, area_code: str = "WK082600") -> AgendaItem:
    return AgendaItem(area_code, "samenhang", action, "wijkwerker", "gepland", date(2027, 6, 1), 0)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_public(text: str) -> None:
    assert not RAW.search(text), f"{RAW.search(text).group()!r} in browser text: {text}"


# -- 1. data loss: agenda ids under concurrency ------------------------------------------------------------


def test_agenda_items_saved_at_the_same_moment_all_arrive(db_path: Path) -> None:
    """Five sessions of one server (threads on the app's per-use store), three rounds of saves at the same
    moment on the same wijk: 15 told 'toegevoegd', 15 different ids, all 15 in force."""
    app_store = Store.open(db_path, transient=True, wait=30)
    before = set(app_store.table("agenda_item").item_id)
    ids: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(5)

    def session(n: int) -> None:
        for round_ in range(3):
            barrier.wait()
            try:
                item_id, _ = edits.add_agenda_item(app_store, _item(f"Actie {n}.{round_}"), LEIDER)
                ids.append(item_id)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(ids) == len(set(ids)) == 15
    in_force = app_store.table("agenda_item")
    assert set(ids) <= set(in_force.item_id) and not set(ids) & before
    assert set(in_force[in_force.item_id.isin(ids)].action) == {f"Actie {n}.{r}" for n in range(5) for r in range(3)}
    shared = next(r for r in run_checks(app_store) if r.name == "unieke_ids_bewerkingen")
    assert shared.passed


_WRITER = textwrap.dedent("""
    import sys, time
    from datetime import date
    sys.path.insert(0, {root!r})
    from data import edits
    from data.access import User
    from data.store import Store
    store = Store.open({db!r}, transient=True, wait=60)
    leider = User("opgaveleider", account="account-ba9876543210")
    while time.time() < {start}:
        time.sleep(0.005)
    for i in range(3):
        item = edits.AgendaItem("WK082600", "samenhang", f"Proces {{sys.argv[1]}}.{{i}}", "wijkwerker", "gepland",
                                date(2027, 6, 1), 0)
        print(edits.add_agenda_item(store, item, leider)[0], flush=True)
""")


def test_agenda_items_saved_by_several_processes_at_once_all_arrive(db_path: Path) -> None:
    """Three processes (e.g. two app servers and a script) save through the real write path at once."""
    code = _WRITER.format(root=str(ROOT), db=str(db_path), start=time.time() + 4)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(n)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for n in range(3)
    ]
    outputs = [writer.communicate(timeout=180) for writer in writers]
    assert all(writer.returncode == 0 for writer in writers), [err for _, err in outputs]
    ids = [line for out, _ in outputs for line in out.split()]
    assert len(ids) == len(set(ids)) == 9
    store = Store.open(db_path, read_only=True)
    try:
        in_force = store.table("agenda_item")
        assert set(ids) <= set(in_force.item_id)
        assert {a for a in in_force.action if a.startswith("Proces ")} == {
            f"Proces {n}.{i}" for n in range(3) for i in range(3)
        }
    finally:
        store.close()


def _create(store: Store, table: str, frame: pd.DataFrame, source: str) -> None:
    store.write_composed(
        lambda _read: Draft(source, "0" * 64, {table: frame}), dataset="agenda", loaded_by="opgaveleider", is_demo=False
    )


def test_check_finds_two_different_items_sharing_an_id(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    """What the old code wrote when two saves read the same next id: two creations of AG-00-90 (and of a note)."""
    store = Store.open(db_path)
    try:
        for action in ("Buurtkamer openen", "Speeltuin opknappen"):
            frame = edits.agenda_frame(_item(action), "AG-00-90")
            _create(store, "agenda_item", frame, "app: nieuw agendapunt AG-00-90")
        for text in ("Eerste notitie", "Andere notitie"):
            note = Note("WK082600", date(2026, 11, 2), text)
            frame = edits.note_frame(note, "LB-20261102-aaaaaaaa", pd.Timestamp("2026-11-02 10:00"), "opgaveleider")
            _create(store, "note", frame, "app: notitie LB-20261102-aaaaaaaa")
        # an ordinary update of an item is a new version, not a second item
        item_id, _ = edits.add_agenda_item(store, _item("Wijkschouw"), LEIDER)
        edits.update_agenda_item(store, item_id, status="lopend", progress_pct=20, user=LEIDER)
        shared = next(r for r in run_checks(store) if r.name == "unieke_ids_bewerkingen")
    finally:
        store.close()
    assert set(shared.failures.id) == {"AG-00-90", "LB-20261102-aaaaaaaa"}
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "FOUT  unieke_ids_bewerkingen: geen twee verschillende agendapunten of notities met hetzelfde id" in out
    assert "AG-00-90" in out


# -- 1b. data loss: a damaged store is never replaced ------------------------------------------------------------


def _truncated(path: Path) -> Path:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.truncate(size // 10)
    return path


def _zeroed(path: Path) -> Path:
    with path.open("r+b") as file:
        file.write(b"\0" * 3 * 4096)  # the header blocks
    return path


DAMAGES = {"afgekapt tot 10%": _truncated, "kop met nullen": _zeroed}


@pytest.fixture(params=list(DAMAGES))
def damaged_db(request: pytest.FixtureRequest, built_template: Path, tmp_path: Path) -> Path:
    """A store that held a user load, then damaged."""
    path = store_with_user_value(built_template, tmp_path / "w.duckdb", "inwoners", "GM0826", 2025, 58_000.0)
    return DAMAGES[request.param](path)


def test_a_damaged_store_is_never_rebuilt_automatically(damaged_db: Path) -> None:
    before = _digest(damaged_db)
    with pytest.raises(StoreDamagedError, match="beschadigd") as raised:
        needs_build(damaged_db)
    assert "in gebruik" not in str(raised.value)
    with pytest.raises(StoreDamagedError, match="python -m data restore"):
        build(damaged_db)  # without --force: refused
    assert _digest(damaged_db) == before
    assert sorted(p.name for p in damaged_db.parent.iterdir()) == [damaged_db.name]


def test_build_force_moves_a_damaged_store_aside_never_deletes_it(damaged_db: Path, capsys) -> None:
    before = _digest(damaged_db)
    assert main(["build", "--db", str(damaged_db), "--force"]) == 0
    kept = [p for p in damaged_db.parent.iterdir() if ".beschadigd-" in p.name]
    assert len(kept) == 1 and _digest(kept[0]) == before  # the damaged file, byte for byte
    assert "beschadigd" in capsys.readouterr().out
    fresh = Store.open(damaged_db, read_only=True)
    assert len(fresh.load_log()) == 11
    fresh.close()


@pytest.mark.parametrize("command", ["check", "loads", "export"])
def test_cli_on_a_damaged_store_says_so_without_traceback(
    damaged_db: Path, command: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """In this process: an exception that escaped ``main`` (a traceback) would fail the test right here."""
    before = _digest(damaged_db)
    args = [command, *([str(tmp_path / "export")] if command == "export" else []), "--db", str(damaged_db)]
    assert main(args) == 1
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    assert "is beschadigd" in stderr and "in gebruik" not in stderr
    assert "python -m data restore" in stderr
    assert _digest(damaged_db) == before
    assert not (tmp_path / "export").exists()


@contextmanager
def app_on(path: Path) -> Iterator[None]:
    """AppTests in this process read ``path``; afterwards the session's store again."""
    previous = os.environ.get("WIJKMONITOR_DB")
    os.environ["WIJKMONITOR_DB"] = str(path)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        if previous is None:
            os.environ.pop("WIJKMONITOR_DB", None)
        else:
            os.environ["WIJKMONITOR_DB"] = previous


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.success)]
    parts += [e.value for e in at.markdown] + [e.value for e in at.caption]
    return "\n".join(str(p) for p in parts)


def test_the_app_shows_a_damaged_store_in_dutch_and_keeps_it(damaged_db: Path) -> None:
    before = _digest(damaged_db)
    with app_on(damaged_db):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]  # not Streamlit's generic English error
    errors = "\n".join(e.value for e in at.error)
    assert "beschadigd" in errors and "python -m data restore" in errors
    _assert_public(errors.replace("python -m data restore", ""))
    assert _digest(damaged_db) == before
    assert sorted(p.name for p in damaged_db.parent.iterdir()) == [damaged_db.name]  # nothing built beside it


# -- 2. the command line and the app take turns -------------------------------------------------------------------


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the database file (a command-line load, or an app of an older version)."""
    code = f"import duckdb, time\nc = duckdb.connect({str(path)!r})\nprint('open', flush=True)\ntime.sleep({seconds})"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    return holder


ADVICE = {
    "loads": "Het ladingenlogboek is niet getoond",
    "export": "Er is geen export (back-up) gemaakt",
    "check": "De controles zijn niet gedraaid",
    "import": "Er is niets geladen",
}


@pytest.mark.parametrize("command", list(ADVICE))
def test_a_command_names_what_to_do_when_the_file_stays_busy(
    db_path: Path, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(loading, "LOCK_WAIT_SECONDS", 0.5)
    survey = tmp_path / "enquete.csv"
    survey.write_bytes(SURVEY)
    args = {
        "loads": ["loads"],
        "export": ["export", str(tmp_path / "export")],
        "check": ["check"],
        "import": ["import", "enquete", str(survey)],
    }[command]
    before = _digest(db_path)
    holder = _hold(db_path, 60)
    try:
        assert main([*args, "--db", str(db_path)]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "in gebruik door een ander proces" in err and "beschadigd" not in err
    assert ADVICE[command] in err
    assert "Gegevensbeheer" not in err or command in ("import", "loads")  # no page advice for a backup
    assert _digest(db_path) == before
    assert not (tmp_path / "export").exists()


def test_the_command_line_waits_while_the_app_holds_the_file_briefly(db_path: Path, tmp_path: Path) -> None:
    holder = _hold(db_path, 1.5)  # the app reading or saving
    started = time.monotonic()
    assert main(["export", str(tmp_path / "export"), "--db", str(db_path)]) == 0
    assert time.monotonic() - started < loading.LOCK_WAIT_SECONDS
    holder.wait()
    assert main(["check", "--db", str(db_path)]) in (0, 1)  # ran (the demo data's results are not the point)
    assert json.loads((tmp_path / "export" / "manifest.json").read_text())["tables"]["load_log"]["rows"] == 11


def test_the_app_waits_while_a_command_holds_the_file_and_then_sees_the_new_data(db_path: Path) -> None:
    app_store = Store.open(db_path, transient=True, wait=20, browser=True)
    version = app_store.data_version()
    # a command-line load: holds the file for a moment, then writes a new load
    writer = Store.open(db_path)
    holder_result = writer.write_load(
        dataset="indicatorwaarden",
        source="nachtelijk.csv",
        sha256="n" * 64,
        loaded_by="beheerder",
        frames={
            "indicator_value": pd.DataFrame(
                {"indicator_id": ["inwoners"], "area_code": ["GM0826"], "year": [2026], "value": [58_500.0]}
            )
        },
        is_demo=False,
    )
    writer.close()
    holder = _hold(db_path, 1.5)
    started = time.monotonic()
    assert app_store.data_version() == holder_result.load_id > version  # waited for the file, then read it
    assert time.monotonic() - started < 20
    holder.wait()


def test_the_app_says_in_dutch_when_a_command_holds_the_file_too_long(db_path: Path) -> None:
    app_store = Store.open(db_path, transient=True, wait=0.3, browser=True)
    holder = _hold(db_path, 60)
    try:
        with pytest.raises(StoreBusyError) as raised:
            app_store.table("area")
        with pytest.raises(EditError) as refused:
            edits.add_note(app_store, Note("WK082600", date(2026, 11, 2), "Tekst"), LEIDER)
    finally:
        holder.kill()
        holder.wait()
    assert "ander proces" in str(raised.value)
    _assert_public(str(raised.value))
    assert "ander proces" in str(refused.value) and "Uw tekst staat nog in het formulier" in str(refused.value)
    _assert_public(str(refused.value))


# -- 3. failed commits: the first error, in Dutch; the store as it was ----------------------------------------------


def _failing_commit(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """The commit fails as DuckDB's does: the transaction is gone, and the error names the cause."""

    def commit(cur: duckdb.DuckDBPyConnection) -> None:
        cur.rollback()  # DuckDB ends the transaction when a commit fails
        raise duckdb.TransactionException(text)

    monkeypatch.setattr(store_module, "_commit", commit)


@pytest.mark.parametrize(
    ("fault", "cli_words", "public_words"),
    [
        (FULL_DISK, "de schijf is vol", "de schijf van de server is vol"),
        (NO_PERMISSION, "geen schrijfrechten op map", "geen schrijfrechten"),
    ],
)
def test_a_failed_commit_reports_the_first_error_and_changes_nothing(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,
    fault: str,
    cli_words: str,
    public_words: str,
) -> None:
    store = Store.open(db_path)
    log_before, counts_before = state(store)
    store.close()
    _failing_commit(monkeypatch, fault.format(path=db_path))
    survey = tmp_path / "enquete.csv"
    survey.write_bytes(SURVEY)
    assert main(["import", "enquete", str(survey), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert cli_words in err and str(db_path.parent) in err
    assert "cannot rollback" not in err and "Traceback" not in err
    # the app: the same fault on a note is a refusal in words without paths, the text to be saved again
    app_store = Store.open(db_path, transient=True, browser=True)
    with pytest.raises(EditError) as refused:
        edits.add_note(app_store, Note("WK082600", date(2026, 11, 2), "Belangrijke notitie"), LEIDER)
    assert public_words in str(refused.value) and "Uw tekst staat nog in het formulier" in str(refused.value)
    _assert_public(str(refused.value))
    monkeypatch.undo()
    store = Store.open(db_path, read_only=True)
    log_after, counts_after = state(store)
    store.close()
    pd.testing.assert_frame_equal(log_after, log_before)
    assert counts_after == counts_before


def test_the_logboek_keeps_the_text_and_says_it_was_not_saved_on_a_full_disk(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app_on(db_path):
        at = open_page("pages/logboek.py", role="opgaveleider")
        _failing_commit(monkeypatch, FULL_DISK.format(path=db_path))
        box = next(t for t in at.text_area if t.label == "Notitie")
        box.set_value("Bewonersavond: veel zorgen over de speeltuin.")
        next(b for b in at.button if b.label == "Notitie opslaan").click()
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        errors = "\n".join(e.value for e in at.error)
        assert "Niet opgeslagen" in errors and "de schijf van de server is vol" in errors
        _assert_public(errors)
        assert next(t for t in at.text_area if t.label == "Notitie").value.startswith("Bewonersavond")
    monkeypatch.undo()
    store = Store.open(db_path, read_only=True)
    assert not store.table("note").text.str.startswith("Bewonersavond").any()
    store.close()


# -- 3b. a store file that can only be read -----------------------------------------------------------------------


@pytest.fixture
def read_only_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store as on a read-only file system: opening it for writing fails as DuckDB's does."""
    real = duckdb.connect

    def connect(database: str = ":memory:", read_only: bool = False, **kwargs):
        if str(database) == str(db_path) and not read_only:
            raise duckdb.IOException(READ_ONLY_FS.format(path=db_path))
        return real(database, read_only=read_only, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect)
    return db_path


def test_a_read_only_store_opens_read_only_and_refuses_writes_in_dutch(read_only_file: Path) -> None:
    before = _digest(read_only_file)
    with pytest.raises(StoreReadOnlyError):
        Store.open(read_only_file)
    assert needs_build(read_only_file) is False  # nothing to build, nothing replaced
    store = Store.open(read_only_file, read_only=True, transient=True, browser=True)
    assert len(store.table("area")) > 0  # the pages can read
    with pytest.raises(EditError, match="Wijzigingen zijn nu niet mogelijk"):
        edits.add_note(store, Note("WK082600", date(2026, 11, 2), "Tekst"), LEIDER)
    assert _digest(read_only_file) == before


def test_the_app_shows_every_page_of_a_read_only_store_and_says_changes_are_not_possible(
    read_only_file: Path,
) -> None:
    with app_on(read_only_file):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception, [e.message for e in at.exception]
        assert any("wijzigingen" in w.value and "niet mogelijk" in w.value for w in at.warning)
        at = open_page("pages/logboek.py", role="opgaveleider")
        next(t for t in at.text_area if t.label == "Notitie").set_value("Notitie op een alleen-lezen database")
        next(b for b in at.button if b.label == "Notitie opslaan").click()
        at.run()
        errors = "\n".join(e.value for e in at.error)
        assert "Wijzigingen zijn nu niet mogelijk" in errors
        _assert_public(errors)
        assert next(t for t in at.text_area if t.label == "Notitie").value == "Notitie op een alleen-lezen database"


def test_store_errors_meant_for_the_browser_carry_no_paths(tmp_path: Path) -> None:
    path = tmp_path / "geheim" / "w.duckdb"
    errors = [
        store_module.describe_error(
            duckdb.IOException(
                f'Could not set lock on file "{path}": Conflicting lock is held in /usr/bin/python3 (PID 4242)'
            ),
            path,
        ),
        store_module.describe_error(
            duckdb.IOException(f'The file "{path}" exists, but it is not a valid DuckDB database file!'), path
        ),
        store_module.describe_error(duckdb.TransactionException(FULL_DISK.format(path=path)), path),
        store_module.describe_error(duckdb.IOException(NO_PERMISSION.format(path=path)), path),
    ]
    kinds = [type(e) for e in errors]
    assert kinds == [StoreBusyError, StoreDamagedError, StoreWriteError, StoreWriteError]
    assert "4242" in str(errors[0]) and str(path) in str(errors[1])  # the command line may name them
    for error in errors:
        _assert_public(error.public)


# -- 4. backups: a failing export leaves nothing, a damaged export is refused in Dutch -------------------------------


@pytest.fixture(scope="module")
def export_dir(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("safety-export")
    store = Store.open(copy_store(built_template, folder / "w.duckdb"), read_only=True)
    try:
        return store.export_parquet(folder / "export")
    finally:
        store.close()


def _copy_export(export_dir: Path, target: Path) -> Path:
    target.mkdir()
    for file in export_dir.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    return target


def _rewrite(folder: Path, table: str, sql: str) -> None:
    """Replace ``table``.parquet by the result of ``sql`` (reading the old file as ``t``) and make its hash in the
    manifest match, as someone who wanted it to pass would."""
    file = folder / f"{table}.parquet"
    tmp = folder / "tmp.parquet"
    con = duckdb.connect()
    source = f"read_parquet('{file}')"
    con.execute(f"copy ({sql.format(t=source)}) to '{tmp}' (format parquet)")
    con.close()
    os.replace(tmp, file)
    _fix_hash(folder, table)


def _fix_hash(folder: Path, table: str) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"][table]["sha256"] = _digest(folder / f"{table}.parquet")
    (folder / "manifest.json").write_text(json.dumps(manifest))


def _invalid_manifest(folder: Path) -> None:
    (folder / "manifest.json").write_text('{"schema_version": "7", "tables": ')


def _manifest_without_hashes(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"] = {name: {"rows": "veel"} for name in manifest["tables"]}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def _corrupt_parquet(folder: Path) -> None:
    file = folder / "agenda_item.parquet"
    content = bytearray(file.read_bytes())
    content[len(content) // 3 : len(content) // 3 + 200] = os.urandom(200)
    content[8:64] = b"\xff" * 56
    file.write_bytes(bytes(content))
    _fix_hash(folder, "agenda_item")


def _wrong_type(folder: Path) -> None:
    _rewrite(folder, "agenda_item", "select * replace ('veel' as progress_pct) from {t}")


def _duplicate_keys(folder: Path) -> None:
    _rewrite(folder, "load_log", "select * from {t} union all select * from {t} where load_id = 3")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"]["load_log"]["rows"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest))


BROKEN_EXPORTS = {
    "manifest geen JSON": (_invalid_manifest, "geen geldig manifest"),
    "manifest zonder hashes": (_manifest_without_hashes, "geen geldig manifest"),
    "Parquet beschadigd, hash klopt": (_corrupt_parquet, "agenda_item.parquet: het bestand is beschadigd"),
    "kolom van een ander type": (_wrong_type, "agenda_item.parquet: een kolom heeft een ander type"),
    "dubbele sleutels": (_duplicate_keys, "load_log.parquet: dubbele sleutels"),
}


@pytest.mark.parametrize("case", list(BROKEN_EXPORTS))
def test_restore_refuses_a_damaged_export_in_dutch_and_leaves_nothing(
    export_dir: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture
) -> None:
    damage, words = BROKEN_EXPORTS[case]
    folder = _copy_export(export_dir, tmp_path / "export")
    damage(folder)
    target = tmp_path / "nieuw" / "w.duckdb"
    target.parent.mkdir()
    done = main(["restore", str(folder), "--db", str(target)])  # in this process: a traceback fails right here
    out, err = capsys.readouterr()
    assert done == 1, out
    assert "Traceback" not in err
    assert words in err and "niets teruggezet" in err
    assert list(target.parent.iterdir()) == []  # no store, no half-restored file


def test_restore_on_a_full_disk_says_so_and_leaves_nothing(
    export_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "w.duckdb"
    _failing_commit(monkeypatch, FULL_DISK.format(path=f"{target}.restoring"))
    with pytest.raises(StoreError, match="de schijf is vol") as raised:
        Store.restore_parquet(export_dir, target)
    assert "cannot rollback" not in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failing_export_leaves_no_folder(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_text

    def write_text(self: Path, *args, **kwargs):
        if self.name == "manifest.json":
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    target = tmp_path / "backups" / "2026-12-03"
    target.parent.mkdir()
    store = Store.open(db_path, read_only=True)
    try:
        with pytest.raises(StoreError, match="Export mislukt; er is geen \\(halve\\) export achtergebleven") as raised:
            store.export_parquet(target)
    finally:
        store.close()
    assert "de schijf is vol" in str(raised.value)
    assert list(target.parent.iterdir()) == []  # neither the folder nor a partial one beside it


# -- 5. the real thing: a full tmpfs (needs the right to mount; the simulated faults above run everywhere) ----------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "klein"
    folder.mkdir()
    mount, umount = shutil.which("mount"), shutil.which("umount")
    mounted = mount and subprocess.run([mount, "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(folder)], check=False)
    if not mounted or mounted.returncode != 0:
        pytest.skip("geen tmpfs te koppelen (geen rechten); de gesimuleerde volle schijf hierboven dekt dit")
    try:
        yield folder
    finally:
        subprocess.run([umount, "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "vulsel"
    with filler.open("wb") as file:
        try:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
        except OSError:
            pass
    return filler


def test_a_real_full_disk_refuses_import_and_export_in_dutch_and_keeps_the_store(
    built_template: Path, small_disk: Path, tmp_path: Path
) -> None:
    db = copy_store(built_template, small_disk / "w.duckdb")
    survey = tmp_path / "enquete.csv"
    survey.write_bytes(SURVEY)
    filler = _fill(small_disk)
    for args in (["import", "enquete", str(survey)], ["export", str(small_disk / "backup")]):
        done = subprocess.run(
            [sys.executable, "-m", "data", *args, "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stdout
        assert "de schijf is vol" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "cannot rollback" not in done.stderr
    assert not (small_disk / "backup").exists() and not list(small_disk.glob(".backup*"))
    filler.unlink()
    store = Store.open(db, read_only=True)
    try:
        assert len(store.load_log()) == 11  # nothing half-written, nothing lost
        store.verify()
    finally:
        store.close()
