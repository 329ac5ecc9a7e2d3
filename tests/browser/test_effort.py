"""Initiatieven & vrijwilligers and Sociaal domein in a real browser: the charts draw with Dutch numbers, a
good example opens as its own page, and that page prints without the menu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def _wait_for_charts(page, count: int) -> None:
    """At least ``count`` plotly charts drawn, and Streamlit done running the script."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= n", arg=count
    )
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")


def _full_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its own container: make the viewport as tall as the page, then shoot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(height + 50, 16000)})
    page.wait_for_timeout(500)
    page.screenshot(path=path, full_page=True)


def _chart(page, text: str | re.Pattern):
    """The plotly chart that shows ``text`` (waits until it is drawn): robust against reruns that redraw."""
    chart = page.locator('[data-testid="stPlotlyChart"]', has=page.locator(".main-svg"), has_text=text).first
    chart.wait_for()
    return chart


def test_initiatieven_draws_its_charts_and_opens_a_handout(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/initiatieven?ini_wijk=WK082606")
    page.get_by_role("heading", name="Initiatieven & vrijwilligers").wait_for()
    per_wijk = _chart(page, "◀ gekozen").inner_text()  # the first tab: per wijk and over the years
    assert "Dommelbergen" in per_wijk
    assert re.search(r"gemeente \d+,\d\d", per_wijk)  # the reference line is labelled, decimal comma
    _chart(page, "deelnemers en subsidie")  # the over-time chart's title
    _full_screenshot(page, tmp_path / "initiatieven.png")
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.get_by_role("tab", name="Subsidie en budget").click()
    budget = _chart(page, "Budget buurtinitiatieven").inner_text()
    assert "€ 50.000" in budget  # Dutch thousands separator on the axis, whatever the browser locale
    page.get_by_role("tab", name="Vrijwilligers en draagkracht").click()
    _chart(page, "geen score")  # draagkracht: near-empty wijken say why they have no bar
    _chart(page, "Actieve vrijwilligers")
    page.get_by_text("Draagkracht (naar het voorbeeld van Amsterdam)").wait_for()

    page.get_by_role("tab", name="Mooie voorbeelden").click()
    page.wait_for_url(re.compile(r"onderdeel=Mooie(\+|%20)voorbeelden"), wait_until="commit")  # only this tab ran
    assert "ini_wijk=WK082606" in page.url  # the filters stay
    page.get_by_role("link", name="Open als handout").first.click()
    page.wait_for_url("**/initiatieven?voorbeeld=INI-**", wait_until="commit")
    page.get_by_text("Mooi voorbeeld uit de wijk").wait_for()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    # wait for the button instead of looking once: under load the status widget can detach before the last
    # element of the rerun is drawn (this raced in full runs, never alone)
    page.get_by_role("button", name="Download handout (HTML, één A4)").wait_for(state="visible")
    page.screenshot(path=tmp_path / "handout.png", full_page=True)
    page.emulate_media(media="print")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # the print view drops the menu
    assert page.get_by_text("Mooi voorbeeld uit de wijk").is_visible()


def test_sociaal_domein_shows_growth_quadrants_and_the_caveat(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/sociaal_domein")
    page.get_by_role("heading", name="Sociaal domein", exact=True).wait_for()
    _wait_for_charts(page, 1)  # one tab open: the stacked taakvelden
    _chart(page, "6.6 Maatwerkvoorzieningen (Wmo)")
    page.get_by_role("tab", name="Groei").click()
    page.wait_for_url("**onderdeel=Groei", wait_until="commit")
    _chart(page, re.compile(r"2020: \d{2,3},\d \([+-]\d+,\d%\)"))  # the computed change, on the chart
    page.get_by_text("Het beleid noemt ≈ +7% in 5 jaar").wait_for()
    page.get_by_role("tab", name="Inzet per wijk").click()
    quadrants = _chart(page, "hoge vraag, lage inzet").inner_text()
    for name in ("hoge vraag, hoge inzet", "lage vraag, hoge inzet", "lage vraag, lage inzet"):
        assert name in quadrants
    page.get_by_role("tab", name="Samenhang en zorg").click()
    scatter = _chart(page, "Let op: samenhang, geen bewijs van oorzaak").inner_text()
    # the strength is on the chart in a word; r and r² are behind "Hoe is dit berekend?", not on the chart
    assert re.search(r"Verband: (geen|zwak|matig|sterk) \(\d+ punten\)", scatter)
    assert "r²" not in scatter and "r = " not in scatter
    _full_screenshot(page, tmp_path / "sociaal_domein.png")
