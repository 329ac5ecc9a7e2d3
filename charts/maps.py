"""Maps of the wijken, drawn as SVG: plotly ``choropleth`` and ``scattergeo`` on a ``geo`` subplot without a base
map, in the Mercator projection, fitted to what is drawn. Nothing is fetched from the internet.

Not MapLibre (plotly's ``choropleth_map``): without a GPU the browser draws WebGL in software, and that map was
most of a new session's time (README, "A new session's time was the MapLibre map"). SVG has no collision
detection for text, so the names are placed here (:func:`place_labels`): larger areas first, a name that would
overlap one already placed is left out, as MapLibre did. Every name stays in the hover and the table.

Plotly's ``geo`` loads a world topojson even when it draws no land: the app serves an empty one
(``static/topojson``, :data:`TOPOJSON_URL`, the ``topojsonURL`` of every chart's config in ``ui/tiles.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import shapely
import shapely.ops

from analysis import judgement
from analysis.formatting import SUPPRESSED, format_change, format_value
from charts.colors import HIGHLIGHT, NO_DATA, OUTLINE, class_colours
from data.sources import short_name

# The folder of the empty world topojson plotly's geo asks for (static/ next to app.py is /app/static/ with
# server.enableStaticServing). Relative, so it resolves against the page's own address, under any base path.
TOPOJSON_URL = "app/static/topojson/"

# The width the names are placed for: a phone's (390 px less the page margins). A wider screen draws the map
# larger (it is fitted to the chart's height), so the names placed here have more room there, never less.
MAP_WIDTH = 360
LOCATOR_WIDTH = 300  # the Wijkprofiel's locator map stands in a narrow column
LOOKALIKE_WIDTH = 600  # the whole country: names of look-alikes far apart, placed for a wider map

LABEL_FONT = "Verdana, 'DejaVu Sans', sans-serif"  # Verdana and DejaVu Sans share their widths (LETTER_WIDTHS)
LABEL_SIZE = 12  # px
CHOSEN_SIZE = 13  # px: the chosen area's name (locator map, the own wijk among its look-alikes)
LABEL_COLOUR = "#1f1f1f"
CHOSEN_COLOUR = "#08306b"
HALO = "0 0 2px #ffffff, 0 0 2px #ffffff, 0 0 3px #ffffff"  # CSS text-shadow: a white halo, readable on any colour
LINE_HEIGHT = 1.3  # ems between the lines of a wrapped name (plotly's)
WRAP_EMS = 7.0  # a name longer than this wraps at its spaces into a compact block
WRAP_BESIDE_EMS = 10.0  # beside a marker ("3. Centrum (Breda)"): a wider block, the number stays with the name
MARGIN = (0.05, 0.03)  # of the drawn area's width and height, on each side: room for names at the edge
PADDING = 3  # px around a name that no other name may enter
BESIDE_EMS = 0.9  # a name beside a point starts this far from it
# Beside a point: right of it, else left, below or above, whichever is free (plotly's textposition)
BESIDE = ("middle right", "middle left", "bottom center", "top center")
CENTRED = ("middle center",)
# Widths of letters in ems (DejaVu Sans, rounded up per group); anything else is LETTER_WIDTHS[""]
LETTER_WIDTHS = {"iIjlï.,:;'’|!": 0.34, " ftr-()/": 0.42, "mwMW": 0.99, "ABCDEFGHJKLNOPQRSTUVXYZ&": 0.79, "": 0.64}


def to_geojson(boundaries: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection from rows with ``area_code`` and ``geometry_wkb`` (EPSG:4326).

    Outer rings wound clockwise, holes counter-clockwise: the winding plotly's SVG maps (d3-geo) need; the other
    way round d3 fills the whole globe except the area. Feature properties stay minimal (just the code): plotly
    copies them into every selection event.
    """
    geometries = shapely.orient_polygons(
        shapely.from_wkb(boundaries.geometry_wkb.map(bytes).to_numpy()), exterior_cw=True
    )
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"area_code": code},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        }
        for code, geometry in zip(boundaries.area_code, geometries, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Label:
    """A name to write on a map at ``lon``/``lat``: centred on it (an area's name) or ``beside`` it (a marker's).
    ``chosen``: the one the map is about, written larger in dark blue."""

    name: str
    lon: float
    lat: float
    code: str | None = None
    chosen: bool = False
    beside: bool = False


@dataclass(frozen=True)
class Placed:
    """A label as drawn: its text (wrapped with <br>), plotly's textposition and its box in pixels (x0, y0, x1, y1)
    on a map of the width and height it was placed for."""

    label: Label
    text: str
    position: str
    box: tuple[float, float, float, float]


def _drawable(name: object) -> bool:
    return isinstance(name, str) and name.strip() != ""


def _short(name: object) -> object:
    return short_name(name) if isinstance(name, str) else name


def _label_point(geometry: shapely.Geometry) -> tuple[shapely.Point, float]:
    """Where an area's name goes, and how much room there is: the centre of the largest circle inside its largest
    part (pole of inaccessibility; a centroid can fall outside a crescent-shaped wijk) and that part's area."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    tolerance = max(math.sqrt(largest.area) / 50, 1e-6)  # a fiftieth of the part's size: precise enough for a label
    return shapely.ops.polylabel(largest, tolerance=tolerance), largest.area


def name_labels(geojson: dict, names: Mapping[str, str], first: str | None = None) -> list[Label]:
    """The names of the areas of ``geojson`` that ``names`` (area_code -> name) names, each at its label point,
    in the order they are placed: ``first`` (an area_code, the chosen one, written beside its point so that it does
    not hide a small area), then larger areas before smaller ones, so where names collide the small areas lose
    theirs."""
    found = []
    for feature in geojson["features"]:
        code = feature["properties"]["area_code"]
        name = names.get(code)
        if not _drawable(name):
            continue
        point, area = _label_point(shapely.geometry.shape(feature["geometry"]))
        found.append((code == first, area, code, name.strip(), point))
    found.sort(key=lambda item: (not item[0], -item[1], item[2]))
    return [
        Label(name, round(point.x, 6), round(point.y, 6), code=code, chosen=chosen, beside=chosen)
        for chosen, _area, code, name, point in found
    ]


def point_labels(
    lon: Iterable[float], lat: Iterable[float], names: Iterable[str], first_chosen: bool = False
) -> list[Label]:
    """Names written beside markers, in the order given (the first placed first); ``first_chosen``: the first is
    the chosen one (larger, dark blue)."""
    return [
        Label(name.strip(), round(float(x), 6), round(float(y), 6), chosen=first_chosen and rank == 0, beside=True)
        for rank, (x, y, name) in enumerate(zip(lon, lat, names, strict=True))
        if _drawable(name)
    ]


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _letter_width(char: str) -> float:
    return next((width for letters, width in LETTER_WIDTHS.items() if char in letters), LETTER_WIDTHS[""])


def text_width(text: str, size: float) -> float:
    """The width in pixels a line of text takes at ``size`` px (a close upper estimate)."""
    return sum(_letter_width(char) for char in text) * size


def wrap(name: str, size: float, ems: float = WRAP_EMS) -> list[str]:
    """``name`` in lines of at most ``ems`` ems, broken at spaces (a single long word stays whole)."""
    lines: list[str] = []
    for word in name.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= ems * size:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _box(x: float, y: float, width: float, height: float, position: str, offset: float) -> tuple[float, ...]:
    """The box of a text of ``width`` x ``height`` at pixel ``x``, ``y`` written at plotly's ``position``."""
    vertical, horizontal = position.split()
    left = {"left": x - offset - width, "center": x - width / 2, "right": x + offset}[horizontal]
    top = {"top": y - offset - height, "middle": y - height / 2, "bottom": y + offset}[vertical]
    return left - PADDING, top - PADDING, left + width + PADDING, top + height + PADDING


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _frame(bounds: tuple[float, float, float, float], width: float, height: float) -> tuple[float, ...]:
    """The lon/lat rectangle a map shows (plotly clips everything, text too, to it): ``bounds`` (lon_min, lat_min,
    lon_max, lat_max), widened to the map's ``width`` / ``height`` where it is narrower (room for names on either
    side, at no cost on a screen at least that wide), with MARGIN around it."""
    x_min, y_min = _mercator(bounds[0], bounds[1])
    x_max, y_max = _mercator(bounds[2], bounds[3])
    half = max(x_max - x_min, (y_max - y_min) * width / height) / 2 * (1 + 2 * MARGIN[0])
    centre = (x_min + x_max) / 2
    lat_margin = (bounds[3] - bounds[1]) * MARGIN[1]
    lon_min, lon_max = math.degrees(centre - half), math.degrees(centre + half)
    if lon_max - lon_min < 1e-6:  # a single point
        lon_min, lon_max, lat_margin = lon_min - 0.01, lon_max + 0.01, 0.01
    return lon_min, bounds[1] - lat_margin, lon_max, bounds[3] + lat_margin


def place_labels(
    labels: list[Label], frame: tuple[float, float, float, float], width: float, height: float
) -> list[Placed]:
    """The labels that fit, in order: each at the first of its positions (centred, or right/left/below/above a
    marker) where its box stays inside the map and clear of every name placed before it; a label that fits
    nowhere is left out.

    ``frame`` (lon_min, lat_min, lon_max, lat_max) is what the map shows, drawn as large as fits in ``width`` x
    ``height`` pixels (Mercator), as plotly draws a ``geo`` with these ranges. Boxes are in pixels from the
    frame's top left corner. A larger map (a wider screen) leaves the names placed here more room, never less.
    """
    x_min, y_min = _mercator(frame[0], frame[1])
    x_max, y_max = _mercator(frame[2], frame[3])
    per_pixel = max((x_max - x_min) / width, (y_max - y_min) / height) or 1e-9  # map units per pixel
    frame_w, frame_h = (x_max - x_min) / per_pixel, (y_max - y_min) / per_pixel
    placed: list[Placed] = []
    for label in labels:
        size = CHOSEN_SIZE if label.chosen else LABEL_SIZE
        lines = wrap(label.name, size, WRAP_BESIDE_EMS if label.beside else WRAP_EMS)
        text_w = max(text_width(line, size) for line in lines)
        text_h = len(lines) * LINE_HEIGHT * size
        mx, my = _mercator(label.lon, label.lat)
        x, y = (mx - x_min) / per_pixel, (y_max - my) / per_pixel
        for position in BESIDE if label.beside else CENTRED:
            box = _box(x, y, text_w, text_h, position, BESIDE_EMS * size)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= frame_w and box[3] <= frame_h
            if inside and not any(_overlaps(box, other.box) for other in placed):
                placed.append(Placed(label, "<br>".join(lines), position, box))
                break
    return placed


def names_trace(placed: list[Placed]) -> go.Scattergeo:
    """The placed names as one text trace on top of the map: no hover, no click (the areas below keep both), a
    white halo. A name beside a point is pushed off it by an invisible marker (plotly offsets text by the marker's
    radius)."""
    offset_size = [
        2 * 0.8 * (BESIDE_EMS * (CHOSEN_SIZE if p.label.chosen else LABEL_SIZE) - 1) if p.label.beside else 0
        for p in placed
    ]
    return go.Scattergeo(
        lon=[p.label.lon for p in placed],
        lat=[p.label.lat for p in placed],
        text=[p.text for p in placed],
        mode="markers+text",
        textposition=[p.position for p in placed],
        textfont={
            "family": LABEL_FONT,
            "size": [CHOSEN_SIZE if p.label.chosen else LABEL_SIZE for p in placed],
            "color": [CHOSEN_COLOUR if p.label.chosen else LABEL_COLOUR for p in placed],
            "shadow": HALO,
        },
        marker={"size": offset_size, "color": "rgba(0,0,0,0)", "line": {"width": 0}},
        hoverinfo="skip",
        showlegend=False,
        name="namen",
    )


def _bounds(geojson: dict) -> tuple[float, float, float, float]:
    return tuple(shapely.total_bounds([shapely.geometry.shape(f["geometry"]) for f in geojson["features"]]))


def _layout(
    figure: go.Figure, height: int, labels: list[Label], bounds: tuple[float, ...], width: int = MAP_WIDTH
) -> None:
    """What every map shares: the names on top (placed for a map ``width`` pixels wide), no base map (nothing
    fetched), fitted to what is drawn, no margins, Dutch separators. Call it after the area traces are added."""
    frame = _frame(bounds, width, height)
    placed = place_labels(labels, frame, width, height)
    if placed:
        figure.add_trace(names_trace(placed))
    figure.update_layout(
        geo={
            "visible": False,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [frame[0], frame[2]]},
            "lataxis": {"range": [frame[1], frame[3]]},
            "bgcolor": "rgba(0,0,0,0)",
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        separators=",.",
        hoverlabel={"bgcolor": "white", "font_size": 13},
        paper_bgcolor="white",
    )


def _hover_text(row: pd.Series, decimals: int, unit: str, ranked: int) -> str:
    title = f"<b>{row['name']}</b>" + (" (kerkdorp)" if row.get("is_kerkdorp") else "")
    if pd.isna(row.value):
        reason = row.get("suppressed") or "geen gegevens"
        return f"{title}<br>{SUPPRESSED} niet getoond: {reason}"
    lines = [title, f"Waarde: {format_value(row.value, decimals, unit)}"]
    if not pd.isna(row.get("difference")):
        lines.append(f"Verschil met gemeente: {format_change(row.difference, decimals)}")
    if not pd.isna(row.get("rank")):
        lines.append(f"Rang: {int(row['rank'])} van {ranked}")
    return "<br>".join(lines)


def class_map(
    table: pd.DataFrame, geojson: dict, indicator: pd.Series, height: int = 560, hover_note: str | None = None
) -> go.Figure:
    """Map one indicator in five classes (``analysis.overview.wijk_table`` output: its one judgement).

    One trace per class, so the legend names each class in words; grey says why a wijk has no class. The
    colours follow the kind of figure: orange–blue for better/worse, purple for figures without a verdict.
    ``hover_note`` (e.g. "Nederland: 11,2%") is added as the last line of every hover text.
    """
    decimals, unit = int(indicator.decimals), str(indicator.unit)
    ranked = int(table["rank"].notna().sum())
    hover = table.apply(lambda row: _hover_text(row, decimals, unit, ranked), axis=1)
    hover = hover + table.klasse_label.map(lambda label: f"<br>Klasse: {label}" if isinstance(label, str) else "")
    if hover_note:
        hover = hover + f"<br>{hover_note}"
    kind = str(table.kind.iloc[0])
    colours = class_colours("neutral" if kind != judgement.DIRECTIONAL else str(indicator.direction))
    figure = go.Figure()
    missing = table.klasse.isna()
    grey = "grijs: geen cijfer of niet getoond (zie tabel)"
    if table.no_class.notna().any():
        grey = "grijs: geen klasse (zie onder de kaart)"
    traces = [(NO_DATA, grey, missing)]
    labels = table.klasse_label
    for klasse in range(5):
        selected = (table.klasse == klasse).fillna(False)
        label = labels[selected].iloc[0] if selected.any() else None
        traces.append((colours[klasse], label, selected))
    for colour, name, selected in traces:
        if not selected.any():
            continue
        figure.add_trace(
            go.Choropleth(
                geojson=geojson,
                featureidkey="properties.area_code",
                locations=table.area_code[selected],
                z=[1] * int(selected.sum()),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": "#737373", "width": 1}, "opacity": 0.95},
                text=hover[selected],
                hovertemplate="%{text}<extra></extra>",
                name=name,
                showlegend=True,
                customdata=table.area_code[selected],
            )
        )
    names = name_labels(geojson, dict(zip(table.area_code, table["name"], strict=True)))
    _layout(figure, height, names, _bounds(geojson))
    figure.update_layout(
        legend={
            "title": {"text": judgement.LEGEND_TITLE[kind]},
            "traceorder": "reversed",
            "x": 0.01,
            "y": 0.99,
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    )
    return figure


def lookalike_map(
    points: pd.DataFrame, lookalikes: pd.DataFrame, own_code: str, own_name: str, height: int = 600
) -> go.Figure:
    """The Netherlands as a dot per wijk (``points``: area_code, lon, lat), the look-alikes marked and named.

    ``lookalikes`` has area_code, rank, name and gemeente_name (analysis.lookalike.named). The country drawn by
    its own wijken, no base map. The own wijk and the look-alikes are named beside their dot
    ("3. Centrum (Breda)") where the names fit, and always in the hover.
    """
    located = lookalikes.merge(points, on="area_code", how="inner")
    own = points[points.area_code == own_code]
    figure = go.Figure()
    figure.add_trace(
        go.Scattergeo(
            lon=points.lon,
            lat=points.lat,
            mode="markers",
            marker={"size": 3, "color": NO_DATA},
            hoverinfo="skip",
            name="alle wijken van Nederland",
        )
    )
    labels = located["rank"].astype(int).astype(str) + ". " + located.name + " (" + located.gemeente_name + ")"
    figure.add_trace(
        go.Scattergeo(
            lon=located.lon,
            lat=located.lat,
            mode="markers",
            marker={"size": 12, "color": "#e66101"},
            hovertext=labels,
            hoverinfo="text",
            name="vergelijkbare wijken",
        )
    )
    if not own.empty:
        figure.add_trace(
            go.Scattergeo(
                lon=own.lon,
                lat=own.lat,
                mode="markers",
                marker={"size": 14, "color": "#0571b0"},
                hovertext=[own_name],
                hoverinfo="text",
                name=own_name,
            )
        )
    # on the map the name without CBS's "Wijk 10 " (data.sources.short_name, as the app names its own wijken)
    ranks = located["rank"].astype(int).astype(str)
    written = ranks + ". " + located.name.map(_short) + " (" + located.gemeente_name + ")"
    named = pd.concat([own.assign(label=own_name), located.assign(label=written)], ignore_index=True)
    bounds = (points.lon.min(), points.lat.min(), points.lon.max(), points.lat.max())
    beside = point_labels(named.lon, named.lat, named.label, first_chosen=not own.empty)
    _layout(figure, height, beside, bounds, width=LOOKALIKE_WIDTH)
    figure.update_layout(legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"})
    return figure


def locator_map(geojson: dict, names: dict[str, str], chosen: str, height: int = 220) -> go.Figure:
    """A small map of where one wijk lies: every wijk of the gemeente grey, the chosen one coloured and its name
    written first (larger, dark blue), the others' names where they fit; every name in the hover.

    ``names``: area_code -> name of every feature in ``geojson``.
    """
    codes = [feature["properties"]["area_code"] for feature in geojson["features"]]
    others = [code for code in codes if code != chosen]
    figure = go.Figure()
    for locations, colour, name in ((others, NO_DATA, "andere wijken"), ([chosen], HIGHLIGHT, names.get(chosen))):
        figure.add_trace(
            go.Choropleth(
                geojson=geojson,
                featureidkey="properties.area_code",
                locations=locations,
                z=[1] * len(locations),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": OUTLINE, "width": 1}, "opacity": 0.95},
                text=[names.get(code, code) for code in locations],
                hovertemplate="%{text}<extra></extra>",
                name=name,
            )
        )
    _layout(figure, height, name_labels(geojson, names, first=chosen), _bounds(geojson), width=LOCATOR_WIDTH)
    figure.update_layout(showlegend=False, dragmode=False)
    return figure
