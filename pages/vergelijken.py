"""Vergelijken: twee tot zes wijken naast elkaar, ten opzichte van de gemeente, in de tijd en in twee jaren."""

import streamlit as st

from analysis import compare, national, overview
from ui import cached, layout, params, store, tiles, widgets
from ui.views import vergelijken as view

DEFAULT_COUNT = 3  # the most populous wijken, compared when the link names none
DEFAULT_INDICATORS = ["samenhang_score", "eenzaam_pct", "vrijwilligers_pct", "wmo_per_1000", "onveilig_pct"]

layout.page_setup("Vergelijken")
settings = store.settings()
areas = store.table("area")
names = areas[areas.level == "wijk"].set_index("area_code").name.to_dict()
indicators = store.table("indicator")
values = store.indicator_values()
rules = store.privacy_rules()

if len(names) < 2:
    st.info(
        f"Gemeente {settings.gemeente_naam} heeft één wijk: er valt niets naast elkaar te zetten. De wijk staat naast "
        "de gemeente en Nederland in het Wijkprofiel."
    )
    st.stop()
population = overview.population(values).reindex(list(names)).fillna(0)
default = list(population.sort_values(ascending=False, kind="stable").index[:DEFAULT_COUNT])
everything = st.toggle("Alle wijken", key="alle_wijken")
if everything:
    chosen = list(names)
else:
    chosen = params.bound_multiselect(
        "Wijken (2 tot 6)", list(names), key="wijken", default=default, format_func=names.get, max_selections=6
    )
labels = indicators.set_index("indicator_id").apply(widgets.indicator_label, axis=1).to_dict()
picked = params.bound_multiselect(
    "Indicatoren", list(labels), key="indicatoren", default=DEFAULT_INDICATORS, format_func=labels.get
)
if len(chosen) < 2 or not picked:
    st.info("Kies minstens twee wijken en één indicator om te vergelijken.")
    st.stop()

gemeente = settings.gemeente_code
area_names = {code: names[code] for code in chosen} | {gemeente: f"Gemeente {settings.gemeente_naam}"}
nederland = store.nederland_values()

st.subheader("Ten opzichte van de gemeente")
heat = cached.heat_table(chosen, picked)
if len(chosen) > view.MAX_HEAT_ROWS:
    view.many_wijken_view(heat, indicators)
else:
    view.heat_table_view(heat, indicators, nederland)

st.subheader("Ontwikkeling")
series = compare.series(values, indicators, [*chosen, gemeente], picked, rules)
if series.empty:
    st.info("Voor de gekozen indicatoren zijn geen reeksen (aantallen worden niet als reeks vergeleken).")
elif len(chosen) > view.MAX_HEAT_ROWS:
    drawn = compare.series_extremes(series, gemeente, view.TREND_EXTREMES)
    first = widgets.indicator_label(indicators.set_index("indicator_id").loc[series.indicator_id.iloc[0]])
    st.caption(
        f"De gemeente en de {view.TREND_EXTREMES} wijken met de hoogste en de {view.TREND_EXTREMES} met de laagste "
        f"waarde van ‘{first}’ in het laatste jaar: {len(chosen)} lijnen in één grafiek zijn niet te lezen."
    )
    tiles.trends(
        series[series.area_code.isin(drawn)], indicators, {c: area_names[c] for c in drawn}, reference=gemeente
    )
else:
    series = national.with_nederland(series, nederland)
    tiles.trends(series, indicators, area_names | {national.NEDERLAND: "Nederland"}, reference=gemeente)

st.subheader("Twee jaren naast elkaar")
years = sorted({y for i in picked for y in overview.years_with_data(values, i)})
first_column, second_column = st.columns(2)
first = first_column.selectbox(
    "Van",
    years,
    index=years.index(2020) if 2020 in years else 0,
    key="jaar_van",
    help="2020: de start van wijkgericht werken",
    placeholder="Kies een optie",
)
second = second_column.selectbox("Naar", years, index=len(years) - 1, key="jaar_naar", placeholder="Kies een optie")
view.two_years_view(
    compare.two_years(values, indicators, [*chosen, gemeente], picked, first, second, rules),
    indicators,
    area_names,
    first,
    second,
)
