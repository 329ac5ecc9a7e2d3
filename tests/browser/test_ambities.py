"""Ambities 2030 in a real browser: the portfolio lists the six ambitions with status in words, the
road-to-2030 charts draw, and nothing is fetched from outside."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AMBITIONS = [
    "Een sterke samenleving",
    "Sociale cohesie in de buurten, wijken en kerkdorpen",
    "Leefbare buurten, wijken en kerkdorpen",
    "Een sterke sociale basis",
    "Een betaalbaar en toegankelijk sociaal domein",
    "Schone, hele en veilige buurten, wijken en kerkdorpen",
]


def test_portfolio_shows_the_six_ambitions_with_their_status(
    page, server: str, tmp_path: Path, outside_requests: list[str]
) -> None:
    page.goto(f"{server}/ambities")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")

    shot = tmp_path / "ambities.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 20_000

    portfolio = page.locator('[data-testid="stTable"]').first.inner_text()
    for title in AMBITIONS:
        assert title in portfolio
    for status in ("✔ op koers", "! aandacht", "✖ achter"):
        assert status in portfolio  # the word with its symbol, not colour alone
    assert "Gemeente Oosterhout" in portfolio
    # every indicator of the first ambition has its chart, with the required path and the target drawn
    legend = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert "Benodigd pad naar het doel" in legend and "Doel 2030" in legend
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert outside_requests == []
