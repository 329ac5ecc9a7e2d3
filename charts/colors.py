"""Colour decisions in one place: the colour direction of a map follows the indicator's direction."""

from __future__ import annotations

# ColorBrewer "Blues" (colour-blind safe, prints in greyscale): darker is always more favourable.
BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
# Neutral indicators (no better or worse): a single-hue purple, darker = more.
PURPLES = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"]
NO_DATA = "#d9d9d9"
OUTLINE = "#ffffff"
HIGHLIGHT = "#08519c"  # the one chosen area on a locator map (the darkest blue)
# Bars that pull up or down (the index's contributions, draagkracht): the app's charts and the PDF's pictures.
FAVOURABLE = "#3182bd"  # blue: the "good" family, as on the maps
UNFAVOURABLE = "#e66101"  # orange: distinguishable from blue for colour-blind readers


# Five classes relative to the gemeente (analysis.overview.sd_classes), colour-blind safe: orange for
# unfavourable, blue for favourable (the same blue family as everywhere), light grey in between.
CLASS_COLOURS_DIRECTIONAL = ("#e66101", "#fdb863", "#f0f0f0", "#92c5de", "#0571b0")
# Neutral indicators: lighter = lower, darker = higher, no good or bad.
CLASS_COLOURS_NEUTRAL = tuple(PURPLES)


def class_colours(direction: str) -> tuple[str, ...]:
    """Colours of classes 0..4 for an indicator with the given direction."""
    if direction not in ("higher", "lower", "neutral"):
        raise ValueError(f"direction must be higher, lower or neutral, got {direction!r}")
    return CLASS_COLOURS_NEUTRAL if direction == "neutral" else CLASS_COLOURS_DIRECTIONAL


# Okabe & Ito's palette for categories (colour-blind safe, no two similar reds); grey is kept for "overig".
CATEGORIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
OTHER = "#999999"
