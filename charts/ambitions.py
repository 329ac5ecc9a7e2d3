"""The road to 2030 for one indicator in one area: realised, required path, projection, notes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.ambitions import Assessment, Projection
from analysis.formatting import format_value
from charts.colors import BLUES
from charts.layout import mid_year, titled, value_axis, year_axis
from charts.text import for_plotly

REALISED = BLUES[4]
PROJECTION = BLUES[2]
BAND = "rgba(107, 174, 214, 0.22)"  # BLUES[2], translucent
PATH = "#636363"
TARGET = "#e6550d"  # orange: stands out from the blues, also in greyscale (darker than the band)
NOTE = "#756bb1"


def note_x(note_date: object) -> pd.Timestamp:
    """Where a note goes on the chart's time axis: on its own day (charts.layout)."""
    return pd.Timestamp(note_date).normalize()


def trajectory(
    a: Assessment, label: str, unit: str, decimals: int, notes: pd.DataFrame | None = None, is_demo: bool = False
) -> go.Figure:
    """Realised line, required path with milestones and target, projection band and logboek notes.

    ``notes``: note_date, text, author_role (numbered 1, 2, … in date order, as in the page's list).
    """
    number = f",.{decimals}f"
    figure = go.Figure()
    if isinstance(a.projection, Projection):
        band = a.projection.band(range(a.baseline_year, a.target_year + 1))
        figure.add_trace(
            go.Scatter(
                x=mid_year([*band.year, *band.year[::-1]]),
                y=[*band.upper, *band.lower[::-1]],
                fill="toself",
                fillcolor=BAND,
                line={"width": 0},
                hoverinfo="skip",
                name="Prognose: 95%-interval",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=mid_year(band.year),
                y=band.value,
                mode="lines",
                line={"color": PROJECTION, "dash": "dash", "width": 2},
                name="Prognose (trend sinds nulmeting)",
                customdata=band[["lower", "upper"]],
                hovertemplate=f"%{{x|%Y}}: %{{y:{number}}} (95%: %{{customdata[0]:{number}}} tot "
                f"%{{customdata[1]:{number}}})<extra>prognose</extra>",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=mid_year(a.path.index),
            y=a.path.values,
            mode="lines",
            line={"color": PATH, "dash": "dot", "width": 2},
            name="Benodigd pad naar het doel",
            hovertemplate=f"%{{x|%Y}}: %{{y:{number}}}<extra>benodigd</extra>",
        )
    )
    points = a.milestones
    kinds = points.kind if "kind" in points.columns else pd.Series("mijlpaal", index=points.index)
    for kind, name, symbol, colour, size in (
        ("nulmeting", "Nulmeting", "circle-open", PATH, 10),
        ("mijlpaal", "Mijlpalen", "diamond-open", PATH, 8),
        ("doel", f"Doel {a.target_year}", "star", TARGET, 16),
    ):
        chosen = points[kinds == kind]
        if chosen.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=mid_year(chosen.year),
                y=chosen.value,
                mode="markers",
                marker={"symbol": symbol, "color": colour, "size": size, "line": {"width": 2, "color": colour}},
                name=name,
                hovertemplate=f"%{{x|%Y}}: %{{y:{number}}}<extra>{name.lower()}</extra>",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=mid_year(a.realised.index),
            y=a.realised.values,
            mode="lines+markers",
            line={"color": REALISED, "width": 3},
            marker={"size": 7},
            name="Gerealiseerd",
            hovertemplate=f"%{{x|%Y}}: %{{y:{number}}}<extra>gerealiseerd</extra>",
        )
    )
    if notes is not None and not notes.empty:
        _add_notes(figure, notes.sort_values("note_date").reset_index(drop=True))
    figure.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=",.",
        yaxis={"tickformat": number, "zeroline": False},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0},
        hovermode="closest",
        plot_bgcolor="white",
    )
    target = format_value(a.target, decimals, unit)
    demo = " (demo)" if is_demo else ""
    titled(figure, f"{label}{demo}: gerealiseerd, benodigd pad en doel {a.target_year} ({target})")
    year_axis(figure)
    value_axis(figure, unit)
    figure.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    figure.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return figure


def _add_notes(figure: go.Figure, notes: pd.DataFrame) -> None:
    """Each note as a dotted vertical line with its number at the top; the text on hover."""
    xs = [note_x(d) for d in notes.note_date]
    for x in xs:
        figure.add_vline(x=x, line={"color": NOTE, "dash": "dot", "width": 1})
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=[1.0] * len(xs),
            yaxis="y2",
            mode="markers+text",
            marker={"symbol": "triangle-down", "color": NOTE, "size": 12},
            text=[str(i) for i in range(1, len(xs) + 1)],
            textposition="top center",
            textfont={"color": NOTE},
            customdata=[  # plotly reads <b>, <br>, <a href> in hover text: the note is escaped
                for_plotly(f"{pd.Timestamp(d):%d-%m-%Y}: {t} ({r})")
                for d, t, r in zip(notes.note_date, notes.text, notes.author_role, strict=True)
            ],
            hovertemplate="%{customdata}<extra>logboek</extra>",
            name="Logboek (notities)",
        )
    )
    # a second, hidden y axis from 0 to 1 holds the note markers at the top, whatever the values' range
    figure.update_layout(yaxis2={"overlaying": "y", "range": [0, 1.12], "visible": False, "fixedrange": True})
