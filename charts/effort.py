"""Charts of effort in the wijken: initiatives, subsidy against budget, volunteers, draagkracht.

Every chart says in text what colour also says (values, signs, "niet getoond"), uses Dutch number
formats (separators ",." plus explicit tick formats) and the shared colours: blue = favourable.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.formatting import SUPPRESSED, format_change, format_number
from charts.colors import BLUES
from charts.layout import mid_quarter, titled, wrap, year_axis
from charts.profile import FAVOURABLE, GEMEENTE_LINE, UNFAVOURABLE, WIJK_LINE, _layout

BAR = BLUES[3]
BUDGET = "#636363"
OVER_BUDGET = UNFAVOURABLE


def per_wijk_bars(
    table: pd.DataFrame, column: str, axis_title: str, decimals: int, prefix: str = "", highlight: str | None = None
) -> go.Figure:
    """Horizontal bars of ``column`` per wijk (rows of effort.summary_per_wijk without the gemeente).

    Suppressed wijken keep their line with the text "– niet getoond", so none silently disappears. The
    gemeente value, when given in ``table.attrs['gemeente']``, is a dashed line with its value in words.
    The ``highlight`` wijk (area_code) is dark blue and marked "gekozen" in its label.
    """
    table = table.iloc[::-1]  # first wijk on top
    values = table[column]
    top = float(values.max()) if values.notna().any() and values.max() > 0 else 1.0
    chosen = table.area_code == highlight
    text = [
        (f"{SUPPRESSED} niet getoond" if pd.isna(v) else f"{prefix}{format_number(v, decimals)}")
        + (" ◀ gekozen" if c else "")
        for v, c in zip(values, chosen, strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=values.fillna(0),
            y=table["name"],
            orientation="h",
            marker_color=[BLUES[4] if c else BLUES[2] for c in chosen] if highlight else BAR,
            text=text,
            # inside long bars (clear of the gemeente line); outside short ones and "niet getoond"
            textposition=["inside" if v >= 0.35 * top else "outside" for v in values.fillna(0)],
            insidetextanchor="end",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    reference = table.attrs.get("gemeente")
    if reference is not None and not pd.isna(reference):
        figure.add_vline(
            x=reference,
            line={"color": GEMEENTE_LINE, "dash": "dash"},
            layer="below",  # under the bars and their value labels, so every label stays readable
            annotation_text=f"gemeente {prefix}{format_number(reference, decimals)}",
            annotation_position="top",
        )
    figure.update_xaxes(title=axis_title, tickformat=",.0f", gridcolor="#eeeeee", range=[0, top * 1.3])
    figure.update_yaxes(automargin=True)
    titled(figure, f"{axis_title} per wijk", panel_title_lines=1)  # above the gemeente line's label
    return _layout(figure, 110 + 26 * len(table))


def over_time(per_year: pd.DataFrame, highlight_year: int | None = None) -> go.Figure:
    """Three small multiples: initiatives, participants and subsidy per start year.

    ``per_year``: year, initiatives, participants, subsidy_eur (NaN = suppressed small number). The
    chosen year's bars are dark blue, the others light, and the year is also named in the title.
    """
    panels = (
        ("initiatives", "Gestarte initiatieven", ",.0f", ""),
        ("participants", "Deelnemers", ",.0f", ""),
        ("subsidy_eur", "Subsidie (€)", ",.0f", "€ "),
    )
    titles = [  # narrow panels on a phone: short lines
        wrap(title, 14) + (f"<br>(gekozen: {highlight_year})" if highlight_year and n == 0 else "")
        for n, (_, title, _, _) in enumerate(panels)
    ]
    figure = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.07)
    colours = [BLUES[4] if year == highlight_year else BLUES[2] for year in per_year.year]
    for number, (column, title, tick, prefix) in enumerate(panels, start=1):
        text = [SUPPRESSED if pd.isna(v) else f"{prefix}{format_number(v)}" for v in per_year[column]]
        figure.add_trace(
            go.Bar(
                x=per_year.year,
                y=per_year[column].fillna(0),
                marker_color=colours,
                name=title,
                showlegend=False,
                customdata=text,
                hovertemplate=f"{title} %{{x}}: %{{customdata}}<extra></extra>",
            ),
            row=1,
            col=number,
        )
        figure.update_yaxes(tickformat=tick, gridcolor="#eeeeee", rangemode="tozero", row=1, col=number)
        if per_year[column].isna().all():
            figure.update_yaxes(range=[0, 5], row=1, col=number)
        if per_year[column].isna().any():  # say it on the chart: an empty bar is not a zero
            figure.add_annotation(
                text="– = 1 t/m 4, niet getoond",
                xref=f"x{number if number > 1 else ''} domain",
                yref=f"y{number if number > 1 else ''} domain",
                x=0.5,
                y=0.95,
                showarrow=False,
                font={"size": 11, "color": "#525252"},
            )
        figure.update_xaxes(tickformat="d", dtick=2, row=1, col=number)
    figure.update_annotations(font_size=13)
    titled(figure, "Initiatieven, deelnemers en subsidie per startjaar", max(t.count("<br>") + 1 for t in titles))
    return _layout(figure, 360)


def subsidy_vs_budget(table: pd.DataFrame) -> go.Figure:
    """Bars: subsidy granted per year; a dashed line with markers: the budget. Overspent years are orange
    *and* labelled with their percentage of the budget, so colour is not the only carrier."""
    over = table.granted_eur > table.budget_eur
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=table.year,
            y=table.granted_eur,
            name="Toegekende subsidie (% van budget; ▲ = boven budget)",
            marker_color=[OVER_BUDGET if o else BAR for o in over],
            text=[f"{format_number(p)}%" + (" ▲" if o else "") for p, o in zip(table.used_pct, over, strict=True)],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertemplate="%{x}: € %{y:,.0f} toegekend<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=table.year,
            y=table.budget_eur,
            name="Budget buurtinitiatieven",
            mode="lines+markers",
            line={"color": BUDGET, "dash": "dash", "shape": "hvh"},
            marker={"symbol": "line-ew-open", "size": 18, "color": BUDGET},
            hovertemplate="%{x}: budget € %{y:,.0f}<extra></extra>",
        )
    )
    top = float(max(table.granted_eur.max(), table.budget_eur.max()))
    figure.update_yaxes(title="euro", tickformat=",.0f", tickprefix="€ ", gridcolor="#eeeeee", range=[0, top * 1.2])
    figure.update_xaxes(tickformat="d", dtick=1)
    figure.update_layout(legend={"orientation": "h", "y": -0.15})
    titled(figure, "Toegekende subsidie en budget buurtinitiatieven per jaar (euro)")
    return _layout(figure, 340)


def volunteer_trend(rates: pd.DataFrame, names: dict[str, str], reference: str) -> go.Figure:
    """Two panels per quarter: active volunteers and hours per 1,000 inhabitants; one line per area in
    ``names`` (the gemeente, ``reference``, grey and dashed)."""
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=[
            wrap("Actieve vrijwilligers per 1.000 inwoners", 22),
            wrap("Uren vrijwilligerswerk per 1.000 inwoners", 22),
        ],
        horizontal_spacing=0.08,
    )
    for code, name in names.items():
        own = rates[rates.area_code == code]
        colour, dash = (GEMEENTE_LINE, "dash") if code == reference else (WIJK_LINE, "solid")
        x = mid_quarter(own.year, own.quarter)
        for number, (column, decimals) in enumerate((("volunteers_per_1000", 1), ("hours_per_1000", 0)), start=1):
            figure.add_trace(
                go.Scatter(
                    x=x,
                    y=own[column],
                    name=name,
                    legendgroup=code,
                    showlegend=number == 1,
                    mode="lines+markers",
                    marker={"size": 4, "symbol": "circle" if code == reference else "square"},
                    line={"color": colour, "dash": dash, "width": 2},
                    customdata=own.period,
                    hovertemplate=f"{name} %{{customdata}}: %{{y:,.{decimals}f}}<extra></extra>",
                ),
                row=1,
                col=number,
            )
            figure.update_yaxes(tickformat=",.0f", gridcolor="#eeeeee", rangemode="tozero", row=1, col=number)
            year_axis(figure, row=1, col=number)
    figure.update_annotations(font_size=13)
    figure.update_layout(legend={"orientation": "h", "y": -0.15})
    titled(figure, "Vrijwilligers per kwartaal, per 1.000 inwoners", 2)
    return _layout(figure, 400)


def draagkracht_bars(table: pd.DataFrame) -> go.Figure:
    """Draagkracht per wijk, strongest on top: blue right of 0 (stronger than the average wijk), orange
    left; the signed score is written next to each bar, and wijken without a score say why."""
    scored = table.sort_values("score", ascending=True, na_position="first")
    text = [f"{SUPPRESSED} geen score" if pd.isna(v) else format_change(v, 2) for v in scored.score]
    figure = go.Figure(
        go.Bar(
            x=scored.score.fillna(0),
            y=scored["name"],
            orientation="h",
            marker_color=[FAVOURABLE if v >= 0 else UNFAVOURABLE for v in scored.score.fillna(0)],
            text=text,
            textposition="outside",
            cliponaxis=False,
            customdata=scored[["samenhang_score", "buurtactiviteiten_per_1000"]].round(1),
            hovertemplate="%{y}: %{text}<br>samenhang %{customdata[0]:,.1f}, "
            "buurtactiviteiten per 1.000 %{customdata[1]:,.1f}<extra></extra>",
        )
    )
    limit = max(1.0, float(scored.score.abs().max()) * 1.4) if scored.score.notna().any() else 1.0
    figure.update_xaxes(
        range=[-limit, limit],
        title="draagkracht (0 = gemiddelde wijk; hoger = sterker)",
        tickformat=",.1f",
        zeroline=True,
        zerolinecolor="#252525",
        gridcolor="#eeeeee",
    )
    figure.update_yaxes(automargin=True)
    titled(figure, "Draagkracht per wijk (0 = de gemiddelde wijk)")
    return _layout(figure, 110 + 28 * len(scored))
