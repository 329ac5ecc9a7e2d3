"""Small-number suppression: what the raad may see and what may be printed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.formatting import format_number


@dataclass(frozen=True)
class Rules:
    max_small_count: int = 4  # counts 1..max_small_count are suppressed
    min_population: int = 500  # per-capita figures suppressed below this many inhabitants
    min_respondents: int = 30  # survey figures suppressed below this many respondents


def is_small_count(count: object, rules: Rules) -> bool:
    """True for a count the raad may not see: 1..``rules.max_small_count`` (0 and unknown are not small)."""
    if count is None or pd.isna(count):
        return False
    return 1 <= float(count) <= rules.max_small_count


def small_counts(counts: pd.Series, rules: Rules) -> pd.Series:
    """Element-wise :func:`is_small_count` (NaN is not small)."""
    return counts.between(1, rules.max_small_count)


def small_count_reason(rules: Rules) -> str:
    """The Dutch reason shown for a hidden small count."""
    return f"aantal van 1 tot en met {rules.max_small_count}"


def suppress(values: pd.DataFrame, indicators: pd.DataFrame, population: pd.Series, rules: Rules) -> pd.DataFrame:
    """Blank out values that could identify people or are too unreliable to publish.

    Parameters
    ----------
    values : indicator_id, area_code, value, optionally n_respondents
    indicators : the catalogue: indicator_id, is_count, per_capita
    population : inhabitants per area_code (an area missing here counts as unknown: not suppressed
        on population grounds)

    Returns a copy with ``value`` (and numerator, denominator, margin, n) set to NaN where suppressed
    and a ``suppressed`` column holding the Dutch reason (None where the value is shown).
    """
    for column in ("indicator_id", "area_code", "value"):
        if column not in values.columns:
            raise ValueError(f"values needs column {column!r}, got {list(values.columns)}")
    meta = indicators.set_index("indicator_id")
    is_count = values.indicator_id.map(meta.is_count).fillna(False).astype(bool)
    per_capita = values.indicator_id.map(meta.per_capita).fillna(False).astype(bool)
    inhabitants = values.area_code.map(population)
    respondents = values["n_respondents"] if "n_respondents" in values.columns else pd.Series(np.nan, values.index)

    small_count = is_count & small_counts(values.value, rules)
    few_inhabitants = per_capita & (inhabitants < rules.min_population)
    few_respondents = respondents.notna() & (respondents < rules.min_respondents)

    # the first rule that applies gives the reason
    reason = pd.Series(
        np.select(
            [small_count.to_numpy(), few_inhabitants.to_numpy(), few_respondents.to_numpy()],
            [
                small_count_reason(rules),
                f"minder dan {format_number(rules.min_population)} inwoners",
                f"minder dan {rules.min_respondents} respondenten",
            ],
            default=None,
        ),
        index=values.index,
        dtype=object,
    )
    result = values.copy()
    result["suppressed"] = reason
    # whatever could give the value away goes too
    hidden = [c for c in ("value", "numerator", "denominator", "margin", "n_respondents") if c in result.columns]
    result.loc[reason.notna(), hidden] = np.nan
    return result
