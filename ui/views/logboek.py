"""The Logboek page: notes as a table, their version history, the forms to add and correct a note.

st.table cells are markdown: text people typed or imported is passed through :func:`ui.text.inert`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from data import edits
from data.access import User
from ui import forms, store
from ui.text import inert


def notes(notes: pd.DataFrame, indicator_names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Datum": notes.note_date.map(lambda day: forms.unbroken(forms.day_text(day))),
            "Indicator": notes.indicator_id.map(indicator_names).fillna("—"),
            "Notitie": notes.text.map(inert),
            "Rol": (notes.author_role + notes.is_demo.map({True: " (demo)", False: ""})).map(inert),
            "Vastgelegd": notes.created_at.map(forms.moment_text),
            "Versies": notes.versions.astype(str),
        }
    ).set_index("Datum")


def note_history(versions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Versie": [str(i) for i in range(1, len(versions) + 1)],
            "Tekst": versions.text.map(inert),
            "Door": forms.author(versions, versions.author_role).map(inert),
            "Vastgelegd": versions.created_at.map(forms.moment_text),
            "Lading": versions.load_id.astype(str),
        }
    ).set_index("Versie")


def note_form(area_code: str, area_name: str, indicator_names: dict[str, str], user: User) -> None:
    """The form 'Nieuwe notitie': date, optional indicator, text."""
    with st.form("notitie"):
        st.markdown(f"**Nieuwe notitie voor {area_name}**")
        left, right = st.columns(2)
        with left:
            note_date = st.date_input("Datum", value=date.today(), format="DD-MM-YYYY", key="notitie_datum")
        with right:
            indicator_id = forms.optional_select("Bij indicator (optioneel)", indicator_names, key="notitie_indicator")
        text = st.text_area("Notitie", max_chars=edits.MAX_TEXT, key=forms.fresh_key("notitie_tekst"))
        if st.form_submit_button("Notitie opslaan", type="primary"):
            note = edits.Note(area_code, note_date, text, indicator_id)
            try:
                edits.add_note(store.store(), note, user)
            except edits.EditError as error:
                forms.show_refused(error)
            else:
                forms.saved(f"Notitie opgeslagen voor {area_name} ({note_date:%d-%m-%Y}).")


def note_labels(mine: pd.DataFrame) -> dict[str, str]:
    return {row.note_id: f"{pd.Timestamp(row.note_date):%d-%m-%Y} — {row.text[:60]}" for row in mine.itertuples()}


def correction_form(note_id: str, user: User) -> None:
    """A corrected text for a note; the earlier version stays in the history."""
    with st.form("correctie"):
        new_text = st.text_area(
            "Verbeterde tekst", value="", max_chars=edits.MAX_TEXT, key=forms.fresh_key("correctie_tekst")
        )
        if st.form_submit_button("Correctie opslaan"):
            try:
                edits.correct_note(store.store(), note_id, new_text, user)
            except edits.EditError as error:
                forms.show_refused(error)
            else:
                forms.saved("Correctie opgeslagen; de vorige versie blijft in de geschiedenis.")
