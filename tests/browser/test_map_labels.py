"""The names on the maps in a real browser: drawn by MapLibre from the app's own glyphs (nothing leaves the
machine), placed where they fit, and a click on a name still opens that wijk."""

from __future__ import annotations

import pytest

from charts.maps import CHOSEN_LABEL_LAYER, GLYPH_FONTSTACK, LABEL_LAYER
from tests.browser.conftest import ROOT, wait_until_ready

pytestmark = pytest.mark.browser
SERVED = ROOT / "static" / "glyphs" / GLYPH_FONTSTACK

# The names MapLibre has placed on the n-th map of the page (after collision detection), once the map is idle.
RENDERED_NAMES = """n => {
    const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[n];
    const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
    if (!map || !map.getLayer('%s') || !map.loaded() || map.isMoving()) return null;
    const layers = ['%s', '%s'].filter(id => map.getLayer(id));
    const shown = map.queryRenderedFeatures({layers}).map(f => ({
        code: f.properties.area_code, name: f.properties.name, chosen: f.properties.chosen,
        lonlat: f.geometry.coordinates}));
    return shown.length ? shown : null;
}""" % (LABEL_LAYER, LABEL_LAYER, CHOSEN_LABEL_LAYER)  # noqa: UP031 (the JavaScript is full of braces)


def _glyph_responses(page) -> list:
    seen: list = []
    page.on("response", lambda response: seen.append(response) if ".pbf" in response.url else None)
    return seen


def test_kaart_names_its_wijken_and_a_click_on_a_name_opens_the_wijk(page, server: str, outside_requests) -> None:
    glyphs = _glyph_responses(page)
    page.goto(f"{server}/kaart?indicator=samenhang_score")
    wait_until_ready(page)
    shown = page.wait_for_function(RENDERED_NAMES, arg=0).json_value()
    names = {label["name"] for label in shown}
    # names where they fit: the large wijken and the kerkdorpen; where names would collide, MapLibre left some out
    assert {"Dorst", "Oosteind", "Den Hout"} <= names and 6 <= len(names) < 14, names
    folder = f"{server}/app/static/glyphs/{GLYPH_FONTSTACK.replace(' ', '%20')}/"
    assert glyphs and all(response.url.startswith(folder) and response.status == 200 for response in glyphs)
    # the files themselves: without static serving the app answers with its own HTML page (200 too), and MapLibre
    # quietly draws the letters with the browser's font instead
    for response in glyphs:
        assert response.body() == (SERVED / response.url.rsplit("/", 1)[1]).read_bytes(), response.url
    assert outside_requests == []  # no glyph (or anything else) from fonts.openmaptiles.org

    # the name is drawn over its wijk: a click on it reaches the wijk below (the names take no clicks)
    dorst = next(label for label in shown if label["name"] == "Dorst")
    target = page.evaluate(
        """lonlat => {
        const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const map = gd._fullLayout.map._subplot.map;
        const point = map.project(lonlat);
        const box = map.getCanvas().getBoundingClientRect();
        return {x: box.left + point.x, y: box.top + point.y};
    }""",
        dorst["lonlat"],
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"**/wijkprofiel?wijk={dorst['code']}**", wait_until="commit")
    page.get_by_role("heading", name="Dorst").wait_for()
    assert outside_requests == []


def test_the_locator_map_names_the_chosen_wijk_first(page, server: str, outside_requests) -> None:
    page.goto(f"{server}/wijkprofiel?wijk=WK082606")
    wait_until_ready(page)
    shown = page.wait_for_function(RENDERED_NAMES, arg=0).json_value()  # the locator map is the page's first map
    chosen = [label for label in shown if label["chosen"]]
    assert [label["name"] for label in chosen] == ["Dommelbergen"], shown
    assert outside_requests == []
