"""One judgement per figure: the only place that decides how a figure compares and what may be said of it.

Map colours, table columns, heat-table symbols, generated sentences and the PDF all read these results;
none of them compares a figure with a threshold of its own. The rules:

**What a wijk is compared with** depends on the kind of figure (:func:`kind`):

- ``richting`` (higher or lower is better) and ``neutraal`` (no better or worse): the **gemeente** value of
  the same year. Without a gemeente value there is no comparison (the figure is still shown).
- ``omvang`` (additive figures: counts, hectares): against the gemeente *total* a wijk's count only says how
  big the wijk is, so it is compared with the **average wijk** instead, in neutral words ("groter",
  "kleiner"), never "gunstiger", and it gets no rank.

**Class** (five, as Amsterdam's OIS colours its kerncijfers): z = difference / standard deviation between
the shown wijken (sign turned for lower-is-better, so a higher class is always more favourable; for neutral
and size figures: higher). Bounds: z ≤ -1 | -1 < z ≤ -0,25 | -0,25 < z < 0,25 | 0,25 ≤ z < 1 | z ≥ 1.
No class without a reference, or when fewer than two wijken have a value or they do not differ at all.

**Change** between two measurements (:func:`judge_change`) is taken between the values *as shown* (rounded
to the indicator's decimals), so the change always agrees with the two figures beside it. A change of zero
is ``gelijk``; so is a change smaller than the indicator's threshold (catalogue field
``change_threshold``, in the indicator's unit; default: 2% of the earlier value, at least one shown unit).
Only beyond that is it ``beter``/``slechter`` (or ``hoger``/``lager`` for neutral and size figures).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

DIRECTIONAL, NEUTRAL, SIZE = "richting", "neutraal", "omvang"

SD_BOUNDS = (-1.0, -0.25, 0.25, 1.0)  # upper bounds of classes 0..3, class 4 is the rest
CLASS_LABELS = {
    DIRECTIONAL: (
        "veel ongunstiger dan de gemeente",
        "ongunstiger dan de gemeente",
        "rond het gemeentegemiddelde",
        "gunstiger dan de gemeente",
        "veel gunstiger dan de gemeente",
    ),
    NEUTRAL: (
        "veel lager dan de gemeente",
        "lager dan de gemeente",
        "rond het gemeentegemiddelde",
        "hoger dan de gemeente",
        "veel hoger dan de gemeente",
    ),
    SIZE: (
        "veel kleiner dan de gemiddelde wijk",
        "kleiner dan de gemiddelde wijk",
        "rond de gemiddelde wijk",
        "groter dan de gemiddelde wijk",
        "veel groter dan de gemiddelde wijk",
    ),
}
# Symbols so that colour is never the only carrier (heat-table, PDF).
CLASS_SYMBOLS = {
    DIRECTIONAL: ("▼▼", "▼", "●", "▲", "▲▲"),
    NEUTRAL: ("↓↓", "↓", "·", "↑", "↑↑"),
    SIZE: ("↓↓", "↓", "·", "↑", "↑↑"),
}
REFERENCE_LABEL = {DIRECTIONAL: "gemeente", NEUTRAL: "gemeente", SIZE: "gemiddelde wijk"}
LEGEND_TITLE = {
    DIRECTIONAL: "Ten opzichte van de gemeente",
    NEUTRAL: "Ten opzichte van de gemeente (geen oordeel)",
    SIZE: "Ten opzichte van de gemiddelde wijk (omvang, geen oordeel)",
}

NO_REFERENCE = "geen gemeentecijfer om mee te vergelijken"
NO_SPREAD = "de wijken verschillen niet of te weinig wijken hebben een cijfer"

DEFAULT_CHANGE_SHARE = 0.02  # default change threshold: 2% of the earlier value …
SAME, BETTER, WORSE, HIGHER, LOWER = "gelijk", "beter", "slechter", "hoger", "lager"


def figure(
    direction: str = "higher", decimals: int = 0, change_threshold: float | None = None, additive: bool = False
) -> pd.Series:
    """A catalogue-like row for a figure that is not a catalogue indicator (a key figure, a register count, the
    index in the PDF), so it is judged by the same rules. A total compared with its own earlier value is not a
    size comparison: ``additive`` stays False for trends."""
    return pd.Series(
        {"direction": direction, "decimals": decimals, "change_threshold": change_threshold, "is_additive": additive}
    )


INDEX_FIGURE = figure("higher", 0, change_threshold=2.0)  # the sociale-samenhangindex, as in the catalogue


def kind(indicator: pd.Series) -> str:
    """``omvang`` for additive figures, ``neutraal`` without a direction, ``richting`` otherwise."""
    additive = indicator.get("is_additive", indicator.get("additive"))
    if additive is not None and not pd.isna(additive) and bool(additive):
        return SIZE
    return NEUTRAL if indicator.direction == "neutral" else DIRECTIONAL


def class_of(z: float) -> int | None:
    """Class 0..4 of a direction-aware z (module docstring); None for NaN."""
    if z is None or pd.isna(z):
        return None
    return sum(z >= bound for bound in SD_BOUNDS[2:]) + sum(z > bound for bound in SD_BOUNDS[:2])


def class_label(klasse: int | None, figure_kind: str) -> str | None:
    return None if klasse is None or pd.isna(klasse) else CLASS_LABELS[figure_kind][int(klasse)]


def judge_wijken(table: pd.DataFrame, indicator: pd.Series) -> pd.DataFrame:
    """Add the one judgement of each wijk to a table of one indicator in one year.

    ``table`` needs area_code, value (NaN = suppressed or missing) and gemeente_value; ``indicator`` is a
    catalogue row (direction, is_additive). Adds: kind, reference_value, reference_label, difference, z,
    klasse (Int64 0..4), klasse_label, symbol, rank (Int64; 1 = most favourable, for neutral figures the
    highest; none for size figures) and ``no_class`` (the Dutch reason a shown value has no class).
    """
    for column in ("area_code", "value", "gemeente_value"):
        if column not in table.columns:
            raise ValueError(f"table needs column {column!r}, got {list(table.columns)}")
    figure_kind = kind(indicator)
    shown = table.value.dropna()
    if figure_kind == SIZE:
        reference = float(shown.mean()) if len(shown) else math.nan
    else:
        known = table.gemeente_value.dropna()
        reference = float(known.iloc[0]) if len(known) else math.nan
    spread = float(shown.std(ddof=0)) if len(shown) > 1 else math.nan
    sign = -1.0 if indicator.direction == "lower" and figure_kind == DIRECTIONAL else 1.0
    difference = table.value - reference
    usable = not math.isnan(reference) and not math.isnan(spread) and spread > 0
    z = sign * difference / spread if usable else pd.Series(math.nan, index=table.index)
    klasse = pd.Series([class_of(v) for v in z], index=table.index, dtype="Int64")
    if figure_kind == SIZE:
        rank = pd.Series(pd.NA, index=table.index, dtype="Int64")
    else:
        ascending = indicator.direction == "lower"
        rank = table.value.rank(method="min", ascending=ascending).astype("Int64")
    reason = None if usable else (NO_REFERENCE if math.isnan(reference) else NO_SPREAD)
    return table.assign(
        kind=figure_kind,
        reference_value=reference,
        reference_label=REFERENCE_LABEL[figure_kind],
        difference=difference if not math.isnan(reference) else math.nan,
        z=z,
        klasse=klasse,
        klasse_label=pd.Series([class_label(k, figure_kind) for k in klasse], index=table.index, dtype=object),
        symbol=["" if pd.isna(k) else CLASS_SYMBOLS[figure_kind][int(k)] for k in klasse],
        rank=rank,
        no_class=pd.Series([reason if pd.notna(v) else None for v in table.value], index=table.index, dtype=object),
    )


# -- change between two measurements ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """The judgement of a change: ``word`` is gelijk, beter, slechter, hoger or lager."""

    change: float
    word: str
    favourable: bool | None  # True/False for beter/slechter; None for gelijk and neutral figures

    @property
    def is_same(self) -> bool:
        return self.word == SAME


def change_threshold(indicator: pd.Series, before: float) -> float:
    """The smallest change that counts: the catalogue's ``change_threshold``, else the default rule."""
    given = indicator.get("change_threshold")
    if given is not None and not pd.isna(given):
        return float(given)
    return max(DEFAULT_CHANGE_SHARE * abs(before), 10 ** -int(indicator.decimals))


def judge_change(before: float | None, after: float | None, indicator: pd.Series) -> Change | None:
    """Judge the change from ``before`` to ``after`` (module docstring); None when either is unknown."""
    if before is None or after is None or pd.isna(before) or pd.isna(after):
        return None
    decimals = int(indicator.decimals)
    shown = [float(f"{float(v):.{decimals}f}") for v in (before, after)]  # exactly as format_number rounds
    change = round(shown[1] - shown[0], decimals)
    if change == 0 or abs(change) < change_threshold(indicator, float(before)) - 1e-9:
        return Change(change, SAME, None)
    if kind(indicator) != DIRECTIONAL:
        return Change(change, HIGHER if change > 0 else LOWER, None)
    favourable = (change > 0) == (indicator.direction == "higher")
    return Change(change, BETTER if favourable else WORSE, favourable)
