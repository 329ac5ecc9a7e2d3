"""Tables of the Agenda and Logboek pages: agenda items, summaries, notes and version histories (nl-NL).

These go to st.table, whose cells are markdown: text people typed or imported is passed through
:func:`ui.text.inert`, so it shows as written."""

from __future__ import annotations

import pandas as pd

from analysis import agenda
from analysis.formatting import format_number
from ui.text import inert

OVERDUE_LABEL = "⚠ te laat"
_OVERDUE_BACKGROUND = "background-color: #fdd0c7"


def _day(value: object) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y}"


def _moment(value: object) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y %H:%M}"


def agenda_items(items: pd.DataFrame, themes: dict[str, str], ambitions: dict[str, str], versions: pd.DataFrame):
    """Agenda items (with ``overdue``) as a styled table; overdue rows say so in words and are shaded."""
    count = items.item_id.map(versions.set_index("item_id").versions).fillna(1).astype(int)
    view = pd.DataFrame(
        {
            "Punt": items.item_id.map(inert),
            "Thema": items.theme.map(themes).fillna(items.theme).map(inert),
            "Ambitie": items.ambition_id.map(ambitions).fillna("—"),
            "Actie": items.action.map(inert),
            "Eigenaar": items.owner_role.map(inert),
            "Status": items.status + items.overdue.map({True: f" · {OVERDUE_LABEL}", False: ""}),
            "Deadline": items.deadline.map(_day),
            "Voortgang": items.progress_pct.map(lambda p: f"{int(p)}%"),
            "Versies": count.astype(str),
        }
    ).set_index("Punt")
    overdue = items.overdue.to_numpy()

    def shade(row: pd.Series) -> list[str]:
        late = overdue[view.index.get_loc(row.name)]
        return [_OVERDUE_BACKGROUND if late else ""] * len(row)

    return view.style.apply(shade, axis=1)


def summary(table: pd.DataFrame, by: str, names: dict[str, str], heading: str) -> pd.DataFrame:
    """:func:`analysis.agenda.summarise` output with Dutch headings and names."""
    order = {key: i for i, key in enumerate(names)}  # the order of ``names``: wijk code, ambition number
    table = table.sort_values(by, key=lambda keys: keys.map(order).fillna(len(order)))
    view = pd.DataFrame(
        {
            heading: table[by].map(names).fillna(table[by]),
            "Acties": table["items"].astype(str),
            **{status.capitalize(): table[status].astype(str) for status in agenda.STATUS_ORDER},
            "Te laat": table.overdue.astype(str),
            "Gem. voortgang": table.mean_progress_pct.map(lambda p: f"{format_number(p)}%"),
        }
    )
    return view.set_index(heading)


def agenda_history(versions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Versie": [str(i) for i in range(1, len(versions) + 1)],
            "Status": versions.status,
            "Voortgang": versions.progress_pct.map(lambda p: f"{int(p)}%"),
            "Deadline": versions.deadline.map(_day),
            "Door": _author(versions).map(inert),
            "Vastgelegd": versions.loaded_at.map(_moment),
            "Lading": versions.load_id.astype(str),
        }
    ).set_index("Versie")


def notes(notes: pd.DataFrame, indicator_names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Datum": notes.note_date.map(_day),
            "Indicator": notes.indicator_id.map(indicator_names).fillna("—"),
            "Notitie": notes.text.map(inert),
            "Rol": (notes.author_role + notes.is_demo.map({True: " (demo)", False: ""})).map(inert),
            "Vastgelegd": notes.created_at.map(_moment),
            "Versies": notes.versions.astype(str),
        }
    ).set_index("Datum")


def note_history(versions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Versie": [str(i) for i in range(1, len(versions) + 1)],
            "Tekst": versions.text.map(inert),
            "Door": _author(versions, versions.author_role).map(inert),
            "Vastgelegd": versions.created_at.map(_moment),
            "Lading": versions.load_id.astype(str),
        }
    ).set_index("Versie")


def _author(versions: pd.DataFrame, fallback: pd.Series | None = None) -> pd.Series:
    """The role that wrote each version; loads by the build are the demo data."""
    built = versions.loaded_by == "build"
    demo = (fallback + " (demo)") if fallback is not None else pd.Series("demodata", index=versions.index)
    return versions.loaded_by.where(~built, demo)
