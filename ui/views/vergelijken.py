"""The Vergelijken page: wijken against the gemeente (heat table) and two years side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import compare, national
from analysis.formatting import SUPPRESSED, format_change, format_number
from charts import colors, ranking
from ui import tiles
from ui.widgets import indicator_label


def heat_table_view(heat: pd.DataFrame, indicators: pd.DataFrame, nederland: pd.DataFrame | None = None) -> None:
    """Wijken x indicators, coloured by class relative to the gemeente, with symbols so colour is not needed;
    below the gemeente, Nederland (``nederland``: analysis.national.nederland) where it has the figure."""
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
    if nederland is not None:
        national_values = [
            national.nederland_value(nederland, gemeente.at[c, "indicator_id"], int(gemeente.at[c, "year"]))
            for c in order
        ]
        if any(v is not None for v in national_values):
            cells.loc["Nederland"] = [
                "" if v is None else format_number(v, int(meta.at[gemeente.at[c, "indicator_id"], "decimals"]))
                for v, c in zip(national_values, order, strict=True)
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
            colour = None if name in ("Gemeente", "Nederland") else colours.at[name, column.name]
            css.append(f"background-color: {colour}; color: {'white' if colour in dark else 'black'}" if colour else "")
        return css

    st.table(cells.rename_axis("Wijk").style.apply(style, axis=0))
    st.caption(
        "▲▲ veel gunstiger dan de gemeente (1 standaardafwijking of meer), ▲ gunstiger, ● rond het gemiddelde, "
        "▼ ongunstiger, ▼▼ veel ongunstiger. Indicatoren zonder richting: ↑↑/↑ hoger, ↓/↓↓ lager. "
        "– = niet getoond (privacy of te weinig waarnemingen). De standaardafwijking is die tussen alle wijken. "
        "Nederland: het landelijke cijfer van hetzelfde jaar (RIVM/CBS/GGD'en en CBS), leeg waar het niet bestaat."
    )


# Beyond this many wijken the heat-table and the small multiples change form (README, "Another gemeente").
MAX_HEAT_ROWS = 15
EXTREMES = 5  # wijken at each end in the table of a large comparison
TREND_EXTREMES = 3  # wijken at each end in the trend charts of a large comparison


def many_wijken_view(heat: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """More than MAX_HEAT_ROWS wijken: per indicator one strip with every wijk as a dot (the heat-table's
    colours), then the most and least favourable wijken per indicator as a table."""
    if heat.empty:
        st.info("Geen cijfers voor deze keuze.")
        return
    meta = indicators.set_index("indicator_id")
    heat = heat.assign(direction=heat.indicator_id.map(meta.direction))
    labels = {
        i: f"{indicator_label(meta.loc[i])} {y}"
        for i, y in heat.drop_duplicates("indicator_id")[["indicator_id", "year"]].values
    }
    tiles.plotly(ranking.strips(heat, labels), key="vergelijken_strips")
    hidden = int(heat.groupby("indicator_id").value.apply(lambda v: v.isna().sum()).max())
    st.caption(
        f"{heat.area_code.nunique()} wijken: elke stip is een wijk (wijs aan voor naam en waarde), de stippellijn is "
        "de gemeente. Kleur en symbool als in de tabel hieronder en op de kaart."
        + (f" Niet getoond (privacy of te weinig waarnemingen): tot {hidden} wijk(en) per indicator." if hidden else "")
    )
    ends = compare.extremes(heat, EXTREMES)
    ends = ends.assign(
        Indicator=ends.indicator_id.map(labels),
        Plaats=ends.position,
        Wijk=ends.name,
        Waarde=[
            f"{format_number(v, int(meta.at[i, 'decimals']))} {symbol}"
            for v, i, symbol in zip(ends.value, ends.indicator_id, ends.symbol, strict=True)
        ],
        Gemeente=[
            format_number(g, int(meta.at[i, "decimals"]))
            for g, i in zip(ends.gemeente_value, ends.indicator_id, strict=True)
        ],
    )
    st.markdown(f"**De {EXTREMES} gunstigste en {EXTREMES} ongunstigste wijken per indicator**")
    st.table(ends[["Indicator", "Plaats", "Wijk", "Waarde", "Gemeente"]].set_index(["Indicator", "Plaats"]))
    st.caption(
        "▲▲ veel gunstiger dan de gemeente, ▲ gunstiger, ● rond het gemiddelde, ▼ ongunstiger, ▼▼ veel ongunstiger; "
        "↑↑/↑/↓/↓↓ bij indicatoren zonder richting. Alle wijken staan op de Kaart, in de tabel en de download daar."
    )


def two_years_view(two: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], first: int, second: int) -> None:
    """Per area and indicator: first year -> second year (change, better/worse in words)."""
    if first == second:
        st.info("Kies twee verschillende jaren.")
        return
    meta = indicators.set_index("indicator_id")

    def cell(row: pd.Series) -> str:
        decimals = int(meta.at[row.indicator_id, "decimals"])
        if pd.isna(row.first) or pd.isna(row.second):
            return f"{format_number(row.first, decimals)} → {format_number(row.second, decimals)}"
        change = format_change(row.change, decimals)
        word = row.verdict
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
    st.caption(
        f"{first} → {second}. 'Beter' en 'slechter' volgen de richting van de indicator; 'gelijk' betekent dat de "
        "verandering kleiner is dan wat voor die indicator telt (standaard 2% van de eerdere waarde)."
    )
