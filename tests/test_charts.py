"""Figure builders: GeoJSON from the store, colour direction, the map's traces and hover text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from analysis import spending
from charts import colors, layout, maps
from charts.ambitions import note_x
from charts.spending import per_taakveld_stacked

SQUARES = pd.DataFrame(
    {
        "area_code": ["W1", "W2"],
        "geometry_wkb": [shapely.box(4.80, 51.60, 4.85, 51.65).wkb, shapely.box(4.85, 51.60, 4.90, 51.65).wkb],
    }
)
INDICATOR = pd.Series({"label": "Eenzaam", "unit": "%", "decimals": 1, "direction": "lower"}, name="eenzaam")


def _table(values: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["W1", "W2"],
            "name": ["Een", "Twee"],
            "is_kerkdorp": [False, True],
            "value": values,
            "gemeente_value": 10.0,
            "difference": [v - 10.0 if v is not None else None for v in values],
            "rank": pd.array([1, None], dtype="Int64"),
            "suppressed": [None, "minder dan 500 inwoners"],
        }
    )


def test_to_geojson_keeps_codes_and_shapes() -> None:
    geojson = maps.to_geojson(SQUARES)
    assert [f["properties"] for f in geojson["features"]] == [{"area_code": "W1"}, {"area_code": "W2"}]
    assert shapely.geometry.shape(geojson["features"][0]["geometry"]).equals(shapely.box(4.80, 51.60, 4.85, 51.65))


def test_a_note_of_december_lands_in_its_own_year_on_the_time_axis() -> None:
    figure = layout.year_axis(go.Figure(go.Scatter(x=layout.mid_year([2026, 2027]), y=[1, 2])))
    axis = figure.layout.xaxis
    assert (axis.type, axis.tickformat, axis.ticklabelmode, axis.dtick) == ("date", "%Y", "period", "M12")
    note = note_x("2026-12-02")
    assert note == pd.Timestamp("2026-12-02")  # on its own day: under the label 2026, before the year 2027 starts
    assert layout.mid_year([2026])[0] < note < pd.Timestamp("2027-01-01")


def test_titles_wrap_for_a_phone_and_value_axes_start_at_zero() -> None:
    title = "Gerealiseerde uitgaven sociaal domein per taakveld en jaar (miljoen euro)"
    figure = layout.value_axis(layout.titled(go.Figure(go.Bar(x=[1], y=[5])), title), "%")
    lines = figure.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= layout.TITLE_WIDTH for line in lines)
    assert figure.layout.yaxis.rangemode == "tozero" and figure.layout.yaxis.title.text == "%"
    indexed = layout.value_axis(go.Figure(go.Scatter(x=[1], y=[104])), "index (gemeente 2020 = 100)")
    assert indexed.layout.yaxis.rangemode == "normal" and indexed.layout.shapes[0].y0 == 100


def test_small_taakvelden_are_grouped_as_overig_with_the_same_totals() -> None:
    codes = [f"6.{n}" for n in range(1, 10)]
    table = pd.DataFrame(
        [
            (year, code, f"taakveld {code}", float(n + 1) * (year - 2000))
            for year in (2024, 2025)
            for n, code in enumerate(codes)
        ],
        columns=["year", "taakveld_code", "taakveld", "bedrag"],
    )
    grouped = spending.group_small_taakvelden(table, "bedrag", keep=5)
    assert grouped.taakveld_code.nunique() == 6 and grouped.taakveld_code.iloc[-1] == spending.OTHER_CODE
    assert grouped.groupby("year").bedrag.sum().equals(table.groupby("year").bedrag.sum())
    assert "overig (4 taakvelden)" in set(grouped.taakveld)
    figure = per_taakveld_stacked(table, "bedrag", "miljoen euro", 1)
    assert len(figure.data) == 6 and figure.data[-1].marker.color == colors.OTHER
    assert len({trace.marker.color for trace in figure.data}) == 6  # no two segments share a colour
    assert figure.layout.title.text and figure.layout.yaxis.rangemode == "tozero"


# -- the key figures' lines (charts/sparkline.py) ------------------------------------------------------------


def _polyline(svg: str) -> list[tuple[float, float]]:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup, made by the line above)
    line = root.find("{http://www.w3.org/2000/svg}polyline")
    return [tuple(float(part) for part in point.split(",")) for point in line.get("points").split()]


@pytest.mark.parametrize("values", [(5.9, 6.1, 6.6, 6.2), (3, 1), (100.0, 120.0, 90.0, 95.0, 130.0, 80.0)])
def test_a_sparkline_runs_from_left_to_right_with_the_extremes_at_top_and_bottom(values) -> None:
    from charts import sparkline as spark

    points = _polyline(spark.sparkline(values))
    assert len(points) == len(values)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert xs == sorted(xs) and xs[0] == spark.PAD and xs[-1] == spark.WIDTH - spark.PAD
    # SVG's y grows downwards: the highest value is nearest the top
    assert ys[values.index(max(values))] == spark.PAD and ys[values.index(min(values))] == spark.HEIGHT - spark.PAD
    for (_, y1), (_, y2), v1, v2 in zip(points, points[1:], values, values[1:], strict=False):
        assert (y2 < y1) == (v2 > v1)  # every rise is drawn as a rise


def test_a_flat_sparkline_and_bad_input() -> None:
    from charts.sparkline import HEIGHT, sparkline

    assert {y for _, y in _polyline(sparkline([4.0, 4.0, 4.0]))} == {HEIGHT / 2}
    for bad in ([1.0], [], [1.0, float("nan")], [1.0, float("inf")]):
        with pytest.raises(ValueError, match="at least two finite values"):
            sparkline(bad)
