"""Choropleth maps of the wijken: plotly ``choropleth_map`` on a blank style of our own, so no network is needed.

The style is Plotly's ``white-bg`` plus the areas' names as a MapLibre symbol layer. Its glyphs (the letters, as
signed distance fields) come from the app itself (``static/glyphs``, made by ``python -m tools.glyphs``), never
from fonts.openmaptiles.org, which Plotly's own ``white-bg`` names and an offline server cannot reach.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
import shapely
import shapely.ops

from analysis import judgement
from analysis.formatting import SUPPRESSED, format_change, format_value
from charts.colors import HIGHLIGHT, NO_DATA, OUTLINE, class_colours, colorscale, legend_note
from data.sources import short_name

# The width a map's zoom is chosen for: a phone's (390 px less the page margins), so the whole area shows there too;
# on a wide screen the map is limited by its height anyway.
MAP_WIDTH = 360

# The glyphs of the names on the maps: served by the app (server.enableStaticServing: static/ next to app.py is
# /app/static/). Relative, so it resolves against the page's own address, under any base path or host name.
GLYPHS_URL = "app/static/glyphs/{fontstack}/{range}.pbf"
GLYPH_FONTSTACK = "DejaVu Sans"  # the folder static/glyphs/<fontstack>/ and the layer's text-font
# Unicode ranges made by tools/glyphs.py: Latin-1 (every wijk name of the Netherlands), Latin Extended-A
# (ĳ, ł, ő, …) and General Punctuation (’ – …). A name with a character outside them gets no label (MapLibre
# would ask for a file that is not there); it stays in the hover and the table.
GLYPH_RANGES = ((0, 255), (256, 511), (8192, 8447))
LABEL_LAYER = "namen"  # the style's symbol layer; the area traces are drawn below it (their ``below``)
CHOSEN_LABEL_LAYER = "gekozen_naam"  # the chosen area's name, above the others
LABEL_SIZE = 12  # px
# Names of markers: right of the point, else left, above or below, whichever is free (0,9 em from its centre).
BESIDE_POINTS = {"text-variable-anchor": ["left", "right", "bottom", "top"], "text-radial-offset": 0.9}


def to_geojson(boundaries: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection from rows with ``area_code`` and ``geometry_wkb`` (EPSG:4326).

    Feature properties stay minimal (just the code): plotly copies them into every selection event.
    """
    geometries = shapely.from_wkb(boundaries.geometry_wkb.map(bytes).to_numpy())
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


def _view(geojson: dict, width: int, height: int) -> tuple[dict, float]:
    """Centre and zoom at which all features fit a map of ``width`` x ``height`` pixels."""
    bounds = shapely.total_bounds([shapely.geometry.shape(f["geometry"]) for f in geojson["features"]])
    lon_min, lat_min, lon_max, lat_max = bounds
    centre = {"lon": (lon_min + lon_max) / 2, "lat": (lat_min + lat_max) / 2}
    # degrees per pixel needed; at web-mercator zoom z one 512 px tile spans 360 / 2**z degrees of
    # longitude (MapLibre), and latitude degrees shrink by cos(latitude)
    span = max((lon_max - lon_min) / width, (lat_max - lat_min) / math.cos(math.radians(centre["lat"])) / height)
    zoom = math.log2(360 / 512 / span) if span > 0 else 12
    return centre, round(zoom - 0.1, 2)  # a small margin around the gemeente


def _drawable(name: object) -> bool:
    """A name the served glyphs can write: text, every character in one of GLYPH_RANGES."""
    return (
        isinstance(name, str)
        and name.strip() != ""
        and all(any(start <= ord(char) <= end for start, end in GLYPH_RANGES) for char in name)
    )


def _short(name: object) -> object:
    return short_name(name) if isinstance(name, str) else name


def _label_point(geometry: shapely.Geometry) -> tuple[shapely.Point, float]:
    """Where an area's name goes, and how much room there is: the centre of the largest circle inside its largest
    part (pole of inaccessibility; a centroid can fall outside a crescent-shaped wijk) and that part's area."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    tolerance = max(math.sqrt(largest.area) / 50, 1e-6)  # a fiftieth of the part's size: precise enough for a label
    return shapely.ops.polylabel(largest, tolerance=tolerance), largest.area


def name_labels(geojson: dict, names: Mapping[str, str], first: str | None = None) -> dict:
    """GeoJSON points for the names on a map: one per feature of ``geojson`` that ``names`` (area_code -> name)
    names with a drawable name, at its label point.

    ``rank`` (the layer's symbol-sort-key) places larger areas first, so where names collide the small areas lose
    theirs; ``first`` (an area_code) goes before all others and is written larger, in dark blue (``chosen``).
    """
    placed = []
    for feature in geojson["features"]:
        code = feature["properties"]["area_code"]
        name = names.get(code)
        if not _drawable(name):
            continue
        point, area = _label_point(shapely.geometry.shape(feature["geometry"]))
        placed.append((code == first, area, code, name.strip(), point))
    placed.sort(key=lambda item: (not item[0], -item[1], item[2]))
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]},
            "properties": {"area_code": code, "name": name, "rank": rank, "chosen": chosen},
        }
        for rank, (chosen, _area, code, name, point) in enumerate(placed)
    ]
    return {"type": "FeatureCollection", "features": features}


def point_labels(lon: Iterable[float], lat: Iterable[float], names: Iterable[str], first_chosen: bool = False) -> dict:
    """GeoJSON points for names written beside markers, in the order given (the first placed first);
    ``first_chosen``: the first is the chosen one (larger, dark blue)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(x), 6), round(float(y), 6)]},
            "properties": {"name": name, "rank": rank, "chosen": first_chosen and rank == 0},
        }
        for rank, (x, y, name) in enumerate(zip(lon, lat, names, strict=True))
        if _drawable(name)
    ]
    return {"type": "FeatureCollection", "features": features}


def _label_layer(layer_id: str, chosen: bool, beside_points: bool) -> dict:
    layout = {
        "text-field": ["get", "name"],
        "text-font": [GLYPH_FONTSTACK],
        "text-size": LABEL_SIZE + 1 if chosen else LABEL_SIZE,
        "text-max-width": 7,  # ems: a long name wraps at its spaces into a compact block
        "text-line-height": 1.1,
        "text-padding": 3,
        "symbol-sort-key": ["get", "rank"],
    }
    return {
        "id": layer_id,
        "type": "symbol",
        "source": LABEL_LAYER,
        "filter": ["==", ["get", "chosen"], chosen],
        "layout": layout | (BESIDE_POINTS if beside_points or chosen else {}),
        "paint": {
            "text-color": "#08306b" if chosen else "#1f1f1f",
            "text-halo-color": "rgba(255, 255, 255, 0.9)",
            "text-halo-width": 1.6,
            "text-halo-blur": 0.4,
        },
    }


def map_style(labels: dict | None = None, beside_points: bool = False) -> dict:
    """Plotly's ``white-bg`` as a style of our own: a white background, and the names of ``labels``
    (:func:`name_labels` or :func:`point_labels`) in dark grey with a white halo, in the glyphs the app serves;
    ``beside_points`` writes them next to their point (a marker) rather than centred on it.

    MapLibre leaves out a name that would overlap another (collision detection; the higher ``rank`` yields), so
    the map shows names where they fit and more of them as one zooms in. The chosen area's name (``chosen``) has a
    layer of its own on top, placed first, larger, dark blue and beside its point, so that it does not cover the
    area it names (a small wijk on the locator map). The names are no plotly trace: they take no hover and no
    click, the areas below them keep both.
    """
    style = {
        "id": "wijkmonitor",
        "version": 8,
        "glyphs": GLYPHS_URL,
        "sources": {},
        "layers": [{"id": "white-bg", "type": "background", "paint": {"background-color": "#FFFFFF"}}],
    }
    if labels is not None and labels["features"]:
        style["sources"][LABEL_LAYER] = {"type": "geojson", "data": labels}
        style["layers"].append(_label_layer(LABEL_LAYER, chosen=False, beside_points=beside_points))
        if any(feature["properties"]["chosen"] for feature in labels["features"]):
            style["layers"].append(_label_layer(CHOSEN_LABEL_LAYER, chosen=True, beside_points=beside_points))
    return style


def _below_labels(figure: go.Figure, style: dict) -> None:
    """Draw every trace below the names (Plotly puts traces above the style's layers otherwise)."""
    if any(layer["id"] == LABEL_LAYER for layer in style["layers"]):
        figure.update_traces(below=LABEL_LAYER)


def _layout(
    figure: go.Figure, centre: dict, zoom: float, height: int, labels: dict | None = None, beside_points: bool = False
) -> None:
    """What every map shares: our blank style with the names (no network), no margins, Dutch separators. Call it
    after the traces are added."""
    style = map_style(labels, beside_points)
    _below_labels(figure, style)
    figure.update_layout(
        map={"style": style, "center": centre, "zoom": zoom},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        separators=",.",
        hoverlabel={"bgcolor": "white", "font_size": 13},
    )


def choropleth(table: pd.DataFrame, geojson: dict, indicator: pd.Series, height: int = 520) -> go.Figure:
    """Map one indicator over the wijken.

    ``table`` is :func:`analysis.overview.wijk_table` output; ``indicator`` a catalogue row. Wijken
    without a value (suppressed or missing) are drawn grey and say why on hover.
    """
    decimals, unit = int(indicator.decimals), str(indicator.unit)
    ranked = int(table["rank"].notna().sum()) if "rank" in table.columns else 0
    hover = table.apply(lambda row: _hover_text(row, decimals, unit, ranked), axis=1)
    shown = table.value.notna()
    centre, zoom = _view(geojson, width=MAP_WIDTH, height=height - 90)  # 90 px: colour bar
    figure = go.Figure()
    figure.add_trace(
        go.Choroplethmap(  # grey base layer: every wijk, so none vanishes from the map
            geojson=geojson,
            featureidkey="properties.area_code",
            locations=table.area_code,
            z=[0] * len(table),
            colorscale=[[0, NO_DATA], [1, NO_DATA]],
            showscale=False,
            marker={"line": {"color": OUTLINE, "width": 1.5}},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            name="geen waarde",
            customdata=table.area_code,
        )
    )
    if shown.any():
        figure.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                featureidkey="properties.area_code",
                locations=table.area_code[shown],
                z=table.value[shown],
                colorscale=colorscale(str(indicator.direction)),
                marker={"line": {"color": OUTLINE, "width": 1.5}, "opacity": 0.9},
                text=hover[shown],
                hovertemplate="%{text}<extra></extra>",
                customdata=table.area_code[shown],
                colorbar={
                    "title": {
                        "text": f"{indicator.label}<br><sup>{legend_note(str(indicator.direction))}</sup>",
                        "side": "top",
                    },
                    "tickformat": f",.{decimals}f",
                    "orientation": "h",
                    "y": -0.02,
                    "yanchor": "top",
                    "thickness": 12,
                    "len": 0.9,
                },
            )
        )
    _layout(figure, centre, zoom, height, name_labels(geojson, dict(zip(table.area_code, table["name"], strict=True))))
    return figure


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
    centre, zoom = _view(geojson, width=MAP_WIDTH, height=height - 40)
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
            go.Choroplethmap(
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
    _layout(figure, centre, zoom, height, name_labels(geojson, dict(zip(table.area_code, table["name"], strict=True))))
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

    ``lookalikes`` has area_code, rank, name and gemeente_name (analysis.lookalike.named). Offline: a blank
    map style, the country drawn by its own wijken, no tiles. The own wijk and the look-alikes are named beside
    their dot ("3. Centrum (Breda)") where the names fit, and always in the hover.
    """
    located = lookalikes.merge(points, on="area_code", how="inner")
    own = points[points.area_code == own_code]
    figure = go.Figure()
    figure.add_trace(
        go.Scattermap(
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
        go.Scattermap(
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
            go.Scattermap(
                lon=own.lon,
                lat=own.lat,
                mode="markers",
                marker={"size": 14, "color": "#0571b0"},
                hovertext=[own_name],
                hoverinfo="text",
                name=own_name,
            )
        )
    lon_min, lon_max, lat_min, lat_max = points.lon.min(), points.lon.max(), points.lat.min(), points.lat.max()
    centre = {"lon": (lon_min + lon_max) / 2, "lat": (lat_min + lat_max) / 2}
    span = max((lon_max - lon_min) / 600, (lat_max - lat_min) / math.cos(math.radians(centre["lat"])) / (height - 40))
    # on the map the name without CBS's "Wijk 10 " (data.sources.short_name, as the app names its own wijken)
    ranks = located["rank"].astype(int).astype(str)
    written = ranks + ". " + located.name.map(_short) + " (" + located.gemeente_name + ")"
    named = pd.concat([own.assign(label=own_name), located.assign(label=written)], ignore_index=True)
    _layout(
        figure,
        centre,
        round(math.log2(360 / 512 / span) - 0.1, 2),
        height,
        point_labels(named.lon, named.lat, named.label, first_chosen=not own.empty),
        beside_points=True,
    )
    figure.update_layout(legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"})
    return figure


def locator_map(geojson: dict, names: dict[str, str], chosen: str, height: int = 220) -> go.Figure:
    """A small map of where one wijk lies: every wijk of the gemeente grey, the chosen one coloured and its name
    written first (larger, dark blue), the others' names where they fit; every name in the hover.

    ``names``: area_code -> name of every feature in ``geojson``.
    """
    codes = [feature["properties"]["area_code"] for feature in geojson["features"]]
    others = [code for code in codes if code != chosen]
    centre, zoom = _view(geojson, width=300, height=height)
    figure = go.Figure()
    for locations, colour, name in ((others, NO_DATA, "andere wijken"), ([chosen], HIGHLIGHT, names.get(chosen))):
        figure.add_trace(
            go.Choroplethmap(
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
    _layout(figure, centre, zoom, height, name_labels(geojson, names, first=chosen))
    figure.update_layout(showlegend=False, dragmode=False)
    return figure
