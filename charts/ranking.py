"""Many wijken at once (Vergelijken with more than ~15 wijken): one strip per indicator, one dot per wijk."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts import colors
from charts.profile import FONT, GEMEENTE_LINE
from charts.text import for_plotly

ROW_HEIGHT = 70  # px per indicator strip


def strips(heat: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Per indicator (a row with its own axis) every wijk as a dot at its value, coloured by its class
    against the gemeente (the heat-table's and the map's colours), with the gemeente as a grey line.

    ``heat``: analysis.compare.heat_table rows (indicator_id, name, value, gemeente_value, klasse, symbol)
    plus ``direction`` and ``label`` (the indicator label with year). Hover names the wijk, value and symbol.
    """
    order = list(dict.fromkeys(heat.indicator_id))
    figure = make_subplots(rows=len(order), cols=1, vertical_spacing=0.5 / max(len(order), 1) / 2)
    for row, indicator_id in enumerate(order, start=1):
        part = heat[(heat.indicator_id == indicator_id) & heat.value.notna()]
        palette = colors.class_colours(part.direction.iloc[0]) if not part.empty else colors.CLASS_COLOURS_NEUTRAL
        figure.add_trace(
            go.Scatter(
                x=part.value,
                y=[0] * len(part),
                mode="markers",
                marker={
                    "size": 11,
                    "color": [palette[int(k)] if pd.notna(k) else colors.NO_DATA for k in part.klasse],
                    "line": {"width": 0.6, "color": "#525252"},
                },
                text=[for_plotly(n) for n in part.name],
                customdata=part.symbol,
                hovertemplate="%{text}: %{x:,.1f} %{customdata}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        reference = heat[heat.indicator_id == indicator_id].gemeente_value.dropna()
        if not reference.empty:
            figure.add_vline(x=float(reference.iloc[0]), line={"color": GEMEENTE_LINE, "dash": "dash"}, row=row, col=1)
        figure.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, range=[-1, 1], row=row, col=1)
        figure.update_xaxes(
            title={"text": for_plotly(labels[indicator_id]), "standoff": 2, "font": {"size": 12}},
            tickformat=",~r",
            row=row,
            col=1,
        )
    figure.update_layout(
        height=ROW_HEIGHT * len(order) + 40 * len(order),
        separators=",.",
        font=FONT,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        hoverlabel={"bgcolor": "white"},
    )
    return figure
