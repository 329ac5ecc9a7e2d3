"""Deterministic demo data for what a gemeente keeps internally (surveys, registers, spending, agenda).

Only where no real source exists: loneliness, volunteering and mantelzorg are real RIVM figures (see
``REPLACED_BY_REAL``), loaded by the build from ``data/raw``.

Everything here is synthetic and flagged as demo in the catalogue and load log. It is generated from
a fixed seed, scaled by the real CBS 2024 population per wijk, with a hand-set profile per wijk (how
cohesive, how vulnerable, how old, and whether cohesion improves or declines) so that the figures
have plausible sizes, differences and trends. Wijken with almost no inhabitants (industrieterreinen,
buitengebied) get almost no activity because everything scales with population.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

POLICY_START = 2020  # wijkgericht werken started January 2020
COVID_YEARS = (2020, 2021)
SPENDING_FIRST_YEAR = 2015  # so that "+7% over 2015-2020" (policy text) can be shown
SPENDING_GROWTH_2015_2020 = 1.07
SCORE_SD = 1.3  # spread of individual 0-10 survey answers, for the margin of a mean


@dataclass(frozen=True)
class WijkProfile:
    """A wijk's latent character, in standard-deviation units."""

    cohesion: float  # + = more social cohesion
    trend: float  # change of cohesion per year (+ improving, - declining)
    vulnerability: float  # + = more care need and low income
    ageing: float  # + = older population
    young_share: float  # share of inhabitants under 18


DEFAULT_PROFILE = WijkProfile(0.0, 0.0, 0.0, 0.0, 0.18)


@dataclass(frozen=True)
class Model:
    """How one indicator depends on a wijk's profile and on time."""

    kind: str  # 'score' (0-10 mean), 'pct' (share), 'rate' (per 1,000)
    base: float  # a typical wijk in 2016
    cohesion: float = 0.0
    vulnerability: float = 0.0
    ageing: float = 0.0
    trend: float = 0.0  # per year before the policy start
    trend_policy: float = 0.0  # per year from the policy start on
    covid: float = 0.0  # added in the covid years
    survey: bool = False  # from the wijkenquête: has n respondents and a margin
    denominator: str = "inwoners"  # 'inwoners', 'jongeren' or 'huishoudens'


MODELS: dict[str, Model] = {
    "samenhang_score": Model(
        "score", 6.4, cohesion=0.45, vulnerability=-0.15, trend=-0.01, trend_policy=0.025, covid=-0.2, survey=True
    ),
    "eenzaam_pct": Model(
        "pct", 10.5, cohesion=-2.0, vulnerability=2.5, ageing=1.5, trend=0.15, trend_policy=0.05, covid=2.0, survey=True
    ),
    "vrijwilligers_pct": Model(
        "pct", 31.0, cohesion=4.0, vulnerability=-3.0, trend=-0.4, trend_policy=-0.1, covid=-3.0, survey=True
    ),
    "inzet_buurt_pct": Model("pct", 16.0, cohesion=3.5, vulnerability=-1.0, trend_policy=0.45, covid=-2.0, survey=True),
    "hulp_buren_pct": Model(
        "pct", 63.0, cohesion=6.0, vulnerability=-3.0, trend=-0.3, trend_policy=0.35, covid=1.0, survey=True
    ),
    "mantelzorgers_pct": Model("pct", 14.0, cohesion=1.5, ageing=1.5, trend=0.1, trend_policy=0.1, survey=True),
    "leefbaarheid_score": Model("score", 7.4, cohesion=0.25, vulnerability=-0.35, trend_policy=0.01, survey=True),
    "onveilig_pct": Model("pct", 27.0, cohesion=-3.0, vulnerability=6.0, trend=-0.4, trend_policy=-0.15, survey=True),
    "meldingen_per_1000": Model("rate", 48.0, cohesion=-4.0, vulnerability=12.0, trend=1.0, trend_policy=1.6),
    "wmo_per_1000": Model("rate", 58.0, vulnerability=10.0, ageing=14.0, trend=2.2, trend_policy=1.3),
    "jeugdzorg_pct": Model(
        "pct", 10.0, cohesion=-0.5, vulnerability=3.0, trend=0.35, trend_policy=0.05, denominator="jongeren"
    ),
    "bijstand_per_1000": Model(
        "rate", 27.0, cohesion=-2.0, vulnerability=14.0, trend=-0.4, trend_policy=-0.7, covid=1.5
    ),
    "inwoners_75plus_pct": Model("pct", 9.5, ageing=4.5, trend=0.3, trend_policy=0.3),
    "eenpersoonshh_pct": Model(
        "pct", 35.0, vulnerability=8.0, ageing=5.0, trend=0.25, trend_policy=0.25, denominator="huishoudens"
    ),
}
COUNT_INDICATORS = ("buurtactiviteiten",)
# Measured for real (RIVM 50090NED, loaded by the build from data/raw): their demo series are not emitted.
# The generator still draws them, as the latent volunteering share that drives the demo volunteer counts
# and so that every other demo figure keeps the value its seed gives it.
REPLACED_BY_REAL = ("eenzaam_pct", "vrijwilligers_pct", "mantelzorgers_pct")

INITIATIVE_TITLES: dict[str, tuple[str, ...]] = {
    "Ontmoeting": (
        "Buurtkoffie {buurt}",
        "Ontmoetingsochtend {buurt}",
        "Straatfeest {buurt}",
        "Buurtkamer {wijk}",
        "Samen eten in {wijk}",
    ),
    "Zorg voor elkaar": (
        "Burenhulp {wijk}",
        "Boodschappenmaatjes {buurt}",
        "Wandelgroep voor ouderen {wijk}",
        "Mantelzorgcafé {wijk}",
    ),
    "Groen en schoon": ("Buurtmoestuin {buurt}", "Zwerfafvalteam {buurt}", "Geveltuinen {buurt}", "Pluktuin {wijk}"),
    "Veiligheid": ("Buurtpreventie {buurt}", "Veilige schoolroute {wijk}"),
    "Jeugd": ("Speeltuinvereniging {buurt}", "Huiswerkclub {wijk}", "Jongerenpodium {wijk}"),
    "Sport en cultuur": ("Beweegtuin {buurt}", "Repair Café {wijk}", "Taalcafé {wijk}", "Buurtkoor {wijk}"),
}

# ambition id -> (theme id, actions); "{wijk}" and "{buurt}" are filled in
AGENDA_ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sociale_cohesie": (
        "samenhang",
        ("Buurtkamer openen in {wijk}", "Ontmoetingsactiviteiten voor ouderen uitbreiden"),
    ),
    "sterke_samenleving": (
        "participatie",
        ("Bewonersplatform {wijk} opzetten", "Vrijwilligerspunt in het wijkcentrum inrichten"),
    ),
    "leefbaarheid": (
        "leefbaarheid",
        ("Wijkschouw met bewoners houden", "Speelplek {buurt} samen met bewoners herinrichten"),
    ),
    "sociale_basis": (
        "zorg",
        ("Mantelzorgondersteuning dichtbij organiseren", "Spreekuur wijkteam in het buurthuis starten"),
    ),
    "sociaal_domein": ("zorg", ("Preventieve huisbezoeken bij 75-plussers", "Schuldhulpmaatjes in de wijk werven")),
    "schoon_heel_veilig": (
        "leefbaarheid",
        ("Aanpak zwerfafval rond het winkelcentrum", "Buurtpreventieteam uitbreiden"),
    ),
}
OWNER_ROLES = ("wijkmakelaar", "wijkwerker", "wijkwethouder", "beleidsmedewerker")


@dataclass(frozen=True)
class Note:
    """A logboek note of the demo layer (wijk None: the gemeente)."""

    wijk: str | None
    day: date
    indicator_id: str | None
    text: str
    role: str


@dataclass(frozen=True)
class Layers:
    """The gemeente's own input to the generator (data/gemeenten/<code>/demo.yaml): profiles per wijk, notes."""

    profiles: dict[str, WijkProfile]
    notes: tuple[Note, ...]


PROFILE_FIELDS = {
    "cohesie": "cohesion",
    "trend": "trend",
    "kwetsbaarheid": "vulnerability",
    "vergrijzing": "ageing",
    "aandeel_jong": "young_share",
}


def read_layers(path: Path) -> Layers:
    """Read a gemeente's ``demo.yaml``; Dutch errors naming the entry."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ValueError(f"{path.name} ontbreekt in {path.parent}.") from exc
    profiles = {}
    for code, entry in (raw.get("profielen") or {}).items():
        if not isinstance(entry, dict) or set(entry) != set(PROFILE_FIELDS):
            raise ValueError(f"{path.name}, profiel {code}: verwacht de velden {', '.join(PROFILE_FIELDS)}.")
        profiles[str(code)] = WijkProfile(**{PROFILE_FIELDS[k]: float(v) for k, v in entry.items()})
    notes = []
    for i, entry in enumerate(raw.get("logboek") or [], start=1):
        try:
            notes.append(
                Note(entry["wijk"], entry["datum"], entry["indicator"], str(entry["tekst"]), str(entry["rol"]))
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path.name}, logboek-notitie {i}: veld ontbreekt ({exc}).") from exc
        if not isinstance(entry["datum"], date):
            raise ValueError(f"{path.name}, logboek-notitie {i}: 'datum' is geen datum (JJJJ-MM-DD).")
    return Layers(profiles, tuple(notes))


# Social-domain budget per taakveld in 2015 (EUR) and nominal growth per year, for a gemeente of
# SPENDING_BASE_INWONERS inhabitants; a gemeente's amounts scale with its inhabitants.
SPENDING_BASE_INWONERS = 57_920  # the inhabitants of the wijken of the gemeente the amounts were set for
SPENDING_BASE: dict[str, tuple[float, float]] = {
    "6.1": (2_600_000, 0.010),
    "6.2": (3_900_000, 0.015),
    "6.3": (17_500_000, -0.004),
    "6.4": (6_200_000, 0.005),
    "6.5": (2_100_000, -0.010),
    "6.6": (4_300_000, 0.020),
    "6.71": (9_800_000, 0.030),
    "6.72": (10_500_000, 0.035),
    "6.81": (1_100_000, 0.010),
    "6.82": (1_600_000, 0.020),
}
# How a per-wijk taakveld is allocated: the indicator whose numerator (clients) drives it.
SPENDING_DRIVER = {
    "6.1": "inwoners",
    "6.3": "bijstand_per_1000",
    "6.6": "wmo_per_1000",
    "6.71": "wmo_per_1000",
    "6.72": "jeugdzorg_pct",
}


@dataclass(frozen=True)
class DemoData:
    indicator_values: pd.DataFrame
    initiatives: pd.DataFrame
    volunteer_activity: pd.DataFrame
    spending: pd.DataFrame
    agenda_items: pd.DataFrame
    notes: pd.DataFrame


def generate(
    wijken: pd.DataFrame,
    buurten: pd.DataFrame,
    gemeente_code: str,
    taakvelden: pd.DataFrame,
    seed: int,
    first_year: int,
    last_year: int,
    layers: Layers | None = None,
) -> DemoData:
    """Generate all demo tables.

    Parameters
    ----------
    wijken : one row per wijk: area_code, name, inwoners, huishoudens (real CBS 2024 figures)
    buurten : area_code, name, parent_code (the wijk); may be empty (a gemeente without a buurt layer)
    taakvelden : taakveld_code, per_wijk
    layers : the gemeente's wijk profiles and logboek notes (none: every wijk the default profile, no notes)
    """
    if wijken.empty or wijken.inwoners.isna().any():
        raise ValueError("every wijk needs a population to scale the demo data")
    layers = layers or Layers({}, ())
    profiles = layers.profiles
    rng = np.random.default_rng(seed)
    years = list(range(first_year, last_year + 1))
    wijken = wijken.sort_values("area_code").reset_index(drop=True)
    values = _indicator_values(rng, wijken, gemeente_code, years, profiles)
    initiatives = _initiatives(rng, wijken, buurten, values, years, profiles)
    volunteers = _volunteer_activity(rng, wijken, values, gemeente_code, years)
    spending = _spending(rng, wijken, values, gemeente_code, taakvelden, last_year)
    agenda = _agenda_items(rng, wijken, buurten, last_year)
    notes = _notes(gemeente_code, layers.notes)
    emitted = values[~values.indicator_id.isin(REPLACED_BY_REAL)].reset_index(drop=True)
    return DemoData(emitted, initiatives, volunteers, spending, agenda, notes)


def _profile(code: str, profiles: dict[str, WijkProfile]) -> WijkProfile:
    return profiles.get(code, DEFAULT_PROFILE)


def _cohesion(profile: WijkProfile, year: int) -> float:
    return profile.cohesion + profile.trend * (year - POLICY_START)


def _expected(model: Model, profile: WijkProfile, year: int) -> float:
    """The wijk's true value in ``year`` before noise."""
    time = model.trend * (min(year, POLICY_START) - 2016) + model.trend_policy * max(0, year - POLICY_START)
    value = (
        model.base
        + model.cohesion * _cohesion(profile, year)
        + model.vulnerability * profile.vulnerability
        + model.ageing * profile.ageing
        + time
        + (model.covid if year in COVID_YEARS else 0.0)
    )
    upper = 10.0 if model.kind == "score" else 100.0 if model.kind == "pct" else 1000.0
    return float(np.clip(value, 0.5, upper - 0.5))


def _survey_margin(kind: str, value: float, n: float) -> float:
    if kind == "score":
        return 1.96 * SCORE_SD / np.sqrt(n)
    p = value / 100
    return 1.96 * np.sqrt(p * (1 - p) / n) * 100


def _indicator_values(
    rng: np.random.Generator,
    wijken: pd.DataFrame,
    gemeente: str,
    years: list[int],
    profiles: dict[str, WijkProfile],
) -> pd.DataFrame:
    rows = []
    for year in years:
        for wijk in wijken.itertuples():
            profile = _profile(wijk.area_code, profiles)
            n = max(2, round(wijk.inwoners * 0.045 * rng.uniform(0.8, 1.2)))
            denominators = {
                "inwoners": wijk.inwoners,
                "huishoudens": wijk.huishoudens,
                "jongeren": max(1, round(wijk.inwoners * profile.young_share)),
            }
            for indicator_id, model in MODELS.items():
                true = _expected(model, profile, year)
                row = {"indicator_id": indicator_id, "area_code": wijk.area_code, "year": year}
                if model.survey:
                    se = _survey_margin(model.kind, true, n) / 1.96
                    value = float(np.clip(true + rng.normal(0, se), 0, 10 if model.kind == "score" else 100))
                    row |= {"value": value, "n_respondents": n, "margin": _survey_margin(model.kind, value, n)}
                else:
                    denominator = denominators[model.denominator]
                    scale = 1000 if model.kind == "rate" else 100
                    numerator = min(denominator, rng.poisson(true * denominator / scale))
                    row |= {
                        "value": numerator / denominator * scale,
                        "numerator": float(numerator),
                        "denominator": float(denominator),
                    }
                rows.append(row)
            activity = (
                wijk.inwoners
                / 1000
                * max(0.5, 3.5 + 1.2 * _cohesion(profile, year))
                * {2020: 0.45, 2021: 0.7}.get(year, 1.0)
                * (1 + 0.06 * max(0, year - 2021))
            )
            rows.append(
                {
                    "indicator_id": "buurtactiviteiten",
                    "area_code": wijk.area_code,
                    "year": year,
                    "value": float(rng.poisson(activity)),
                }
            )
    wijk_values = pd.DataFrame(rows)
    return pd.concat([wijk_values, _gemeente_values(wijk_values, gemeente)], ignore_index=True).pipe(_round)


def _gemeente_values(wijk_values: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Gemeente figures consistent with the wijken: pooled respondents, summed counts."""
    rows = []
    for (indicator_id, year), group in wijk_values.groupby(["indicator_id", "year"], sort=True):
        row = {"indicator_id": indicator_id, "area_code": gemeente, "year": year}
        model = MODELS.get(indicator_id)
        if model is None:  # a count
            row["value"] = group.value.sum()
        elif model.survey:
            n = group.n_respondents.sum()
            value = float(np.average(group.value, weights=group.n_respondents))
            row |= {"value": value, "n_respondents": n, "margin": _survey_margin(model.kind, value, n)}
        else:
            numerator, denominator = group.numerator.sum(), group.denominator.sum()
            scale = 1000 if model.kind == "rate" else 100
            row |= {"value": numerator / denominator * scale, "numerator": numerator, "denominator": denominator}
        rows.append(row)
    return pd.DataFrame(rows)


def _round(values: pd.DataFrame) -> pd.DataFrame:
    values = values.copy()
    values["value"] = values.value.round(2)
    values["margin"] = values.margin.round(2)
    values["n_respondents"] = values.n_respondents.astype("Int64")
    return values


def _initiatives(
    rng: np.random.Generator,
    wijken: pd.DataFrame,
    buurten: pd.DataFrame,
    values: pd.DataFrame,
    years: list[int],
    profiles: dict[str, WijkProfile],
) -> pd.DataFrame:
    end_of_data = date(years[-1], 12, 31)
    themes = list(INITIATIVE_TITLES)
    rows = []
    for year in years:
        sequence = 0
        for wijk in wijken.itertuples():
            profile = _profile(wijk.area_code, profiles)
            rate = (
                wijk.inwoners
                / 1000
                * 0.35
                * max(0.2, 1 + 0.3 * _cohesion(profile, year))
                * {2020: 0.5, 2021: 0.7}.get(year, 1.0)
                * (1 + 0.12 * max(0, year - POLICY_START))
            )
            wijk_buurten = buurten[buurten.parent_code == wijk.area_code]
            for _ in range(rng.poisson(rate)):
                sequence += 1
                theme = themes[rng.integers(len(themes))]
                template = INITIATIVE_TITLES[theme][rng.integers(len(INITIATIVE_TITLES[theme]))]
                buurt = _pick_buurt(rng, wijk, wijk_buurten)
                start = date(year, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
                end = start + timedelta(days=int(rng.integers(60, 1100)))
                if end <= end_of_data:
                    status = "afgerond" if rng.random() < 0.85 else "gestopt"
                else:
                    end = None
                    status = "idee" if start.month >= 10 and year == years[-1] and rng.random() < 0.5 else "lopend"
                participants = round(rng.lognormal(2.8, 0.8)) + 3
                subsidy = float(round(rng.uniform(250, 7500) / 50) * 50) if rng.random() < 0.7 else 0.0
                title = template.format(buurt=buurt["name"], wijk=wijk.name)
                rows.append(
                    {
                        "initiative_id": f"INI-{year}-{sequence:03d}",
                        "title": title,
                        "description": f"Bewonersinitiatief '{title}' in {buurt['name']} ({theme.lower()}).",
                        "theme": theme,
                        "status": status,
                        "start_date": start,
                        "end_date": end,
                        "participants": participants,
                        "subsidy_eur": subsidy,
                        "wijk_code": wijk.area_code,
                        "buurt_code": buurt["area_code"],
                        "is_good_example": bool(status != "gestopt" and rng.random() < 0.12),
                    }
                )
    frame = pd.DataFrame(rows)
    frame["start_date"] = pd.to_datetime(frame.start_date).dt.date
    frame["end_date"] = pd.to_datetime(frame.end_date).dt.date
    return frame


def _volunteer_activity(
    rng: np.random.Generator, wijken: pd.DataFrame, values: pd.DataFrame, gemeente: str, years: list[int]
) -> pd.DataFrame:
    share = values[values.indicator_id == "vrijwilligers_pct"].set_index(["area_code", "year"]).value
    season = {1: 0.95, 2: 1.05, 3: 0.9, 4: 1.1}
    covid = {(2020, 2): 0.6, (2020, 3): 0.7, (2020, 4): 0.6, (2021, 1): 0.65, (2021, 2): 0.8}
    rows = []
    for year in years:
        for wijk in wijken.itertuples():
            for quarter in range(1, 5):
                # adults who volunteer x the share registered with a local organisation
                expected = (
                    wijk.inwoners
                    * 0.8
                    * share[(wijk.area_code, year)]
                    / 100
                    * 0.3
                    * season[quarter]
                    * covid.get((year, quarter), 1.0)
                )
                active = int(rng.poisson(expected))
                rows.append(
                    {
                        "area_code": wijk.area_code,
                        "year": year,
                        "quarter": quarter,
                        "active_volunteers": active,
                        "volunteer_hours": round(active * rng.uniform(10, 16)),
                        "organisations": int(rng.poisson(wijk.inwoners / 1000 * 1.3)),
                    }
                )
    frame = pd.DataFrame(rows)
    totals = frame.groupby(["year", "quarter"], as_index=False)[
        ["active_volunteers", "volunteer_hours", "organisations"]
    ].sum()
    return pd.concat([frame, totals.assign(area_code=gemeente)], ignore_index=True)


def _spending(
    rng: np.random.Generator,
    wijken: pd.DataFrame,
    values: pd.DataFrame,
    gemeente: str,
    taakvelden: pd.DataFrame,
    last_year: int,
) -> pd.DataFrame:
    years = range(SPENDING_FIRST_YEAR, last_year + 1)
    scale = float(wijken.inwoners.sum()) / SPENDING_BASE_INWONERS
    raw = {
        (code, year): base * scale * (1 + growth) ** (year - SPENDING_FIRST_YEAR) * rng.uniform(0.97, 1.03)
        for code, (base, growth) in SPENDING_BASE.items()
        for year in years
    }
    # Scale so that the gemeente total rises by SPENDING_GROWTH_2015_2020 over 2015-2020 (policy text).
    ratio = sum(v for (_, y), v in raw.items() if y == 2020) / sum(
        v for (_, y), v in raw.items() if y == SPENDING_FIRST_YEAR
    )
    correction = (SPENDING_GROWTH_2015_2020 / ratio) ** (1 / 5)
    rows = []
    per_wijk = set(taakvelden.loc[taakvelden.per_wijk, "taakveld_code"])
    for (code, year), amount in raw.items():
        realised = round(amount * correction ** (year - SPENDING_FIRST_YEAR))
        budget = round(realised * rng.uniform(0.96, 1.03))
        rows += [
            {
                "taakveld_code": code,
                "area_code": gemeente,
                "year": year,
                "kind": "realisatie",
                "amount_eur": float(realised),
            },
            {
                "taakveld_code": code,
                "area_code": gemeente,
                "year": year,
                "kind": "begroot",
                "amount_eur": float(budget),
            },
        ]
        if code in per_wijk:
            weights = _allocation_weights(rng, wijken, values, SPENDING_DRIVER.get(code, "inwoners"), year)
            for area_code, part in zip(wijken.area_code, _largest_remainder(realised, weights), strict=True):
                rows.append(
                    {
                        "taakveld_code": code,
                        "area_code": area_code,
                        "year": year,
                        "kind": "realisatie",
                        "amount_eur": float(part),
                    }
                )
        if year == last_year:  # next year's budget
            rows.append(
                {
                    "taakveld_code": code,
                    "area_code": gemeente,
                    "year": year + 1,
                    "kind": "begroot",
                    "amount_eur": float(round(realised * rng.uniform(1.01, 1.05))),
                }
            )
    return pd.DataFrame(rows)


def _allocation_weights(
    rng: np.random.Generator, wijken: pd.DataFrame, values: pd.DataFrame, driver: str, year: int
) -> np.ndarray:
    if driver == "inwoners":
        base = wijken.inwoners.to_numpy(dtype=float)
    else:
        # spending data start before the indicator series: use the first year there is
        subset = values[(values.indicator_id == driver) & values.area_code.isin(wijken.area_code)]
        subset = subset[subset.year == max(year, subset.year.min())].set_index("area_code")
        base = subset.numerator.reindex(wijken.area_code).to_numpy(dtype=float)
    return base * rng.uniform(0.9, 1.1, size=len(base))


def _largest_remainder(total: int, weights: np.ndarray) -> list[int]:
    """Split an integer total proportionally to weights into integers that sum exactly to it."""
    shares = total * weights / weights.sum()
    parts = np.floor(shares).astype(int)
    for i in np.argsort(-(shares - parts), kind="stable")[: total - parts.sum()]:
        parts[i] += 1
    return [int(p) for p in parts]


def _agenda_items(
    rng: np.random.Generator, wijken: pd.DataFrame, buurten: pd.DataFrame, last_year: int
) -> pd.DataFrame:
    ambitions = list(AGENDA_ACTIONS)
    rows = []
    for wijk in wijken.itertuples():
        count = 1 if wijk.inwoners < 500 else int(rng.integers(4, 7))
        wijk_buurten = buurten[buurten.parent_code == wijk.area_code]
        for number, i in enumerate(rng.permutation(len(ambitions))[:count], start=1):
            ambition = ambitions[i]
            theme, actions = AGENDA_ACTIONS[ambition]
            action = actions[rng.integers(len(actions))].format(
                wijk=wijk.name, buurt=_pick_buurt(rng, wijk, wijk_buurten)["name"]
            )
            deadline = date(last_year, 3, 1) + timedelta(days=int(rng.integers(0, 1000)))
            if deadline < date(last_year + 1, 6, 1):
                status = rng.choice(["afgerond", "vertraagd", "lopend"], p=[0.6, 0.25, 0.15])
            else:
                status = rng.choice(["gepland", "lopend"], p=[0.4, 0.6])
            progress = {
                "afgerond": 100,
                "gepland": int(rng.integers(0, 11)),
                "lopend": int(rng.integers(20, 81)),
                "vertraagd": int(rng.integers(10, 61)),
            }[status]
            rows.append(
                {
                    "item_id": f"AG-{wijk.area_code[-2:]}-{number:02d}",
                    "area_code": wijk.area_code,
                    "theme": theme,
                    "ambition_id": ambition,
                    "action": action,
                    "owner_role": OWNER_ROLES[rng.integers(len(OWNER_ROLES))],
                    "status": str(status),
                    "deadline": deadline,
                    "progress_pct": progress,
                }
            )
    frame = pd.DataFrame(rows)
    frame["deadline"] = pd.to_datetime(frame.deadline).dt.date
    return frame


def _pick_buurt(rng: np.random.Generator, wijk: tuple, wijk_buurten: pd.DataFrame) -> dict:
    """A random buurt of the wijk; the wijk itself (no buurt code) when the gemeente has no buurt layer."""
    if wijk_buurten.empty:
        return {"name": wijk.name, "area_code": None}
    return wijk_buurten.iloc[rng.integers(len(wijk_buurten))]


def _notes(gemeente_code: str, notes: tuple[Note, ...]) -> pd.DataFrame:
    """The gemeente's demo logboek notes, written at 17:00 on their date (no randomness)."""
    rows = [
        {
            "note_id": f"LB-DEMO-{number:02d}",
            "area_code": note.wijk or gemeente_code,
            "note_date": note.day,
            "indicator_id": note.indicator_id,
            "text": note.text,
            "author_role": note.role,
            "created_at": datetime.combine(note.day, time(17, 0)),
        }
        for number, note in enumerate(notes, start=1)
    ]
    columns = ["note_id", "area_code", "note_date", "indicator_id", "text", "author_role", "created_at"]
    frame = pd.DataFrame(rows, columns=columns).astype({"indicator_id": "object"})
    frame["note_date"] = pd.to_datetime(frame.note_date).dt.date
    return frame
