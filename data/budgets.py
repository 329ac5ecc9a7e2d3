"""Read and check a gemeente's ``sociaal_domein.yaml`` (data/gemeenten/<code>/): the buurtinitiatieven budget
per year and the policy's claim about spending growth. Errors name the file and the entry, in Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from data.catalogue import CatalogueError, gemeente_dir

FILE = "sociaal_domein.yaml"


@dataclass(frozen=True)
class Budget:
    amounts: dict[int, float]  # year -> euro
    source: str
    is_demo: bool


@dataclass(frozen=True)
class GrowthClaim:
    start: int
    end: int
    pct: float
    source: str


@dataclass(frozen=True)
class SocialDomainFigures:
    initiatives_budget: Budget
    growth_claim: GrowthClaim


def load_social_domain_figures(directory: Path | None = None) -> SocialDomainFigures:
    """The budget for buurtinitiatieven and the policy's growth claim, checked (default: the default gemeente's)."""
    directory = directory or gemeente_dir()
    path = directory / FILE
    try:
        with path.open(encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise CatalogueError(f"{FILE} ontbreekt in {directory}.") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{FILE}: geen geldige YAML ({exc}).") from exc
    if not isinstance(raw, dict):
        raise CatalogueError(f"{FILE}: verwacht de onderdelen buurtinitiatieven_budget en beleid_uitgavengroei.")
    return SocialDomainFigures(_budget(raw.get("buurtinitiatieven_budget")), _claim(raw.get("beleid_uitgavengroei")))


def _budget(entry: object) -> Budget:
    where = f"{FILE}, buurtinitiatieven_budget"
    if not isinstance(entry, dict) or not isinstance(entry.get("bedragen"), dict):
        raise CatalogueError(f"{where}: verwacht 'bedragen' met per jaar een bedrag in euro.")
    if not isinstance(entry.get("demo"), bool):
        raise CatalogueError(f"{where}: veld 'demo' moet true of false zijn.")
    if not isinstance(entry.get("bron"), str) or not entry["bron"].strip():
        raise CatalogueError(f"{where}: veld 'bron' ontbreekt.")
    amounts = {}
    for year, amount in entry["bedragen"].items():
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise CatalogueError(f"{where}: {year!r} is geen jaartal.")
        if not isinstance(amount, int | float) or isinstance(amount, bool) or amount < 0:
            raise CatalogueError(f"{where}, {year}: het bedrag {amount!r} is geen bedrag van 0 of meer.")
        amounts[year] = float(amount)
    return Budget(dict(sorted(amounts.items())), entry["bron"], entry["demo"])


def _claim(entry: object) -> GrowthClaim:
    where = f"{FILE}, beleid_uitgavengroei"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: verwacht van, tot, procent en bron.")
    for name in ("van", "tot"):
        if not isinstance(entry.get(name), int) or isinstance(entry.get(name), bool):
            raise CatalogueError(f"{where}: veld '{name}' moet een jaartal zijn.")
    if entry["van"] >= entry["tot"]:
        raise CatalogueError(f"{where}: 'van' moet voor 'tot' liggen.")
    if not isinstance(entry.get("procent"), int | float) or isinstance(entry.get("procent"), bool):
        raise CatalogueError(f"{where}: veld 'procent' moet een getal zijn.")
    if not isinstance(entry.get("bron"), str):
        raise CatalogueError(f"{where}: veld 'bron' ontbreekt.")
    return GrowthClaim(entry["van"], entry["tot"], float(entry["procent"]), entry["bron"])
