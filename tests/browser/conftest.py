"""A real Streamlit server and Debian's chromium driven by Playwright.

Without chromium the browser tests skip locally, but fail in CI (CI=true): a missing browser must
never turn into a green run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.browser import BrowserBenchError, streamlit_server
from tests.helpers import copy_store

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's expect() waits 5 s by default, page actions 30 s (the page fixture): on a busy machine (the test
# workers run beside the server and chromium) a cold first page can take longer than 5 s to show its sidebar.
# The same waiting time for both; what is expected does not change.
expect.set_options(timeout=30_000)


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail("chromium ontbreekt: installeer het Debian-pakket 'chromium' (CI mag browsertests niet overslaan)")
    pytest.skip("chromium ontbreekt (apt-get install -y chromium); browsertests overgeslagen")


@contextmanager
def running_app(db: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on ``db`` on a free port; yields its URL once the server answers (the
    benchmark's server start, bench.browser.streamlit_server: one home for it)."""
    try:
        with streamlit_server(ROOT / "app.py", db, log_path) as started:
            yield started.url
    except BrowserBenchError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def server(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on its own store (a copy of the built one), shared by every browser test that needs no other
    data: DuckDB lets only one process hold a file, and the test process itself holds the shared test store."""
    db = copy_store(built_template, tmp_path_factory.mktemp("browser-store"))
    with running_app(db, tmp_path_factory.getbasetemp() / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


@pytest.fixture
def outside_requests(page, server: str) -> list[str]:
    """Every request the page makes to anything but the app itself: the Wijkmonitor must work offline."""
    urls: list[str] = []

    def record(request) -> None:
        if not request.url.startswith((server, "data:", "blob:")):
            urls.append(request.url)

    page.on("request", record)
    return urls


MAP_DRAWN = '[data-testid="stPlotlyChart"] .geo path'  # plotly draws a geo's areas once its topojson is in
# The point in the page where the n-th chart's map (a plotly geo) draws lon/lat: its projection, from the SVG's corner
MAP_POINT_JS = """([n, lon, lat]) => {
    const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[n];
    const [x, y] = gd._fullLayout.geo._subplot.projection([lon, lat]);
    const box = gd.querySelector("svg.main-svg").getBoundingClientRect();
    return {x: box.left + x, y: box.top + y};
}"""


def wait_until_ready(page) -> None:
    """A map is drawn and Streamlit has finished running the script."""
    page.wait_for_selector(MAP_DRAWN)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")


def map_point(page, n: int, lon: float, lat: float) -> dict:
    """{x, y} in the page where the n-th chart's map draws ``lon``/``lat`` (for a mouse click)."""
    return page.evaluate(MAP_POINT_JS, [n, lon, lat])


def choose_role(page, label: str) -> None:
    """Open demo mode: pick a role in the sidebar (e.g. "Gemeenteraad") and wait for the rerun. The role
    lives in the session, so go on through the menu: a new page load starts a new session."""
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Rol (demomodus)").click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(sidebar.get_by_label("Rol (demomodus)")).to_have_value(label)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    # on a busy machine the old menu can stand beside the new one for a moment: wait for one menu
    expect(sidebar.get_by_role("link", name="Overzicht", exact=True)).to_have_count(1)


def open_in_session(page, path: str) -> None:
    """Go to ``path`` (e.g. "/gegevensbeheer") inside the running session, as the browser's back and
    forward buttons do (the app's client-side routing), so the role picked in demo mode still holds."""
    page.evaluate("path => { history.pushState({}, '', path); dispatchEvent(new PopStateEvent('popstate')); }", path)
    page.wait_for_url(f"**{path}", wait_until="commit")
