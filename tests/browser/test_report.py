"""The Raadssnapshot in a real browser: make a snapshot of Dorst and download the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_make_and_download_a_snapshot(page, server: str, tmp_path: Path, outside_requests: list[str]) -> None:
    page.goto(f"{server}/raadssnapshot?gebied=WK082613")
    # other browser tests may write loads (stamped with the real clock) into the server's store first:
    # neither the month nor the data version is fixed here
    preview = page.get_by_text(re.compile(r"snapshot \d{4}-\d{2} · Dorst · v\d+ · [0-9a-f]{8}")).first
    preview.wait_for()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    snapshot_id = preview.inner_text().strip()

    page.get_by_role("button", name="Snapshot maken").click()
    download_button = page.get_by_role("button", name="PDF downloaden")
    download_button.wait_for(timeout=90_000)
    with page.expect_download() as info:
        download_button.click()
    download = info.value
    assert re.fullmatch(r"raadssnapshot-WK082613-v\d+-[0-9a-f]{8}\.pdf", download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = subprocess.run(
        [shutil.which("pdftotext") or "/usr/bin/pdftotext", str(target), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert snapshot_id in text and "Ligging van de wijk" in text
    assert "Wat valt op" in text and "Colofon" in text
    # the archive lists it, and offers it again
    page.get_by_role("button", name="Deze snapshot downloaden").wait_for()
    assert outside_requests == []
