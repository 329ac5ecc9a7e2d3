"""The Overzicht page: what stands out, and the key figures of the gemeente as tiles."""

from __future__ import annotations

import streamlit as st

from analysis import findings
from analysis.formatting import format_change, format_value
from analysis.overview import Kpi
from charts.sparkline import sparkline
from ui.widgets import DEMO

_JOIN = "\u2060"  # word joiner: '2016–2025' never breaks at its dash

# An icon per kind of finding, beside the words (never the only carrier of the meaning)
_ICONS = {
    findings.CHANGE_WORSE: ":material/warning:",
    findings.CHANGE_BETTER: ":material/check_circle:",
    findings.BEHIND_PATH: ":material/flag:",
}


# A page link keeps its label on one line and cuts it off ("…"): a finding is a sentence, so it wraps (a phone).
_WRAP_CSS = """<style>
.st-key-wat_valt_op [data-testid="stPageLink-NavLink"] { height: auto; align-items: flex-start; }
.st-key-wat_valt_op [data-testid="stPageLink-NavLink"] span,
.st-key-wat_valt_op [data-testid="stPageLink-NavLink"] p { white-space: normal; overflow: visible; line-height: 1.45; }
</style>"""


def what_stands_out(found: list[findings.Finding]) -> None:
    """'Wat valt op': each finding one sentence that links to the page showing it."""
    st.subheader("Wat valt op")
    if not found:
        st.info("Er zijn nog te weinig metingen om iets uit te lichten: elke uitspraak vraagt twee metingen.")
        return
    st.html(_WRAP_CSS)
    with st.container(key="wat_valt_op"):
        for finding in found:
            st.page_link(finding.page, label=finding.text, icon=_ICONS[finding.kind], query_params=finding.params)
    with st.expander("Hoe is dit gekozen?"):
        st.markdown(
            "De Wijkmonitor kiest deze punten zelf uit de nieuwste cijfers van de gemeente en de wijken: de "
            "grootste verslechtering en verbetering sinds de meting ervoor, en wijken die achterlopen op het pad "
            "naar de doelen voor 2030. Een verandering telt alleen mee als ze groter is dan de kleinste verandering "
            "die voor die indicator betekenis heeft (kleiner heet *gelijk*); aantallen en andere omvangcijfers "
            "worden nooit *beter* of *slechter* genoemd. Echte cijfers (CBS, RIVM) gaan voor democijfers; een punt "
            "dat op democijfers rust, staat met *(demo)* erachter. Klik op een zin voor de pagina met de cijfers."
        )


def _delta_colour(kpi: Kpi) -> str:
    """Green for better, red for worse, grey for gelijk and for figures without a direction (st.metric colours
    the sign: 'normal' = positive green, 'inverse' = positive red)."""
    verdict = kpi.verdict
    if verdict is None or verdict.favourable is None:
        return "off"
    return "normal" if verdict.favourable == (verdict.change > 0) else "inverse"


def _line_text(kpi: Kpi) -> str | None:
    """The sparkline's years and scale in words: 'verloop 2016–2025: 5,9 tot 6,6'."""
    if len(kpi.history) <= 2 or kpi.history_years is None:
        return None
    first, last = kpi.history_years
    low = format_value(min(kpi.history), kpi.decimals, kpi.unit)
    high = format_value(max(kpi.history), kpi.decimals, kpi.unit)
    per = " per kwartaal" if "kwartaal" in kpi.period else ""
    return f"verloop {first}{_JOIN}–{_JOIN}{last}{per}: {low} tot {high}"


def kpi_tiles(kpis: list[Kpi]) -> None:
    """One st.metric per key figure; the change, its colour and its word come from analysis.judgement. The
    tile keeps only short texts (a narrow tile cuts long ones off); the periods and the line's years and scale
    go in full in the caption below it."""
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        verdict = kpi.verdict
        change = format_change(verdict.change, kpi.decimals, kpi.unit) if verdict else None
        line = _line_text(kpi)
        tile = column.container(border=True) if line else column  # the figure and its line in one box
        tile.metric(
            label=kpi.label,
            value=format_value(kpi.value, kpi.decimals, kpi.unit),
            delta=change,
            delta_color=_delta_colour(kpi),
            delta_arrow="off" if verdict is None or verdict.is_same else "auto",
            delta_description=verdict.word if verdict else None,
            help=kpi.help,
            border=not line,
        )
        if line:  # an SVG, not chart_data: Vega-Lite's bundle for four small lines (charts/sparkline.py)
            tile.image(sparkline(kpi.history), width="stretch", alt=f"{kpi.label}: {line}")
        compared = f", t.o.v. {kpi.previous_period}" if change else ", geen vergelijking met vorig jaar"
        badge = f":orange-badge[{DEMO}] " if kpi.is_demo else ""
        column.caption(f"{badge}{kpi.note} · {kpi.period}{compared}" + (f"  \n{line}" if line else ""))
