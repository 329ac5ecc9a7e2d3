"""The sociale-samenhangindex: a transparent composite of catalogue indicators.

Method, in the order it is applied:

1. Each component c has a reference: its gemeente value in the base year (mu_c) and the spread
   between the measurable wijken in the base year (sigma_c, population standard deviation).
2. A value x becomes z = sign_c x (x - mu_c) / sigma_c, with sign_c = +1 when higher is better and -1
   when lower is better, so a positive z is always favourable.
3. For an area and year, the components present carry weight W_present out of W_total. When
   W_present / W_total is below ``min_weight_share`` there is no score.
4. Each component contributes ``points_per_sd x w_c x z_c / W_present``; the index is 100 plus the sum
   of the contributions. So the decomposition adds up to the index exactly, 100 = the gemeente in the
   base year, and +10 (with points_per_sd = 10) = one standard deviation more favourable.
5. Areas too small to measure (see ``excluded``) get no score, with the reason.
6. A component measured less often than yearly (the RIVM figures: 2012, 2016, 2020) has ``carry_years``
   in the spec: in a year without its own measurement it counts with its latest measurement at most
   that many years older (``measured_year`` in the decomposition says which). Components without
   ``carry_years`` (0) count only in the year they were measured. The index is computed for every year in
   which any component was measured; a year whose components present carry too little weight gets no
   score (step 3).

A sub-index per theme is the same computation restricted to that theme's components.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

BASE = 100.0


@dataclass(frozen=True)
class IndexSpec:
    base_year: int
    points_per_sd: float
    min_weight_share: float
    components: pd.DataFrame  # indicator_id, weight, theme_id, direction ('higher' | 'lower'), carry_years (opt.)

    def for_theme(self, theme_id: str) -> IndexSpec:
        subset = self.components[self.components.theme_id == theme_id]
        if subset.empty:
            raise ValueError(f"no components for theme {theme_id!r}")
        return IndexSpec(self.base_year, self.points_per_sd, self.min_weight_share, subset)

    def with_equal_weights(self) -> IndexSpec:
        return IndexSpec(self.base_year, self.points_per_sd, self.min_weight_share, self.components.assign(weight=1.0))


@dataclass(frozen=True)
class IndexResult:
    scores: pd.DataFrame  # area_code, year, index, weight_share, reason (None when scored)
    contributions: pd.DataFrame  # area_code, year, indicator_id, value, measured_year, z, weight, contribution
    references: pd.DataFrame  # indicator_id, mean, sd (the base-year reference)


def measurable_wijken(
    population: pd.Series, wijk_codes: pd.Series | list[str], min_population: int
) -> tuple[list[str], dict[str, str]]:
    """Split wijken into those the index can measure and those too small (with the Dutch reason)."""
    wijken, excluded = [], {}
    for code in wijk_codes:
        if population.get(code, 0) >= min_population:
            wijken.append(code)
        else:
            excluded[code] = f"te weinig inwoners (minder dan {min_population}) om te meten"
    return wijken, excluded


def references(values: pd.DataFrame, spec: IndexSpec, gemeente_code: str, wijken: list[str]) -> pd.DataFrame:
    """Per component the gemeente value and the spread between ``wijken`` in the base year."""
    base = values[(values.year == spec.base_year) & values.indicator_id.isin(spec.components.indicator_id)]
    rows = []
    for indicator_id in spec.components.indicator_id:
        component = base[base.indicator_id == indicator_id]
        gemeente = component[component.area_code == gemeente_code].value.dropna()
        spread = component[component.area_code.isin(wijken)].value.dropna()
        if gemeente.empty:
            raise ValueError(f"{indicator_id}: no gemeente value in base year {spec.base_year}")
        if len(spread) < 2 or spread.std(ddof=0) == 0:
            raise ValueError(f"{indicator_id}: no spread between wijken in base year {spec.base_year}")
        rows.append({"indicator_id": indicator_id, "mean": float(gemeente.iloc[0]), "sd": float(spread.std(ddof=0))})
    return pd.DataFrame(rows)


def compute(
    values: pd.DataFrame,
    spec: IndexSpec,
    gemeente_code: str,
    wijken: list[str],
    excluded: dict[str, str] | None = None,
) -> IndexResult:
    """Index scores and their decomposition for every area and year in ``values``.

    Parameters
    ----------
    values : long form (indicator_id, area_code, year, value), unsuppressed
    wijken : the wijken whose spread defines one standard deviation (the measurable ones)
    excluded : area_code -> Dutch reason, for areas that get no score (e.g. too few inhabitants)
    """
    excluded = excluded or {}
    if not set(spec.components.direction) <= {"higher", "lower"}:
        raise ValueError("index components need direction 'higher' or 'lower'")
    reference = references(values, spec, gemeente_code, wijken)
    parts = carried_forward(values, spec.components)
    parts = parts.merge(spec.components[["indicator_id", "weight", "direction"]], on="indicator_id")
    parts = parts.merge(reference, on="indicator_id")
    sign = np.where(parts.direction == "lower", -1.0, 1.0)
    parts["z"] = sign * (parts.value - parts["mean"]) / parts.sd

    total_weight = float(spec.components.weight.sum())
    present = parts.groupby(["area_code", "year"]).weight.transform("sum")
    parts["contribution"] = spec.points_per_sd * parts.weight * parts.z / present

    scores = parts.groupby(["area_code", "year"], as_index=False).agg(
        contribution=("contribution", "sum"), weight=("weight", "sum")
    )
    scores["weight_share"] = scores.weight / total_weight
    scores["index"] = BASE + scores.contribution
    scores["reason"] = None
    too_few = scores.weight_share < spec.min_weight_share - 1e-9
    scores.loc[too_few, "reason"] = f"minder dan {spec.min_weight_share:.0%} van de componenten bekend"
    for area_code, reason in excluded.items():
        scores.loc[scores.area_code == area_code, "reason"] = reason
    scores.loc[scores.reason.notna(), "index"] = np.nan

    scored = scores.loc[scores.reason.isna(), ["area_code", "year"]]
    contributions = parts.merge(scored, on=["area_code", "year"])[
        ["area_code", "year", "indicator_id", "value", "measured_year", "z", "weight", "contribution"]
    ]
    return IndexResult(
        scores[["area_code", "year", "index", "weight_share", "reason"]].sort_values(["area_code", "year"]),
        contributions.sort_values(["area_code", "year", "indicator_id"]).reset_index(drop=True),
        reference,
    )


def carried_forward(values: pd.DataFrame, components: pd.DataFrame) -> pd.DataFrame:
    """The component values that count per area and year: area_code, year, indicator_id, value, measured_year.

    The years are those in which any component was measured (in any area). A component counts in year Y
    with its measurement of Y or, when it has ``carry_years`` k > 0, with its latest measurement in
    Y - k .. Y for that area.
    """
    carry = (
        components.set_index("indicator_id").carry_years
        if "carry_years" in components
        else pd.Series(0, index=components.indicator_id)
    )
    measured = values[values.indicator_id.isin(components.indicator_id) & values.value.notna()]
    measured = measured[["area_code", "year", "indicator_id", "value"]].assign(measured_year=lambda f: f.year)
    years = pd.DataFrame({"counted_year": sorted(measured.year.unique())})
    frames = [measured]
    for indicator_id, k in carry.items():
        if k <= 0:
            continue
        own = measured[measured.indicator_id == indicator_id]
        # every measurement against every year it may count for, in one frame (one loop per year was most of
        # the index's run time): keep the latest in the window, unless the area was measured that year itself
        pairs = own.merge(years, how="cross")
        pairs = pairs[(pairs.year < pairs.counted_year) & (pairs.year >= pairs.counted_year - k)]
        latest = pairs.sort_values("year", kind="stable").groupby(["area_code", "counted_year"]).tail(1)
        measured_then = pd.MultiIndex.from_frame(own[["area_code", "year"]])
        keep = ~pd.MultiIndex.from_frame(latest[["area_code", "counted_year"]]).isin(measured_then)
        carried = latest[keep].sort_values("counted_year", kind="stable")
        frames.append(carried.assign(year=carried.counted_year).drop(columns="counted_year"))
    return pd.concat(frames, ignore_index=True).astype({"year": int, "measured_year": int})


def rank_sensitivity(
    values: pd.DataFrame,
    spec: IndexSpec,
    gemeente_code: str,
    wijken: list[str],
    year: int,
    excluded: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Rank of each wijk in ``year`` under the catalogue weights and under equal weights.

    Returns area_code, index, rank, index_equal, rank_equal, rank_shift (positive = ranks higher
    with equal weights). A large shift means the wijk's position depends on the chosen weights.
    """
    frames = []
    for suffix, variant in (("", spec), ("_equal", spec.with_equal_weights())):
        scores = compute(values, variant, gemeente_code, wijken, excluded).scores
        scores = scores[(scores.year == year) & scores.area_code.isin(wijken) & scores["index"].notna()]
        frames.append(
            scores.set_index("area_code")["index"]
            .to_frame(f"index{suffix}")
            .assign(**{f"rank{suffix}": lambda f, s=suffix: f[f"index{s}"].rank(ascending=False, method="min")})
        )
    table = frames[0].join(frames[1], how="outer")
    table["rank_shift"] = table["rank"] - table["rank_equal"]
    for column in ("rank", "rank_equal", "rank_shift"):
        table[column] = table[column].astype("Int64")
    return table.reset_index().sort_values("rank")


def compute_all(
    values: pd.DataFrame,
    spec: IndexSpec,
    themes: list[str],
    gemeente_code: str,
    wijk_codes: pd.Series | list[str],
    min_population: int,
    population: pd.Series,
) -> dict[str, IndexResult]:
    """The index (key ``'index'``) and a sub-index per theme, or ``{}`` when the index cannot be computed in
    this state of the data (a component or its base year is not loaded, or the wijken do not differ in the
    base year). Pages and the PDF then say so instead of failing."""
    wijken, excluded = measurable_wijken(population, wijk_codes, min_population)
    try:
        results = {"index": compute(values, spec, gemeente_code, wijken, excluded)}
        for theme_id in themes:
            results[theme_id] = compute(values, spec.for_theme(theme_id), gemeente_code, wijken, excluded)
    except ValueError:
        return {}
    return results


def real_components_note(spec: IndexSpec, labels: pd.Series, values: pd.DataFrame) -> str | None:
    """One Dutch sentence for the method text: which components are real and how they count between their
    measurements. None when every component is demo.

    ``labels`` maps indicator_id to its label; ``values`` (long form) gives the years each was measured.
    Needs ``is_demo`` in the components (``data.catalogue.load_index_spec`` gives it).
    """
    if "is_demo" not in spec.components:
        return None
    real = spec.components[~spec.components.is_demo.astype(bool)]
    if real.empty:
        return None
    names = [str(labels.get(i, i)).lower() for i in real.indicator_id]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
    years = sorted(set(values[values.indicator_id.isin(real.indicator_id) & values.value.notna()].year))
    when = "" if not years else f", gemeten in {_years(years)}"
    carry = int(real.carry_years.max()) if "carry_years" in real else 0
    rest = (
        f"; in een jaar zonder meting telt de laatste meting van ten hoogste {carry} jaar eerder" if carry > 0 else ""
    )
    demo = len(spec.components) - len(real)
    demo_text = {0: "", 1: " Het andere onderdeel is demo."}.get(demo, f" De andere {demo} onderdelen zijn demo.")
    return f"Echte cijfers in de index: {listed} (modelschatting RIVM{when}){rest}.{demo_text}"


def _years(years: list[int]) -> str:
    text = [str(y) for y in years]
    return text[0] if len(text) == 1 else f"{', '.join(text[:-1])} en {text[-1]}"
