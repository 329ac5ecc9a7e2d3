"""Sociaal domein: het geld — uitgaven per Iv3-taakveld, begroot tegen realisatie, de groei sinds 2015 —
en hoe inzet per wijk zich verhoudt tot de vraag en samenhang tot zorggebruik."""

import streamlit as st

from analysis import overview, spending, suppression
from ui import layout, store
from ui.views import sociaal_domein as views

layout.page_setup("Sociaal domein")
settings = store.settings()
areas = store.table("area")
wijken = areas[areas.level == "wijk"].sort_values("area_code")
taakvelden, indicators = store.table("taakveld"), store.table("indicator")
spending_rows = store.table("spending")
values = store.indicator_values()
population = overview.population(values)
if spending_rows.empty:
    st.info("Er zijn nog geen uitgaven in het sociaal domein geladen.")
    st.stop()

per_taakveld = spending.per_taakveld(spending_rows, taakvelden, settings.gemeente_code)
inhabitants = float(population.get(settings.gemeente_code, float("nan")))  # unknown: per inwoner shows "–"
totals = spending.totals(per_taakveld, inhabitants)

st.subheader("Uitgaven per taakveld")
views.per_taakveld_section(per_taakveld, inhabitants)

st.subheader("Begroot en gerealiseerd")
views.budget_section(totals, per_taakveld)

st.subheader("Groei van de uitgaven")
views.growth_section(totals)

st.subheader("Per wijk: inzet naast vraag")
shown = suppression.suppress(values, indicators, population, store.privacy_rules())  # privacy first, then analyses
measurable = store.measurable(values)
views.need_section(
    views.NeedContext(shown, spending_rows, taakvelden, wijken, population, measurable, indicators, settings)
)

st.subheader("Samenhang en zorggebruik")
names = dict(zip(wijken.area_code, wijken["name"], strict=True))
views.cohesion_care_section(shown, indicators, names, measurable)
