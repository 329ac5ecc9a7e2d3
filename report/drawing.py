"""The command line's second process: it draws the snapshot's pictures while this process gathers and lays out.

A new process spends most of its time in three sequential blocks: importing and gathering the data, drawing the
pictures with matplotlib, and the layout by WeasyPrint. On two cores the pictures can be drawn beside the other
two: :class:`PictureWorker` forks a child *before* the store is opened (no DuckDB threads to copy), the child
imports matplotlib and geopandas while the parent gathers the snapshot, then draws the pictures it is sent
(:func:`picture_jobs`). Meanwhile the parent imports WeasyPrint and parses and styles the HTML, whose ``<img>``
point at ``wijkmonitor-figuur:<name>``; WeasyPrint asks for them (:func:`url_fetcher`) only when it builds the
boxes, and then waits for the child. The pictures are the same bytes as drawn in one process.

The app does not use this: it is one process with many threads (forking it is not safe) and it keeps the
pictures per snapshot fingerprint (``report.snapshot.draw_images``).

A child that fails, dies or takes longer than :data:`TIMEOUT_SECONDS` gives a Dutch :class:`SnapshotError`,
never a hang; leaving the ``with`` block always stops and reaps the child.
"""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING, Any, Protocol

from analysis.formatting import format_number
from report.state import SnapshotError

if TYPE_CHECKING:
    from report.figure_data import Image

SCHEME = "wijkmonitor-figuur:"
TIMEOUT_SECONDS = 120.0  # a snapshot's pictures take about 1–2 s; this only stops a hang


class Drawable(Protocol):
    alt: str

    def draw(self) -> Image: ...


class Pending:
    """Stands in for a picture in the template until it is drawn: the same ``alt``, a ``data_uri`` that is the
    ``wijkmonitor-figuur:`` address the url fetcher answers."""

    def __init__(self, name: str, alt: str) -> None:
        self.name = name
        self.alt = alt

    @property
    def data_uri(self) -> str:
        return SCHEME + self.name


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


def url_fetcher(worker: PictureWorker) -> object:
    """A WeasyPrint url fetcher that answers ``wijkmonitor-figuur:<name>`` with the child's picture (and waits for
    it). Any failure stops the rendering (``fail_on_errors``): a snapshot is never printed without its pictures."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _Fetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith(SCHEME):
                image = worker.result()[url.removeprefix(SCHEME)]
                return URLFetcherResponse(url, body=image.png, headers={"Content-Type": "image/png"})
            return super().fetch(url, headers)

    return _Fetcher(fail_on_errors=True)
