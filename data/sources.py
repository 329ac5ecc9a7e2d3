"""Read the bundled real CBS sources in ``data/raw/`` into store-shaped DataFrames.

Geometry work happens in geopandas/shapely: metric areas in EPSG:28992 (RD New), storage in
EPSG:4326 (lon/lat, what plotly's maps expect) as WKB.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.catalogue import Settings

RAW_DIR = Path(__file__).with_name("raw")
KWB_YEAR = 2024

# KWB column -> catalogue indicator id
KWB_INDICATORS = {
    "aantal_inwoners": "inwoners",
    "woningvoorraad": "woningvoorraad",
    "bevolkingsdichtheid_per_km2": "bevolkingsdichtheid",
    "oppervlakte_land_ha": "oppervlakte_land_ha",
}


def sha256_files(paths: list[Path]) -> str:
    """One hash over the contents of several files, in the given order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def short_name(full_name: str) -> str:
    """'Wijk 13 Dorst' -> 'Dorst' (CBS prefixes wijk names with 'Wijk NN ')."""
    parts = full_name.split(" ", 2)
    if len(parts) == 3 and parts[0] == "Wijk" and parts[1].isdigit():
        return parts[2]
    return full_name


def _read_layer(path: Path) -> gpd.GeoDataFrame:
    """A GeoJSON file (optionally gzipped) as a GeoDataFrame in EPSG:4326."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    frame = gpd.read_file(path)
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ValueError(f"{path.name}: expected EPSG:4326, got {frame.crs}")
    return frame


def _wijken_of(path: Path, gemeente_code: str) -> gpd.GeoDataFrame:
    """The gemeente's wijken (wijkcode, wijknaam, geometry) from its own file (every feature must be of the
    gemeente) or from the national file (CBS ``statcode``/``name``: the gemeente's features are kept)."""
    layer = _read_layer(path)
    if "statcode" in layer.columns:  # the national layer of every wijk
        own = layer[layer.statcode.str.fullmatch(rf"WK{gemeente_code[2:]}[0-9A-Z]{{2}}") & layer.geometry.notna()]
        # generalised at 3 decimals, a few polygons are invalid (Amsterdam): repaired, or they cannot be merged
        wijken = gpd.GeoDataFrame(
            {"wijkcode": own.statcode, "wijknaam": own["name"]},
            geometry=own.geometry.make_valid().values,
            crs=layer.crs,
        )
        if wijken.empty:
            raise ValueError(f"{path.name}: geen wijken van {gemeente_code}")
        return wijken.sort_values("wijkcode").reset_index(drop=True)
    wrong = layer[layer["gemeentecode"] != gemeente_code]
    if not wrong.empty:
        raise ValueError(f"{path.name}: features of another gemeente: {list(wrong.gemeentecode.unique())}")
    return layer


def read_areas(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The area hierarchy (gemeente, wijken and, where the gemeente has a buurt layer, buurten) and their
    boundaries, from the files the gemeente's settings name.

    Returns ``(areas, boundaries)`` shaped like the store's ``area`` and ``area_boundary`` tables.
    """
    gemeente_code, gemeente_naam = settings.gemeente_code, settings.gemeente_naam
    files = settings.sources
    wijken = _wijken_of(files.wijken, gemeente_code)
    if files.buurten is not None:
        buurten = _read_layer(files.buurten)
        wrong = buurten[buurten["gemeentecode"] != gemeente_code]
        if not wrong.empty:
            raise ValueError(f"{files.buurten.name}: features of another gemeente: {list(wrong.gemeentecode.unique())}")
    else:
        buurten = gpd.GeoDataFrame(
            {"buurtcode": [], "buurtnaam": [], "wijkcode": []}, geometry=[], crs="EPSG:4326"
        ).astype({"buurtcode": str, "buurtnaam": str, "wijkcode": str})

    gemeente_geom = wijken.dissolve().geometry.iloc[0]
    areas = pd.concat(
        [
            pd.DataFrame(
                [
                    {
                        "area_code": gemeente_code,
                        "level": "gemeente",
                        "name": gemeente_naam,
                        "full_name": f"Gemeente {gemeente_naam}",
                        "parent_code": None,
                    }
                ]
            ),
            pd.DataFrame(
                {
                    "area_code": wijken.wijkcode,
                    "level": "wijk",
                    "name": wijken.wijknaam.map(short_name),
                    "full_name": wijken.wijknaam,
                    "parent_code": gemeente_code,
                }
            ),
            pd.DataFrame(
                {
                    "area_code": buurten.buurtcode,
                    "level": "buurt",
                    "name": buurten.buurtnaam,
                    "full_name": buurten.buurtnaam,
                    "parent_code": buurten.wijkcode,
                }
            ),
        ],
        ignore_index=True,
    )
    areas["is_kerkdorp"] = areas.area_code.isin(settings.kerkdorpen)

    shapes = gpd.GeoDataFrame(
        {"area_code": [gemeente_code, *wijken.wijkcode, *buurten.buurtcode]},
        geometry=[gemeente_geom, *wijken.geometry, *buurten.geometry],
        crs="EPSG:4326",
    )
    boundaries = pd.DataFrame(
        {
            "area_code": shapes.area_code,
            "boundary_year": settings.boundary_year,
            "geometry_wkb": shapes.geometry.to_wkb(),
            "area_ha": (shapes.to_crs(28992).geometry.area / 10_000).round(1),
            "source": files.boundary_source,
        }
    )
    return areas, boundaries


def read_kwb(path: Path, year: int = KWB_YEAR, gemeente_code: str | None = None) -> pd.DataFrame:
    """KWB figures as long-form indicator values (indicator_id, area_code, year, value); with
    ``gemeente_code`` only the rows of that gemeente and its wijken and buurten."""
    raw = pd.read_csv(path, dtype={"regiocode": str})
    if gemeente_code is not None:
        digits = gemeente_code[2:]
        raw = raw[raw.regiocode.str.fullmatch(rf"(GM{digits}|WK{digits}[0-9A-Z]{{2}}|BU{digits}[0-9A-Z]{{4}})")]
    missing = set(KWB_INDICATORS) - set(raw.columns)
    if missing:
        raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
    long = raw.melt(id_vars="regiocode", value_vars=list(KWB_INDICATORS), var_name="column")
    return pd.DataFrame(
        {
            "indicator_id": long.column.map(KWB_INDICATORS),
            "area_code": long.regiocode,
            "year": year,
            "value": pd.to_numeric(long.value, errors="coerce").astype(float),
        }
    )


NL_KWB_FILE = RAW_DIR / "cbs-kwb-2024-wijk" / "nl_kwb2024_gemeenten_wijken_basic.csv.gz"
NL_GEOMETRY_FILE = RAW_DIR / "nl-context" / "nl_wijken_2024_simplified.geojson.gz"
NEDERLAND = ("NL01", "Nederland")


def read_national_context(rivm_values: pd.DataFrame, rivm_regions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The national tables: ``nl_area`` (Nederland, every gemeente and wijk) and ``nl_value``.

    ``rivm_values`` are the long-form RIVM values of the national extract, ``rivm_regions`` its region
    kinds and gemeente names (:func:`data.rivm.region_names`). The KWB 2024 basics (inhabitants,
    dwellings, density, land area) come from :data:`NL_KWB_FILE`, names and simplified boundaries of the
    2024 wijken from :data:`NL_GEOMETRY_FILE`. RIVM uses the 2020 division, KWB and the boundaries that of
    2024: a code present in only one of them keeps what that source knows (name or geometry may be empty).
    """
    kwb = read_kwb(NL_KWB_FILE)
    shapes = _read_layer(NL_GEOMETRY_FILE)
    kinds = {"Land": "land", "Gemeente": "gemeente", "Wijk": "wijk"}
    unknown_kind = set(rivm_regions.soort_regio) - set(kinds)
    if unknown_kind:
        raise ValueError(f"landelijke RIVM-gegevens: onbekende soort regio {sorted(unknown_kind)}")

    codes = sorted(set(rivm_regions.area_code) | set(kwb.area_code) | set(shapes.statcode))
    gemeente_names = rivm_regions[rivm_regions.soort_regio == "Gemeente"].set_index("area_code").gm_naam.to_dict()
    wijk_gemeente_names = rivm_regions[rivm_regions.soort_regio == "Wijk"].set_index("area_code").gm_naam.to_dict()
    shape_names = dict(zip(shapes.statcode, shapes["name"], strict=True))
    rows = []
    for code in codes:
        if code == NEDERLAND[0]:
            rows.append({"area_code": code, "level": "land", "name": NEDERLAND[1], "gemeente_code": None})
            continue
        if code.startswith("GM"):
            rows.append(
                {"area_code": code, "level": "gemeente", "name": gemeente_names.get(code), "gemeente_code": code}
            )
            continue
        if not code.startswith("WK"):
            raise ValueError(f"landelijke gegevens: onverwachte gebiedscode {code!r}")
        gemeente = "GM" + code[2:6]
        rows.append(
            {
                "area_code": code,
                "level": "wijk",
                "name": shape_names.get(code),
                "gemeente_code": gemeente,
                "gemeente_name": wijk_gemeente_names.get(code, gemeente_names.get(gemeente)),
            }
        )
    areas = pd.DataFrame(rows, columns=["area_code", "level", "name", "gemeente_code", "gemeente_name"])
    gemeente_rows = areas.level == "gemeente"
    areas.loc[gemeente_rows, "gemeente_name"] = areas.loc[gemeente_rows, "name"]
    wkb = pd.Series(shapes.geometry.to_wkb().values, index=shapes.statcode)
    areas["geometry_wkb"] = areas.area_code.map(wkb)
    areas = areas.astype({"name": "object", "gemeente_code": "object", "gemeente_name": "object"})
    areas = areas.where(areas.notna(), None)

    values = pd.concat([rivm_values, kwb], ignore_index=True)[["indicator_id", "area_code", "year", "value"]]
    twice = values[values.duplicated(["indicator_id", "area_code", "year"])]
    if not twice.empty:
        row = twice.iloc[0]
        raise ValueError(f"landelijke gegevens: {row.indicator_id} {row.area_code} {row.year} komt twee keer voor")
    return areas, values.sort_values(["indicator_id", "area_code", "year"]).reset_index(drop=True)
