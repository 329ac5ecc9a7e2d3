"""Charts of one wijk: the index's decomposition, the index over time, small-multiple trends."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.formatting import format_change
from analysis.national import NEDERLAND
from charts.colors import FAVOURABLE, UNFAVOURABLE
from charts.layout import INDEX_LINE, is_index, titled, value_rangemode, wrap

WIJK_LINE = "#08519c"
NEDERLAND_LINE = "#252525"  # Nederland: dotted, darker than the gemeente
GEMEENTE_LINE = "#737373"
FONT = {"family": "Source Sans Pro, sans-serif", "size": 13}


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height,
        separators=",.",
        font=FONT,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        hoverlabel={"bgcolor": "white"},
    )
    return figure


def contributions(parts: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Horizontal bars: what pulls the index up (blue, right) or down (orange, left).

    ``parts``: indicator_id, contribution (index points). The sign is also in the text, not only the colour.
    """
    parts = parts.sort_values("contribution")
    text = [format_change(value, 1) for value in parts.contribution]
    figure = go.Figure(
        go.Bar(
            x=parts.contribution,
            y=[labels[i] for i in parts.indicator_id],
            orientation="h",
            text=text,
            textposition="outside",
            cliponaxis=False,
            marker_color=[FAVOURABLE if value >= 0 else UNFAVOURABLE for value in parts.contribution],
            hovertemplate="%{y}: %{text} indexpunten<extra></extra>",
        )
    )
    limit = max(1.0, float(parts.contribution.abs().max()) * 1.3)
    figure.update_xaxes(
        range=[-limit, limit],
        title="bijdrage aan de index (punten)",
        zeroline=True,
        zerolinecolor="#252525",
        gridcolor="#eeeeee",
        tickformat=",.0f",
    )
    titled(figure, "Wat de index omhoog (blauw) en omlaag (oranje) trekt, in indexpunten")
    return _layout(figure, 90 + 34 * len(parts))


def index_over_time(scores: pd.DataFrame, names: dict[str, str], base_year: int) -> go.Figure:
    """The index of each area in ``scores`` (area_code, year, index) over the years; 100 marked."""
    figure = go.Figure()
    for number, (area_code, series) in enumerate(scores.groupby("area_code", sort=False)):
        gemeente = number > 0
        figure.add_trace(
            go.Scatter(
                x=series.year,
                y=series["index"],
                name=names[area_code],
                mode="lines+markers",
                line={"color": GEMEENTE_LINE if gemeente else WIJK_LINE, "dash": "dash" if gemeente else "solid"},
                hovertemplate=f"{names[area_code]} %{{x}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    figure.add_hline(
        y=100,
        line={"color": "#bdbdbd", "width": 1},
        annotation_text=f"100 = gemeente in {base_year}",
        annotation_position="bottom right",
    )
    figure.update_yaxes(title=f"index ({base_year} gemeente = 100)", tickformat=",.0f", gridcolor="#eeeeee")
    figure.update_xaxes(dtick=1, tickformat="d")
    figure.update_layout(legend={"orientation": "h", "y": -0.2})
    titled(figure, f"Sociale-samenhangindex per jaar (100 = de gemeente in {base_year})")
    return _layout(figure, 340)


# Okabe-Ito: distinguishable for the common kinds of colour blindness. The gemeente is grey and dashed.
AREA_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")


def _with_unit(label: str, unit: str) -> str:
    """'Ernstig eenzaam (%)'; the label alone when it already names its unit ('… per 1.000 inwoners')."""
    return label if unit in label else f"{label} ({unit})"


def trends(series: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], reference: str,
           columns: int = 3) -> go.Figure:  # fmt: skip
    """Small multiples, one panel per indicator, one line per area; ``reference`` (the gemeente) dashed grey,
    Nederland (NL01, where ``series`` has it: analysis.national.with_nederland) dotted dark grey.

    ``series``: indicator_id, area_code, year, value. ``names``: area_code -> name, in legend order.
    """
    ids = [i for i in indicators.indicator_id if i in set(series.indicator_id)]
    rows = max(1, math.ceil(len(ids) / columns))
    meta = indicators.set_index("indicator_id")
    titles = [wrap(_with_unit(meta.at[i, "label"], meta.at[i, "unit"]), 16) for i in ids]  # narrow panels on a phone
    lines = max((title.count("<br>") + 1 for title in titles), default=1)
    grid = make_subplots(rows=rows, cols=columns, subplot_titles=titles,
                         vertical_spacing=(0.25 + 0.12 * lines) / rows, horizontal_spacing=0.12)  # fmt: skip
    colours = iter(AREA_COLOURS * 3)
    styles = {
        code: (GEMEENTE_LINE, "dash")
        if code == reference
        else (NEDERLAND_LINE, "dot")
        if code == NEDERLAND
        else (next(colours), "solid")
        for code in names
    }
    # one figure built from plain dicts, validated once: adding the traces and styling the axes panel by panel
    # (add_trace, update_yaxes with row/col) walked the whole figure on every call and made this chart most of
    # a Wijkprofiel rerun
    traces, axes = [], {}
    for number, indicator_id in enumerate(ids):
        row, column = divmod(number, columns)
        decimals = int(meta.at[indicator_id, "decimals"])
        subplot = grid.get_subplot(row + 1, column + 1)
        x_name, y_name = subplot.xaxis.plotly_name, subplot.yaxis.plotly_name
        panel = series[series.indicator_id == indicator_id]
        for code, name in names.items():
            line = panel[panel.area_code == code].sort_values("year")
            colour, dash = styles[code]
            traces.append(
                {
                    "type": "scatter", "x": line.year.to_numpy(), "y": line.value.to_numpy(), "name": name,
                    "legendgroup": code, "showlegend": number == 0, "mode": "lines",
                    "line": {"color": colour, "dash": dash, "width": 2},
                    "hovertemplate": f"{name} %{{x}}: %{{y:,.{decimals}f}}<extra></extra>",
                    "xaxis": x_name.replace("axis", ""), "yaxis": y_name.replace("axis", ""),
                }
            )  # fmt: skip
        unit = str(meta.at[indicator_id, "unit"])
        # the unit is in the panel's title, not on the axis
        axes[y_name] = {"tickformat": f",.{decimals}f", "gridcolor": "#eeeeee", "rangemode": value_rangemode(unit)}
        axes[x_name] = {"tickformat": "d"}
        if is_index(unit):  # as charts.layout.value_axis draws it (the panel has no traces yet: keep it anyway)
            grid.add_hline(y=100, line=INDEX_LINE, row=row + 1, col=column + 1, exclude_empty_subplots=False)
    layout = grid.layout.to_plotly_json()
    layout.pop("template", None)  # the default one is applied again
    for axis, style in axes.items():
        layout[axis] = {**layout[axis], **style}
    for annotation in layout.get("annotations", []):  # the panel titles
        annotation["font"] = {**annotation.get("font", {}), "size": 13}
    layout["legend"] = {"orientation": "h", "y": -0.08 * 3 / rows, "yanchor": "top", "x": 0}
    decor = _layout(titled(go.Figure(), "Ontwikkeling per indicator, per jaar", lines), 90 + (150 + 18 * lines) * rows)
    layout |= {key: value for key, value in decor.layout.to_plotly_json().items() if key != "template"}
    return go.Figure(data=traces, layout=layout)
