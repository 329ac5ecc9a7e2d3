"""Progress toward the 2030 ambitions: required path, status, projection and roll-up.

Pure functions over DataFrames and numbers; no I/O. The rules, in one place:

**Required path.** Straight lines from the nulmeting (baseline, 2020) through the yearly milestones to the
2030 target; years between two given points are interpolated linearly.

**Status of an indicator** compares the latest realised value with the path in that year. The deviation is
counted in the favourable direction (above the path is good for a higher-is-better indicator, *below* the
path is good for a lower-is-better one) and expressed as a share of the whole distance from baseline to
target, so one rule fits scores, percentages and rates alike:

- ``op koers``: on the path, ahead of it, or behind by at most 10% of the distance;
- ``aandacht``: behind by more than 10% and at most 25% of the distance;
- ``achter``: behind by more than 25% of the distance.

When the target equals the baseline (hold steady), the distance is replaced by 5% of the target value.
A neutral indicator with a target counts as "higher is better" when the target lies above the baseline.

**Projection** to the target year: an ordinary least-squares line through the realised values from the
baseline year on, with the 95% *prediction* interval for the value in the target year
(``ŷ ± t(0.975, n-2) · s · √(1 + 1/n + (x₀ - x̄)² / Sxx)``). Fewer than 3 points give no projection, but a
reason in words. The **outlook** is read from that one projection, so sentence, status column and chart agree:

- ``gehaald`` / ``niet gehaald``: the whole interval lies on the favourable / unfavourable side of the target;
- ``te onzeker``: the target lies inside an interval wider than the whole baseline→target distance: the
  measurements scatter too much to say anything, and the sentence says exactly that;
- ``waarschijnlijk gehaald`` / ``waarschijnlijk niet gehaald``: the target lies inside a narrower interval;
  the projected line decides, and the sentence says where it ends and that it is not certain.

Where the status (now against the path) and the outlook (2030 at the current pace) point different ways, the
sentence says both ("ligt nu achter op het pad, maar …"), never one without the other.

**Roll-up** of an ambition (per area) from the statuses of its indicators that have one:
``achter`` when more than half of them are behind; otherwise ``aandacht`` when any indicator needs attention
or is behind; ``op koers`` only when all are on track. One indicator off track is a signal that needs
attention; the ambition as a whole is behind only when most of its indicators are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.formatting import format_change, format_number, format_value

ON_TRACK = "op koers"
ATTENTION = "aandacht"
BEHIND = "achter"
STATUSES = (ON_TRACK, ATTENTION, BEHIND)  # best first
SYMBOLS = {ON_TRACK: "✔", ATTENTION: "!", BEHIND: "✖"}
NO_STATUS = "geen gegevens"

ATTENTION_SHARE = 0.10  # behind by more than this share of the baseline→target distance: aandacht
BEHIND_SHARE = 0.25  # behind by more than this share: achter
FLAT_TARGET_SHARE = 0.05  # distance used when target == baseline: 5% of the target value
MIN_POINTS = 3  # fewer realised points than this: no projection
INSIDE, ABOVE, BELOW = "binnen", "boven", "onder"

# Two-sided 95% quantiles of Student's t, t(0.975, df), for df = 1..30 (standard tables).
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z975 = 1.959964


def t_quantile_975(df: int) -> float:
    """t(0.975, df): from the table up to 30 degrees of freedom, a Cornish-Fisher expansion beyond
    (accurate to 0.001 there)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    if df <= len(_T975):
        return _T975[df - 1]
    z = _Z975
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


# -- path and status ----------------------------------------------------------------------------------


def required_path(points: pd.DataFrame) -> pd.Series:
    """The required value for every year from the first to the last point.

    ``points`` has columns ``year`` and ``value`` (baseline, milestones, target; any order). Returns a
    float Series indexed by year (int), interpolated linearly between the given points.
    """
    for column in ("year", "value"):
        if column not in points.columns:
            raise ValueError(f"points needs column {column!r}, got {list(points.columns)}")
    if len(points) < 2:
        raise ValueError(f"a path needs at least a baseline and a target, got {len(points)} point(s)")
    if points.year.duplicated().any():
        raise ValueError(f"two points for one year: {sorted(points.year[points.year.duplicated()])}")
    ordered = points.sort_values("year")
    years = np.arange(int(ordered.year.iloc[0]), int(ordered.year.iloc[-1]) + 1)
    values = np.interp(years, ordered.year.to_numpy(dtype=float), ordered.value.to_numpy(dtype=float))
    return pd.Series(values, index=pd.Index(years, name="year"), name="required")


def favourable_sign(direction: str, baseline: float, target: float) -> int:
    """+1 when higher values are better for this target, -1 when lower values are."""
    if direction == "higher":
        return 1
    if direction == "lower":
        return -1
    if direction == "neutral":
        return 1 if target >= baseline else -1
    raise ValueError(f"direction must be higher, lower or neutral, got {direction!r}")


def distance(baseline: float, target: float) -> float:
    """The scale of the status thresholds: |target - baseline|, or 5% of the target when they are equal."""
    span = abs(target - baseline)
    if span > 0:
        return span
    return abs(target) * FLAT_TARGET_SHARE or 1.0


def deviation_share(realised: float, required: float, baseline: float, target: float, direction: str) -> float:
    """How far ``realised`` is ahead (+) or behind (-) the path, as a share of the baseline→target distance."""
    sign = favourable_sign(direction, baseline, target)
    return sign * (realised - required) / distance(baseline, target)


def status(realised: float, required: float, baseline: float, target: float, direction: str) -> str:
    """op koers / aandacht / achter for one realised value against the required one (module docstring)."""
    share = deviation_share(realised, required, baseline, target, direction)
    if share >= -ATTENTION_SHARE - 1e-9:  # tolerance: a value exactly on a threshold is not pushed over it
        return ON_TRACK
    if share >= -BEHIND_SHARE - 1e-9:
        return ATTENTION
    return BEHIND


def status_label(value: str | None) -> str:
    """Status in symbol and word, never colour alone: ``'✔ op koers'``; ``'– geen gegevens'`` for None."""
    if value is None:
        return f"– {NO_STATUS}"
    return f"{SYMBOLS[value]} {value}"


def roll_up(statuses: Iterable[str | None]) -> str | None:
    """An ambition's status from its indicators' statuses (None or NaN = no status; ignored). See module
    docstring."""
    known = [s for s in statuses if s is not None and not (isinstance(s, float) and math.isnan(s))]
    unknown = set(known) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)}; expected one of {STATUSES}")
    if not known:
        return None
    if known.count(BEHIND) * 2 > len(known):
        return BEHIND
    if any(s != ON_TRACK for s in known):
        return ATTENTION
    return ON_TRACK


# -- projection ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """A least-squares line through the realised values and its 95% prediction interval in ``year``."""

    slope: float  # change per year, in the indicator's unit
    intercept: float  # value at year 0 (only meaningful with slope)
    n: int  # realised points used
    first_year: int
    last_year: int
    year: int  # the year projected to
    value: float
    lower: float
    upper: float

    def at(self, year: float) -> float:
        return self.intercept + self.slope * year

    def position(self, target: float) -> str:
        """Where ``target`` lies relative to the interval: binnen, boven or onder."""
        if target > self.upper:
            return ABOVE
        if target < self.lower:
            return BELOW
        return INSIDE

    def band(self, years: Iterable[int]) -> pd.DataFrame:
        """Fitted value and 95% prediction interval for each year (for the chart's band)."""
        return pd.DataFrame([(y, *self._interval(y)) for y in years], columns=["year", "value", "lower", "upper"])

    # the residual spread and x-summary are kept privately so that band() can recompute intervals
    _s: float = 0.0
    _mean_year: float = 0.0
    _sxx: float = 1.0
    _t: float = 0.0

    def _interval(self, year: float) -> tuple[float, float, float]:
        centre = self.at(year)
        half = self._t * self._s * math.sqrt(1 + 1 / self.n + (year - self._mean_year) ** 2 / self._sxx)
        return centre, centre - half, centre + half


@dataclass(frozen=True)
class NoProjection:
    reason: str  # Dutch, fit to show


def project(realised: pd.Series, year: int, from_year: int | None = None) -> Projection | NoProjection:
    """Project ``realised`` (values indexed by year; NaN = no measurement) to ``year``.

    Only points from ``from_year`` on are used. Needs at least 3 points (a line through 2 points has no
    spread to estimate an interval from); otherwise returns :class:`NoProjection` with the reason.
    """
    series = realised.dropna()
    if from_year is not None:
        series = series[series.index >= from_year]
    n = len(series)
    since = f" sinds {from_year}" if from_year is not None else ""
    if n < MIN_POINTS:
        counted = "geen metingen" if n == 0 else "één meting" if n == 1 else f"{n} metingen"
        return NoProjection(
            f"Geen prognose: er {'is' if n == 1 else 'zijn'} {counted}{since}, en voor een prognose zijn er "
            f"minstens {MIN_POINTS} nodig."
        )
    x = series.index.to_numpy(dtype=float)
    y = series.to_numpy(dtype=float)
    mean_x, mean_y = x.mean(), y.mean()
    sxx = float(((x - mean_x) ** 2).sum())
    if sxx == 0:
        raise ValueError("realised values need distinct years")
    slope = float(((x - mean_x) * (y - mean_y)).sum() / sxx)
    intercept = float(mean_y - slope * mean_x)
    residuals = y - (intercept + slope * x)
    s = math.sqrt(float((residuals**2).sum()) / (n - 2))
    t = t_quantile_975(n - 2)
    partial = Projection(
        slope=slope,
        intercept=intercept,
        n=n,
        first_year=int(x.min()),
        last_year=int(x.max()),
        year=year,
        value=0.0,
        lower=0.0,
        upper=0.0,
        _s=s,
        _mean_year=float(mean_x),
        _sxx=sxx,
        _t=t,
    )
    value, lower, upper = partial._interval(year)
    return replace(partial, value=value, lower=lower, upper=upper)


REACHED, NOT_REACHED = "gehaald", "niet gehaald"
LIKELY, LIKELY_NOT, TOO_UNCERTAIN = "waarschijnlijk gehaald", "waarschijnlijk niet gehaald", "te onzeker"
FAVOURABLE_OUTLOOKS = (REACHED, LIKELY)


def outlook(projection: Projection, target: float, direction: str, baseline: float) -> str:
    """What the projection says about the target (module docstring): one of REACHED, NOT_REACHED, LIKELY,
    LIKELY_NOT, TOO_UNCERTAIN."""
    sign = favourable_sign(direction, baseline, target)
    position = projection.position(target)
    if position != INSIDE:
        reached = (position == BELOW) if sign > 0 else (position == ABOVE)
        return REACHED if reached else NOT_REACHED
    if projection.upper - projection.lower > distance(baseline, target):
        return TOO_UNCERTAIN
    return LIKELY if sign * (projection.value - target) >= 0 else LIKELY_NOT


# -- one indicator in one area ------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """Everything the page says about one indicator's target in one area."""

    indicator_id: str
    area_code: str
    direction: str
    path: pd.Series  # required value per year
    milestones: pd.DataFrame  # the given points: year, kind, value
    realised: pd.Series  # realised values per year (all years known)
    latest_year: int | None
    latest_value: float | None
    required_value: float | None
    share: float | None  # deviation as share of the distance (+ ahead, - behind)
    status: str | None
    projection: Projection | NoProjection
    required_per_year: float | None  # the pace needed from the latest value to the target

    @property
    def baseline_year(self) -> int:
        return int(self.path.index[0])

    @property
    def baseline(self) -> float:
        return float(self.path.iloc[0])

    @property
    def target_year(self) -> int:
        return int(self.path.index[-1])

    @property
    def target(self) -> float:
        return float(self.path.iloc[-1])

    @property
    def outlook(self) -> str | None:
        if isinstance(self.projection, NoProjection):
            return None
        return outlook(self.projection, self.target, self.direction, self.baseline)


def assess(
    points: pd.DataFrame, realised: pd.Series, direction: str, indicator_id: str = "", area_code: str = ""
) -> Assessment:
    """Assess one target.

    Parameters
    ----------
    points : year, value (and optionally kind) of baseline, milestones and target
    realised : realised values indexed by year; NaN and years outside the path are allowed
    direction : higher | lower | neutral (the catalogue's)
    """
    path = required_path(points)
    baseline_year, target_year = int(path.index[0]), int(path.index[-1])
    realised = realised.dropna().astype(float).sort_index()
    in_period = realised[(realised.index >= baseline_year) & (realised.index <= target_year)]
    latest_year = latest_value = required_value = share = current = per_year = None
    if not in_period.empty:
        latest_year = int(in_period.index[-1])
        latest_value = float(in_period.iloc[-1])
        required_value = float(path[latest_year])
        baseline, target = float(path.iloc[0]), float(path.iloc[-1])
        share = deviation_share(latest_value, required_value, baseline, target, direction)
        current = status(latest_value, required_value, baseline, target, direction)
        if latest_year < target_year:
            per_year = (target - latest_value) / (target_year - latest_year)
    milestones = points.sort_values("year").reset_index(drop=True)
    return Assessment(
        indicator_id=indicator_id,
        area_code=area_code,
        direction=direction,
        path=path,
        milestones=milestones,
        realised=realised,
        latest_year=latest_year,
        latest_value=latest_value,
        required_value=required_value,
        share=share,
        status=current,
        projection=project(realised, target_year, from_year=baseline_year),
        required_per_year=per_year,
    )


def assess_all(targets: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame) -> list[Assessment]:
    """One :class:`Assessment` per (indicator, area) that has targets.

    ``targets``: indicator_id, area_code, year, kind, value; ``values``: indicator_id, area_code, year,
    value; ``indicators``: indicator_id, direction.
    """
    direction = indicators.set_index("indicator_id").direction
    # only the (indicator, area) pairs with a target: a Series per group of every value was most of the time
    keys = targets[["indicator_id", "area_code"]].drop_duplicates()
    relevant = values[values.indicator_id.isin(keys.indicator_id) & values.area_code.isin(keys.area_code)]
    relevant = relevant.merge(keys, on=["indicator_id", "area_code"])
    by_key = {key: group.set_index("year").value for key, group in relevant.groupby(["indicator_id", "area_code"])}
    result = []
    for (indicator_id, area_code), points in targets.groupby(["indicator_id", "area_code"], sort=True):
        realised = by_key.get((indicator_id, area_code), pd.Series(dtype=float))
        result.append(assess(points, realised, str(direction[indicator_id]), indicator_id, area_code))
    return result


def summary(assessments: list[Assessment], indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per assessment: indicator_id, ambition_id, area_code, latest_year, latest_value,
    required_value, share, status, outlook, projection (value, lower, upper) and target."""
    ambition = indicators.set_index("indicator_id").ambition_id
    rows = []
    for a in assessments:
        projected = a.projection if isinstance(a.projection, Projection) else None
        rows.append(
            {
                "indicator_id": a.indicator_id,
                "ambition_id": ambition.get(a.indicator_id),
                "area_code": a.area_code,
                "latest_year": a.latest_year,
                "latest_value": a.latest_value,
                "required_value": a.required_value,
                "share": a.share,
                "status": a.status,
                "outlook": a.outlook,
                "projected_value": projected.value if projected else math.nan,
                "projected_lower": projected.lower if projected else math.nan,
                "projected_upper": projected.upper if projected else math.nan,
                "target_year": a.target_year,
                "target": a.target,
            }
        )
    return pd.DataFrame(rows)


def portfolio(summary_table: pd.DataFrame, ambitions: pd.DataFrame) -> pd.DataFrame:
    """Ambitions (rows, by number) × areas (columns, in order of first appearance) of rolled-up statuses.

    Cells are a status, or missing (None/NaN) where the area has no target or no data for that ambition.
    """
    areas = list(dict.fromkeys(summary_table.area_code))
    rows = {}
    for ambition in ambitions.sort_values("number").itertuples():
        mine = summary_table[summary_table.ambition_id == ambition.ambition_id]
        rows[ambition.ambition_id] = {
            area: roll_up(mine[mine.area_code == area].status) if (mine.area_code == area).any() else None
            for area in areas
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=areas)


def status_counts(statuses: Iterable[str | None]) -> dict[str, int]:
    """How many of each status (plus ``geen gegevens`` for None), in the order best → worst."""
    listed = list(statuses)
    counts = {s: listed.count(s) for s in STATUSES}
    counts[NO_STATUS] = listed.count(None)
    return counts


# -- words ----------------------------------------------------------------------------------------------


def explain(a: Assessment, decimals: int, unit: str = "") -> str:
    """Dutch sentences on what the projection means for the 2030 target, with the pace needed.

    Read from the same assessment as the status and the chart (module docstring), e.g. "Bij het huidige
    tempo (+0,05 per jaar) wordt het doel voor 2030 (6,8) naar verwachting niet gehaald; nodig: +0,12 per
    jaar." Never "binnen bereik" for a line that ends short of the target.
    """
    pace_decimals = min(decimals + 1, 4)  # a yearly pace is smaller than the values themselves
    target = format_value(a.target, decimals, unit)
    goal = f"het doel voor {a.target_year} ({target})"
    if a.latest_value is None:
        return f"Er is nog geen meting sinds de nulmeting van {a.baseline_year}; de voortgang naar {goal} is onbekend."
    sign = favourable_sign(a.direction, a.baseline, a.target)
    reached = sign * (a.latest_value - a.target) >= 0
    needed = (
        f"nodig: {format_change(a.required_per_year, pace_decimals)} per jaar"
        if a.required_per_year is not None and not reached
        else None
    )
    tail = "de laatste meting (" + str(a.latest_year) + ") haalt het doel al" if reached else needed
    if isinstance(a.projection, NoProjection):
        start = a.projection.reason.rstrip(".")
        if reached:
            return f"{start}; de laatste meting ({a.latest_year}) haalt {goal} al."
        return f"{start}; {needed or 'het doeljaar is voorbij'}."
    p = a.projection
    opening = f"Bij het huidige tempo ({format_change(p.slope, pace_decimals)} per jaar)"
    ends = f"komt de lijn in {p.year} uit op {format_value(p.value, decimals, unit)}"
    margin = f"95%-marge {format_number(p.lower, decimals)} tot {format_number(p.upper, decimals)}"
    side = "boven" if p.value > a.target else "onder" if p.value < a.target else "op"
    verdict = {
        REACHED: f"{opening} wordt {goal} naar verwachting gehaald",
        NOT_REACHED: f"{opening} wordt {goal} naar verwachting niet gehaald",
        LIKELY: f"{opening} {ends}, {side} {goal}; zeker is dat niet ({margin})",
        LIKELY_NOT: f"{opening} {ends}, {side} {goal}; zeker is dat niet ({margin})",
        TOO_UNCERTAIN: (
            f"De metingen liggen te ver uiteen om te zeggen of {goal} wordt gehaald: de prognose voor {p.year} "
            f"loopt van {format_number(p.lower, decimals)} tot {format_number(p.upper, decimals)}"
        ),
    }[a.outlook]
    sentence = f"{verdict}; {tail or 'het doeljaar is voorbij'}."
    ahead = a.status == ON_TRACK
    hopeful = a.outlook in FAVOURABLE_OUTLOOKS
    if a.status is not None and a.outlook != TOO_UNCERTAIN and ahead != hopeful:
        now = (
            "ligt nu op koers"
            if ahead
            else f"ligt nu {'achter op' if a.status == BEHIND else 'iets achter op'} het pad"
        )
        return f"De meting van {a.latest_year} {now}, maar: {sentence[0].lower()}{sentence[1:]}"
    return sentence


def format_interval(p: Projection, decimals: int) -> str:
    """``'6,9 (6,5 tot 7,3)'``: projected value with its 95% prediction interval."""
    low, high = format_number(p.lower, decimals), format_number(p.upper, decimals)
    return f"{format_number(p.value, decimals)} ({low} tot {high})"


def trajectory_table(a: Assessment) -> pd.DataFrame:
    """The chart as a table: one row per year from the first realised year (or baseline) to the target year.

    Columns year, realised, required, kind (nulmeting / mijlpaal / doel or empty), projected, lower, upper.
    Projection columns are filled from the baseline year on, when there is a projection.
    """
    first = min([a.baseline_year, *[int(y) for y in a.realised.index]])
    years = range(first, a.target_year + 1)
    kinds = a.milestones.set_index("year").kind if "kind" in a.milestones.columns else pd.Series(dtype=object)
    table = pd.DataFrame({"year": list(years)})
    table["realised"] = table.year.map(a.realised).astype(float)
    table["required"] = table.year.map(a.path).astype(float)
    table["kind"] = table.year.map(kinds).fillna("")
    if isinstance(a.projection, Projection):
        band = a.projection.band(range(a.baseline_year, a.target_year + 1)).rename(columns={"value": "projected"})
        table = table.merge(band, on="year", how="left")
    else:
        table[["projected", "lower", "upper"]] = math.nan
    return table
