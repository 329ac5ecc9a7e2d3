"""Raadssnapshot: gather the data as it was after one load, render it as an A4 PDF, record it.

The flow is ``load_state`` (every store table as of a load, plus what the app derives when read) →
``build`` (a :class:`Snapshot`: the ID and every section as formatted text and tables, no pictures) →
``render`` (pictures, HTML, PDF bytes) → ``Store.record_snapshot``. :func:`generate` does all of it.

**Snapshot ID**: ``snapshot <YYYY-MM> · <gebied> · v<data version> · <8 hex>``, e.g.
``snapshot 2026-11 · Dorst · v9 · 1a2b3c4d``. YYYY-MM is the month of the load that made the data
version (not the day of printing), so the ID says how recent the data are. The hash is the SHA-256 of the
area code, the template version, every load in force (id and the sha256 of what it loaded) and the two
catalogue files that are read from disk rather than the store (settings.yaml, index.yaml). The same ID
therefore means the same content: regenerating it gives the same text (only the line with the generation
date differs); a rebuilt store with other data, an undone load, or a changed template gives a new ID.

Privacy: every figure goes through ``analysis.suppression`` (counts 1–4, per-inhabitant figures of wijken
under 500 inhabitants, survey figures from fewer than 30 respondents), and the counts this module makes
itself (initiatives, volunteers) follow the same small-count rule. Hidden values print as "–" with a
lettered footnote that gives the reason.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis import cohesion_index, derived, overview, suppression
from data.access import User
from data.catalogue import CATALOGUE_DIR, Settings, load_index_spec, load_settings
from data.store import TABLE_KEYS, Store
from report.sections import Builder, Contents, section_titles
from report.tables import Footnotes, Group, long_date

TEMPLATE_VERSION = "1"  # bump whenever the template or what this module prints changes
TEMPLATE_DIR = Path(__file__).with_name("templates")
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with /Lang and title; conformance is not validated offline
APP_NAME = "Wijkmonitor Oosterhout"


class SnapshotError(ValueError):
    """A snapshot cannot be made; the message is Dutch and fit to show."""


# -- the data as of one load ---------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """Every versioned table as it was after load ``data_version``, plus the values and index the app
    derives from them when read (the same assembly as ui/store.py, without Streamlit)."""

    as_of: int | None  # what was asked for (None: the newest)
    data_version: int  # the newest load in force at that point
    loads: pd.DataFrame  # the load_log rows in force (status ok, load_id <= data_version)
    settings: Settings
    rules: suppression.Rules
    tables: dict[str, pd.DataFrame]
    values: pd.DataFrame  # stored indicator values plus derived ones
    spec: cohesion_index.IndexSpec
    index_themes: list[str]
    index: dict[str, cohesion_index.IndexResult]  # 'index' and one sub-index per theme; empty: no index yet
    measurable: list[str]
    excluded: dict[str, str]
    catalogue_hash: str  # of the catalogue files read from disk (settings.yaml, index.yaml)


def load_state(store: Store, as_of: int | None = None, catalogue_dir: Path = CATALOGUE_DIR) -> State:
    """Read every table as it was after load ``as_of`` (None: now) and derive what the app derives."""
    log = store.load_log()
    if as_of is not None and as_of not in set(log.load_id):
        known = ", ".join(str(i) for i in log.load_id)
        raise SnapshotError(f"Lading {as_of} bestaat niet. Bekende ladingen: {known or 'geen'}.")
    loads = log[(log.status == "ok") & ((log.load_id <= as_of) if as_of is not None else True)]
    if loads.empty:
        raise SnapshotError("Er zijn (op dat moment) nog geen gegevens geladen; er valt niets af te drukken.")
    version = int(loads.load_id.max())
    tables = {name: store.table(name, as_of=version) for name in TABLE_KEYS}
    settings = load_settings(catalogue_dir)
    stored = tables["indicator_value"]
    indicators = tables["indicator"]
    # Early states lack the counts some derived indicators come from; derived.derived_values cannot divide an
    # empty count table, so only derive what has a source in this state.
    present = set(stored[stored.value.notna()].indicator_id)
    if not tables["initiative"].empty:
        present.add(derived.REGISTER_INITIATIVES)
    indicators = indicators[indicators.derived_from.isna() | indicators.derived_from.isin(present)]
    computed = derived.derived_values(stored, tables["initiative"], indicators, settings.gemeente_code)
    values = pd.concat([stored, computed], ignore_index=True) if not computed.empty else stored
    raw = load_index_spec(tables["indicator"], catalogue_dir)
    spec = cohesion_index.IndexSpec(raw["base_year"], raw["points_per_sd"], raw["min_weight_share"], raw["components"])
    areas = tables["area"]
    wijken, excluded = cohesion_index.measurable_wijken(
        overview.population(values), areas[areas.level == "wijk"].area_code, settings.privacy.min_population
    )
    code = settings.gemeente_code
    try:
        results = {"index": cohesion_index.compute(values, spec, code, wijken, excluded)}
        for theme_id in raw["themes"]:
            results[theme_id] = cohesion_index.compute(values, spec.for_theme(theme_id), code, wijken, excluded)
    except ValueError:
        results = {}  # the components or their base year are not loaded (yet): no index in this state
    digest = hashlib.sha256()
    for name in ("settings.yaml", "index.yaml"):
        digest.update((catalogue_dir / name).read_bytes())
    return State(
        as_of=as_of,
        data_version=version,
        loads=loads.reset_index(drop=True),
        settings=settings,
        rules=settings.privacy,
        tables=tables,
        values=values,
        spec=spec,
        index_themes=list(raw["themes"]),
        index=results,
        measurable=wijken,
        excluded=excluded,
        catalogue_hash=digest.hexdigest(),
    )


def make_snapshot_id(state: State, area_code: str, area_name: str) -> str:
    """The citable ID (module docstring): month of the data, gebied, data version, content hash."""
    fingerprint = {
        "gebied": area_code,
        "template": TEMPLATE_VERSION,
        "ladingen": [[int(row.load_id), str(row.sha256)] for row in state.loads.itertuples()],
        "catalogus": state.catalogue_hash,
    }
    digest = hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode("utf-8")).hexdigest()[:8]
    month = f"{pd.Timestamp(state.loads.loaded_at.iloc[-1]):%Y-%m}"
    return f"snapshot {month} · {area_name} · v{state.data_version} · {digest}"


# -- the snapshot ----------------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """Everything the PDF says, formatted; pictures are drawn later (``render``) from ``figure_data``."""

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
    sections: list[tuple[str, str]]
    key_figures: list[dict[str, str]]  # for the page's preview: label, value, change
    content: dict[str, object]
    footnotes: Footnotes
    figure_data: dict[str, object]
    template_version: str = TEMPLATE_VERSION


def build(state: State, area_code: str) -> Snapshot:
    """Gather and format the contents of one snapshot (no pictures, no PDF)."""
    areas = state.tables["area"].set_index("area_code")
    if areas.empty:
        raise SnapshotError("In deze stand van de gegevens zijn nog geen gebieden geladen; kies een latere lading.")
    if area_code not in areas.index or areas.at[area_code, "level"] not in ("gemeente", "wijk"):
        options = ", ".join(areas[areas.level.isin(["gemeente", "wijk"])].index)
        raise SnapshotError(f"Onbekend gebied {area_code!r}. Kies de gemeente of een wijk: {options}.")
    contents: Contents = Builder(state, area_code).contents()
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
        sections=section_titles(contents.level),
        key_figures=contents.preview,
        content=contents.content,
        footnotes=contents.footnotes,
        figure_data=contents.figure_data,
    )


# -- rendering -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    snapshot: Snapshot
    generated_at: datetime
    html: str
    pdf: bytes
    page_count: int


def draw_images(snapshot: Snapshot) -> dict[str, object]:
    """The pictures of a snapshot (``report.figures``), with their captions."""
    from report import figures

    data = snapshot.figure_data
    images: dict[str, object] = {}
    if "map" in data:
        spec = data["map"]
        if spec["kind"] == "class_map":
            images["map"] = figures.class_map(
                spec["boundaries"],
                spec["table"],
                spec["legend"],
                tuple(figures.colors.CLASS_COLOURS_DIRECTIONAL),
                spec["no_value"],
                spec["alt"],
            )
            images["map_caption"] = (
                "Sociale-samenhangindex per wijk (nummer en index), in klassen ten opzichte van de gemeente. "
                "Grijs gearceerd: geen index. Grenzen: CBS Wijk- en Buurtkaart, CC BY 4.0."
            )
        else:
            images["map"] = figures.locator_map(spec["boundaries"], snapshot.area_code, spec["names"], spec["alt"])
            images["map_caption"] = f"{snapshot.area_name} (donkerblauw) in de gemeente. Grenzen: CBS, CC BY 4.0."
    if "contributions" in data:
        spec = data["contributions"]
        images["contributions"] = figures.contribution_bars(spec["parts"], spec["labels"], spec["alt"])
    if "status" in data and not data["status"]["rows"].empty:
        spec = data["status"]
        images["status"] = figures.status_bars(spec["rows"], spec["alt"])
    return images


def render_html(snapshot: Snapshot, generated_at: datetime, images: dict[str, object] | None = None) -> str:
    """The snapshot as one self-contained HTML document (CSS inline, pictures as data URIs)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    environment.tests["group_row"] = lambda row: isinstance(row, Group)
    template = environment.get_template("snapshot.html")
    return template.render(
        s=snapshot,
        title=f"Raadssnapshot {snapshot.area_name} · {snapshot.snapshot_id}",
        app_name=APP_NAME,
        headings=dict(snapshot.sections),
        flow_class="chapter" if snapshot.level == "gemeente" else "flow",
        images=images if images is not None else draw_images(snapshot),
        footnotes=snapshot.footnotes.all,
        # W3C date with its UTC offset (WeasyPrint drops a date without one): the PDF's creation date
        created_iso=generated_at.astimezone().isoformat(timespec="seconds"),
        generated_text=f"{long_date(generated_at)} om {generated_at:%H:%M}",
    )


def render(snapshot: Snapshot, generated_at: datetime | None = None) -> Rendered:
    """Pictures, HTML and the A4 PDF (variant :data:`PDF_VARIANT`)."""
    from weasyprint import HTML

    generated_at = (generated_at or datetime.now()).replace(microsecond=0)
    html = render_html(snapshot, generated_at)
    options = {"pdf_variant": PDF_VARIANT}
    document = HTML(string=html, base_url=str(TEMPLATE_DIR)).render(**options)
    # the file identifier follows the ID, not chance: the same ID at the same moment gives the same bytes
    identifier = hashlib.sha256(snapshot.snapshot_id.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = document.write_pdf(pdf_identifier=identifier, **options)
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
) -> Generated:
    """Gather, render and (by default) record one snapshot in the store's snapshot log; recording needs
    the user who makes it (``by``), whose role must allow it."""
    if record:
        if by is None:
            raise ValueError("recording a snapshot needs the user who makes it (by=...)")
        by.require("snapshot")
    rendered = render(build(load_state(store, as_of), area_code), generated_at)
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
