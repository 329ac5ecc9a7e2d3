"""Make the compact national extracts in ``data/raw/nl-context/`` from the full source files.

Run once when a source changes (the build reads only the extracts):

    python -m data.national_extract --bron ../shared/data/raw

- ``nl_rivm50090_extract.csv.gz``: from
  ``rivm-gezondheid-wijk-buurt/nl_rivm50090_gemeenten_wijken_2012_2016_2020.csv.gz`` only the variables and
  age groups named in ``data/catalogue/rivm_mapping.yaml`` (rows of other age groups dropped, columns of
  other variables dropped), for Nederland, every gemeente and every wijk; values as in the source.
- ``nl_wijken_2024_simplified.geojson.gz``: from ``cbs-geometry/nl_wijken_2024_generalised.geojson.gz`` the
  3,393 wijken with only ``statcode`` and ``name``, simplified with shapely (tolerance
  :data:`SIMPLIFY_DEGREES`, topology preserved, invalid results repaired); the remaining vertices are
  source vertices (3 decimals). Fit for a small map of the Netherlands, not for measuring areas.

Both files are written byte-for-byte reproducibly (sorted rows, gzip without a time stamp).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from data import rivm

OUT_DIR = Path(__file__).with_name("raw") / "nl-context"
RIVM_EXTRACT = OUT_DIR / "nl_rivm50090_extract.csv.gz"
GEOMETRY_EXTRACT = OUT_DIR / "nl_wijken_2024_simplified.geojson.gz"
RIVM_SOURCE = Path("rivm-gezondheid-wijk-buurt") / "nl_rivm50090_gemeenten_wijken_2012_2016_2020.csv.gz"
GEOMETRY_SOURCE = Path("cbs-geometry") / "nl_wijken_2024_generalised.geojson.gz"
SIMPLIFY_DEGREES = 0.002  # about 140 m east-west, 220 m north-south
ID_COLUMNS = ["jaar", "leeftijdsgroep", "leeftijd_code", "perioden", "gm_naam", "soort_regio", "gwb_code"]


def _write_gzip(path: Path, text: str) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as fh:
        fh.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def extract_rivm(source: Path, mapping: rivm.RivmMapping) -> pd.DataFrame:
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    ages = {label for per_age in mapping.variables.values() for label in per_age}
    missing = (set(ID_COLUMNS) | set(mapping.variables)) - set(raw.columns)
    if missing:
        raise ValueError(f"{source.name}: kolommen ontbreken: {sorted(missing)}")
    kept = raw[raw.leeftijdsgroep.str.strip().isin(ages)][ID_COLUMNS + list(mapping.variables)]
    return kept.sort_values(["jaar", "leeftijd_code", "soort_regio", "gwb_code"]).reset_index(drop=True)


def extract_geometry(source: Path) -> dict:
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")[["statcode", "name", "geometry"]]
    simplified = frame.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    simplified = shapely.make_valid(simplified.values)  # vertices stay source vertices (3 decimals)
    frame = frame.set_geometry(gpd.GeoSeries(simplified, crs="EPSG:4326")).sort_values("statcode")
    if frame.geometry.is_empty.any():
        raise ValueError(f"{source.name}: lege geometrie na vereenvoudigen: {list(frame[frame.is_empty].statcode)}")
    return json.loads(frame.to_json(drop_id=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bron", type=Path, required=True, help="map met de volledige bronbestanden")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    rivm_frame = extract_rivm(args.bron / RIVM_SOURCE, rivm.load_mapping())
    _write_gzip(RIVM_EXTRACT, rivm_frame.to_csv(index=False, lineterminator="\n"))
    geometry = extract_geometry(args.bron / GEOMETRY_SOURCE)
    _write_gzip(GEOMETRY_EXTRACT, json.dumps(geometry, ensure_ascii=False, separators=(",", ":")))
    for path in (RIVM_EXTRACT, GEOMETRY_EXTRACT):
        print(f"{path.relative_to(OUT_DIR.parent.parent.parent)}: {path.stat().st_size / 1e3:,.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
