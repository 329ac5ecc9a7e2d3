"""Reusable Streamlit widgets: KPI tiles, the indicator picker, a chart with its table alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis import export, profile
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from analysis.overview import Kpi
from analysis.suppression import Rules
from charts import colors
from data.catalogue import Settings
from ui.params import bound_select

_DELTA_COLOUR = {"higher": "normal", "lower": "inverse", "neutral": "off"}
DEMO = "demo"


def kpi_tiles(kpis: list[Kpi]) -> None:
    """One st.metric per key figure; the delta colour follows the figure's direction."""
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        change = format_change(kpi.change, kpi.decimals, kpi.unit)
        flat = change is None or change.startswith("±")  # a change that rounds to zero is neither good nor bad
        column.metric(
            label=kpi.label,
            value=format_value(kpi.value, kpi.decimals, kpi.unit),
            delta=change,
            delta_color="off" if flat else _DELTA_COLOUR[kpi.direction],
            delta_arrow="off" if flat else "auto",
            delta_description=f"t.o.v. {kpi.previous_period}" if change else None,
            help=kpi.help,
            border=True,
            chart_data=list(kpi.history) if len(kpi.history) > 2 else None,
            chart_type="line",
        )
        compared = "" if change else ", geen vergelijking met vorig jaar"
        badge = f":orange-badge[{DEMO}] " if kpi.is_demo else ""
        column.caption(f"{badge}{kpi.note} · {kpi.period}{compared}")


def indicator_label(row: pd.Series) -> str:
    return f"{row.label} ({DEMO})" if row.is_demo else str(row.label)


def indicator_picker(indicators: pd.DataFrame, themes: pd.DataFrame, default: str | None) -> str:
    """A select box of indicators ordered by theme, bound to ``?indicator=`` so the view can be linked."""
    order = themes.reset_index(drop=True).reset_index().set_index("theme_id")["index"]
    ordered = indicators.assign(_order=indicators.theme_id.map(order)).sort_values(["_order", "label"])
    theme_label = themes.set_index("theme_id").label
    labels = {row.indicator_id: f"{theme_label[row.theme_id]} › {indicator_label(row)}" for row in ordered.itertuples()}
    return bound_select(
        "Indicator", list(ordered.indicator_id), key="indicator", default=default, format_func=labels.__getitem__
    )


def year_picker(years: list[int]) -> int:
    """Latest year first; bound to ``?jaar=``."""
    return int(bound_select("Jaar", sorted(years, reverse=True), key="jaar", default=max(years)))


def map_chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config={"displaylogo": False, "scrollZoom": False}, width="stretch")


def comparison_table(comparison: pd.DataFrame, themes: pd.DataFrame) -> None:
    """Every indicator of a wijk next to the gemeente (profile.compare_to_gemeente output), by theme."""
    if comparison.empty:
        st.info("Geen cijfers voor deze wijk.")
        return
    theme_label = themes.set_index("theme_id").label
    rows = []
    for row in comparison.itertuples():
        rows.append(
            {
                "Thema": theme_label.get(row.theme_id, row.theme_id),
                "Indicator": f"{row.label} ({DEMO})" if row.is_demo else row.label,
                "Jaar": str(row.year),
                "Wijk": format_value(row.value, row.decimals, row.unit),
                "Gemeente": format_value(row.gemeente_value, row.decimals, row.unit),
                "Verschil": format_change(row.difference, row.decimals) or SUPPRESSED,
                "Rang": f"{int(row.rank)} van {row.ranked}" if pd.notna(row.rank) else SUPPRESSED,
                "Opmerking": f"niet getoond: {row.suppressed}" if isinstance(row.suppressed, str) else "",
            }
        )
    st.table(pd.DataFrame(rows).set_index(["Thema", "Indicator"]))
    st.caption(
        "Rang 1 = gunstigste wijk (bij indicatoren zonder richting: hoogste waarde), onder de wijken met "
        "genoeg inwoners. Aantallen krijgen geen verschil of rang: naast het gemeentetotaal zeggen ze alleen "
        "hoe groot de wijk is."
    )


def trend_text(series: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], reference: str) -> None:
    """The text and table alternative of trend charts: a sentence per area and indicator, and the numbers."""
    meta = indicators.set_index("indicator_id")
    with st.expander("Ontwikkeling als tekst en tabel"):
        for (indicator_id, code), rows in series[series.area_code != reference].groupby(["indicator_id", "area_code"]):
            info = meta.loc[indicator_id]
            st.markdown("- " + profile.trend_sentence(rows, info.label, int(info.decimals), info.unit, names[code]))
        decimals = series.indicator_id.map(meta.decimals).astype(int)
        table = series.assign(
            Indicator=series.indicator_id.map(meta.label),
            Gebied=series.area_code.map(names),
            Waarde=[format_number(v, d) for v, d in zip(series.value, decimals, strict=True)],
        ).pivot(index=["Indicator", "Gebied"], columns="year", values="Waarde")
        st.table(table.rename(columns=str))


def initiatives_table(initiatives: pd.DataFrame, wijk_code: str, rules: Rules) -> None:
    """The register rows of one wijk, newest first; small participant counts suppressed."""
    own = initiatives[initiatives.wijk_code == wijk_code].sort_values("start_date", ascending=False)
    if own.empty:
        st.info("Er staan geen initiatieven van deze wijk in het register.")
        return
    small = own.participants.between(1, rules.max_small_count)
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


def theme_and_indicator_picker(
    indicators: pd.DataFrame, themes: pd.DataFrame, default: str, columns: tuple[DeltaGenerator, DeltaGenerator]
) -> str:
    """Theme, then an indicator of that theme; both in the URL. A linked indicator brings its theme along."""
    meta = indicators.set_index("indicator_id")
    linked = st.query_params.get("indicator")
    if linked in meta.index and linked != st.session_state.get("_indicator_url"):
        st.session_state["thema"] = meta.at[linked, "theme_id"]  # a deep link: follow the indicator's theme
    current = st.session_state.get("indicator", default)
    theme_label = themes.set_index("theme_id").label
    with columns[0]:
        theme_id = bound_select(
            "Thema",
            [t for t in themes.theme_id if t in set(indicators.theme_id)],  # only themes with figures
            key="thema",
            format_func=theme_label.get,
            default=meta.at[current, "theme_id"] if current in meta.index else None,
        )
    with columns[1]:
        return indicator_picker(indicators[indicators.theme_id == theme_id], themes, default=None)


def open_clicked_wijk(event: object) -> None:
    """A click on a wijk in a map opens its Wijkprofiel (the map is drawn with on_select='rerun')."""
    points = event.selection.get("points", []) if event and event.selection else []
    if points and points[0].get("location"):
        st.switch_page("pages/wijkprofiel.py", query_params={"wijk": points[0]["location"]})


def map_caption(table: pd.DataFrame, indicator: pd.Series, year: int, settings: Settings) -> str:
    """The text that goes with a map: what, when, the gemeente value, the spread, source and boundaries."""
    decimals = int(indicator.decimals)
    spread = table.value.std(ddof=0)
    return (
        f"{indicator_label(indicator)}, {year}. Gemeente {settings.gemeente_naam}: "
        f"{format_value(table.gemeente_value.iloc[0], decimals, indicator.unit)}; één standaardafwijking tussen "
        f"de wijken: {format_number(spread, decimals)}. De kleur zegt hoe ver een wijk van de gemeente afligt "
        f"(en of dat gunstig is); grijs = niet getoond. Klik op een wijk voor het wijkprofiel. "
        f"Bron: {indicator.source}. Grenzen: CBS Wijk- en Buurtkaart {settings.boundary_year}."
    )


SORT_OPTIONS = {
    "rang": "Rang (gunstigste eerst)",
    "waarde_op": "Waarde (laag naar hoog)",
    "waarde_af": "Waarde (hoog naar laag)",
    "wijk": "Wijk (op nummer)",
}


def wijk_table_view(table: pd.DataFrame, indicator: pd.Series, sortable: bool = False) -> None:
    """The accessible alternative to a map: every wijk with value, difference and rank, nl-NL formatted.

    A static HTML table (st.table): read by screen readers, printable, formatted the Dutch way whatever
    the browser's language (st.dataframe would show "None" in suppressed cells). ``sortable`` adds a
    sort choice above it. SD distance and class columns appear when ``table`` has them (sd_classes).
    """
    if sortable:
        order = st.radio(
            "Sorteer op", list(SORT_OPTIONS), format_func=SORT_OPTIONS.get, horizontal=True, key="tabel_sortering"
        )
        by = {
            "rang": ("rank", True),
            "waarde_op": ("value", True),
            "waarde_af": ("value", False),
            "wijk": ("area_code", True),
        }[order]
        table = table.sort_values(by[0], ascending=by[1], na_position="last")
    decimals = int(indicator.decimals)
    columns = {
        "Wijk": table.name + table.is_kerkdorp.map({True: " (kerkdorp)", False: ""}),
        f"Waarde ({indicator.unit})": table.value.map(lambda v: format_number(v, decimals)),
        "Verschil met gemeente": table.difference.map(lambda v: format_change(v, decimals) or SUPPRESSED),
    }
    if "klasse_label" in table.columns:
        columns["Afstand (SD)"] = table.z.map(lambda v: format_change(v, 1) or SUPPRESSED)
        columns["Klasse"] = table.klasse_label.fillna(SUPPRESSED)
    columns["Rang"] = table["rank"].map(lambda v: SUPPRESSED if pd.isna(v) else str(int(v)))
    columns["Opmerking"] = table.suppressed.map(lambda r: f"niet getoond: {r}" if isinstance(r, str) else "")
    st.table(pd.DataFrame(columns).set_index("Wijk"))


def downloads(table: pd.DataFrame, indicator: pd.Series, year: int, settings: Settings) -> None:
    """CSV (Dutch Excel) and XLSX downloads of a wijk table, with source and licence in them."""
    frame = export.wijk_table_export(table, indicator, year, settings.gemeente_naam)
    name = f"wijkmonitor_{indicator.name}_{year}"
    notes = [
        ("Indicator", indicator.label),
        ("Definitie", indicator.definition),
        ("Eenheid", indicator.unit),
        ("Jaar", str(year)),
        ("Bron", indicator.source),
        ("Licentie", indicator.licence),
        ("Peildatum", indicator.peildatum),
        ("Demodata", "ja: gegenereerd, niet echt" if bool(indicator.is_demo) else "nee"),
        (
            "Privacy",
            f"Niet getoond: aantallen van 1 tot en met {settings.privacy.max_small_count}, cijfers per "
            f"inwoner in wijken met minder dan {settings.privacy.min_population} inwoners, enquêtecijfers "
            f"met minder dan {settings.privacy.min_respondents} respondenten.",
        ),
        ("Grenzen", f"CBS Wijk- en Buurtkaart {settings.boundary_year}"),
    ]
    download_buttons(frame, notes, name, key="download")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(
    frame: pd.DataFrame,
    notes: list[tuple[str, str]],
    file_stem: str,
    key: str,
    labels: tuple[str, str] = ("Download CSV", "Download Excel"),
) -> None:
    """CSV (';', decimal comma, UTF-8 with BOM) and XLSX (with a Toelichting sheet) of one frame.

    The files are made when clicked (callables), not on every run: an XLSX costs ~0.1 s to write.
    """
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        labels[0],
        lambda: export.to_csv(frame),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        help="Puntkomma-gescheiden, decimale komma, UTF-8: opent direct goed in Excel.",
    )
    right.download_button(
        labels[1],
        lambda: export.to_xlsx(frame, notes),
        f"{file_stem}.xlsx",
        XLSX_MIME,
        key=f"{key}_xlsx",
        on_click="ignore",
    )


def wijk_links(table: pd.DataFrame) -> None:
    """Links to every wijk's profile: no dead end after the map."""
    st.markdown("**Naar een wijkprofiel**")
    columns = st.columns(4)
    for number, row in enumerate(table.itertuples()):
        columns[number % 4].page_link("pages/wijkprofiel.py", label=row.name, query_params={"wijk": row.area_code})


def heat_table_view(heat: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """Wijken x indicators, coloured by class relative to the gemeente, with symbols so colour is not needed."""
    if heat.empty:
        st.info("Geen cijfers voor deze keuze.")
        return
    meta = indicators.set_index("indicator_id")
    heat = heat.assign(
        column=[f"{indicator_label(meta.loc[i])} {y}" for i, y in zip(heat.indicator_id, heat.year, strict=True)],
        cell=[
            SUPPRESSED if pd.isna(v) else f"{format_number(v, int(meta.at[i, 'decimals']))} {symbol}"
            for v, i, symbol in zip(heat.value, heat.indicator_id, heat.symbol, strict=True)
        ],
    )
    order = list(dict.fromkeys(heat.column))
    cells = heat.pivot(index="name", columns="column", values="cell")[order]
    gemeente = heat.drop_duplicates("column").set_index("column")
    cells.loc["Gemeente"] = [
        format_number(gemeente.at[c, "gemeente_value"], int(meta.at[gemeente.at[c, "indicator_id"], "decimals"]))
        for c in order
    ]
    colours = heat.assign(
        colour=[
            colors.class_colours(meta.at[i, "direction"])[int(k)] if pd.notna(k) else colors.NO_DATA
            for i, k in zip(heat.indicator_id, heat.klasse, strict=True)
        ]
    ).pivot(index="name", columns="column", values="colour")[order]
    dark = {colors.CLASS_COLOURS_DIRECTIONAL[0], colors.CLASS_COLOURS_DIRECTIONAL[4], *colors.PURPLES[3:]}

    def style(column: pd.Series) -> list[str]:
        css = []
        for name in column.index:
            colour = None if name == "Gemeente" else colours.at[name, column.name]
            css.append(f"background-color: {colour}; color: {'white' if colour in dark else 'black'}" if colour else "")
        return css

    st.table(cells.rename_axis("Wijk").style.apply(style, axis=0))
    st.caption(
        "▲▲ veel gunstiger dan de gemeente (1 standaardafwijking of meer), ▲ gunstiger, ● rond het gemiddelde, "
        "▼ ongunstiger, ▼▼ veel ongunstiger. Indicatoren zonder richting: ↑↑/↑ hoger, ↓/↓↓ lager. "
        "– = niet getoond (privacy of te weinig waarnemingen). De standaardafwijking is die tussen alle wijken."
    )


def two_years_view(two: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], first: int, second: int) -> None:
    """Per area and indicator: first year -> second year (change, better/worse in words)."""
    if first == second:
        st.info("Kies twee verschillende jaren.")
        return
    meta = indicators.set_index("indicator_id")
    verdict = {True: "beter", False: "slechter"}

    def cell(row: pd.Series) -> str:
        decimals = int(meta.at[row.indicator_id, "decimals"])
        if pd.isna(row.first) or pd.isna(row.second):
            return f"{format_number(row.first, decimals)} → {format_number(row.second, decimals)}"
        change = format_change(row.change, decimals)
        word = verdict.get(row.improved)
        return f"{format_number(row.first, decimals)} → {format_number(row.second, decimals)} ({change}" + (
            f", {word})" if word else ")"
        )

    view = two.assign(
        Gebied=two.area_code.map(names),
        Indicator=two.indicator_id.map(lambda i: indicator_label(meta.loc[i])),
        cel=two.apply(cell, axis=1),
    ).pivot(index="Gebied", columns="Indicator", values="cel")
    view = view.reindex([n for n in names.values() if n in view.index])
    st.table(view)
    st.caption(f"{first} → {second}. 'Beter' en 'slechter' volgen de richting van de indicator.")


def sensitivity_table(table: pd.DataFrame, areas: pd.DataFrame, year: int) -> None:
    """Ranks under the catalogue weights next to equal weights, with the shift in words."""
    names = areas.set_index("area_code").name

    def shift(value: object) -> str:
        if pd.isna(value) or value == 0:
            return "gelijk"
        places = "plaats" if abs(int(value)) == 1 else "plaatsen"
        return f"{abs(int(value))} {places} {'hoger' if value > 0 else 'lager'}"

    view = pd.DataFrame(
        {
            "Wijk": table.area_code.map(names),
            "Index": table["index"].map(lambda v: format_number(v, 0)),
            "Rang": table["rank"].astype(str),
            "Index, gelijke gewichten": table.index_equal.map(lambda v: format_number(v, 0)),
            "Rang, gelijke gewichten": table.rank_equal.astype(str),
            "Verschuiving": table.rank_shift.map(shift),
        }
    )
    st.table(view.set_index("Wijk"))
    moved = int((table.rank_shift.abs() >= 2).sum())
    st.caption(
        f"{year}. Met gelijke gewichten voor alle componenten verschuiven {moved} wijk(en) twee of meer plaatsen. "
        "Kleine verschuivingen betekenen dat de volgorde niet aan de gekozen gewichten hangt."
    )
