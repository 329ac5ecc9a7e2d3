"""Load and validate the catalogue: the generic files in ``data/catalogue/`` (indicators, themes, index,
mappings) and the gemeente's own files in ``data/gemeenten/<code>/`` (settings, ambitions and targets,
budgets, demo profiles).

Errors name the file and the entry, in Dutch, because a beheerder edits these files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.lookalike import LookalikeSpec, Variable
from analysis.suppression import Rules

CATALOGUE_DIR = Path(__file__).with_name("catalogue")
GEMEENTEN_DIR = Path(__file__).with_name("gemeenten")
# The gemeente `python -m data build` builds without --gemeente; its store is data/wijkmonitor.duckdb.
DEFAULT_GEMEENTE = "GM0826"
RAW_DIR = Path(__file__).with_name("raw")
# The national files (every gemeente and wijk), read for a gemeente whose settings.yaml names no files of its own.
NATIONAL_SOURCES = {
    "wijken": "cbs-geometry/nl_wijken_2024_generalised.geojson.gz",
    "buurten": None,
    "grenzen": "CBS Wijk- en Buurtkaart 2024 (gegeneraliseerd)",
    "kwb": "cbs-kwb-2024-wijk/nl_kwb2024_gemeenten_wijken_basic.csv.gz",
    "rivm": "nl-context/nl_rivm50090_extract.csv.gz",
}
DIRECTIONS = ("higher", "lower", "neutral")
TARGET_KINDS = ("nulmeting", "mijlpaal", "doel")

_INDICATOR_FIELDS: dict[str, type | tuple[type, ...]] = {
    "label": str,
    "definition": str,
    "unit": str,
    "decimals": int,
    "direction": str,
    "theme": str,
    "ambition": (str, type(None)),
    "source": str,
    "licence": str,
    "peildatum": str,
    "is_count": bool,
    "per_capita": bool,
    "demo": bool,
}
_INDICATOR_OPTIONAL: dict[str, type | tuple[type, ...]] = {
    "derived_from": (str, type(None)),
    "additive": bool,
    "change_threshold": (int, float),
}
REGISTER_SOURCES = ("initiatieven",)  # registers a derived indicator may count
COMPUTED_SOURCES = ("index",)  # the sociale-samenhangindex (analysis.derived.index_values)


class CatalogueError(ValueError):
    """A catalogue file is invalid; the message names file and entry (Dutch)."""


def gemeente_dir(code: str = DEFAULT_GEMEENTE) -> Path:
    """The folder of a gemeente's own catalogue files: data/gemeenten/GM0826."""
    return GEMEENTEN_DIR / code


@dataclass(frozen=True)
class Sources:
    """The raw files the build reads for one gemeente (under data/raw/; buurten None: no buurt layer)."""

    wijken: Path
    buurten: Path | None
    boundary_source: str  # how the boundaries are described in the load log and on the pages
    kwb: Path
    rivm: Path


@dataclass(frozen=True)
class Settings:
    gemeente_code: str
    gemeente_naam: str
    boundary_year: int
    kerkdorpen: tuple[str, ...]
    privacy: Rules  # the one privacy rules object (analysis.suppression)
    release_name: str
    release_timestamp: pd.Timestamp
    demo_seed: int
    demo_first_year: int
    demo_last_year: int
    sources: Sources
    directory: Path  # the gemeente's folder the settings were read from


@dataclass(frozen=True)
class Catalogue:
    themes: pd.DataFrame  # theme_id, label
    ambitions: pd.DataFrame  # ambition_id, number, title, description
    indicators: pd.DataFrame  # one row per indicator, columns as in the store's indicator table
    targets: pd.DataFrame  # indicator_id, area_code, year, kind, value
    taakvelden: pd.DataFrame  # taakveld_code, name, per_wijk
    files: tuple[Path, ...]  # the files it was read from (for the load log's hash)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path.name}: bestand ontbreekt ({path}).") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: geen geldige YAML: {exc}") from exc


def _require(
    file: str,
    entry: str,
    data: Any,
    fields: dict[str, type | tuple[type, ...]],
    optional: dict[str, type | tuple[type, ...]] | None = None,
) -> None:
    optional = optional or {}
    if not isinstance(data, dict):
        raise CatalogueError(f"{file}, {entry}: verwacht een lijst van velden, kreeg {type(data).__name__}.")
    missing = [f for f in fields if f not in data]
    if missing:
        raise CatalogueError(f"{file}, {entry}: verplicht veld ontbreekt: {', '.join(missing)}.")
    extra = sorted(set(data) - set(fields) - set(optional))
    if extra:
        raise CatalogueError(f"{file}, {entry}: onbekend veld: {', '.join(extra)}.")
    for name, kind in {**fields, **{k: v for k, v in optional.items() if k in data}}.items():
        value = data[name]
        # bool is a subclass of int: "decimals: true" must not pass as a number
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise CatalogueError(f"{file}, {entry}: veld '{name}' heeft een ongeldige waarde {value!r}.")


# Catalogue files read from disk whenever the data is shown, not loaded into the store: a change in one of them
# changes what a page or a snapshot shows while the loads stay the same, so report/state.py hashes them into
# the snapshot ID. (indicators.yaml and the other files of the build are in the store, their hash in the load.)
READ_WHEN_SHOWN = ("settings.yaml", "index.yaml", "lookalike.yaml", "rivm_mapping.yaml", "sociaal_domein.yaml")


def load_settings(directory: Path | None = None) -> Settings:
    """Read and check a gemeente's ``settings.yaml`` (default: that of :data:`DEFAULT_GEMEENTE`)."""
    directory = directory or gemeente_dir()
    raw = _read_yaml(directory / "settings.yaml")
    try:
        privacy = raw["privacy"]
        files = {**NATIONAL_SOURCES, **(raw.get("bronnen") or {})}
        unknown = sorted(set(files) - set(NATIONAL_SOURCES))
        if unknown:
            raise CatalogueError(f"settings.yaml, bronnen: onbekend veld: {', '.join(unknown)}.")
        sources = Sources(
            wijken=RAW_DIR / str(files["wijken"]),
            buurten=RAW_DIR / str(files["buurten"]) if files["buurten"] else None,
            boundary_source=str(files["grenzen"]),
            kwb=RAW_DIR / str(files["kwb"]),
            rivm=RAW_DIR / str(files["rivm"]),
        )
        missing = [p for p in (sources.wijken, sources.buurten, sources.kwb, sources.rivm) if p and not p.exists()]
        if missing:
            raise CatalogueError(f"settings.yaml, bronnen: bestand ontbreekt in data/raw: {missing[0].name}.")
        settings = Settings(
            gemeente_code=str(raw["gemeente"]["code"]),
            gemeente_naam=str(raw["gemeente"]["naam"]),
            boundary_year=int(raw["boundary_year"]),
            kerkdorpen=tuple(raw.get("kerkdorpen") or ()),
            privacy=Rules(
                max_small_count=int(privacy["max_small_count"]),
                min_population=int(privacy["min_population"]),
                min_respondents=int(privacy["min_respondents"]),
            ),
            release_name=str(raw["release"]["name"]),
            release_timestamp=pd.Timestamp(raw["release"]["timestamp"]),
            demo_seed=int(raw["demo"]["seed"]),
            demo_first_year=int(raw["demo"]["first_year"]),
            demo_last_year=int(raw["demo"]["last_year"]),
            sources=sources,
            directory=directory,
        )
    except CatalogueError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(f"settings.yaml: ontbrekende of ongeldige instelling: {exc}") from exc
    if settings.demo_first_year > settings.demo_last_year:
        raise CatalogueError("settings.yaml: demo.first_year ligt na demo.last_year.")
    return settings


def load_catalogue(
    directory: Path = CATALOGUE_DIR, area_codes: set[str] | None = None, gemeente: Path | None = None
) -> Catalogue:
    """Read and validate the catalogue: the generic files in ``directory``, the ambitions and targets in the
    gemeente's folder ``gemeente`` (default: that of :data:`DEFAULT_GEMEENTE`). ``area_codes``, when given,
    are the codes targets may use."""
    gemeente = gemeente or gemeente_dir()
    name = (_read_yaml(gemeente / "settings.yaml").get("gemeente") or {}).get("naam", gemeente.name)
    themes_raw = _read_yaml(directory / "themes.yaml")
    if not isinstance(themes_raw, dict) or not themes_raw:
        raise CatalogueError("themes.yaml: verwacht per thema 'id: label'.")
    themes = pd.DataFrame({"theme_id": list(themes_raw), "label": [str(v) for v in themes_raw.values()]})

    ambitions, targets = _load_ambitions(gemeente / "ambitions.yaml")
    indicators = _load_indicators(directory / "indicators.yaml", set(themes.theme_id), set(ambitions.ambition_id))
    # a source of the gemeente's own registers names it: "Wijkenquête gemeente {gemeente} (demo)"
    indicators["source"] = indicators.source.str.replace("{gemeente}", str(name), regex=False)
    taakvelden = _load_taakvelden(directory / "taakvelden.yaml")

    for row in targets.itertuples():
        entry = f"doel voor '{row.indicator_id}' in {row.area_code} ({row.year})"
        if row.indicator_id not in set(indicators.indicator_id):
            raise CatalogueError(f"ambitions.yaml, {entry}: onbekende indicator.")
        if indicators.set_index("indicator_id").at[row.indicator_id, "ambition_id"] is None:
            raise CatalogueError(f"ambitions.yaml, {entry}: de indicator hoort bij geen ambitie (indicators.yaml).")
        if area_codes is not None and row.area_code not in area_codes:
            raise CatalogueError(f"ambitions.yaml, {entry}: onbekende gebiedscode.")
    files = (
        directory / "themes.yaml",
        gemeente / "ambitions.yaml",
        directory / "indicators.yaml",
        directory / "taakvelden.yaml",
    )
    return Catalogue(themes, ambitions, indicators, targets, taakvelden, files)


def _load_indicators(path: Path, themes: set[str], ambitions: set[str]) -> pd.DataFrame:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not raw:
        raise CatalogueError(f"{path.name}: verwacht per indicator 'id:' met velden.")
    rows = []
    for indicator_id, entry in raw.items():
        where = f"indicator '{indicator_id}'"
        _require(path.name, where, entry, _INDICATOR_FIELDS, _INDICATOR_OPTIONAL)
        if entry["direction"] not in DIRECTIONS:
            raise CatalogueError(
                f"{path.name}, {where}: 'direction' moet higher, lower of neutral zijn, niet {entry['direction']!r}."
            )
        if entry["theme"] not in themes:
            raise CatalogueError(f"{path.name}, {where}: onbekend thema {entry['theme']!r} (zie themes.yaml).")
        if entry["ambition"] is not None and entry["ambition"] not in ambitions:
            raise CatalogueError(f"{path.name}, {where}: onbekende ambitie {entry['ambition']!r} (zie ambitions.yaml).")
        if not 0 <= entry["decimals"] <= 4:
            raise CatalogueError(f"{path.name}, {where}: 'decimals' moet tussen 0 en 4 liggen.")
        if entry["is_count"] and entry["per_capita"]:
            raise CatalogueError(f"{path.name}, {where}: een indicator is een telling of een aandeel, niet beide.")
        rows.append(
            {
                "indicator_id": str(indicator_id),
                **{k: entry[k] for k in _INDICATOR_FIELDS if k not in ("theme", "ambition", "demo")},
                "theme_id": entry["theme"],
                "ambition_id": entry["ambition"],
                "is_demo": entry["demo"],
                "derived_from": entry.get("derived_from"),
                # adds up over areas (counts, hectares): a wijk's value says how big it is, so it is not
                # compared with the gemeente total
                "is_additive": bool(entry.get("additive", entry["is_count"])),
                # the smallest change called better or worse (analysis/judgement.py); None: the default rule
                "change_threshold": float(entry["change_threshold"]) if "change_threshold" in entry else None,
            }
        )
    frame = pd.DataFrame(rows)
    sources = set(frame.indicator_id) | set(REGISTER_SOURCES) | set(COMPUTED_SOURCES)
    for row in frame[frame.derived_from.notna()].itertuples():
        if row.derived_from not in sources:
            raise CatalogueError(
                f"{path.name}, indicator '{row.indicator_id}': 'derived_from' {row.derived_from!r} is geen "
                f"indicator en geen register ({', '.join(REGISTER_SOURCES)})."
            )
    return frame


def _load_ambitions(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or "ambitions" not in raw or "targets" not in raw:
        raise CatalogueError(f"{path.name}: verwacht de onderdelen 'ambitions' en 'targets'.")
    ambitions = []
    for ambition_id, entry in raw["ambitions"].items():
        _require(path.name, f"ambitie '{ambition_id}'", entry, {"number": int, "title": str, "description": str})
        ambitions.append({"ambition_id": str(ambition_id), **entry})
    ambition_frame = pd.DataFrame(ambitions)
    if ambition_frame.number.duplicated().any():
        raise CatalogueError(f"{path.name}: twee ambities hebben hetzelfde nummer.")

    targets = []
    fields = {
        "indicator": str,
        "area": str,
        "baseline_year": int,
        "baseline": (int, float),
        "milestones": dict,
        "target_year": int,
        "target": (int, float),
        "demo": bool,
    }
    for i, entry in enumerate(raw["targets"], start=1):
        where = f"doel {i} ({entry.get('indicator', '?') if isinstance(entry, dict) else '?'})"
        _require(path.name, where, entry, fields)
        points = [(entry["baseline_year"], "nulmeting", entry["baseline"])]
        for year, value in sorted(entry["milestones"].items()):
            if not isinstance(year, int) or not isinstance(value, (int, float)) or isinstance(value, bool):
                raise CatalogueError(f"{path.name}, {where}: mijlpaal {year!r}: {value!r} is geen jaar met getal.")
            if not entry["baseline_year"] < year < entry["target_year"]:
                raise CatalogueError(f"{path.name}, {where}: mijlpaal {year} ligt niet tussen nulmeting en doeljaar.")
            points.append((year, "mijlpaal", value))
        points.append((entry["target_year"], "doel", entry["target"]))
        for year, kind, value in points:
            targets.append(
                {
                    "indicator_id": entry["indicator"],
                    "area_code": entry["area"],
                    "year": year,
                    "kind": kind,
                    "value": float(value),
                    "is_demo": entry["demo"],
                }
            )
    target_frame = pd.DataFrame(targets, columns=["indicator_id", "area_code", "year", "kind", "value", "is_demo"])
    dup = target_frame.duplicated(["indicator_id", "area_code", "year"])
    if dup.any():
        row = target_frame[dup].iloc[0]
        raise CatalogueError(f"{path.name}: '{row.indicator_id}' in {row.area_code} heeft twee doelen voor {row.year}.")
    return ambition_frame, target_frame


def _load_taakvelden(path: Path) -> pd.DataFrame:
    raw = _read_yaml(path)
    if not isinstance(raw, list) or not raw:
        raise CatalogueError(f"{path.name}: verwacht een lijst van taakvelden.")
    rows = []
    for entry in raw:
        _require(
            path.name,
            f"taakveld {entry.get('code', '?') if isinstance(entry, dict) else '?'}",
            entry,
            {"code": str, "naam": str, "per_wijk": bool},
        )
        rows.append({"taakveld_code": entry["code"], "name": entry["naam"], "per_wijk": entry["per_wijk"]})
    frame = pd.DataFrame(rows)
    if frame.taakveld_code.duplicated().any():
        raise CatalogueError(f"{path.name}: een taakveldcode komt twee keer voor.")
    return frame


def load_index_spec(indicators: pd.DataFrame, directory: Path = CATALOGUE_DIR) -> dict[str, Any]:
    """Read and check ``index.yaml`` against the indicator catalogue.

    Returns the parameters (base_year, points_per_sd, min_weight_share, themes) and ``components``:
    a DataFrame indicator_id, weight, theme_id, direction, carry_years (how many years a measurement
    counts for later years without one; 0 = only its own year) and is_demo (real or demo component).
    """
    path = directory / "index.yaml"
    raw = _read_yaml(path)
    fields = {
        "base_year": int,
        "points_per_sd": (int, float),
        "min_weight_share": (int, float),
        "themes": list,
        "components": list,
    }
    _require(path.name, "index", raw, fields)
    if not 0 < raw["min_weight_share"] <= 1:
        raise CatalogueError(f"{path.name}: min_weight_share moet tussen 0 en 1 liggen.")
    if raw["points_per_sd"] <= 0:
        raise CatalogueError(f"{path.name}: points_per_sd moet groter dan 0 zijn.")
    meta = indicators.set_index("indicator_id")
    rows = []
    for i, entry in enumerate(raw["components"], start=1):
        where = f"component {i}"
        _require(
            path.name, where, entry, {"indicator": str, "weight": (int, float), "theme": str}, {"carry_years": int}
        )
        indicator_id = entry["indicator"]
        if indicator_id not in meta.index:
            raise CatalogueError(f"{path.name}, {where}: onbekende indicator {indicator_id!r}.")
        if meta.at[indicator_id, "direction"] == "neutral":
            raise CatalogueError(f"{path.name}, {where}: '{indicator_id}' heeft geen richting (neutral).")
        if entry["weight"] <= 0:
            raise CatalogueError(f"{path.name}, {where}: het gewicht moet groter dan 0 zijn.")
        if entry["theme"] not in raw["themes"]:
            raise CatalogueError(f"{path.name}, {where}: thema {entry['theme']!r} staat niet onder 'themes'.")
        if not 0 <= entry.get("carry_years", 0) <= 10:
            raise CatalogueError(f"{path.name}, {where}: carry_years moet tussen 0 en 10 liggen.")
        rows.append(
            {
                "indicator_id": indicator_id,
                "weight": float(entry["weight"]),
                "theme_id": entry["theme"],
                "direction": meta.at[indicator_id, "direction"],
                "carry_years": int(entry.get("carry_years", 0)),
                "is_demo": bool(meta.at[indicator_id, "is_demo"]),
            }
        )
    components = pd.DataFrame(rows)
    if components.indicator_id.duplicated().any():
        raise CatalogueError(f"{path.name}: een indicator staat twee keer in de index.")
    return {
        "base_year": raw["base_year"],
        "points_per_sd": float(raw["points_per_sd"]),
        "min_weight_share": float(raw["min_weight_share"]),
        "themes": list(raw["themes"]),
        "components": components,
    }


def load_lookalike_spec(indicators: pd.DataFrame, directory: Path = CATALOGUE_DIR) -> LookalikeSpec:
    """Read and check ``lookalike.yaml`` (vergelijkbare wijken) against the indicator catalogue."""
    path = directory / "lookalike.yaml"
    raw = _read_yaml(path)
    _require(
        path.name,
        "vergelijkbare wijken",
        raw,
        {"count": int, "min_inwoners": int, "exclude_own_gemeente": bool, "variables": list},
    )
    if raw["count"] < 1:
        raise CatalogueError(f"{path.name}: count moet minstens 1 zijn.")
    known = set(indicators.indicator_id)
    variables = []
    fields = {"name": str, "label": str, "indicator": str, "year": int, "log": bool, "weight": (int, float)}
    for i, entry in enumerate(raw["variables"], start=1):
        where = f"variabele {i}"
        _require(path.name, where, entry, fields, {"per": str})
        for key in ("indicator", "per"):
            if key in entry and entry[key] not in known:
                raise CatalogueError(f"{path.name}, {where}: onbekende indicator {entry[key]!r}.")
        if entry["weight"] <= 0:
            raise CatalogueError(f"{path.name}, {where}: het gewicht moet groter dan 0 zijn.")
        variables.append(Variable(**{k: entry[k] for k in fields}, per=entry.get("per")))
    if not variables or len({v.name for v in variables}) != len(variables):
        raise CatalogueError(f"{path.name}: geef minstens één variabele, elke naam één keer.")
    return LookalikeSpec(tuple(variables), raw["count"], raw["min_inwoners"], raw["exclude_own_gemeente"])
