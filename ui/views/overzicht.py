"""The Overzicht page: the key figures of the gemeente as tiles."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import format_change, format_value
from analysis.overview import Kpi
from ui.widgets import DEMO


def _delta_colour(kpi: Kpi) -> str:
    """Green for better, red for worse, grey for gelijk and for figures without a direction (st.metric colours
    the sign: 'normal' = positive green, 'inverse' = positive red)."""
    verdict = kpi.verdict
    if verdict is None or verdict.favourable is None:
        return "off"
    return "normal" if verdict.favourable == (verdict.change > 0) else "inverse"


def kpi_tiles(kpis: list[Kpi]) -> None:
    """One st.metric per key figure; the change, its colour and its word come from analysis.judgement."""
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        verdict = kpi.verdict
        change = format_change(verdict.change, kpi.decimals, kpi.unit) if verdict else None
        column.metric(
            label=kpi.label,
            value=format_value(kpi.value, kpi.decimals, kpi.unit),
            delta=change,
            delta_color=_delta_colour(kpi),
            delta_arrow="off" if verdict is None or verdict.is_same else "auto",
            delta_description=f"t.o.v. {kpi.previous_period}: {verdict.word}" if verdict else None,
            help=kpi.help,
            border=True,
            chart_data=list(kpi.history) if len(kpi.history) > 2 else None,
            chart_type="line",
        )
        compared = "" if change else ", geen vergelijking met vorig jaar"
        badge = f":orange-badge[{DEMO}] " if kpi.is_demo else ""
        column.caption(f"{badge}{kpi.note} · {kpi.period}{compared}")
