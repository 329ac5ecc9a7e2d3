"""One wijk against the gemeente: every indicator with difference, rank and a generated summary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import judgement, suppression
from analysis.formatting import format_change, format_value
from analysis.overview import population


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
    favourable; for neutral indicators + is higher), kind, klasse, klasse_label (analysis.judgement),
    rank, ranked (how many wijken were ranked), suppressed. Additive figures (counts, hectares) get no
    difference, z, class or rank: against the gemeente total they only say how big the wijk is.
    """
    meta = indicators.set_index("indicator_id")
    own = values[(values.area_code == wijk_code) & values.value.notna()]
    latest = own.sort_values("year").groupby("indicator_id").tail(1)
    latest = suppression.suppress(latest, indicators, population(values), rules)
    # the rows of each (indicator, year) by position, split once: filtering the long frame per indicator was
    # most of a Wijkprofiel rerun; plain arrays are enough for the gemeente value, the peers and the rank
    wanted = values.indicator_id.isin(latest.indicator_id).to_numpy()
    candidates = values[wanted]
    positions = candidates.groupby(["indicator_id", "year"], sort=False).indices
    codes = candidates.area_code.to_numpy(dtype=object)
    numbers = candidates.value.to_numpy(dtype=float)
    is_gemeente = codes == gemeente_code
    is_peer = candidates.area_code.isin(wijken).to_numpy() & ~np.isnan(numbers)
    rows = []
    for row in latest.itertuples():
        at = positions.get((row.indicator_id, row.year), np.array([], dtype=int))
        gemeente = numbers[at[is_gemeente[at]]]
        peer_at = at[is_peer[at]]
        peers = pd.Series(numbers[peer_at], index=codes[peer_at])
        info = meta.loc[row.indicator_id]
        sign = -1.0 if info.direction == "lower" else 1.0
        gemeente_value = float(gemeente[0]) if len(gemeente) else np.nan
        spread = float(peers.std(ddof=0)) if len(peers) > 1 else np.nan
        # a count (inhabitants, activities) mostly measures size: no difference, z or rank for it
        figure_kind = judgement.kind(info)
        comparable = figure_kind != judgement.SIZE and not pd.isna(row.value)
        difference = row.value - gemeente_value if comparable else np.nan
        rank = _rank(sign * peers, wijk_code) if comparable else None
        z = sign * difference / spread if spread else np.nan
        klasse = judgement.class_of(z)
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
                "z": z,
                "kind": figure_kind,
                "klasse": klasse,
                "klasse_label": judgement.class_label(klasse, figure_kind),
                "rank": rank,
                "ranked": len(peers),
                "suppressed": row.suppressed,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["rank"] = table["rank"].astype("Int64")
    table["klasse"] = table["klasse"].astype("Int64")
    return table.sort_values(["theme_id", "label"]).reset_index(drop=True)


def _rank(scores: pd.Series, code: str) -> float | None:
    """The rank of ``code`` among ``scores`` (1 = highest; ties share the best rank), None when it has none:
    ``scores.rank(ascending=False, method="min").get(code)`` without ranking every other wijk."""
    if code not in scores.index:
        return None
    return float(1 + (scores > scores[code]).sum())


def summary(table: pd.DataFrame, wijk_name: str, gemeente_name: str, limit: int = 3) -> list[str]:
    """Dutch sentences on where the wijk is stronger or weaker than the gemeente, from the judgement's classes.

    Built from ``compare_to_gemeente`` output. Favourable/unfavourable: indicators with a direction in classes
    3–4 / 0–1 (analysis.judgement), the largest first. Without a direction: only "veel hoger/lager" (classes
    4/0), without a verdict. Additive figures are never compared. Labels are used as written (after a colon),
    so every label reads correctly. Hidden figures are always mentioned, and when the wijk has no comparable
    figure left the summary says so instead of claiming it does not differ.
    """
    if table.empty:
        return [f"Voor {wijk_name} zijn geen cijfers beschikbaar."]
    rated = table[table.klasse.notna() & table.value.notna()]
    directional = rated[rated.kind == judgement.DIRECTIONAL]
    strong = directional[directional.klasse >= 3].sort_values("z", ascending=False).head(limit)
    weak = directional[directional.klasse <= 1].sort_values("z").head(limit)
    neutral = rated[(rated.kind == judgement.NEUTRAL) & rated.klasse.isin([0, 4])].sort_values("z").head(limit)

    def listing(rows: pd.DataFrame) -> str:
        return "; ".join(
            f"{row.label} ({format_value(row.value, row.decimals, row.unit)} tegen "
            f"{format_value(row.gemeente_value, row.decimals, row.unit)})"
            for row in rows.itertuples()
        )

    sentences = []
    if not strong.empty:
        sentences.append(f"Waar {wijk_name} gunstiger scoort dan {gemeente_name}: {listing(strong)}.")
    if not weak.empty:
        sentences.append(f"Waar {wijk_name} ongunstiger scoort: {listing(weak)}.")
    if not neutral.empty:
        sentences.append(f"Duidelijk anders dan {gemeente_name} (zonder oordeel): {listing(neutral)}.")
    comparable = table[table.kind != judgement.SIZE]
    hidden = int(table.value.isna().sum())
    if not sentences:
        if comparable.value.notna().any():
            sentences.append(f"Op de getoonde cijfers ligt {wijk_name} rond het gemiddelde van {gemeente_name}.")
        else:
            sentences.append(f"Voor {wijk_name} is geen cijfer te vergelijken met {gemeente_name}.")
    if hidden:
        counted = "1 van de" if hidden == 1 else f"{hidden} van de"
        sentences.append(
            f"{counted} {len(table)} cijfers van {wijk_name} {'wordt' if hidden == 1 else 'worden'} niet getoond "
            "(privacy of te weinig waarnemingen); daarover zegt deze samenvatting niets."
        )
    return sentences


def trend_sentence(series: pd.DataFrame, label: str, decimals: int, unit: str, area_name: str) -> str:
    """'Eenzaam in Dorst: van 2016 tot 2025 gedaald van a naar b.' from rows with year and value.

    The label leads (as written), so the sentence reads correctly for every label. A change that
    rounds to zero at the shown precision is "gelijk gebleven".
    """
    known = series.dropna(subset=["value"]).sort_values("year")
    if len(known) < 2:
        return f"{label} in {area_name}: geen reeks beschikbaar."
    first, last = known.iloc[0], known.iloc[-1]
    if round(last.value, decimals) == round(first.value, decimals):
        change = f"gelijk gebleven op {format_value(last.value, decimals, unit)}"
    else:
        verb = "gestegen" if last.value > first.value else "gedaald"
        change = (
            f"{verb} van {format_value(first.value, decimals, unit)} naar {format_value(last.value, decimals, unit)}"
        )
    return f"{label} in {area_name}: van {int(first.year)} tot {int(last.year)} {change}."


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
    """The text alternative of the index decomposition: the largest pull up and down, as shown (one decimal).

    A contribution that rounds to zero is no pull either way and is not named.
    """
    shown = parts.assign(rounded=parts.contribution.round(1))
    up = shown[shown.rounded > 0]
    down = shown[shown.rounded < 0]
    if up.empty and down.empty:
        return "Geen component trekt de index merkbaar omhoog of omlaag."
    sentences = []
    if not up.empty:
        best = up.loc[up.contribution.idxmax()]
        sentences.append(
            f"Grootste bijdrage omhoog: {labels[best.indicator_id]} ({format_change(best.contribution, 1)} punten)"
        )
    if not down.empty:
        worst = down.loc[down.contribution.idxmin()]
        sentences.append(
            f"grootste bijdrage omlaag: {labels[worst.indicator_id]} ({format_change(worst.contribution, 1)} punten)"
        )
    text = "; ".join(sentences)
    return text[0].upper() + text[1:] + "."
