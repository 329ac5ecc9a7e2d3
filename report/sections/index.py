"""Sociale-samenhangindex: the area's index and sub-indices, what drives it, and its course."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import cohesion_index, judgement, profile
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from report import figure_data
from report.sections import trends
from report.sections.context import Context
from report.tables import Cell, Hidden, Table, value_cell, verdict_text

if TYPE_CHECKING:
    from report.figure_data import Image


@dataclass(frozen=True, eq=False)
class Contributions:
    """Bars: how many index points each component adds or takes away."""

    parts: pd.DataFrame  # indicator_id, contribution
    labels: dict[str, str]
    alt: str

    @property
    def size(self) -> tuple[float, float]:
        return figure_data.bars_size(len(self.parts))

    def draw(self) -> Image:
        from report import figures

        return figures.contribution_bars(self.parts, self.labels, self.alt)


@dataclass(frozen=True)
class IndexSection:
    scored: bool  # False: no index for this area in this state (``text`` says why)
    text: str
    method: str  # the index method in plain Dutch
    tables: tuple[tuple[str, Table], ...] = ()  # (caption, table)
    year: int | None = None
    sentence: str = ""  # what drives the index, in words
    components: Table | None = None
    course: Table | None = None
    figure: Contributions | None = None
    trend: trends.TrendFigure | None = None  # the index over the years


def build(ctx: Context) -> IndexSection:
    state = ctx.state
    method = _method(ctx)
    if not state.index:
        return IndexSection(False, "In deze stand van de gegevens zijn de componenten van de index nog niet "
                            "(volledig) geladen; er is geen index.", method)  # fmt: skip
    scores = state.index["index"].scores
    own = scores[scores.area_code == ctx.code].sort_values("year")
    scored = own.dropna(subset=["index"])
    if scored.empty:
        return IndexSection(False, _unscored_text(ctx, own, scores), method)
    year = int(scored.year.iloc[-1])
    levels = _levels_table(ctx, year)
    components, sentence, figure = _components(ctx, year)
    course = _course_table(ctx, scores)
    trend = profile.trend_sentence(
        own.dropna(subset=["index"]).rename(columns={"index": "value"}), "De index", 0, "", ctx.name
    )
    return IndexSection(
        scored=True,
        text=f"{ctx.name} staat in {year} op {format_number(scored['index'].iloc[-1], 0)}. {trend}",
        method=method,
        tables=(("Index en deelindices", levels),),
        year=year,
        sentence=sentence,
        components=components,
        course=course,
        figure=figure,
        trend=trends.index_course(ctx),
    )


def _method(ctx: Context) -> str:
    """The index method in words a raadslid reads (the statistics are on Over de cijfers in the Wijkmonitor)."""
    spec = ctx.state.spec
    points = format_number(spec.points_per_sd, 0)
    return (
        f"Hoe de index werkt: hij combineert {len(spec.components)} indicatoren. Bij elke indicator telt hoe ver "
        f"het gebied gunstiger of ongunstiger ligt dan de gemeente in {spec.base_year}, gemeten in hoe ver de wijken "
        f"in dat jaar gewoonlijk van elkaar verschilden. 100 is de gemeente in {spec.base_year}; {points} punten "
        "meer is zo veel gunstiger als de wijken gewoonlijk van elkaar verschillen. De bijdragen van de "
        "indicatoren tellen precies op tot de index. Welke indicatoren echt zijn en welke demo, staat onder "
        "Bronnen en definities."
    )


def _unscored_text(ctx: Context, own: pd.DataFrame, scores: pd.DataFrame) -> str:
    """Why the area has no index, with the gemeente's for comparison."""
    reason = own.reason.dropna().iloc[-1] if not own.empty else "geen gegevens"
    gemeente = scores[(scores.area_code == ctx.gemeente)].dropna(subset=["index"])
    reference = (
        f" Ter vergelijking: de gemeente staat in {int(gemeente.year.iloc[-1])} op "
        f"{format_number(gemeente['index'].iloc[-1], 0)}."
        if not gemeente.empty
        else ""
    )
    return f"Voor {ctx.name} wordt geen index berekend: {reason}.{reference}"


def _level(result: cohesion_index.IndexResult, area: str, year: int) -> float | None:
    match = result.scores[(result.scores.area_code == area) & (result.scores.year == year)]["index"]
    return None if match.empty or pd.isna(match.iloc[0]) else float(match.iloc[0])


def _levels_table(ctx: Context, year: int) -> Table:
    """The index and each sub-index: this year, the change, its direction (a wijk: and the gemeente)."""
    results = ctx.state.index
    rows = []
    for key, label in [("index", "Sociale-samenhangindex")] + [
        (t, f"Deelindex {ctx.theme_label(t).lower()}") for t in ctx.state.index_themes
    ]:
        now, before = _level(results[key], ctx.code, year), _level(results[key], ctx.code, year - 1)
        verdict = judgement.judge_change(before, now, judgement.INDEX_FIGURE)  # the catalogue's threshold
        change = verdict.change if verdict else None
        row = [label, value_cell(now, 0, ""), format_change(change, 0) or SUPPRESSED, verdict_text(verdict)]
        if ctx.level == "wijk":
            row.append(value_cell(_level(results[key], ctx.gemeente, year), 0, ""))
        rows.append(row)
    columns = ["Maat", f"{year}", f"t.o.v. {year - 1}", "Richting"]
    if ctx.level == "wijk":
        columns.append(f"Gemeente {year}")
    widths = ["38%", "14%", "16%", "18%", "14%"] if ctx.level == "wijk" else ["44%", "16%", "18%", "22%"]
    return ctx.notes.table(columns, rows, [False, True, True, False, True][: len(columns)], widths)


def _components(ctx: Context, year: int) -> tuple[Table, str, Contributions | None]:
    """Each component's value, distance to the base year, weight and contribution (hidden where its value
    is), the sentence that names the main drivers, and the bars of the visible contributions."""
    labels = ctx.meta.label.to_dict()
    parts = ctx.state.index["index"].contributions
    parts = parts[(parts.area_code == ctx.code) & (parts.year == year)]
    shown = ctx.suppressed([ctx.code])
    shown = shown[shown.year == year].set_index("indicator_id").suppressed
    rows: list[list[Cell]] = []
    hidden_parts = []
    for part in parts.sort_values("contribution", ascending=False).itertuples():
        reason = shown.get(part.indicator_id)
        decimals = int(ctx.meta.at[part.indicator_id, "decimals"])
        unit = str(ctx.meta.at[part.indicator_id, "unit"])
        if isinstance(reason, str):
            hidden_parts.append(part.indicator_id)
            rows.append([labels[part.indicator_id], Hidden(reason), format_number(part.weight, 0), Hidden(reason)])
        else:
            rows.append(
                [
                    labels[part.indicator_id],
                    format_value(part.value, decimals, unit),
                    format_number(part.weight, 0),
                    format_change(part.contribution, 1) or SUPPRESSED,
                ]
            )
    table = ctx.notes.table(
        ["Indicator in de index", "Waarde", "Gewicht", "Bijdrage (punten)"],
        rows,
        [False, True, True, True],
        ["52%", "16%", "14%", "18%"],
    )
    visible = parts[~parts.indicator_id.isin(hidden_parts)]
    sentence = profile.contribution_sentence(visible, labels)
    if visible.empty:
        return table, sentence, None
    figure = Contributions(
        parts=visible[["indicator_id", "contribution"]],
        labels=labels,
        alt=f"Staafdiagram van de bijdrage van elke component aan de index van {ctx.name} in {year}. "
        + "; ".join(
            f"{labels[p.indicator_id]} {format_change(p.contribution, 1)}"
            for p in visible.sort_values("contribution", ascending=False).itertuples()
        )
        + ". "
        + sentence,
    )
    return table, sentence, figure


def _course_table(ctx: Context, scores: pd.DataFrame) -> Table:
    """The index per year of the area (and of the gemeente, for a wijk)."""
    course = scores[scores.area_code.isin([ctx.code, ctx.gemeente])].dropna(subset=["index"])
    years = sorted(int(y) for y in course.year.unique())
    rows = []
    for area, name in ((ctx.code, ctx.name), (ctx.gemeente, ctx.gemeente_name)):
        if area == ctx.gemeente and ctx.level == "gemeente" and rows:
            continue
        series = course[course.area_code == area].set_index("year")["index"]
        rows.append([name, *[value_cell(series.get(y), 0, "") for y in years]])
    return ctx.notes.table(
        ["Gebied", *[str(y) for y in years]], rows, [False, *[True] * len(years)],
        ["22%", *[f"{78 / max(len(years), 1):.2f}%"] * len(years)],
    )  # fmt: skip
