"""Charts of a wijk against the whole country: the distribution of all NL wijken with the wijk marked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.formatting import format_value
from charts.layout import titled

BAR = "#bdd7e7"
MARK = "#08519c"


def histogram_bins(values: pd.Series, bins: int = 30) -> pd.DataFrame:
    """Equal-width bins over ``values`` (NaN ignored): columns start, end, count (the last bin closed)."""
    present = values.dropna().astype(float)
    if present.empty:
        return pd.DataFrame({"start": [], "end": [], "count": []})
    counts, edges = np.histogram(present, bins=bins)
    return pd.DataFrame({"start": edges[:-1], "end": edges[1:], "count": counts.astype(int)})


def distribution(bins: pd.DataFrame, own_value: float, own_name: str, unit: str, decimals: int) -> go.Figure:
    """Bars of how many NL wijken fall in each bin (``histogram_bins``), a line at the wijk's own value."""
    figure = go.Figure(
        go.Bar(
            x=(bins.start + bins.end) / 2,
            y=bins["count"],
            width=bins.end - bins.start,
            marker={"color": BAR, "line": {"color": "white", "width": 0.5}},
            customdata=np.stack([bins.start, bins.end], axis=-1),
            hovertemplate=f"%{{customdata[0]:.{decimals}f}} tot %{{customdata[1]:.{decimals}f}}{unit}: "
            "%{y} wijken<extra></extra>",
            name="wijken van Nederland",
        )
    )
    figure.add_vline(x=own_value, line={"color": MARK, "width": 3})
    figure.add_annotation(
        x=own_value,
        y=1,
        yref="paper",
        text=f"{own_name}: {format_value(own_value, decimals, unit)}",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        xshift=4,
        bgcolor="rgba(255,255,255,0.85)",
        font={"color": MARK},
    )
    titled(figure, f"Alle wijken van Nederland naar waarde ({unit}), {own_name} gemarkeerd")
    figure.update_layout(
        height=290,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=",.",
        showlegend=False,
        plot_bgcolor="white",
        xaxis={"title": unit, "showgrid": False},
        yaxis={"title": "aantal wijken", "gridcolor": "#eeeeee", "tickformat": ",.0f", "rangemode": "tozero"},
        bargap=0,
    )
    return figure
