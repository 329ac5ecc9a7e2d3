"""Choropleth maps of the wijken: plotly ``choropleth_map`` on a blank style, so no network is needed."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go
import shapely

from analysis import judgement
from analysis.formatting import SUPPRESSED, format_change, format_value
from charts.colors import HIGHLIGHT, NO_DATA, OUTLINE, class_colours, colorscale, legend_note

# The width a map's zoom is chosen for: a phone's (390 px less the page margins), so the whole area shows there too;
# on a wide screen the map is limited by its height anyway.
MAP_WIDTH = 360


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


def _layout(figure: go.Figure, centre: dict, zoom: float, height: int) -> None:
    """What every map of the wijken shares: blank style (no network), no margins, Dutch separators."""
    figure.update_layout(
        map={"style": "white-bg", "center": centre, "zoom": zoom},
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
    _layout(figure, centre, zoom, height)
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
    _layout(figure, centre, zoom, height)
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
    map style, the country drawn by its own wijken, no tiles and no text layer (names are in the hover).
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
            mode="markers",  # no text on the map: MapLibre would fetch its glyphs from the internet
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
    figure.update_layout(
        map={"style": "white-bg", "center": centre, "zoom": round(math.log2(360 / 512 / span) - 0.1, 2)},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"},
        hoverlabel={"bgcolor": "white", "font_size": 13},
    )
    return figure


def locator_map(geojson: dict, names: dict[str, str], chosen: str, height: int = 220) -> go.Figure:
    """A small map of where one wijk lies: every wijk of the gemeente grey, the chosen one coloured; names in the hover.

    ``names``: area_code -> name of every feature in ``geojson``. Names are not written on the map itself: a text
    layer makes MapLibre fetch its glyphs from the internet, and the Wijkmonitor works offline.
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
    _layout(figure, centre, zoom, height)
    figure.update_layout(showlegend=False, dragmode=False)
    return figure
