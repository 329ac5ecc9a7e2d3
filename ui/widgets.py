"""Reusable Streamlit widgets: KPI tiles, the indicator picker, a chart with its table alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from analysis.overview import Kpi

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


def indicator_picker(indicators: pd.DataFrame, themes: pd.DataFrame, default: str, key: str = "indicator") -> str:
    """A select box of indicators grouped by theme, bound to ``?indicator=`` so the view can be linked."""
    order = themes.reset_index(drop=True).reset_index().set_index("theme_id")["index"]
    ordered = indicators.assign(_order=indicators.theme_id.map(order)).sort_values(["_order", "label"])
    theme_label = themes.set_index("theme_id").label
    options = list(ordered.indicator_id)
    labels = {row.indicator_id: f"{theme_label[row.theme_id]} › {indicator_label(row)}" for row in ordered.itertuples()}
    wanted = st.query_params.get(key)
    chosen = st.selectbox(
        "Indicator",
        options,
        index=options.index(wanted if wanted in options else default),
        format_func=labels.__getitem__,
        placeholder="Kies een indicator",
        key=f"{key}_select",
    )
    st.query_params[key] = chosen
    return chosen


def wijk_table_view(table: pd.DataFrame, indicator: pd.Series, gemeente_naam: str) -> None:
    """The accessible alternative to the map: every wijk with value, difference and rank, nl-NL formatted.

    A static HTML table (st.table): read by screen readers, printable, 14 rows need no scrolling.
    """
    decimals = int(indicator.decimals)
    view = pd.DataFrame(
        {
            "Wijk": table.name + table.is_kerkdorp.map({True: " (kerkdorp)", False: ""}),
            f"Waarde ({indicator.unit})": table.value.map(lambda v: format_number(v, decimals)),
            f"Verschil met {gemeente_naam}": table.difference.map(lambda v: format_change(v, decimals) or SUPPRESSED),
            "Rang": table["rank"].map(lambda v: SUPPRESSED if pd.isna(v) else str(int(v))),
            "Opmerking": table.suppressed.map(
                lambda reason: f"niet getoond: {reason}" if isinstance(reason, str) else ""
            ),
        }
    )
    st.table(view.set_index("Wijk"))


def map_chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config={"displaylogo": False, "scrollZoom": False}, width="stretch")
