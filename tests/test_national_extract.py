"""The national extracts are made reproducibly and keep only what the mapping names."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

from data import national_extract, rivm

MAPPING = rivm.RivmMapping({"20300": "18+", "80200": "65+"}, {"Eenzaam_28": {"18+": "eenzaam"}})


def test_rivm_extract_keeps_the_mapped_variables_and_age_groups(tmp_path: Path) -> None:
    source = tmp_path / "nl.csv.gz"
    frame = pd.DataFrame(
        {
            "jaar": ["2020", "2020", "2012"],
            "leeftijdsgroep": ["18+", "65+", "18+"],
            "leeftijd_code": ["20300", "80200", "20300"],
            "marges": ["MW00000"] * 3,
            "perioden": ["2020JJ00", "2020JJ00", "2012JJ00"],
            "gm_naam": ["Oosterhout"] * 3,
            "soort_regio": ["Wijk"] * 3,
            "gwb_code": ["WK082613"] * 3,
            "Eenzaam_28": ["39.1", "45.5", ""],
            "Roker_11": ["1", "2", "3"],
        }
    )
    source.write_bytes(gzip.compress(frame.to_csv(index=False).encode()))
    kept = national_extract.extract_rivm(source, MAPPING)
    assert "Roker_11" not in kept.columns and "marges" not in kept.columns
    assert kept.leeftijdsgroep.tolist() == ["18+", "18+"]  # 65+ is not mapped for Eenzaam_28
    assert kept.jaar.tolist() == ["2012", "2020"] and kept.Eenzaam_28.tolist() == ["", "39.1"]  # as in the source


def test_gzip_output_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    one, two = tmp_path / "a.gz", tmp_path / "b.gz"
    national_extract._write_gzip(one, "x,y\n1,2\n")
    national_extract._write_gzip(two, "x,y\n1,2\n")
    assert one.read_bytes() == two.read_bytes()
    assert gzip.decompress(one.read_bytes()) == b"x,y\n1,2\n"


def test_geometry_extract_simplifies_and_keeps_code_and_name(tmp_path: Path) -> None:
    # a square with many vertices on its edges: simplification keeps the corners
    edge = [(4 + i / 1000, 51) for i in range(0, 11)]
    ring = [*edge, (4.01, 51.01), (4, 51.01), (4, 51)]
    features = [
        {
            "type": "Feature",
            "properties": {"statcode": "WK082613", "name": "Dorst", "FID": "x"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
    ]
    source = tmp_path / "wijk.geojson.gz"
    source.write_bytes(gzip.compress(json.dumps({"type": "FeatureCollection", "features": features}).encode()))
    result = national_extract.extract_geometry(source)
    feature = result["features"][0]
    assert feature["properties"] == {"statcode": "WK082613", "name": "Dorst"}
    assert len(feature["geometry"]["coordinates"][0]) == 5  # four corners, closed
