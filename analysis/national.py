"""A wijk against the whole country: Nederland's value and the wijk's position among all NL wijken.

Pure functions over the store's national tables (``nl_area``, ``nl_value``; data/schema.sql). The wording
("hoort bij de 20% wijken van Nederland met de meeste ernstige eenzaamheid") is left to the caller, which
knows the indicator's direction; this module gives the numbers.

Position of a value x among n values (x itself included), with n_lower values below x, n_higher above and
n_equal other values equal to x:

- ``percentile`` = 100 x (n_lower + (n_equal + 1) / 2) / n, the usual percentile rank (mid-rank for ties):
  0 = lowest, 100 = highest, the median wijk about 50.
- ``share_at_or_above`` = 100 x (n_higher + n_equal + 1) / n: "hoort bij de …% wijken met de hoogste
  waarde"; ``share_at_or_below`` likewise from below. They add up to 100 + the tie share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NEDERLAND = "NL01"


@dataclass(frozen=True)
class Position:
    area_code: str
    value: float
    n: int  # wijken with a value, this one included
    n_lower: int
    n_equal: int  # other wijken with exactly the same value
    n_higher: int
    percentile: float
    share_at_or_above: float
    share_at_or_below: float


def position(values: pd.Series, area_code: str) -> Position | None:
    """Where ``values[area_code]`` stands among ``values`` (indexed by area code; missing values ignored).

    None when the area has no value.
    """
    present = values.dropna()
    is_own = np.asarray(present.index == area_code, dtype=bool)
    if not is_own.any():
        return None
    numbers = present.to_numpy(dtype=float)
    own = float(numbers[is_own][0])
    others = numbers[~is_own]
    n = len(present)
    n_lower = int((others < own).sum())
    n_higher = int((others > own).sum())
    n_equal = len(others) - n_lower - n_higher
    return Position(
        area_code=area_code,
        value=own,
        n=n,
        n_lower=n_lower,
        n_equal=n_equal,
        n_higher=n_higher,
        percentile=100 * (n_lower + (n_equal + 1) / 2) / n,
        share_at_or_above=100 * (n_higher + n_equal + 1) / n,
        share_at_or_below=100 * (n_lower + n_equal + 1) / n,
    )


def level_values(
    nl_values: pd.DataFrame, nl_areas: pd.DataFrame, indicator_id: str, year: int, level: str = "wijk"
) -> pd.Series:
    """The values of one indicator and year for every NL area of ``level``, indexed by area code."""
    codes = nl_areas[nl_areas.level == level].area_code
    rows = nl_values[
        (nl_values.indicator_id == indicator_id) & (nl_values.year == year) & nl_values.area_code.isin(codes)
    ]
    return rows.set_index("area_code").value.astype(float)


def level_tables(
    nl_values: pd.DataFrame, nl_areas: pd.DataFrame, level: str = "wijk"
) -> dict[tuple[str, int], pd.Series]:
    """:func:`level_values` of every indicator and year at once, keyed by (indicator_id, year): the long national
    table is filtered once instead of once per indicator."""
    codes = nl_areas[nl_areas.level == level].area_code
    rows = nl_values[nl_values.area_code.isin(codes)]
    return {
        (str(indicator_id), int(year)): group.set_index("area_code").value.astype(float)
        for (indicator_id, year), group in rows.groupby(["indicator_id", "year"], sort=False)
    }


def national_position(
    nl_values: pd.DataFrame, nl_areas: pd.DataFrame, indicator_id: str, year: int, area_code: str
) -> Position | None:
    """A wijk's position among all wijken of the Netherlands for one indicator and year."""
    return position(level_values(nl_values, nl_areas, indicator_id, year), area_code)


def nederland(nl_values: pd.DataFrame) -> pd.DataFrame:
    """Nederland's values (indicator_id, area_code 'NL01', year, value), shaped like ``indicator_value``
    so they can stand next to the gemeente in any table or trend."""
    return nl_values[nl_values.area_code == NEDERLAND][["indicator_id", "area_code", "year", "value"]].reset_index(
        drop=True
    )


def nederland_value(nederland_values: pd.DataFrame, indicator_id: str, year: int) -> float | None:
    """Nederland's value of one indicator in one year (rows of :func:`nederland`); None when there is none
    (no national figure, another year, or secret at the source)."""
    rows = nederland_values[(nederland_values.indicator_id == indicator_id) & (nederland_values.year == year)]
    present = rows.value.dropna()
    return float(present.iloc[0]) if not present.empty else None


def with_nederland(series: pd.DataFrame, nederland_values: pd.DataFrame) -> pd.DataFrame:
    """``series`` (indicator_id, area_code, year, value) plus Nederland's values of the same indicators, within
    the years each indicator's series covers: a reference line beside the gemeente in a trend chart."""
    if series.empty:
        return series
    span = series.groupby("indicator_id").year.agg(["min", "max"])
    rows = nederland_values[nederland_values.indicator_id.isin(span.index) & nederland_values.value.notna()]
    years = span.reindex(rows.indicator_id)
    inside = (rows.year.to_numpy() >= years["min"].to_numpy()) & (rows.year.to_numpy() <= years["max"].to_numpy())
    national_rows = rows[inside][["indicator_id", "area_code", "year", "value"]]
    if national_rows.empty:
        return series
    combined = pd.concat(
        [series, national_rows.astype({c: series[c].dtype for c in national_rows.columns})], ignore_index=True
    )
    return combined.sort_values(["indicator_id", "area_code", "year"]).reset_index(drop=True)
