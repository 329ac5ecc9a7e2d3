"""Raadssnapshot: een citeerbare, reproduceerbare A4-pdf van de gemeente of één wijk, en het archief."""

import streamlit as st

from report.snapshot import SnapshotError
from ui import layout
from ui.views import raadssnapshot as view

user = layout.page_setup("Raadssnapshot")
st.caption(
    "Een afdrukbare momentopname voor de gemeenteraad: kerncijfers, kaart, sociale-samenhangindex, ambities 2030, "
    "initiatieven en vrijwilligers, met bronnen en definities. De privacyregels van de raad gelden altijd."
)
choose_area, choose_state = st.columns(2)
with choose_area:
    area_code = view.area_picker()
with choose_state:
    as_of = view.as_of_picker()

try:
    prepared = view.prepared(area_code, as_of)
except SnapshotError as error:
    st.info(str(error))
    st.stop()

st.subheader("Voorbeeld van de inhoud")
view.preview(prepared)

st.subheader("Maken en downloaden")
st.caption(f"Vastgelegd worden uw rol ({user.label.lower()}) en de tijd, nooit uw naam.")
if st.button("Snapshot maken", type="primary", key="snapshot_maken"):
    with st.spinner("De pdf wordt gemaakt …"):
        view.make(prepared, user)
view.download_made()

st.subheader("Eerder gemaakte snapshots")
view.archive()
