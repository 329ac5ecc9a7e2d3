"""Sentences about a wijk against the whole country: its position among all NL wijken and against its
vergelijkbare wijken.

Pure functions over the numbers of :mod:`analysis.national` (:class:`~analysis.national.Position`) and
:mod:`analysis.lookalike` (:class:`~analysis.lookalike.Comparison`). The catalogue has no noun form of an
indicator's label ("Ernstig eenzaam", "Doet vrijwilligerswerk"), so the label stands before a colon and the
sentence speaks of "het percentage" (unit %) or "de waarde": grammatical for every label.

Direction words: for an indicator with a direction (catalogue ``higher``/``lower``), the low or high end is
called *gunstig* or *ongunstig*; a neutral indicator gets no such word. No threshold of its own: the share
is the percentile rank of analysis.national, rounded *up* to a multiple of 5 so that "hoort bij de 20%" is
always true (a share of 17,3% lies within the lowest 20%).
"""

from __future__ import annotations

import math

from analysis.formatting import format_number, format_value
from analysis.lookalike import Comparison
from analysis.national import Position

# Dutch article and adjective endings differ: "het laagste percentage" but "de laagste waarde", "een lager
# percentage" but "een lagere waarde".
WORDS = {
    "percentage": {"the": "het", "same": "hetzelfde", "er": ""},
    "waarde": {"the": "de", "same": "dezelfde", "er": "e"},
}


def _quantity(unit: str) -> str:
    return "percentage" if unit == "%" else "waarde"


def _judged(direction: str, low_end: bool) -> str:
    """', en dat is gunstig' for the favourable end; '' for a neutral indicator."""
    if direction not in ("higher", "lower"):
        return ""
    favourable = low_end == (direction == "lower")
    return ", en dat is gunstig" if favourable else ", en dat is ongunstig"


def _side(direction: str, low_end: bool) -> str:
    """' (de gunstige kant)' for the favourable end; '' for a neutral indicator."""
    if direction not in ("higher", "lower"):
        return ""
    return " (de gunstige kant)" if low_end == (direction == "lower") else " (de ongunstige kant)"


def rounded_share(share: float) -> int:
    """A share in percent rounded up to a multiple of 5 (at least 5, at most 100): 17,3 -> 20, 20 -> 20."""
    return int(min(100, max(5, 5 * math.ceil(round(share, 6) / 5))))


def position_sentence(label: str, area_name: str, unit: str, direction: str, position: Position) -> str:
    """'Ernstig eenzaam: Dorst hoort bij de 20% wijken van Nederland met het laagste percentage (de gunstige
    kant).' The smaller of the two sides is named (the low end on a tie). When even the smaller side holds
    more than half of the wijken (many equal values around the middle), the wijk is said to be in the middle.
    """
    low_end = position.share_at_or_below <= position.share_at_or_above
    smaller = position.share_at_or_below if low_end else position.share_at_or_above
    quantity = _quantity(unit)
    if smaller > 50:
        return (
            f"{label}: {area_name} zit in het midden van de wijken van Nederland; ongeveer evenveel wijken hebben "
            f"een hoger{WORDS[quantity]['er']} als een lager{WORDS[quantity]['er']} {quantity}."
        )
    end = "laagste" if low_end else "hoogste"
    return (
        f"{label}: {area_name} hoort bij de {rounded_share(smaller)}% wijken van Nederland met "
        f"{WORDS[quantity]['the']} {end} {quantity}"
        f"{_side(direction, low_end)}."
    )


def position_detail(position: Position, decimals: int, unit: str) -> str:
    """'7,9%; lager dan in 1.234 en hoger dan in 1.900 van de 3.177 wijken van Nederland (percentiel 39).'"""
    return (
        f"{format_value(position.value, decimals, unit)}; {format_number(position.n_higher)} wijken van Nederland "
        f"hebben een hoger{WORDS[_quantity(unit)]['er']} en {format_number(position.n_lower)} een "
        f"lager{WORDS[_quantity(unit)]['er']} {_quantity(unit)}"
        + (f", {format_number(position.n_equal)} hetzelfde" if position.n_equal else "")
        + f" (percentiel {format_number(position.percentile)}, van {format_number(position.n)} wijken)."
    )


def lookalike_sentence(
    label: str, area_name: str, unit: str, direction: str, comparison: Comparison, decimals: int
) -> str | None:
    """'Ernstig eenzaam: Dorst heeft een lager percentage dan 8 van de 10 vergelijkbare wijken, en dat is
    gunstig (hun middelste waarde: 9,1%, van 6,0% tot 12,3%).'

    The side with more look-alikes is named (lower on a tie). None when the wijk or all look-alikes lack a
    value.
    """
    if comparison.value is None or comparison.n == 0:
        return None
    low_end = comparison.n_higher >= comparison.n_lower  # the wijk lies below most of them
    count = comparison.n_higher if low_end else comparison.n_lower
    quantity = _quantity(unit)
    if count == 0:
        core = f"{area_name} heeft {WORDS[quantity]['same']} {quantity} als alle {comparison.n} vergelijkbare wijken"
        judged = ""
    else:
        side = "lager" if low_end else "hoger"
        compared = f"{side}{WORDS[quantity]['er']} {quantity}"
        core = f"{area_name} heeft een {compared} dan {count} van de {comparison.n} vergelijkbare wijken"
        judged = _judged(direction, low_end)
    spread = (
        f"hun middelste waarde: {format_value(comparison.median, decimals, unit)}, van "
        f"{format_value(comparison.minimum, decimals, unit)} tot {format_value(comparison.maximum, decimals, unit)}"
    )
    return f"{label}: {core}{judged} ({spread})."
