"""The maps (charts/maps.py): SVG areas on a geo subplot without base map, and the names placed on them where
they fit, in the hover always."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from analysis import judgement
from charts import maps

ROOT = Path(__file__).resolve().parents[1]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core, what chromium draws
# W1 a U-shaped wijk (its centroid lies in the gap, outside it), W2 a small square in that gap, W3 far away
U_SHAPE = shapely.Polygon([(4.80, 51.60), (4.86, 51.60), (4.86, 51.66), (4.84, 51.66), (4.84, 51.62), (4.82, 51.62),
                           (4.82, 51.66), (4.80, 51.66)])  # fmt: skip
BOUNDARIES = pd.DataFrame(
    {
        "area_code": ["W1", "W2", "W3"],
        "geometry_wkb": [
            U_SHAPE.wkb,
            shapely.box(4.825, 51.63, 4.835, 51.64).wkb,
            shapely.box(4.9, 51.6, 4.95, 51.65).wkb,
        ],
    }
)
GEOJSON = maps.to_geojson(BOUNDARIES)
INDICATOR = pd.Series({"label": "Eenzaam", "unit": "%", "decimals": 1, "direction": "lower"}, name="eenzaam")


def _table(names: list[str]) -> pd.DataFrame:
    """What analysis.overview.wijk_table gives the map: ``name`` is the short name ('Dorst', not 'Wijk 13 Dorst')."""
    return pd.DataFrame(
        {
            "area_code": ["W1", "W2", "W3"],
            "name": names,
            "is_kerkdorp": [False, False, True],
            "value": [12.0, 8.0, None],
            "gemeente_value": 10.0,
            "difference": [2.0, -2.0, None],
            "rank": pd.array([2, 1, None], dtype="Int64"),
            "suppressed": [None, None, "minder dan 500 inwoners"],
            "kind": judgement.DIRECTIONAL,
            "klasse": pd.array([1, 3, None], dtype="Int64"),
            "klasse_label": ["ongunstiger", "gunstiger", None],
            "no_class": None,
        }
    )


def _names(figure: go.Figure) -> go.Scattergeo:
    (trace,) = [trace for trace in figure.data if trace.name == "namen"]
    return trace


MAPS = {
    "class_map": lambda names: maps.class_map(_table(names), GEOJSON, INDICATOR),
    "locator_map": lambda names: maps.locator_map(GEOJSON, dict(zip(["W1", "W2", "W3"], names, strict=True)), "W3"),
}


def test_outer_rings_are_wound_clockwise_and_holes_the_other_way() -> None:
    """d3-geo (plotly's SVG maps) takes a counter-clockwise outer ring for 'the whole globe except this area'."""
    with_hole = shapely.Polygon(
        shapely.box(4.8, 51.6, 4.9, 51.7).exterior, [shapely.box(4.84, 51.64, 4.86, 51.66).exterior]
    )
    assert with_hole.exterior.is_ccw  # shapely's box: counter-clockwise, as GeoJSON (RFC 7946) asks
    frame = pd.DataFrame({"area_code": ["W1"], "geometry_wkb": [shapely.MultiPolygon([with_hole, U_SHAPE]).wkb]})
    geometry = shapely.geometry.shape(maps.to_geojson(frame)["features"][0]["geometry"])
    for part in geometry.geoms:
        assert not part.exterior.is_ccw and all(ring.is_ccw for ring in part.interiors)
    assert geometry.equals(shapely.MultiPolygon([with_hole, U_SHAPE]))  # the same areas


@pytest.mark.parametrize("make", MAPS.values(), ids=MAPS.keys())
def test_a_map_is_svg_without_anything_fetched_and_shows_every_area(make) -> None:
    figure = make(["Hoef", "Kern", "Dorst"])
    areas = [trace for trace in figure.data if trace.type == "choropleth"]
    assert sorted(code for trace in areas for code in trace.locations) == ["W1", "W2", "W3"]
    assert {trace.type for trace in figure.data} == {"choropleth", "scattergeo"}  # no MapLibre (WebGL) trace
    geo = figure.layout.geo
    assert geo.visible is False and geo.projection.type == "mercator"  # no land, coasts or borders of the world
    lon_min, lat_min, lon_max, lat_max = shapely.total_bounds(shapely.from_wkb(BOUNDARIES.geometry_wkb))
    assert geo.lonaxis.range[0] < lon_min and lon_max < geo.lonaxis.range[1]  # every area inside, with a margin
    assert geo.lataxis.range[0] < lat_min and lat_max < geo.lataxis.range[1]
    assert figure.layout.separators == ",."


def test_the_class_map_hover_says_value_difference_rank_and_why_a_wijk_is_grey() -> None:
    figure = MAPS["class_map"](["Hoef", "Kern", "Dorst"])
    by_name = {trace.name: trace for trace in figure.data}
    grey = by_name["grijs: geen cijfer of niet getoond (zie tabel)"]
    assert list(grey.locations) == ["W3"]
    assert "Dorst</b> (kerkdorp)" in grey.text[0] and "niet getoond: minder dan 500 inwoners" in grey.text[0]
    (hoef,) = by_name["ongunstiger"].text
    assert "Waarde: 12,0%" in hoef and "Verschil met gemeente: +2,0" in hoef and "Rang: 2 van 2" in hoef
    assert "Klasse: ongunstiger" in hoef


@pytest.mark.parametrize("make", MAPS.values(), ids=MAPS.keys())
def test_names_are_written_on_top_and_take_no_hover_or_click(make) -> None:
    """The names are the last trace (drawn on top) and skip hover (so also clicks: selection events come from the
    areas below); a white halo keeps them readable on every colour."""
    figure = make(["Hoef", "Kern", "Dorst"])
    names = _names(figure)
    assert figure.data[-1] is names and names.hoverinfo == "skip" and names.showlegend is False
    assert "#ffffff" in names.textfont.shadow and names.textfont.family == maps.LABEL_FONT
    assert all("<extra></extra>" in trace.hovertemplate for trace in figure.data[:-1])  # the hover is the area's
    assert sorted(names.text) == ["Dorst", "Hoef", "Kern"]


def test_a_name_sits_inside_its_area_and_larger_areas_go_first() -> None:
    labels = maps.name_labels(GEOJSON, {"W1": "Hoef", "W2": "Kern", "W3": "Dorst"})
    by_code = {label.code: label for label in labels}
    for code, polygon in zip(BOUNDARIES.area_code, shapely.from_wkb(BOUNDARIES.geometry_wkb), strict=True):
        assert polygon.contains(shapely.Point(by_code[code].lon, by_code[code].lat)), code
    assert not U_SHAPE.contains(U_SHAPE.centroid)  # the test's point: a centroid would have missed
    assert [label.code for label in labels] == ["W1", "W3", "W2"]  # by area, largest first


def test_the_chosen_wijk_of_the_locator_map_is_named_first_larger_dark_blue_and_beside_itself() -> None:
    names = _names(MAPS["locator_map"](["Hoef", "Kern", "Dorst"]))
    assert names.text[0] == "Dorst" and names.textfont.size[0] == maps.CHOSEN_SIZE > names.textfont.size[1]
    assert names.textfont.color[0] == maps.CHOSEN_COLOUR and set(names.textfont.color[1:]) == {maps.LABEL_COLOUR}
    # beside its point (pushed off it by an invisible marker), so a small wijk is not hidden under its own name
    assert names.textposition[0] in maps.BESIDE and names.marker.size[0] > 0
    assert set(names.textposition[1:]) == {"middle center"} and set(names.marker.size[1:]) == {0}


def test_a_name_that_would_overlap_one_placed_before_is_left_out() -> None:
    frame = (4.0, 51.0, 5.0, 52.0)
    first, close, far = (
        maps.Label(name, lon, 51.5) for name, lon in (("Centrum", 4.5), ("Noord", 4.51), ("Oost", 4.8))
    )
    placed = maps.place_labels([first, close, far], frame, 400, 400)
    assert [p.label.name for p in placed] == ["Centrum", "Oost"]
    edge = maps.Label("Buitengebied", 4.01, 51.5)  # centred on the frame's edge: half of it would be cut off
    assert maps.place_labels([edge], frame, 400, 400) == []


def test_a_name_beside_a_point_takes_the_first_free_side() -> None:
    frame = (4.0, 51.0, 5.0, 52.0)
    blocker = maps.Label("Een lange naam hier", 4.62, 51.5)
    beside = maps.Label("Oost", 4.5, 51.5, beside=True)
    placed = maps.place_labels([blocker, beside], frame, 400, 400)
    assert [p.position for p in placed] == ["middle center", "middle left"]  # right was taken
    at_the_right_edge = maps.Label("Oost", 4.97, 51.5, beside=True)
    assert [p.position for p in maps.place_labels([at_the_right_edge], frame, 400, 400)] == ["middle left"]
    boxes = [p.box for p in placed]
    assert not maps._overlaps(*boxes)


def test_long_names_wrap_at_spaces_into_a_compact_block() -> None:
    assert maps.wrap("Buitengebied Oosterhout", maps.LABEL_SIZE) == ["Buitengebied", "Oosterhout"]
    assert maps.wrap("Den Hout", maps.LABEL_SIZE) == ["Den Hout"]
    assert maps.wrap("Industrieterreinnoordoost", maps.LABEL_SIZE) == ["Industrieterreinnoordoost"]  # one word
    names = _names(MAPS["class_map"](["Hoef", "Kern", "Buitengebied Oosterhout"]))
    assert "Buitengebied<br>Oosterhout" in names.text


@pytest.mark.skipif(not DEJAVU.exists(), reason="fonts-dejavu-core is not installed")
def test_the_width_estimate_is_not_less_than_the_font_draws_for_any_wijk_name_of_the_netherlands() -> None:
    """Names are placed on estimated widths; for every character of every wijk name in NL the estimate is at least
    DejaVu Sans' advance (Verdana's are the same), so two placed names never overlap when drawn."""
    from fontTools.ttLib import TTFont

    font = TTFont(DEJAVU)
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    with gzip.open(ROOT / "data" / "raw" / "nl-context" / "nl_wijken_2024_simplified.geojson.gz", "rt") as fh:
        names = {feature["properties"]["name"] for feature in json.load(fh)["features"]}
    characters = {char for name in names for char in name} | set("0123456789. ()")  # look-alikes: "3. Oost (Ede)"
    too_narrow = {
        char: (maps._letter_width(char), metrics[cmap[ord(char)]][0] / per_em)
        for char in characters
        if ord(char) in cmap and maps._letter_width(char) < metrics[cmap[ord(char)]][0] / per_em
    }
    assert len(names) > 3000 and not too_narrow, too_narrow


def test_any_character_is_written_and_a_blank_name_is_in_the_hover_only() -> None:
    figure = MAPS["class_map"](["Hoef", "Κέντρο", "  "])  # SVG text: the browser's fonts write Greek too
    assert sorted(_names(figure).text) == ["Hoef", "Κέντρο"]
    assert not [
        trace for trace in maps.class_map(_table(["", "", ""]), GEOJSON, INDICATOR).data if trace.name == "namen"
    ]


def test_the_look_alikes_are_named_beside_their_dot_without_cbs_numbers() -> None:
    points = pd.DataFrame({"area_code": ["A", "B", "C"], "lon": [4.8, 5.0, 6.0], "lat": [51.6, 52.0, 53.0]})
    lookalikes = pd.DataFrame(
        {
            "area_code": ["B", "C"],
            "rank": [1, 2],
            "name": ["Wijk 10 Binnenstad", "Oost"],
            "gemeente_name": ["Hoorn", "Ede"],
        }
    )
    figure = maps.lookalike_map(points, lookalikes, "A", "Dorst")
    names = _names(figure)
    assert list(names.text) == ["Dorst", "1. Binnenstad<br>(Hoorn)", "2. Oost (Ede)"]
    assert all(position in maps.BESIDE for position in names.textposition)  # beside the dot
    assert names.textfont.color[0] == maps.CHOSEN_COLOUR
    assert figure.data[1].hovertext[0] == "1. Wijk 10 Binnenstad (Hoorn)"  # the hover keeps CBS's full name


def test_without_the_own_wijk_no_look_alike_is_taken_for_it() -> None:
    points = pd.DataFrame({"area_code": ["B", "C"], "lon": [5.0, 6.0], "lat": [52.0, 53.0]})  # no point "A"
    lookalikes = pd.DataFrame({"area_code": ["B"], "rank": [1], "name": ["Oost"], "gemeente_name": ["Ede"]})
    names = _names(maps.lookalike_map(points, lookalikes, "A", "Dorst"))
    assert list(names.text) == ["1. Oost (Ede)"] and list(names.textfont.color) == [maps.LABEL_COLOUR]
