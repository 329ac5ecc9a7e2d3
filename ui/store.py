"""Cached access to the store for the pages.

One Store per server process (``st.cache_resource``), opened *per use*: each read or write connects to the
DuckDB file, runs and closes (``Store.open(transient=True)``), so a command-line load, export or check can
take the file between two page views; a read that finds the file held by such a command retries for a few
seconds. Table reads are cached per data version, so a page view opens the file only when the data changed:
the version is re-read only when the file changed on disk (size, time, inode of the file and its WAL; a few
microseconds to look at). A new load (import, in-app edit, a command-line load) shows on the next rerun.

A file that can only be read opens read-only: pages show, saves say that changes are not possible now. Every
StoreError the pages see carries only its public text (no paths, process ids or DuckDB text).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import shapely
import streamlit as st

from analysis import cohesion_index, derived, lookalike, national, overview, suppression
from analysis.age_groups import AgeGroups
from analysis.lookalike import LookalikeSpec
from charts import maps
from data import gemeenten
from data.budgets import SocialDomainFigures, load_social_domain_figures
from data.build import build, needs_build
from data.catalogue import Settings, gemeente_dir, load_index_spec, load_lookalike_spec, load_settings
from data.rivm import load_age_groups
from data.store import APP_WAIT_SECONDS, TABLE_KEYS, Store, StoreError, StoreReadOnlyError, default_path

_build_lock = threading.Lock()
_state_lock = threading.Lock()
_state: dict[str, object] = {}  # the file's signature when the data state below was read


@st.cache_resource(show_spinner="De database wordt geopend …")
def _open() -> Store:
    path = default_path()
    with _build_lock:  # two first visitors must not both build
        if needs_build(path, wait=APP_WAIT_SECONDS):  # a damaged store raises: never rebuilt over
            # the gemeente the file is named for (wijkmonitor-GM0758.duckdb), else the default one
            build(path, gemeente=gemeente_dir(gemeenten.gemeente_of_path(path)))
    try:
        return Store.open(path, transient=True, wait=APP_WAIT_SECONDS, browser=True)
    except StoreReadOnlyError:
        return Store.open(path, read_only=True, transient=True, wait=APP_WAIT_SECONDS, browser=True)


def store() -> Store:
    """The process-wide store; builds it from the bundled data when it is missing. A store that cannot be
    opened raises a StoreError whose text is fit for the browser (no path, no DuckDB text)."""
    try:
        return _open()
    except StoreError as error:
        if str(error) == error.public:
            raise
        raise type(error)(error.public) from error


def read_only() -> bool:
    """True when the store file can only be read: pages show, saves are refused (with a Dutch reason)."""
    return store().read_only


READ_ONLY_NOTICE = (
    "Alleen lezen: de database kan op dit moment alleen gelezen worden, dus wijzigingen (notities, agenda, "
    "ladingen, raadssnapshots) zijn nu niet mogelijk. Alle pagina's tonen de gegevens gewoon; de beheerder kan "
    "de schrijfrechten herstellen."
)


def _signature(path: Path) -> tuple:
    """What changes on disk whenever DuckDB commits: the database file and its write-ahead log."""
    parts: list[object] = [str(path)]
    for file in (path, Path(f"{path}.wal")):
        try:
            info = file.stat()
        except FileNotFoundError:
            parts.append(None)
        else:
            parts.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(parts)


@st.cache_resource
def settings() -> Settings:
    """The settings of the gemeente the store is for (data/gemeenten/<code>/settings.yaml)."""
    return load_settings(gemeente_folder())


def app_name() -> str:
    """'Wijkmonitor <gemeente>', the gemeente's name as the store has it."""
    return gemeenten.app_name(table("area"))


def gemeente_folder():
    """The catalogue folder of the store's gemeente: the store says which gemeente, never the code."""
    return gemeenten.folder_of_store(table("area"))


def privacy_rules() -> suppression.Rules:
    """The suppression rules of settings.yaml, for analysis.suppression: the one way pages and views get them."""
    return settings().privacy


@st.cache_data(show_spinner=False)
def social_domain_figures() -> SocialDomainFigures:
    """The buurtinitiatieven budget and the policy's growth claim (data/gemeenten/<code>/sociaal_domein.yaml)."""
    return load_social_domain_figures(gemeente_folder())


@st.cache_data(show_spinner=False, max_entries=4)
def _wijk_geojson(version: int) -> dict:
    boundaries = _read("area_boundary", version)
    areas = _read("area", version)
    wijken = areas[areas.level == "wijk"].area_code
    drawn = boundaries[boundaries.area_code.isin(wijken) & (boundaries.boundary_year == settings().boundary_year)]
    return maps.to_geojson(drawn)


def wijk_geojson() -> dict:
    """The wijk boundaries of the configured boundary year as GeoJSON (EPSG:4326), for the maps."""
    return _wijk_geojson(data_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _buurt_geojson(version: int) -> dict:
    boundaries = _read("area_boundary", version)
    areas = _read("area", version)
    buurten = areas[areas.level == "buurt"].area_code
    drawn = boundaries[boundaries.area_code.isin(buurten) & (boundaries.boundary_year == settings().boundary_year)]
    return maps.to_geojson(drawn)


def area_geojson(level: str) -> dict:
    """The wijk or buurt boundaries of the configured boundary year as GeoJSON (EPSG:4326)."""
    return _buurt_geojson(data_version()) if level == "buurt" else _wijk_geojson(data_version())


def data_version() -> int:
    """The newest load in force (the key of every per-version cache). Read from the store only when the file
    changed on disk since the last read, so a page view with unchanged data does not open the file."""
    current = store()
    signature = _signature(current.path)  # looked at *before* reading: a write in between shows next time
    with _state_lock:
        if _state.get("signature") == signature:
            return int(_state["version"])
    version, in_force = current.data_state()
    with _state_lock:
        if _state.get("version") == version and _state.get("in_force") != in_force:
            # an older load was undone (e.g. on the command line): same version, other data
            st.cache_data.clear()
        _state.update(signature=signature, version=version, in_force=in_force)
    return version


PREFETCHED = tuple(name for name in TABLE_KEYS if not name.startswith("nl_"))  # the national ones are large


@st.cache_data(show_spinner=False, max_entries=2)
def _prefetched(version: int) -> dict[str, pd.DataFrame]:
    """Every table but the national ones, read in one connection when a data version is first asked for: a
    first page view read them one connection each (~30 ms per connect)."""
    current = store()
    with current.reading():
        return {name: current.table(name) for name in PREFETCHED}


def _read(name: str, version: int) -> pd.DataFrame:
    """A table of data version ``version``, for the cached functions below (a copy: they may change it)."""
    return _prefetched(version)[name] if name in PREFETCHED else store().table(name)


@st.cache_data(show_spinner=False, max_entries=64)
def _table(name: str, version: int) -> pd.DataFrame:
    return _read(name, version)


def table(name: str) -> pd.DataFrame:
    """A current store table (a copy: callers may change it)."""
    return _table(name, data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _load_log(version: int) -> pd.DataFrame:
    return store().load_log()


def load_log() -> pd.DataFrame:
    return _load_log(data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _base_values(version: int) -> pd.DataFrame:
    """Stored values plus the rates derived from counts and registers (not yet the index)."""
    stored = _read("indicator_value", version)
    computed = derived.derived_values(
        stored, _read("initiative", version), _read("indicator", version), settings().gemeente_code
    )
    return pd.concat([stored, computed], ignore_index=True)


@st.cache_data(show_spinner=False, max_entries=8)
def _indicator_values(version: int) -> pd.DataFrame:
    index = derived.index_values(_cohesion_index(version), _read("indicator", version))
    return pd.concat([_base_values(version), index], ignore_index=True)


def indicator_values() -> pd.DataFrame:
    """Every indicator value: the stored ones plus those derived when read (analysis.derived), the
    sociale-samenhangindex included."""
    return _indicator_values(data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _index_spec(version: int) -> tuple[cohesion_index.IndexSpec, list[str]]:
    raw = load_index_spec(_read("indicator", version))
    spec = cohesion_index.IndexSpec(raw["base_year"], raw["points_per_sd"], raw["min_weight_share"], raw["components"])
    return spec, raw["themes"]


def index_spec() -> tuple[cohesion_index.IndexSpec, list[str]]:
    """The index definition (data/catalogue/index.yaml) and the themes that get a sub-index."""
    return _index_spec(data_version())


def _measurable_wijken(values: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """The wijken big enough to rank among, and those left out (privacy threshold on inhabitants)."""
    areas = table("area")  # cached per data version: this runs on every page view
    return cohesion_index.measurable_wijken(
        overview.population(values), areas[areas.level == "wijk"].area_code, privacy_rules().min_population
    )


def measurable(values: pd.DataFrame) -> list[str]:
    """The wijken big enough to rank among (privacy threshold on inhabitants)."""
    return _measurable_wijken(values)[0]


@st.cache_data(show_spinner=False, max_entries=8)
def _cohesion_index(version: int) -> dict[str, cohesion_index.IndexResult]:
    spec, themes = _index_spec(version)
    values = _base_values(version)
    areas = _read("area", version)
    return cohesion_index.compute_all(
        values,
        spec,
        themes,
        settings().gemeente_code,
        areas[areas.level == "wijk"].area_code,
        settings().privacy.min_population,
        overview.population(values),
    )


def cohesion_index_results() -> dict[str, cohesion_index.IndexResult]:
    """The sociale-samenhangindex ('index') and its sub-index per theme (keyed by theme_id); empty when the
    index cannot be computed in this state of the data (pages say so)."""
    return _cohesion_index(data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _index_sensitivity(version: int, year: int) -> pd.DataFrame:
    spec, _ = _index_spec(version)
    values = _base_values(version)
    wijken, excluded = _measurable_wijken(values)
    return cohesion_index.rank_sensitivity(values, spec, settings().gemeente_code, wijken, year, excluded)


def index_sensitivity(year: int) -> pd.DataFrame:
    """Rank of each measurable wijk in ``year`` under the catalogue weights and under equal weights."""
    return _index_sensitivity(data_version(), year)


# -- the national context (nl_area, nl_value): read once per data version -----------------------------------


@st.cache_data(show_spinner=False, max_entries=2)
def _nl_values(version: int) -> pd.DataFrame:
    return store().table("nl_value")


def nl_values() -> pd.DataFrame:
    """Every national value (Nederland NL01, each gemeente and wijk of NL): indicator_id, area_code, year, value.
    A copy per call (about 135,000 rows); the store read (~0.5 s) happens once per data version."""
    return _nl_values(data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _nl_areas(version: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    areas = store().table("nl_area")
    wijken = areas[areas.level == "wijk"].dropna(subset=["geometry_wkb"])
    points = shapely.from_wkb(wijken.geometry_wkb.map(bytes).to_numpy())
    points = shapely.point_on_surface(points)  # inside the polygon, unlike a centroid
    # float32 (a tenth of a metre here) halves what the map of all 3,393 points sends to the browser: plotly
    # sends arrays as binary, so rounding alone would not
    located = pd.DataFrame(
        {
            "area_code": wijken.area_code.to_numpy(),
            "lon": shapely.get_x(points).astype("float32"),
            "lat": shapely.get_y(points).astype("float32"),
        }
    )
    return areas.drop(columns=["geometry_wkb"]), located


def nl_areas() -> pd.DataFrame:
    """Nederland, every gemeente and wijk of NL: area_code, level, name, gemeente_code, gemeente_name."""
    return _nl_areas(data_version())[0]


def nl_wijk_points() -> pd.DataFrame:
    """A point inside every NL wijk with a boundary (area_code, lon, lat; EPSG:4326), for the map of
    vergelijkbare wijken."""
    return _nl_areas(data_version())[1]


@st.cache_data(show_spinner=False)
def age_groups() -> AgeGroups:
    """Which indicators are age-group twins (data/catalogue/rivm_mapping.yaml; analysis.age_groups)."""
    return load_age_groups()


@st.cache_data(show_spinner=False, max_entries=2)
def _nederland_values(version: int) -> pd.DataFrame:
    return national.nederland(_nl_values(version))


def nederland_values() -> pd.DataFrame:
    """Nederland's values, shaped like indicator_value (analysis.national.nederland); filtered from the national
    table once per data version, not on every call."""
    return _nederland_values(data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _lookalikes(version: int) -> tuple[pd.DataFrame, pd.DataFrame, LookalikeSpec, int | None]:
    indicators = _read("indicator", version)
    spec = load_lookalike_spec(indicators)
    values, areas = _nl_values(version), _nl_areas(version)[0]
    wijken = _read("area", version)
    codes = list(wijken[wijken.level == "wijk"].area_code)
    outcomes = indicators[indicators.indicator_id.isin(values.indicator_id.unique())][["indicator_id", "direction"]]
    outcomes = outcomes[~outcomes.indicator_id.isin(spec.indicators) & (outcomes.direction != "neutral")]
    own = values[values.indicator_id.isin(outcomes.indicator_id) & values.area_code.isin(codes)]
    if own.empty:
        return pd.DataFrame(), pd.DataFrame(), spec, None
    year = int(own.year.max())
    found, results = lookalike.comparisons(values, areas, codes, outcomes, year, spec)
    return found, results, spec, year


def lookalikes() -> tuple[pd.DataFrame, pd.DataFrame, LookalikeSpec, int | None]:
    """Vergelijkbare wijken of every wijk of the gemeente (analysis.lookalike.comparisons over the cohesion
    outcomes with a direction, in their latest national year): (look-alikes, comparisons, spec, year)."""
    return _lookalikes(data_version())
