"""Trend charts of the snapshot: the key figures over the years, and the index of the area against the gemeente.

The numbers come from the same places as the tables beside them (``analysis.overview.gemeente_kpis`` for the
gemeente's key figures, the suppressed values of ``Context.suppressed`` for a wijk, the index of the state),
so a line never shows what a table hides. Each builder returns a small holder with ``draw()`` (matplotlib,
in ``report.figures``) and the alt text that says the lines in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.formatting import format_value
from report import figure_data
from report.sections.context import Context

if TYPE_CHECKING:
    from report.figure_data import Image, Series, TrendPanel

# a wijk's key figures over the years, beside the gemeente: the headline measures of cohesion and
# participation, real (RIVM) and demo alike; the index has a chart of its own
WIJK_TRENDS = (
    "samenhang_score",
    "eenzaam_pct",
    "vrijwilligers_pct",
    "initiatieven_per_1000",
    "buurtactiviteiten_per_1000",
    "leefbaarheid_score",
)
# the gemeente's real RIVM figures beside its key figures with a history
GEMEENTE_EXTRA = ("eenzaam_pct", "vrijwilligers_pct")


@dataclass(frozen=True, eq=False)
class TrendFigure:
    panels: tuple[TrendPanel, ...]
    legend: tuple[str, str | None, str | None]
    alt: str
    caption: str

    @property
    def size(self) -> tuple[float, float]:
        return figure_data.trend_grid(len(self.panels)).size

    def draw(self) -> Image:
        from report import figures

        return figures.trend_grid(list(self.panels), self.legend, self.alt)


def _series(label: str, rows: pd.DataFrame) -> Series:
    from report.figure_data import Series

    rows = rows.dropna(subset=["value"]).sort_values("year")
    return Series(label, tuple(float(y) for y in rows.year), tuple(float(v) for v in rows.value))


def _panel(title: str, decimals: int, unit: str, line: Series, reference: Series | None = None) -> TrendPanel:
    from report import figure_data

    return figure_data.TrendPanel(
        title=title,
        decimals=decimals,
        unit=unit,
        line=line,
        reference=reference,
        from_zero=figure_data.starts_at_zero(unit),
    )


def _describe(panel: TrendPanel, who: str) -> str:
    line = panel.line
    text = (
        f"{panel.title}: {who} van {format_value(line.y[0], panel.decimals, panel.unit)} in {int(line.x[0])} "
        f"naar {format_value(line.y[-1], panel.decimals, panel.unit)} in {int(line.x[-1])}"
    )
    if panel.reference is not None and panel.reference.y:
        text += f" (gemeente {format_value(panel.reference.y[-1], panel.decimals, panel.unit)})"
    return text


def key_figures(ctx: Context) -> TrendFigure | None:
    """The key figures over the years: the gemeente's (Overzicht) or a wijk's beside the gemeente."""
    panels = _gemeente_panels(ctx) if ctx.level == "gemeente" else _wijk_panels(ctx)
    panels = [p for p in panels if len(p.line.y) >= 2]  # one measurement is no trend
    if not panels:
        return None
    who = "de gemeente" if ctx.level == "gemeente" else ctx.name
    legend = (ctx.name, None, None) if ctx.level == "gemeente" else (ctx.name, ctx.gemeente_name, None)
    return TrendFigure(
        panels=tuple(panels),
        legend=legend,
        alt=f"Lijndiagrammen van de kerncijfers van {ctx.name} door de jaren. "
        + "; ".join(_describe(p, who) for p in panels)
        + ".",
        caption="Het laatste cijfer staat aan het eind van elke lijn. Aantallen, percentages en bedragen beginnen "
        "bij nul; bij rapportcijfers begint de as bij de waarden (een onderbreking op de as laat dat zien).",
    )


def _gemeente_panels(ctx: Context) -> list[TrendPanel]:
    from report.figure_data import Series

    kpis = ctx.gemeente_kpis()
    panels = []
    for kpi in kpis:
        if len(kpi.history) < 2 or kpi.history_years is None:
            continue
        first, last = kpi.history_years
        step = (last - first + 1) / len(kpi.history)  # quarters: a quarter of a year per point
        xs = tuple(first + i * step for i in range(len(kpi.history)))
        title = f"{kpi.label} ({kpi.note})" + (" (demo)" if kpi.is_demo else "")
        panels.append(_panel(title, kpi.decimals, kpi.unit, Series(kpi.label, xs, tuple(kpi.history))))
    shown = ctx.suppressed([ctx.gemeente])
    for indicator_id in GEMEENTE_EXTRA:
        if indicator_id in ctx.meta.index:
            meta = ctx.meta.loc[indicator_id]
            rows = shown[shown.indicator_id == indicator_id]
            panels.append(_panel(ctx.label(indicator_id), int(meta.decimals), str(meta.unit),
                                 _series(ctx.name, rows)))  # fmt: skip
    return panels


def _wijk_panels(ctx: Context) -> list[TrendPanel]:
    shown = ctx.suppressed([ctx.code, ctx.gemeente])
    panels = []
    for indicator_id in WIJK_TRENDS:
        if indicator_id not in ctx.meta.index:
            continue
        meta = ctx.meta.loc[indicator_id]
        rows = shown[shown.indicator_id == indicator_id]
        line = _series(ctx.name, rows[rows.area_code == ctx.code])
        reference = _series(ctx.gemeente_name, rows[rows.area_code == ctx.gemeente])
        panels.append(_panel(ctx.label(indicator_id), int(meta.decimals), str(meta.unit), line, reference))
    return panels


def index_course(ctx: Context) -> TrendFigure | None:
    """The index of the area over the years: a wijk against the gemeente; the gemeente with the band from the
    lowest to the highest wijk."""
    from report.figure_data import TrendPanel

    if not ctx.state.index:
        return None
    scores = ctx.state.index["index"].scores.dropna(subset=["index"]).rename(columns={"index": "value"})
    line = _series(ctx.name, scores[scores.area_code == ctx.code])
    if len(line.y) < 2:
        return None
    title = f"Sociale-samenhangindex, {ctx.name}"
    if ctx.level == "gemeente":
        wijken = scores[scores.area_code.isin(ctx.wijk_names)].groupby("year").value
        spread = pd.DataFrame({"low": wijken.min(), "high": wijken.max()}).sort_index()
        band = (tuple(float(y) for y in spread.index), tuple(spread.low), tuple(spread.high))
        panel = TrendPanel(title, 0, "index", line, band=band, from_zero=False)
        legend = (ctx.name, None, "van de laagste tot de hoogste wijk")
        extra = (
            f" De grijze band loopt van de laagste tot de hoogste wijk (in {int(spread.index[-1])}: "
            f"{format_value(spread.low.iloc[-1], 0, '')} tot {format_value(spread.high.iloc[-1], 0, '')})."
        )
    else:
        reference = _series(ctx.gemeente_name, scores[scores.area_code == ctx.gemeente])
        panel = TrendPanel(title, 0, "index", line, reference=reference, from_zero=False)
        legend = (ctx.name, ctx.gemeente_name, None)
        extra = ""
    who = "de gemeente" if ctx.level == "gemeente" else ctx.name
    return TrendFigure(
        panels=(panel,),
        legend=legend,
        alt=f"Lijndiagram van de sociale-samenhangindex door de jaren. {_describe(panel, who)}.{extra}",
        caption="100 is de gemeente in het basisjaar; de as begint niet bij nul (de onderbreking staat op de as). "
        "Het laatste cijfer staat aan het eind van de lijn." + extra,
    )
