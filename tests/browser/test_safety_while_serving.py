"""A beheerder loads, backs up and checks while the app serves (issue 19): a real ``streamlit run``, a browser
visit, then the command line. Every command succeeds within a few seconds, and the browser shows the new data
after a reload."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, running_app, wait_until_ready
from tests.helpers import copy_store, csv_bytes

pytestmark = pytest.mark.browser

SURVEY = csv_bytes("indicator;gebiedscode;jaar;score;respondenten;marge\nsamenhang_score;WK082606;2026;7,0;398;0,14\n")
SECONDS_PER_COMMAND = 15  # "a few seconds": the command waits for the app's short reads, then runs


def _command(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done, time.monotonic() - started


def test_import_export_and_check_while_the_app_serves(browser, built_template: Path, tmp_path: Path) -> None:
    db = copy_store(built_template, tmp_path / "store")
    survey = tmp_path / "enquete.csv"
    survey.write_bytes(SURVEY)
    with running_app(db, tmp_path / "streamlit.log") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url)
        wait_until_ready(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar).to_contain_text("Gegevensversie 11")

        loaded, seconds = _command("import", "enquete", str(survey), "--db", str(db))
        assert loaded.returncode == 0, loaded.stderr
        assert "Geladen als lading 12" in loaded.stdout and seconds < SECONDS_PER_COMMAND
        exported, seconds = _command("export", str(tmp_path / "backup"), "--db", str(db))
        assert exported.returncode == 0, exported.stderr
        assert seconds < SECONDS_PER_COMMAND
        manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["tables"]["load_log"]["rows"] == 12  # the new load is in the backup
        checked, seconds = _command("check", "--db", str(db))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "controles geslaagd" in checked.stdout and seconds < SECONDS_PER_COMMAND

        page.reload()
        wait_until_ready(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Gegevensversie 12")
        assert not page.locator('[data-testid="stException"]').count()
        context.close()
