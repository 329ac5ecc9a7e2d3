"""In-app edits: logboek notes and agenda items, validated and written as loads.

Each edit is one load through :meth:`data.store.Store.write_load` (dataset ``logboek`` or ``agenda``,
``loaded_by`` = the author's role, the account's pseudonym in the audit trail): one transaction, logged,
and nothing overwritten. Who may write is checked here too (:meth:`data.access.User.require`): opgaveleider
everywhere, a wijkmakelaar only in their own wijken; a refusal is an :class:`EditError`. Updating an agenda
item or correcting a note appends a new version with the same id, which supersedes the old one; the old
version stays in the table (see :func:`history`).

Validation is pure (``validate_*``: input plus the known codes in, a list of Dutch problems out) so it
can be tested and reused; the ``add_*``/``update_*`` functions read the known codes from the store,
validate, build the one-row frame and write it. Invalid input raises :class:`EditError` and leaves the
store unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import ParamSpec, TypeVar

import pandas as pd

from data.access import NotAllowed, User
from data.store import Draft, LoadResult, Store, StoreError

P = ParamSpec("P")
R = TypeVar("R")

# who owns an agenda action: a role in the organisation (never a name), not a role in this app
OWNER_ROLES = ("wijkmakelaar", "wijkwerker", "wijkwethouder", "opgaveleider", "beleidsmedewerker", "beheerder")
AGENDA_STATUSES = ("gepland", "lopend", "afgerond", "vertraagd")  # as the schema's check constraint
MAX_TEXT = 2000  # characters, notes and agenda actions alike
FIRST_DATE = date(2020, 1, 1)  # wijkgericht werken started January 2020: nothing to note before it
LAST_DEADLINE = date(2035, 12, 31)  # the agenda works toward 2030; a few years' slack, no typos like 2203

# The load log's source of an edit that *creates* an item: the first version of its id. `python -m data check`
# flags a creation whose id already existed (two different items sharing an id).
APP_SOURCE = "app: "
CREATED_SOURCE = {"agenda_item": ("item_id", "nieuw agendapunt "), "note": ("note_id", "notitie ")}
SQL_AGENDA_IDS = "select distinct item_id from agenda_item where item_id like $prefix"

SQL_HISTORY = {
    # every version of one key, oldest first, with who wrote it when (the load log)
    "agenda_item": """
        select t.*, l.loaded_by, l.loaded_at, l.status as load_status, l.is_demo
        from agenda_item as t join load_log as l using (load_id)
        where t.item_id = $key order by t.load_id""",
    "note": """
        select t.*, l.loaded_by, l.loaded_at, l.status as load_status, l.is_demo
        from note as t join load_log as l using (load_id)
        where t.note_id = $key order by t.load_id""",
}
SQL_NOTES_WITH_LOAD = """
    with versions as (
        select n.note_id, count(*) as versions
        from note as n join load_log as l using (load_id)
        where l.status = 'ok'
        group by n.note_id
    )
    select t.*, l.loaded_by, l.loaded_at, l.is_demo, v.versions
    from note_at($as_of) as t join load_log as l using (load_id) join versions as v using (note_id)
    order by t.note_date desc, t.created_at desc, t.note_id
"""
SQL_AGENDA_VERSIONS = """
    select t.item_id, count(*) as versions, max(l.loaded_at) as changed_at
    from agenda_item as t join load_log as l using (load_id)
    where l.status = 'ok'
    group by t.item_id
"""


class EditError(ValueError):
    """Input refused; ``problems`` lists every reason in Dutch, each naming its field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class Note:
    area_code: str
    note_date: date
    text: str
    indicator_id: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    area_code: str
    theme: str
    action: str
    owner_role: str
    status: str
    deadline: date
    progress_pct: int
    ambition_id: str | None = None


# -- validation (pure) -----------------------------------------------------------------------------


def _text_problems(field: str, value: object) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"{field}: vul dit veld in."]
    if len(value.strip()) > MAX_TEXT:
        return [f"{field}: maximaal {MAX_TEXT} tekens (nu {len(value.strip())})."]
    return []


def _choice_problems(field: str, value: object, allowed: Collection[str], what: str) -> list[str]:
    if value is None or value == "":
        return [f"{field}: kies een {what}."]
    if value not in allowed:
        return [f"{field}: onbekende {what} '{value}'."]
    return []


def _date_problems(field: str, value: object, first: date, last: date) -> list[str]:
    if not isinstance(value, date) or isinstance(value, datetime):
        return [f"{field}: vul een datum in."]
    if value < first:
        return [f"{field}: {value:%d-%m-%Y} ligt vóór {first:%d-%m-%Y}."]
    if value > last:
        return [f"{field}: {value:%d-%m-%Y} ligt na {last:%d-%m-%Y}."]
    return []


def validate_note(note: Note, *, area_codes: Collection[str], indicator_ids: Collection[str], today: date) -> list[str]:
    """Problems with a note (empty list: valid). A note is dated today or earlier, not in the future."""
    problems = _choice_problems("Wijk", note.area_code, area_codes, "wijk")
    if isinstance(note.note_date, date) and not isinstance(note.note_date, datetime) and note.note_date > today:
        problems.append(
            f"Datum: {note.note_date:%d-%m-%Y} ligt in de toekomst; een notitie gaat over wat er gebeurd is."
        )
    else:
        problems += _date_problems("Datum", note.note_date, FIRST_DATE, today)
    problems += _text_problems("Notitie", note.text)
    if note.indicator_id not in (None, "") and note.indicator_id not in indicator_ids:
        problems.append(f"Indicator: onbekende indicator '{note.indicator_id}'.")
    return problems


def validate_agenda_item(
    item: AgendaItem,
    *,
    area_codes: Collection[str],
    theme_ids: Collection[str],
    ambition_ids: Collection[str],
) -> list[str]:
    """Problems with an agenda item (empty list: valid)."""
    problems = _choice_problems("Wijk", item.area_code, area_codes, "wijk")
    problems += _choice_problems("Thema", item.theme, theme_ids, "thema")
    if item.ambition_id not in (None, "") and item.ambition_id not in ambition_ids:
        problems.append(f"Ambitie: onbekende ambitie '{item.ambition_id}'.")
    problems += _text_problems("Actie", item.action)
    problems += _choice_problems("Eigenaar", item.owner_role, OWNER_ROLES, "rol")
    problems += _choice_problems("Status", item.status, AGENDA_STATUSES, "status")
    problems += _date_problems("Deadline", item.deadline, FIRST_DATE, LAST_DEADLINE)
    progress = item.progress_pct
    if isinstance(progress, bool) or not isinstance(progress, int):
        problems.append("Voortgang: vul een geheel getal van 0 tot en met 100 in.")
    elif not 0 <= progress <= 100:
        problems.append(f"Voortgang: {progress} ligt niet tussen 0 en 100 procent.")
    elif item.status == "afgerond" and progress != 100:
        problems.append(f"Voortgang: een afgeronde actie staat op 100%, niet op {progress}%.")
    return problems


# -- frames (pure) -------------------------------------------------------------------------------


def note_frame(note: Note, note_id: str, created_at: datetime, author_role: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "note_id": note_id,
                "area_code": note.area_code,
                "note_date": note.note_date,
                "indicator_id": note.indicator_id or None,
                "text": note.text.strip(),
                "author_role": author_role,
                "created_at": created_at,
            }
        ]
    ).astype({"indicator_id": "object"})


def agenda_frame(item: AgendaItem, item_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "item_id": item_id,
                "area_code": item.area_code,
                "theme": item.theme,
                "ambition_id": item.ambition_id or None,
                "action": item.action.strip(),
                "owner_role": item.owner_role,
                "status": item.status,
                "deadline": item.deadline,
                "progress_pct": item.progress_pct,
            }
        ]
    ).astype({"ambition_id": "object"})


def next_item_id(existing_ids: Collection[str], area_code: str) -> str:
    """``AG-<wijk number>-<next>``, continuing the numbering of the wijk (as the demo agenda does)."""
    prefix = f"AG-{area_code[-2:]}-"
    numbers = [int(i[len(prefix) :]) for i in existing_ids if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


# -- writes ----------------------------------------------------------------------------------------


def _refused_when_store_fails(edit: Callable[P, R]) -> Callable[P, R]:
    """A store that cannot take an edit (full disk, no write permission, read-only, another process holding the
    file too long, damaged) is a refusal like any other: the page keeps the user's text in the box and says, in
    words without paths or DuckDB's text (``StoreError.public``), that nothing was saved and why."""

    @functools.wraps(edit)
    def refusing(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return edit(*args, **kwargs)
        except StoreError as failed:
            reason = failed.public.removeprefix("Niet opgeslagen: ")
            raise EditError([f"{reason} Uw tekst staat nog in het formulier; sla hem later opnieuw op."]) from failed

    return refusing


def _areas(store: Store) -> set[str]:
    """Notes and agenda items belong to a wijk or to the gemeente as a whole, not to a buurt."""
    areas = store.table("area")
    return set(areas[areas.level.isin(["wijk", "gemeente"])].area_code)


def _permit(user: User, action: str, area_code: str) -> None:
    try:
        user.require(action, area_code)
    except NotAllowed as refused:
        raise EditError([str(refused)]) from refused


@_refused_when_store_fails
def add_note(store: Store, note: Note, user: User, *, now: datetime | None = None) -> tuple[str, LoadResult]:
    """Validate and write a new note by ``user``; returns its id and the load."""
    _permit(user, "notitie", note.area_code)
    now = now or datetime.now().replace(microsecond=0)
    problems = validate_note(
        note, area_codes=_areas(store), indicator_ids=set(store.table("indicator").indicator_id), today=now.date()
    )
    if problems:
        raise EditError(problems)
    note_id = f"LB-{now:%Y%m%d}-{uuid.uuid4().hex[:8]}"  # random: cannot collide with a save at the same moment
    frames = {"note": note_frame(note, note_id, now, user.role)}
    return note_id, _write(store, "logboek", f"{CREATED_SOURCE['note'][1]}{note_id}", user, frames)


@_refused_when_store_fails
def correct_note(store: Store, note_id: str, text: str, user: User, *, now: datetime | None = None) -> LoadResult:
    """A new version of an existing note with new text (the earlier version stays in the history)."""
    now = now or datetime.now().replace(microsecond=0)
    current = store.table("note")
    match = current[current.note_id == note_id]
    if match.empty:
        raise EditError([f"Notitie: onbekende notitie '{note_id}'."])
    row = match.iloc[0]
    _permit(user, "notitie", row.area_code)
    note = Note(
        area_code=row.area_code,
        note_date=pd.Timestamp(row.note_date).date(),
        text=text,
        indicator_id=None if pd.isna(row.indicator_id) else row.indicator_id,
    )
    # the date was valid when written; only the new text is checked against today's rules
    problems = _text_problems("Notitie", text)
    if problems:
        raise EditError(problems)
    frames = {"note": note_frame(note, note_id, now, user.role)}
    return _write(store, "logboek", f"correctie {note_id}", user, frames)


def _agenda_problems(store: Store, item: AgendaItem) -> list[str]:
    return validate_agenda_item(
        item,
        area_codes=_areas(store),
        theme_ids=set(store.table("theme").theme_id),
        ambition_ids=set(store.table("ambition").ambition_id),
    )


@_refused_when_store_fails
def add_agenda_item(store: Store, item: AgendaItem, user: User) -> tuple[str, LoadResult]:
    """Validate and write a new agenda item by ``user``; returns its new id and the load.

    The id continues the numbering of the wijk and is chosen *inside* the write transaction
    (:meth:`Store.write_composed`), so two saves at the same moment get different ids."""
    _permit(user, "agenda", item.area_code)
    problems = _agenda_problems(store, item)
    if problems:
        raise EditError(problems)
    prefix = f"AG-{item.area_code[-2:]}-"

    def compose(read) -> Draft:
        item_id = next_item_id(set(read(SQL_AGENDA_IDS, {"prefix": f"{prefix}%"}).item_id), item.area_code)
        return _draft(f"{CREATED_SOURCE['agenda_item'][1]}{item_id}", {"agenda_item": agenda_frame(item, item_id)})

    result, draft = _save(store, "agenda", user, compose)
    return str(draft.frames["agenda_item"].item_id.iloc[0]), result


@_refused_when_store_fails
def update_agenda_item(
    store: Store, item_id: str, *, status: str, progress_pct: int, user: User, deadline: date | None = None
) -> LoadResult:
    """A new version of an agenda item with a new status, progress (and optionally deadline)."""
    current = store.table("agenda_item")
    match = current[current.item_id == item_id]
    if match.empty:
        raise EditError([f"Agendapunt: onbekend agendapunt '{item_id}'."])
    row = match.iloc[0]
    _permit(user, "agenda", row.area_code)
    item = AgendaItem(
        area_code=row.area_code,
        theme=row.theme,
        action=row.action,
        owner_role=row.owner_role,
        status=status,
        deadline=deadline or pd.Timestamp(row.deadline).date(),
        progress_pct=progress_pct,
        ambition_id=None if pd.isna(row.ambition_id) else row.ambition_id,
    )
    problems = _agenda_problems(store, item)
    if problems:
        raise EditError(problems)
    return _write(store, "agenda", f"wijziging {item_id}", user, {"agenda_item": agenda_frame(item, item_id)})


def _draft(source: str, frames: dict[str, pd.DataFrame]) -> Draft:
    content = "".join(frame.to_csv(index=False) for frame in frames.values())
    return Draft(f"{APP_SOURCE}{source}", hashlib.sha256(content.encode("utf-8")).hexdigest(), frames)


def _write(store: Store, dataset: str, source: str, user: User, frames: dict[str, pd.DataFrame]) -> LoadResult:
    return _save(store, dataset, user, lambda _read: _draft(source, frames))[0]


def _save(store: Store, dataset: str, user: User, compose) -> tuple[LoadResult, Draft]:
    """One edit as one load (see :func:`_refused_when_store_fails` for a store that cannot take it)."""
    return store.write_composed(
        compose,
        dataset=dataset,
        loaded_by=user.role,
        is_demo=False,
        account=user.account,
        scope=user.scope_text,
        action="bewerking",
    )


# -- reading back ------------------------------------------------------------------------------------


def history(store: Store, table: str, key: str) -> pd.DataFrame:
    """Every version of one agenda item or note, oldest first, with who wrote it and when."""
    if table not in SQL_HISTORY:
        raise ValueError(f"history is kept for {sorted(SQL_HISTORY)}, not {table!r}")
    return store.query(SQL_HISTORY[table], {"key": key})


def notes(store: Store) -> pd.DataFrame:
    """Current notes, newest first, with the load's role, time and demo flag and the number of versions."""
    return store.query(SQL_NOTES_WITH_LOAD, {"as_of": 2**31 - 1})


def agenda_versions(store: Store) -> pd.DataFrame:
    """Per agenda item: how many versions it has and when it last changed."""
    return store.query(SQL_AGENDA_VERSIONS)
