"""The Overzicht in a real browser: the map draws offline, the table names every wijk, links work."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from charts import colors
from tests.browser.conftest import wait_until_ready

pytestmark = pytest.mark.browser

WIJKEN = [
    "Oosterhout-Centrum",
    "Slotjes",
    "West",
    "Strijen",
    "Leijsenakkers",
    "Oosterheide",
    "Dommelbergen",
    "Vrachelen",
    "Industrieterrein Zuid",
    "Industrieterrein Noord",
    "Buitengebied Oosterhout",
    "Den Hout",
    "Oosteind",
    "Dorst",
]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_map_and_table_show_all_fourteen_wijken(page, server: str, tmp_path: Path, outside_requests: list[str]) -> None:
    page.goto(server)
    wait_until_ready(page)
    # first the screenshot, before element screenshots scroll the page
    shot = tmp_path / "overzicht.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 20_000

    table = page.locator('[data-testid="stTable"]').inner_text()
    for name in WIJKEN:
        assert name in table
    assert "57.924" in page.locator('[data-testid="stMetric"]').first.inner_text()
    assert outside_requests == []  # the map needs no network: no tiles, fonts or scripts from elsewhere

    # the map really is drawn: its pixels hold the grey of the suppressed wijken and several blues
    image = Image.open(io.BytesIO(page.locator('[data-testid="stPlotlyChart"]').screenshot())).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    assert _rgb(colors.NO_DATA) in colours
    assert sum(1 for r, g, b in colours if b > 150 and b - r > 60) > 20  # shades of the blue scale


def test_indicator_choice_is_kept_in_the_url(page, server: str) -> None:
    page.goto(f"{server}/?indicator=eenzaam_pct")
    wait_until_ready(page)
    picker = page.get_by_role("combobox", name="Indicator")
    assert picker.input_value() == "Sociale samenhang › Ernstig eenzaam"
    picker.click()
    # the picker sits below "Wat valt op", near the bottom of the screen: the long option list opens in little
    # room and draws only the options in view, so type to narrow it down
    picker.fill("Inwoners")
    page.get_by_role("option", name="Bevolking en wonen › Inwoners", exact=True).click()
    page.wait_for_url("**indicator=inwoners**")
    wait_until_ready(page)
    # the rerun may start after the status widget went away once: wait for the new table itself
    expect(page.locator('[data-testid="stTable"]')).to_contain_text("13.155")  # Dommelbergen, CBS 2024
