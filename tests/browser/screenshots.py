"""``./dev screenshot``: small PNGs of every page as a user first sees it, into docs/.

Every page at 1440×900 and the Overzicht and Wijkprofiel on a phone (390×844), viewport only (what fits on the
first screen, no scrolling), as the beheerder (the role that may open every page), on a freshly built demo store.
The PNGs are reduced to a 256-colour palette so they stay small in git.

    python -m tests.browser.screenshots [DIR]      # DIR defaults to docs/
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import expect, sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, ROOT, _chromium, choose_role, open_in_session, running_app
from ui.navigation import PAGES

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_PAGES = ("overzicht", "wijkprofiel")
SETTLE_MS = 2_500  # plotly draws after Streamlit reports the run as finished


def shot_name(stem: str, phone: bool) -> str:
    return f"{stem}-telefoon.png" if phone else f"{stem}.png"


def _small_png(path: Path) -> None:
    """Rewrite as an 8-bit palette PNG: flat UI colours lose nothing visible, and the file shrinks."""
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


def _shoot(browser, url: str, viewport: dict[str, int], stems: tuple[str, ...] | None, out: Path) -> list[Path]:
    context = browser.new_context(viewport=viewport, locale="nl-NL", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(180_000)  # a shared, busy machine: Wijkprofiel can take long
    page.goto(url)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    if viewport == PHONE:  # the sidebar covers the page on a phone: open it for the role, then close it
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    choose_role(page, "Beheerder")
    if viewport == PHONE:
        page.locator('[data-testid="stSidebarCollapseButton"]').click()
    written = []
    for spec in PAGES:
        stem = Path(spec.path).stem
        if stems is not None and stem not in stems:
            continue
        open_in_session(page, "/" if spec.default else f"/{stem}")
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(spec.title)
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        page.wait_for_timeout(SETTLE_MS)
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
        page.mouse.move(viewport["width"] - 5, viewport["height"] - 5)  # no hover highlight in the menu
        target = out / shot_name(stem, viewport == PHONE)
        page.screenshot(path=target)
        _small_png(target)
        written.append(target)
    context.close()
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "screenshots.duckdb"
        build = [sys.executable, "-m", "data", "build", "--db", str(db)]
        subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
        with running_app(db, Path(tmp) / "streamlit.log") as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
            written = _shoot(browser, url, DESKTOP, None, out) + _shoot(browser, url, PHONE, PHONE_PAGES, out)
            browser.close()
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
