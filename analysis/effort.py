"""Effort in the wijken: the initiatives register, volunteer activity and *draagkracht*.

Pure functions over store tables. Rates are per 1,000 inhabitants of the latest known population (the
store holds one CBS year, so the same denominator serves every year). Small counts and per-capita
figures of near-empty wijken are suppressed here, with the reason, as everywhere (analysis.suppression).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis import suppression
from analysis.formatting import format_number

ALL = "alle"  # the filter value meaning "no filter"
STATUSES = ("idee", "lopend", "afgerond", "gestopt")
# An initiative with status 'idee' has asked for its subsidy; it is granted once the initiative starts.
GRANTED_STATUSES = ("lopend", "afgerond", "gestopt")


def per_1000(count: pd.Series | float, inhabitants: pd.Series | float) -> pd.Series | float:
    """count / inhabitants x 1,000; NaN where the number of inhabitants is unknown or zero."""
    if isinstance(inhabitants, pd.Series):
        inhabitants = inhabitants.where(inhabitants > 0)
    elif inhabitants is None or not inhabitants > 0:
        return math.nan
    return count / inhabitants * 1000


def _reasons(rules: suppression.Rules) -> tuple[str, str]:
    return (
        suppression.small_count_reason(rules),
        f"minder dan {format_number(rules.min_population)} inwoners",
    )


def with_year(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The register with ``year`` = the year the initiative started."""
    return initiatives.assign(year=pd.to_datetime(initiatives.start_date).dt.year.astype(int))


def filter_initiatives(
    initiatives: pd.DataFrame,
    wijk: str = ALL,
    theme: str = ALL,
    status: str = ALL,
    year: int | str = ALL,
    good_examples_only: bool = False,
) -> pd.DataFrame:
    """Rows of the register that match every filter; ``ALL`` (``'alle'``) switches a filter off.

    Adds ``year`` (start year). ``year`` may be given as int or as text ('2024').
    """
    frame = with_year(initiatives)
    mask = pd.Series(True, index=frame.index)
    if wijk != ALL:
        mask &= frame.wijk_code == wijk
    if theme != ALL:
        mask &= frame.theme == theme
    if status != ALL:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES} or {ALL!r}, got {status!r}")
        mask &= frame.status == status
    if year != ALL:
        mask &= frame.year == int(year)
    if good_examples_only:
        mask &= frame.is_good_example.astype(bool)
    return frame[mask].reset_index(drop=True)


def summary_per_wijk(
    initiatives: pd.DataFrame,
    wijken: pd.DataFrame,
    population: pd.Series,
    rules: suppression.Rules,
    gemeente_code: str,
    gemeente_name: str,
) -> pd.DataFrame:
    """Count, participants and subsidy per wijk, also per 1,000 inhabitants, plus a gemeente row.

    Parameters
    ----------
    initiatives : (filtered) register rows
    wijken : area_code, name of every wijk (each gets a row, 0 when it has no initiatives)
    population : inhabitants per area_code

    Returns area_code, name, initiatives, participants, subsidy_eur, initiatives_per_1000,
    subsidy_per_1000_eur, suppressed (reason or None). Suppressed: a count of 1..max_small_count, with
    its per-1,000 rate (that would give it away); participants of 1..max_small_count; per-1,000 figures of
    wijken under min_population. Subsidy amounts are not about people and stay.
    """
    grouped = initiatives.groupby("wijk_code").agg(
        initiatives=("initiative_id", "size"),
        participants=("participants", "sum"),
        subsidy_eur=("subsidy_eur", "sum"),
    )
    table = wijken[["area_code", "name"]].copy()
    for column in ("initiatives", "participants", "subsidy_eur"):
        table[column] = table.area_code.map(grouped[column]).fillna(0).astype(float)
    gemeente = pd.DataFrame(
        {
            "area_code": [gemeente_code],
            "name": [f"Gemeente {gemeente_name}"],
            "initiatives": [float(len(initiatives))],
            "participants": [float(initiatives.participants.sum())],
            "subsidy_eur": [float(initiatives.subsidy_eur.sum())],
        }
    )
    table = pd.concat([table, gemeente], ignore_index=True)
    inhabitants = table.area_code.map(population)
    table["initiatives_per_1000"] = per_1000(table.initiatives, inhabitants)
    table["subsidy_per_1000_eur"] = per_1000(table.subsidy_eur, inhabitants)

    small_reason, population_reason = _reasons(rules)
    small_count = suppression.small_counts(table.initiatives, rules)
    small_participants = suppression.small_counts(table.participants, rules)
    few_inhabitants = ~(inhabitants >= rules.min_population)
    table.loc[small_count, ["initiatives", "initiatives_per_1000"]] = np.nan
    table.loc[small_participants, "participants"] = np.nan
    table.loc[few_inhabitants, ["initiatives_per_1000", "subsidy_per_1000_eur"]] = np.nan
    reason = pd.Series(None, index=table.index, dtype=object)
    reason[few_inhabitants] = population_reason
    reason[small_count | small_participants] = small_reason  # the count rule is the stronger one
    table["suppressed"] = reason
    return table


def per_year(initiatives: pd.DataFrame, years: range | list[int]) -> pd.DataFrame:
    """Initiatives started per year: year, initiatives, participants, subsidy_eur (0 in years without).

    Totals over the gemeente (or over whatever ``initiatives`` was filtered to)."""
    frame = with_year(initiatives)
    grouped = frame.groupby("year").agg(
        initiatives=("initiative_id", "size"),
        participants=("participants", "sum"),
        subsidy_eur=("subsidy_eur", "sum"),
    )
    grouped = grouped.reindex(list(years), fill_value=0).astype(float)
    return grouped.rename_axis("year").reset_index()


def suppress_small_totals(table: pd.DataFrame, columns: list[str], rules: suppression.Rules) -> pd.DataFrame:
    """Counts of 1..max_small_count in ``columns`` set to NaN (a filtered total can be that small too)."""
    table = table.copy()
    for column in columns:
        table.loc[suppression.small_counts(table[column], rules), column] = np.nan
    return table


def subsidy_vs_budget(initiatives: pd.DataFrame, budget: Mapping[int, float]) -> pd.DataFrame:
    """Subsidy granted per start year against the buurtinitiatieven budget of that year.

    Granted = the subsidy of initiatives that started (status lopend, afgerond or gestopt); for an 'idee'
    it has been asked for, not granted. Years: those of the budget.

    Returns year, granted_eur, budget_eur, used_pct (granted / budget x 100), remaining_eur (negative =
    overspent).
    """
    if not budget:
        return pd.DataFrame(columns=["year", "granted_eur", "budget_eur", "used_pct", "remaining_eur"])
    frame = with_year(initiatives)
    granted = frame[frame.status.isin(GRANTED_STATUSES)].groupby("year").subsidy_eur.sum()
    years = sorted(budget)
    table = pd.DataFrame({"year": years, "budget_eur": [float(budget[y]) for y in years]})
    table["granted_eur"] = table.year.map(granted).fillna(0.0).astype(float)
    table["used_pct"] = table.granted_eur / table.budget_eur.where(table.budget_eur > 0) * 100
    table["remaining_eur"] = table.budget_eur - table.granted_eur
    return table[["year", "granted_eur", "budget_eur", "used_pct", "remaining_eur"]]


def budget_sentence(table: pd.DataFrame) -> str:
    """The text alternative of the subsidy-versus-budget chart, from :func:`subsidy_vs_budget` output."""
    known = table.dropna(subset=["used_pct"])
    if known.empty:
        return "Er is geen budget voor buurtinitiatieven bekend."
    latest = known.iloc[-1]
    over = known[known.granted_eur > known.budget_eur]
    text = (
        f"In {int(latest.year)} is € {format_number(latest.granted_eur)} subsidie toegekend van een budget van "
        f"€ {format_number(latest.budget_eur)} ({format_number(latest.used_pct)}%)."
    )
    if over.empty:
        return (
            text + f" In geen van de jaren {int(known.year.min())}–{int(known.year.max())} is het budget overschreden."
        )
    years = ", ".join(str(int(y)) for y in over.year)
    return text + f" Het budget is overschreden in {years}."


def volunteer_rates(volunteers: pd.DataFrame, population: pd.Series, rules: suppression.Rules) -> pd.DataFrame:
    """Active volunteers and volunteer hours per 1,000 inhabitants per area and quarter.

    Returns area_code, year, quarter, period ('2025 K4'), active_volunteers, volunteer_hours,
    volunteers_per_1000, hours_per_1000, suppressed. Counts of 1..max_small_count are suppressed (with
    their rates), rates of areas under min_population too.
    """
    table = volunteers[["area_code", "year", "quarter", "active_volunteers", "volunteer_hours"]].copy()
    table = table.sort_values(["area_code", "year", "quarter"]).reset_index(drop=True)
    for column in ("active_volunteers", "volunteer_hours"):
        table[column] = table[column].astype(float)
    table["period"] = table.year.astype(int).astype(str) + " K" + table.quarter.astype(int).astype(str)
    inhabitants = table.area_code.map(population)
    table["volunteers_per_1000"] = per_1000(table.active_volunteers, inhabitants)
    table["hours_per_1000"] = per_1000(table.volunteer_hours, inhabitants)
    small_reason, population_reason = _reasons(rules)
    small = suppression.small_counts(table.active_volunteers, rules)
    few_inhabitants = ~(inhabitants >= rules.min_population)
    table.loc[small, ["active_volunteers", "volunteer_hours", "volunteers_per_1000", "hours_per_1000"]] = np.nan
    table.loc[few_inhabitants, ["volunteers_per_1000", "hours_per_1000"]] = np.nan
    reason = pd.Series(None, index=table.index, dtype=object)
    reason[few_inhabitants] = population_reason
    reason[small] = small_reason
    table["suppressed"] = reason
    return table


def volunteer_sentence(rates: pd.DataFrame, area_code: str, area_name: str) -> str:
    """Latest quarter against the same quarter a year before, in words."""
    own = rates[(rates.area_code == area_code) & rates.volunteers_per_1000.notna()]
    if own.empty:
        return f"Voor {area_name} worden geen vrijwilligerscijfers per 1.000 inwoners getoond."
    latest = own.iloc[-1]
    before = own[(own.year == latest.year - 1) & (own.quarter == latest.quarter)]
    text = (
        f"{area_name}, {latest.period}: {format_number(latest.volunteers_per_1000, 1)} actieve vrijwilligers en "
        f"{format_number(latest.hours_per_1000)} uur vrijwilligerswerk per 1.000 inwoners"
    )
    if before.empty:
        return text + "."
    change = latest.volunteers_per_1000 - before.volunteers_per_1000.iloc[0]
    word = "meer" if change > 0 else "minder"
    if round(change, 1) == 0:
        return text + f"; evenveel vrijwilligers als een jaar eerder ({before.period.iloc[0]})."
    return text + f"; {format_number(abs(change), 1)} vrijwilligers per 1.000 {word} dan in {before.period.iloc[0]}."


# Draagkracht -------------------------------------------------------------------------------------

DRAAGKRACHT_COMPONENTS = ("samenhang_score", "buurtactiviteiten_per_1000")


def draagkracht_words(min_population: int) -> str:
    """What the draagkracht is, in words for management and the raad (the statistics: draagkracht_method)."""
    return (
        "Draagkracht (naar het voorbeeld van Amsterdam) combineert twee dingen: hoe inwoners de sociale samenhang "
        "in hun buurt beoordelen (rapportcijfer) en hoeveel buurtactiviteiten er per 1.000 inwoners zijn. "
        "0 = een gemiddelde wijk; boven 0 is een wijk sterker, onder 0 zwakker. Wijken met minder dan "
        f"{format_number(min_population)} inwoners of zonder een van de twee cijfers krijgen geen score."
    )


def draagkracht_method(min_population: int) -> str:
    """The method with its statistics, for 'Hoe is dit berekend?' and the download."""
    return (
        "Beide cijfers worden per jaar gestandaardiseerd over de wijken met genoeg inwoners: z = (waarde − "
        "gemiddelde van die wijken) / standaardafwijking tussen die wijken. De draagkracht is het gemiddelde van "
        "de twee z-scores: 0 = een gemiddelde wijk, +1 = één standaardafwijking sterker. Wijken met minder dan "
        f"{format_number(min_population)} inwoners of zonder een van de twee cijfers krijgen geen score."
    )


def draagkracht(
    values: pd.DataFrame, wijken: pd.DataFrame, year: int, measurable: list[str], min_population: int
) -> pd.DataFrame:
    """Draagkracht per wijk in ``year``: the mean of the standardised cohesion and activities per 1,000.

    Parameters
    ----------
    values : long-form indicator values, already suppressed (analysis.suppression), incl. the derived
        buurtactiviteiten_per_1000
    wijken : area_code, name
    measurable : wijken with enough inhabitants; only they are standardised and scored

    z per component = (value - mean over the measurable wijken with a value) / population SD (ddof=0)
    of those wijken. score = mean of the two z (NaN when either is missing). rank 1 = strongest.

    Returns area_code, name, samenhang_score, buurtactiviteiten_per_1000, z_samenhang, z_activiteiten,
    score, rank, reason (why there is no score).
    """
    table = wijken[["area_code", "name"]].copy()
    in_year = values[(values.year == year) & values.area_code.isin(measurable)]
    z_names = {"samenhang_score": "z_samenhang", "buurtactiviteiten_per_1000": "z_activiteiten"}
    for indicator_id in DRAAGKRACHT_COMPONENTS:
        component = in_year[in_year.indicator_id == indicator_id].set_index("area_code").value.dropna()
        table[indicator_id] = table.area_code.map(component)
        spread = component.std(ddof=0)
        z = (component - component.mean()) / spread if len(component) > 1 and spread > 0 else component * np.nan
        table[z_names[indicator_id]] = table.area_code.map(z)
    table["score"] = table[["z_samenhang", "z_activiteiten"]].mean(axis=1, skipna=False)
    table["rank"] = table.score.rank(method="min", ascending=False).astype("Int64")
    reason = pd.Series(None, index=table.index, dtype=object)
    reason[table.score.isna()] = "een van de twee cijfers ontbreekt of wordt niet getoond"
    reason[~table.area_code.isin(measurable)] = f"minder dan {format_number(min_population)} inwoners"
    table["reason"] = reason
    return table


def draagkracht_sentence(table: pd.DataFrame, year: int) -> str:
    """Strongest and weakest wijk in words."""
    scored = table.dropna(subset=["score"]).sort_values("score", ascending=False)
    if scored.empty:
        return f"Voor {year} is voor geen enkele wijk een draagkracht te berekenen."
    top, bottom = scored.iloc[0], scored.iloc[-1]
    return (
        f"Draagkracht {year}: het sterkst in {top['name']} ({format_number(top.score, 2)}), het zwakst in "
        f"{bottom['name']} ({format_number(bottom.score, 2)}); {len(scored)} wijken hebben een score."
    )
