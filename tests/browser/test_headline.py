"""Headline first (issue 15), in a real browser: the Overzicht's first screen holds "Wat valt op", and no page
shows Streamlit's or argparse's English defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from analysis import findings
from tests.browser.conftest import choose_role, open_in_session, wait_until_ready
from ui.navigation import PAGES

pytestmark = pytest.mark.browser

# Defaults that leak when a widget or a parser is left as it comes
ENGLISH_DEFAULTS = (
    "Choose an option",
    "No results",
    "yyyy",
    "YYYY/MM/DD",
    "Choose options",
    "Drag and drop",
    "per file",
    "Browse files",
    "usage:",
    "show this help message",
    "positional arguments",
)


# The text a reader sees: text nodes that take up space, are not hidden and have a font size (Streamlit's English
# is hidden by CSS where it has no parameter, see ui/layout.py; Playwright's inner_text would still count
# text of font-size 0)
VISIBLE_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || parseFloat(style.fontSize) === 0) continue;
    parts.push(walker.currentNode.textContent);
  }
  return parts.join(" ");
}"""


def english_in(page) -> list[str]:
    text = page.evaluate(VISIBLE_TEXT).lower()
    return [word for word in ENGLISH_DEFAULTS if word.lower() in text]


@pytest.fixture
def desktop(browser, server: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


def test_first_screen_of_the_overzicht_holds_the_findings(desktop, server: str, tmp_path: Path) -> None:
    desktop.goto(server)
    wait_until_ready(desktop)
    main = desktop.locator('[data-testid="stMain"]')
    heading = main.get_by_role("heading", name="Wat valt op")
    expect(heading).to_be_visible()
    links = main.locator('[data-testid="stPageLink"] a')
    count = links.count()
    assert 3 <= count <= findings.MAX_FINDINGS
    assert desktop.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
    for number in range(count):
        link = links.nth(number)
        box = link.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, (number, box)  # no scrolling
        text = link.inner_text()
        assert re.search(r"\d{4}", text), text  # every finding names its year
        assert re.match(r"(kaart|wijkprofiel|ambities)\?\w+=", link.get_attribute("href")), link.get_attribute("href")
    # the key figures follow on the same screen, their captions in full (no "t.o.v. 4e kwar…")
    tiles = main.locator('[data-testid="stMetric"]')
    expect(tiles.first).to_be_visible()
    assert tiles.first.bounding_box()["y"] < 900
    assert "…" not in main.locator('[data-testid="stCaptionContainer"]').all_inner_texts()[0]
    desktop.screenshot(path=tmp_path / "overzicht-1440.png")

    # a finding's link opens the page that shows it, with its choice in the URL
    first = links.first
    href = first.get_attribute("href")
    first.click()
    target, query = href.split("?")
    # the page may add its own choices to the URL (e.g. &thema=): wait for the finding's, not for an exact URL
    desktop.wait_for_url(
        lambda url: f"/{target}?" in url and all(part in url for part in query.split("&")), wait_until="commit"
    )
    desktop.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    expect(desktop.locator('[data-testid="stMain"] h1').first).not_to_have_text("Overzicht")


def test_no_page_shows_english_defaults(desktop, server: str) -> None:
    desktop.goto(server)
    wait_until_ready(desktop)
    choose_role(desktop, "Beheerder")  # the beheerder may open every page
    for spec in PAGES:
        path = "/" + Path(spec.path).stem
        if spec.default:
            path = "/"
        open_in_session(desktop, path)
        expect(desktop.locator('[data-testid="stMain"] h1').first).to_have_text(spec.title, timeout=30_000)
        desktop.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        desktop.wait_for_timeout(300)
        assert not english_in(desktop), f"{spec.title}: {english_in(desktop)}"


def test_search_and_date_field_speak_dutch(desktop, server: str) -> None:
    """A wijk search that finds nothing, and the empty deadline of a new action (as the opgaveleider, who writes)."""
    desktop.goto(server)
    wait_until_ready(desktop)
    choose_role(desktop, "Opgaveleider")
    open_in_session(desktop, "/agenda")
    desktop.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    deadline = desktop.locator('[data-testid="stDateInput"]').first
    deadline.wait_for()
    assert "jjjj" in deadline.locator('[data-type="year"]').evaluate("e => getComputedStyle(e, '::after').content")
    picker = desktop.get_by_role("combobox", name="Wijk")
    picker.click()
    picker.fill("geen wijk heet zo")
    listbox = desktop.get_by_role("listbox", name="Wijk")
    expect(listbox).to_have_attribute("data-empty", "true")
    assert "Geen resultaten" in listbox.evaluate("e => getComputedStyle(e, '::after').content")
    assert not english_in(desktop), english_in(desktop)
    picker.fill("Dors")  # typed search by name
    desktop.get_by_role("option", name="Dorst (kerkdorp)", exact=True).click()
    desktop.wait_for_url("**/agenda?wijk=WK0826*", wait_until="commit")
    expect(desktop.get_by_role("heading", name="Agenda van Dorst (kerkdorp)")).to_be_visible()
