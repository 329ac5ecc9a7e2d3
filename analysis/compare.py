"""Several wijken side by side: a heat-table relative to the gemeente, series, and two years compared."""

from __future__ import annotations

import pandas as pd

from analysis import judgement, overview, suppression


def heat_table(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    wijk_codes: list[str],
    indicator_ids: list[str],
    year: int | None,
    gemeente_code: str,
    rules: suppression.Rules,
) -> pd.DataFrame:
    """Long form, one row per (wijk, indicator): value, gemeente value, class and symbol.

    Each indicator is taken in ``year``, or in its latest year when ``year`` is None or has no data.
    Class and symbol are the wijk table's (analysis.judgement, over all wijken, not only the chosen
    ones), so a colour means the same here as on the map.
    """
    meta = indicators.set_index("indicator_id")
    frames = []
    for indicator_id in indicator_ids:
        years = overview.years_with_data(values, indicator_id)
        if not years:
            continue
        chosen = year if year in years else years[-1]
        indicator = meta.loc[indicator_id]
        table = overview.wijk_table(values, areas, indicator, chosen, gemeente_code, rules)
        frames.append(table[table.area_code.isin(wijk_codes)].assign(indicator_id=indicator_id, year=chosen))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def two_years(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    area_codes: list[str],
    indicator_ids: list[str],
    first: int,
    second: int,
    rules: suppression.Rules,
) -> pd.DataFrame:
    """Values in two years and the change, per area and indicator (suppression applied).

    Returns area_code, indicator_id, first, second, change (between the values as shown), verdict
    (analysis.judgement: gelijk, beter, slechter, hoger, lager; None when a value is missing) and improved
    (True/False/None: direction-aware; None for gelijk, neutral indicators or a missing value).
    """
    subset = values[
        values.area_code.isin(area_codes) & values.indicator_id.isin(indicator_ids) & values.year.isin([first, second])
    ]
    subset = suppression.suppress(subset, indicators, overview.population(values), rules)
    wide = subset.pivot_table(index=["area_code", "indicator_id"], columns="year", values="value", dropna=False)
    wide = wide.reindex(columns=[first, second])
    wide.columns = ["first", "second"]
    wide = wide.reset_index()
    meta = indicators.set_index("indicator_id")
    verdicts = [
        judgement.judge_change(a, b, meta.loc[i])
        for a, b, i in zip(wide["first"], wide.second, wide.indicator_id, strict=True)
    ]
    wide["change"] = [v.change if v else float("nan") for v in verdicts]
    wide["verdict"] = [v.word if v else None for v in verdicts]
    wide["improved"] = pd.Series([v.favourable if v else None for v in verdicts], index=wide.index, dtype=object)
    return wide


def series(values: pd.DataFrame, indicators: pd.DataFrame, area_codes: list[str], indicator_ids: list[str],
           rules: suppression.Rules) -> pd.DataFrame:  # fmt: skip
    """Yearly values of the areas for the indicators, suppressed; additive figures (counts) excluded."""
    rates = indicators[~indicators.is_additive.astype(bool)].indicator_id
    wanted = [i for i in indicator_ids if i in set(rates)]
    subset = values[values.area_code.isin(area_codes) & values.indicator_id.isin(wanted)]
    shown = suppression.suppress(subset, indicators, overview.population(values), rules)
    return shown[["indicator_id", "area_code", "year", "value"]].sort_values(["indicator_id", "area_code", "year"])


def extremes(heat: pd.DataFrame, count: int) -> pd.DataFrame:
    """Per indicator the ``count`` most favourable and ``count`` least favourable wijken of a heat table
    (by value in the indicator's direction; a neutral indicator: highest and lowest), hidden values left out.

    Returns the heat rows plus ``position`` ('gunstigst'/'ongunstigst', or 'hoogst'/'laagst' when neutral)
    in that order per indicator."""
    frames = []
    for _, part in heat.groupby("indicator_id", sort=False):
        shown = part[part.value.notna()]
        lower_is_better = shown.direction.iloc[0] == "lower" if not shown.empty else False
        ranked = shown.sort_values(["value", "name"], ascending=[lower_is_better, True])
        neutral = not shown.empty and shown.direction.iloc[0] == "neutral"
        top, bottom = ("hoogst", "laagst") if neutral else ("gunstigst", "ongunstigst")
        frames.append(ranked.head(count).assign(position=top))
        frames.append(ranked.tail(min(count, max(len(ranked) - count, 0))).iloc[::-1].assign(position=bottom))
    if not frames:
        return heat.assign(position=pd.Series(dtype=str))
    return pd.concat(frames, ignore_index=True)


def series_extremes(series: pd.DataFrame, reference: str, count: int) -> list[str]:
    """The areas to draw when there are too many: the ``count`` highest and ``count`` lowest in the latest year
    of the first indicator in ``series`` (the same areas in every panel, so one legend holds), then
    ``reference``. Small multiples stay readable with a hundred wijken."""
    if series.empty:
        return [reference]
    first = series[(series.indicator_id == series.indicator_id.iloc[0]) & (series.area_code != reference)]
    last = first.dropna(subset=["value"]).sort_values("year").groupby("area_code").value.last().sort_values()
    chosen = list(dict.fromkeys([*last.index[::-1][:count], *last.index[:count][::-1]]))
    return [*chosen, reference]
