"""A wijk's position among all NL wijken and its vergelijkbare wijken, on hand-computed cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import lookalike, national
from data.catalogue import load_catalogue, load_lookalike_spec
from data.store import Store


def test_position_hand_computed() -> None:
    values = pd.Series({"W1": 1.0, "W2": 2.0, "W3": 2.0, "W4": 4.0, "W5": None})
    top = national.position(values, "W4")
    # 4 values (W5 has none); W4 is the highest: percentile (3 + 1/2) / 4 = 87.5; the top 25%
    assert (top.n, top.n_lower, top.n_equal, top.n_higher) == (4, 3, 0, 0)
    assert top.percentile == pytest.approx(87.5)
    assert top.share_at_or_above == pytest.approx(25.0) and top.share_at_or_below == pytest.approx(100.0)
    tied = national.position(values, "W2")
    # one lower (W1), one equal (W3), one higher (W4): (1 + 2/2) / 4 = 50; at or above: (1 + 1 + 1) / 4
    assert (tied.n_lower, tied.n_equal, tied.n_higher) == (1, 1, 1)
    assert tied.percentile == pytest.approx(50.0) and tied.share_at_or_above == pytest.approx(75.0)
    assert national.position(values, "W5") is None
    assert national.position(values, "W9") is None


def test_level_values_and_nederland() -> None:
    areas = pd.DataFrame({"area_code": ["NL01", "GM0001", "WK000101", "WK000102"]}).assign(
        level=["land", "gemeente", "wijk", "wijk"]
    )
    values = pd.DataFrame(
        {
            "indicator_id": ["x"] * 5 + ["y"],
            "area_code": ["NL01", "GM0001", "WK000101", "WK000102", "WK000101", "WK000101"],
            "year": [2020, 2020, 2020, 2020, 2016, 2020],
            "value": [5.0, 6.0, 7.0, 8.0, 1.0, 9.0],
        }
    )
    assert national.level_values(values, areas, "x", 2020).to_dict() == {"WK000101": 7.0, "WK000102": 8.0}
    assert national.national_position(values, areas, "x", 2020, "WK000101").n_higher == 1
    assert national.nederland(values).value.tolist() == [5.0]


NEDERLAND_ROWS = pd.DataFrame(
    {
        "indicator_id": ["x", "x", "x", "y", "z"],
        "area_code": "NL01",
        "year": [2012, 2016, 2020, 2020, 2020],
        "value": [10.0, 11.0, 12.0, None, 3.0],
    }
)


def test_nederland_value_of_one_indicator_and_year() -> None:
    assert national.nederland_value(NEDERLAND_ROWS, "x", 2016) == 11.0
    assert national.nederland_value(NEDERLAND_ROWS, "x", 2024) is None  # no national figure that year
    assert national.nederland_value(NEDERLAND_ROWS, "y", 2020) is None  # secret at the source


def test_with_nederland_adds_the_national_line_within_each_series_years() -> None:
    series = pd.DataFrame(
        {
            "indicator_id": ["x", "x", "x", "w"],
            "area_code": ["GM0001", "GM0001", "WK000101", "GM0001"],
            "year": [2016, 2020, 2020, 2020],
            "value": [1.0, 2.0, 3.0, 4.0],
        }
    )
    combined = national.with_nederland(series, NEDERLAND_ROWS)
    added = combined[combined.area_code == "NL01"]
    # x from 2016 on (2012 lies before the series), no y (not in the series), no w (no national figure)
    assert added[["indicator_id", "year", "value"]].values.tolist() == [["x", 2016, 11.0], ["x", 2020, 12.0]]
    assert len(combined) == len(series) + 2
    assert national.with_nederland(series.iloc[:0], NEDERLAND_ROWS).empty


# Five wijken in two gemeenten; structure on two variables with weights 1 and 3.
SPEC = lookalike.LookalikeSpec(
    variables=(
        lookalike.Variable("dichtheid", "Dichtheid", "dens", 2024, weight=1.0, log=True),
        lookalike.Variable("ppw", "Inwoners per woning", "inw", 2024, weight=3.0, per="won"),
    ),
    count=2,
    min_inwoners=100,
    population_indicator="inw",
)


def _nl(rows: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    frames = []
    for code, (dens, inw, won) in rows.items():
        for indicator, value in (("dens", dens), ("inw", inw), ("won", won)):
            frames.append({"indicator_id": indicator, "area_code": code, "year": 2024, "value": value})
    return pd.DataFrame(frames)


STRUCTURE = {
    "WK000101": (math.e**1, 200.0, 100.0),  # log dens 1, 2.0 per woning: the wijk
    "WK000102": (math.e**1, 300.0, 100.0),  # same gemeente: excluded
    "WK000201": (math.e**1, 250.0, 100.0),  # log 1, 2.5
    "WK000202": (math.e**3, 200.0, 100.0),  # log 3, 2.0
    "WK000203": (math.e**2, 50.0, 25.0),  # too few inhabitants (50 < 100)
    "WK000204": (math.e**1, 100.0, 0.0),  # no dwellings: inwoners per woning unknown
}


def test_structure_applies_log_and_ratio() -> None:
    table = lookalike.structure(_nl(STRUCTURE), list(STRUCTURE), SPEC)
    assert table.loc["WK000201"].to_dict() == pytest.approx({"dichtheid": 1.0, "ppw": 2.5, "_inwoners": 250.0})
    assert math.isnan(table.at["WK000204", "ppw"])


def test_lookalikes_hand_computed() -> None:
    table = lookalike.structure(_nl(STRUCTURE), list(STRUCTURE), SPEC)
    found = lookalike.find(table, "WK000101", SPEC)
    # pool = the wijk + candidates WK000201, WK000202 (WK000102 own gemeente, 203 too small, 204 unknown)
    # dichtheid 1, 1, 3: mean 5/3, sd sqrt(8/9); ppw 2, 2.5, 2: mean 13/6, sd sqrt(1/18)
    # WK000201: dz_dens = 0, dz_ppw = 0.5 / sqrt(1/18) = 2.1213 -> d = sqrt(3 x 4.5 / 4) = 1.8371
    # WK000202: dz_dens = 2 / sqrt(8/9) = 2.1213, dz_ppw = 0 -> d = sqrt(4.5 / 4) = 1.0607
    assert found.area_code.tolist() == ["WK000202", "WK000201"]
    assert found["rank"].tolist() == [1, 2]
    assert found.distance.tolist() == pytest.approx([math.sqrt(4.5 / 4), math.sqrt(13.5 / 4)])
    with_own = lookalike.LookalikeSpec(SPEC.variables, 5, 100, exclude_own_gemeente=False, population_indicator="inw")
    assert "WK000102" in set(lookalike.find(table, "WK000101", with_own).area_code)
    with pytest.raises(ValueError, match="WK000204: structuurgegevens ontbreken \\(ppw\\)"):
        lookalike.find(table, "WK000204", SPEC)


def test_compare_with_lookalikes_counts_median_and_range() -> None:
    values = pd.Series({"W0": 8.0, "A": 9.0, "B": 10.0, "C": 8.0, "D": 7.0, "E": None})
    result = lookalike.compare(values, "W0", ["A", "B", "C", "D", "E"], "eenzaam", "lower", SPEC)
    # E has no value: 4 look-alikes; 2 higher (worse for them: the wijk has less loneliness than 2 of 4)
    assert (result.n, result.n_lower, result.n_equal, result.n_higher) == (4, 1, 1, 2)
    assert (result.n_better, result.n_worse) == (2, 1)
    assert (result.median, result.minimum, result.maximum) == (8.5, 7.0, 10.0)
    higher = lookalike.compare(values, "W0", ["A", "B", "C", "D"], "vrijwilligers", "higher", SPEC)
    assert (higher.n_better, higher.n_worse) == (1, 2)
    neutral = lookalike.compare(values, "W0", ["A"], "x", "neutral", SPEC)
    assert neutral.n_better is None and neutral.n_higher == 1


def test_never_compared_on_a_matching_variable() -> None:
    values = pd.Series({"W0": 1.0, "A": 2.0})
    for outcome in ("dens", "won"):
        with pytest.raises(ValueError, match="kenmerken waarop de vergelijkbare wijken zijn gekozen"):
            lookalike.compare(values, "W0", ["A"], outcome, "lower", SPEC)


def test_shipped_lookalike_spec_matches_on_structure_only() -> None:
    indicators = load_catalogue().indicators
    spec = load_lookalike_spec(indicators)
    assert spec.count == 10
    assert [v.name for v in spec.variables] == [
        "bevolkingsdichtheid",
        "inwoners_per_woning",
        "omvang",
        "moeite_rondkomen",
    ]
    themes = indicators.set_index("indicator_id").theme_id
    # no cohesion or participation outcome is used to choose the look-alikes
    assert not {themes[i] for i in spec.indicators} & {"samenhang", "participatie"}


def test_dorst_against_the_country_and_its_lookalikes(store: Store) -> None:
    """On the bundled national data: ten look-alikes outside Oosterhout, none of them an outcome match."""
    nl_values, nl_areas = store.table("nl_value"), store.table("nl_area")
    spec = load_lookalike_spec(store.table("indicator"))
    table = lookalike.structure(nl_values, nl_areas[nl_areas.level == "wijk"].area_code, spec)
    found = lookalike.find(table, "WK082613", spec)
    assert len(found) == 10 and not found.area_code.str.startswith("WK0826").any()
    assert found.distance.is_monotonic_increasing
    eenzaam = national.level_values(nl_values, nl_areas, "eenzaam_pct", 2020)
    result = lookalike.compare(eenzaam, "WK082613", list(found.area_code), "eenzaam_pct", "lower", spec)
    assert result.value == pytest.approx(7.9) and result.n == 10
    assert result.n_lower + result.n_equal + result.n_higher == 10
    assert result.minimum <= result.median <= result.maximum
    position = national.national_position(nl_values, nl_areas, "eenzaam_pct", 2020, "WK082613")
    assert position.n == eenzaam.notna().sum() and 0 < position.percentile < 100


def test_comparisons_for_every_wijk_skip_matching_outcomes(store: Store) -> None:
    nl_values, nl_areas = store.table("nl_value"), store.table("nl_area")
    spec = load_lookalike_spec(store.table("indicator"))
    outcomes = pd.DataFrame(
        {
            "indicator_id": ["eenzaam_pct", "vrijwilligers_pct", "moeite_rondkomen_pct"],
            "direction": ["lower", "higher", "lower"],
        }
    )
    wijken = ["WK082600", "WK082613", "WK082699"]  # the last one does not exist: left out
    found, results = lookalike.comparisons(nl_values, nl_areas, wijken, outcomes, 2020, spec)
    assert set(found.wijk_code) == {"WK082600", "WK082613"} and len(found) == 20
    assert found.name.notna().all()
    assert set(results.indicator_id) == {"eenzaam_pct", "vrijwilligers_pct"}  # rondkomen is a matching variable
    dorst = results.set_index(["wijk_code", "indicator_id"]).loc[("WK082613", "vrijwilligers_pct")]
    assert dorst.value == pytest.approx(28.5) and dorst.n_better + dorst.n_worse + dorst.n_equal == dorst.n
