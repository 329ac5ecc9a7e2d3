"""Agenda van de wijk: de acties per wijk, wat te laat is, en samenvattingen per wijk en per ambitie."""

from datetime import date

import streamlit as st

from analysis import agenda
from ui import forms, layout, store
from ui.views import agenda as view

user = layout.page_setup("Agenda van de wijk")
forms.show_saved()
today = date.today()
areas = forms.area_options(include_gemeente=False)
area_code = forms.area_picker(areas, user=user)
themes = dict(store.table("theme")[["theme_id", "label"]].itertuples(index=False, name=None))
ambition_table = store.table("ambition").sort_values("number")
ambitions = {row.ambition_id: f"{row.number} · {row.title}" for row in ambition_table.itertuples()}
items = agenda.with_overdue(store.table("agenda_item"), today)
mine = items[items.area_code == area_code].sort_values(["deadline", "item_id"])

st.subheader(f"Agenda van {areas[area_code]}")
late = int(mine.overdue.sum())
st.markdown(
    f"{len(mine)} acties, waarvan {int((mine.status == 'afgerond').sum())} afgerond en **{late} te laat** "
    f"(deadline vóór {today:%d-%m-%Y} en niet afgerond; gemarkeerd met {view.OVERDUE_LABEL}). "
    ":orange-badge[demo] De agenda bevat demodata en wat in de app is toegevoegd."
)
if mine.empty:
    st.info("Nog geen acties voor deze wijk. Voeg er hieronder een toe.")
else:
    st.table(view.agenda_items(mine, themes, ambitions, forms.agenda_versions()))

if user.may("agenda", area_code):
    add, update = st.tabs(["Actie toevoegen", "Actie bijwerken"])
    with add:
        view.add_form(area_code, areas[area_code], themes, ambitions, user)
else:
    forms.read_only_notice(user, "agenda", areas[area_code])
    update = st.container()
with update:
    view.update_section(mine, may_write=user.may("agenda", area_code), user=user)

st.subheader("Samenvatting per wijk")
wijk_names = {code: name for code, name in areas.items()}
st.table(view.summary(agenda.summarise(items, "area_code", today), "area_code", wijk_names, "Wijk"))
st.subheader("Samenvatting per ambitie")
st.table(view.summary(agenda.summarise(items, "ambition_id", today), "ambition_id", ambitions, "Ambitie"))
