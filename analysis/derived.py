"""Indicators computed when read: rates per 1,000 inhabitants from counts and registers, and the
sociale-samenhangindex as an indicator of its own (so it can be mapped, compared and trended like any other).

They are computed from the current tables every time (not stored), so they can never disagree with
the counts they come from, also after an import.
"""

from __future__ import annotations

import pandas as pd

from analysis.cohesion_index import IndexResult
from analysis.overview import population

REGISTER_INITIATIVES = "initiatieven"
INDEX_SOURCE = "index"  # derived_from of the catalogue's index indicator: computed by analysis.cohesion_index


def derived_values(
    values: pd.DataFrame, initiatives: pd.DataFrame, indicators: pd.DataFrame, gemeente_code: str
) -> pd.DataFrame:
    """Long-form values (indicator_id, area_code, year, value, numerator, denominator) of every catalogue
    indicator with ``derived_from``.

    The denominator is the latest known population of the area (the store holds one CBS year).
    Areas without inhabitants (or unknown population) get no value.
    """
    inhabitants = population(values)
    inhabitants = inhabitants[inhabitants > 0]
    frames = []
    for row in indicators[indicators.derived_from.notna()].itertuples():
        if row.derived_from == INDEX_SOURCE:
            continue  # see index_values
        if row.derived_from == REGISTER_INITIATIVES:
            counts = initiative_counts(initiatives, inhabitants.index, gemeente_code)
        else:
            source = values[(values.indicator_id == row.derived_from) & values.value.notna()]
            counts = source[["area_code", "year", "value"]].rename(columns={"value": "numerator"})
        counts = counts[counts.area_code.isin(inhabitants.index)]
        # typed even when empty (an early as-of state may have no counts yet)
        numerator = counts.numerator.astype(float)
        denominator = counts.area_code.map(inhabitants).astype(float)
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": row.indicator_id,
                    "area_code": counts.area_code,
                    "year": counts.year.astype(int),
                    "value": numerator / denominator * 1000,
                    "numerator": numerator,
                    "denominator": denominator,
                }
            )
        )
    columns = ["indicator_id", "area_code", "year", "value", "numerator", "denominator"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def initiative_counts(initiatives: pd.DataFrame, area_codes: pd.Index, gemeente_code: str) -> pd.DataFrame:
    """Initiatives started per wijk and per year (0 where none), plus the gemeente total.

    Returns area_code, year, numerator.
    """
    if initiatives.empty:
        return pd.DataFrame(columns=["area_code", "year", "numerator"])
    started = initiatives.assign(year=pd.to_datetime(initiatives.start_date).dt.year)
    years = range(int(started.year.min()), int(started.year.max()) + 1)
    wijken = [code for code in area_codes if code != gemeente_code]
    grid = pd.MultiIndex.from_product([wijken, years], names=["area_code", "year"])
    per_wijk = started.groupby(["wijk_code", "year"]).size().rename_axis(["area_code", "year"])
    per_wijk = per_wijk.reindex(grid, fill_value=0)
    total = started.groupby("year").size().reindex(years, fill_value=0)
    gemeente = pd.DataFrame({"area_code": gemeente_code, "year": list(years), "numerator": total.to_numpy()})
    return pd.concat([per_wijk.rename("numerator").reset_index(), gemeente], ignore_index=True)


def index_values(results: dict[str, IndexResult], indicators: pd.DataFrame) -> pd.DataFrame:
    """The index scores as long-form values of the catalogue's index indicator (``derived_from: index``).

    Empty when the catalogue has no such indicator or there is no index in this state of the data. Areas
    without a score (too few inhabitants or components) keep their row with NaN, so suppression can give the
    reason (a per-capita figure in a wijk under the population threshold).
    """
    columns = ["indicator_id", "area_code", "year", "value"]
    ids = indicators.loc[indicators.derived_from == INDEX_SOURCE, "indicator_id"]
    if ids.empty or "index" not in results:
        return pd.DataFrame(columns=columns)
    scores = results["index"].scores
    return pd.DataFrame(
        {
            "indicator_id": ids.iloc[0],
            "area_code": scores.area_code,
            "year": scores.year.astype(int),
            "value": scores["index"].astype(float),
        }
    )[columns].reset_index(drop=True)
