"""Read the bundled real CBS sources in ``data/raw/`` into store-shaped DataFrames.

Geometry work happens in geopandas/shapely: metric areas in EPSG:28992 (RD New), storage in
EPSG:4326 (lon/lat, what plotly's maps expect) as WKB.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd

RAW_DIR = Path(__file__).with_name("raw")
WIJKEN_FILE = RAW_DIR / "cbs-geometry" / "oosterhout_wijken_2022_from_buurten.geojson"
BUURTEN_FILE = RAW_DIR / "cbs-geometry" / "oosterhout_buurten_2022.geojson"
KWB_FILE = RAW_DIR / "cbs-kwb-2024-wijk" / "oosterhout_kwb2024_gemeente_wijken.csv"
KWB_YEAR = 2024
GEOMETRY_SOURCE = "CBS Wijk- en Buurtkaart 2022 (gegeneraliseerd); wijken samengevoegd uit de buurten"

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


def read_areas(
    gemeente_code: str, gemeente_naam: str, kerkdorpen: tuple[str, ...], boundary_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The area hierarchy (gemeente, wijken, buurten) and their boundaries.

    Returns ``(areas, boundaries)`` shaped like the store's ``area`` and ``area_boundary`` tables.
    """
    wijken = gpd.read_file(WIJKEN_FILE)
    buurten = gpd.read_file(BUURTEN_FILE)
    for frame, path in ((wijken, WIJKEN_FILE), (buurten, BUURTEN_FILE)):
        if frame.crs is None or frame.crs.to_epsg() != 4326:
            raise ValueError(f"{path.name}: expected EPSG:4326, got {frame.crs}")
        wrong = frame[frame["gemeentecode"] != gemeente_code]
        if not wrong.empty:
            raise ValueError(f"{path.name}: features of another gemeente: {list(wrong.gemeentecode.unique())}")

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
    areas["is_kerkdorp"] = areas.area_code.isin(kerkdorpen)

    shapes = gpd.GeoDataFrame(
        {"area_code": [gemeente_code, *wijken.wijkcode, *buurten.buurtcode]},
        geometry=[gemeente_geom, *wijken.geometry, *buurten.geometry],
        crs="EPSG:4326",
    )
    boundaries = pd.DataFrame(
        {
            "area_code": shapes.area_code,
            "boundary_year": boundary_year,
            "geometry_wkb": shapes.geometry.to_wkb(),
            "area_ha": (shapes.to_crs(28992).geometry.area / 10_000).round(1),
            "source": GEOMETRY_SOURCE,
        }
    )
    return areas, boundaries


def read_kwb(path: Path = KWB_FILE, year: int = KWB_YEAR) -> pd.DataFrame:
    """KWB figures as long-form indicator values (indicator_id, area_code, year, value)."""
    raw = pd.read_csv(path, dtype={"regiocode": str})
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
