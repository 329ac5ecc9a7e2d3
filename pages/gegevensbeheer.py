"""Gegevensbeheer: bestanden controleren en laden, het ladingenlogboek, een lading ongedaan maken."""

import streamlit as st

from ui import layout
from ui.views import gegevensbeheer as view

user = layout.page_setup("Gegevensbeheer")
view.show_flash()
st.markdown(
    "Laad eigen bestanden (CSV of Excel) en CBS-kerncijfers in de Wijkmonitor. Elk bestand wordt eerst "
    "gecontroleerd; het wordt alleen geladen als alles klopt, en dan in zijn geheel. Niets wordt overschreven: "
    "nieuwe rijen vervangen oude, die bewaard blijven, en elke lading kan ongedaan worden gemaakt."
)

name = view.dataset_picker()
view.columns_and_templates(name)
uploaded = view.uploader()
if uploaded is not None:
    prepared = view.check(name, *uploaded)
    view.preview(prepared)
    view.report(prepared)
    if prepared.ok:
        view.commit_form(prepared, user)

st.subheader("Ladingen")
log = view.history()
view.undo_form(log, user)

view.audit_section(user)
