"""Gegevensbeheer in a real browser: a CSV goes through the real upload widget, the page shows the
detected format, the preview and the validation report, and offers the commit button."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import choose_role

pytestmark = pytest.mark.browser


def open_as_beheerder(page, server: str) -> None:
    """Open demo mode, pick the beheerder (the only role with this page) and go there through the menu."""
    page.goto(server)
    choose_role(page, "Beheerder")
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Gegevensbeheer", exact=True).click()
    page.wait_for_selector("h1:has-text('Gegevensbeheer')")


def test_upload_of_a_good_csv_shows_preview_and_report(page, server: str, tmp_path: Path) -> None:
    good = tmp_path / "enquete.csv"
    good.write_bytes(
        "indicator;gebiedscode;jaar;waarde;respondenten;marge\r\n"
        "samenhang_score;WK082606;2025;6,9;412;0,13\r\n"
        "eenzaam_pct;WK082601;2025;11,2;380;3,1\r\n".encode("cp1252")
    )
    open_as_beheerder(page, server)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    # the app draws its own menu (no stSidebarNav): the page is listed under Beheer
    assert "Beheer" in page.locator('[data-testid="stSidebar"]').inner_text()

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    page.wait_for_selector("text=Geen problemen gevonden")
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")

    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Herkend: CSV · scheidingsteken puntkomma (;) · tekencodering UTF-8 · decimaalkomma" in body
    assert "2 rijen klaar om te laden" in body
    assert page.get_by_role("button", name="Laden").is_visible()
    shot = tmp_path / "gegevensbeheer.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 20_000


def test_upload_of_a_bad_csv_lists_the_problems(page, server: str, tmp_path: Path) -> None:
    bad = tmp_path / "fout.csv"
    bad.write_bytes(b"indicator,gebiedscode,jaar,waarde\neenzaam_pct,WK082601,2025,120\n")
    open_as_beheerder(page, server)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.wait_for_selector("text=Niet te laden: 1 probleem in fout.csv")
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    assert page.get_by_role("button", name="Laden").count() == 0
