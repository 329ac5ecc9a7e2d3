"""Which gemeente a store is for, and a new gemeente's folder of catalogue files with sensible defaults.

Everything that belongs to one gemeente is data in ``data/gemeenten/<code>/``: ``settings.yaml`` (name, code,
kerkdorpen, boundary year and source files, privacy rules, demo seed), ``ambitions.yaml`` (ambitions and
targets), ``sociaal_domein.yaml`` (budget, policy claim) and ``demo.yaml`` (the demo generator's wijk profiles
and logboek notes). :func:`create_folder` writes that folder for a gemeente that has none yet, from
``data/gemeenten/standaard.yaml`` and the gemeente's own real figures in the national files; the build
then reads it like any other folder, and the gemeente may edit it.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from data.catalogue import (
    DEFAULT_GEMEENTE,
    GEMEENTEN_DIR,
    NATIONAL_SOURCES,
    CatalogueError,
    gemeente_dir,
    load_catalogue,
    load_settings,
)

DEFAULTS_FILE = GEMEENTEN_DIR / "standaard.yaml"
DATA_DIR = Path(__file__).parent
MAX_SUGGESTIONS = 8


def db_path(code: str) -> Path:
    """The default store of a gemeente: data/wijkmonitor.duckdb for the default gemeente,
    data/wijkmonitor-GM0758.duckdb for another."""
    if code == DEFAULT_GEMEENTE:
        return DATA_DIR / "wijkmonitor.duckdb"
    return DATA_DIR / f"wijkmonitor-{code}.duckdb"


def gemeente_of_path(path: Path) -> str:
    """The gemeente a store file is named for (wijkmonitor-GM0758.duckdb -> GM0758); else the default."""
    found = re.search(r"(GM\d{4})", Path(path).name)
    return found.group(1) if found else DEFAULT_GEMEENTE


def known_gemeenten() -> pd.DataFrame:
    """Every gemeente of the national KWB 2024 file (code, name). Names come from a gemeente's own folder,
    else from the RIVM file (2020 names); a gemeente formed after 2020 keeps its code as name until its
    settings.yaml says otherwise."""
    from data import rivm, sources

    kwb = pd.read_csv(sources.NL_KWB_FILE, usecols=["regiocode", "soort_regio"], dtype=str)
    codes = sorted(kwb[kwb.soort_regio.str.strip() == "Gemeente"].regiocode.str.strip())
    regions = rivm.region_names(rivm.NATIONAL_FILE)
    names = regions[regions.soort_regio == "Gemeente"].set_index("area_code").gm_naam.to_dict()
    for folder in GEMEENTEN_DIR.glob("GM*/settings.yaml"):
        raw = yaml.safe_load(folder.read_text(encoding="utf-8")) or {}
        gemeente = raw.get("gemeente") or {}
        if gemeente.get("code") and gemeente.get("naam"):
            names[str(gemeente["code"])] = str(gemeente["naam"])
    return pd.DataFrame({"code": codes, "name": [names.get(c, c) for c in codes]})


def resolve(text: str) -> tuple[str, str]:
    """(code, name) of the gemeente meant by a code ('GM0758', '0758', '758') or a name ('breda', any case).

    Raises CatalogueError with a Dutch message listing close matches when it is unknown or ambiguous."""
    known = known_gemeenten()
    wanted = text.strip()
    digits = re.fullmatch(r"(?i)(?:GM)?(\d{1,4})", wanted)
    if digits:
        code = f"GM{int(digits.group(1)):04d}"
        hit = known[known.code == code]
        if len(hit) == 1:
            return code, str(hit.name.iloc[0])
        raise CatalogueError(f"Gemeentecode {code} staat niet in de landelijke KWB 2024 (342 gemeenten).")
    key = wanted.casefold()
    aliases = (yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")) or {}).get("bijnamen") or {}
    hits = known[(known.name.str.casefold() == key) | (known.code == aliases.get(key))]
    if len(hits) == 1:
        return str(hits.code.iloc[0]), str(hits.name.iloc[0])
    if len(hits) > 1:
        listed = ", ".join(f"{r.name} ({r.code})" for r in hits.itertuples())
        raise CatalogueError(f"'{wanted}' is de naam van meer dan één gemeente: {listed}. Gebruik de code.")
    by_name = {n.casefold(): f"{n} ({c})" for c, n in zip(known.code, known.name, strict=True)}
    close = [by_name[n] for n in by_name if key and key in n]
    close += [by_name[n] for n in difflib.get_close_matches(key, list(by_name), n=MAX_SUGGESTIONS, cutoff=0.6)]
    close = list(dict.fromkeys(close))[:MAX_SUGGESTIONS]
    hint = f" Bedoelt u: {', '.join(close)}?" if close else " Geef de naam zoals CBS die schrijft of de code (GM0758)."
    raise CatalogueError(f"Onbekende gemeente '{wanted}'.{hint}")


def app_name(areas: pd.DataFrame) -> str:
    """'Wijkmonitor Breda': the app's name, from the gemeente's name in the store."""
    names = list(areas[areas.level == "gemeente"].name)
    return f"Wijkmonitor {names[0]}" if len(names) == 1 else "Wijkmonitor"


def of_store(areas: pd.DataFrame) -> str:
    """The code of the gemeente a store is for: its one area at level 'gemeente'."""
    codes = list(areas[areas.level == "gemeente"].area_code)
    if len(codes) != 1:
        raise CatalogueError(f"De database hoort niet bij precies één gemeente (gevonden: {codes or 'geen'}).")
    return str(codes[0])


def folder_of_store(areas: pd.DataFrame) -> Path:
    """The catalogue folder of the gemeente a store is for; a Dutch error when it is missing."""
    code = of_store(areas)
    folder = gemeente_dir(code)
    if not (folder / "settings.yaml").exists():
        raise CatalogueError(
            f"De database is van gemeente {code}, maar data/gemeenten/{code}/ ontbreekt. "
            f"Bouw de database opnieuw met python -m data build --gemeente {code}."
        )
    return folder


def create_folder(code: str, name: str, root: Path = GEMEENTEN_DIR) -> Path:
    """Write ``root/<code>/`` with defaults for a gemeente that has none; returns the folder.

    The real figures decide what can be decided from them: the wijk profiles of the demo generator (cohesion
    from RIVM loneliness and volunteering, vulnerability from 'moeite met rondkomen', age from inhabitants
    per dwelling, all relative to the gemeente's other wijken), and the nulmeting of each target. The
    folder appears complete or not at all.
    """
    from data import build, demo, rivm, sources

    target = root / code
    if target.exists():
        raise CatalogueError(f"{target} bestaat al; de build schrijft er niets overheen.")
    defaults = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8"))
    tmp = root / f".{code}.nieuw"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        (tmp / "settings.yaml").write_text(_settings_text(code, name, defaults), encoding="utf-8")
        settings = load_settings(tmp)
        areas, _ = sources.read_areas(settings)
        kwb = sources.read_kwb(settings.sources.kwb, gemeente_code=code)
        real = rivm.read(settings.sources.rivm)
        real = real[real.area_code.isin(set(areas.area_code))]
        profiles = _profiles(areas, kwb, real, settings.demo_seed)
        notes = _notes(defaults["logboek"], profiles, kwb)
        _write_yaml(tmp / "demo.yaml", _DEMO_HEADER, {"profielen": profiles, "logboek": notes})
        # the demo values the targets start from: generated exactly as the build will
        _write_yaml(tmp / "ambitions.yaml", _AMBITIONS_HEADER, {"ambitions": defaults["ambitions"], "targets": []})
        catalogue = load_catalogue(area_codes=set(areas.area_code), gemeente=tmp)
        generated = build.generate_demo(settings, areas, kwb, catalogue)
        values = pd.concat([real, generated.indicator_values], ignore_index=True)
        targets = _targets(code, defaults["doelen"], values, catalogue.indicators)
        _write_yaml(tmp / "ambitions.yaml", _AMBITIONS_HEADER, {"ambitions": defaults["ambitions"], "targets": targets})
        inhabitants = float(kwb[(kwb.indicator_id == "inwoners") & (kwb.area_code == code)].value.sum())
        _write_yaml(tmp / "sociaal_domein.yaml", _SOCIAL_HEADER, _social_domain(name, defaults, inhabitants))
        load_catalogue(area_codes=set(areas.area_code), gemeente=tmp)  # the folder reads as any other
        demo.read_layers(tmp / "demo.yaml")
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


_DEMO_HEADER = """\
# Demo layers of this gemeente, generated by the build (data/gemeenten.py) from data/gemeenten/standaard.yaml.
# profielen: per wijk, in standard deviations relative to the gemeente's other wijken: cohesie (from RIVM 2020
# eenzaamheid and vrijwilligerswerk), trend (change of cohesion per year, drawn from the seed), kwetsbaarheid
# (moeite met rondkomen), vergrijzing and aandeel_jong (inhabitants per dwelling, KWB 2024). They only shape
# the demo figures; edit them to make the demo look like the gemeente you know.
# logboek: demo notes (wijk: null = the gemeente).
"""
_AMBITIONS_HEADER = """\
# Ambitions and 2030 targets of this gemeente, generated by the build from data/gemeenten/standaard.yaml:
# DEMO targets for the gemeente as a whole, from the 2020 value (measured for RIVM indicators, where the build
# checks it; demo otherwise) by the default percentage. Replace them with the raad's adopted targets; targets
# for single wijken may be added (area: WK…).
"""
_SOCIAL_HEADER = """\
# Figures the pages Initiatieven & vrijwilligers and Sociaal domein compare the data with, generated by the
# build from data/gemeenten/standaard.yaml (budget: euro per inhabitant x inhabitants, KWB 2024). DEMO:
# replace with the gemeente's own budget and policy text. Read and checked by data/budgets.py.
"""


def _settings_text(code: str, name: str, defaults: dict) -> str:
    """settings.yaml of a new gemeente, with comments, so that the beheerder can read what to change."""
    privacy, release, years = defaults["privacy"], defaults["release"], defaults["demo"]
    files = NATIONAL_SOURCES
    return f"""\
# Installation settings for the Wijkmonitor {name}, generated by the build (python -m data build --gemeente
# {code}) from data/gemeenten/standaard.yaml. Data, not code: a beheerder may change these.
gemeente:
  code: {code}
  naam: {yaml.safe_dump(name, allow_unicode=True).splitlines()[0]}
# Which boundary layer the maps draw: the CBS 2024 division of the national file (no buurten).
boundary_year: 2024
# Kerkdorpen (villages) of the gemeente, flagged on the area, e.g. [{code.replace("GM", "WK")}05].
kerkdorpen: []
# Privacy rules that apply wherever the raad can see figures or anything is printed.
privacy:
  max_small_count: {privacy["max_small_count"]}
  min_population: {privacy["min_population"]}
  min_respondents: {privacy["min_respondents"]}
release:
  name: "{release["name"]}"
  timestamp: "{release["timestamp"]}"
# Demo data: deterministic, generated for the years below, with this seed (the gemeente's number).
demo:
  seed: {int(code[2:])}
  first_year: {years["first_year"]}
  last_year: {years["last_year"]}
# Where the build reads the real data (under data/raw/): the national files, of which it keeps this
# gemeente's rows. Point them to the gemeente's own files (e.g. a buurt layer) to use those instead.
bronnen:
  wijken: {files["wijken"]}
  buurten: null
  grenzen: "{files["grenzen"]}"
  kwb: {files["kwb"]}
  rivm: {files["rivm"]}
"""


def _write_yaml(path: Path, header: str, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    path.write_text(header + text, encoding="utf-8")


def _z(series: pd.Series) -> pd.Series:
    """Standard scores among the wijken; 0 where unknown or when there is no spread."""
    sd = series.std()
    if not series.notna().sum() >= 2 or not sd > 0:
        return pd.Series(0.0, index=series.index)
    return ((series - series.mean()) / sd).fillna(0.0)


def _profiles(areas: pd.DataFrame, kwb: pd.DataFrame, real: pd.DataFrame, seed: int) -> dict[str, dict]:
    wijken = list(areas[areas.level == "wijk"].area_code)
    latest = real[real.year == 2020].pivot_table(index="area_code", columns="indicator_id", values="value")
    latest = latest.reindex(index=wijken)

    def column(name: str) -> pd.Series:
        return latest[name] if name in latest.columns else pd.Series(np.nan, index=latest.index)

    basics = kwb.pivot_table(index="area_code", columns="indicator_id", values="value").reindex(index=wijken)
    per_dwelling = basics.get("inwoners") / basics.get("woningvoorraad").replace(0, np.nan)
    cohesion = (0.3 * (_z(column("vrijwilligers_pct")) - _z(column("eenzaam_pct")))).clip(-1, 1)
    vulnerability = (0.6 * _z(column("moeite_rondkomen_pct"))).clip(-1, 1)
    ageing = (-0.4 * _z(per_dwelling)).clip(-1, 1)
    young = (0.18 + 0.03 * _z(per_dwelling)).clip(0.08, 0.25)
    trends = np.random.default_rng(seed).normal(0, 0.05, size=len(wijken)).clip(-0.1, 0.1)
    return {
        code: {
            "cohesie": round(float(cohesion[code]), 2),
            "trend": round(float(trend), 2),
            "kwetsbaarheid": round(float(vulnerability[code]), 2),
            "vergrijzing": round(float(ageing[code]), 2),
            "aandeel_jong": round(float(young[code]), 2),
        }
        for code, trend in zip(wijken, trends, strict=True)
    }


def _notes(templates: list[dict], profiles: dict[str, dict], kwb: pd.DataFrame) -> list[dict]:
    """The default notes, each wijk note given to the wijk its role names (among wijken with ≥ 500
    inhabitants, so that its figures are shown); a role with no such wijk drops the note."""
    population = kwb[kwb.indicator_id == "inwoners"].set_index("area_code").value
    inhabited = {c: p for c, p in profiles.items() if population.get(c, 0) >= 500}
    pick = {
        "dalend": lambda p: p["trend"],
        "stijgend": lambda p: -p["trend"],
        "kwetsbaar": lambda p: -p["kwetsbaarheid"],
        "hecht": lambda p: -p["cohesie"],
    }
    chosen = (
        {role: min(inhabited, key=lambda c, f=f: (f(inhabited[c]), c)) for role, f in pick.items()} if inhabited else {}
    )
    notes = []
    for template in templates:
        role = template["wijk"]
        if role is not None and role not in chosen:
            continue
        notes.append({**template, "wijk": chosen.get(role), "datum": template["datum"]})
    return notes


def _targets(code: str, rules: dict, values: pd.DataFrame, indicators: pd.DataFrame) -> list[dict]:
    meta = indicators.set_index("indicator_id")
    start, end = int(rules["nulmeting"]), int(rules["doeljaar"])
    own = values[(values.area_code == code) & (values.year == start)].set_index("indicator_id").value
    targets = []
    for indicator_id, change in rules["verandering_pct"].items():
        baseline = own.get(indicator_id)
        if indicator_id not in meta.index or baseline is None or pd.isna(baseline) or baseline == 0:
            continue  # not measured in the nulmeting year for this gemeente (e.g. secret): no target
        decimals = int(meta.at[indicator_id, "decimals"])
        baseline = round(float(baseline), decimals)
        target = round(baseline * (1 + float(change) / 100), decimals)
        milestones = {
            year: round(baseline + (target - baseline) * (year - start) / (end - start), decimals)
            for year in range(start + 1, end)
        }
        as_number = (lambda v: int(v)) if decimals == 0 else float
        targets.append(
            {
                "indicator": indicator_id,
                "area": code,
                "baseline_year": start,
                "baseline": as_number(baseline),
                "milestones": {y: as_number(v) for y, v in milestones.items()},
                "target_year": end,
                "target": as_number(target),
                "demo": True,
            }
        )
    return targets


def _social_domain(name: str, defaults: dict, inhabitants: float) -> dict:
    amounts = {
        int(year): int(max(5_000, round(per_inhabitant * inhabitants / 5_000) * 5_000))
        for year, per_inhabitant in defaults["buurtinitiatieven_per_inwoner"].items()
    }
    claim = defaults["beleid_uitgavengroei"]
    return {
        "buurtinitiatieven_budget": {
            "demo": True,
            "bron": f"Begroting gemeente {name}, budget buurtinitiatieven (demo)",
            "bedragen": amounts,
        },
        "beleid_uitgavengroei": {**claim, "bron": f"Beleid wijkgericht werken, gemeente {name} (demo)"},
    }
