"""Vergelijkbare wijken: the NL wijken most like a wijk in structure, and how the wijk compares with them.

The method is data (``data/catalogue/lookalike.yaml``, read by :func:`data.catalogue.load_lookalike_spec`):

1. :func:`structure` computes every structure variable for every NL wijk from the national values
   (indicator value of a year, optionally divided by another indicator, optionally natural log).
2. :func:`find` keeps the candidates (every variable known, at least ``min_inwoners`` inhabitants, not the
   wijk itself, optionally not its own gemeente), standardises each variable over the candidates plus the
   wijk (z = (x - mean) / population standard deviation) and ranks the candidates by the weighted
   Euclidean distance sqrt(sum_v w_v (z_v - z0_v)^2 / sum_v w_v). The ``count`` nearest are returned.
3. :func:`compare` sets the wijk's value of an outcome indicator against those look-alikes: how many have a
   lower, equal and higher value, their median and range, and (with the indicator's direction) how many
   score better or worse. It refuses an outcome that is one of the structure variables: a wijk matched on
   an outcome is of course similar in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    indicator: str
    year: int
    weight: float
    per: str | None = None  # divide by this indicator (same year)
    log: bool = False


@dataclass(frozen=True)
class LookalikeSpec:
    variables: tuple[Variable, ...]
    count: int = 10
    min_inwoners: float = 0
    exclude_own_gemeente: bool = True
    population_indicator: str = "inwoners"
    population_year: int = 2024

    @property
    def indicators(self) -> set[str]:
        """Every indicator the matching uses (the outcomes that may not be compared)."""
        return {v.indicator for v in self.variables} | {v.per for v in self.variables if v.per}


@dataclass(frozen=True)
class Comparison:
    indicator_id: str
    area_code: str
    value: float | None
    n: int  # look-alikes with a value
    n_lower: int
    n_equal: int
    n_higher: int
    n_better: int | None  # None for an indicator without direction
    n_worse: int | None
    median: float | None
    minimum: float | None
    maximum: float | None


def _wide(nl_values: pd.DataFrame, indicator: str, year: int) -> pd.Series:
    rows = nl_values[(nl_values.indicator_id == indicator) & (nl_values.year == year)]
    return rows.set_index("area_code").value.astype(float)


def structure(nl_values: pd.DataFrame, wijk_codes: pd.Series | list[str], spec: LookalikeSpec) -> pd.DataFrame:
    """One row per wijk (index area_code), one column per structure variable (transformed), plus the
    population column ``_inwoners``. Missing or impossible values (division by 0, log of 0) are NaN."""
    index = pd.Index(sorted(set(wijk_codes)), name="area_code")
    table = pd.DataFrame(index=index)
    for variable in spec.variables:
        x = _wide(nl_values, variable.indicator, variable.year).reindex(index)
        if variable.per:
            denominator = _wide(nl_values, variable.per, variable.year).reindex(index)
            x = x / denominator.where(denominator > 0)
        if variable.log:
            x = np.log(x.where(x > 0))
        table[variable.name] = x
    table["_inwoners"] = _wide(nl_values, spec.population_indicator, spec.population_year).reindex(index)
    return table


def find(table: pd.DataFrame, area_code: str, spec: LookalikeSpec) -> pd.DataFrame:
    """The ``spec.count`` wijken nearest to ``area_code`` in ``table`` (from :func:`structure`).

    Returns area_code, rank (1 = most alike), distance and the variables' z-scores, nearest first; ties in
    distance are broken by area code so the result is stable. Raises ValueError (Dutch) when the wijk itself
    lacks a structure variable.
    """
    names = [v.name for v in spec.variables]
    if area_code not in table.index:
        raise ValueError(f"{area_code}: geen structuurgegevens in de landelijke tabel.")
    missing = [n for n in names if pd.isna(table.at[area_code, n])]
    if missing:
        raise ValueError(f"{area_code}: structuurgegevens ontbreken ({', '.join(missing)}).")
    known = table.dropna(subset=names)
    candidates = known[(known._inwoners >= spec.min_inwoners) & (known.index != area_code)]
    if spec.exclude_own_gemeente:
        candidates = candidates[candidates.index.str[2:6] != area_code[2:6]]
    pool = pd.concat([known.loc[[area_code], names], candidates[names]])
    sd = pool.std(ddof=0).replace(0, np.nan)
    z = (pool - pool.mean()) / sd
    z = z.fillna(0.0)  # a variable without spread does not discriminate
    weights = np.array([v.weight for v in spec.variables], dtype=float)
    distance = np.sqrt((((z.drop(index=area_code) - z.loc[area_code]) ** 2) * weights).sum(axis=1) / weights.sum())
    result = (
        z.drop(index=area_code)
        .add_prefix("z_")
        .assign(distance=distance)
        .reset_index()
        .sort_values(["distance", "area_code"])
        .head(spec.count)
        .reset_index(drop=True)
    )
    result.insert(1, "rank", range(1, len(result) + 1))
    return result


def compare(
    values: pd.Series, area_code: str, lookalikes: list[str], indicator_id: str, direction: str, spec: LookalikeSpec
) -> Comparison:
    """The wijk's value of ``indicator_id`` (``values`` indexed by area code) against its look-alikes.

    ``direction`` is the catalogue's 'higher', 'lower' or 'neutral'. "Dorst heeft minder ernstig eenzamen
    dan 8 van de 10 vergelijkbare wijken" is ``n_higher`` = 8 of ``n`` = 10 for a lower-is-better
    indicator, i.e. ``n_better`` = 8.
    """
    if indicator_id in spec.indicators:
        raise ValueError(
            f"'{indicator_id}' is een van de kenmerken waarop de vergelijkbare wijken zijn gekozen; "
            "daarop vergelijken zegt niets."
        )
    own = values.get(area_code)
    own = None if own is None or pd.isna(own) else float(own)
    others = values.reindex(lookalikes).dropna().astype(float)
    if own is None or others.empty:
        n_lower = n_equal = n_higher = 0
    else:
        n_lower, n_higher = int((others < own).sum()), int((others > own).sum())
        n_equal = len(others) - n_lower - n_higher
    better = worse = None
    if direction == "higher":
        better, worse = n_lower, n_higher  # the wijk is better than those with a lower value
    elif direction == "lower":
        better, worse = n_higher, n_lower
    return Comparison(
        indicator_id=indicator_id,
        area_code=area_code,
        value=own,
        n=len(others),
        n_lower=n_lower,
        n_equal=n_equal,
        n_higher=n_higher,
        n_better=better if own is not None else None,
        n_worse=worse if own is not None else None,
        median=float(others.median()) if len(others) else None,
        minimum=float(others.min()) if len(others) else None,
        maximum=float(others.max()) if len(others) else None,
    )


def named(found: pd.DataFrame, nl_areas: pd.DataFrame) -> pd.DataFrame:
    """``found`` (from :func:`find`) with each look-alike's name and gemeente name (None when unknown)."""
    names = nl_areas[["area_code", "name", "gemeente_name"]]
    return found.merge(names, on="area_code", how="left")


def comparisons(
    nl_values: pd.DataFrame,
    nl_areas: pd.DataFrame,
    wijk_codes: list[str],
    outcomes: pd.DataFrame,
    year: int,
    spec: LookalikeSpec,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For each wijk in ``wijk_codes``: its look-alikes and its comparison on every outcome.

    ``outcomes`` has indicator_id and direction (from the catalogue); outcomes used for matching are skipped.
    Returns ``(lookalikes, results)``: lookalikes = wijk_code + the columns of :func:`named`; results = one row
    per wijk and outcome with the fields of :class:`Comparison`. A wijk without structure data is left out.
    """
    wijken = nl_areas[nl_areas.level == "wijk"].area_code
    table = structure(nl_values, wijken, spec)
    # each outcome's national values once, not once per wijk (a scan of every national value each time)
    compared = outcomes[~outcomes.indicator_id.isin(spec.indicators)]
    in_year = nl_values[(nl_values.year == year) & nl_values.indicator_id.isin(compared.indicator_id)]
    by_outcome = {key: group.set_index("area_code").value for key, group in in_year.groupby("indicator_id")}
    empty = pd.Series(dtype=float, index=pd.Index([], name="area_code"), name="value")
    found_frames, rows = [], []
    for code in wijk_codes:
        try:
            found = named(find(table, code, spec), nl_areas)
        except ValueError:
            continue
        found_frames.append(found.assign(wijk_code=code))
        for outcome in outcomes.itertuples():
            if outcome.indicator_id in spec.indicators:
                continue
            result = compare(
                by_outcome.get(outcome.indicator_id, empty),
                code,
                list(found.area_code),
                outcome.indicator_id,
                outcome.direction,
                spec,
            )
            rows.append({"wijk_code": code, "year": year, **result.__dict__})
    lookalikes = pd.concat(found_frames, ignore_index=True) if found_frames else pd.DataFrame()
    return lookalikes, pd.DataFrame(rows)
