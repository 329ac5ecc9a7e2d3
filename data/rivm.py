"""RIVM/CBS/GGD'en "Gezondheid per wijk en buurt" (StatLine 50090NED) as long-form indicator values.

The figures are **model estimates** (RIVM's small-area model on the Gezondheidsmonitor Volwassenen en
Ouderen and register data), not counts or survey results per wijk. Which StatLine variable and age group
feeds which catalogue indicator is data: ``data/catalogue/rivm_mapping.yaml``.

:func:`to_long` reads a 50090NED table in either shape it comes in: the bundled extracts (``jaar``,
``leeftijdsgroep``, ``gwb_code``, values with "" for secret) or a StatLine download (``Perioden`` like
``2020JJ00``, ``Leeftijd`` codes like ``20300``, ``WijkenEnBuurten`` padded with spaces, "." for secret, a
``Marges`` column whose interval-bound rows are skipped). Codes are trimmed. A variable that has no value at
all for a year and age group was not measured then (e.g. vrijwilligerswerk in 2012): those rows are left out.
A missing value where the variable was measured is secret at the source and kept as an empty value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.age_groups import AgeGroups
from data.catalogue import CATALOGUE_DIR, CatalogueError

MAPPING_FILE = CATALOGUE_DIR / "rivm_mapping.yaml"
RAW_DIR = Path(__file__).with_name("raw")
NATIONAL_FILE = RAW_DIR / "nl-context" / "nl_rivm50090_extract.csv.gz"
NEDERLAND = "NL01"
SOURCE = "RIVM/CBS/GGD'en, Gezondheidsmonitor Volwassenen en Ouderen (StatLine 50090NED)"
SECRET = {"", "."}
VALUE_MARGIN = "MW00000"  # StatLine 'Marges' code of the estimate itself (the others are interval bounds)
PERIOD = re.compile(r"^(\d{4})(JJ00)?$")  # 2020, or StatLine's period code 2020JJ00 (a whole year)

# column name variants, in order of trust: bundled extract, StatLine download (API / CSV / xlsx)
YEAR_COLUMNS = ("jaar", "Perioden", "perioden")
AGE_COLUMNS = ("leeftijd_code", "Leeftijd", "leeftijdsgroep")
REGION_COLUMNS = ("gwb_code", "WijkenEnBuurten", "Codering_3", "RegioS")
MARGIN_COLUMNS = ("Marges", "marges")


@dataclass(frozen=True)
class RivmMapping:
    age_groups: dict[str, str]  # StatLine code -> label ('20300' -> '18+')
    variables: dict[str, dict[str, str]]  # StatLine key -> {age label: indicator id}
    labels: dict[str, str] = field(default_factory=dict)  # age label -> as pages say it; first = default

    @property
    def indicator_ids(self) -> list[str]:
        return [indicator for per_age in self.variables.values() for indicator in per_age.values()]


def load_mapping(path: Path = MAPPING_FILE) -> RivmMapping:
    """Read ``rivm_mapping.yaml``; Dutch errors naming the entry."""
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    if not isinstance(raw, dict) or not isinstance(raw.get("age_groups"), dict) or not raw.get("variables"):
        raise CatalogueError(f"{path.name}: verwacht de onderdelen 'age_groups' en 'variables'.")
    ages = {str(code): str(label) for code, label in raw["age_groups"].items()}
    variables: dict[str, dict[str, str]] = {}
    for variable, per_age in raw["variables"].items():
        if not isinstance(per_age, dict) or not per_age:
            raise CatalogueError(f"{path.name}, variabele '{variable}': verwacht per leeftijdsgroep een indicator.")
        unknown = set(map(str, per_age)) - set(ages.values())
        if unknown:
            raise CatalogueError(f"{path.name}, variabele '{variable}': onbekende leeftijdsgroep {sorted(unknown)}.")
        variables[str(variable)] = {str(age): str(indicator) for age, indicator in per_age.items()}
    ids = [i for per_age in variables.values() for i in per_age.values()]
    if len(ids) != len(set(ids)):
        raise CatalogueError(f"{path.name}: een indicator komt twee keer voor.")
    labels = raw.get("age_group_labels") or {}
    if not isinstance(labels, dict) or set(map(str, labels)) != set(ages.values()):
        raise CatalogueError(f"{path.name}: 'age_group_labels' moet elke leeftijdsgroep precies één keer noemen.")
    return RivmMapping(ages, variables, {str(age): str(label) for age, label in labels.items()})


def load_age_groups(path: Path = MAPPING_FILE) -> AgeGroups:
    """The age-group twins of ``rivm_mapping.yaml``: variables loaded for more than one age group."""
    mapping = load_mapping(path)
    default = next(iter(mapping.labels))
    twins = {
        per_age[default]: dict(per_age)
        for per_age in mapping.variables.values()
        if len(per_age) > 1 and default in per_age
    }
    return AgeGroups(default, mapping.labels, twins)


def find_column(columns: list[str] | pd.Index, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` among ``columns`` (case and surrounding spaces ignored), as written there."""
    written = {str(c).strip().lower(): c for c in columns}
    return next((written[n.lower()] for n in names if n.lower() in written), None)


def _column(raw: pd.DataFrame, names: tuple[str, ...], what: str, source: str) -> pd.Series:
    name = find_column(raw.columns, names)
    if name is None:
        raise ValueError(f"{source}: kolom voor {what} ontbreekt (verwacht een van: {', '.join(names)}).")
    return raw[name].astype(str).str.strip()


def estimates_only(raw: pd.DataFrame) -> pd.DataFrame:
    """The rows of the estimate itself: a StatLine download with 'Marges' also has rows for the lower and
    upper bound of the 95% interval (codes other than MW00000)."""
    column = find_column(raw.columns, MARGIN_COLUMNS)
    if column is None:
        return raw
    return raw[raw[column].astype(str).str.strip().isin(["", VALUE_MARGIN])]


def to_long(raw: pd.DataFrame, mapping: RivmMapping, source: str = "50090NED") -> pd.DataFrame:
    """Long-form values (indicator_id, area_code, year, value) from a 50090NED table."""
    raw = estimates_only(raw)
    periods = _column(raw, YEAR_COLUMNS, "het jaar", source)
    matched = periods.str.extract(PERIOD)[0]
    if matched.isna().any():
        bad = periods[matched.isna()].iloc[0]
        raise ValueError(f"{source}: onbekende periode {bad!r} (verwacht bv. 2020 of 2020JJ00).")
    years = matched
    ages = _column(raw, AGE_COLUMNS, "de leeftijdsgroep", source)
    ages = ages.map(lambda a: mapping.age_groups.get(a, a))
    regions = _column(raw, REGION_COLUMNS, "de gebiedscode", source)
    frames = []
    for variable, per_age in mapping.variables.items():
        if variable not in raw.columns:
            raise ValueError(f"{source}: kolom '{variable}' ontbreekt (zie rivm_mapping.yaml).")
        text = raw[variable].astype(str).str.strip()
        secret = text.isin(SECRET) | raw[variable].isna()
        numbers = pd.to_numeric(text.where(~secret), errors="coerce")
        wrong = numbers.isna() & ~secret
        if wrong.any():
            row = int(wrong.to_numpy().nonzero()[0][0])
            raise ValueError(f"{source}, rij {row + 2}, kolom '{variable}': {text.iloc[row]!r} is geen getal.")
        for age, indicator_id in per_age.items():
            part = pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "area_code": regions,
                    "year": years.astype(int),
                    "value": numbers.astype(float),
                }
            )[ages == age]
            measured = part.groupby("year").value.transform(lambda v: v.notna().any())
            frames.append(part[measured])
    long = pd.concat(frames, ignore_index=True)
    duplicated = long.duplicated(["indicator_id", "area_code", "year"])
    if duplicated.any():
        row = long[duplicated].iloc[0]
        raise ValueError(f"{source}: {row.area_code} {row.year} staat twee keer in het bestand ({row.indicator_id}).")
    return long.sort_values(["indicator_id", "area_code", "year"]).reset_index(drop=True)


def read(path: Path, mapping: RivmMapping | None = None) -> pd.DataFrame:
    """A bundled 50090NED file (CSV, optionally gzipped) as long-form values."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return to_long(raw, mapping or load_mapping(), path.name)


def region_names(path: Path = NATIONAL_FILE) -> pd.DataFrame:
    """Per region code its kind ('Land', 'Gemeente', 'Wijk') and gemeente name, as in a bundled file."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["gwb_code", "soort_regio", "gm_naam"])
    raw = raw.apply(lambda c: c.str.strip())
    return raw.drop_duplicates("gwb_code").rename(columns={"gwb_code": "area_code"}).reset_index(drop=True)
