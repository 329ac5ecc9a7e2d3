"""Wijkprofiel: één wijk naast de gemeente — index, kerncijfers, alle indicatoren, trends en initiatieven."""

import streamlit as st

from analysis import age_groups, national, profile
from charts import maps
from ui import cached, layout, params, store, tiles, widgets
from ui.views import wijkprofiel as view

user = layout.page_setup("Wijkprofiel")
settings = store.settings()
areas = store.table("area").set_index("area_code")
wijk_names = areas[areas.level == "wijk"].name.to_dict()
choose, locate = st.columns([3, 2])
code = widgets.wijk_choice(wijk_names, container=choose)
wijk = areas.loc[code]
with locate:
    tiles.plotly(maps.locator_map(store.area_geojson("wijk"), wijk_names, code), key="ligging")
    st.caption(f"Ligging van {wijk['name']} in de gemeente {settings.gemeente_naam}.")
values, indicators = store.indicator_values(), store.table("indicator")
rules = store.privacy_rules()
gemeente = f"gemeente {settings.gemeente_naam}"

comparison = cached.wijk_comparison(code)
with choose:
    st.header(wijk["name"] + (" :blue-badge[kerkdorp]" if wijk.is_kerkdorp else ""))
    st.subheader("In het kort")
    st.markdown(" ".join(profile.summary(comparison, wijk["name"], gemeente)))
    st.caption(
        "Gegenereerd uit de cijfers, met dezelfde klassen als de kaart en de kolom 'Ten opzichte van de gemeente' "
        "in de tabel hieronder."
    )
view.area_key_figures(values, code)

st.subheader("Sociale samenhang")
view.cohesion_index_section(code, wijk["name"])

st.subheader(f"Alle indicatoren naast de {gemeente} en Nederland")
ages = store.age_groups()
age = params.age_group_choice(ages, ages.with_twins(), st.columns([1, 2])[0])  # for the table and the trends
view.comparison_table(age_groups.choose(comparison, ages, age), store.table("theme"), store.nederland_values())

st.subheader("Tussen alle wijken van Nederland")  # the wijk's name only in the page heading
view.national_section(comparison, code, wijk["name"])

st.subheader("Vergelijkbare wijken in Nederland")
view.lookalike_section(comparison, code, wijk["name"])

st.subheader("De buurten van deze wijk")
view.buurten_section(indicators, code, wijk["name"])

st.subheader("Ontwikkeling sinds 2016")
themes = store.table("theme")
theme_id = (
    st.segmented_control(
        "Thema",
        themes.theme_id,
        format_func=themes.set_index("theme_id").label.get,
        default="samenhang",
        key="trend_thema",
    )
    or "samenhang"
)  # the control can be cleared
in_theme = age_groups.choose(indicators[indicators.theme_id == theme_id], ages, age)
series = profile.trend_series(values, in_theme, code, settings.gemeente_code, rules)
if series.empty:
    st.info("Voor dit thema zijn in deze wijk geen reeksen van minstens drie jaar.")
else:
    names = {code: wijk["name"], settings.gemeente_code: f"Gemeente {settings.gemeente_naam}"}
    series = national.with_nederland(series, store.nederland_values())
    tiles.trends(series, indicators, names | {national.NEDERLAND: "Nederland"}, reference=settings.gemeente_code)

st.subheader("Initiatieven in de wijk")
initiatives = store.table("initiative")
if user.may("registerrijen"):
    view.initiatives_table(initiatives, code, rules)
else:  # the raad: how many, not which
    view.initiative_count(initiatives, code, wijk["name"], rules)
