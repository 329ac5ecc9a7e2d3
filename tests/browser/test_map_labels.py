"""The maps and their names in a real browser: SVG drawn from the app alone (the topojson plotly's geo asks for
comes from the app), names where they fit and never over each other, and a click on a name opens that wijk."""

from __future__ import annotations

import pytest

from charts import maps
from tests.browser.conftest import ROOT, map_point, wait_until_ready

pytestmark = pytest.mark.browser
SERVED_TOPOJSON = ROOT / "static" / "topojson" / "world_110m.json"

# The names drawn on the n-th map of the page: text, colour, and the box the browser drew it in.
DRAWN_NAMES = """n => {
    const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[n];
    const trace = [...gd.querySelectorAll(".geo .trace.scattergeo")].find(g => g.querySelector("text"));
    if (!trace) return null;
    const clip = gd.querySelector(".geo .layer.bg rect").getBoundingClientRect();
    return [...trace.querySelectorAll("text")].map(t => {
        const box = t.getBoundingClientRect();
        return {name: [...t.querySelectorAll("tspan.line")].map(l => l.textContent).join(" ") || t.textContent,
                lines: [...t.querySelectorAll("tspan.line")].map(l => l.textContent),
                colour: getComputedStyle(t).fill, size: parseFloat(getComputedStyle(t).fontSize),
                box: [box.left, box.top, box.right, box.bottom],
                inside: box.left >= clip.left - 0.5 && box.right <= clip.right + 0.5
                        && box.top >= clip.top - 0.5 && box.bottom <= clip.bottom + 0.5};
    });
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_drawn(shown: list[dict]) -> None:
    """No two names overlap, none is cut off at the map's edge, and no line is wider than the estimate it was
    placed with (charts.maps.text_width): the placement is right about what the browser draws."""
    for i, label in enumerate(shown):
        assert label["inside"], label
        widest = max(maps.text_width(line, label["size"]) for line in label["lines"] or [label["name"]])
        assert label["box"][2] - label["box"][0] <= widest + 1, label
        for other in shown[i + 1 :]:
            assert not _overlap(label["box"], other["box"]), (label, other)


def test_kaart_names_its_wijken_and_a_click_on_a_name_opens_the_wijk(page, server: str, outside_requests) -> None:
    topojson: list = []
    page.on("response", lambda response: topojson.append(response) if "topojson" in response.url else None)
    page.goto(f"{server}/kaart?indicator=samenhang_score")
    wait_until_ready(page)
    shown = page.wait_for_function(DRAWN_NAMES, arg=0).json_value()
    names = {label["name"] for label in shown}
    # names where they fit: the large wijken and the kerkdorpen; where names would collide some were left out
    assert {"Dorst", "Oosteind", "Den Hout"} <= names and 6 <= len(names) < 14, names
    _check_drawn(shown)
    # the topojson from the app's static folder, the file itself: without static serving the app answers with its
    # own HTML page (200 too) and plotly draws no map
    (response,) = topojson
    assert response.url == f"{server}/app/static/topojson/world_110m.json" and response.status == 200
    assert response.body() == SERVED_TOPOJSON.read_bytes()
    assert outside_requests == []  # nothing from cdn.plot.ly or anywhere else

    # the name is drawn over its wijk: a click on it reaches the wijk below (the names take no clicks)
    dorst = next(label for label in shown if label["name"] == "Dorst")
    box = dorst["box"]
    page.mouse.click((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    page.wait_for_url("**/wijkprofiel?wijk=WK082613**", wait_until="commit")
    page.get_by_role("heading", name="Dorst").wait_for()
    assert outside_requests == []


def test_the_locator_map_names_the_chosen_wijk_first_beside_itself(page, server: str, outside_requests) -> None:
    page.goto(f"{server}/wijkprofiel?wijk=WK082606")
    wait_until_ready(page)
    shown = page.wait_for_function(DRAWN_NAMES, arg=0).json_value()  # the locator map is the page's first map
    assert shown[0]["name"] == "Dommelbergen" and shown[0]["colour"] == "rgb(8, 48, 107)", shown  # CHOSEN_COLOUR
    assert all(label["colour"] == "rgb(31, 31, 31)" for label in shown[1:])
    _check_drawn(shown)
    # beside its point, not on it: the wijk's label point (from shapely) lies outside the name's box
    point = map_point(page, 0, 4.8680, 51.6587)
    box = shown[0]["box"]
    assert not (box[0] <= point["x"] <= box[2] and box[1] <= point["y"] <= box[3]), (point, box)
    assert outside_requests == []
