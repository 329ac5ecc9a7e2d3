"""report.drawing: the command line draws the snapshot's pictures in a forked child. Same result as drawing them
in one process; a child that fails, dies or hangs gives a Dutch error and is always reaped."""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from data.store import Store
from report import drawing, snapshot
from report.figure_data import Image
from tests.helpers import copy_store

MOMENT = datetime(2026, 12, 1, 10, 30)


class Fine:
    alt = "goed"

    def __init__(self, png: bytes) -> None:
        self.png = png

    def draw(self) -> Image:
        return Image(self.png, self.alt)


class Broken:
    alt = "kapot"

    def draw(self) -> Image:
        raise ValueError("de as past niet")


class Dies:
    alt = "weg"

    def draw(self) -> Image:
        os._exit(3)


class Hangs:
    alt = "traag"

    def draw(self) -> Image:
        time.sleep(60)
        return Image(b"", self.alt)


def no_children_left() -> bool:
    return not multiprocessing.active_children()


def test_worker_draws_in_a_child_and_gives_the_pictures_back() -> None:
    with drawing.PictureWorker() as worker:
        child = worker._process.pid
        assert child != os.getpid()
        worker.submit({"a": Fine(b"een"), "b": Fine(b"twee")})
        images = worker.result()
    assert images == {"a": Image(b"een", "goed"), "b": Image(b"twee", "goed")}
    assert worker._process.exitcode == 0 and no_children_left()


def test_a_failing_picture_is_a_dutch_error_and_the_child_is_reaped() -> None:
    with drawing.PictureWorker() as worker:
        worker.submit({"a": Fine(b"een"), "b": Broken()})
        with pytest.raises(snapshot.SnapshotError, match="konden niet worden getekend: ValueError: de as past niet"):
            worker.result()
    assert worker._process.exitcode is not None and no_children_left()


def test_a_dying_child_is_a_dutch_error_not_a_hang() -> None:
    with drawing.PictureWorker(timeout=30) as worker:
        worker.submit({"a": Dies()})
        started = time.perf_counter()
        with pytest.raises(snapshot.SnapshotError, match=r"stopte onverwacht \(exitcode 3\)"):
            worker.result()
        assert time.perf_counter() - started < 20  # noticed at once, not after the timeout
    assert no_children_left()


def test_a_hanging_child_times_out_in_dutch_and_is_stopped() -> None:
    started = time.perf_counter()
    with drawing.PictureWorker(timeout=0.5) as worker:
        worker.submit({"a": Hangs()})
        with pytest.raises(snapshot.SnapshotError, match="duurde langer dan 0,5 seconden"):
            worker.result()
    assert time.perf_counter() - started < 15
    assert worker._process.exitcode is not None and no_children_left()


def test_leaving_before_submitting_stops_the_waiting_child() -> None:
    with drawing.PictureWorker() as worker:
        pass  # e.g. an unknown area: the child is stopped at once, not after its imports
    assert worker._process.exitcode is not None and no_children_left()


@pytest.fixture(scope="module")
def store(built_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = Store.open(copy_store(built_template, tmp_path_factory.mktemp("drawing") / "s.duckdb"))
    yield opened
    opened.close()


@pytest.mark.parametrize("area", ["GM0826", "WK082613"])
def test_drawn_in_a_child_the_snapshot_is_the_same(store: Store, area: str) -> None:
    alone = snapshot.generate(store, area, generated_at=MOMENT, record=False).rendered
    with drawing.PictureWorker() as worker:
        forked = snapshot.generate(store, area, generated_at=MOMENT, record=False, pictures=worker).rendered
    assert forked.html == alone.html  # the same pictures, inline, in the same places
    assert forked.page_count == alone.page_count
    assert drawing.SCHEME not in forked.html
    assert no_children_left()


def test_a_failing_picture_stops_the_snapshot(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint would print a snapshot without the picture (it logs a failed image): it must stop instead."""
    real = snapshot.picture_jobs
    monkeypatch.setattr(snapshot, "picture_jobs", lambda s: {**real(s), "map": Broken()})
    with drawing.PictureWorker() as worker, pytest.raises(snapshot.SnapshotError, match="de as past niet"):
        snapshot.generate(store, "GM0826", generated_at=MOMENT, record=False, pictures=worker)
    assert no_children_left()
