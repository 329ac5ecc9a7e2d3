"""Logboek: gedateerde notities uit de wijk, eventueel bij een indicator; ze verschijnen in de grafieken."""

from datetime import date

import pandas as pd
import streamlit as st

from data import edits
from ui import forms, layout, records, store

user = layout.page_setup("Logboek")
forms.show_saved()
st.markdown(
    'Wat gebeurt er in de wijk dat de cijfers kan verklaren? Een notitie met datum ("buurthuis gesloten", '
    '"nieuwe buurtgroep gestart") verschijnt als markering in de grafieken van die wijk op *Ambities 2030*; '
    "bij een indicator alleen in die grafiek. Vastgelegd wordt uw rol, niet uw naam; niets wordt overschreven. "
    "Notities schrijven de opgaveleider en, voor hun eigen wijken, de wijkmakelaars."
)
areas = forms.area_options(include_gemeente=True)
area_code = forms.area_picker(areas, label="Wijk of hele gemeente", user=user)
indicators = store.table("indicator").sort_values("label")
indicator_names = {row.indicator_id: str(row.label) for row in indicators.itertuples()}

may_write = user.may("notitie", area_code)
if not may_write:
    forms.read_only_notice(user, "notitie", areas[area_code])
else:
    with st.form("notitie"):
        st.markdown(f"**Nieuwe notitie voor {areas[area_code]}**")
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
                forms.saved(f"Notitie opgeslagen voor {areas[area_code]} ({note_date:%d-%m-%Y}).")

notes = forms.notes()
mine = notes[notes.area_code == area_code]
st.subheader(f"Notities voor {areas[area_code]}")
if mine.empty:
    st.info("Nog geen notities voor dit gebied.")
    st.stop()
st.table(records.notes(mine, indicator_names))

labels = {row.note_id: f"{pd.Timestamp(row.note_date):%d-%m-%Y} — {row.text[:60]}" for row in mine.itertuples()}
st.subheader("Geschiedenis en correctie")
chosen = st.selectbox("Notitie kiezen", list(labels), format_func=labels.get, key="notitie_keuze")
versions = forms.history("note", chosen)
st.table(records.note_history(versions))
if not may_write:
    st.stop()
with st.form("correctie"):
    new_text = st.text_area(
        "Verbeterde tekst", value="", max_chars=edits.MAX_TEXT, key=forms.fresh_key("correctie_tekst")
    )
    if st.form_submit_button("Correctie opslaan"):
        try:
            edits.correct_note(store.store(), chosen, new_text, user)
        except edits.EditError as error:
            forms.show_refused(error)
        else:
            forms.saved("Correctie opgeslagen; de vorige versie blijft in de geschiedenis.")
