"""Kerncijfers: the gemeente's five key figures and every indicator's change, or a wijk's CBS key figures
and every indicator next to the gemeente."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis import judgement, national, profile
from analysis.formatting import SUPPRESSED, format_change
from report.sections import trends
from report.sections.context import Context
from report.tables import NOT_APPLICABLE, Cell, Group, Hidden, Table, count_cell, value_cell, verdict_text

CBS_KEY_FIGURES = (
    ("inwoners", "Inwoners"),
    ("woningvoorraad", "Woningen"),
    ("oppervlakte_land_ha", "Oppervlakte land (ha)"),
    ("bevolkingsdichtheid", "Inwoners per km²"),
)


@dataclass(frozen=True)
class KeyFigures:
    summary: tuple[str, ...]  # the generated strong and weak points (wijk only)
    tables: tuple[tuple[str, Table], ...]  # (caption, table)
    preview: tuple[dict[str, str], ...]  # for the page's preview: label, value, period, change
    figure: trends.TrendFigure | None = None  # the key figures over the years


def build(ctx: Context) -> KeyFigures:
    figures = _gemeente(ctx) if ctx.level == "gemeente" else _wijk(ctx)
    return replace(figures, figure=trends.key_figures(ctx))


# -- the gemeente ----------------------------------------------------------------------------------------


def _gemeente(ctx: Context) -> KeyFigures:
    rules = ctx.state.rules
    kpis = ctx.gemeente_kpis()
    rows, preview = [], []
    for kpi in kpis:
        is_count = kpi.unit == "aantal"
        value = count_cell(kpi.value, rules) if is_count else value_cell(kpi.value, kpi.decimals, kpi.unit)
        previous = count_cell(kpi.previous, rules) if is_count else value_cell(kpi.previous, kpi.decimals, kpi.unit)
        hidden = isinstance(value, Hidden) or isinstance(previous, Hidden)
        verdict = None if hidden else kpi.verdict
        change = verdict.change if verdict else None
        label = f"{kpi.label} ({kpi.note})" + (" (demo)" if kpi.is_demo else "")
        change_text = format_change(change, kpi.decimals, kpi.unit) or SUPPRESSED
        rows.append(
            [
                label,
                kpi.period,
                value,
                kpi.previous_period or SUPPRESSED,
                previous if kpi.previous is not None else SUPPRESSED,
                change_text,
                verdict_text(verdict),
            ]
        )
        preview.append(
            {
                "label": label,
                "value": value if isinstance(value, str) else SUPPRESSED,
                "period": kpi.period,
                "change": f"{change_text} t.o.v. {kpi.previous_period}" if kpi.previous_period else "",
            }
        )
    kpi_table = ctx.notes.table(
        ["Kerncijfer", "Periode", "Waarde", "Vorige periode", "Toen", "Verandering", "Richting"],
        rows,
        [False, False, True, False, True, True, False],
        ["27%", "12%", "11%", "13%", "11%", "12%", "14%"],
    )
    all_indicators = _all_gemeente(ctx)
    return KeyFigures(
        summary=(),
        tables=(
            ("De vijf kerncijfers van het Overzicht", kpi_table),
            ("Alle indicatoren van de gemeente, met de verandering sinds het jaar ervoor", all_indicators),
        ),
        preview=tuple(preview),
    )


def _all_gemeente(ctx: Context) -> Table:
    shown = ctx.suppressed([ctx.gemeente])
    # split once: filtering the whole frame per indicator, several times each, was most of this section's time
    per_indicator = dict(tuple(shown.groupby("indicator_id")))
    nederland = ctx.nederland
    rows: list[list[Cell] | Group] = []
    for theme_id, theme in ctx.indicators.sort_values("label").groupby("theme_id", sort=True):
        rows.append(Group(ctx.theme_label(theme_id)))
        for indicator in theme.itertuples():
            own = per_indicator.get(indicator.indicator_id, shown.iloc[:0])
            mine = own[own.value.notna()]
            hidden = own[own.suppressed.notna()]
            if mine.empty and hidden.empty:
                continue
            year = int(max([*mine.year, *hidden.year]))
            row = _change_row(ctx, indicator.indicator_id, own, year, with_label=True)
            rows.append([*row[:3], _nederland_cell(ctx, nederland, indicator.indicator_id, year), *row[3:]])
    return ctx.notes.table(
        ["Indicator", "Jaar", "Waarde", "Nederland", "Vorige meting", "Verandering", "Richting"],
        rows,
        [False, False, True, True, True, True, False],
        ["31%", "7%", "11%", "11%", "12%", "14%", "14%"],
        note=NEDERLAND_NOTE,
    )


NEDERLAND_NOTE = (
    "Nederland: het landelijke cijfer van hetzelfde jaar (RIVM/CBS/GGD'en en CBS), leeg waar het niet bestaat."
)


def _nederland_cell(ctx: Context, nederland: pd.DataFrame, indicator_id: str, year: int) -> Cell:
    """Nederland's value of the indicator in ``year`` (``nederland``: analysis.national.nederland), empty where
    there is none."""
    value = national.nederland_value(nederland, indicator_id, year)
    indicator = ctx.meta.loc[indicator_id]
    return "" if value is None else value_cell(value, int(indicator.decimals), str(indicator.unit))


def _change_row(ctx: Context, indicator_id: str, shown: pd.DataFrame, year: int, with_label: bool) -> list[Cell]:
    """Indicator, year, value, the year before, change and its direction, from suppressed rows."""
    indicator = ctx.meta.loc[indicator_id]
    decimals, unit = int(indicator.decimals), str(indicator.unit)

    own = shown[shown.indicator_id == indicator_id].drop_duplicates("year")  # the first row of each year
    by_year = dict(zip(own.year, zip(own.value, own.suppressed, strict=True), strict=True))

    def at(y: int) -> tuple[float | None, str | None]:
        if y not in by_year:
            return None, None
        found, suppressed = by_year[y]
        return (None if pd.isna(found) else float(found)), suppressed

    value, reason = at(year)
    # the previous measurement: the year before for yearly figures, 2016 for RIVM's 2020 (every four years)
    earlier = [y for y in by_year if y < year]
    previous_year = int(max(earlier)) if earlier else None
    previous, previous_reason = at(previous_year) if previous_year else (None, None)
    hidden = isinstance(reason, str) or isinstance(previous_reason, str)
    verdict = None if hidden else judgement.judge_change(previous, value, indicator)  # between the shown values
    change = verdict.change if verdict else None
    cells: list[Cell] = [ctx.label(indicator_id)] if with_label else []
    return [
        *cells,
        str(year),
        value_cell(value, decimals, unit, reason),
        _with_year(value_cell(previous, decimals, unit, previous_reason), previous_year, year),
        Hidden(reason or previous_reason) if hidden else (format_change(change, decimals, unit) or SUPPRESSED),
        SUPPRESSED if hidden else verdict_text(verdict),
    ]


def _with_year(cell: Cell, previous_year: int | None, year: int) -> Cell:
    """The previous measurement names its year when it is not simply the year before."""
    if isinstance(cell, str) and cell != SUPPRESSED and previous_year is not None and previous_year != year - 1:
        return f"{cell} ({previous_year})"
    return cell


# -- one wijk ------------------------------------------------------------------------------------------------


def _wijk(ctx: Context) -> KeyFigures:
    state = ctx.state
    comparison = profile.compare_to_gemeente(
        state.values, ctx.indicators, ctx.code, ctx.gemeente, state.measurable, state.rules
    )
    summary = profile.summary(comparison, ctx.name, f"gemeente {state.settings.gemeente_naam}")
    shown = ctx.suppressed([ctx.code, ctx.gemeente])
    cbs, preview = _cbs_table(ctx, shown)
    comparison_table = _comparison_table(ctx, comparison, shown[shown.area_code == ctx.code])
    return KeyFigures(
        summary=tuple(summary),
        tables=(
            ("Kerncijfers van het CBS", cbs),
            (f"Alle indicatoren naast de gemeente {state.settings.gemeente_naam} en Nederland", comparison_table),
        ),
        preview=tuple(preview),
    )


def _cbs_table(ctx: Context, shown: pd.DataFrame) -> tuple[Table, list[dict[str, str]]]:
    """Inhabitants, dwellings, land area and density of the wijk and the gemeente, and the same for the preview."""
    rows, preview = [], []
    for indicator_id, label in CBS_KEY_FIGURES:
        if indicator_id not in ctx.meta.index:
            continue
        cells = []
        for area in (ctx.code, ctx.gemeente):
            latest = shown[(shown.indicator_id == indicator_id) & (shown.area_code == area)].sort_values("year")
            cells.append(
                value_cell(latest.value.iloc[-1], 0, "aantal", latest.suppressed.iloc[-1])
                if not latest.empty
                else SUPPRESSED
            )
        rows.append([label, *cells])
        preview.append(
            {"label": label, "value": cells[0] if isinstance(cells[0], str) else SUPPRESSED, "period": "", "change": ""}
        )
    table = ctx.notes.table(
        ["Kerncijfer (CBS)", ctx.name, ctx.gemeente_name],
        rows,
        [False, True, True],
        ["50%", "25%", "25%"],
        note="Bron: CBS, Kerncijfers wijken en buurten 2024 (peildatum 1 januari 2024), CC BY 4.0.",
    )
    return table, preview


def _comparison_table(ctx: Context, comparison: pd.DataFrame, own: pd.DataFrame) -> Table:
    """Every indicator of the wijk next to the gemeente and Nederland, with rank and the wijk's own change."""
    nederland = ctx.nederland
    rows: list[list[Cell] | Group] = []
    for theme_id, theme in comparison.groupby("theme_id", sort=True) if not comparison.empty else []:
        rows.append(Group(ctx.theme_label(theme_id)))
        for row in theme.sort_values("label").itertuples():
            indicator = ctx.meta.loc[row.indicator_id]
            reason = row.suppressed if isinstance(row.suppressed, str) else None
            additive = bool(indicator.is_additive)
            change_cells = _change_row(ctx, row.indicator_id, own, int(row.year), with_label=False)
            rows.append(
                [
                    ctx.label(row.indicator_id),
                    str(row.year),
                    value_cell(row.value, row.decimals, row.unit, reason),
                    value_cell(row.gemeente_value, row.decimals, row.unit),
                    _nederland_cell(ctx, nederland, row.indicator_id, int(row.year)),
                    NOT_APPLICABLE
                    if additive
                    else Hidden(reason)
                    if reason
                    else (format_change(row.difference, row.decimals) or SUPPRESSED),
                    NOT_APPLICABLE
                    if additive
                    else Hidden(reason)
                    if reason
                    else (f"{int(row.rank)} van {row.ranked}" if pd.notna(row.rank) else SUPPRESSED),
                    change_cells[-1] if not isinstance(change_cells[-2], Hidden) else change_cells[-2],
                ]
            )
    return ctx.notes.table(
        ["Indicator", "Jaar", ctx.name, "Gemeente", "Nederland", "Verschil", "Rang", "Sinds vorige meting"],
        rows,
        [False, False, True, True, True, True, True, False],
        ["30%", "6%", "10%", "10%", "10%", "9%", "9%", "16%"],
        note="Rang 1 = gunstigste wijk (zonder richting: hoogste waarde), onder de wijken met genoeg inwoners. "
        f"{NOT_APPLICABLE} = niet van toepassing: een aantal zegt naast het gemeentetotaal alleen hoe groot de "
        "wijk is. 'Sinds vorige meting' is de ontwikkeling in de wijk zelf. " + NEDERLAND_NOTE,
    )
