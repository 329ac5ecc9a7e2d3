"""The names on the maps (charts/maps.py): a symbol layer in our own style, glyphs from the app, no hover or click."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from analysis import judgement
from charts import maps

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
            "is_kerkdorp": False,
            "value": [12.0, 8.0, None],
            "gemeente_value": 10.0,
            "difference": [2.0, -2.0, None],
            "rank": pd.array([2, 1, None], dtype="Int64"),
            "suppressed": [None, None, "geen gegevens"],
            "kind": judgement.DIRECTIONAL,
            "klasse": pd.array([1, 3, None], dtype="Int64"),
            "klasse_label": ["ongunstiger", "gunstiger", None],
            "no_class": None,
        }
    )


def _labels(figure: go.Figure) -> tuple[dict, list[dict]]:
    style = figure.layout.map.style
    (layer,) = [layer for layer in style["layers"] if layer["id"] == maps.LABEL_LAYER]
    return layer, style["sources"][layer["source"]]["data"]["features"]


MAPS = {
    "class_map": lambda names: maps.class_map(_table(names), GEOJSON, INDICATOR),
    "choropleth": lambda names: maps.choropleth(_table(names), GEOJSON, INDICATOR),
    "locator_map": lambda names: maps.locator_map(GEOJSON, dict(zip(["W1", "W2", "W3"], names, strict=True)), "W3"),
}


@pytest.mark.parametrize("make", MAPS.values(), ids=MAPS.keys())
def test_every_area_is_named_on_the_map_in_the_served_glyphs(make) -> None:
    figure = make(["Hoef", "Kern", "Dorst"])
    layer, features = _labels(figure)
    assert sorted(f["properties"]["name"] for f in features) == ["Dorst", "Hoef", "Kern"]
    assert layer["type"] == "symbol" and layer["layout"]["text-field"] == ["get", "name"]
    assert layer["layout"]["text-font"] == [maps.GLYPH_FONTSTACK]
    assert layer["paint"]["text-halo-color"].startswith("rgba(255, 255, 255") and layer["paint"]["text-halo-width"] > 1
    # collisions: MapLibre drops the later ones; nothing forces overlapping names onto the map
    assert layer["layout"]["symbol-sort-key"] == ["get", "rank"] and "text-allow-overlap" not in layer["layout"]
    style = figure.layout.map.style
    assert style["glyphs"] == maps.GLYPHS_URL and "openmaptiles" not in str(style)
    assert not [source for source in style["sources"].values() if source["type"] != "geojson"]  # no tiles


@pytest.mark.parametrize("make", MAPS.values(), ids=MAPS.keys())
def test_names_take_no_hover_or_click(make) -> None:
    """The names are a layer of the style, not a trace: the areas keep every hover and click (selection events
    come from the choropleth traces), and each area trace is drawn below the names."""
    figure = make(["Hoef", "Kern", "Dorst"])
    assert {trace.type for trace in figure.data} == {"choroplethmap"}
    assert all(trace.below == maps.LABEL_LAYER for trace in figure.data)
    assert all("<extra></extra>" in trace.hovertemplate for trace in figure.data)  # the hover is still the area's


def test_a_name_sits_inside_its_area_and_larger_areas_go_first() -> None:
    _, features = _labels(MAPS["class_map"](["Hoef", "Kern", "Dorst"]))
    by_code = {f["properties"]["area_code"]: f for f in features}
    for code, polygon in zip(BOUNDARIES.area_code, shapely.from_wkb(BOUNDARIES.geometry_wkb), strict=True):
        assert polygon.contains(shapely.Point(by_code[code]["geometry"]["coordinates"])), code
    assert not U_SHAPE.contains(U_SHAPE.centroid)  # the test's point: a centroid would have missed
    assert [f["properties"]["area_code"] for f in features] == ["W1", "W3", "W2"]  # by area, largest first
    assert [f["properties"]["rank"] for f in features] == [0, 1, 2]


def test_the_chosen_wijk_of_the_locator_map_is_named_first_larger_and_beside_itself() -> None:
    figure = MAPS["locator_map"](["Hoef", "Kern", "Dorst"])
    _, features = _labels(figure)
    assert features[0]["properties"] == {"area_code": "W3", "name": "Dorst", "rank": 0, "chosen": True}
    assert not any(f["properties"]["chosen"] for f in features[1:])
    others, chosen = figure.layout.map.style["layers"][1:]
    assert (others["id"], chosen["id"]) == (maps.LABEL_LAYER, maps.CHOSEN_LABEL_LAYER)  # the chosen one on top
    assert others["filter"] == ["==", ["get", "chosen"], False] and chosen["filter"] == ["==", ["get", "chosen"], True]
    assert chosen["layout"]["text-size"] > others["layout"]["text-size"]
    # beside its point, so a small wijk's highlight is not hidden under its own name; the others centred
    assert chosen["layout"]["text-radial-offset"] > 0 and "text-variable-anchor" not in others["layout"]


def test_a_name_the_glyphs_cannot_write_stays_in_the_hover_only() -> None:
    figure = MAPS["class_map"](["Hoef", "Κέντρο", "  "])  # Greek: no glyph file for it; blank: nothing to write
    _, features = _labels(figure)
    assert [f["properties"]["name"] for f in features] == ["Hoef"]
    assert any("Κέντρο" in text for trace in figure.data for text in trace.text)


def test_without_any_name_the_style_has_no_text_layer() -> None:
    style = maps.map_style(maps.name_labels(GEOJSON, {}))
    assert [layer["type"] for layer in style["layers"]] == ["background"] and style["sources"] == {}
    figure = maps.class_map(_table(["", "", ""]), GEOJSON, INDICATOR)
    assert all(trace.below is None for trace in figure.data)  # nothing to stay below


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
    layer, features = _labels(figure)
    assert [f["properties"]["name"] for f in features] == ["Dorst", "1. Binnenstad (Hoorn)", "2. Oost (Ede)"]
    assert layer["layout"]["text-variable-anchor"] and layer["layout"]["text-radial-offset"] > 0  # beside the dot
    assert all(trace.below == maps.LABEL_LAYER for trace in figure.data)
    assert figure.data[1].hovertext[0] == "1. Wijk 10 Binnenstad (Hoorn)"  # the hover keeps CBS's full name


def test_without_the_own_wijk_no_look_alike_is_taken_for_it() -> None:
    points = pd.DataFrame({"area_code": ["B", "C"], "lon": [5.0, 6.0], "lat": [52.0, 53.0]})  # no point "A"
    lookalikes = pd.DataFrame({"area_code": ["B"], "rank": [1], "name": ["Oost"], "gemeente_name": ["Ede"]})
    _, features = _labels(maps.lookalike_map(points, lookalikes, "A", "Dorst"))
    assert [(f["properties"]["name"], f["properties"]["chosen"]) for f in features] == [("1. Oost (Ede)", False)]
