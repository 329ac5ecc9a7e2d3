"""Kaart: één indicator over de wijken, in klassen ten opzichte van de gemeente, met tabel en downloads."""

import streamlit as st

from analysis import overview
from charts import maps
from ui import layout, params, store, tiles, widgets
from ui.views import kaart as view

layout.page_setup("Kaart")
settings = store.settings()
indicators, themes = store.table("indicator"), store.table("theme")
values = store.indicator_values()

age_groups = store.age_groups()
params.follow_age_twin_link(age_groups)
listed = overview.with_data(indicators, values)  # a 65+ twin is reached through the age choice
theme_column, indicator_column, year_column = st.columns([2, 3, 1])
indicator_id = view.theme_and_indicator_picker(
    listed[~listed.indicator_id.isin(age_groups.others())], themes, "samenhangindex", (theme_column, indicator_column)
)
age_column, level_column, _ = st.columns([2, 2, 2])  # two small choices side by side, under the pickers
indicator_id = params.indicator_for_age(age_groups, indicator_id, age_column)
indicator, year = widgets.indicator_year(values, indicators, indicator_id, year_column)
areas = store.table("area")
with level_column:
    level = view.level_picker(overview.has_buurt_values(values, areas, indicator_id))

rules = store.privacy_rules()
table = overview.wijk_table(values, areas, indicator, year, settings.gemeente_code, rules, level=level)
nederland = view.nederland_value(store.nederland_values(), indicator, year)
event = tiles.plotly(
    maps.class_map(table, store.area_geojson(level), indicator, hover_note=view.nederland_note(nederland, indicator)),
    key="klassenkaart",
    on_select="rerun",
    selection_mode=("points",),
)
view.open_clicked_wijk(event, view.wijk_of_buurt(areas))
st.caption(view.caption(widgets.map_caption(table, indicator, year, settings), level, nederland, indicator))

st.markdown("**Dezelfde cijfers als tabel**")
widgets.wijk_table_view(table, indicator, sortable=True, area=view.AREA_HEADING[level])
view.downloads(table, indicator, year, settings, level, nederland)
view.wijk_links(areas[areas.level == "wijk"].sort_values("area_code"))
