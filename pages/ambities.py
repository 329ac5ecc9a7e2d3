"""Ambities 2030: staan de zes ambities op koers, voor de gemeente en per wijk, en waarom."""

import streamlit as st

from analysis import ambitions
from ui import cached, forms, layout, store, tiles
from ui.views import ambities as view

user = layout.page_setup("Ambities 2030")
settings = store.settings()
indicators = store.table("indicator")
ambition_table = store.table("ambition").sort_values("number")
targets = store.table("target")
if targets.empty:
    st.info(
        "Er zijn nog geen doelen voor 2030 vastgelegd. De beheerder kan ze laden bij Gegevensbeheer (soort: doelen)."
    )
    st.stop()

assessments = cached.ambition_assessments()
summary = ambitions.summary(assessments, indicators)
area_names = {code: name.replace(" (geheel)", "") for code, name in forms.area_options(include_gemeente=True).items()}

st.subheader("Portfolio: de zes ambities")
portfolio = ambitions.portfolio(summary, ambition_table)
st.table(view.portfolio_view(portfolio, ambition_table, area_names))
counts = ambitions.status_counts(portfolio[settings.gemeente_code])
st.caption(
    f"Gemeente {settings.gemeente_naam}: "
    + " · ".join(f"{n} {status}" for status, n in counts.items() if n)
    + " (ambities). Alleen gebieden met doelen staan in de tabel. "
    + view.data_origin_text(targets, indicators)
)
st.markdown(view.rules_text())
tiles.how_computed(view.method_text())
with st.expander("Alle indicatoren met een doel"):
    st.table(view.indicator_rows(summary, indicators, area_names).set_index("Gebied"))

st.subheader("Per ambitie")
choose_ambition, choose_area = st.columns(2)
with choose_ambition:
    titles = {row.ambition_id: f"{row.number} · {row.title}" for row in ambition_table.itertuples()}
    view.follow_link("ambitie", list(titles))  # a link (e.g. from "Wat valt op") opens its ambition and area
    ambition_id = st.selectbox(
        "Ambitie", list(titles), format_func=titles.get, key="ambitie", placeholder="Kies een optie"
    )
mine = [a for a, ambition in zip(assessments, summary.ambition_id, strict=True) if ambition == ambition_id]
if not mine:
    st.info("Voor deze ambitie zijn nog geen doelen vastgelegd.")
    st.stop()
with choose_area:
    codes = list(dict.fromkeys(a.area_code for a in mine))
    view.follow_link("gebied", codes, key="ambitie_gebied")
    area_code = st.selectbox(
        "Gebied", codes, format_func=area_names.get, key="ambitie_gebied", placeholder="Kies een optie"
    )

meta = indicators.set_index("indicator_id")
# logboek notes are free text from the field: not for the raad (aggregates only)
notes = forms.notes() if user.may("registerrijen") else forms.notes().iloc[0:0]
for a in (a for a in mine if a.area_code == area_code):
    view.indicator_road(a, meta.loc[a.indicator_id], view.notes_for(notes, area_code, a.indicator_id))
