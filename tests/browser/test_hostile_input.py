"""Hostile input in a real browser: register texts, notes, actions and file names with HTML, markdown, LaTeX and
Streamlit directives show as written (no element, link, picture, formula or icon made from them, no dialog,
no request to example.org), and a hostile ?wijk= gets the Dutch notice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.conftest import running_app
from tests.test_hostile_input import (
    ACTION,
    GOOD_EXAMPLE,
    IMG,
    NOTE_TEXT,
    SCRIPT,
    STORY,
    TITLE,
    WIJK,
    make_hostile_store,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_server(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a store with hostile initiatives, notes and an agenda item."""
    db = make_hostile_store(built_template, tmp_path_factory.mktemp("browser-hostile") / "w.duckdb")
    with running_app(db, tmp_path_factory.getbasetemp() / "streamlit-hostile.log") as url:
        yield url


@pytest.fixture
def hostile_page(browser, hostile_server: str):
    """A page that records JS dialogs and every request that leaves the app."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    opened.dialogs = []
    opened.outside = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on(
        "request",
        lambda r: None if r.url.startswith((hostile_server, "data:", "blob:")) else opened.outside.append(r.url),
    )
    yield opened
    context.close()


def _open(page, url: str, wait_for: str) -> str:
    """Open ``url`` and wait until ``wait_for`` is on the page and the script has finished."""
    page.goto(url)
    page.get_by_text(wait_for).first.wait_for()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    page.wait_for_timeout(500)
    return page.locator('[data-testid="stMain"]').inner_text()


def _assert_nothing_made_from_user_text(page) -> None:
    main = '[data-testid="stMain"]'
    assert page.locator(f'{main} img[src="x"], img[src*="example.org"]').count() == 0
    assert page.locator(f"{main} script").count() == 0
    assert page.locator(f'{main} a[href^="javascript"], {main} a[href="#"], {main} a[href*="example.org"]').count() == 0
    assert page.locator(f"{main} .katex").count() == 0
    assert page.locator(f'{main} [data-testid="stMarkdownContainer"] strong:text-is("vet")').count() == 0
    assert page.locator(f'{main} [data-testid="stMarkdownContainer"] span:text-is("rood")').count() == 0
    assert page.dialogs == []
    assert not [u for u in page.outside if "example.org" in u]


def test_good_example_shows_register_text_as_written(hostile_page, hostile_server: str) -> None:
    body = _open(hostile_page, f"{hostile_server}/initiatieven?voorbeeld={GOOD_EXAMPLE}", "onerror=alert(1)> **vet**")
    assert TITLE in body  # the header: <script>, <img> and **vet** as text
    assert STORY.replace("\u2060", "") in body.replace("\u2060", "")  # link, picture, :red[], $…$ and icon as text
    _assert_nothing_made_from_user_text(hostile_page)


def test_gallery_and_register_show_register_text_as_written(hostile_page, hostile_server: str) -> None:
    _open(hostile_page, f"{hostile_server}/initiatieven?ini_wijk={WIJK}", "Mooie voorbeelden")
    hostile_page.get_by_role("tab", name="Mooie voorbeelden").click()  # the page is in tabs
    hostile_page.get_by_text("onerror=alert(1)> **vet**").first.wait_for()
    assert TITLE in hostile_page.locator('[data-testid="stMain"]').inner_text()
    _assert_nothing_made_from_user_text(hostile_page)
    hostile_page.get_by_role("tab", name="Register").click()  # a data grid: its cells are drawn, not HTML
    hostile_page.get_by_text("Het register").first.wait_for()
    _assert_nothing_made_from_user_text(hostile_page)


def test_logboek_and_agenda_show_notes_and_actions_as_written(
    hostile_page, hostile_server: str, tmp_path: Path
) -> None:
    body = _open(hostile_page, f"{hostile_server}/logboek?wijk={WIJK}", "[klik](javascript:alert(1)) **vet**")
    assert NOTE_TEXT.replace(":material/home:", "") in body.replace("\u2060", "") and ":material/home:" in body
    _assert_nothing_made_from_user_text(hostile_page)
    body = _open(hostile_page, f"{hostile_server}/agenda?wijk={WIJK}", "**actie**")
    assert ACTION in body.replace("\u2060", "")
    _assert_nothing_made_from_user_text(hostile_page)
    hostile_page.screenshot(path=tmp_path / "hostile-agenda.png", full_page=True)


def test_hostile_wijk_in_the_link_shows_the_dutch_notice(hostile_page, hostile_server: str) -> None:
    body = _open(hostile_page, f"{hostile_server}/wijkprofiel?wijk={quote(SCRIPT + IMG)}", "in de link")
    assert f"De wijk in de link (‘{(SCRIPT + IMG)[:39]}…’) is onbekend; u ziet nu " in body
    hostile_page.wait_for_url("**/wijkprofiel?wijk=WK0826*")
    assert "Traceback" not in body and "Error" not in body
    _assert_nothing_made_from_user_text(hostile_page)
