"""The Agenda van de wijk page: the agenda as a table, summaries, the forms to add and update an action.

These go to st.table, whose cells are markdown: text people typed or imported is passed through
:func:`ui.text.inert`, so it shows as written."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import agenda
from analysis.formatting import format_number
from data import edits
from data.access import User
from ui import forms, store
from ui.text import inert

OVERDUE_LABEL = "⚠ te laat"
_OVERDUE_BACKGROUND = "background-color: #fdd0c7"


def agenda_items(items: pd.DataFrame, themes: dict[str, str], ambitions: dict[str, str], versions: pd.DataFrame):
    """Agenda items (with ``overdue``) as a styled table; overdue rows say so in words and are shaded."""
    count = items.item_id.map(versions.set_index("item_id").versions).fillna(1).astype(int)
    view = pd.DataFrame(
        {
            "Punt": items.item_id.map(lambda code: forms.unbroken(inert(code))),
            "Thema": items.theme.map(themes).fillna(items.theme).map(inert),
            "Ambitie": items.ambition_id.map(ambitions).fillna("—"),
            "Actie": items.action.map(inert),
            "Eigenaar": items.owner_role.map(inert),
            "Status": items.status + items.overdue.map({True: f" · {OVERDUE_LABEL}", False: ""}),
            "Deadline": items.deadline.map(lambda day: forms.unbroken(forms.day_text(day))),
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
            "Deadline": versions.deadline.map(forms.day_text),
            "Door": forms.author(versions).map(inert),
            "Vastgelegd": versions.loaded_at.map(forms.moment_text),
            "Lading": versions.load_id.astype(str),
        }
    ).set_index("Versie")


def add_form(area_code: str, area_name: str, themes: dict[str, str], ambitions: dict[str, str], user: User) -> None:
    """The form 'Actie toevoegen': theme, optional ambition, the action, owner, status, deadline, progress."""
    with st.form("actie_nieuw"):
        left, right = st.columns(2)
        theme = left.selectbox(
            "Thema", list(themes), format_func=themes.get, key="actie_thema", placeholder="Kies een optie"
        )
        with right:
            ambition_id = forms.optional_select("Ambitie (optioneel)", ambitions, key="actie_ambitie")
        action = st.text_area("Actie", max_chars=edits.MAX_TEXT, key=forms.fresh_key("actie_tekst"))
        owner, status, deadline, progress = st.columns(4)
        owner_role = owner.selectbox(
            "Eigenaar (rol)", edits.OWNER_ROLES, key="actie_eigenaar", placeholder="Kies een optie"
        )
        new_status = status.selectbox("Status", edits.AGENDA_STATUSES, key="actie_status", placeholder="Kies een optie")
        new_deadline = deadline.date_input("Deadline", value=None, format="DD-MM-YYYY", key="actie_deadline")
        new_progress = progress.number_input("Voortgang (%)", 0, 100, 0, step=5, key="actie_voortgang")
        if st.form_submit_button("Actie opslaan", type="primary"):
            item = edits.AgendaItem(
                area_code, theme, action, owner_role, new_status, new_deadline, int(new_progress), ambition_id
            )
            try:
                item_id, _ = edits.add_agenda_item(store.store(), item, user)
            except edits.EditError as error:
                forms.show_refused(error)
            else:
                forms.saved(f"Actie {item_id} toegevoegd aan de agenda van {area_name}.")


def update_section(mine: pd.DataFrame, may_write: bool, user: User) -> None:
    """Choose an action of this wijk; change its status and progress (when allowed); its history."""
    if mine.empty:
        st.info("Deze wijk heeft nog geen acties om bij te werken.")
        return
    labels = {row.item_id: f"{row.item_id} — {row.action[:70]}" for row in mine.itertuples()}
    item_id = st.selectbox(
        "Actie", list(labels), format_func=labels.get, key="bijwerken_actie", placeholder="Kies een optie"
    )
    current = mine.set_index("item_id").loc[item_id]
    if may_write:
        update_form(item_id, current, user)
    st.markdown(f"**Geschiedenis van {inert(item_id)}**")
    st.table(agenda_history(forms.history("agenda_item", item_id)))


def update_form(item_id: str, current: pd.Series, user: User) -> None:
    with st.form("actie_bijwerken"):
        status_col, progress_col = st.columns(2)
        changed_status = status_col.selectbox(
            "Nieuwe status",
            edits.AGENDA_STATUSES,
            index=edits.AGENDA_STATUSES.index(current.status),
            key="bw_status",
            placeholder="Kies een optie",
        )
        changed_progress = progress_col.number_input(
            "Voortgang (%)", 0, 100, int(current.progress_pct), step=5, key="bw_voortgang"
        )
        if st.form_submit_button("Wijziging opslaan", type="primary"):
            try:
                edits.update_agenda_item(
                    store.store(), item_id, status=changed_status, progress_pct=int(changed_progress), user=user
                )
            except edits.EditError as error:
                forms.show_refused(error)
            else:
                forms.saved(f"Actie {item_id} bijgewerkt; de vorige versie blijft bewaard.")
