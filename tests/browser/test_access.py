"""Roles in a real browser: open demo mode as the raad, and Gegevensbeheer stays out of reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_role, open_in_session

pytestmark = pytest.mark.browser


def test_demo_mode_as_raad_cannot_reach_gegevensbeheer(page, server: str, tmp_path: Path) -> None:
    page.goto(server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Demomodus")
    expect(sidebar.get_by_role("link", name="Gegevensbeheer", exact=True)).to_have_count(0)  # management
    choose_role(page, "Gemeenteraad")

    # the menu offers the raad's pages, not data management, agenda or logboek
    expect(sidebar.get_by_role("link", name="Raadssnapshot", exact=True)).to_be_visible()
    for hidden in ("Gegevensbeheer", "Logboek", "Agenda van de wijk"):
        expect(sidebar.get_by_role("link", name=hidden, exact=True)).to_have_count(0)

    # going there anyway, in the same session (as with the back button): a polite refusal, no data
    open_in_session(page, "/gegevensbeheer")
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Deze pagina is niet beschikbaar voor de rol gemeenteraad.")
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    assert page.locator('[data-testid="stDataFrame"], [data-testid="stTable"]').count() == 0
    page.screenshot(path=tmp_path / "raad-gegevensbeheer.png", full_page=True)

    # a deep link is a new session; it never shows the page either
    page.goto(f"{server}/gegevensbeheer")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Deze pagina is niet beschikbaar voor de rol")
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
