"""A key figure's course as a small SVG line: no axes, no JavaScript.

Streamlit draws ``st.metric(chart_data=...)`` with Vega-Lite, whose bundle (~0,8 MB of JavaScript) a browser
loads and compiles in every new session for four 40-pixel lines on the Overzicht; an SVG of a few hundred bytes
says the same. The scale (first and last year, lowest and highest value) is in words in the tile's caption.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

LINE = "#54616e"  # a quiet slate: the colour of better/worse is the change's, in the tile above the line
WIDTH, HEIGHT, PAD = 240, 44, 3


def sparkline(values: Sequence[float], colour: str = LINE) -> str:
    """SVG markup of ``values`` (at least two finite numbers, oldest first) as one line from the left edge to the
    right, lowest value at the bottom and highest at the top (a flat line in the middle when all are equal)."""
    numbers = [float(value) for value in values]
    if len(numbers) < 2 or not all(math.isfinite(value) for value in numbers):
        raise ValueError(f"a sparkline needs at least two finite values, got {values!r}")
    low, high = min(numbers), max(numbers)
    span = high - low
    step = (WIDTH - 2 * PAD) / (len(numbers) - 1)
    points = " ".join(
        f"{PAD + index * step:.1f},"
        f"{HEIGHT / 2 if span == 0 else HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD):.1f}"
        for index, value in enumerate(numbers)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'preserveAspectRatio="none"><polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round" vector-effect="non-scaling-stroke"/></svg>'
    )
