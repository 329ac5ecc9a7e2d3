"""Charts of the sociaal domein: spending per taakveld, begroot vs realisatie, the index to 2015, spending
per wijk against need (named quadrants), and cohesion against care use with a fitted line.

Dutch number formats (separators ",." and explicit tick formats); nothing carried by colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.formatting import format_change, format_number
from analysis.spending import CAVEAT, OTHER_CODE, QUADRANTS, Fit, group_small_taakvelden, strength
from charts.colors import BLUES, CATEGORIES, OTHER
from charts.layout import titled
from charts.profile import GEMEENTE_LINE, WIJK_LINE, _layout

QUADRANT_STYLE = {  # colour and marker symbol: the symbol alone also tells the quadrants apart
    QUADRANTS[(True, False)]: ("#e66101", "triangle-up"),
    QUADRANTS[(True, True)]: (BLUES[4], "square"),
    QUADRANTS[(False, True)]: ("#b2abd2", "diamond"),
    QUADRANTS[(False, False)]: ("#737373", "circle"),
}


def per_taakveld_stacked(table: pd.DataFrame, column: str, axis_title: str, decimals: int = 0) -> go.Figure:
    """Stacked bars per year, one segment per large taakveld and one grey "overig" for the small ones
    (``table``: year, taakveld_code, taakveld, column; analysis.spending.group_small_taakvelden).

    The legend names each taakveld with its code; the hover gives code, name and amount."""
    figure = go.Figure()
    suffix = " mln" if "miljoen" in axis_title else ""
    grouped = group_small_taakvelden(table, column)
    for number, code in enumerate(dict.fromkeys(grouped.taakveld_code)):
        rows = grouped[grouped.taakveld_code == code]
        name = rows.taakveld.iloc[0] if code == OTHER_CODE else f"{code} {rows.taakveld.iloc[0]}"
        figure.add_trace(
            go.Bar(
                x=rows.year,
                y=rows[column],
                name=name,
                marker_color=OTHER if code == OTHER_CODE else CATEGORIES[number % len(CATEGORIES)],
                marker_line={"color": "white", "width": 0.5},
                hovertemplate=f"{name}, %{{x}}: € %{{y:,.{decimals}f}}{suffix}<extra></extra>",
            )
        )
    titled(figure, f"Gerealiseerde uitgaven sociaal domein per taakveld en jaar ({axis_title})")
    figure.update_layout(
        barmode="stack",
        legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "traceorder": "normal"},
    )
    figure.update_yaxes(title=axis_title, tickformat=",.0f", tickprefix="€ ", gridcolor="#eeeeee", rangemode="tozero")
    figure.update_xaxes(tickformat="d", dtick=1)
    return _layout(figure, 460)


def budget_vs_realised(totals: pd.DataFrame) -> go.Figure:
    """Begroot (hatched, light) next to realisatie (solid, dark) per year, in millions of euro."""
    figure = go.Figure()
    for column, name, colour, pattern in (
        ("begroot_eur", "Begroot", BLUES[1], "/"),
        ("realisatie_eur", "Realisatie", BLUES[4], ""),
    ):
        figure.add_trace(
            go.Bar(
                x=totals.year,
                y=totals[column] / 1e6,
                name=name,
                marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": BLUES[3]}},
                hovertemplate=f"{name} %{{x}}: € %{{y:,.1f}} mln<extra></extra>",
            )
        )
    figure.update_layout(barmode="group", legend={"orientation": "h", "y": -0.15})
    figure.update_yaxes(
        title="miljoen euro", tickformat=",.0f", tickprefix="€ ", gridcolor="#eeeeee", rangemode="tozero"
    )
    figure.update_xaxes(tickformat="d", dtick=1)
    titled(figure, "Uitgaven sociaal domein: begroot en gerealiseerd per jaar (miljoen euro)")
    return _layout(figure, 370)


def indexed(index: pd.Series, base_year: int, mark_year: int | None, claim_pct: float | None) -> go.Figure:
    """Realised spending as an index (``base_year`` = 100), the value of ``mark_year`` written on the
    chart, and the policy's claim as a dotted reference when given."""
    figure = go.Figure(
        go.Scatter(
            x=index.index,
            y=index.values,
            mode="lines+markers",
            line={"color": WIJK_LINE, "width": 3},
            name=f"Realisatie ({base_year} = 100)",
            hovertemplate="%{x}: index %{y:,.1f}<extra></extra>",
        )
    )
    figure.add_hline(y=100, line={"color": "#bdbdbd", "width": 1})
    if claim_pct is not None and mark_year is not None:
        figure.add_trace(
            go.Scatter(
                x=[base_year, mark_year],
                y=[100, 100 + claim_pct],
                mode="lines",
                line={"color": GEMEENTE_LINE, "dash": "dot"},
                name=f"Beleid: ≈ +{format_number(claim_pct)}% in {mark_year - base_year} jaar",
                hoverinfo="skip",
            )
        )
    if mark_year is not None and mark_year in index.index:
        value = float(index[mark_year])
        figure.add_annotation(
            x=mark_year,
            y=value,
            text=f"{mark_year}: {format_number(value, 1)} ({format_change(value - 100, 1)}%)",
            showarrow=True,
            arrowhead=2,
            ax=-40,
            ay=-40,
            bgcolor="white",
        )
    figure.update_yaxes(title=f"index ({base_year} = 100)", tickformat=",.0f", gridcolor="#eeeeee")
    figure.update_xaxes(tickformat="d", dtick=1)
    figure.update_layout(legend={"orientation": "h", "y": -0.15})
    titled(figure, f"Gerealiseerde uitgaven sociaal domein als index ({base_year} = 100)")
    return _layout(figure, 370)


def quadrants(table: pd.DataFrame, gemeente_spending: float, spending_title: str) -> go.Figure:
    """Need score (x) against spending per inwoner (y), one labelled point per wijk; the reference lines
    (gemeente) split the plane into four named quadrants whose names are written in the corners."""
    shown = table.dropna(subset=["quadrant"])
    figure = go.Figure()
    for label, (colour, symbol) in QUADRANT_STYLE.items():
        rows = shown[shown.quadrant == label]
        if rows.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=rows.need_score,
                y=rows.spending_per_inwoner_eur,
                mode="markers+text",
                text=rows["name"],
                textposition="top center",
                name=label,
                marker={"color": colour, "symbol": symbol, "size": 13, "line": {"color": "#252525", "width": 1}},
                hovertemplate="%{text}: vraag %{x:,.2f}, € %{y:,.0f} per inwoner<extra>" + label + "</extra>",
            )
        )
    figure.add_vline(x=0, line={"color": GEMEENTE_LINE, "dash": "dash"})
    figure.add_hline(y=gemeente_spending, line={"color": GEMEENTE_LINE, "dash": "dash"})
    x_limit = max(1.0, float(shown.need_score.abs().max()) * 1.25) if not shown.empty else 1.0
    spread = float((shown.spending_per_inwoner_eur - gemeente_spending).abs().max()) if not shown.empty else 1.0
    y_range = [max(0.0, gemeente_spending - spread * 1.3), gemeente_spending + spread * 1.3]
    corners = (
        (QUADRANTS[(True, False)], x_limit, y_range[0], "right", "bottom"),
        (QUADRANTS[(True, True)], x_limit, y_range[1], "right", "top"),
        (QUADRANTS[(False, True)], -x_limit, y_range[1], "left", "top"),
        (QUADRANTS[(False, False)], -x_limit, y_range[0], "left", "bottom"),
    )
    for label, x, y, xanchor, yanchor in corners:
        figure.add_annotation(
            x=x,
            y=y,
            text=f"<b>{label}</b>",
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            font={"color": QUADRANT_STYLE[label][0] if label != QUADRANTS[(False, True)] else "#5e3c99", "size": 13},
        )
    figure.update_xaxes(
        title="vraag: lager ← gemeente (0) → hoger dan de gemeente",
        range=[-x_limit, x_limit],
        tickformat=",.1f",
        zeroline=False,
        gridcolor="#eeeeee",
    )
    broken = " (as begint niet bij 0)" if y_range[0] > 0 else ""  # a scatter around the gemeente: say the break
    figure.update_yaxes(
        title=spending_title + broken, range=y_range, tickformat=",.0f", tickprefix="€ ", gridcolor="#eeeeee"
    )
    figure.update_layout(legend={"orientation": "h", "y": -0.2})
    titled(figure, "Uitgaven per inwoner tegen de vraag naar zorg, per wijk")
    return _layout(figure, 500)


def cohesion_care(
    points: pd.DataFrame, fit: Fit, x_title: str, y_title: str, names: dict[str, str], y_decimals: int = 1
) -> go.Figure:
    """One point per wijk and year, the least-squares line, and on the chart itself: the strength in words
    and the caveat that this is association, not proof of cause (r and r² go to the method, not the chart)."""
    figure = go.Figure(
        go.Scatter(
            x=points.x,
            y=points.y,
            mode="markers",
            name="wijk in een jaar",
            marker={"color": BLUES[2], "size": 8, "line": {"color": BLUES[4], "width": 1}},
            text=[f"{names.get(a, a)} {y}" for a, y in zip(points.area_code, points.year, strict=True)],
            hovertemplate=f"%{{text}}: %{{x:,.1f}} en %{{y:,.{y_decimals}f}}<extra></extra>",
        )
    )
    x_line = [float(points.x.min()), float(points.x.max())]
    figure.add_trace(
        go.Scatter(
            x=x_line,
            y=[fit.intercept + fit.slope * x for x in x_line],
            mode="lines",
            name="rechte lijn door de punten",
            line={"color": "#e66101", "width": 3},
            hoverinfo="skip",
        )
    )
    # on the chart itself, above the plot area where it covers no point: strength and the caveat
    titled(figure, f"{y_title} tegen {x_title}, per wijk en jaar")
    figure.layout.title.text += f"<br>Verband: <b>{strength(fit.r)}</b> ({fit.n} punten)<br><b>Let op: {CAVEAT}</b>"
    figure.update_xaxes(title=x_title, tickformat=",.1f", gridcolor="#eeeeee")
    figure.update_yaxes(title=y_title, tickformat=",.0f", gridcolor="#eeeeee")
    figure.update_layout(legend={"orientation": "h", "y": -0.2})
    return _layout(figure, 500)
