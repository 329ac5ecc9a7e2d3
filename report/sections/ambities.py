"""Ambities 2030: the status of the six ambitions and, where the area has targets of its own, each indicator
against its required path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import ambitions, overview, suppression
from analysis.formatting import SUPPRESSED, format_number, format_value
from report import figure_data
from report.sections.context import Context
from report.tables import Cell, Group, Table, value_cell

if TYPE_CHECKING:
    from report.figure_data import AmbitionPanel, Image


@dataclass(frozen=True, eq=False)
class RoadGrid:
    """Small multiples: per indicator with a target, the realised values, the required path and the target."""

    panels: tuple[AmbitionPanel, ...]
    alt: str

    @property
    def size(self) -> tuple[float, float]:
        return figure_data.ambition_grid(len(self.panels)).size

    def draw(self) -> Image:
        from report import figures

        return figures.ambition_grid(list(self.panels), self.alt)


@dataclass(frozen=True)
class AmbitionsSection:
    text: str
    rules: str  # how the status is decided, in plain Dutch
    tables: tuple[tuple[str, Table], ...] = ()  # (caption, table)
    sentences: tuple[str, ...] = ()  # the outlook of each indicator that is not on track
    figure: RoadGrid | None = None


@dataclass(frozen=True, eq=False)
class _Assessed:
    """Every target assessed (``analysis.ambitions``), with the ambitions in order."""

    ambitions: pd.DataFrame  # the ambition table, by number
    assessments: list[ambitions.Assessment]
    summary: pd.DataFrame  # one row per assessment, same order
    portfolio: pd.DataFrame  # status per ambition (rows) and area (columns)


def rules_text() -> str:
    attention = format_number(ambitions.ATTENTION_SHARE * 100)
    behind = format_number(ambitions.BEHIND_SHARE * 100)
    return (
        "De laatste meting wordt vergeleken met het pad van de nulmeting (2020) via de mijlpalen naar het doel, "
        "als deel van de afstand nulmeting–doel: "
        f"{ambitions.status_label(ambitions.ON_TRACK)} = op, vóór of hooguit {attention}% achter het pad; "
        f"{ambitions.status_label(ambitions.ATTENTION)} = {attention} tot {behind}% erachter; "
        f"{ambitions.status_label(ambitions.BEHIND)} = meer dan {behind}% erachter. Een ambitie staat op achter als "
        "meer dan de helft van haar indicatoren achter staat, op aandacht als er één niet op koers is. De "
        "verwachting voor 2030 trekt de lijn van de metingen sinds 2020 door; de marge is de ruimte waarbinnen de "
        "uitkomst met 95% zekerheid valt."
    )


def build(ctx: Context) -> AmbitionsSection:
    state = ctx.state
    targets = state.tables["target"]
    if targets.empty:
        return AmbitionsSection("Er zijn nog geen doelen voor 2030 vastgelegd.", rules_text())
    assessed = _assess(ctx, targets)
    tables = []
    sentences: list[str] = []
    figure = None
    own_targets = ctx.code in set(assessed.summary.area_code)
    if own_targets:
        table, sentences, panels = _detail(ctx, assessed, ctx.code)
        tables.append((f"Indicatoren met een doel voor {ctx.name}", table))
        figure = RoadGrid(tuple(panels), _road_alt(ctx.name, panels))
    caption = "Stand van de ambities in de gemeente" if ctx.level == "wijk" else "De zes ambities"
    tables.insert(0, (caption, _portfolio_table(ctx, assessed, ctx.gemeente, "gemeente")))
    return AmbitionsSection(
        text=_intro(ctx, assessed, own_targets),
        rules=rules_text(),
        tables=tuple(tables),
        sentences=tuple(sentences),
        figure=figure,
    )


def _assess(ctx: Context, targets: pd.DataFrame) -> _Assessed:
    stored = ctx.state.tables["indicator_value"]
    shown = suppression.suppress(stored, ctx.indicators, overview.population(stored), ctx.state.rules)
    assessments = ambitions.assess_all(targets, shown, ctx.indicators)
    summary = ambitions.summary(assessments, ctx.indicators)
    ambition_table = ctx.state.tables["ambition"].sort_values("number")
    return _Assessed(ambition_table, assessments, summary, ambitions.portfolio(summary, ambition_table))


def _intro(ctx: Context, assessed: _Assessed, own_targets: bool) -> str:
    summary, portfolio = assessed.summary, assessed.portfolio
    if ctx.level == "wijk":
        return (
            f"Voor {ctx.name} zijn doelen vastgelegd voor {len(summary[summary.area_code == ctx.code])} "
            "indicator(en); daaronder staan ze met hun status. Eerst de stand van de zes ambities in de gemeente."
            if own_targets
            else f"Voor {ctx.name} zijn geen eigen doelen voor 2030 vastgelegd. Ter vergelijking de stand van de "
            "zes ambities in de gemeente."
        )
    counts = ambitions.status_counts(portfolio[ctx.gemeente]) if ctx.gemeente in portfolio.columns else {}
    return (
        "Van de zes ambities staan er "
        + ", ".join(
            f"{n} op {s}" if s != ambitions.NO_STATUS else f"{n} zonder gegevens" for s, n in counts.items() if n
        )
        + "."
    )


def _portfolio_table(ctx: Context, assessed: _Assessed, area: str, area_name: str) -> Table:
    """Per ambition: its status in the area and how many of its indicators have which status."""
    summary, portfolio = assessed.summary, assessed.portfolio
    rows = []
    for ambition in assessed.ambitions.itertuples():
        mine = summary[(summary.ambition_id == ambition.ambition_id) & (summary.area_code == area)]
        counts = ambitions.status_counts(s if isinstance(s, str) else None for s in mine.status)
        status = portfolio.at[ambition.ambition_id, area] if area in portfolio.columns else None
        rows.append(
            [
                f"{ambition.number}. {ambition.title}",
                ambitions.status_label(status) if isinstance(status, str) else "– geen doel",
                ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "geen",
            ]
        )
    return ctx.notes.table(["Ambitie", f"Status {area_name}", "Indicatoren"], rows, None, ["50%", "20%", "30%"])


def _detail(ctx: Context, assessed: _Assessed, area: str) -> tuple[Table, list[str], list[AmbitionPanel]]:
    """Every indicator with a target for the area, grouped by ambition: the table, one outlook sentence per
    indicator that is not on track, and the small multiples of realised, path and target."""
    rows: list[list[Cell] | Group] = []
    sentences = []
    panels = []
    mine = [
        (a, s) for a, s in zip(assessed.assessments, assessed.summary.itertuples(), strict=True) if a.area_code == area
    ]
    for ambition in assessed.ambitions.itertuples():
        group = [(a, s) for a, s in mine if s.ambition_id == ambition.ambition_id]
        if not group:
            continue
        rows.append(Group(f"{ambition.number}. {ambition.title}"))
        for a, s in group:
            indicator = ctx.meta.loc[a.indicator_id]
            decimals, unit = int(indicator.decimals), str(indicator.unit)
            projected = (
                SUPPRESSED
                if pd.isna(s.projected_value)
                else f"{format_number(s.projected_value, decimals)} "
                f"({format_number(s.projected_lower, decimals)}–{format_number(s.projected_upper, decimals)})"
            )
            rows.append(
                [
                    ctx.label(a.indicator_id),
                    SUPPRESSED if a.latest_year is None else str(a.latest_year),
                    value_cell(a.latest_value, decimals, unit),
                    value_cell(a.required_value, decimals, unit),
                    ambitions.status_label(a.status),
                    projected,
                    value_cell(a.target, decimals, unit),
                ]
            )
            if a.status != ambitions.ON_TRACK:  # the outlook where it matters: what is not on track
                sentences.append(f"{indicator.label}: {ambitions.explain(a, decimals, unit)}")
            panels.append(_road_panel(ctx.label(a.indicator_id), a, decimals, unit))
    table = ctx.notes.table(
        ["Indicator", "Jaar", "Gemeten", "Benodigd", "Status", "Verwachting 2030 (marge)", "Doel 2030"],
        rows,
        [False, False, True, True, False, True, True],
        ["27%", "7%", "12%", "11%", "13%", "18%", "12%"],
    )
    return table, sentences, panels


def _road_panel(label: str, a: ambitions.Assessment, decimals: int, unit: str) -> AmbitionPanel:
    """One indicator's small multiple: what was measured since the nulmeting, the path and the target."""
    from report.figure_data import AmbitionPanel, Series

    realised = a.realised[a.realised.index >= a.baseline_year]
    status = ambitions.status_label(a.status)
    return AmbitionPanel(
        title=label,
        status=status,
        decimals=decimals,
        unit=unit,
        realised=Series("gemeten", tuple(float(y) for y in realised.index), tuple(float(v) for v in realised)),
        path=Series("pad", tuple(float(y) for y in a.path.index), tuple(float(v) for v in a.path)),
        target_year=a.target_year,
        target=a.target,
    )


def _road_alt(name: str, panels: list[AmbitionPanel]) -> str:
    return (
        f"Kleine lijndiagrammen: per indicator met een doel voor {name} de metingen, het benodigde pad en het doel "
        "voor 2030. "
        + "; ".join(
            f"{p.title}: {p.status}, laatste meting "
            f"{format_value(p.realised.y[-1], p.decimals, p.unit) if p.realised.y else 'onbekend'}, doel "
            f"{format_value(p.target, p.decimals, p.unit)}"
            for p in panels
        )
        + "."
    )
