"""Wijkprofiel: één wijk naast de gemeente; onder 'In het kort' tabbladen, waarvan alleen het geopende gemaakt wordt."""

import streamlit as st

from analysis import age_groups, profile
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
gemeente = f"gemeente {settings.gemeente_naam}"

comparison = cached.wijk_comparison(code)
with choose:
    st.header(wijk["name"] + (" :blue-badge[kerkdorp]" if wijk.is_kerkdorp else ""))
    st.subheader("In het kort")
    st.markdown(" ".join(profile.summary(comparison, wijk["name"], gemeente)))
    st.caption(
        "Gegenereerd uit de cijfers, met dezelfde klassen als de kaart en de kolom 'Ten opzichte van de gemeente' "
        f"in de tabel onder '{view.INDICATOREN}'."
    )

section, tab = view.open_section()  # only the open tab is made (and drawn by the browser)
with tab:
    if section == view.KERNCIJFERS:
        view.area_key_figures(store.indicator_values(), code)
        st.subheader("Sociale samenhang")
        view.cohesion_index_section(code, wijk["name"])
    elif section == view.INDICATOREN:
        st.subheader(f"Alle indicatoren naast de {gemeente} en Nederland")
        ages = store.age_groups()
        age = params.age_group_choice(ages, ages.with_twins(), st.columns([1, 2])[0])
        view.comparison_table(age_groups.choose(comparison, ages, age), store.table("theme"), store.nederland_values())
    elif section == view.NEDERLAND:
        st.subheader("Tussen alle wijken van Nederland")  # the wijk's name only in the page heading
        view.national_section(comparison, code, wijk["name"])
    elif section == view.VERGELIJKBAAR:
        st.subheader("Vergelijkbare wijken in Nederland")
        view.lookalike_section(comparison, code, wijk["name"])
    elif section == view.BUURTEN:
        st.subheader("De buurten van deze wijk")
        view.buurten_section(store.table("indicator"), code, wijk["name"])
    elif section == view.ONTWIKKELING:
        st.subheader("Ontwikkeling sinds 2016")
        view.trends_section(store.indicator_values(), store.table("indicator"), code, wijk["name"])
    elif section == view.INITIATIEVEN:
        st.subheader("Initiatieven in de wijk")
        initiatives, rules = store.table("initiative"), store.privacy_rules()
        if user.may("registerrijen"):
            view.initiatives_table(initiatives, code, rules)
        else:  # the raad: how many, not which
            view.initiative_count(initiatives, code, wijk["name"], rules)
