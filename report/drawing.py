"""The command line's second process: it draws the snapshot's pictures while this process gathers and lays out.

A new process spends most of its time in three sequential blocks: importing and gathering the data, drawing the
pictures with matplotlib, and the layout by WeasyPrint. On two cores the pictures can be drawn beside the other
two: :class:`PictureWorker` forks a child *before* the store is opened (no DuckDB threads to copy), the child
imports matplotlib and geopandas while the parent gathers the snapshot, then draws the pictures it is sent
(``report.snapshot.picture_jobs``). Meanwhile the parent imports WeasyPrint and lays out the whole document: the
``<img>`` point at ``wijkmonitor-figuur:<name>``, and WeasyPrint finds a :class:`Pending` there (its image
cache, :func:`image_cache`) that has the picture's size in pixels before it is drawn (``report.figure_data``).
Only when WeasyPrint paints a picture into the PDF (``write_pdf``) does it need the pixels, and then waits for
the child. The PDF is byte for byte the one made in one process (tested).

The app does not use this: it is one process with many threads (forking it is not safe) and it keeps the
pictures per snapshot fingerprint (``report.snapshot.draw_images``).

A child that fails, dies or takes longer than :data:`TIMEOUT_SECONDS` gives a Dutch :class:`SnapshotError`,
never a hang and never a PDF; leaving the ``with`` block always stops and reaps the child.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
from typing import TYPE_CHECKING, Any, Protocol

from analysis.formatting import format_number
from report.figure_data import pixels
from report.state import SnapshotError

if TYPE_CHECKING:
    from report.figure_data import Image

SCHEME = "wijkmonitor-figuur:"
TIMEOUT_SECONDS = 120.0  # a snapshot's pictures take about 1–2 s; this only stops a hang


class Drawable(Protocol):
    alt: str

    @property
    def size(self) -> tuple[float, float]: ...  # inches (report.figure_data)

    def draw(self) -> Image: ...


class Pending:
    """A picture the child is drawing. In the template it stands in for the picture (the same ``alt``, a
    ``data_uri`` that is its ``wijkmonitor-figuur:`` address); to WeasyPrint it is the image at that address
    (WeasyPrint's image interface: ``get_intrinsic_size`` for the layout, ``draw`` when it paints the page),
    with the size the drawn picture will have, so the layout need not wait for it."""

    def __init__(self, name: str, job: Drawable, worker: PictureWorker) -> None:
        self.name = name
        self.alt = job.alt
        self.width, self.height = pixels(job.size)
        self._worker = worker
        self._image: Any = None

    @property
    def data_uri(self) -> str:
        return SCHEME + self.name

    def get_intrinsic_size(self, resolution: float, _font_size: float) -> tuple[float, float, float]:
        return self.width / resolution, self.height / resolution, self.width / self.height

    def draw(self, stream: Any, width: float, height: float, style: Any) -> None:
        """Paint the drawn picture as WeasyPrint paints a PNG (waits for the child)."""
        if self._image is None:
            self._image = self._drawn()
        self._image.draw(stream, width, height, style)

    def _drawn(self) -> Any:
        import PIL.Image
        from weasyprint.images import RasterImage

        drawn = self._worker.result()[self.name]
        png = drawn.png
        picture = PIL.Image.open(io.BytesIO(png))
        if picture.size != (self.width, self.height):  # the layout used the promised size: it must be this one
            raise SnapshotError(
                f"De figuur '{self.name}' is {picture.width}×{picture.height} beeldpunten in plaats van "
                f"{self.width}×{self.height}; de raadssnapshot is niet gemaakt. Meld dit aan de beheerder."
            )
        # named as WeasyPrint names a picture after its address, here the data URI the app's HTML has: the PDF is
        # the same, byte for byte, as the one drawn in one process
        name = hashlib.md5(drawn.data_uri.encode("ascii"), usedforsecurity=False).hexdigest()
        return RasterImage(picture, name, png, orientation="from-image")


def image_cache(jobs: dict[str, Drawable], worker: PictureWorker) -> dict[str, Pending]:
    """WeasyPrint's image cache (its ``cache`` option) with a :class:`Pending` at each picture's address:
    WeasyPrint takes an image from the cache before it fetches anything."""
    return {SCHEME + name: Pending(name, job, worker) for name, job in jobs.items()}


class PictureWorker:
    """A forked child that draws pictures: ``with PictureWorker() as worker: worker.submit(jobs); worker.result()``."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self._images: dict[str, Image] | None = None
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_conn,), name="raadssnapshot-figuren", daemon=True)
        self._process.start()
        child_conn.close()

    def __enter__(self) -> PictureWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def submit(self, jobs: dict[str, Drawable]) -> None:
        """Send the pictures to draw (name -> an object with ``draw()``); they are pickled to the child."""
        try:
            self._conn.send(jobs)
        except (BrokenPipeError, EOFError, OSError) as error:
            raise SnapshotError(self._stopped_text()) from error

    def result(self) -> dict[str, Image]:
        """The drawn pictures by name; waits for the child at most ``timeout`` seconds."""
        if self._images is None:
            if not self._conn.poll(self.timeout):
                seconds = format_number(self.timeout, 0 if float(self.timeout).is_integer() else 1)
                raise SnapshotError(
                    f"Het tekenen van de figuren duurde langer dan {seconds} seconden; de raadssnapshot is "
                    "niet gemaakt. Probeer het opnieuw; blijft het gebeuren, meld het dan aan de beheerder."
                )
            try:
                kind, payload = self._conn.recv()
            except (EOFError, OSError) as error:
                raise SnapshotError(self._stopped_text()) from error
            if kind != "ok":
                raise SnapshotError(f"De figuren van de raadssnapshot konden niet worden getekend: {payload}")
            self._images = payload
        return self._images

    def close(self) -> None:
        """Stop the child (when it still runs) and reap it: no zombie, also after an error."""
        self._conn.close()
        if self._images is None:  # nothing (more) to wait for: stop it now, not after its imports or drawing
            self._process.terminate()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def _stopped_text(self) -> str:
        self._process.join(timeout=1)
        code = self._process.exitcode
        how = f" (exitcode {code})" if code is not None else ""
        return (
            f"Het proces dat de figuren van de raadssnapshot tekent, stopte onverwacht{how}; "
            "de raadssnapshot is niet gemaakt."
        )


def _serve(conn: Any) -> None:
    """The child: import the drawing code while the parent gathers, then draw what it sends and send back PNGs."""
    try:
        try:
            import report.figures  # noqa: F401 (matplotlib, geopandas: the slow imports, while the parent gathers)

            not_ready = None
        except Exception as error:  # told to the parent once it asks for pictures
            not_ready = error
        try:
            jobs = conn.recv()
        except EOFError:  # the parent stopped before it sent anything (e.g. an unknown area): nothing to draw
            return
        try:
            if not_ready is not None:
                raise not_ready
            images = {name: job.draw() for name, job in jobs.items()}
        except Exception as error:  # every failure goes back to the parent as a message
            conn.send(("fout", f"{type(error).__name__}: {error}"))
            return
        conn.send(("ok", images))
    finally:
        conn.close()


def url_fetcher() -> object:
    """A WeasyPrint url fetcher that stops the rendering at any failure (``fail_on_errors``): WeasyPrint would
    otherwise log it and print the snapshot without, e.g., a picture that is not in the cache."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(fail_on_errors=True)
