"""Loads made by users: undo, as-of, Parquet export/restore, archive and replay, the CLI (exit codes, the
database held by another process) and the Gegevensbeheer page (AppTest)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data import loading
from data.__main__ import main
from data.access import cli_user
from data.store import TABLE_KEYS, Store, StoreError
from tests.helpers import csv_bytes, state, xlsx_bytes
from ui.navigation import ROOT
from ui.text import inert
from ui.views import gegevensbeheer as view

ROLE = cli_user("beheerder")
SURVEY = csv_bytes(
    "indicator;gebiedscode;jaar;score;respondenten;marge\n"
    "samenhang_score;WK082606;2025;6,9;412;0,13\n"
    "samenhang_score;WK082606;2026;7,0;398;0,14\n"
)
SPENDING = csv_bytes("taakveld;gebiedscode;jaar;soort;bedrag_eur\n6.1;GM0826;2026;begroot;2.650.000,25\n")


def _survey_value(store: Store, year: int, as_of: int | None = None) -> float:
    values = store.table("indicator_value", as_of=as_of).set_index(["indicator_id", "area_code", "year"])
    return float(values.loc[("samenhang_score", "WK082606", year)].value)


# -- undo and as-of -------------------------------------------------------------------------------


def test_undo_restores_the_previous_state_and_deletes_nothing(db: Store, tmp_path: Path) -> None:
    before_value = _survey_value(db, 2025)
    before_rows = int(db.query("select count(*) as n from indicator_value").n.iloc[0])
    result = loading.import_file(db, "enquete", "enquete.csv", SURVEY, ROLE, archive=tmp_path)
    assert (result.rows_added, result.rows_superseded) == (2, 1)
    assert _survey_value(db, 2025) == pytest.approx(6.9)
    version = db.data_version()

    loading.undo(db, result.load_id, ROLE)

    assert _survey_value(db, 2025) == pytest.approx(before_value)
    assert 2026 not in set(db.table("indicator_value").query("indicator_id == 'samenhang_score'").year)
    assert int(db.query("select count(*) as n from indicator_value").n.iloc[0]) == before_rows + 2  # kept
    entry = db.load_log().set_index("load_id").loc[result.load_id]
    assert entry.status == "ongedaan" and "Ongedaan gemaakt door beheerder" in entry.message
    assert db.data_version() == version - 1


@pytest.mark.parametrize(
    ("load_id", "message"),
    [
        (999, "Lading 999 bestaat niet."),
        (1, "basislading van de build"),
        (2, "basislading van de build"),
        (3, "basislading van de build"),  # the CBS figures: the population decides what is suppressed
        (4, "basislading van de build"),  # the RIVM figures: the index's base year, the ambitions' baselines
        (5, "basislading van de build"),  # the national reference tables
    ],
)
def test_undo_refuses_unknown_and_base_loads(db: Store, load_id: int, message: str) -> None:
    before = state(db)
    with pytest.raises(StoreError, match=message):
        loading.undo(db, load_id, ROLE)
    pd.testing.assert_frame_equal(state(db)[0], before[0])


def test_undo_twice_is_refused(db: Store, tmp_path: Path) -> None:
    result = loading.import_file(db, "enquete", "enquete.csv", SURVEY, ROLE, archive=tmp_path)
    loading.undo(db, result.load_id, ROLE)
    with pytest.raises(StoreError, match=f"Lading {result.load_id} is al ongedaan gemaakt."):
        loading.undo(db, result.load_id, ROLE)


def test_as_of_gives_the_state_before_and_after_a_load(db: Store, tmp_path: Path) -> None:
    previous = db.data_version()
    original = _survey_value(db, 2025)
    first = loading.import_file(db, "enquete", "a.csv", SURVEY, ROLE, archive=tmp_path)
    second = loading.import_file(db, "enquete", "b.csv", SURVEY.replace(b"6,9", b"5,5"), ROLE, archive=tmp_path)
    assert _survey_value(db, 2025, as_of=previous) == pytest.approx(original)
    assert _survey_value(db, 2025, as_of=first.load_id) == pytest.approx(6.9)
    assert _survey_value(db, 2025, as_of=second.load_id) == pytest.approx(5.5)
    loading.undo(db, second.load_id, ROLE)  # the older load is in force again
    assert _survey_value(db, 2025) == pytest.approx(6.9)


def test_dry_run_preview_counts_without_writing(db: Store) -> None:
    before = state(db)
    prepared = loading.prepare(db, "enquete", "enquete.csv", SURVEY)
    assert prepared.ok and (prepared.rows_added, prepared.rows_superseded) == (2, 1)
    pd.testing.assert_frame_equal(state(db)[0], before[0])


def test_a_failing_write_leaves_the_store_unchanged(db: Store, tmp_path: Path) -> None:
    prepared = loading.prepare(db, "enquete", "enquete.csv", SURVEY)
    before = state(db)
    # the schema refuses a negative margin: the transaction rolls back, log row included
    prepared.validated.frames["indicator_value"].loc[1, "margin"] = -1.0
    with pytest.raises(Exception, match="margin"):
        loading.commit(db, prepared, ROLE, tmp_path)
    after = state(db)
    pd.testing.assert_frame_equal(after[0], before[0])
    assert after[1] == before[1]


# -- archive and replay ---------------------------------------------------------------------------


def test_original_is_archived_content_addressed_and_can_be_replayed(db: Store, tmp_path: Path) -> None:
    workbook = xlsx_bytes(
        {
            "Toelichting": [["zie tabblad Uitgaven"]],
            "Uitgaven": [
                ["taakveld", "gebiedscode", "jaar", "soort", "bedrag_eur"],
                ["6.1", "GM0826", 2026, "begroot", 99.5],
            ],
        }
    )
    archive = tmp_path / "archief"
    result = loading.import_file(db, "uitgaven", "begroting.xlsx", workbook, ROLE, sheet="Uitgaven", archive=archive)
    entry = db.load_log().set_index("load_id").loc[result.load_id]
    stored = archive / f"{entry.sha256}.xlsx"
    assert stored.read_bytes() == workbook
    assert len(entry.sha256) == 64 and entry.source == "begroting.xlsx"

    loading.undo(db, result.load_id, ROLE)
    replayed = loading.replay(db, result.load_id, ROLE, archive)
    assert replayed.load_id > result.load_id and replayed.rows_added == 1
    spending = db.table("spending").set_index(["taakveld_code", "area_code", "year", "kind"])
    assert float(spending.loc[("6.1", "GM0826", 2026, "begroot")].amount_eur) == 99.5
    assert sorted(p.name for p in archive.iterdir()) == [stored.name]  # same content, one file


def test_archive_defaults_to_a_folder_next_to_the_database(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loading.ARCHIVE_ENV, raising=False)
    assert loading.archive_dir(db) == Path(db.path).parent / "archive"
    monkeypatch.setenv(loading.ARCHIVE_ENV, "/elders")
    assert loading.archive_dir(db) == Path("/elders")


def test_replay_without_archived_original_is_refused(db: Store, tmp_path: Path) -> None:
    result = loading.import_file(db, "enquete", "enquete.csv", SURVEY, ROLE, archive=tmp_path / "a")
    with pytest.raises(StoreError, match="staat niet in het archief"):
        loading.replay(db, result.load_id, ROLE, tmp_path / "leeg")


# -- export and restore ----------------------------------------------------------------------------


def _all_tables(store: Store) -> dict[str, pd.DataFrame]:
    names = store.query("select table_name from duckdb_tables() order by all").table_name
    return {name: store.query(f"select * from {name} order by all") for name in names}


def test_parquet_export_and_restore_round_trip_losslessly(db: Store, tmp_path: Path) -> None:
    # user loads with decimals (amounts), NULLs, an undone load, on top of blobs (boundaries) and timestamps
    loading.import_file(db, "uitgaven", "u.csv", SPENDING, ROLE, archive=tmp_path)
    undone = loading.import_file(db, "enquete", "e.csv", SURVEY, ROLE, archive=tmp_path)
    loading.undo(db, undone.load_id, ROLE)
    export_dir = db.export_parquet(tmp_path / "export")
    assert (export_dir / "manifest.json").exists()

    restored = Store.restore_parquet(export_dir, tmp_path / "restored.duckdb")
    try:
        original, copy = _all_tables(db), _all_tables(restored)
        assert set(copy) == set(original) and {"meta", "load_log", *TABLE_KEYS} <= set(copy)
        for name in original:
            pd.testing.assert_frame_equal(copy[name], original[name], obj=name)
        assert restored.data_version() == db.data_version()
        assert _survey_value(restored, 2025) == _survey_value(db, 2025)
        boundary = restored.table("area_boundary").geometry_wkb.iloc[0]
        assert isinstance(boundary, bytes | bytearray) and len(boundary) > 100
        amount = restored.query(
            "select amount_eur from spending where year = 2026 and kind = 'begroot' "
            "and taakveld_code = '6.1' and area_code = 'GM0826' order by load_id desc limit 1"
        )
        assert str(amount.amount_eur.iloc[0]) == "2650000.25"
    finally:
        restored.close()


def test_restore_refuses_an_existing_file_and_a_tampered_export(db: Store, db_path: Path, tmp_path: Path) -> None:
    export_dir = db.export_parquet(tmp_path / "export")
    with pytest.raises(StoreError, match="bestaat al"):
        Store.restore_parquet(export_dir, db_path)
    (export_dir / "indicator_value.parquet").write_bytes(b"PAR1 kapot")
    with pytest.raises(StoreError, match="sha256 klopt niet"):
        Store.restore_parquet(export_dir, tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()
    with pytest.raises(StoreError, match="niet leeg"):
        db.export_parquet(export_dir)


# -- command line ----------------------------------------------------------------------------------


def test_cli_import_exit_codes(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    good, bad = tmp_path / "enquete.csv", tmp_path / "fout.csv"
    good.write_bytes(SURVEY)
    bad.write_bytes(SURVEY.replace(b"6,9", b"16,9"))
    archive = ["--archive", str(tmp_path / "arch")]
    db = ["--db", str(db_path)]

    assert main(["import", "enquete", str(good), "--dry-run", *db]) == 0
    assert "Controle geslaagd, niets geladen" in capsys.readouterr().out
    assert main(["import", "enquete", str(bad), *db, *archive]) == 1
    err = capsys.readouterr().err
    assert "GEWEIGERD" in err and "fout.csv, rij 2, kolom 'score': waarde '16,9': moet tussen 0 en 10" in err
    # only the beheerder loads (data/access.py), also on the command line
    assert main(["import", "enquete", str(good), *db, *archive, "--role", "opgaveleider"]) == 1
    assert "GEWEIGERD: De rol opgaveleider mag geen gegevens laden. Er is niets geladen." in capsys.readouterr().err
    assert main(["import", "enquete", str(good), *db, *archive]) == 0
    assert "Geladen als lading 12" in capsys.readouterr().out
    assert main(["import", "enquete", str(tmp_path / "weg.csv"), *db]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["import", "onbekend", str(good), *db])
    assert usage.value.code == 2

    assert main(["loads", *db]) == 0
    assert "beheerder" in capsys.readouterr().out
    assert main(["undo", "12", *db]) == 0
    assert main(["undo", "12", *db]) == 1
    assert "al ongedaan" in capsys.readouterr().err
    assert main(["replay", "12", *db, *archive]) == 0
    assert "als lading 13" in capsys.readouterr().out

    assert main(["export", str(tmp_path / "exp"), *db]) == 0
    assert main(["restore", str(tmp_path / "exp"), "--db", str(tmp_path / "terug.duckdb")]) == 0
    assert main(["restore", str(tmp_path / "exp"), "--db", str(db_path)]) == 1
    assert "nieuw databasebestand" in capsys.readouterr().err
    restored = Store.open(tmp_path / "terug.duckdb", read_only=True)
    assert len(restored.load_log()) == 13
    restored.close()


def test_cli_module_runs_as_a_process(db_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "enquete.csv"
    good.write_bytes(SURVEY)
    run = subprocess.run(
        [sys.executable, "-m", "data", "import", "enquete", str(good), "--db", str(db_path), "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "data", "import"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 2


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    """Another process (like the app) holding the database file open read-write."""
    code = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(path)!r})
        print("open", flush=True)
        time.sleep({seconds})
        con.close()
    """)
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    return holder


def test_cli_load_while_another_process_holds_the_database_fails_clearly(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    good = tmp_path / "enquete.csv"
    good.write_bytes(SURVEY)
    monkeypatch.setattr(loading, "LOCK_WAIT_SECONDS", 1.0)
    holder = _hold(db_path, 60)
    try:
        started = time.monotonic()
        assert main(["import", "enquete", str(good), "--db", str(db_path)]) == 1
        assert time.monotonic() - started >= 1.0  # it waited before giving up
        err = capsys.readouterr().err
        assert "in gebruik door een ander proces" in err
        assert "Er is niets geladen" in err and "pagina Gegevensbeheer" in err
    finally:
        holder.kill()
        holder.wait()
    store = Store.open(db_path, read_only=True)
    assert len(store.load_log()) == 11  # nothing loaded
    store.close()


def test_cli_load_waits_for_a_process_that_releases_the_database(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "enquete.csv"
    good.write_bytes(SURVEY)
    monkeypatch.setattr(loading, "LOCK_WAIT_SECONDS", 20.0)
    holder = _hold(db_path, 1.5)
    try:
        assert main(["import", "enquete", str(good), "--db", str(db_path), "--archive", str(tmp_path / "a")]) == 0
    finally:
        holder.wait(timeout=30)
    store = Store.open(db_path, read_only=True)
    assert store.load_log().iloc[-1].source == "enquete.csv"
    store.close()


# -- the page ------------------------------------------------------------------------------------------


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first st.dataframe with ``column`` (AppTest's Dataframe elements carry no key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _open_gegevensbeheer() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["role"] = "beheerder"  # open demo mode: the only role with this page
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at.switch_page("pages/gegevensbeheer.py").run()


@pytest.mark.usefixtures("built_db")
def test_page_walks_a_bad_and_a_good_upload_then_undo() -> None:
    """AppTests share the session's store (ui.store), so this test loads figures identical to the bundled
    ones (nothing on other pages changes) and undoes its load at the end."""
    at = _open_gegevensbeheer()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Gegevensbeheer"
    assert {b.label for b in at.get("download_button")} >= {"Sjabloon CSV", "Sjabloon Excel"}

    at.selectbox(key="gb_dataset").set_value("indicatorwaarden").run()
    bad = csv_bytes("indicator;gebiedscode;jaar;waarde\ninwoners;WK999999;2024;-5\nbestaat_niet;GM0826;2024;1\n")
    at.file_uploader[0].set_value(("fout.csv", bad, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Niet te laden: 3 problemen in fout.csv" in at.error[0].value
    problems = _frame(at, "reden")
    assert list(problems.columns) == ["bestand", "rij", "kolom", "waarde", "reden"]
    assert set(problems.rij) == {"2", "3"} and "WK999999" in set(problems.waarde)
    assert not [b for b in at.button if b.key == "gb_laden"]  # no commit for a bad file

    version = int(at.session_state["_gegevensbeheer_prepared"][0][-1])
    good = csv_bytes("indicator;gebiedscode;jaar;waarde\ninwoners;WK082606;2024;13155\n")  # the bundled figure
    at.file_uploader[0].set_value(("goed.csv", good, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Herkend: CSV · scheidingsteken puntkomma (;)" in " ".join(c.value for c in at.caption)
    assert _frame(at, "gebiedscode").loc["rij 2", "waarde"] == "13155"
    assert "Geen problemen gevonden: 1 rijen klaar om te laden" in at.success[0].value
    at.button(key="gb_laden").click().run()
    assert not at.exception, [e.message for e in at.exception]
    message = at.success[0].value
    assert message.startswith("Geladen als lading ")
    load_id = int(message.removeprefix("Geladen als lading ").split(":")[0])
    assert load_id > version
    ladingen = _frame(at, "lading")
    assert ladingen.iloc[0].lading == str(load_id) and ladingen.iloc[0].bron == "goed.csv"

    at.selectbox(key="gb_undo_keuze").set_value(load_id).run()
    at.button(key="gb_undo").click().run()
    assert f"Lading {load_id} ongedaan maken?" in at.main.warning[0].value
    at.button(key="gb_undo_bevestig").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert f"Lading {load_id} is ongedaan gemaakt" in at.success[0].value
    ladingen = _frame(at, "lading").set_index("lading")
    assert ladingen.loc[str(load_id), "status"] == "ongedaan"


@pytest.mark.usefixtures("built_db")
def test_page_asks_before_loading_the_same_file_again() -> None:
    """The same content twice: the page says when it was loaded and offers 'Toch opnieuw laden'; both loads
    are undone at the end (AppTests share the session's store)."""
    at = _open_gegevensbeheer()
    at.selectbox(key="gb_dataset").set_value("indicatorwaarden").run()
    same = csv_bytes("indicator;gebiedscode;jaar;waarde\ninwoners;WK082606;2024;13155\n\n")  # the bundled figure
    at.file_uploader[0].set_value(("eerste.csv", same, "text/csv")).run()
    at.button(key="gb_laden").click().run()
    first = int(at.success[0].value.removeprefix("Geladen als lading ").split(":")[0])

    at.file_uploader[0].set_value(("tweede.csv", same, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    warning = at.main.warning[0].value
    assert warning.startswith("tweede.csv: dit bestand (zelfde inhoud) is al geladen op ")
    assert f"als lading {first} (eerste.csv)" in warning
    assert not [b for b in at.button if b.key == "gb_laden"]  # not without the checkbox
    at.checkbox(key="gb_opnieuw").check().run()
    assert "Geen problemen gevonden: 1 rijen klaar om te laden" in at.success[0].value
    at.button(key="gb_laden").click().run()
    assert not at.exception, [e.message for e in at.exception]
    second = int(at.success[0].value.removeprefix("Geladen als lading ").split(":")[0])
    assert second == first + 1
    details = next(t.value for t in at.table if "Waarde" in t.value.columns)  # the fold: the newest load in full
    assert details.loc["Lading", "Waarde"] == str(second)
    assert f"zelfde inhoud als lading {first}, bewust opnieuw geladen" in details.loc["Toelichting", "Waarde"]

    for load_id in (second, first):
        at.selectbox(key="gb_undo_keuze").set_value(load_id).run()
        at.button(key="gb_undo").click().run()
        at.button(key="gb_undo_bevestig").click().run()
        assert f"Lading {load_id} is ongedaan gemaakt" in at.success[0].value


def test_load_details_hold_what_the_loads_table_leaves_out() -> None:
    """The fold under the loads table: every field of the load log, the source whole and inert (st.table cells are
    markdown; a file name is chosen by whoever uploads)."""
    row = pd.Series(
        {
            "load_id": 12,
            "dataset": "enquete",
            "status": "ok",
            "source": "**x** [a](javascript:alert(1)).csv",
            "message": None,
            "loaded_by": "build",
            "loaded_at": pd.Timestamp("2026-11-29 10:15"),
            "rows_added": 1234,
            "rows_superseded": 0,
            "is_demo": True,
        }
    )
    table = view.load_details_table(row)
    assert list(table.index) == [
        "Lading", "Gegevens", "Status", "Bron", "Toelichting", "Geladen door", "Geladen op", "Rijen toegevoegd",
        "Rijen vervangen", "Demodata",
    ]  # fmt: skip
    assert table.loc["Bron", "Waarde"] == inert(row.source) and "**x**" not in table.loc["Bron", "Waarde"]
    assert table.Waarde.tolist()[4:] == ["–", "systeem (opbouw)", "29-11-2026 10:15", "1.234", "0", "ja"]


def test_the_audit_trail_on_screen_names_the_load_or_snapshot_in_one_column() -> None:
    table = pd.DataFrame(
        {
            "nr": ["2", "1"],
            "wanneer": ["29-11-2026 10:15", "29-11-2026 10:00"],
            "actie": ["raadssnapshot", "lading"],
            "rol": ["Gemeenteraad", "Beheerder"],
            "account (pseudoniem)": ["demo", "demo"],
            "eigen wijken": ["", ""],
            "lading": ["", "12"],
            "snapshot": ["3", ""],
            "omschrijving": ["gemeente", "enquete.csv (40 rijen, 0 vervangen)"],
        }
    )
    screen = view.audit_screen_table(table)
    assert screen.betreft.tolist() == ["snapshot 3", "lading 12"]
    assert len(screen.columns) == 8 and screen.omschrijving.tolist() == table.omschrijving.tolist()
