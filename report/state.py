"""The data as it was after one load: every store table as of that load, plus what the app derives when read.

This is what every section of a snapshot reads (``report.sections``) and what :mod:`report.snapshot` builds
the snapshot ID from; it lives apart from both so that neither imports the other for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import cohesion_index, derived, overview, suppression
from analysis.national import NEDERLAND
from data import gemeenten
from data.catalogue import CATALOGUE_DIR, READ_WHEN_SHOWN, Settings, load_index_spec, load_settings
from data.store import TABLE_KEYS, Store

# Of the national figures a snapshot prints only Nederland's (beside the gemeente); the figures of every wijk in
# the country (135,000 rows, the app's vergelijkbare wijken) are not read.
ONLY_AREA = {"nl_value": NEDERLAND}


class SnapshotError(ValueError):
    """A snapshot cannot be made; the message is Dutch and fit to show."""


@dataclass(frozen=True)
class State:
    """Every versioned table as it was after load ``data_version``, plus the values and index the app
    derives from them when read (the same assembly as ui/store.py, without Streamlit)."""

    as_of: int | None  # what was asked for (None: the newest)
    data_version: int  # the newest load in force at that point
    loads: pd.DataFrame  # the load_log rows in force (status ok, load_id <= data_version)
    settings: Settings
    rules: suppression.Rules
    tables: dict[str, pd.DataFrame]  # nl_value: Nederland's rows only (ONLY_AREA)
    values: pd.DataFrame  # stored indicator values plus derived ones
    spec: cohesion_index.IndexSpec
    index_themes: list[str]
    index: dict[str, cohesion_index.IndexResult]  # 'index' and one sub-index per theme; empty: no index yet
    measurable: list[str]
    excluded: dict[str, str]
    catalogue_hash: str  # of the catalogue files read from disk when shown (data.catalogue.READ_WHEN_SHOWN)


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
    tables = {name: store.table(name, as_of=version, area_code=ONLY_AREA.get(name)) for name in TABLE_KEYS}
    settings = load_settings(gemeenten.folder_of_store(store.table("area")))  # the store's gemeente, at any as-of
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
    for name in READ_WHEN_SHOWN:  # the gemeente's own file where it has one (settings, sociaal domein)
        directory = settings.directory if (settings.directory / name).exists() else catalogue_dir
        digest.update(name.encode("utf-8") + b"\0" + (directory / name).read_bytes())
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
