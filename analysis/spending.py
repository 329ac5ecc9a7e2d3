"""Money in the sociaal domein: spending per Iv3 taakveld, indexation, spending per wijk against need,
and how cohesion goes together with care use.

Pure functions over store tables. Gemeente rows of ``spending`` hold the whole amount; wijk rows
(realisatie of the taakvelden with ``per_wijk``) the part allocated to that wijk.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.formatting import format_change, format_number

MILLION = 1_000_000


def per_taakveld(spending: pd.DataFrame, taakvelden: pd.DataFrame, gemeente_code: str) -> pd.DataFrame:
    """Gemeente spending per taakveld and year, begroot next to realisatie.

    Returns year, taakveld_code, taakveld (name), begroot_eur, realisatie_eur, difference_eur
    (realisatie - begroot), difference_pct (of begroot). Missing amounts stay NaN (e.g. next year's
    budget has no realisatie yet).
    """
    gemeente = spending[spending.area_code == gemeente_code]
    table = gemeente.pivot_table(
        index=["year", "taakveld_code"], columns="kind", values="amount_eur", aggfunc="sum"
    ).reset_index()
    for kind in ("begroot", "realisatie"):
        if kind not in table.columns:
            table[kind] = np.nan
    table = table.rename(columns={"begroot": "begroot_eur", "realisatie": "realisatie_eur"})
    table.columns.name = None
    table["taakveld"] = table.taakveld_code.map(taakvelden.set_index("taakveld_code").name)
    table["difference_eur"] = table.realisatie_eur - table.begroot_eur
    table["difference_pct"] = table.difference_eur / table.begroot_eur * 100
    order = {code: number for number, code in enumerate(taakvelden.taakveld_code)}
    table = table.assign(_order=table.taakveld_code.map(order)).sort_values(["year", "_order"])
    columns = ["year", "taakveld_code", "taakveld", "begroot_eur", "realisatie_eur", "difference_eur", "difference_pct"]
    return table[columns].reset_index(drop=True)


def totals(per_taakveld_table: pd.DataFrame, inhabitants: float | None) -> pd.DataFrame:
    """Per year: begroot and realisatie summed over the taakvelden, and realisatie per inwoner.

    A year counts for realisatie only when every taakveld of that year has one (so a half-filled year
    does not look like a drop). ``inhabitants``: the gemeente population used for every year.
    """
    grouped = per_taakveld_table.groupby("year")
    table = pd.DataFrame(
        {
            "begroot_eur": grouped.begroot_eur.sum(min_count=1),
            "realisatie_eur": grouped.realisatie_eur.sum(min_count=1),
        }
    )
    complete = grouped.realisatie_eur.apply(lambda s: s.notna().all())
    table.loc[~complete, "realisatie_eur"] = np.nan
    table["realisatie_per_inwoner_eur"] = table.realisatie_eur / inhabitants if inhabitants else np.nan
    return table.rename_axis("year").reset_index()


OTHER_CODE = "overig"


def group_small_taakvelden(table: pd.DataFrame, column: str, keep: int = 5) -> pd.DataFrame:
    """The ``keep`` taakvelden with the largest ``column`` over all years as they are, the rest summed per year as
    one "overig (n taakvelden)" (code ``overig``, last): a stacked chart with more segments cannot be read.

    ``table``: year, taakveld_code, taakveld, ``column``. Totals per year are unchanged."""
    sizes = table.groupby("taakveld_code")[column].sum().sort_values(ascending=False)
    if len(sizes) <= keep + 1:  # grouping one taakveld as "overig" would only hide its name
        return table[["year", "taakveld_code", "taakveld", column]].reset_index(drop=True)
    kept = list(sizes.index[:keep])
    rest = table[~table.taakveld_code.isin(kept)]
    other = rest.groupby("year", as_index=False)[column].sum()
    other["taakveld_code"] = OTHER_CODE
    other["taakveld"] = f"overig ({rest.taakveld_code.nunique()} taakvelden)"
    big = table[table.taakveld_code.isin(kept)].copy()
    big["_order"] = big.taakveld_code.map({code: place for place, code in enumerate(kept)})
    big = big.sort_values(["_order", "year"]).drop(columns="_order")
    return pd.concat([big, other], ignore_index=True)[["year", "taakveld_code", "taakveld", column]]


def index_to(series: pd.Series, base_year: int) -> pd.Series:
    """``series`` (indexed by year) as an index with ``base_year`` = 100."""
    if base_year not in series.index or not series[base_year] or pd.isna(series[base_year]):
        raise ValueError(f"no value for the base year {base_year}")
    return series / series[base_year] * 100


def change_pct(series: pd.Series, start: int, end: int) -> float:
    """Relative change from ``start`` to ``end`` in percent; NaN when either year is missing."""
    if start not in series.index or end not in series.index or not series[start]:
        return math.nan
    return float((series[end] / series[start] - 1) * 100)


def change_text(series: pd.Series, start: int, end: int) -> str:
    """'2015–2025: +14,4% (index 114,4)'; empty when either year is missing."""
    change = change_pct(series, start, end)
    if math.isnan(change):
        return ""
    return f"{start}–{end}: {format_change(change, 1)}% (index {format_number(100 + change, 1)})"


def growth_sentence(
    series: pd.Series, start: int, end: int, claim_pct: float | None = None, tolerance_pct: float = 1.0
) -> str:
    """A Dutch sentence with the change of realised spending from ``start`` to ``end``, computed.

    With ``claim_pct`` (what the policy text says), the sentence says whether the data bear the claim out:
    within ``tolerance_pct`` percentage points it does.
    """
    change = change_pct(series, start, end)
    if math.isnan(change):
        return f"De uitgaven van {start} en {end} zijn niet allebei bekend; de groei is niet te berekenen."
    years = end - start
    direction = "stegen" if change > 0 else "daalden" if change < 0 else "bleven gelijk"
    sign = "+" if change > 0 else ""
    text = (
        f"De gerealiseerde uitgaven in het sociaal domein {direction} van "
        f"€ {format_number(series[start] / MILLION, 1)} mln in {start} naar "
        f"€ {format_number(series[end] / MILLION, 1)} mln in {end}: {sign}{format_number(change, 1)}% in {years} "
        f"jaar (index {format_number(100 + change, 1)})."
    )
    if claim_pct is None:
        return text
    claim = f"Het beleid noemt ≈ {'+' if claim_pct > 0 else ''}{format_number(claim_pct, 0)}% in {years} jaar"
    if abs(change - claim_pct) <= tolerance_pct:
        return f"{text} {claim}: de cijfers bevestigen dat."
    return f"{text} {claim}: de cijfers wijken daarvan {format_number(abs(change - claim_pct), 1)} procentpunt af."


# Spending per wijk against need ------------------------------------------------------------------

NEED_PROXIES = ("inwoners_75plus_pct", "eenpersoonshh_pct", "wmo_per_1000", "jeugdzorg_pct")
QUADRANTS = {
    (True, False): "hoge vraag, lage inzet",
    (True, True): "hoge vraag, hoge inzet",
    (False, True): "lage vraag, hoge inzet",
    (False, False): "lage vraag, lage inzet",
}


def wijk_spending(
    spending: pd.DataFrame, taakveld_codes: Sequence[str], year: int, wijk_codes: Sequence[str]
) -> pd.Series:
    """Realised spending in ``year`` on the given taakvelden allocated to each wijk (EUR, 0 when none)."""
    rows = spending[
        (spending.kind == "realisatie")
        & (spending.year == year)
        & spending.taakveld_code.isin(taakveld_codes)
        & spending.area_code.isin(wijk_codes)
    ]
    return rows.groupby("area_code").amount_eur.sum().reindex(list(wijk_codes), fill_value=0.0).astype(float)


def need_and_spending(
    values: pd.DataFrame,
    spending: pd.DataFrame,
    wijken: pd.DataFrame,
    taakveld_codes: Sequence[str],
    year: int,
    population: pd.Series,
    measurable: Sequence[str],
    gemeente_code: str,
    proxies: Sequence[str] = NEED_PROXIES,
) -> pd.DataFrame:
    """Per wijk: the need proxies, a need score, spending per inwoner and the quadrant.

    Need score = mean over the proxies of z = (wijk value - gemeente value) / SD between the measurable
    wijken (ddof=0), so 0 = as the gemeente; every proxy counts "higher = more need". A proxy missing in a
    wijk is left out of its mean. Spending per inwoner = allocated realisatie / inhabitants. Quadrant:
    high need = need score > 0 (above the gemeente); high spending = spending per inwoner above the
    gemeente's (all allocated spending / all inhabitants). Only measurable wijken (enough inhabitants)
    get figures; the others keep their row with NaN and the reason.

    Returns area_code, name, one column per proxy, need_score, spending_eur, spending_per_inwoner_eur,
    quadrant, reason; plus the references in ``attrs``: gemeente_spending_per_inwoner_eur.
    """
    codes = list(wijken.area_code)
    table = wijken[["area_code", "name"]].copy()
    in_year = values[values.year == year]
    z_columns = []
    for proxy in proxies:
        proxy_values = in_year[in_year.indicator_id == proxy].set_index("area_code").value
        wijk_values = proxy_values.reindex(codes)
        wijk_values[~wijk_values.index.isin(measurable)] = np.nan
        table[proxy] = table.area_code.map(wijk_values)
        spread = wijk_values.std(ddof=0)
        reference = proxy_values.get(gemeente_code, np.nan)
        z = (table[proxy] - reference) / spread if spread and not pd.isna(spread) else table[proxy] * np.nan
        table[f"z_{proxy}"] = z
        z_columns.append(f"z_{proxy}")
    table["need_score"] = table[z_columns].mean(axis=1)
    amounts = wijk_spending(spending, taakveld_codes, year, codes)
    table["spending_eur"] = table.area_code.map(amounts)
    inhabitants = table.area_code.map(population)
    table["spending_per_inwoner_eur"] = table.spending_eur / inhabitants.where(inhabitants > 0)
    total_inhabitants = float(population.reindex(codes).sum())
    gemeente_per_inwoner = float(amounts.sum()) / total_inhabitants if total_inhabitants else math.nan

    not_measurable = ~table.area_code.isin(measurable)
    table.loc[not_measurable, ["need_score", "spending_per_inwoner_eur"]] = np.nan
    table["quadrant"] = quadrant_labels(table.need_score, table.spending_per_inwoner_eur, 0.0, gemeente_per_inwoner)
    reason = pd.Series(None, index=table.index, dtype=object)
    reason[table.quadrant.isna()] = "behoefte of uitgaven niet bekend"
    reason[not_measurable] = "te weinig inwoners"
    table["reason"] = reason
    table.attrs["gemeente_spending_per_inwoner_eur"] = gemeente_per_inwoner
    return table.drop(columns=z_columns)


def quadrant_labels(
    need: pd.Series, spending: pd.Series, need_reference: float, spending_reference: float
) -> pd.Series:
    """'hoge vraag, lage inzet' etc.: high = strictly above the reference; None where a value is missing."""
    labels = [
        None if pd.isna(n) or pd.isna(s) else QUADRANTS[(bool(n > need_reference), bool(s > spending_reference))]
        for n, s in zip(need, spending, strict=True)
    ]
    return pd.Series(labels, index=need.index, dtype=object)


def quadrant_sentence(table: pd.DataFrame) -> str:
    """Which wijken are in the quadrant that asks most attention, and how many in each."""
    shown = table.dropna(subset=["quadrant"])
    if shown.empty:
        return "Voor geen enkele wijk zijn vraag en inzet allebei bekend."
    counts = shown.quadrant.value_counts()
    parts = [f"{label}: {int(counts.get(label, 0))}" for label in QUADRANTS.values()]
    attention = shown[shown.quadrant == QUADRANTS[(True, False)]]["name"].tolist()
    text = "Aantal wijken per kwadrant — " + "; ".join(parts) + "."
    if attention:
        return text + " Hoge vraag bij lage inzet: " + ", ".join(attention) + "."
    return text + " Geen wijk combineert een hoge vraag met een lage inzet."


# Cohesion and care use ---------------------------------------------------------------------------

CAVEAT = "samenhang, geen bewijs van oorzaak"


@dataclass(frozen=True)
class Fit:
    """A least-squares line y = intercept + slope x, with Pearson's r over n points."""

    slope: float
    intercept: float
    r: float
    n: int

    @property
    def r2(self) -> float:
        return self.r**2


def least_squares(x: Sequence[float], y: Sequence[float]) -> Fit:
    """Ordinary least squares of y on x. Needs at least 3 points and some spread in x and in y."""
    x_values = np.asarray(x, dtype=float)
    y_values = np.asarray(y, dtype=float)
    if x_values.shape != y_values.shape:
        raise ValueError(f"x and y must have the same length, got {len(x_values)} and {len(y_values)}")
    keep = ~(np.isnan(x_values) | np.isnan(y_values))
    x_values, y_values = x_values[keep], y_values[keep]
    if len(x_values) < 3:
        raise ValueError(f"a fit needs at least 3 points, got {len(x_values)}")
    dx, dy = x_values - x_values.mean(), y_values - y_values.mean()
    sxx, syy, sxy = float((dx * dx).sum()), float((dy * dy).sum()), float((dx * dy).sum())
    if sxx == 0 or syy == 0:
        raise ValueError("x or y has no spread: no line to fit")
    slope = sxy / sxx
    return Fit(slope, float(y_values.mean() - slope * x_values.mean()), sxy / math.sqrt(sxx * syy), len(x_values))


STRENGTH_BOUNDS = (0.1, 0.3, 0.5)  # |r| below these: geen, zwak, matig; above: sterk (Cohen's rules of thumb)


def strength(r: float) -> str:
    """|r| < 0,1 geen; < 0,3 zwak; < 0,5 matig; otherwise sterk (STRENGTH_BOUNDS)."""
    size = abs(r)
    for bound, word in zip(STRENGTH_BOUNDS, ("geen", "zwak", "matig"), strict=True):
        if size < bound:
            return word
    return "sterk"


def fit_sentence(fit: Fit, x_label: str, y_label: str, x_unit: str, y_unit: str) -> str:
    """The fit in words: strength, direction, slope and the caveat; no statistics (:func:`fit_measures`).

    Labels are used inside a sentence as given ("de sociale samenhang", "het aantal Wmo-cliënten per 1.000").
    """
    word = strength(fit.r)
    if word == "geen":
        return f"Er is geen verband tussen {x_label} en {y_label}. Dit is {CAVEAT}."
    higher_lower = "hoger" if fit.slope > 0 else "lager"
    together = "samen op" if fit.r > 0 else "tegen elkaar in"
    return (
        f"Het verband tussen {x_label} en {y_label} is {word}; ze gaan {together}: waar "
        f"{x_label} 1 {x_unit} hoger is, is {y_label} gemiddeld {format_number(abs(fit.slope), 1)} "
        f"{y_unit} {higher_lower}. {format_number(fit.r2 * 100)}% van de verschillen in {y_label} valt "
        f"samen met verschillen in {x_label}. Dit is {CAVEAT}."
    )


def fit_measures(fit: Fit) -> str:
    """The statistics behind :func:`fit_sentence`, for the method: r, r², n and what the words mean."""
    return (
        f"Rechte lijn door de punten met de kleinste kwadraten; correlatie r = {format_number(fit.r, 2)}, "
        f"verklaarde variantie r² = {format_number(fit.r2, 2)}, n = {fit.n} punten (wijk × jaar). De sterkte in "
        f"woorden volgt uit |r|: onder {format_number(STRENGTH_BOUNDS[0], 1)} geen, tot "
        f"{format_number(STRENGTH_BOUNDS[1], 1)} zwak, tot {format_number(STRENGTH_BOUNDS[2], 1)} matig, "
        f"daarboven sterk."
    )


def paired_points(values: pd.DataFrame, x_id: str, y_id: str, wijk_codes: Sequence[str]) -> pd.DataFrame:
    """(wijk, year) points where both indicators have a (not suppressed) value.

    Returns area_code, year, x, y, sorted by area and year.
    """
    subset = values[values.area_code.isin(wijk_codes) & values.indicator_id.isin([x_id, y_id]) & values.value.notna()]
    wide = subset.pivot_table(index=["area_code", "year"], columns="indicator_id", values="value", aggfunc="first")
    if x_id not in wide.columns or y_id not in wide.columns:
        return pd.DataFrame(columns=["area_code", "year", "x", "y"])
    wide = wide.dropna(subset=[x_id, y_id]).rename(columns={x_id: "x", y_id: "y"})
    wide.columns.name = None
    return wide[["x", "y"]].reset_index().sort_values(["area_code", "year"]).reset_index(drop=True)
