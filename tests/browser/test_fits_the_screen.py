"""Tables that fit the screen: on a 1440 x 900 screen Gegevensbeheer's tables do not scroll sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose_role, open_in_session

pytestmark = pytest.mark.browser

# (scroll width, visible width) of each st.dataframe's scrolling area
SCROLL_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .map(el => [el.scrollWidth, el.clientWidth])"""


def test_gegevensbeheer_tables_fit_1440_px(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server)
        choose_role(page, "Beheerder")
        open_in_session(page, "/gegevensbeheer")
        page.get_by_role("heading", name="Auditlogboek").wait_for()
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        page.wait_for_function(f"() => ({SCROLL_WIDTHS})().length >= 2")  # the loads and the audit trail
        widths = page.evaluate(SCROLL_WIDTHS)
        assert all(scroll <= visible + 1 for scroll, visible in widths), widths
        page.get_by_text("Alles over één lading").click()  # the whole source and the note, in the fold
        details = page.locator('[data-testid="stExpanderDetails"] [data-testid="stTable"]')
        assert "Toelichting" in details.inner_text() and "Geladen door" in details.inner_text()
    finally:
        context.close()
