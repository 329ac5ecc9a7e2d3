"""Logboek: gedateerde notities uit de wijk, eventueel bij een indicator; ze verschijnen in de grafieken."""

import streamlit as st

from ui import forms, layout, store
from ui.views import logboek as view

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
if may_write:
    view.note_form(area_code, areas[area_code], indicator_names, user)
else:
    forms.read_only_notice(user, "notitie", areas[area_code])

notes = forms.notes()
mine = notes[notes.area_code == area_code]
st.subheader(f"Notities voor {areas[area_code]}")
if mine.empty:
    st.info("Nog geen notities voor dit gebied.")
    st.stop()
st.table(view.notes(mine, indicator_names))

st.subheader("Geschiedenis en correctie")
labels = view.note_labels(mine)
chosen = st.selectbox(
    "Notitie kiezen", list(labels), format_func=labels.get, key="notitie_keuze", placeholder="Kies een optie"
)
st.table(view.note_history(forms.history("note", chosen)))
if may_write:
    view.correction_form(chosen, user)
