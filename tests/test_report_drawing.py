"""report.drawing: the command line draws the snapshot's pictures in a forked child while it lays out the PDF with
each picture's promised size. Same result as drawing them in one process; a child that fails, dies or hangs, or
a picture of another size, gives a Dutch error and no PDF, and the child is always reaped."""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from data.store import Store
from report import drawing, figure_data, snapshot
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
    size = (2.0, 1.0)

    def draw(self) -> Image:
        raise ValueError("de as past niet")


class Dies:
    alt = "weg"
    size = (2.0, 1.0)

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
    assert forked.pdf == alone.pdf  # byte for byte: laid out before the pictures were drawn, with the same sizes
    assert forked.html == alone.html  # the same pictures, inline, in the same places
    assert forked.page_count == alone.page_count
    assert drawing.SCHEME not in forked.html
    assert no_children_left()


@pytest.mark.parametrize(("job", "message"), [(Broken(), "de as past niet"), (Dies(), r"stopte onverwacht")])
def test_a_failing_picture_stops_the_snapshot(
    store: Store, monkeypatch: pytest.MonkeyPatch, job: object, message: str
) -> None:
    """The layout does not wait for the pictures, the painting does: a picture that fails or a child that dies
    then stops the snapshot (no PDF without its pictures) in Dutch."""
    real = snapshot.picture_jobs
    monkeypatch.setattr(snapshot, "picture_jobs", lambda s: {**real(s), "map": job})
    with drawing.PictureWorker() as worker, pytest.raises(snapshot.SnapshotError, match=message):
        snapshot.generate(store, "GM0826", generated_at=MOMENT, record=False, pictures=worker)
    assert no_children_left()


class OtherSize:
    """Draws the real picture but promises another size: the layout would have been made for the wrong one."""

    def __init__(self, job: drawing.Drawable) -> None:
        self.job = job
        self.alt = job.alt
        self.size = (job.size[0], job.size[1] + 0.5)

    def draw(self) -> Image:
        return self.job.draw()


def test_a_picture_of_another_size_than_promised_stops_the_snapshot(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = snapshot.picture_jobs
    monkeypatch.setattr(snapshot, "picture_jobs", lambda s: {**real(s), "map": OtherSize(real(s)["map"])})
    with drawing.PictureWorker() as worker, pytest.raises(snapshot.SnapshotError, match=r"De figuur 'map' is 990×735"):
        snapshot.generate(store, "GM0826", generated_at=MOMENT, record=False, pictures=worker)
    assert no_children_left()


@pytest.mark.parametrize("area", ["GM0826", "WK082613"])
def test_every_picture_has_the_size_the_layout_is_made_with(store: Store, area: str) -> None:
    """The command line lays out the PDF before the pictures are drawn, with ``figure_data``'s sizes."""
    made = snapshot.build(snapshot.load_state(store), area)
    jobs = snapshot.picture_jobs(made)
    assert len(jobs) >= 4
    for name, job in jobs.items():
        png = job.draw().png
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # the IHDR chunk
        assert (width, height) == figure_data.pixels(job.size), name


def test_the_promised_sizes_follow_the_number_of_panels() -> None:
    assert figure_data.pixels(figure_data.CLASS_MAP_SIZE) == (990, 735)
    assert figure_data.trend_grid(1) == figure_data.Grid(1, 1, (6.6, 0.35 + 1.25))
    assert figure_data.trend_grid(7).rows == 3 and figure_data.trend_grid(7).columns == 3
    assert figure_data.ambition_grid(12).columns == 4 and figure_data.ambition_grid(13).columns == 5
    assert figure_data.pixels(figure_data.ambition_grid(13).size) == (990, int((0.3 + 1.12 * 3) * 150))
