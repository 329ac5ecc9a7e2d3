"""Raadssnapshot: gather the data as it was after one load, render it as an A4 PDF, record it.

The flow is ``load_state`` (every store table as of a load, plus what the app derives when read) →
``build`` (a :class:`Snapshot`: the ID and every section as formatted text and tables, no pictures) →
``render`` (pictures, HTML, PDF bytes) → ``Store.record_snapshot``. :func:`generate` does all of it.

**Snapshot ID**: ``snapshot <YYYY-MM> · <gebied> · v<data version> · <8 hex>``, e.g.
``snapshot 2026-11 · Dorst · v9 · 1a2b3c4d``. YYYY-MM is the month of the load that made the data
version (not the day of printing), so the ID says how recent the data are. The hash is the SHA-256 of the area
code, the template version, every load in force (id and the sha256 of what it loaded) and the catalogue files
that are read from disk rather than the store (``data.catalogue.READ_WHEN_SHOWN``: settings, index, lookalike,
rivm_mapping and sociaal_domein.yaml). The same ID therefore means the same content: regenerating it gives the
same text (only the line with the generation date differs); a rebuilt store with other data, an undone load,
or a changed template gives a new ID.

Privacy: every figure goes through ``analysis.suppression`` (counts 1–4, per-inhabitant figures of wijken
under 500 inhabitants, survey figures from fewer than 30 respondents), and the counts the sections make
themselves (initiatives, volunteers) follow the same small-count rule (``is_small_count``). Hidden values
print as "–" with a lettered footnote that gives the reason.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis import overview
from data import gemeenten
from data.access import User
from data.store import Store
from report import drawing
from report.drawing import Drawable, PictureWorker
from report.sections import Sections, gather, section_titles
from report.state import SnapshotError, State, load_state
from report.tables import Footnotes, Group, long_date

TEMPLATE_VERSION = "2"  # bump whenever the template or what this module prints changes
TEMPLATE_DIR = Path(__file__).with_name("templates")
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with /Lang and title; conformance is not validated offline


def fingerprint(state: State, area_code: str) -> str:
    """The SHA-256 (hex) over the area, the template version, every load in force and the catalogue files
    read from disk; its first 8 digits end the snapshot ID, the whole is printed in the colofon."""
    content = {
        "gebied": area_code,
        "template": TEMPLATE_VERSION,
        "ladingen": [[int(row.load_id), str(row.sha256)] for row in state.loads.itertuples()],
        "catalogus": state.catalogue_hash,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def make_snapshot_id(state: State, area_code: str, area_name: str) -> str:
    """The citable ID (module docstring): month of the data, gebied, data version, content hash."""
    digest = fingerprint(state, area_code)[:8]
    month = f"{pd.Timestamp(state.loads.loaded_at.iloc[-1]):%Y-%m}"
    return f"snapshot {month} · {area_name} · v{state.data_version} · {digest}"


# -- the snapshot ----------------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """Everything the PDF says, formatted; pictures are drawn later (``render``) from the sections' figures."""

    snapshot_id: str
    area_code: str
    area_name: str
    level: str  # gemeente | wijk
    subtitle: str
    data_version: int
    as_of: int | None
    data_loaded: str  # date of the load that made the data version
    release: str
    peildatum: str
    has_demo: bool
    real_text: str  # what is real, per source (analysis.overview.real_sources): the demo notice says it
    sections: list[tuple[str, str]]
    key_figures: list[dict[str, str]]  # for the page's preview: label, value, period, change
    content: Sections
    footnotes: Footnotes
    app_name: str  # 'Wijkmonitor <gemeente>', the gemeente's name in the store
    messages: tuple[str, ...] = ()  # the cover's three key messages (analysis.findings)
    fingerprint: str = ""  # the whole SHA-256 of :func:`fingerprint` (colofon)
    demo_seed: int | None = None  # the demo generator's seed, when the state holds demo data (colofon)
    template_version: str = TEMPLATE_VERSION


def build(state: State, area_code: str) -> Snapshot:
    """Gather and format the contents of one snapshot (no pictures, no PDF)."""
    areas = state.tables["area"].set_index("area_code")
    if areas.empty:
        raise SnapshotError("In deze stand van de gegevens zijn nog geen gebieden geladen; kies een latere lading.")
    if area_code not in areas.index or areas.at[area_code, "level"] not in ("gemeente", "wijk"):
        options = ", ".join(areas[areas.level.isin(["gemeente", "wijk"])].index)
        raise SnapshotError(f"Onbekend gebied {area_code!r}. Kies de gemeente of een wijk: {options}.")
    contents = gather(state, area_code)
    last_load = state.loads.iloc[-1]
    return Snapshot(
        snapshot_id=make_snapshot_id(state, area_code, contents.area_name),
        area_code=area_code,
        area_name=contents.area_name,
        level=contents.level,
        subtitle=contents.subtitle,
        data_version=state.data_version,
        as_of=state.as_of,
        data_loaded=long_date(pd.Timestamp(last_load.loaded_at)),
        release=str(last_load.message or last_load.dataset),
        peildatum=overview.peildatum_text(state.tables["indicator"], state.values).removeprefix("Peildatum — "),
        has_demo=bool(state.loads.is_demo.any()),
        real_text=_real_text(state),
        sections=section_titles(contents.level),
        key_figures=list(contents.sections.kerncijfers.preview),
        content=contents.sections,
        footnotes=contents.footnotes,
        messages=contents.messages,
        fingerprint=fingerprint(state, area_code),
        demo_seed=state.settings.demo_seed if bool(state.loads.is_demo.any()) else None,
        app_name=gemeenten.app_name(state.tables["area"]),
    )


# -- rendering -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    snapshot: Snapshot
    generated_at: datetime
    html: str
    pdf: bytes
    page_count: int


# Pictures drawn in this process, by the snapshot's fingerprint: the same fingerprint is the same content
# (module docstring), so a snapshot made again (the app's warm-up drew the gemeente's; thirty raadsleden make
# the same one) reuses them instead of drawing them again. A few snapshots' worth (~0.3 MB each).
_PICTURES: OrderedDict[str, dict[str, object]] = OrderedDict()
_PICTURES_KEPT = 8
_PICTURES_LOCK = threading.Lock()


def draw_images(snapshot: Snapshot) -> dict[str, object]:
    """The pictures of a snapshot (``report.figures``), with the map's caption; drawn once per fingerprint in
    this process."""
    key = f"{snapshot.fingerprint}:{snapshot.area_code}"
    with _PICTURES_LOCK:
        if snapshot.fingerprint and key in _PICTURES:
            _PICTURES.move_to_end(key)
            return dict(_PICTURES[key])
    images = _draw_images(snapshot)
    if snapshot.fingerprint:
        with _PICTURES_LOCK:
            _PICTURES[key] = images
            while len(_PICTURES) > _PICTURES_KEPT:
                _PICTURES.popitem(last=False)
    return dict(images)


def picture_jobs(snapshot: Snapshot) -> dict[str, Drawable]:
    """The snapshot's pictures by the name the template uses, each as the section's holder with ``draw()``."""
    content = snapshot.content
    jobs: dict[str, Drawable] = {}
    if content.kerncijfers.figure is not None:
        jobs["key_trends"] = content.kerncijfers.figure
    if content.kaart.figure is not None:
        jobs["map"] = content.kaart.figure
    if content.index.trend is not None:
        jobs["index_trend"] = content.index.trend
    if content.index.figure is not None:
        jobs["contributions"] = content.index.figure
    if content.ambities.figure is not None and content.ambities.figure.panels:
        jobs["roads"] = content.ambities.figure
    return jobs


def _with_caption(snapshot: Snapshot, images: dict[str, object]) -> dict[str, object]:
    if "map" in images:
        images["map_caption"] = snapshot.content.kaart.figure.caption
    return images


def _draw_images(snapshot: Snapshot) -> dict[str, object]:
    return _with_caption(snapshot, {name: job.draw() for name, job in picture_jobs(snapshot).items()})


def _real_text(state: State) -> str:
    """'Echt zijn de wijkgrenzen en … (CBS, CC BY 4.0; RIVM/CBS/GGD'en, …)', from the catalogue and the loaded data."""
    real = overview.real_sources(state.tables["indicator"], state.tables["indicator_value"])
    if real.empty:
        return "Echt (CBS, CC BY 4.0) zijn de wijkgrenzen."
    parts = [f"{', '.join(row.indicators)} ({row.organisation}; {row.licence})" for row in real.itertuples()]
    return "Echt zijn de wijkgrenzen (CBS, CC BY 4.0) en deze cijfers: " + "; ".join(parts) + "."


@functools.cache
def _template() -> object:
    """The Jinja template, compiled once per process (Jinja's own cache is per Environment)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    environment.tests["group_row"] = lambda row: isinstance(row, Group)
    return environment.get_template("snapshot.html")


def render_html(snapshot: Snapshot, generated_at: datetime, images: dict[str, object] | None = None) -> str:
    """The snapshot as one self-contained HTML document (CSS inline, pictures as data URIs)."""
    return _template().render(
        s=snapshot,
        title=f"Raadssnapshot {snapshot.area_name} · {snapshot.snapshot_id}",
        app_name=snapshot.app_name,
        headings=dict(snapshot.sections),
        flow_class="flow",  # sections follow on the same page: no mostly blank page after a long table
        images=images if images is not None else draw_images(snapshot),
        footnotes=snapshot.footnotes.all,
        # W3C date with its UTC offset (WeasyPrint drops a date without one): the PDF's creation date
        created_iso=generated_at.astimezone().isoformat(timespec="seconds"),
        generated_text=f"{long_date(generated_at)} om {generated_at:%H:%M}",
        command=f"python -m report snapshot --gebied {snapshot.area_code} --as-of {snapshot.data_version} "
        "--out snapshot.pdf",
    )


def render(snapshot: Snapshot, generated_at: datetime | None = None, pictures: PictureWorker | None = None) -> Rendered:
    """Pictures, HTML and the A4 PDF (variant :data:`PDF_VARIANT`). With ``pictures`` (the command line) a
    second process draws them while this one lays out the document (``report.drawing``); the result is the same."""
    generated_at = (generated_at or datetime.now()).replace(microsecond=0)
    options: dict[str, object] = {"pdf_variant": PDF_VARIANT}
    fetcher = None
    if pictures is not None:
        jobs = picture_jobs(snapshot)
        pictures.submit(jobs)  # first: the child draws while this process imports WeasyPrint and lays out
        cache = drawing.image_cache(jobs, pictures)
        images = _with_caption(snapshot, {pending.name: pending for pending in cache.values()})
        fetcher = drawing.url_fetcher()
        options["cache"] = cache
    else:
        images = draw_images(snapshot)
    from weasyprint import HTML

    html = render_html(snapshot, generated_at, images)
    document = HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=fetcher).render(**options)
    # the file identifier follows the ID, not chance: the same ID at the same moment gives the same bytes
    identifier = hashlib.sha256(snapshot.snapshot_id.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = document.write_pdf(pdf_identifier=identifier, pdf_variant=PDF_VARIANT)  # paints: waits for the pictures
    if pictures is not None:  # the HTML as the app makes it: the pictures inline
        for name, image in pictures.result().items():
            html = html.replace(f'src="{drawing.SCHEME}{name}"', f'src="{image.data_uri}"')
    return Rendered(snapshot, generated_at, html, pdf, len(document.pages))


@dataclass(frozen=True)
class Generated:
    rendered: Rendered
    snapshot_no: int | None  # its number in the store's snapshot log (None: not recorded)


def generate(
    store: Store,
    area_code: str,
    *,
    as_of: int | None = None,
    by: User | None = None,
    generated_at: datetime | None = None,
    record: bool = True,
    pictures: PictureWorker | None = None,
) -> Generated:
    """Gather, render and (by default) record one snapshot in the store's snapshot log; recording needs
    the user who makes it (``by``), whose role must allow it. ``pictures``: see :func:`render`."""
    if record:
        if by is None:
            raise ValueError("recording a snapshot needs the user who makes it (by=...)")
        by.require("snapshot")
    rendered = render(build(load_state(store, as_of), area_code), generated_at, pictures)
    return Generated(rendered, save(store, rendered, by) if record and by is not None else None)


def save(store: Store, rendered: Rendered, by: User) -> int:
    """Record a rendered snapshot, with its PDF, in the store's snapshot log and the audit trail; returns
    its number. Refuses (:class:`data.access.NotAllowed`) when the user's role may not make snapshots."""
    by.require("snapshot")
    snapshot = rendered.snapshot
    return store.record_snapshot(
        snapshot_id=snapshot.snapshot_id,
        area_code=snapshot.area_code,
        as_of=snapshot.as_of,
        data_version=snapshot.data_version,
        template_version=snapshot.template_version,
        generated_by=by.role,
        generated_at=rendered.generated_at,
        page_count=rendered.page_count,
        pdf=rendered.pdf,
        account=by.account,
        scope=by.scope_text,
    )


def file_name(snapshot: Snapshot) -> str:
    """A download name that sorts and says what it is: raadssnapshot-WK082613-v9-1a2b3c4d.pdf."""
    digest = snapshot.snapshot_id.rsplit(" ", 1)[-1]
    return f"raadssnapshot-{snapshot.area_code}-v{snapshot.data_version}-{digest}.pdf"
