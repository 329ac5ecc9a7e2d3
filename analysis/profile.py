"""One wijk against the gemeente: every indicator with difference, rank and a generated summary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import suppression
from analysis.formatting import format_change, format_value
from analysis.overview import population

# A wijk "scores above/below the gemeente" on an indicator when it differs by at least this many
# standard deviations (of the spread between the wijken in that year).
NOTABLE_SD = 0.5


def compare_to_gemeente(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    wijk_code: str,
    gemeente_code: str,
    wijken: list[str],
    rules: suppression.Rules,
) -> pd.DataFrame:
    """Every indicator with a value for the wijk, in its latest year, next to the gemeente.

    ``wijken`` are the wijken to rank among and to measure the spread over (the measurable ones).
    Values are suppressed (analysis.suppression): a suppressed indicator keeps its row with NaN and
    the reason. Returns one row per indicator: indicator_id, label, theme_id, unit, decimals,
    direction, is_demo, year, value, gemeente_value, difference, z (direction-aware: + is
    favourable; for neutral indicators + is higher), rank, ranked (how many wijken were ranked),
    suppressed. Additive figures (counts, hectares) get no difference, z or rank: against the gemeente
    total they only say how big the wijk is.
    """
    meta = indicators.set_index("indicator_id")
    own = values[(values.area_code == wijk_code) & values.value.notna()]
    latest = own.sort_values("year").groupby("indicator_id").tail(1)
    latest = suppression.suppress(latest, indicators, population(values), rules)
    rows = []
    for row in latest.itertuples():
        same_year = values[(values.indicator_id == row.indicator_id) & (values.year == row.year)]
        gemeente = same_year[same_year.area_code == gemeente_code].value
        peers = same_year[same_year.area_code.isin(wijken)].set_index("area_code").value.dropna()
        info = meta.loc[row.indicator_id]
        sign = -1.0 if info.direction == "lower" else 1.0
        gemeente_value = float(gemeente.iloc[0]) if not gemeente.empty else np.nan
        spread = float(peers.std(ddof=0)) if len(peers) > 1 else np.nan
        # a count (inhabitants, activities) mostly measures size: no difference, z or rank for it
        comparable = not info.is_additive and not pd.isna(row.value)
        difference = row.value - gemeente_value if comparable else np.nan
        rank = (sign * peers).rank(ascending=False, method="min").get(wijk_code) if comparable else None
        rows.append(
            {
                "indicator_id": row.indicator_id,
                "label": info.label,
                "theme_id": info.theme_id,
                "unit": info.unit,
                "decimals": int(info.decimals),
                "direction": info.direction,
                "is_demo": bool(info.is_demo),
                "year": int(row.year),
                "value": row.value,
                "gemeente_value": gemeente_value,
                "difference": difference,
                "z": sign * difference / spread if spread else np.nan,
                "rank": rank,
                "ranked": len(peers),
                "suppressed": row.suppressed,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["rank"] = table["rank"].astype("Int64")
    return table.sort_values(["theme_id", "label"]).reset_index(drop=True)


def summary(table: pd.DataFrame, wijk_name: str, gemeente_name: str, limit: int = 3) -> list[str]:
    """Two or three Dutch sentences on where the wijk is notably stronger or weaker than the gemeente.

    Built from ``compare_to_gemeente`` output: only indicators with a direction, differing by at least
    NOTABLE_SD standard deviations; the largest differences first.
    """
    if table.empty:
        return [f"Voor {wijk_name} zijn geen cijfers beschikbaar."]
    scored = table[(table.direction != "neutral") & table.z.notna() & table.value.notna()]
    strong = scored[scored.z >= NOTABLE_SD].sort_values("z", ascending=False).head(limit)
    weak = scored[scored.z <= -NOTABLE_SD].sort_values("z").head(limit)

    def listing(rows: pd.DataFrame) -> str:
        parts = [
            f"{row.label.lower()} ({format_value(row.value, row.decimals, row.unit)} tegen "
            f"{format_value(row.gemeente_value, row.decimals, row.unit)})"
            for row in rows.itertuples()
        ]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]

    sentences = []
    if not strong.empty:
        sentences.append(f"{wijk_name} scoort gunstiger dan {gemeente_name} op {listing(strong)}.")
    if not weak.empty:
        sentences.append(f"Minder gunstig is {wijk_name} op {listing(weak)}.")
    if not sentences:
        sentences.append(f"{wijk_name} wijkt op geen enkele indicator duidelijk af van {gemeente_name}.")
    suppressed = int(table.value.isna().sum())
    if suppressed:
        sentences.append(f"{suppressed} cijfer(s) worden niet getoond vanwege privacy of te weinig waarnemingen.")
    return sentences


def trend_sentence(series: pd.DataFrame, label: str, decimals: int, unit: str, area_name: str) -> str:
    """'Van 2016 tot 2025 ging X in Dorst van a naar b.' from rows with year and value."""
    known = series.dropna(subset=["value"]).sort_values("year")
    if len(known) < 2:
        return f"Voor {label.lower()} in {area_name} is geen reeks beschikbaar."
    first, last = known.iloc[0], known.iloc[-1]
    if round(last.value, decimals) == round(first.value, decimals):
        verb = "bleef"
        change = f"gelijk op {format_value(last.value, decimals, unit)}"
    else:
        verb = "steeg" if last.value > first.value else "daalde"
        change = f"van {format_value(first.value, decimals, unit)} naar {format_value(last.value, decimals, unit)}"
    return f"Van {int(first.year)} tot {int(last.year)} {verb} {label.lower()} in {area_name} {change}."


def trend_series(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    wijk_code: str,
    gemeente_code: str,
    rules: suppression.Rules,
    min_years: int = 3,
) -> pd.DataFrame:
    """Yearly series of the wijk and the gemeente for every indicator the wijk has ``min_years`` of.

    Additive figures (counts, hectares) are left out: against the gemeente total they say nothing. The wijk's values are
    suppressed like everywhere else. Returns indicator_id, area_code, year, value.
    """
    rates = indicators[~indicators.is_additive.astype(bool)].indicator_id
    subset = values[values.indicator_id.isin(rates) & values.area_code.isin([wijk_code, gemeente_code])]
    wijk = suppression.suppress(subset[subset.area_code == wijk_code], indicators, population(values), rules)
    years = wijk.dropna(subset=["value"]).groupby("indicator_id").year.nunique()
    keep = years[years >= min_years].index
    both = pd.concat([wijk, subset[subset.area_code == gemeente_code]])
    both = both[both.indicator_id.isin(keep)]
    return both[["indicator_id", "area_code", "year", "value"]].reset_index(drop=True)


def contribution_sentence(parts: pd.DataFrame, labels: dict[str, str]) -> str:
    """The text alternative of the index decomposition: the largest pull up and down."""
    if parts.empty:
        return "Geen componenten bekend."
    best, worst = parts.loc[parts.contribution.idxmax()], parts.loc[parts.contribution.idxmin()]
    sentence = f"De grootste bijdrage omhoog komt van {labels[best.indicator_id].lower()} " + (
        f"({format_change(best.contribution, 1)} punten)"
    )
    if worst.contribution < 0:
        sentence += (
            f", de grootste omlaag van {labels[worst.indicator_id].lower()} ({format_change(worst.contribution, 1)})"
        )
    return sentence + "."
