"""What every chart shares: a title that says what it shows (wrapped, so it fits a phone) and a time axis on
which a date lands in its own year.

A time axis is a plotly date axis with one label per year written in the *middle* of that year
(``ticklabelmode="period"``), and a yearly figure is drawn at 1 July: a note of 02-12-2026 then sits at the
end of the stretch labelled 2026, not next to the label 2027 as on an axis of fractional years.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

TITLE_WIDTH = 48  # characters per title line: fits a 390 px phone at 14 px
TITLE_FONT = {"size": 14}
INDEX_LINE = {"color": "#bdbdbd", "width": 1}  # the reference line at 100 on an index axis


def wrap(text: str, width: int = TITLE_WIDTH) -> str:
    """``text`` in lines of at most ``width`` characters, joined by plotly's ``<br>``."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def titled(figure: go.Figure, title: str, panel_title_lines: int = 0) -> go.Figure:
    """Give ``figure`` its title, left-aligned above the plot; plotly makes room for it (automargin).

    ``panel_title_lines``: the most lines of a small multiple's panel titles, which sit between the title and the
    plots (so the title is lifted above them)."""
    figure.update_layout(
        title={
            "text": wrap(title),
            "x": 0,
            "xanchor": "left",
            "xref": "container",  # from the figure's left edge: long axis labels cannot push it off a phone
            "y": 1,
            "yanchor": "bottom",
            "yref": "paper",
            "pad": {"b": 12 + 18 * panel_title_lines},
            "automargin": True,
            "font": TITLE_FONT,
        }
    )
    return figure


def mid_year(years: Iterable[int]) -> list[pd.Timestamp]:
    """Where a yearly figure goes on a time axis: 1 July of its year, under the year's label."""
    return [pd.Timestamp(year=int(year), month=7, day=1) for year in years]


def mid_quarter(years: Iterable[int], quarters: Iterable[int]) -> list[pd.Timestamp]:
    """Where a quarterly figure goes on a time axis: the middle month of its quarter."""
    return [pd.Timestamp(year=int(y), month=3 * int(q) - 1, day=15) for y, q in zip(years, quarters, strict=True)]


def year_axis(figure: go.Figure, **where: int) -> go.Figure:
    """Make the x axis (or the one at ``row=…, col=…``) a date axis labelled once per year, mid-year."""
    figure.update_xaxes(
        type="date",
        tick0="2000-01-01",
        dtick="M12",
        tickformat="%Y",
        ticklabelmode="period",
        hoverformat="%d-%m-%Y",
        **where,
    )
    return figure


def value_axis(figure: go.Figure, unit: str, **where: int) -> go.Figure:
    """An honest value axis: it starts at zero, so a bar or line's height is its size. An index (100 = a base
    year) is the one exception: its reference is 100, drawn as a line, and its axis title says so."""
    figure.update_yaxes(title={"text": unit}, rangemode=value_rangemode(unit), **where)
    if is_index(unit):
        figure.add_hline(y=100, line=INDEX_LINE, **where)
    return figure


def value_rangemode(unit: str) -> str:
    """Where a value axis starts (:func:`value_axis`): at zero, except for an index."""
    return "normal" if is_index(unit) else "tozero"


def is_index(unit: str) -> bool:
    return unit.startswith("index")
