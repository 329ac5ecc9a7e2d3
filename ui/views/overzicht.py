"""The Overzicht page: the key figures of the gemeente as tiles."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import format_change, format_value
from analysis.overview import Kpi
from ui.widgets import DEMO

_DELTA_COLOUR = {"higher": "normal", "lower": "inverse", "neutral": "off"}


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
