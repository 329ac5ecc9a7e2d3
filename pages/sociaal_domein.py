"""Sociaal domein: het geld — uitgaven per Iv3-taakveld, begroot tegen realisatie, de groei sinds 2015 —
en hoe inzet per wijk zich verhoudt tot de vraag en samenhang tot zorggebruik."""

import streamlit as st

from analysis import overview, spending, suppression
from ui import layout, store, widgets
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

# five questions, each with its chart: one tab each, only the open one runs and is drawn (?onderdeel=)
TABS = ["Per taakveld", "Begroot en gerealiseerd", "Groei", "Inzet per wijk", "Samenhang en zorg"]
shown, tab = widgets.lazy_tabs(TABS)

with tab:
    if shown == "Per taakveld":
        st.subheader("Uitgaven per taakveld")
        views.per_taakveld_section(per_taakveld, inhabitants)
    elif shown == "Begroot en gerealiseerd":
        st.subheader("Begroot en gerealiseerd")
        views.budget_section(totals, per_taakveld)
    elif shown == "Groei":
        st.subheader("Groei van de uitgaven")
        views.growth_section(totals)
    else:
        shown_values = suppression.suppress(values, indicators, population, store.privacy_rules())  # privacy first
        measurable = store.measurable(values)
        if shown == "Inzet per wijk":
            st.subheader("Per wijk: inzet naast vraag")
            views.need_section(
                views.NeedContext(
                    shown_values, spending_rows, taakvelden, wijken, population, measurable, indicators, settings
                )
            )
        else:
            st.subheader("Samenhang en zorggebruik")
            names = dict(zip(wijken.area_code, wijken["name"], strict=True))
            views.cohesion_care_section(shown_values, indicators, names, measurable)
