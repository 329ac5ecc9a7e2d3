"""Gegevensbeheer: bestanden controleren en laden, het ladingenlogboek, een lading ongedaan maken."""

import streamlit as st

from ui import audit, layout, upload

user = layout.page_setup("Gegevensbeheer")
upload.show_flash()
st.markdown(
    "Laad eigen bestanden (CSV of Excel) en CBS-kerncijfers in de Wijkmonitor. Elk bestand wordt eerst "
    "gecontroleerd; het wordt alleen geladen als alles klopt, en dan in zijn geheel. Niets wordt overschreven: "
    "nieuwe rijen vervangen oude, die bewaard blijven, en elke lading kan ongedaan worden gemaakt."
)

name = upload.dataset_picker()
upload.columns_and_templates(name)
uploaded = upload.uploader()
if uploaded is not None:
    prepared = upload.check(name, *uploaded)
    upload.preview(prepared)
    upload.report(prepared)
    if prepared.ok:
        upload.commit_form(prepared, user)

st.subheader("Ladingen")
log = upload.history()
upload.undo_form(log, user)

audit.audit_section(user)
