"""Overzicht: wat valt op, de gemeente in vijf kerncijfers en één indicator op de kaart van de wijken."""

import streamlit as st

from analysis import overview
from charts import maps
from ui import cached, layout, store, tiles, widgets
from ui.views import overzicht as view

layout.page_setup("Overzicht")
settings = store.settings()
indicators = store.table("indicator")
values = store.indicator_values()

view.what_stands_out(cached.what_stands_out())
view.kpi_tiles(
    overview.gemeente_kpis(
        values,
        indicators,
        store.table("initiative"),
        store.table("volunteer_activity"),
        store.table("spending"),
        settings.gemeente_code,
    )
)

st.subheader("De wijken op de kaart")
picker, year_picker = st.columns([3, 1])
with picker:
    indicator_id = widgets.indicator_picker(
        overview.with_data(indicators, values), store.table("theme"), default="samenhangindex"
    )
indicator, year = widgets.indicator_year(values, indicators, indicator_id, year_picker)

rules = store.privacy_rules()
table = overview.wijk_table(values, store.table("area"), indicator, year, settings.gemeente_code, rules)
geojson = store.wijk_geojson()

tiles.plotly(maps.class_map(table, geojson, indicator), key="kaart")  # the Kaart's colours, one meaning
st.caption(widgets.map_caption(table, indicator, year, settings))
if indicator.is_demo:
    st.caption(":orange-badge[demo] Deze cijfers zijn gegenereerd en niet echt.")

st.markdown("**Dezelfde cijfers als tabel**")
widgets.wijk_table_view(table, indicator)
st.caption(
    f"– = niet getoond om privacyredenen of omdat het cijfer te onbetrouwbaar is: aantallen van 1 tot en met "
    f"{rules.max_small_count}, cijfers per inwoner in wijken met minder dan "
    f"{rules.min_population} inwoners, enquêtecijfers met minder dan {rules.min_respondents} respondenten."
)
