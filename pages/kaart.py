"""Kaart: één indicator over de wijken, in klassen ten opzichte van de gemeente, met tabel en downloads."""

import streamlit as st

from analysis import overview
from charts import maps
from ui import layout, store, tiles, widgets
from ui.views import kaart as view

layout.page_setup("Kaart")
settings = store.settings()
indicators, themes = store.table("indicator"), store.table("theme")
values = store.indicator_values()

theme_column, indicator_column, year_column = st.columns([2, 3, 1])
indicator_id = view.theme_and_indicator_picker(
    overview.with_data(indicators, values), themes, "samenhangindex", (theme_column, indicator_column)
)
indicator, year = widgets.indicator_year(values, indicators, indicator_id, year_column)
if overview.has_buurt_values(values, store.table("area"), indicator_id):
    st.caption("Er zijn ook buurtcijfers voor deze indicator; de kaart toont (nog) de wijken.")
else:
    st.caption("Niveau: wijk (voor deze indicator zijn geen buurtcijfers geladen).")

rules = store.privacy_rules()
table = overview.wijk_table(values, store.table("area"), indicator, year, settings.gemeente_code, rules)
geojson = store.wijk_geojson()
event = tiles.plotly(
    maps.class_map(table, geojson, indicator), key="klassenkaart", on_select="rerun", selection_mode=("points",)
)
view.open_clicked_wijk(event)
st.caption(widgets.map_caption(table, indicator, year, settings))

st.markdown("**Dezelfde cijfers als tabel**")
widgets.wijk_table_view(table, indicator, sortable=True)
view.downloads(table, indicator, year, settings)
view.wijk_links(table)
