"""In-app edits (data.edits): notes and agenda items written as loads, history kept, bad input refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from data import edits
from data.access import User
from data.build import build
from data.edits import AgendaItem, EditError, Note
from data.store import Store
from tests.helpers import copy_store

NOW = datetime(2026, 11, 29, 14, 30)


@pytest.fixture(scope="module")
def db(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One built store for this module (a copy of the session's); tests use their own ids."""
    store = Store.open(copy_store(built_template, tmp_path_factory.mktemp("edits") / "w.duckdb"))
    yield store
    store.close()


# a wijkmakelaar for Oost and Dommelbergen (the wijken of _note and _item), and the opgaveleider
MAKELAAR = User("wijkmakelaar", wijken=("WK082602", "WK082606"), account="account-0123456789ab")
LEIDER = User("opgaveleider", account="account-ba9876543210")


def _note(**changes) -> Note:
    note = Note("WK082606", date(2026, 11, 2), "Buurthuis gesloten.", "samenhang_score")
    return replace(note, **changes)


def _item(**changes) -> AgendaItem:
    item = AgendaItem("WK082602", "samenhang", "Buurtkamer openen", "wijkwerker", "gepland", date(2027, 6, 1), 0)
    return replace(item, **changes)


def _state(store: Store) -> tuple[int, int, int, int]:
    counts = store.query("select (select count(*) from note) as n, (select count(*) from agenda_item) as a")
    return store.data_version(), len(store.load_log()), int(counts.n.iloc[0]), int(counts.a.iloc[0])


def test_a_note_is_one_load_by_the_author_role(db: Store) -> None:
    note_id, result = edits.add_note(db, _note(text="Nieuwe buurtgroep gestart."), MAKELAAR, now=NOW)
    log = db.load_log().set_index("load_id").loc[result.load_id]
    assert (log.dataset, log.loaded_by, bool(log.is_demo)) == ("logboek", "wijkmakelaar", False)
    row = db.table("note").set_index("note_id").loc[note_id]
    assert row.text == "Nieuwe buurtgroep gestart."
    assert row.indicator_id == "samenhang_score" and row.area_code == "WK082606"
    assert str(row.note_date)[:10] == "2026-11-02" and row.created_at == NOW


def test_a_note_without_indicator_and_for_the_gemeente(db: Store) -> None:
    note_id, _ = edits.add_note(
        db, _note(area_code="GM0826", indicator_id=None, text="Raad stelt kader vast."), LEIDER, now=NOW
    )
    row = db.table("note").set_index("note_id").loc[note_id]
    assert row.area_code == "GM0826" and pd.isna(row.indicator_id)


def test_correcting_a_note_keeps_the_earlier_version(db: Store) -> None:
    note_id, _ = edits.add_note(db, _note(text="Buurthuis dicht (typefout)."), MAKELAAR, now=NOW)
    edits.correct_note(db, note_id, "Buurthuis dicht wegens verbouwing.", LEIDER, now=NOW)
    assert db.table("note").set_index("note_id").at[note_id, "text"] == "Buurthuis dicht wegens verbouwing."
    versions = edits.history(db, "note", note_id)
    assert versions.text.tolist() == ["Buurthuis dicht (typefout).", "Buurthuis dicht wegens verbouwing."]
    assert versions.loaded_by.tolist() == ["wijkmakelaar", "opgaveleider"]
    listed = edits.notes(db).set_index("note_id")
    assert listed.at[note_id, "versions"] == 2


def test_an_agenda_item_gets_the_next_number_of_its_wijk(db: Store) -> None:
    existing = set(db.table("agenda_item").item_id)
    item_id, result = edits.add_agenda_item(db, _item(action="Buurtkamer openen in West"), MAKELAAR)
    assert item_id.startswith("AG-02-") and item_id not in existing
    assert int(item_id[-2:]) == max(int(i[-2:]) for i in existing if i.startswith("AG-02-")) + 1
    log = db.load_log().set_index("load_id").loc[result.load_id]
    assert (log.dataset, log.loaded_by) == ("agenda", "wijkmakelaar")


def test_updating_an_agenda_item_supersedes_and_keeps_the_old_version(db: Store) -> None:
    item_id, _ = edits.add_agenda_item(db, _item(action="Wijkschouw houden"), MAKELAAR)
    result = edits.update_agenda_item(db, item_id, status="lopend", progress_pct=40, user=LEIDER)
    assert result.rows_superseded == 1
    current = db.table("agenda_item").set_index("item_id").loc[item_id]
    assert (current.status, current.progress_pct, current.action) == ("lopend", 40, "Wijkschouw houden")
    versions = edits.history(db, "agenda_item", item_id)
    assert versions.status.tolist() == ["gepland", "lopend"]
    assert versions.progress_pct.tolist() == [0, 40]
    assert versions.loaded_by.tolist() == ["wijkmakelaar", "opgaveleider"]
    assert edits.agenda_versions(db).set_index("item_id").at[item_id, "versions"] == 2


def test_a_demo_agenda_item_can_be_updated(db: Store) -> None:
    demo = db.table("agenda_item").iloc[0]
    edits.update_agenda_item(db, demo.item_id, status="afgerond", progress_pct=100, user=LEIDER)
    assert edits.history(db, "agenda_item", demo.item_id).is_demo.tolist() == [True, False]


@pytest.mark.parametrize(
    ("note", "field", "words"),
    [
        (_note(area_code="WK999999"), "Wijk", "onbekende wijk 'WK999999'"),
        (_note(area_code="BU08260000"), "Wijk", "onbekende wijk"),  # a buurt is not a wijk
        (_note(text="   "), "Notitie", "vul dit veld in"),
        (_note(text="x" * 2001), "Notitie", "maximaal 2000 tekens (nu 2001)"),
        (_note(indicator_id="bestaat_niet"), "Indicator", "onbekende indicator 'bestaat_niet'"),
        (_note(note_date=date(2026, 12, 1)), "Datum", "ligt in de toekomst"),
        (_note(note_date=date(2019, 12, 31)), "Datum", "ligt vóór 01-01-2020"),
        (_note(note_date=None), "Datum", "vul een datum in"),
    ],
)
def test_an_invalid_note_is_refused_and_nothing_is_written(db: Store, note: Note, field: str, words: str) -> None:
    before = _state(db)
    with pytest.raises(EditError) as refused:
        edits.add_note(db, note, LEIDER, now=NOW)
    assert any(p.startswith(f"{field}:") and words in p for p in refused.value.problems), refused.value.problems
    assert _state(db) == before


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        (_item(area_code="GM9999"), "Wijk", "onbekende wijk"),
        (_item(theme="sport"), "Thema", "onbekende thema 'sport'"),
        (_item(ambition_id="wereldvrede"), "Ambitie", "onbekende ambitie"),
        (_item(action=""), "Actie", "vul dit veld in"),
        (_item(owner_role=""), "Eigenaar", "kies een rol"),
        (_item(status="klaar"), "Status", "onbekende status 'klaar'"),
        (_item(deadline=date(2203, 1, 1)), "Deadline", "ligt na 31-12-2035"),
        (_item(progress_pct=101), "Voortgang", "ligt niet tussen 0 en 100"),
        (_item(progress_pct=-1), "Voortgang", "ligt niet tussen 0 en 100"),
        (_item(status="afgerond", progress_pct=80), "Voortgang", "afgeronde actie staat op 100%"),
    ],
)
def test_an_invalid_agenda_item_is_refused_and_nothing_is_written(
    db: Store, item: AgendaItem, field: str, words: str
) -> None:
    before = _state(db)
    with pytest.raises(EditError) as refused:
        edits.add_agenda_item(db, item, LEIDER)
    assert any(p.startswith(f"{field}:") and words in p for p in refused.value.problems), refused.value.problems
    assert _state(db) == before


def test_an_invalid_update_is_refused_and_the_item_unchanged(db: Store) -> None:
    item_id = db.table("agenda_item").iloc[-1].item_id
    before = _state(db)
    with pytest.raises(EditError, match="Voortgang: 150 ligt niet tussen 0 en 100"):
        edits.update_agenda_item(db, item_id, status="lopend", progress_pct=150, user=LEIDER)
    with pytest.raises(EditError, match="Agendapunt: onbekend agendapunt 'AG-99-99'"):
        edits.update_agenda_item(db, "AG-99-99", status="lopend", progress_pct=50, user=LEIDER)
    assert _state(db) == before


def test_every_problem_is_reported_at_once() -> None:
    problems = edits.validate_note(
        Note("WK999999", date(2030, 1, 1), "", "x"),
        area_codes={"WK082600"},
        indicator_ids={"samenhang_score"},
        today=date(2026, 11, 29),
    )
    assert [p.split(":")[0] for p in problems] == ["Wijk", "Datum", "Notitie", "Indicator"]


def test_next_item_id_continues_the_numbering() -> None:
    assert edits.next_item_id({"AG-02-01", "AG-02-07", "AG-03-09"}, "WK082602") == "AG-02-08"
    assert edits.next_item_id(set(), "WK082611") == "AG-11-01"


def test_a_store_with_in_app_edits_is_not_rebuilt_without_force(built_template: Path, tmp_path: Path) -> None:
    from data.store import StoreError

    path = copy_store(built_template, tmp_path / "w.duckdb")
    store = Store.open(path)
    edits.add_note(store, _note(), MAKELAAR, now=NOW)
    store.close()
    with pytest.raises(StoreError, match="1 lading"):
        build(path)


@pytest.mark.parametrize(
    ("user", "area_code", "words"),
    [
        (User("raad"), "WK082606", "De rol gemeenteraad mag geen notities schrijven."),
        (User("management"), "WK082606", "De rol management mag geen notities schrijven."),
        (User("beheerder"), "WK082606", "De rol beheerder mag geen notities schrijven."),
        (MAKELAAR, "WK082613", "Als wijkmakelaar mag u notities schrijven voor uw eigen wijken, niet voor WK082613."),
        (MAKELAAR, "GM0826", "niet voor GM0826"),
    ],
)
def test_only_the_roles_that_own_notes_write_them(db: Store, user: User, area_code: str, words: str) -> None:
    before = _state(db)
    with pytest.raises(EditError) as refused:
        edits.add_note(db, _note(area_code=area_code), user, now=NOW)
    assert any(words in p for p in refused.value.problems), refused.value.problems
    assert _state(db) == before


def test_a_wijkmakelaar_updates_only_agenda_items_of_their_own_wijken(db: Store) -> None:
    items = db.table("agenda_item")
    elsewhere = items[~items.area_code.isin(MAKELAAR.wijken)].iloc[0]
    before = _state(db)
    with pytest.raises(EditError, match="voor uw eigen wijken"):
        edits.update_agenda_item(db, elsewhere.item_id, status="lopend", progress_pct=10, user=MAKELAAR)
    with pytest.raises(EditError, match="De rol gemeenteraad mag geen"):
        edits.add_agenda_item(db, _item(), User("raad"))
    assert _state(db) == before


def test_every_edit_is_in_the_audit_trail_with_pseudonym_role_and_scope(db: Store) -> None:
    note_id, result = edits.add_note(db, _note(text="Audit: notitie."), MAKELAAR, now=NOW)
    event = db.audit_log().set_index("load_id").loc[result.load_id]
    assert (event.action, event.role, event.account, event.scope) == (
        "bewerking",
        "wijkmakelaar",
        "account-0123456789ab",
        "WK082602, WK082606",
    )
    assert note_id in event.detail
