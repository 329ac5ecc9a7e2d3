"""The snapshot's pictures as PNG: matplotlib and geopandas, no browser, no network.

Each function returns an :class:`Image`: the PNG bytes with the alt text that says in words what the
picture shows (the PDF also prints the same figures as a table). Colours come from ``charts.colors`` so
the paper matches the app. Pictures are deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib
import numpy
import pandas as pd
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis import ambitions
from analysis.formatting import format_change, format_number, format_value
from charts import colors
from report import figure_data
from report.figure_data import (
    DPI,
    RD_NEW,
    WIDTH_IN,
    AmbitionPanel,
    Image,
    Series,
    TrendPanel,
    shapes_rd,
    starts_at_zero,
)

# the data the pictures are drawn from and their sizes live in report.figure_data (no matplotlib there)
__all__ = ["DPI", "RD_NEW", "WIDTH_IN", "AmbitionPanel", "Image", "Series", "TrendPanel", "shapes_rd", "starts_at_zero"]

matplotlib.use("Agg")  # no display; set before any canvas is made
STYLE = {"font.family": "DejaVu Sans", "font.size": 8, "axes.edgecolor": "#bdbdbd", "axes.linewidth": 0.6}
STATUS_COLOURS = {ambitions.ON_TRACK: "#3182bd", ambitions.ATTENTION: "#fdb863", ambitions.BEHIND: "#e66101"}


def _png(figure: Figure) -> bytes:
    """The figure as an RGB PNG at :data:`DPI`: laid out once, drawn once.

    ``savefig`` would walk every artist twice (a layout pass with drawing disabled, then the real draw); here the
    layout engine runs once at the final resolution and is then switched off for the one real draw, as
    ``savefig`` does after its first pass. The paper is white, so no alpha channel: WeasyPrint would otherwise
    split it off and compress the picture twice. Low zlib effort: WeasyPrint recompresses the pixels anyway."""
    canvas = FigureCanvasAgg(figure)
    figure.set_dpi(DPI)
    engine = figure.get_layout_engine()
    if engine is not None:
        for ax in figure.axes:
            ax.apply_aspect()  # as Figure.draw does before it runs the layout engine
        engine.execute(figure)
        figure.set_layout_engine("none")
    canvas.draw()
    pixels = numpy.asarray(canvas.buffer_rgba())[..., :3]
    buffer = io.BytesIO()
    PIL.Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _nl(decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: format_number(value, decimals))


def class_map(
    boundaries: pd.DataFrame,
    table: pd.DataFrame,
    legend_labels: tuple[str, ...],
    palette: tuple[str, ...],
    no_value_label: str,
    alt: str,
) -> Image:
    """The wijken coloured by class 0..4 (``table``: area_code, number, klasse, symbol), each labelled with
    its wijk number and the class symbol (▲▲ ▲ ● ▼ ▼▼, also in the legend), so the map reads in black and
    white; wijken without a class in grey with hatching. Values are in the table beside the map: a one-line
    label keeps the small central wijken readable."""
    shapes = shapes_rd(boundaries).join(table.set_index("area_code"))
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=figure_data.CLASS_MAP_SIZE, layout="constrained")
        ax = figure.add_subplot()
        for klasse, colour in enumerate(palette):
            part = shapes[shapes.klasse == klasse]
            if not part.empty:
                part.plot(ax=ax, color=colour, edgecolor="#ffffff", linewidth=0.8)
        missing = shapes[shapes.klasse.isna()]
        if not missing.empty:
            missing.plot(ax=ax, color=colors.NO_DATA, edgecolor="#ffffff", linewidth=0.8, hatch="///")
        labels = []
        for _code, row in shapes.iterrows():
            point = row.geometry.representative_point()
            labels.append(
                ax.annotate(
                    f"{row.number} {row.symbol}".strip(),
                    (point.x, point.y),
                    xytext=(point.x, point.y),
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color="#000000",
                    zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "#ffffff", "edgecolor": "none", "alpha": 0.9},
                )
            )
        ax.set_axis_off()
        ax.set_aspect("equal")
        handles = [
            Patch(facecolor=c, edgecolor="#969696", label=label)
            for c, label in zip(palette, legend_labels, strict=True)
        ]
        handles.append(Patch(facecolor=colors.NO_DATA, edgecolor="#969696", hatch="///", label=no_value_label))
        # below the map, inside the figure: a legend beside it would be cut off at the page margin
        figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=7)
        _spread_labels(figure, ax, labels)  # last: the legend changes the layout and so the map's scale
        return Image(_png(figure), alt)


def _spread_labels(figure: Figure, ax: object, labels: list, gap: float = 2.0) -> None:
    """Move overlapping labels apart (small central wijken) and join a moved label to its wijk with a thin
    line. Deterministic: the same labels always end in the same place. Works in display pixels, after layout."""
    canvas = FigureCanvasAgg(figure)
    figure.draw_without_rendering()
    renderer = canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    size = [(b.width + gap, b.height + gap) for b in boxes]
    centre = [[b.x0 + b.width / 2, b.y0 + b.height / 2] for b in boxes]
    start = [list(c) for c in centre]
    for _ in range(300):
        moved = False
        for i in range(len(centre)):
            for j in range(i + 1, len(centre)):
                dx, dy = centre[j][0] - centre[i][0], centre[j][1] - centre[i][1]
                overlap_x = (size[i][0] + size[j][0]) / 2 - abs(dx)
                overlap_y = (size[i][1] + size[j][1]) / 2 - abs(dy)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_y <= overlap_x:  # the cheaper way out: labels are wider than high
                    step = (overlap_y / 2 + 0.5) * (1 if dy > 0 or (dy == 0 and j > i) else -1)
                    centre[i][1] -= step
                    centre[j][1] += step
                else:
                    step = (overlap_x / 2 + 0.5) * (1 if dx > 0 or (dx == 0 and j > i) else -1)
                    centre[i][0] -= step
                    centre[j][0] += step
        if not moved:
            break
    to_data = ax.transData.inverted()
    for label, (x, y), (x0, y0) in zip(labels, centre, start, strict=True):
        if math.hypot(x - x0, y - y0) < 1:
            continue
        new = to_data.transform((x, y))
        label.set_position((float(new[0]), float(new[1])))
        anchor = label.xy
        ax.plot([anchor[0], new[0]], [anchor[1], new[1]], color="#252525", linewidth=0.5, zorder=3)


def locator_map(boundaries: pd.DataFrame, area_code: str, names: dict[str, str], alt: str) -> Image:
    """All wijken in light grey, ``area_code`` in dark blue and named: where the wijk lies."""
    shapes = shapes_rd(boundaries)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=figure_data.LOCATOR_SIZE, layout="constrained")
        ax = figure.add_subplot()
        shapes.drop(index=area_code).plot(ax=ax, color="#e0e0e0", edgecolor="#ffffff", linewidth=0.8)
        shapes.loc[[area_code]].plot(ax=ax, color=colors.BLUES[-1], edgecolor="#ffffff", linewidth=0.8)
        point = shapes.loc[area_code].geometry.representative_point()
        ax.annotate(
            names[area_code],
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color="#000000",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "#ffffff", "edgecolor": "#08519c", "linewidth": 0.6},
        )
        ax.set_axis_off()
        ax.set_aspect("equal")
        return Image(_png(figure), alt)


def contribution_bars(parts: pd.DataFrame, labels: dict[str, str], alt: str) -> Image:
    """What pulls the index up (blue, right) or down (orange, left); the signed value is written at
    each bar, so colour is never the only carrier. ``parts``: indicator_id, contribution."""
    parts = parts.sort_values("contribution")
    limit = max(1.0, float(parts.contribution.abs().max()) * 1.35)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=figure_data.bars_size(len(parts)), layout="constrained")
        ax = figure.add_subplot()
        positions = range(len(parts))
        values = list(parts.contribution)
        ax.barh(
            positions,
            values,
            color=[colors.FAVOURABLE if v >= 0 else colors.UNFAVOURABLE for v in values],
            height=0.65,
        )
        for y, value in zip(positions, values, strict=True):
            ax.text(
                value + (0.03 if value >= 0 else -0.03) * limit,
                y,
                format_change(value, 1),
                va="center",
                ha="left" if value >= 0 else "right",
                fontsize=7,
            )
        ax.set_yticks(list(positions), [labels[i] for i in parts.indicator_id])
        ax.axvline(0, color="#252525", linewidth=0.8)
        ax.set_xlim(-limit, limit)
        ax.xaxis.set_major_formatter(_nl(0))
        ax.set_xlabel("bijdrage aan de index (punten)")
        ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return Image(_png(figure), alt)


def status_bars(rows: pd.DataFrame, alt: str) -> Image:
    """Each indicator's distance to its required path, as % of the nulmeting→doel distance (+ = ahead),
    with the aandacht and achter zones shaded and the status and the distance written at each bar.

    ``rows``: label, share (fraction; NaN = no measurement), status (or None). The axis runs from at least
    -100% to +50% and further where a bar does (in steps of 50%): a bar is never cut off below its number.
    """
    rows = rows.iloc[::-1].reset_index(drop=True)  # matplotlib draws bottom-up: keep the table's order
    percents = [float(s) * 100 for s in rows.share if not pd.isna(s)]
    low = min(-100.0, math.floor(min(percents, default=0.0) / 50) * 50)
    high = max(50.0, math.ceil(max(percents, default=0.0) / 50) * 50)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_IN, 0.6 + 0.22 * len(rows)), layout="constrained")
        ax = figure.add_subplot()
        ax.axvspan(-ambitions.BEHIND_SHARE * 100, -ambitions.ATTENTION_SHARE * 100, color="#fff3bf", zorder=0)
        ax.axvspan(low, -ambitions.BEHIND_SHARE * 100, color="#fde0d2", zorder=0)
        for y, (share, status) in enumerate(zip(rows.share, rows.status, strict=True)):
            known = isinstance(status, str) and not pd.isna(share)
            percent = float(share) * 100 if known else 0.0
            drawn = min(max(percent, low), high)
            ax.barh(y, drawn, color=STATUS_COLOURS[status] if known else colors.NO_DATA, height=0.62)
            text = ambitions.status_label(status if known else None)
            if known:
                text += f" ({format_change(percent, 0)}%)"
            ax.text(max(drawn, 0) + 1.5, y, text, va="center", ha="left", fontsize=6.5)
        ax.set_yticks(range(len(rows)), list(rows.label))
        ax.axvline(0, color="#252525", linewidth=0.8)
        ax.set_xlim(low, high + 0.3 * (high - low))  # room for the status text right of the bars
        step = 25 if high - low <= 150 else 50 if high - low <= 300 else 100
        ax.set_xticks(list(range(int(low), int(high) + 1, step)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{format_number(v, 0)}%"))
        ax.set_xlabel("vóór (+) of achter (−) op het benodigde pad,\nin % van de afstand nulmeting–doel")
        ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return Image(_png(figure), alt)


# -- trends and ambitions: small multiples for print -----------------------------------------------------------

AREA_LINE = colors.BLUES[-1]  # the area the snapshot is about: dark blue, solid, round markers
REFERENCE_LINE = "#737373"  # the gemeente beside a wijk: grey, dashed, square markers (tells apart in b/w)
TARGET_COLOUR = "#e6550d"  # the 2030 target: orange diamond, also darker than the path in greyscale


def _year_axis(ax: object, xs: list[float]) -> None:
    """Whole years on the x axis, at most five ticks, never a fraction."""
    first, last = math.floor(min(xs)), math.ceil(max(xs))
    step = max(1, math.ceil((last - first) / 4))
    ax.set_xticks(list(range(first, last + 1, step)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))
    ax.set_xlim(first - 0.4, last + 0.4 + 0.18 * max(last - first, 1))  # room for the last value's label


def _wrap(title: str, width: int, lines: int = 2) -> str:
    """A panel title on at most ``lines`` lines of about ``width`` characters (small multiples are narrow)."""
    wrapped = textwrap.wrap(title, width)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], " ".join(wrapped[lines - 1 :])]
    return "\n".join(wrapped)


def _axis_break(ax: object) -> None:
    """Two short slanted strokes across the foot of the y axis: this axis does not start at zero. Drawn as
    markers, so the strokes have the same size in a narrow and a wide panel."""
    stroke = [(-1.0, -0.6), (1.0, 0.6)]
    for y in (0.05, 0.1):
        ax.plot([0], [y], transform=ax.transAxes, marker=stroke, markersize=6, color="#252525", markeredgewidth=0.8,
                linestyle="none", clip_on=False)  # fmt: skip


def _unit_label(unit: str) -> str:
    return "%" if unit.startswith("%") else "€" if unit.startswith("euro") else unit


def _label_end(ax: object, series: Series, decimals: int, unit: str, colour: str, offset: int) -> None:
    """The last value written beside the line's end: the number is there without reading the axis."""
    ax.annotate(
        format_value(series.y[-1], decimals, unit),
        (series.x[-1], series.y[-1]),
        xytext=(4, offset),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=6.5,
        color=colour,
    )


def trend_grid(panels: list[TrendPanel], legend: tuple[str, str | None, str | None], alt: str) -> Image:
    """Small multiples of trends, three per row: the area's line dark blue and solid with dots, the
    reference grey and dashed with squares, the band light grey; the last values written at the lines' ends
    (readable in black and white). ``legend``: the labels of line, reference and band (None: not drawn)."""
    grid = figure_data.trend_grid(len(panels))
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=grid.size, layout="constrained")
        axes = figure.subplots(grid.rows, grid.columns, squeeze=False)
        for ax, panel in zip(axes.flat, panels, strict=False):
            xs = list(panel.line.x) + (list(panel.reference.x) if panel.reference else [])
            if panel.band is not None:
                ax.fill_between(panel.band[0], panel.band[1], panel.band[2], color="#e5e5e5", linewidth=0)
                xs += list(panel.band[0])
            if panel.reference is not None and panel.reference.y:
                ax.plot(panel.reference.x, panel.reference.y, color=REFERENCE_LINE, linestyle="--", linewidth=1.1,
                        marker="s", markersize=2.5)  # fmt: skip
            ax.plot(panel.line.x, panel.line.y, color=AREA_LINE, linewidth=1.6, marker="o", markersize=3)
            above = panel.reference is None or not panel.reference.y or panel.line.y[-1] >= panel.reference.y[-1]
            _label_end(ax, panel.line, panel.decimals, panel.unit, AREA_LINE, 5 if above else -5)
            if panel.reference is not None and panel.reference.y:
                _label_end(ax, panel.reference, panel.decimals, panel.unit, REFERENCE_LINE, -5 if above else 5)
            _year_axis(ax, xs)
            if panel.from_zero:
                ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.08)
            else:
                _axis_break(ax)
            ax.yaxis.set_major_formatter(_nl(panel.decimals if ax.get_ylim()[1] < 10 else 0))
            ax.set_title(_wrap(panel.title, 28 if grid.columns == 3 else 90), fontsize=7, loc="left", fontweight="bold")
            ax.set_ylabel(_unit_label(panel.unit), fontsize=6.5)
            _small_multiple_style(ax, 6.5)
        for ax in list(axes.flat)[len(panels) :]:
            ax.set_visible(False)
        handles = [Line2D([], [], color=AREA_LINE, linewidth=1.6, marker="o", markersize=3, label=legend[0])]
        if legend[1]:
            handles.append(Line2D([], [], color=REFERENCE_LINE, linestyle="--", marker="s", markersize=2.5,
                                  label=legend[1]))  # fmt: skip
        if legend[2]:
            handles.append(Patch(facecolor="#e5e5e5", label=legend[2]))
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, fontsize=7)
        return Image(_png(figure), alt)


def ambition_grid(panels: list[AmbitionPanel], alt: str) -> Image:
    """Small multiples, four per row: realised (dark blue, solid, dots), the required path (grey, dashed)
    and the target (orange diamond with its value), the status with its symbol under the title."""
    grid = figure_data.ambition_grid(len(panels))
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=grid.size, layout="constrained")
        axes = figure.subplots(grid.rows, grid.columns, squeeze=False)
        for ax, panel in zip(axes.flat, panels, strict=False):
            ax.plot(panel.path.x, panel.path.y, color=REFERENCE_LINE, linestyle="--", linewidth=1.0)
            if panel.realised.y:
                ax.plot(panel.realised.x, panel.realised.y, color=AREA_LINE, linewidth=1.5, marker="o",
                        markersize=2.5)  # fmt: skip
            ax.plot([panel.target_year], [panel.target], marker="D", color=TARGET_COLOUR, markersize=4, ls="none")
            ax.annotate(
                format_value(panel.target, panel.decimals, panel.unit),
                (panel.target_year, panel.target),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=6,
                color="#000000",
            )
            values = [*panel.path.y, *panel.realised.y, panel.target]
            top = max(values) * 1.15
            spread = max(values) - min(values) or abs(max(values)) * 0.1 or 1.0
            from_zero = starts_at_zero(panel.unit)
            if from_zero:
                ax.set_ylim(0, top)
            else:
                ax.set_ylim(min(values) - 0.3 * spread, max(values) + 0.4 * spread)
            if not from_zero:
                _axis_break(ax)
            ax.set_xlim(min([*panel.path.x, *panel.realised.x]) - 0.5, panel.target_year + 0.8)
            ax.set_xticks(sorted({int(min([*panel.path.x, *panel.realised.x])), panel.target_year}))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))
            ax.yaxis.set_major_formatter(_nl(panel.decimals if top < 10 else 0))
            title = _wrap(panel.title, 26 if grid.columns == 4 else 21, 3)
            ax.set_title(f"{title}\n{panel.status}", fontsize=6.5, loc="left")
            _small_multiple_style(ax, 6)
        for ax in list(axes.flat)[len(panels) :]:
            ax.set_visible(False)
        handles = [
            Line2D([], [], color=AREA_LINE, linewidth=1.5, marker="o", markersize=2.5, label="gemeten"),
            Line2D([], [], color=REFERENCE_LINE, linestyle="--", label="benodigd pad"),
            Line2D([], [], color=TARGET_COLOUR, marker="D", linestyle="none", markersize=4, label="doel 2030"),
        ]
        figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, fontsize=7)
        return Image(_png(figure), alt)


def _small_multiple_style(ax, labelsize: float) -> None:
    """One panel of small multiples: small ticks, light horizontal grid behind the lines, no top/right frame."""
    ax.tick_params(labelsize=labelsize)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
