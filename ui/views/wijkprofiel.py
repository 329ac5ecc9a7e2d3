"""The Wijkprofiel page: key figures, the index of one wijk, all indicators next to the gemeente, initiatives.

Below the wijk's heading and summary the page is split into tabs (:func:`open_section`); only the open tab's
content runs and reaches the browser, so a visitor waits for one section's charts and maps, not all of them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis import age_groups, cohesion_index, lookalike, national, national_text, profile
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from analysis.suppression import Rules, is_small_count, small_counts
from charts import maps
from charts import national as national_charts
from charts import profile as profile_charts
from ui import cached, params, store, tiles
from ui.widgets import DEMO, lazy_tabs

# -- the sections as tabs ------------------------------------------------------------------------------------

KERNCIJFERS, INDICATOREN, NEDERLAND = "Kerncijfers", "Alle indicatoren", "In Nederland"
VERGELIJKBAAR, BUURTEN, ONTWIKKELING, INITIATIEVEN = "Vergelijkbare wijken", "Buurten", "Ontwikkeling", "Initiatieven"
SECTIONS = (KERNCIJFERS, INDICATOREN, NEDERLAND, VERGELIJKBAAR, BUURTEN, ONTWIKKELING, INITIATIEVEN)  # 1st: default
SECTION_KEY = "onderdeel"  # ?onderdeel=<label> in the URL and st.session_state["onderdeel"]


def open_section() -> tuple[str, DeltaGenerator]:
    """The page's sections as tabs (``widgets.lazy_tabs``); returns the open one's label and container. The open
    tab is in the URL (``?onderdeel=Buurten``; Kerncijfers, the first, leaves it out), so a link shares it and it
    stays when another wijk is chosen. Only the open tab's content is run: the caller fills the returned container
    and nothing else."""
    return lazy_tabs(SECTIONS, SECTION_KEY)


INDEX_HELP = (
    "100 = de gemeente in het basisjaar; +10 = één standaardafwijking gunstiger dan toen. "
    "Zie 'Over de cijfers' voor de methode."
)


def area_key_figures(values: pd.DataFrame, area_code: str) -> None:
    """Real CBS key figures of one area as a row of tiles."""
    figures = [
        ("inwoners", "Inwoners", "aantal"),
        ("woningvoorraad", "Woningen", "aantal"),
        ("oppervlakte_land_ha", "Oppervlakte land (ha)", "ha"),
        ("bevolkingsdichtheid", "Inwoners per km²", "aantal"),
    ]
    own = values[values.area_code == area_code].sort_values("year")
    for column, (indicator_id, label, unit) in zip(st.columns(len(figures)), figures, strict=True):
        series = own[own.indicator_id == indicator_id].value.dropna()
        column.metric(label, format_value(series.iloc[-1], 0, unit) if not series.empty else SUPPRESSED, border=True)
    st.caption("Bron: CBS, Kerncijfers wijken en buurten 2024 (peildatum 1 januari 2024), CC BY 4.0.")


NO_INDEX = (
    "Met de gegevens zoals ze nu geladen zijn, is de sociale-samenhangindex niet te berekenen: een onderdeel of "
    "het basisjaar ontbreekt, of de wijken verschillen er niet in. Zie Over de cijfers voor de onderdelen."
)


def cohesion_index_section(area_code: str, area_name: str) -> None:
    """The sociale-samenhangindex of one wijk: level, sub-indices, what drives it, and its course."""
    results = store.cohesion_index_results()
    if "index" not in results:
        st.info(NO_INDEX)
        return
    scores = results["index"].scores
    own = scores[(scores.area_code == area_code)].sort_values("year")
    if own.empty or own["index"].isna().all():
        reason = own.reason.dropna().iloc[-1] if not own.empty else "geen gegevens"
        st.info(f"Voor {area_name} wordt geen sociale-samenhangindex berekend: {reason}.")
        return
    year = int(own.dropna(subset=["index"]).iloc[-1].year)
    index_metrics(results, own, area_code, year)
    parts = results["index"].contributions
    parts = parts[(parts.area_code == area_code) & (parts.year == year)]
    settings = store.settings()
    both = scores[scores.area_code.isin([area_code, settings.gemeente_code])].dropna(subset=["index"])
    both = pd.concat([both[both.area_code == area_code], both[both.area_code == settings.gemeente_code]])
    names = {area_code: area_name, settings.gemeente_code: f"Gemeente {settings.gemeente_naam}"}
    labels = store.table("indicator").set_index("indicator_id").label.to_dict()
    index_charts(parts, both, own, names, labels, year)
    index_tables(parts, both, names, labels)


def index_metrics(results: dict, own: pd.DataFrame, area_code: str, year: int) -> None:
    """The index of ``year`` with its change on the year before, and each sub-index, as tiles."""
    _, themes = store.index_spec()
    theme_labels = store.table("theme").set_index("theme_id").label.to_dict()
    latest = own[own.year == year].iloc[0]
    columns = st.columns(1 + len(themes))
    previous = own[own.year == year - 1]["index"]
    change = latest["index"] - previous.iloc[0] if not previous.empty and pd.notna(previous.iloc[0]) else None
    columns[0].metric(
        f"Sociale-samenhangindex {year}",
        format_number(latest["index"], 0),
        format_change(change, 0),
        delta_description=f"t.o.v. {year - 1}" if change is not None else None,
        help=INDEX_HELP,
        border=True,
    )
    for column, theme_id in zip(columns[1:], themes, strict=True):
        sub = results[theme_id].scores
        value = sub[(sub.area_code == area_code) & (sub.year == year)]["index"]
        column.metric(
            f"Deelindex {theme_labels[theme_id].lower()}",
            format_number(value.iloc[0], 0) if not value.empty else SUPPRESSED,
            border=True,
        )
    spec, _ = store.index_spec()
    labels = store.table("indicator").set_index("indicator_id").label
    real = cohesion_index.real_components_note(spec, labels, store.indicator_values())
    badge = ":orange-badge[deels demo]" if real else ":orange-badge[demo]"
    st.caption(f"{badge} {real or 'Berekend uit democijfers.'} {INDEX_HELP}")


def index_charts(
    parts: pd.DataFrame, both: pd.DataFrame, own: pd.DataFrame, names: dict[str, str], labels: dict, year: int
) -> None:
    """What pulls the index up or down (contributions), and its course next to the gemeente."""
    spec, _ = store.index_spec()
    area_name = names[own.area_code.iloc[0]]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Wat trekt de index van {area_name} omhoog of omlaag ({year})**")
        tiles.plotly(cached.figure(profile_charts.contributions, parts, labels))
        st.caption(profile.contribution_sentence(parts, labels))
    with right:
        st.markdown("**Verloop van de index**")
        tiles.plotly(cached.figure(profile_charts.index_over_time, both, names, spec.base_year))
        st.caption(profile.trend_sentence(own.rename(columns={"index": "value"}), "de index", 0, "", area_name))


def index_tables(parts: pd.DataFrame, both: pd.DataFrame, names: dict[str, str], labels: dict) -> None:
    """The course and the contributions as tables (folded)."""
    with st.expander("De index als tabel"):
        course = both.assign(Gebied=both.area_code.map(names), Index=both["index"].map(lambda v: format_number(v, 0)))
        st.table(course.pivot(index="Gebied", columns="year", values="Index").rename(columns=str))
        table = parts.assign(Component=parts.indicator_id.map(labels))
        st.table(
            pd.DataFrame(
                {
                    "Component": table.Component,
                    "Waarde": [format_number(v, 2) for v in table.value],
                    "Afstand tot gemeente 2020 (SD)": [format_change(z, 2) for z in table.z],
                    "Gewicht": [format_number(w, 0) for w in table.weight],
                    "Bijdrage (punten)": [format_change(c, 1) for c in table.contribution],
                }
            ).set_index("Component")
        )


def comparison_table(comparison: pd.DataFrame, themes: pd.DataFrame, nederland: pd.DataFrame) -> None:
    """Every indicator of a wijk next to the gemeente (profile.compare_to_gemeente output), by theme, and next
    to Nederland (``nederland``: analysis.national.nederland) where a national value of the same year exists."""
    if comparison.empty:
        st.info("Geen cijfers voor deze wijk.")
        return
    theme_label = themes.set_index("theme_id").label
    national = nederland.set_index(["indicator_id", "year"]).value
    rows = []
    for row in comparison.itertuples():
        nl_value = national.get((row.indicator_id, int(row.year)))
        rows.append(
            {
                "Thema": theme_label.get(row.theme_id, row.theme_id),
                "Indicator": f"{row.label} ({DEMO})" if row.is_demo else row.label,
                "Jaar": str(row.year),
                "Wijk": format_value(row.value, row.decimals, row.unit),
                "Gemeente": format_value(row.gemeente_value, row.decimals, row.unit),
                "Nederland": SUPPRESSED if nl_value is None else format_value(nl_value, row.decimals, row.unit),
                "Verschil": format_change(row.difference, row.decimals) or SUPPRESSED,
                "Ten opzichte van de gemeente": row.klasse_label if isinstance(row.klasse_label, str) else SUPPRESSED,
                "Rang": f"{int(row.rank)} van {row.ranked}" if pd.notna(row.rank) else SUPPRESSED,
                "Opmerking": f"niet getoond: {row.suppressed}" if isinstance(row.suppressed, str) else "",
            }
        )
    st.table(pd.DataFrame(rows).set_index(["Thema", "Indicator"]))
    st.caption(
        "Nederland: het landelijke cijfer van hetzelfde jaar, waar het bestaat (RIVM/CBS/GGD'en en CBS). "
        "Verschil, klasse en rang vergelijken met de gemeente. "
        "Rang 1 = gunstigste wijk (bij indicatoren zonder richting: hoogste waarde), onder de wijken met "
        "genoeg inwoners. Aantallen krijgen geen verschil of rang: naast het gemeentetotaal zeggen ze alleen "
        "hoe groot de wijk is."
    )


def trends_section(values: pd.DataFrame, indicators: pd.DataFrame, area_code: str, area_name: str) -> None:
    """The course since 2016 of every indicator of one theme in the wijk, the gemeente and Nederland, for the
    chosen age group. The theme of a linked indicator (``?indicator=``, the links of 'Wat valt op') comes first,
    else sociale samenhang."""
    settings, ages = store.settings(), store.age_groups()
    params.follow_age_twin_link(ages)
    age = params.age_group_choice(ages, ages.with_twins(), st.columns([1, 2])[0])
    themes = store.table("theme")
    first = indicators.set_index("indicator_id").theme_id.get(st.query_params.get("indicator"), "samenhang")
    theme_id = (
        st.segmented_control(
            "Thema",
            themes.theme_id,
            format_func=themes.set_index("theme_id").label.get,
            default=first,
            key="trend_thema",
        )
        or first
    )  # the control can be cleared
    in_theme = age_groups.choose(indicators[indicators.theme_id == theme_id], ages, age)
    series = profile.trend_series(values, in_theme, area_code, settings.gemeente_code, store.privacy_rules())
    if series.empty:
        st.info("Voor dit thema zijn in deze wijk geen reeksen van minstens drie jaar.")
        return
    names = {area_code: area_name, settings.gemeente_code: f"Gemeente {settings.gemeente_naam}"}
    series = national.with_nederland(series, store.nederland_values())
    tiles.trends(series, indicators, names | {national.NEDERLAND: "Nederland"}, reference=settings.gemeente_code)


def initiatives_table(initiatives: pd.DataFrame, wijk_code: str, rules: Rules) -> None:
    """The register rows of one wijk, newest first; small participant counts suppressed."""
    own = initiatives[initiatives.wijk_code == wijk_code].sort_values("start_date", ascending=False)
    if own.empty:
        st.info("Er staan geen initiatieven van deze wijk in het register.")
        return
    small = small_counts(own.participants, rules)
    view = pd.DataFrame(
        {
            "Initiatief": [
                ("★ " if good else "") + title for good, title in zip(own.is_good_example, own.title, strict=True)
            ],
            "Thema": own.theme,
            "Status": own.status,
            "Start": pd.to_datetime(own.start_date).dt.strftime("%d-%m-%Y"),
            "Einde": pd.to_datetime(own.end_date).dt.strftime("%d-%m-%Y").fillna(""),
            "Deelnemers": [
                SUPPRESSED if hide else format_number(n, 0) for hide, n in zip(small, own.participants, strict=True)
            ],
            "Subsidie": [format_value(float(v), 0, "euro") if float(v) > 0 else "geen" for v in own.subsidy_eur],
        }
    )
    st.dataframe(view, hide_index=True, width="stretch")
    st.caption(
        f":orange-badge[{DEMO}] {len(own)} initiatieven, waarvan {int(own.is_good_example.sum())} mooi voorbeeld (★). "
        f"Deelnemersaantallen van 1 tot en met {rules.max_small_count} worden niet getoond."
    )


def initiative_count(initiatives: pd.DataFrame, wijk_code: str, wijk_name: str, rules: Rules) -> None:
    """For the raad: how many initiatives a wijk has, not which (and a small number not at all)."""
    count = int((initiatives.wijk_code == wijk_code).sum())
    shown = f"minder dan {rules.max_small_count + 1}" if is_small_count(count, rules) else format_number(count, 0)
    st.markdown(f"{wijk_name} heeft {shown} initiatieven in het register. :orange-badge[demo]")
    st.caption("Afzonderlijke initiatieven worden aan de gemeenteraad niet getoond; zie de Raadssnapshot voor totalen.")


# -- the wijk against the whole country ----------------------------------------------------------------------


def national_indicators(comparison: pd.DataFrame, levels: dict[tuple[str, int], pd.Series]) -> pd.DataFrame:
    """The rows of the comparison (shown, not suppressed) of indicators with a direction and national wijk
    values in the same year (``levels``: cached.national_levels): the RIVM figures, whose position among all NL
    wijken means something."""
    rows = comparison[comparison.value.notna() & comparison.direction.isin(["higher", "lower"])]
    return rows[[(i, int(y)) in levels for i, y in zip(rows.indicator_id, rows.year, strict=True)]]


def national_section(comparison: pd.DataFrame, area_code: str, area_name: str) -> None:
    """Per indicator one sentence on the wijk's position among all NL wijken, and the distribution of one."""
    levels = cached.national_levels()  # per (indicator, year): every NL wijk's value, made once per data version
    shown = national_indicators(comparison, levels)
    if shown.empty:
        st.info(f"Voor {area_name} zijn geen cijfers die met alle wijken van Nederland te vergelijken zijn.")
        return
    positions = {}
    for row in shown.itertuples():
        found = national.position(levels[(row.indicator_id, int(row.year))], area_code)
        if found is not None:
            positions[row.indicator_id] = (row, found)
    if not positions:
        st.info(f"{area_name} staat niet in de landelijke tabel.")
        return
    st.markdown(
        "\n".join(
            f"- {national_text.position_sentence(row.label, area_name, row.unit, row.direction, found)}"
            for row, found in positions.values()
        )
    )
    options = list(positions)
    chosen = st.selectbox(
        "Verdeling over alle wijken van Nederland",
        options,
        index=options.index("eenzaam_pct") if "eenzaam_pct" in options else 0,
        format_func=lambda i: positions[i][0].label,
        key="nl_verdeling",
    )
    row, found = positions[chosen]
    decimals = int(row.decimals)
    values = levels[(chosen, int(row.year))]
    bins = national_charts.histogram_bins(values)
    own_bin = [start <= found.value <= end for start, end in zip(bins.start, bins.end, strict=True)]
    first = own_bin.index(True) if True in own_bin else None
    frame = pd.DataFrame(
        {
            f"Van ({row.unit})": [format_number(v, decimals) for v in bins.start],
            f"Tot ({row.unit})": [format_number(v, decimals) for v in bins.end],
            "Aantal wijken": [format_number(v) for v in bins["count"]],
            area_name: [f"◀ {area_name}" if i == first else "" for i in range(len(bins))],
        }
    ).set_index(f"Van ({row.unit})")
    tiles.chart_tile(
        national_charts.distribution(bins, found.value, area_name, row.unit, decimals),
        f"{row.label} {int(row.year)}, {area_name}: {national_text.position_detail(found, decimals, row.unit)}",
        key="nl_verdeling_grafiek",
        table=tiles.Table(frame, alt=f"Verdeling van {row.label} over de wijken van Nederland", expander="Als tabel"),
        source="Bron: RIVM/CBS/GGD'en, Gezondheid per wijk en buurt (StatLine 50090NED), modelschatting RIVM. "
        "Alle wijken van Nederland met een cijfer, indeling van dat jaar.",
    )


METHOD = (
    "De vergelijkbare wijken lijken op {name} in **bouw**, niet in de uitkomsten die we vergelijken. Voor elke "
    "wijk van Nederland met minstens {min_inwoners} inwoners nemen we de kenmerken hieronder. Elk kenmerk wordt "
    "omgerekend naar een standaardscore (hoeveel standaardafwijkingen boven of onder het gemiddelde van alle "
    "wijken), zodat de kenmerken even zwaar kunnen tellen. De afstand tussen twee wijken is de gewogen "
    "afstand tussen hun standaardscores; de {count} wijken met de kleinste afstand zijn de vergelijkbare wijken."
    "{own} Een kenmerk dat voor het kiezen is gebruikt (zoals moeite met rondkomen), wordt daarna niet "
    "vergeleken: daarin lijken ze immers al op elkaar."
)


def lookalike_section(comparison: pd.DataFrame, area_code: str, area_name: str) -> None:
    """The 10 most similar NL wijken: sentences per cohesion figure, the list, a map and the method."""
    found, results, spec, year = store.lookalikes()
    own = found[found.wijk_code == area_code] if not found.empty else found
    if own.empty:
        st.info(f"Voor {area_name} zijn geen vergelijkbare wijken te bepalen: structuurgegevens ontbreken.")
        return
    shown = comparison[comparison.value.notna()].set_index("indicator_id")
    sentences = []
    for row in results[results.wijk_code == area_code].itertuples():
        if row.indicator_id not in shown.index:  # not shown for this wijk (suppressed): say nothing about it
            continue
        meta = shown.loc[row.indicator_id]
        fields = {name: getattr(row, name) for name in lookalike.Comparison.__dataclass_fields__}
        text = national_text.lookalike_sentence(
            meta.label, area_name, meta.unit, meta.direction, lookalike.Comparison(**fields), int(meta.decimals)
        )
        if text:
            sentences.append(f"- {text}")
    st.markdown(
        f"De {len(own)} wijken van Nederland die qua bouw het meest op {area_name} lijken (buiten de eigen "
        f"gemeente), en hoe {area_name} het in {year} doet ten opzichte van hen."
    )
    st.markdown("\n".join(sentences) if sentences else "Geen cijfers om met de vergelijkbare wijken te vergelijken.")
    table = pd.DataFrame(
        {
            "Nr.": own["rank"].astype(int).astype(str),
            "Wijk": own.name.fillna(own.area_code),
            "Gemeente": own.gemeente_name.fillna("–"),
            "Wijkcode": own.area_code,
            "Afstand": [format_number(d, 2) for d in own.distance],
        }
    ).set_index("Nr.")
    st.table(table)
    st.caption("Afstand: hoe verder, hoe minder vergelijkbaar (0 = gelijk in alle kenmerken).")
    tiles.plotly(maps.lookalike_map(store.nl_wijk_points(), own, area_code, area_name), key="vergelijkbare_kaart")
    st.caption(
        "Grijze punten: alle wijken van Nederland; oranje: de vergelijkbare wijken (wijs er een aan voor naam en "
        f"nummer in de tabel); blauw: {area_name}. Ligging: CBS Wijk- en Buurtkaart 2024."
    )
    with st.expander("Hoe is dit berekend?"):
        st.markdown(
            METHOD.format(
                name=area_name,
                min_inwoners=format_number(spec.min_inwoners),
                count=spec.count,
                own=" Wijken uit de eigen gemeente tellen niet mee: die vergelijking maakt de rest van de monitor."
                if spec.exclude_own_gemeente
                else "",
            )
        )
        st.table(
            pd.DataFrame(
                {
                    "Kenmerk": [v.label for v in spec.variables],
                    "Jaar": [str(v.year) for v in spec.variables],
                    "Bewerking": [
                        "logaritme (verschillen in verhouding, niet in aantallen)" if v.log else "zoals gemeten"
                        for v in spec.variables
                    ],
                    "Gewicht": [format_number(v.weight, 1) for v in spec.variables],
                }
            ).set_index("Kenmerk")
        )
        st.caption(
            "Bronnen: CBS Kerncijfers wijken en buurten 2024; RIVM/CBS/GGD'en, Gezondheid per wijk en buurt 2020. "
            "De kenmerken en gewichten staan in data/catalogue/lookalike.yaml."
        )


# -- the buurten of the wijk ---------------------------------------------------------------------------------


def buurt_tables(area_code: str) -> dict[str, pd.DataFrame]:
    """Per indicator with buurt values: the buurt table (overview.wijk_table at level 'buurt', latest year
    with buurt values, judged among all buurten of the gemeente) cut to the buurten of this wijk."""
    areas = store.table("area")
    own = areas[(areas.level == "buurt") & (areas.parent_code == area_code)].area_code
    return {indicator_id: table[table.area_code.isin(own)] for indicator_id, table in cached.buurt_tables().items()}


def buurten_section(indicators: pd.DataFrame, area_code: str, area_name: str) -> None:
    """The buurten of a wijk: every indicator with buurt values as a table, and one of them as a class map."""
    tables = buurt_tables(area_code)
    first = next(iter(tables.values()), None)
    if first is None or first.empty:
        st.info(f"Voor de buurten van {area_name} zijn geen cijfers geladen.")
        return
    meta = indicators.set_index("indicator_id")
    rows = []
    for indicator_id, table in tables.items():
        info = meta.loc[indicator_id]
        row = {"Indicator": info.label, "Jaar": str(int(table.year.iloc[0]))}
        for buurt in table.itertuples():
            row[buurt.name] = format_value(buurt.value, int(info.decimals), info.unit)
        rows.append(row)
    st.table(pd.DataFrame(rows).set_index("Indicator"))
    st.caption(
        f"{len(first)} buurten. – = niet getoond: een buurt telt voor de privacyregels met het inwonertal van zijn "
        "wijk als hij geen eigen inwonertal heeft. Bron: RIVM/CBS/GGD'en (StatLine 50090NED), modelschatting RIVM."
    )
    options = list(tables)
    chosen = st.selectbox(
        "Kaart van de buurten",
        options,
        index=options.index("eenzaam_pct") if "eenzaam_pct" in options else 0,
        format_func=lambda i: meta.at[i, "label"],
        key="buurt_kaart_indicator",
    )
    table = tables[chosen].reset_index(drop=True)
    geojson = store.area_geojson("buurt")
    own = {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in set(table.area_code)]}
    year = int(table.year.iloc[0])
    shown = table.dropna(subset=["klasse_label"])
    summary = f"{meta.at[chosen, 'label']}, {year}, de buurten van {area_name} ten opzichte van de gemeente: " + (
        "; ".join(f"{row.name} {row.klasse_label}" for row in shown.itertuples()) or "geen buurt met een klasse"
    )
    tiles.plotly(maps.class_map(table, own, meta.loc[chosen], height=420), key="buurtkaart", alt=summary)
    st.caption(
        summary + ". De klassen zijn die van de Kaart op buurtniveau (vergeleken met de gemeente, spreiding tussen "
        "alle buurten). Grenzen: CBS Wijk- en Buurtkaart 2022."
    )
