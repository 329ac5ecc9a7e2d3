"""RIVM 50090NED tables as long-form values: both shapes, secret values, unmeasured years, errors."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data import rivm
from data.catalogue import load_settings

MAPPING = rivm.RivmMapping(
    age_groups={"20300": "18+", "80200": "65+"},
    variables={"Eenzaam_28": {"18+": "eenzaam", "65+": "eenzaam_65"}, "Vrijwilligerswerk_33": {"18+": "vrijw"}},
)


def test_a_statline_download_is_read() -> None:
    raw = pd.DataFrame(
        {
            "WijkenEnBuurten": ["WK082613  ", "BU08261300", "WK082613  ", "WK082613  "],
            "Perioden": ["2020JJ00", "2020JJ00", "2012JJ00", "2020JJ00"],
            "Leeftijd": ["20300", "20300", "20300", "80200"],
            "Eenzaam_28": ["39.1", "     .", "36.0", "45.5"],
            "Vrijwilligerswerk_33": ["28.5", "30.0", ".", "."],
        }
    )
    long = rivm.to_long(raw, MAPPING).set_index(["indicator_id", "area_code", "year"]).value
    assert long[("eenzaam", "WK082613", 2020)] == 39.1
    assert math.isnan(long[("eenzaam", "BU08261300", 2020)])  # secret: kept as empty, not dropped, not 0
    assert long[("eenzaam_65", "WK082613", 2020)] == 45.5
    assert long[("vrijw", "WK082613", 2020)] == 28.5
    assert ("vrijw", "WK082613", 2012) not in long.index  # not measured in 2012 at all: no row
    assert ("vrijw", "WK082613", 2020) in long.index and ("eenzaam_65", "BU08261300", 2020) not in long.index


def test_the_bundled_file_gives_the_published_figures() -> None:
    long = rivm.read(load_settings().sources.rivm).set_index(["indicator_id", "area_code", "year"]).value
    assert long[("eenzaam_pct", "WK082613", 2020)] == 7.9
    assert long[("eenzaam_totaal_pct", "GM0826", 2020)] == 45.5
    assert long[("vrijwilligers_pct", "GM0826", 2020)] == 22.4
    assert long[("eenzaam_pct", "NL01", 2020)] == 11.2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Eenzaam_28": ["veel"]}, r"rij 2, kolom 'Eenzaam_28': 'veel' is geen getal"),
        ({"Perioden": ["2020"], "jaar": ["20x0"]}, "onbekende periode '20x0'"),
        ({"Vrijwilligerswerk_33": None}, "kolom 'Vrijwilligerswerk_33' ontbreekt"),
    ],
)
def test_errors_name_row_and_column(change: dict, message: str) -> None:
    raw = pd.DataFrame(
        {
            "WijkenEnBuurten": ["WK082613"],
            "Perioden": ["2020JJ00"],
            "Leeftijd": ["20300"],
            "Eenzaam_28": ["39.1"],
            "Vrijwilligerswerk_33": ["28.5"],
        }
    )
    for column, value in change.items():
        if value is None:
            raw = raw.drop(columns=column)
        else:
            raw[column] = value
    if "jaar" in raw:
        raw = raw.drop(columns="Perioden")
    with pytest.raises(ValueError, match=message):
        rivm.to_long(raw, MAPPING, "bestand.csv")


def test_a_region_twice_is_refused() -> None:
    raw = pd.DataFrame(
        {"gwb_code": ["WK082613", "WK082613"], "jaar": ["2020", "2020"], "leeftijdsgroep": ["18+", "18+"]}
    ).assign(Eenzaam_28=["1", "2"], Vrijwilligerswerk_33=["3", "4"])
    with pytest.raises(ValueError, match="WK082613 2020 staat twee keer"):
        rivm.to_long(raw, MAPPING)
