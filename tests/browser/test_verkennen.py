"""Kaart and Wijkprofiel in a real browser: the polygons draw, a link opens Dorst, a click opens a wijk."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image
from playwright.sync_api import expect

from charts import colors
from tests.browser.conftest import map_point, wait_until_ready

pytestmark = pytest.mark.browser


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_kaart_draws_the_classes_and_a_link_opens_dorst(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/kaart?indicator=eenzaam_pct&jaar=2025")
    wait_until_ready(page)
    page.screenshot(path=tmp_path / "kaart.png", full_page=True)
    image = Image.open(io.BytesIO(page.locator('[data-testid="stPlotlyChart"]').first.screenshot())).convert("RGB")
    seen = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    drawn = [c for c in colors.CLASS_COLOURS_DIRECTIONAL if _hex(c) in seen]
    assert len(drawn) >= 3, drawn  # several classes really drawn, not an empty canvas
    assert "Ten opzichte van de gemeente" in page.locator('[data-testid="stPlotlyChart"]').first.inner_text()

    page.get_by_role("link", name="Dorst", exact=True).click()
    page.wait_for_url("**/wijkprofiel?wijk=WK082613**", wait_until="commit")
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    page.get_by_role("heading", name="Dorst").wait_for()
    page.get_by_text("Sociale-samenhangindex 2025").wait_for()
    page.screenshot(path=tmp_path / "wijkprofiel.png", full_page=True)


def test_clicking_a_wijk_on_the_map_opens_its_profile(page, server: str) -> None:
    page.goto(f"{server}/kaart?indicator=samenhang_score")
    wait_until_ready(page)
    target = map_point(page, 0, 4.8680, 51.6587)  # Dommelbergen's representative point (lon/lat, from shapely)
    page.mouse.click(target["x"], target["y"])
    # st.switch_page changes the URL in the page itself: there is no new "load" event to wait for
    page.wait_for_url("**/wijkprofiel?wijk=WK082606**", wait_until="commit")
    page.get_by_role("heading", name="Dommelbergen").wait_for()


def test_wijk_choice_in_the_url_survives_the_menu(page, server: str) -> None:
    page.goto(f"{server}/wijkprofiel?wijk=WK082604")
    page.get_by_role("heading", name="Leijsenakkers").wait_for()
    page.get_by_role("link", name="Kaart", exact=True).click()
    wait_until_ready(page)
    page.get_by_role("link", name="Wijkprofiel", exact=True).click()
    page.wait_for_url("**/wijkprofiel?wijk=WK082604**", wait_until="commit")
    page.get_by_role("heading", name="Leijsenakkers").wait_for()


def test_a_wijkprofiel_tab_shows_its_content_and_goes_into_the_url(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/wijkprofiel?wijk=WK082613")  # an old link, without a tab: the first tab
    page.get_by_text("Sociale-samenhangindex 2025").wait_for()
    buurten = page.get_by_role("heading", name="De buurten van deze wijk")
    expect(buurten).to_have_count(0)  # not made, not hidden
    page.get_by_role("tab", name="Buurten").click()
    buurten.wait_for()
    page.wait_for_url(lambda url: _query(url).get("onderdeel") == "Buurten", wait_until="commit")
    assert _query(page.url)["wijk"] == "WK082613"
    expect(page.get_by_text("Sociale-samenhangindex 2025")).to_have_count(0)
    wait_until_ready(page)
    page.locator('[data-testid="stPlotlyChart"]').nth(1).locator(".geo path").first.wait_for()  # the buurten
    page.screenshot(path=tmp_path / "wijkprofiel-buurten.png", full_page=True)

    picker = page.get_by_role("combobox", name="Wijk")  # another wijk: the same tab
    picker.click()
    picker.fill("Dommel")
    page.get_by_role("option", name="Dommelbergen", exact=True).click()
    page.get_by_role("heading", name="Dommelbergen").wait_for()
    page.wait_for_url(lambda url: _query(url).get("wijk") == "WK082606", wait_until="commit")
    assert _query(page.url)["onderdeel"] == "Buurten"
    buurten.wait_for()

    shared = page.context.browser.new_page()  # the link in a new session opens the same wijk and tab
    try:
        shared.goto(page.url)
        shared.get_by_role("heading", name="Dommelbergen").wait_for()
        shared.get_by_role("heading", name="De buurten van deze wijk").wait_for()
        expect(shared.get_by_role("tab", name="Buurten")).to_have_attribute("aria-selected", "true")
    finally:
        shared.close()

    page.get_by_role("tab", name="Kerncijfers").click()  # the first tab leaves the URL clean
    page.get_by_text("Sociale-samenhangindex 2025").wait_for()
    page.wait_for_url(lambda url: "onderdeel" not in _query(url), wait_until="commit")
