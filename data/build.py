"""Build the store from ``data/raw/`` (real CBS and RIVM data), the catalogue and the demo generator.

Loads, in order: catalogue, areas, CBS KWB 2024, RIVM 50090NED for the gemeente, its wijken and buurten,
the national context (Nederland, every gemeente and wijk: tables nl_area and nl_value), then the demo data
for what has no real source. The national files are read once, here.

The build writes a new file next to the target and moves it into place only when complete, so a
failed build never leaves a half-built store. It refuses to replace a store that holds loads made by
users (imports, in-app edits) unless forced, and then keeps the old file as a backup: nothing lost. A store
that cannot be read is never replaced without ``force`` either (nobody can tell what it held), and with it the
damaged file is moved aside (``….beschadigd-<time>``), never deleted.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from data import demo, rivm, sources
from data.catalogue import CATALOGUE_DIR, Catalogue, Settings, gemeente_dir, load_catalogue, load_settings
from data.store import (
    BUILD_ROLE,
    SCHEMA_VERSION,
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
    connect,
    default_path,
    describe_error,
)

BUILD_WAIT_SECONDS = 10.0  # the app holds the file only for a read or a save; a build waits for it


@dataclass(frozen=True)
class BuildReport:
    path: Path
    seconds: float
    loads: pd.DataFrame  # the load log of the new store
    backup: Path | None


def build(
    path: Path | None = None,
    *,
    force: bool = False,
    catalogue_dir: Path = CATALOGUE_DIR,
    gemeente: Path | None = None,
) -> BuildReport:
    """Build the store at ``path`` (default: :func:`data.store.default_path`) for the gemeente whose folder
    is ``gemeente`` (default: data/gemeenten/<DEFAULT_GEMEENTE>; see :mod:`data.gemeenten` for another)."""
    started = time.perf_counter()
    path = Path(path) if path else default_path()
    gemeente = gemeente or gemeente_dir()
    try:
        user_loads, damaged = _user_loads(path), False
    except StoreDamagedError:
        if not force:
            raise
        user_loads, damaged = 0, True
    if user_loads and not force:
        raise StoreError(
            f"{path} bevat {user_loads} lading(en) of raadssnapshot(s) van gebruikers (imports, wijzigingen in de "
            "app, gearchiveerde snapshots). "
            "Opnieuw bouwen zou die gegevens vervangen. Gebruik --force om toch te bouwen; "
            "het oude bestand wordt dan als back-up bewaard."
        )
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    try:
        store = Store.create(tmp)
        try:
            _fill(store, catalogue_dir, gemeente)
            loads = store.load_log()
        finally:
            store.close()
        backup = None
        if path.exists() and (user_loads or damaged):
            stamp = f"{datetime.now():%Y%m%dT%H%M%S}"
            name = f"{path.name}.beschadigd-{stamp}" if damaged else f"{path.stem}.backup-{stamp}{path.suffix}"
            backup = path.with_name(name)
            os.replace(path, backup)  # moved aside, never deleted
            wal = Path(str(path) + ".wal")
            if wal.exists():
                os.replace(wal, Path(str(backup) + ".wal"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return BuildReport(path, time.perf_counter() - started, loads, backup)


# The datasets the build loads, in order (tested against the load log of a fresh build). A store built by an
# earlier version that lacks one of them (e.g. 'rivm', 'landelijk') is outdated.
BUILD_DATASETS = (
    "catalogus",
    "gebieden",
    "kwb",
    "rivm",
    "landelijk",
    "indicatorwaarden",
    "initiatieven",
    "vrijwilligers",
    "uitgaven",
    "agenda",
    "logboek",
)


def needs_build(path: Path | None = None, *, wait: float = 0.0) -> bool:
    """True when the store is missing, or outdated (older schema, or built without a dataset the build now
    loads) and holding only rebuildable (build) loads. A store that cannot be read raises
    :class:`StoreDamagedError` (and one held by another process :class:`StoreBusyError`): it is never rebuilt
    automatically, whatever it held."""
    path = Path(path) if path else default_path()
    if not path.exists():
        return True
    try:
        # same configuration as the app's own connection: DuckDB refuses a read-only and a read-write
        # connection to one file within one process
        store = Store.open(path, wait=wait)
    except (StoreDamagedError, StoreBusyError):
        raise
    except StoreReadOnlyError:  # nothing can be built there; the app opens it read-only
        return False
    except StoreError:  # a schema without a migration path: rebuilt only when nothing of users is in it
        return _user_loads(path) == 0
    try:
        log = store.load_log()
    finally:
        store.close()
    built = set(log[log.loaded_by == BUILD_ROLE].dataset)
    return not set(BUILD_DATASETS) <= built and _user_loads(path) == 0


def _user_loads(path: Path) -> int:
    """What a rebuild would lose: loads not made by the build plus archived raadssnapshots (0 when there is
    no store). A file that cannot be read raises :class:`StoreDamagedError`: "unreadable" never counts as
    "nothing of users in it"."""
    if not path.exists():
        return 0
    con = connect(path, wait=BUILD_WAIT_SECONDS)  # not read-only: see needs_build; waits for the app's short reads
    try:
        loads = _count(con, path, "select count(*) from load_log where loaded_by <> $b", {"b": BUILD_ROLE})
        snapshots = _count(con, path, "select count(*) from snapshot")  # 0 in a store from before the archive
    finally:
        con.close()
    return loads + snapshots


def _count(con, path: Path, sql: str, params: dict[str, str] | None = None) -> int:
    import duckdb

    try:
        return int(con.execute(sql, params or {}).fetchall()[0][0])
    except duckdb.CatalogException:  # the table does not exist in this (old) schema
        return 0
    except duckdb.Error as exc:  # anything else: the file cannot be read as it should
        raise describe_error(exc, path) or StoreDamagedError(
            f"{path} kan niet worden gelezen: {exc}", public="De database kan niet worden gelezen."
        ) from exc


def _fill(store: Store, catalogue_dir: Path, gemeente: Path) -> None:
    settings = load_settings(gemeente)
    files = settings.sources
    stamp = settings.release_timestamp.to_pydatetime()

    def load(dataset: str, source: str, sha: str, frames: dict[str, pd.DataFrame], is_demo: bool) -> None:
        store.write_load(
            dataset=dataset,
            source=source,
            sha256=sha,
            loaded_by=BUILD_ROLE,
            frames=frames,
            is_demo=is_demo,
            loaded_at=stamp,
            message=f"{settings.release_name}, schema {SCHEMA_VERSION}",
        )

    areas, boundaries = sources.read_areas(settings)
    catalogue = load_catalogue(catalogue_dir, area_codes=set(areas.area_code), gemeente=gemeente)
    load(
        "catalogus",
        f"data/catalogue/*.yaml, data/gemeenten/{settings.gemeente_code}/ambitions.yaml",
        sources.sha256_files(list(catalogue.files)),
        {
            "theme": catalogue.themes,
            "ambition": catalogue.ambitions,
            "indicator": catalogue.indicators,
            "target": catalogue.targets,
            "taakveld": catalogue.taakvelden,
        },
        is_demo=False,
    )
    boundary_files = [f for f in (files.wijken, files.buurten) if f is not None]
    load(
        "gebieden",
        f"{', '.join(_raw_name(f) for f in boundary_files)} ({files.boundary_source})",
        sources.sha256_files(boundary_files),
        {"area": areas, "area_boundary": boundaries},
        is_demo=False,
    )

    kwb = sources.read_kwb(files.kwb, gemeente_code=settings.gemeente_code)
    kwb = _own_rows(kwb, set(areas.area_code), files.kwb)  # read_kwb kept the gemeente's rows
    load(
        "kwb",
        _raw_name(files.kwb),
        sources.sha256_files([files.kwb]),
        {"indicator_value": kwb},
        is_demo=False,
    )

    mapping_file = catalogue_dir / rivm.MAPPING_FILE.name
    mapping = rivm.load_mapping(mapping_file)
    national = rivm.read(rivm.NATIONAL_FILE, mapping)
    rivm_values = national if files.rivm == rivm.NATIONAL_FILE else rivm.read(files.rivm, mapping)
    rivm_values = _own_rows(rivm_values[rivm_values.area_code != rivm.NEDERLAND], set(areas.area_code), files.rivm)
    _check_rivm(rivm_values, set(catalogue.indicators[~catalogue.indicators.is_demo].indicator_id))
    _check_baselines(catalogue, rivm_values)
    load(
        "rivm",
        f"{_raw_name(files.rivm)} ({rivm.SOURCE})",
        sources.sha256_files([files.rivm, mapping_file]),
        {"indicator_value": rivm_values},
        is_demo=False,
    )

    nl_areas, nl_values = sources.read_national_context(national, rivm.region_names(rivm.NATIONAL_FILE))
    load(
        "landelijk",
        "data/raw/nl-context + data/raw/cbs-kwb-2024-wijk (RIVM 50090NED, CBS KWB 2024, CBS Wijk- en Buurtkaart 2024)",
        sources.sha256_files([rivm.NATIONAL_FILE, sources.NL_KWB_FILE, sources.NL_GEOMETRY_FILE]),
        {"nl_area": nl_areas, "nl_value": nl_values},
        is_demo=False,
    )

    generated = generate_demo(settings, areas, kwb, catalogue)
    unknown_indicators = set(generated.indicator_values.indicator_id) - set(catalogue.indicators.indicator_id)
    if unknown_indicators:
        raise StoreError(f"demo: indicatoren niet in de catalogus: {sorted(unknown_indicators)}")
    source = f"demo-generator (seed {settings.demo_seed})"
    for dataset, table, frame in (
        ("indicatorwaarden", "indicator_value", generated.indicator_values),
        ("initiatieven", "initiative", generated.initiatives),
        ("vrijwilligers", "volunteer_activity", generated.volunteer_activity),
        ("uitgaven", "spending", generated.spending),
        ("agenda", "agenda_item", generated.agenda_items),
        ("logboek", "note", generated.notes),
    ):
        load(dataset, source, _frame_hash(frame), {table: frame}, is_demo=True)


def generate_demo(settings: Settings, areas: pd.DataFrame, kwb: pd.DataFrame, catalogue: Catalogue) -> demo.DemoData:
    """The demo layers for the gemeente's wijken, scaled by their KWB inhabitants and dwellings (a wijk without
    a KWB figure counts as empty), shaped by the profiles and notes of its demo.yaml."""
    wijken = (
        areas[areas.level == "wijk"][["area_code", "name"]]
        .merge(_kwb_column(kwb, "inwoners"), on="area_code", how="left")
        .merge(
            _kwb_column(kwb, "woningvoorraad").rename(columns={"woningvoorraad": "huishoudens"}),
            on="area_code",
            how="left",
        )
        .fillna({"inwoners": 0.0, "huishoudens": 0.0})
    )
    return demo.generate(
        wijken,
        areas[areas.level == "buurt"],
        settings.gemeente_code,
        catalogue.taakvelden,
        settings.demo_seed,
        settings.demo_first_year,
        settings.demo_last_year,
        demo.read_layers(settings.directory / "demo.yaml"),
    )


def _raw_name(path: Path) -> str:
    """data/raw/cbs-kwb-2024-wijk/x.csv: a raw file as the load log names it."""
    return f"data/raw/{path.parent.name}/{path.name}"


def _own_rows(values: pd.DataFrame, area_codes: set[str], path: Path) -> pd.DataFrame:
    """The values of the gemeente's own areas. A file of the gemeente itself must hold no other code; from a
    national file (name nl_…) the gemeente's rows are kept, and as it may use another division (RIVM: 2020)
    than the boundaries (2024), codes of the gemeente's areas that are not in the boundaries are left out."""
    unknown = set(values.area_code) - area_codes
    if path.name.startswith("nl_"):
        return values[values.area_code.isin(area_codes)].reset_index(drop=True)
    if unknown:
        raise StoreError(f"{path.name}: onbekende gebiedscodes {sorted(unknown)}")
    return values


def _check_rivm(values: pd.DataFrame, real_indicators: set[str]) -> None:
    not_real = set(values.indicator_id) - real_indicators
    if not_real:
        raise StoreError(
            f"rivm_mapping.yaml: indicatoren die niet als echte gegevens in indicators.yaml staan: {sorted(not_real)}"
        )


def _check_baselines(catalogue: Catalogue, values: pd.DataFrame) -> None:
    """A target on a real indicator starts from the real value: its nulmeting must equal the measured value of
    that year (to the indicator's decimals), so the ambitions cannot drift from the data."""
    meta = catalogue.indicators.set_index("indicator_id")
    measured = values.set_index(["indicator_id", "area_code", "year"]).value
    baselines = catalogue.targets[catalogue.targets.kind == "nulmeting"]
    for row in baselines.itertuples():
        if meta.at[row.indicator_id, "is_demo"]:
            continue
        key = (row.indicator_id, row.area_code, row.year)
        if key not in measured.index:
            continue  # a real indicator the build does not load (e.g. from a later kwb load): not checked here
        value = measured[key]
        decimals = int(meta.at[row.indicator_id, "decimals"])
        if pd.isna(value) or round(float(value), decimals) != round(row.value, decimals):
            raise StoreError(
                f"ambitions.yaml: de nulmeting van '{row.indicator_id}' in {row.area_code} ({row.year}) is "
                f"{row.value:g}, maar de gemeten waarde is {value:g}. Zet de nulmeting op de gemeten waarde."
            )


def _kwb_column(kwb: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    subset = kwb[kwb.indicator_id == indicator_id]
    return subset[["area_code", "value"]].rename(columns={"value": indicator_id})


def _frame_hash(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()
