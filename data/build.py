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
from data.catalogue import CATALOGUE_DIR, Catalogue, load_catalogue, load_settings
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


def build(path: Path | None = None, *, force: bool = False, catalogue_dir: Path = CATALOGUE_DIR) -> BuildReport:
    """Build the store at ``path`` (default: :func:`data.store.default_path`)."""
    started = time.perf_counter()
    path = Path(path) if path else default_path()
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
            _fill(store, catalogue_dir)
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


def _fill(store: Store, catalogue_dir: Path) -> None:
    settings = load_settings(catalogue_dir)
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

    areas, boundaries = sources.read_areas(
        settings.gemeente_code, settings.gemeente_naam, settings.kerkdorpen, settings.boundary_year
    )
    catalogue = load_catalogue(catalogue_dir, area_codes=set(areas.area_code))
    load(
        "catalogus",
        "data/catalogue/*.yaml",
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
    load(
        "gebieden",
        "data/raw/cbs-geometry (CBS Wijk- en Buurtkaart 2022)",
        sources.sha256_files([sources.WIJKEN_FILE, sources.BUURTEN_FILE]),
        {"area": areas, "area_boundary": boundaries},
        is_demo=False,
    )

    kwb = sources.read_kwb()
    unknown = set(kwb.area_code) - set(areas.area_code)
    if unknown:
        raise StoreError(f"{sources.KWB_FILE.name}: onbekende gebiedscodes {sorted(unknown)}")
    load(
        "kwb",
        f"data/raw/cbs-kwb-2024-wijk/{sources.KWB_FILE.name}",
        sources.sha256_files([sources.KWB_FILE]),
        {"indicator_value": kwb},
        is_demo=False,
    )

    mapping_file = catalogue_dir / rivm.MAPPING_FILE.name
    mapping = rivm.load_mapping(mapping_file)
    rivm_values = rivm.read(rivm.OOSTERHOUT_FILE, mapping)
    _check_rivm(
        rivm_values, set(areas.area_code), set(catalogue.indicators[~catalogue.indicators.is_demo].indicator_id)
    )
    local = rivm_values[rivm_values.area_code != rivm.NEDERLAND]
    _check_baselines(catalogue, local)
    load(
        "rivm",
        f"data/raw/rivm-gezondheid-wijk-buurt/{rivm.OOSTERHOUT_FILE.name} ({rivm.SOURCE})",
        sources.sha256_files([rivm.OOSTERHOUT_FILE, mapping_file]),
        {"indicator_value": local},
        is_demo=False,
    )

    national = rivm.read(rivm.NATIONAL_FILE, mapping)
    nl_areas, nl_values = sources.read_national_context(national, rivm.region_names(rivm.NATIONAL_FILE))
    load(
        "landelijk",
        "data/raw/nl-context + data/raw/cbs-kwb-2024-wijk (RIVM 50090NED, CBS KWB 2024, CBS Wijk- en Buurtkaart 2024)",
        sources.sha256_files([rivm.NATIONAL_FILE, sources.NL_KWB_FILE, sources.NL_GEOMETRY_FILE]),
        {"nl_area": nl_areas, "nl_value": nl_values},
        is_demo=False,
    )

    wijken = (
        areas[areas.level == "wijk"][["area_code", "name"]]
        .merge(_kwb_column(kwb, "inwoners"), on="area_code")
        .merge(_kwb_column(kwb, "woningvoorraad").rename(columns={"woningvoorraad": "huishoudens"}), on="area_code")
    )
    generated = demo.generate(
        wijken,
        areas[areas.level == "buurt"],
        settings.gemeente_code,
        catalogue.taakvelden,
        settings.demo_seed,
        settings.demo_first_year,
        settings.demo_last_year,
    )
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


def _check_rivm(values: pd.DataFrame, area_codes: set[str], real_indicators: set[str]) -> None:
    unknown = set(values.area_code) - area_codes - {rivm.NEDERLAND}
    if unknown:
        raise StoreError(f"{rivm.OOSTERHOUT_FILE.name}: onbekende gebiedscodes {sorted(unknown)}")
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
