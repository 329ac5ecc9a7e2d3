"""Comparing wijken: heat-table classes, two years, series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import compare, suppression

AREAS = pd.DataFrame(
    {
        "area_code": ["G", "W1", "W2", "W3"],
        "level": ["gemeente", "wijk", "wijk", "wijk"],
        "name": ["Gemeente", "Een", "Twee", "Drie"],
        "is_kerkdorp": [False, False, False, True],
    }
)
CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["inwoners", "score", "dichtheid"],
        "direction": ["neutral", "higher", "neutral"],
        "is_count": [True, False, False],
        "is_additive": [True, False, False],
        "per_capita": [False, True, False],
        "decimals": [0, 1, 0],
    }
)
VALUES = pd.DataFrame(
    [("inwoners", a, 2024, p) for a, p in (("G", 9000.0), ("W1", 4000.0), ("W2", 4000.0), ("W3", 1000.0))]
    + [
        ("score", "G", 2020, 6.0),
        ("score", "W1", 2020, 5.0),
        ("score", "W2", 2020, 7.0),
        ("score", "W3", 2020, 6.0),
        ("score", "G", 2025, 6.0),
        ("score", "W1", 2025, 6.0),
        ("score", "W2", 2025, 8.0),
        ("score", "W3", 2025, 4.0),
        ("dichtheid", "G", 2024, 800.0),
        ("dichtheid", "W1", 2024, 900.0),
        ("dichtheid", "W2", 2024, 700.0),
        ("dichtheid", "W3", 2024, 800.0),
    ],
    columns=["indicator_id", "area_code", "year", "value"],
)
RULES = suppression.Rules()


def test_heat_table_classes_use_all_wijken() -> None:
    heat = compare.heat_table(VALUES, CATALOGUE, AREAS, ["W1", "W2"], ["score", "dichtheid"], None, "G", RULES)
    score = heat[heat.indicator_id == "score"].set_index("area_code")
    # 2025: values 6, 8, 4 around gemeente 6; sd over all three wijken = 1.633 -> W2 +1.22 SD
    assert score.year.tolist() == [2025, 2025]
    assert score.symbol.to_dict() == {"W1": "●", "W2": "▲▲"}
    density = heat[heat.indicator_id == "dichtheid"].set_index("area_code")
    assert density.symbol.to_dict() == {"W1": "↑↑", "W2": "↓↓"}  # neutral: arrows, not good/bad


def test_heat_table_takes_the_chosen_year_when_it_has_data() -> None:
    heat = compare.heat_table(VALUES, CATALOGUE, AREAS, ["W1"], ["score", "dichtheid"], 2020, "G", RULES)
    assert heat.set_index("indicator_id").year.to_dict() == {"score": 2020, "dichtheid": 2024}


def test_two_years() -> None:
    two = compare.two_years(VALUES, CATALOGUE, ["W1", "W2", "W3"], ["score"], 2020, 2025, RULES).set_index("area_code")
    assert two.change.to_dict() == {"W1": 1.0, "W2": 1.0, "W3": -2.0}
    assert two.improved.to_dict() == {"W1": True, "W2": True, "W3": False}


def test_two_years_missing_and_neutral() -> None:
    two = compare.two_years(VALUES, CATALOGUE, ["W1"], ["dichtheid"], 2020, 2024, RULES)
    assert np.isnan(two["first"].iloc[0]) and two.improved.iloc[0] is None


def test_series_leaves_out_counts() -> None:
    series = compare.series(VALUES, CATALOGUE, ["W1", "G"], ["score", "inwoners"], RULES)
    assert set(series.indicator_id) == {"score"}
    assert len(series) == 4
