"""Import a file as one load: read, validate, archive the original, write all or nothing.

:func:`prepare` reads and validates without writing (the preview, the dry run), and says when the same
content (same sha256) is already loaded: such a file is loaded again only with ``reload=True`` (``--opnieuw``
on the command line, a checkbox on the page); :func:`commit` archives
the original file content-addressed (``<archive>/<sha256>.<ext>``) and writes the rows through
:meth:`data.store.Store.write_load`, one transaction. :func:`replay` loads an archived file again.

The archive lives next to the database (``<db folder>/archive``, so ``data/archive`` for the default
store) unless ``WIJKMONITOR_ARCHIVE`` names another folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from data import gemeenten
from data.access import User
from data.catalogue import Settings, load_settings
from data.datasets import KWB, dataset_names
from data.importers import ImportRefused, RawTable, archive_extension, file_label, read_table
from data.store import LoadResult, Store, StoreError, describe_error
from data.validation import MAX_LISTED, Context, Validated, display, expected_columns, problems_text, validate

ARCHIVE_ENV = "WIJKMONITOR_ARCHIVE"
_SHEET_IN_MESSAGE = re.compile(r"tabblad '([^']*)'")
_YEAR_IN_MESSAGE = re.compile(r"kwb-jaar (\d{4})")
LEVELS = ("gemeente", "wijk", "buurt")
_LEVEL_PREFIXES = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}


@dataclass(frozen=True)
class EarlierLoad:
    """A load in force with the same content as the file now offered."""

    load_id: int
    loaded_at: pd.Timestamp
    source: str

    def sentence(self, file_name: str) -> str:
        return (
            f"{file_name}: dit bestand (zelfde inhoud) is al geladen op {self.loaded_at:%d-%m-%Y %H:%M} als lading "
            f"{self.load_id} ({self.source}). Wilt u het toch opnieuw laden, als nieuwe lading, dan kan dat met "
            "--opnieuw (opdrachtregel) of het vinkje 'Toch opnieuw laden' (pagina Gegevensbeheer)."
        )


def archive_dir(store: Store) -> Path:
    """Where originals are kept: ``$WIJKMONITOR_ARCHIVE`` or ``archive/`` next to the database file."""
    return Path(os.environ.get(ARCHIVE_ENV) or Path(store.path).parent / "archive")


@dataclass
class Prepared:
    """A file read and checked, not yet written."""

    dataset: str
    file_name: str
    sha256: str
    content: bytes = field(repr=False)
    raw: RawTable | None = None
    validated: Validated | None = None
    refusal: list[str] = field(default_factory=list)  # Dutch sentences (file-level or per cell)
    total_problems: int = 0
    rows_added: int = 0
    rows_superseded: int = 0
    year: int | None = None
    earlier: EarlierLoad | None = None  # the same content is already loaded (and in force)
    reload: bool = False  # the user confirmed loading the same content again

    @property
    def blocked_as_duplicate(self) -> bool:
        return self.earlier is not None and not self.reload

    @property
    def ok(self) -> bool:
        return not self.total_problems and not self.blocked_as_duplicate

    @property
    def conversions(self) -> list[str]:
        """Every reading the importer decided (header row moved, percent cells, names -> codes, …)."""
        return self.validated.conversions if self.validated else []

    @property
    def notes(self) -> list[str]:
        """What the report shows before loading: the conversions ('Omgezet: …'), then the other notes."""
        converted = [f"Omgezet: {c}" for c in self.conversions]
        return converted + (self.validated.notes if self.validated else [])

    def format_text(self) -> str:
        if self.raw is None:
            return ""
        fmt = self.raw.fmt
        fmt.decimal = self.validated.decimal if self.validated else None
        return fmt.describe()

    def problem_table(self) -> pd.DataFrame:
        """The listed problems as a table: bestand, rij, kolom, waarde, reden."""
        columns = ["bestand", "rij", "kolom", "waarde", "reden"]
        if self.blocked_as_duplicate and not self.total_problems:
            reason = self.earlier.sentence(self.file_name).removeprefix(f"{self.file_name}: ")
            return pd.DataFrame([{"bestand": self.file_name, "rij": "", "kolom": "", "waarde": "", "reden": reason}])
        if self.validated and self.validated.problems:
            rows = [
                {
                    "bestand": self.file_name,
                    "rij": "" if p.row is None else str(p.row),
                    "kolom": p.column or "",
                    "waarde": "" if p.value is None else display(p.value),
                    "reden": p.reason,
                }
                for p in self.validated.problems[:MAX_LISTED]
            ]
            return pd.DataFrame(rows, columns=columns)
        return pd.DataFrame(
            [{"bestand": self.file_name, "rij": "", "kolom": "", "waarde": "", "reden": r} for r in self.refusal],
            columns=columns,
        )

    def messages(self) -> list[str]:
        """Every listed problem as one Dutch sentence, then the total when more exist."""
        if self.validated and self.validated.problems:
            lines = [p.text(self.file_name) for p in self.validated.problems[:MAX_LISTED]]
        else:
            lines = list(self.refusal[:MAX_LISTED])
        if self.blocked_as_duplicate:
            lines.insert(0, self.earlier.sentence(self.file_name))
        if self.total_problems > len(lines):
            rest = problems_text(self.total_problems - len(lines))
            lines.append(f"… en nog {rest}; {problems_text(self.total_problems)} in totaal.")
        return lines

    def summary(self) -> str:
        """For load_log.message: format, rows, notes; also what replay needs (sheet, kwb year)."""
        parts = [self.format_text(), f"{len(self.raw.frame) if self.raw is not None else 0} rijen in het bestand"]
        if self.dataset == KWB and self.year is not None:
            parts.append(f"kwb-jaar {self.year}")
        if self.reload and self.earlier is not None:
            parts.append(f"zelfde inhoud als lading {self.earlier.load_id}, bewust opnieuw geladen")
        parts += self.notes
        return "; ".join(p for p in parts if p)


def allow_reload(prepared: Prepared) -> Prepared:
    """The same prepared file, confirmed to be loaded again although its content is already loaded."""
    return replace(prepared, reload=True)


def prepare(
    store: Store,
    dataset: str,
    file_name: str,
    content: bytes,
    *,
    sheet: str | None = None,
    year: int | None = None,
    settings: Settings | None = None,
    reload: bool = False,
) -> Prepared:
    """Read and validate ``content`` as ``dataset`` against the store's current codes; writes nothing.

    ``reload``: load it even when the same content is already loaded (otherwise ``prepared.ok`` is False
    and the first message says when and as which load)."""
    if dataset not in dataset_names():
        raise ValueError(f"unknown dataset {dataset!r}; expected one of {dataset_names()}")
    prepared = Prepared(dataset, file_label(file_name), hashlib.sha256(content).hexdigest(), content, reload=reload)
    prepared.earlier = earlier_load(store, prepared.sha256)
    try:
        prepared.raw = read_table(file_name, content, sheet, expected_columns(dataset))
    except ImportRefused as refused:
        prepared.refusal, prepared.total_problems = refused.problems, refused.total
        return prepared
    settings = settings or load_settings(gemeenten.folder_of_store(store.table("area")))
    context = Context.from_store(store, settings.gemeente_code, settings.gemeente_naam)
    validated = validate(prepared.raw, dataset, context, year)
    prepared.validated = validated
    prepared.total_problems = len(validated.problems)
    if validated.ok:
        frame = validated.frames.get("indicator_value")
        if dataset == KWB and frame is not None and not frame.empty:
            prepared.year = int(frame.year.iloc[0])
        prepared.rows_added, prepared.rows_superseded = store.preview_load(validated.frames)
    return prepared


def earlier_load(store: Store, sha256: str) -> EarlierLoad | None:
    """The newest load in force (not undone) of content with this sha256, if any."""
    log = store.load_log()
    same = log[(log.sha256 == sha256) & (log.status == "ok")]
    if same.empty:
        return None
    entry = same.sort_values("load_id").iloc[-1]
    return EarlierLoad(int(entry.load_id), pd.Timestamp(entry.loaded_at), str(entry.source))


def level_counts(store: Store, prepared: Prepared) -> dict[str, tuple[int, int]]:
    """Per area level (gemeente, wijk, buurt): rows the load would add and how many of them replace rows in
    force. A query per level, so asked for by the dry run only."""
    frames = prepared.validated.frames if prepared.validated else {}
    counts: dict[str, tuple[int, int]] = {}
    for level in LEVELS:
        subsets = {}
        for table, frame in frames.items():
            column = next((c for c in ("area_code", "wijk_code") if c in frame.columns), None)
            if column is not None:
                subsets[table] = frame[frame[column].astype(str).str[:2].map(_LEVEL_PREFIXES) == level]
        if any(len(subset) for subset in subsets.values()):
            counts[level] = store.preview_load(subsets)
    return counts


def commit(store: Store, prepared: Prepared, user: User, archive: Path | None = None) -> LoadResult:
    """Archive the original and write the load (one transaction). Refuses a file with problems, and a
    user whose role may not load (:class:`data.access.NotAllowed`)."""
    user.require("lading")
    if not prepared.ok or prepared.validated is None:
        raise ImportRefused(prepared.messages(), prepared.total_problems + prepared.blocked_as_duplicate)
    folder = archive or archive_dir(store)
    try:
        archived = store_original(prepared, folder)
    except OSError as exc:  # full disk, no write permission: said in Dutch, nothing loaded
        error = describe_error(exc, folder / prepared.file_name)
        if error is None:
            raise
        raise type(error)(f"{error} Het origineel kon niet in het archief worden bewaard; er is niets geladen.",
                          public=error.public) from exc  # fmt: skip
    return store.write_load(
        dataset=prepared.dataset,
        source=prepared.file_name,
        sha256=prepared.sha256,
        loaded_by=user.role,
        frames=prepared.validated.frames,
        is_demo=False,
        message=f"{prepared.summary()}; archief {archived.name}",
        account=user.account,
        scope=user.scope_text,
    )


def undo(store: Store, load_id: int, user: User) -> None:
    """Undo load ``load_id`` (see :meth:`data.store.Store.undo_load`) if the user's role may."""
    user.require("ongedaan")
    store.undo_load(load_id, user.role, account=user.account, scope=user.scope_text)


def store_original(prepared: Prepared, archive: Path) -> Path:
    """Keep the file as ``<sha256>.<ext>``; written to a temporary name and moved, so never half."""
    archive.mkdir(parents=True, exist_ok=True)
    target = archive / f"{prepared.sha256}{archive_extension(prepared.file_name)}"  # never the user's name
    if not target.exists():
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(prepared.content)
        os.replace(tmp, target)
    return target


def import_file(
    store: Store,
    dataset: str,
    file_name: str,
    content: bytes,
    user: User,
    *,
    sheet: str | None = None,
    year: int | None = None,
    archive: Path | None = None,
    reload: bool = False,
) -> LoadResult:
    """Prepare and commit; raises :class:`ImportRefused` (store unchanged) when the file has problems, or
    when the same content is already loaded and ``reload`` is False."""
    prepared = prepare(store, dataset, file_name, content, sheet=sheet, year=year, reload=reload)
    return commit(store, prepared, user, archive)


def replay(store: Store, load_id: int, user: User, archive: Path | None = None) -> LoadResult:
    """Load the archived original of load ``load_id`` again, with the same dataset, sheet and kwb year (an
    explicit request: the same content is loaded again even if an earlier load of it is in force)."""
    log = store.load_log().set_index("load_id")
    if load_id not in log.index:
        raise StoreError(f"Lading {load_id} bestaat niet.")
    entry = log.loc[load_id]
    archive = archive or archive_dir(store)
    matches = sorted(archive.glob(f"{entry.sha256}.*"))
    if not matches:
        raise StoreError(f"Het origineel van lading {load_id} ({entry.source}) staat niet in het archief {archive}.")
    message = str(entry.message or "")
    sheet = _SHEET_IN_MESSAGE.search(message)
    year = _YEAR_IN_MESSAGE.search(message)
    return import_file(
        store,
        str(entry.dataset),
        str(entry.source),
        matches[0].read_bytes(),
        user,
        sheet=sheet.group(1) if sheet else None,
        year=int(year.group(1)) if year else None,
        archive=archive,
        reload=True,
    )


LOCK_WAIT_SECONDS = 10.0  # a command waits this long for another process (the app, another command) to let go

# What to do when the file stays in use, per command: what did not happen, and what to do for *this* command.
BUSY_ADVICE = {
    "import": "Er is niets geladen. Probeer het over een minuut opnieuw (in een nachtelijk script: herhaal de opdracht "
    "na enkele minuten), of laad het bestand in de app via de pagina Gegevensbeheer.",
    "loads": "Het ladingenlogboek is niet getoond. Probeer het over een minuut opnieuw; in de app staat het ook op de "
    "pagina Gegevensbeheer.",
    "export": "Er is geen export (back-up) gemaakt en er is geen map aangemaakt. Probeer het over een minuut opnieuw "
    "(in een nachtelijk script: herhaal de opdracht na enkele minuten).",
    "check": "De controles zijn niet gedraaid. Probeer het over een minuut opnieuw.",
    "undo": "Er is niets ongedaan gemaakt. Probeer het over een minuut opnieuw, of gebruik de pagina Gegevensbeheer.",
    "replay": "Er is niets geladen. Probeer het over een minuut opnieuw.",
    "audit": "Het auditlogboek is niet getoond. Probeer het over een minuut opnieuw.",
}


def open_waiting(path: Path, *, read_only: bool = False, wait: float | None = None, command: str = "import") -> Store:
    """Open the store for a command, waiting while another process holds the file.

    DuckDB lets one process hold a file (VERIFIED.md §4). The app opens it only for the moment of a page's read or
    write, so a wait of a few seconds covers the app and most other commands; a file held longer (a build, a long
    import or export, an app of an older version that keeps the file open) gets a Dutch message that says what
    did not happen and what to do for ``command``.
    """
    from data.store import StoreBusyError

    wait = LOCK_WAIT_SECONDS if wait is None else wait
    try:
        return Store.open(path, read_only=read_only, wait=wait)
    except StoreBusyError as exc:
        advice = BUSY_ADVICE.get(command, BUSY_ADVICE["import"])
        raise StoreBusyError(
            f"{exc} Gewacht: {wait:.0f} s; het andere proces (de Wijkmonitor-app die net iets leest of opslaat, een "
            f"build of een andere opdracht) gaf de database niet vrij. {advice}",
            public=exc.public,
        ) from exc
