"""Initiatieven & vrijwilligers: de inzet van bewoners per wijk — initiatieven, subsidie tegen budget,
vrijwilligers, draagkracht — en de mooie voorbeelden, elk met een eigen link en een handout."""

import streamlit as st

from analysis import effort, overview, suppression
from ui import layout, store, widgets
from ui.text import inert, one_line
from ui.views import initiatieven as views

user = layout.page_setup("Initiatieven & vrijwilligers")
settings = store.settings()
areas = store.table("area")
wijken = areas[areas.level == "wijk"].sort_values("area_code")
wijk_names = dict(zip(wijken.area_code, wijken["name"], strict=True))
buurt_names = dict(zip(areas.area_code, areas["name"], strict=True))
initiatives = store.table("initiative")
values = store.indicator_values()
population = overview.population(values)
rules = store.privacy_rules()

# ?voorbeeld=INI-… shows one good example on its own: the linkable, printable view
linked = st.query_params.get("voorbeeld")
register_rows = user.may("registerrijen")  # the raad sees totals, not individual initiatives
if linked is not None and not register_rows:
    st.info("Afzonderlijke initiatieven worden aan de gemeenteraad niet getoond. Hieronder staan de totalen.")
    del st.query_params["voorbeeld"]
elif linked is not None:
    chosen = initiatives[(initiatives.initiative_id == linked) & initiatives.is_good_example]
    if not chosen.empty:
        st.query_params.from_dict({"voorbeeld": linked})  # the address bar holds exactly this example's link
        version = f"gegevensversie {store.data_version()}"
        views.handout_view(views.example(chosen.iloc[0], wijk_names, buurt_names), settings, version)
        st.stop()
    st.warning(f"Er is geen mooi voorbeeld met de code ‘{one_line(linked, 40)}’. Hieronder staan alle initiatieven.")
    del st.query_params["voorbeeld"]

if initiatives.empty:
    st.info("Er staan nog geen initiatieven in het register.")
    st.stop()

filters = views.initiative_filters(initiatives, wijk_names)
selection = views.filter_text(filters, wijk_names)
rows = effort.filter_initiatives(initiatives, **filters)
st.caption(f":orange-badge[demo] {len(rows)} van {len(initiatives)} initiatieven in het register: {inert(selection)}.")

# the page is long (five charts, the good examples, the register): one tab per question. Only the open tab
# runs and is drawn; it is in the address (?onderdeel=Register), so a link opens it (README, Beslissingen).
labels = ["Initiatieven", "Subsidie en budget", "Vrijwilligers en draagkracht"]
if register_rows:
    labels += ["Mooie voorbeelden", "Register"]
shown, tab = widgets.lazy_tabs(labels)

with tab:
    if shown == "Initiatieven":
        st.subheader("Initiatieven per wijk")
        every_wijk = {**filters, "wijk": effort.ALL}
        all_wijken = effort.filter_initiatives(initiatives, **every_wijk)
        summary = effort.summary_per_wijk(
            all_wijken, wijken, population, rules, settings.gemeente_code, settings.gemeente_naam
        )
        compared = views.filter_text(every_wijk, wijk_names)
        views.per_wijk_section(summary, settings, compared, highlight=filters["wijk"])

        st.subheader("Door de jaren")
        over_time = effort.filter_initiatives(initiatives, filters["wijk"], filters["theme"], filters["status"])
        started = effort.with_year(initiatives).year
        per_year = effort.per_year(over_time, range(int(started.min()), int(started.max()) + 1))
        per_year = effort.suppress_small_totals(per_year, ["initiatives", "participants"], rules)
        highlight = None if filters["year"] == effort.ALL else int(filters["year"])
        views.over_time_section(per_year, highlight, views.filter_text({**filters, "year": effort.ALL}, wijk_names))

    elif shown == "Subsidie en budget":
        st.subheader("Subsidie en budget buurtinitiatieven")
        views.budget_section(initiatives)

    elif shown == "Vrijwilligers en draagkracht":
        st.subheader("Vrijwilligers per 1.000 inwoners")
        rates = effort.volunteer_rates(store.table("volunteer_activity"), population, rules)
        names = {**wijk_names, settings.gemeente_code: f"Gemeente {settings.gemeente_naam}"}
        views.volunteer_section(rates, filters["wijk"], names, settings)

        st.subheader("Draagkracht per wijk")
        measured = values[values.indicator_id.isin(effort.DRAAGKRACHT_COMPONENTS)]
        suppressed = suppression.suppress(measured, store.table("indicator"), population, rules)
        views.draagkracht_section(suppressed, wijken, store.measurable(values))

    elif shown == "Mooie voorbeelden":
        st.subheader("Mooie voorbeelden")
        views.gallery(rows[rows.is_good_example], wijk_names, buurt_names)

    else:
        st.subheader("Het register")
        views.register_table(rows, wijk_names, selection)

if not register_rows:
    st.caption(
        "Als gemeenteraad ziet u totalen; de mooie voorbeelden en het register met afzonderlijke initiatieven "
        "zijn er voor de medewerkers van de gemeente."
    )
