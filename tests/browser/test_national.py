"""The national picture in a real browser: the Kaart's buurten and the map of vergelijkbare wijken draw offline."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from charts import colors
from tests.browser.conftest import wait_until_ready

pytestmark = pytest.mark.browser


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _colours(locator) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=1_000_000)}


def test_kaart_draws_the_buurten(page, server: str, outside_requests: list[str]) -> None:
    page.goto(f"{server}/kaart?indicator=eenzaam_pct&jaar=2020&niveau=buurt")
    wait_until_ready(page)
    page.get_by_text("Buurten: dezelfde klassen").wait_for()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    drawn = [c for c in colors.CLASS_COLOURS_DIRECTIONAL if _hex(c) in _colours(chart)]
    assert len(drawn) >= 3, drawn
    assert not outside_requests, outside_requests


def test_wijkprofiel_draws_the_vergelijkbare_wijken(page, server: str, outside_requests: list[str]) -> None:
    page.goto(f"{server}/wijkprofiel?wijk=WK082613&onderdeel=Vergelijkbare+wijken")  # a link to the tab
    page.get_by_role("heading", name="Vergelijkbare wijken in Nederland").wait_for()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    chart = page.locator('[data-testid="stPlotlyChart"]', has_text="vergelijkbare wijken")
    chart.scroll_into_view_if_needed()
    chart.locator(".geo .point").first.wait_for()  # plotly draws the dots once the geo's topojson is in
    seen = _colours(chart)
    assert _hex("#e66101") in seen and _hex("#0571b0") in seen  # the look-alikes and Dorst
    assert not outside_requests, outside_requests
