"""The browser part of the benchmark: what a visitor waits for, in Debian's chromium driven by Playwright.

One measure everywhere: from the navigation (or the changed choice) until Streamlit is idle *and* every
plotly chart, map and vega sparkline on the page is drawn. Streamlit is idle when the app root says
``data-test-script-state="notRunning"`` after a run was seen, it is connected, the status widget is gone and
no element is stale; a plotly chart is drawn when plotly has laid it out (``_fullLayout``) and its SVG has
content, a MapLibre map (the bare app's) when it reports ``loaded()`` on a canvas with a size, an SVG map (a
plotly ``geo``, the app's) when its areas or dots are drawn as paths. The time is taken inside the
page (``performance.now()``, from the navigation start) and only counted once the state has held for
``STABLE_MS``, so a chart that arrives seconds after Streamlit went idle is counted, and polling costs
nothing.

Every figure is a ratio to the bare app (bench/bare_app.py: title + one ``choropleth_map`` of 14 polygons on
``white-bg``) measured the same way in the same run, under the same server configuration.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BARE_APP = REPO_ROOT / "bench" / "bare_app.py"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"]
STABLE_MS = 1000  # the page must stay idle and drawn this long before its time counts
LOAD_TIMEOUT_S = 180
STREAMLIT = [sys.executable, "-m", "streamlit", "run", "--server.headless", "true"]
CONCURRENCY = (1, 5, 10, 20)
SKIPPED_PAGES = {"pages/gegevensbeheer.py": "alleen voor de beheerder; een nieuwe sessie is management"}

READY_JS = """
(() => {
  if (window.__wm) return;
  const wm = (window.__wm = { armedAt: 0, sawRun: false, readyAt: null, charts: 0 });
  wm.arm = () => {
    wm.armedAt = performance.now(); wm.sawRun = false; wm.readyAt = null; wm.runStart = null; wm.runEnd = null;
  };
  // armOnPress: the next press (mouse button, Enter) arms the timer, so a choice is timed from the visitor's press
  const press = () => { if (wm.armOnPress) { wm.armOnPress = false; wm.arm(); } };
  document.addEventListener("pointerdown", press, true);
  document.addEventListener("keydown", (event) => { if (event.key === "Enter") press(); }, true);
  const drawn = () => {
    const visible = (e) => e.offsetParent !== null;
    const shown = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(visible);
    for (const chart of shown) {
      const gd = chart.querySelector(".js-plotly-plot");
      if (!gd || !gd._fullLayout) return false;
      for (const id of (gd._fullLayout._subplots && gd._fullLayout._subplots.map) || []) {
        const sub = gd._fullLayout[id] && gd._fullLayout[id]._subplot;
        if (!sub || !sub.map || !sub.map.loaded()) return false;
        const canvas = gd.querySelector("canvas.maplibregl-canvas");
        if (!canvas || !canvas.width || !canvas.height) return false;
      }
      const svg = gd.querySelector("svg.main-svg");
      if (!svg || !svg.childElementCount || svg.getBoundingClientRect().width === 0) return false;
    }
    // vega charts (the sparklines of st.metric): an SVG or canvas with a size
    const vega = [...document.querySelectorAll(".vega-embed")].filter(visible);
    for (const chart of vega) {
      const drawing = chart.querySelector("svg.marks, canvas.marks");
      if (!drawing || drawing.getBoundingClientRect().width === 0) return false;
    }
    wm.charts = shown.length + vega.length;
    return true;
  };
  const check = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return;
    const state = app.getAttribute("data-test-script-state");
    if (state === "running") { if (!wm.sawRun) wm.runStart = performance.now(); wm.sawRun = true; }
    if (state === "notRunning" && wm.sawRun && wm.runEnd == null) wm.runEnd = performance.now();
    const idle = wm.sawRun && state === "notRunning"
      && app.getAttribute("data-test-connection-state") === "CONNECTED"
      && !document.querySelector('[data-testid="stStatusWidget"]')
      && !document.querySelector('[data-stale="true"]')
      && !document.querySelector('[data-testid="stSkeleton"]');  // a lazy element (plotly's bundle) still loading
    if (idle && drawn()) { if (wm.readyAt === null) wm.readyAt = performance.now(); }
    else wm.readyAt = null;
  };
  // a run can be shorter than any polling interval: watch the attribute itself for "running"
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.getAttribute("data-test-script-state") === "running" && !wm.sawRun) {
        wm.runStart = performance.now();
        wm.sawRun = true;
      }
    }
    check();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-test-script-state"] });
  setInterval(check, 20);
})();
"""
# [readyAt, armedAt, runStart, runEnd] once the page has been ready for STABLE_MS, read in the same moment
STABLE_JS = f"""() => {{
  const wm = window.__wm;
  if (wm?.readyAt == null || performance.now() - wm.readyAt < {STABLE_MS}) return null;
  return [wm.readyAt, wm.armedAt, wm.runStart, wm.runEnd];
}}"""


class BrowserBenchError(RuntimeError):
    """The server did not start or a page did not become ready."""


@dataclass
class Server:
    url: str
    pid: int

    def rss_bytes(self) -> int:
        """Resident memory of the server process (psutil when installed, else /proc)."""
        try:
            import psutil
        except ImportError:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
            raise BrowserBenchError(f"geen VmRSS voor proces {self.pid}") from None
        return psutil.Process(self.pid).memory_info().rss


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, db: Path, log: Path) -> Iterator[Server]:
    """``streamlit run script`` in the repo root (same .streamlit/config.toml for app and bare app) on a
    free port with ``WIJKMONITOR_DB=db``; yields once the health check answers."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*STREAMLIT, str(script), "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=REPO_ROOT,
            env={**os.environ, "WIJKMONITOR_DB": str(db)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310 (local)
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise BrowserBenchError(f"streamlit kwam niet op voor {script}; zie {log}")
                time.sleep(0.2)
            yield Server(url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    context.add_init_script(READY_JS)
    page = context.new_page()
    page.set_default_timeout(LOAD_TIMEOUT_S * 1000)
    return context, page


def _wait_ready(page, what: str) -> float:
    """Seconds from the armed moment (navigation start: 0) until the page was ready for STABLE_MS."""
    try:
        handle = page.wait_for_function(STABLE_JS, polling=100, timeout=LOAD_TIMEOUT_S * 1000)
    except Exception as error:  # playwright's TimeoutError and a page that crashed alike
        raise BrowserBenchError(f"{what}: niet klaar binnen {LOAD_TIMEOUT_S} s ({error})") from error
    ready_at, armed_at, _run_start, _run_end = handle.json_value()
    return (ready_at - armed_at) / 1000


def load(browser, url: str, what: str) -> tuple[float, int]:
    """A new browser context (a new session) opens ``url``: seconds until drawn, and the charts seen."""
    context, page = _new_page(browser)
    try:
        page.goto(url, wait_until="commit")
        seconds = _wait_ready(page, what)
        return seconds, page.evaluate("window.__wm.charts")
    finally:
        context.close()


def change_choice(page) -> str | None:
    """Change one choice in the page's main area, as a visitor would: a selectbox (the next option, by keyboard),
    else a radio group (another option), else a toggle. The time starts at the visitor's press (Enter, or the mouse
    button on the option), not when Playwright is asked to act. A selectbox is changed by keyboard: in a list of 38
    indicators a mouse click on an option came 0,4–0,9 s after it was asked for (Playwright waits until the
    opening list holds still) and one in three did not choose at all (the list moved between press and release).
    Returns what was changed, or None when the page has no choice that can be changed."""
    main = page.locator('[data-testid="stMain"]')
    selectboxes = main.locator('[data-testid="stSelectbox"]')
    for number in range(min(selectboxes.count(), 3)):
        box = selectboxes.nth(number)
        label = box.locator("label").first.inner_text()
        box.locator('button[aria-label="Open"]').click()
        option = page.locator('[role="listbox"] [role="option"]:not([aria-selected="true"])').first
        try:
            option.wait_for(state="visible", timeout=5_000)
        except Exception:  # a selectbox with one option: try the next choice
            page.keyboard.press("Escape")
            continue
        chosen = page.locator('[role="listbox"] [role="option"][aria-selected="true"]')
        last = chosen.count() == 1 and chosen.evaluate("(o) => !o.nextElementSibling")
        page.keyboard.press("ArrowUp" if last else "ArrowDown")
        page.evaluate("window.__wm.armOnPress = true")
        page.keyboard.press("Enter")
        _check_armed(page)
        return f"keuzelijst '{label}'"
    radio = main.locator('[data-testid="stRadio"]')
    if radio.count():
        group = radio.first
        option = group.locator('label:has(input[type="radio"]:not(:checked))').first
        _click_timed(page, option)
        return f"keuzerondje '{group.locator('label').first.inner_text()}'"
    toggle = main.locator('[data-testid="stCheckbox"]')
    if toggle.count():
        _click_timed(page, toggle.first.locator("label"))
        return "schakelaar"
    return None


def _click_timed(page, target) -> None:
    """Click ``target`` with the timer armed by the press of the mouse button itself (READY_JS, ``armOnPress``)."""
    page.evaluate("window.__wm.armOnPress = true")
    target.click()
    _check_armed(page)


def _check_armed(page) -> None:
    if page.evaluate("window.__wm.armOnPress"):  # no press reached the page: the old time would be read
        raise BrowserBenchError("de keuze kwam niet als druk op een knop in de pagina aan; de tijd is niet gestart")


def rerun(browser, url: str, what: str) -> tuple[float | None, str | None]:
    """Open ``url`` in a new session, wait until drawn, change one choice: seconds until drawn again."""
    context, page = _new_page(browser)
    try:
        page.goto(url, wait_until="commit")
        _wait_ready(page, what)
        changed = change_choice(page)
        if changed is None:
            return None, None
        return _wait_ready(page, f"{what} na wijziging"), changed
    finally:
        context.close()


@dataclass
class Concurrent:
    sessions: int
    seconds: list[float]
    rss_per_session: float  # bytes
    late: int = 0  # sessions not drawn within LOAD_TIMEOUT_S (counted as LOAD_TIMEOUT_S)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def slowest(self) -> float:
        return max(self.seconds)


def concurrent(browser, server: Server, path: str, sessions: int, what: str) -> Concurrent:
    """``sessions`` new browser contexts open ``path`` at the same moment; each is timed from its own
    navigation start. Server RSS is read before and with every session open and drawn."""
    from playwright.sync_api import Error as PlaywrightError

    opened = [_new_page(browser) for _ in range(sessions)]
    try:
        before = server.rss_bytes()
        for _, page in opened:  # navigation starts without waiting: all within a few milliseconds
            page.evaluate("url => { setTimeout(() => { location.href = url; }, 0); }", server.url + path)
        seconds, late = [], 0
        for number, (_, page) in enumerate(opened, start=1):
            try:
                page.wait_for_url(f"{server.url}{path}*", wait_until="commit")
                seconds.append(_wait_ready(page, f"{what} sessie {number}/{sessions}"))
            except (BrowserBenchError, PlaywrightError):  # counted as the time-out, and said in the report
                seconds.append(float(LOAD_TIMEOUT_S))
                late += 1
        after = server.rss_bytes()
        return Concurrent(sessions, seconds, (after - before) / sessions, late)
    finally:
        for context, _ in opened:
            context.close()


# -- the whole browser part ------------------------------------------------------------------------------------


@dataclass
class PageResult:
    label: str
    path: str
    cold: list[float] = field(default_factory=list)
    new_session: list[float] = field(default_factory=list)
    rerun: list[float] = field(default_factory=list)
    changed: str | None = None
    charts: int = 0


@dataclass
class BrowserResults:
    bare: PageResult
    pages: list[PageResult]
    concurrency: dict[int, tuple[Concurrent, Concurrent]]  # N -> (bare, app)
    skipped: dict[str, str]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BrowserBenchError("chromium ontbreekt (apt-get install -y chromium)")
    return path


def page_routes(only: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(label, spec path, URL path) of every page a new session may open (or those whose file name is in
    ``only``, e.g. ["overzicht", "kaart"]); the default page is '/'."""
    from ui.navigation import PAGES

    routes = []
    for spec in PAGES:
        if spec.path in SKIPPED_PAGES or (only and Path(spec.path).stem not in only):
            continue
        routes.append((spec.title, spec.path, "/" if spec.default else "/" + Path(spec.path).stem))
    return routes


def run(
    db: Path,
    tmp: Path,
    runs: int,
    cold_runs: int,
    cold_pages: str,
    sessions: tuple[int, ...],
    only: list[str] | None = None,
) -> BrowserResults:
    """Measure everything; ``cold_pages`` is "alle" (every page cold) or "overzicht" (only the first page);
    ``only`` limits the pages (file names without .py)."""
    from playwright.sync_api import sync_playwright

    routes = page_routes(only)
    bare = PageResult("kale app (titel + 1 choropleth_map)", str(BARE_APP.relative_to(REPO_ROOT)))
    results = [PageResult(label, spec) for label, spec, _ in routes]
    concurrency: dict[int, tuple[Concurrent, Concurrent]] = {}
    log = tmp / "streamlit-bench.log"

    def say(text: str) -> None:
        print(f"  {text}", flush=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        try:
            # cold: a fresh server per measurement, its first request
            cold_routes = routes if cold_pages == "alle" else routes[:1]
            for run_number in range(1, cold_runs + 1):
                with streamlit_server(BARE_APP, db, log) as server:
                    bare.cold.append(load(browser, server.url + "/", "kale app koud")[0])
                say(f"koud {run_number}/{cold_runs}: kale app {_s(bare.cold[-1])} s")
                for (label, _, path), result in zip(cold_routes, results, strict=False):
                    with streamlit_server(REPO_ROOT / "app.py", db, log) as server:
                        result.cold.append(load(browser, server.url + path, f"{label} koud")[0])
                    say(f"koud {run_number}/{cold_runs}: {label} {_s(result.cold[-1])} s")

            # new session and rerun on a warm server: one untimed visit of each page first
            with streamlit_server(BARE_APP, db, log) as server:
                load(browser, server.url + "/", "kale app opwarmen")
                for _ in range(runs):
                    bare.new_session.append(load(browser, server.url + "/", "kale app")[0])
                    seconds, bare.changed = rerun(browser, server.url + "/", "kale app")
                    bare.rerun.append(seconds)
                say(f"kale app: nieuwe sessie {_s(_median(bare.new_session))} s, opnieuw {_s(_median(bare.rerun))} s")
                for count in sessions:
                    concurrency[count] = (concurrent(browser, server, "/", count, "kale app"), None)
            with streamlit_server(REPO_ROOT / "app.py", db, log) as server:
                for label, _, path in routes:
                    load(browser, server.url + path, f"{label} opwarmen")
                for (label, _, path), result in zip(routes, results, strict=True):
                    for _ in range(runs):
                        seconds, result.charts = load(browser, server.url + path, label)
                        result.new_session.append(seconds)
                        seconds, result.changed = rerun(browser, server.url + path, label)
                        if seconds is not None:
                            result.rerun.append(seconds)
                    say(
                        f"{label}: nieuwe sessie {_s(_median(result.new_session))} s, "
                        f"opnieuw {_s(_median(result.rerun))} s ({result.changed or 'geen keuze'})"
                    )
                for count in sessions:
                    app = concurrent(browser, server, "/", count, "Overzicht")
                    concurrency[count] = (concurrency[count][0], app)
                    say(f"{count} tegelijk: Overzicht mediaan {_s(app.median)} s, traagste {_s(app.slowest)} s")
                    say(f"{count} tegelijk: kale app mediaan {_s(concurrency[count][0].median)} s")
        finally:
            browser.close()
    return BrowserResults(bare, results, concurrency, SKIPPED_PAGES)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _s(value: float | None, decimals: int = 2) -> str:
    from analysis.formatting import format_number

    return "–" if value is None else format_number(value, decimals)


def _ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "–"
    return _s(value / reference) + "×"


def _cell(value: float | None, reference: float | None, target: float) -> str:
    """Two table cells: the seconds, and the ratio to the reference with ✔ or ✖ against ``target``."""
    return f"{_s(value)} | {_ratio(value, reference)} {_verdict(value, reference, target)}"


def _verdict(value: float | None, reference: float | None, target: float) -> str:
    if value is None or not reference:
        return ""
    return "✔" if value / reference <= target else "✖"


NEW_SESSION_TARGET = 1.3
RERUN_TARGET = 1.3
COLD_TARGET = 2.0
CONCURRENT_MEDIAN_TARGET = 1.5
CONCURRENT_SLOWEST_TARGET = 2.0


def report_lines(results: BrowserResults) -> list[str]:
    """The browser results as Markdown tables (also printed): seconds and ratios to the bare app."""
    bare = results.bare
    b_cold, b_new, b_rerun = _median(bare.cold), _median(bare.new_session), _median(bare.rerun)
    lines = [
        "### In de browser: tot alles getekend is",
        "",
        f"Mediaan in seconden; verhouding tot de kale app (doel: koud ≤ {_s(COLD_TARGET, 1)}×, nieuwe sessie en "
        f"opnieuw ≤ {_s(NEW_SESSION_TARGET, 1)}×).",
        "",
        "| pagina | grafieken | koud | × | nieuwe sessie | × | opnieuw | × | gewijzigde keuze |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {bare.label} | 1 | {_s(b_cold)} | 1× | {_s(b_new)} | 1× | {_s(b_rerun)} | 1× | {bare.changed or '–'} |",
    ]
    for page in results.pages:
        cold, new, again = _median(page.cold), _median(page.new_session), _median(page.rerun)
        lines.append(
            f"| {page.label} | {page.charts} | {_cell(cold, b_cold, COLD_TARGET)} | "
            f"{_cell(new, b_new, NEW_SESSION_TARGET)} | {_cell(again, b_rerun, RERUN_TARGET)} | {page.changed or '–'} |"
        )
    for path, reason in results.skipped.items():
        lines.append(f"| {path} | | | | | | | | niet gemeten: {reason} |")
    lines += [
        "",
        "### Tegelijk: N nieuwe sessies openen het Overzicht op hetzelfde moment",
        "",
        f"Doel bij 10: mediaan ≤ {_s(CONCURRENT_MEDIAN_TARGET, 1)}× de kale app bij 10, traagste ≤ "
        f"{_s(CONCURRENT_SLOWEST_TARGET, 1)}× de traagste van de kale app.",
        "",
        "| N | kale app mediaan | traagste | Overzicht mediaan | × | traagste | × | RSS per sessie (kale app / app) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, (bare_run, app_run) in sorted(results.concurrency.items()):
        megabytes = f"{_s(bare_run.rss_per_session / 1e6, 1)} / {_s(app_run.rss_per_session / 1e6, 1)} MB"
        lines.append(
            f"| {count} | {_s(bare_run.median)} | {_s(bare_run.slowest)} | "
            f"{_cell(app_run.median, bare_run.median, CONCURRENT_MEDIAN_TARGET)} | "
            f"{_cell(app_run.slowest, bare_run.slowest, CONCURRENT_SLOWEST_TARGET)} | {megabytes} |"
        )
        if bare_run.late or app_run.late:
            lines.append(
                f"| | niet getekend binnen {LOAD_TIMEOUT_S} s (geteld als {LOAD_TIMEOUT_S} s): kale app "
                f"{bare_run.late}, Overzicht {app_run.late} | | | | | | |"
            )
    return lines


def missed_targets(results: BrowserResults) -> int:
    """How many of the browser targets were missed (pages × situations, and the concurrency at 10)."""
    bare = results.bare
    references = ((COLD_TARGET, "cold"), (NEW_SESSION_TARGET, "new_session"), (RERUN_TARGET, "rerun"))
    missed = 0
    for page in results.pages:
        for target, name in references:
            value, reference = _median(getattr(page, name)), _median(getattr(bare, name))
            missed += _verdict(value, reference, target) == "✖"
    if 10 in results.concurrency:
        bare_run, app_run = results.concurrency[10]
        missed += app_run.median / bare_run.median > CONCURRENT_MEDIAN_TARGET
        missed += app_run.slowest / bare_run.slowest > CONCURRENT_SLOWEST_TARGET
    return missed
