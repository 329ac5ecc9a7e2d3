"""The sociale-samenhangindex and derived rates on hand-computed examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import cohesion_index as ci
from analysis import derived

SPEC = ci.IndexSpec(
    base_year=2020,
    points_per_sd=10,
    min_weight_share=0.75,
    components=pd.DataFrame(
        {"indicator_id": ["a", "b"], "weight": [2.0, 1.0], "theme_id": ["t1", "t2"], "direction": ["higher", "lower"]}
    ),
)


def _values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value"])


# Base year 2020: a has gemeente 5 and wijken 4 and 6 (sd 1); b has gemeente 10 and wijken 12 and 8 (sd 2).
BASE = [
    ("a", "G", 2020, 5.0), ("a", "W1", 2020, 4.0), ("a", "W2", 2020, 6.0),
    ("b", "G", 2020, 10.0), ("b", "W1", 2020, 12.0), ("b", "W2", 2020, 8.0),
]  # fmt: skip


def test_index_hand_computed() -> None:
    result = ci.compute(_values(BASE), SPEC, "G", ["W1", "W2"])
    scores = result.scores.set_index("area_code")["index"]
    # W1: z_a = (4-5)/1 = -1, z_b = -(12-10)/2 = -1 -> 100 + 10 x (2x-1 + 1x-1)/3 = 90
    assert scores.to_dict() == pytest.approx({"G": 100.0, "W1": 90.0, "W2": 110.0})
    assert result.references.to_dict("list") == {"indicator_id": ["a", "b"], "mean": [5.0, 10.0], "sd": [1.0, 2.0]}


def test_decomposition_sums_exactly_to_the_index() -> None:
    result = ci.compute(_values(BASE), SPEC, "G", ["W1", "W2"])
    w1 = result.contributions[result.contributions.area_code == "W1"].set_index("indicator_id").contribution
    assert w1.to_dict() == pytest.approx({"a": -20 / 3, "b": -10 / 3})
    totals = result.contributions.groupby("area_code").contribution.sum() + ci.BASE
    scores = result.scores.set_index("area_code")["index"]
    assert np.allclose(totals.sort_index(), scores[totals.index].sort_index(), atol=1e-12)


def test_missing_components_below_the_share_give_no_score() -> None:
    values = _values([*BASE, ("a", "W1", 2021, 5.5)])  # b missing: 2 of 3 weight = 0.67 < 0.75
    scores = ci.compute(values, SPEC, "G", ["W1", "W2"]).scores.set_index(["area_code", "year"])
    assert np.isnan(scores.loc[("W1", 2021), "index"])
    assert scores.loc[("W1", 2021), "reason"] == "minder dan 75% van de componenten bekend"
    lenient = ci.IndexSpec(2020, 10, 0.5, SPEC.components)
    scores = ci.compute(values, lenient, "G", ["W1", "W2"]).scores.set_index(["area_code", "year"])
    assert scores.loc[("W1", 2021), "index"] == pytest.approx(105.0)  # re-weighted over what is present


def test_excluded_areas_get_the_reason_and_no_contributions() -> None:
    values = _values([*BASE, ("a", "W3", 2020, 9.0), ("b", "W3", 2020, 1.0)])
    result = ci.compute(values, SPEC, "G", ["W1", "W2"], excluded={"W3": "minder dan 500 inwoners"})
    w3 = result.scores.set_index("area_code").loc["W3"]
    assert np.isnan(w3["index"]) and w3.reason == "minder dan 500 inwoners"
    assert "W3" not in set(result.contributions.area_code)
    # an excluded wijk does not widen the spread either
    assert result.references.sd.tolist() == [1.0, 2.0]


def test_sub_index_per_theme() -> None:
    result = ci.compute(_values(BASE), SPEC.for_theme("t1"), "G", ["W1", "W2"])
    assert result.scores.set_index("area_code")["index"]["W2"] == pytest.approx(110.0)
    with pytest.raises(ValueError, match="no components"):
        SPEC.for_theme("t9")


def test_rank_sensitivity_catalogue_vs_equal_weights() -> None:
    # 2021: W1 z_a = +1, z_b = -1; W2 z_a = 0, z_b = +0.5
    values = _values([*BASE, ("a", "W1", 2021, 6.0), ("b", "W1", 2021, 12.0),
                      ("a", "W2", 2021, 5.0), ("b", "W2", 2021, 9.0)])  # fmt: skip
    table = ci.rank_sensitivity(values, SPEC, "G", ["W1", "W2"], 2021).set_index("area_code")
    # weights 2:1 -> W1 103.3, W2 101.7; equal weights -> W1 100.0, W2 102.5
    assert table["index"].to_dict() == pytest.approx({"W1": 310 / 3, "W2": 305 / 3})
    assert table.index_equal.to_dict() == pytest.approx({"W1": 100.0, "W2": 102.5})
    assert table["rank"].to_dict() == {"W1": 1, "W2": 2}
    assert table.rank_equal.to_dict() == {"W1": 2, "W2": 1}
    assert table.rank_shift.to_dict() == {"W1": -1, "W2": 1}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("a", "W1", 2020, 4.0), ("a", "W2", 2020, 6.0)], "no gemeente value"),
        ([("a", "G", 2020, 5.0), ("a", "W1", 2020, 4.0), ("a", "W2", 2020, 4.0)], "no spread"),
    ],
)
def test_unusable_reference_is_an_error(rows: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ci.compute(_values(rows), SPEC.for_theme("t1"), "G", ["W1", "W2"])


def test_neutral_components_are_refused() -> None:
    neutral = ci.IndexSpec(2020, 10, 0.75, SPEC.components.assign(direction=["neutral", "lower"]))
    with pytest.raises(ValueError, match="direction"):
        ci.compute(_values(BASE), neutral, "G", ["W1", "W2"])


CATALOGUE = pd.DataFrame(
    {"indicator_id": ["activiteiten", "activiteiten_per_1000", "initiatieven_per_1000"],
     "derived_from": [None, "activiteiten", "initiatieven"]}
)  # fmt: skip


def test_derived_rates_per_1000() -> None:
    values = _values([("inwoners", "G", 2024, 3000.0), ("inwoners", "W1", 2024, 2000.0),
                      ("inwoners", "W2", 2024, 1000.0), ("inwoners", "W3", 2024, 0.0),
                      ("activiteiten", "W1", 2023, 10.0), ("activiteiten", "W3", 2023, 1.0)])  # fmt: skip
    initiatives = pd.DataFrame(
        {"wijk_code": ["W1", "W1", "W2"], "start_date": pd.to_datetime(["2023-02-01", "2024-05-01", "2024-06-01"]).date}
    )
    result = derived.derived_values(values, initiatives, CATALOGUE, "G").set_index(
        ["indicator_id", "area_code", "year"]
    )
    assert result.loc[("activiteiten_per_1000", "W1", 2023), "value"] == 5.0
    assert ("activiteiten_per_1000", "W3", 2023) not in result.index  # no inhabitants: no rate
    rates = result.loc["initiatieven_per_1000"].value
    assert rates[("W1", 2023)] == 0.5 and rates[("W2", 2023)] == 0.0  # zero where none started
    assert rates[("G", 2024)] == pytest.approx(2 / 3)
    assert result.loc[("initiatieven_per_1000", "G", 2024), "numerator"] == 2


def test_derived_rates_without_any_source_values() -> None:
    values = _values([("inwoners", "G", 2024, 3000.0)])
    empty_register = pd.DataFrame({"wijk_code": pd.Series(dtype=str), "start_date": pd.Series(dtype=object)})
    result = derived.derived_values(values, empty_register, CATALOGUE, "G")
    assert result.empty


CARRY = ci.IndexSpec(2020, 10, 0.75, SPEC.components.assign(carry_years=[0, 4]))


def test_a_component_with_carry_years_counts_with_its_latest_measurement() -> None:
    # b (the RIVM-like component) is measured in 2020 only, a (yearly) also in 2021 and 2025
    values = _values([*BASE, ("a", "W1", 2021, 5.5), ("a", "W1", 2025, 5.5)])
    result = ci.compute(values, CARRY, "G", ["W1", "W2"])
    scores = result.scores.set_index(["area_code", "year"])
    # 2021: z_a = 0.5, z_b = -(12-10)/2 = -1 carried from 2020 -> 100 + 10 x (2x0.5 + 1x-1)/3 = 100
    assert scores.loc[("W1", 2021), "index"] == pytest.approx(100.0)
    # 2025: b's 2020 measurement is 5 years old, more than carry_years 4 -> only a (2/3 < 0.75): no score
    assert np.isnan(scores.loc[("W1", 2025), "index"])
    parts = result.contributions.set_index(["area_code", "year", "indicator_id"])
    assert parts.loc[("W1", 2021, "b"), "measured_year"] == 2020
    assert parts.loc[("W1", 2021, "a"), "measured_year"] == 2021
    # without carry_years the same data give no 2021 score (as before)
    plain = ci.compute(values, SPEC, "G", ["W1", "W2"]).scores.set_index(["area_code", "year"])
    assert np.isnan(plain.loc[("W1", 2021), "index"])


def test_carry_forward_takes_the_newest_measurement_and_never_a_later_one() -> None:
    components = pd.DataFrame({"indicator_id": ["b"], "carry_years": [5]})
    values = _values([("b", "W1", 2012, 1.0), ("b", "W1", 2016, 2.0), ("b", "W1", 2020, 3.0), ("x", "W1", 2018, 0.0)])
    carried = ci.carried_forward(values, components).set_index(["area_code", "year"])
    # the years are those in which any component was measured: 2012, 2016, 2020 (x is not a component)
    assert carried.value.to_dict() == {("W1", 2012): 1.0, ("W1", 2016): 2.0, ("W1", 2020): 3.0}
    values = _values([("b", "W1", 2016, 2.0), ("b", "W1", 2020, 3.0), ("b", "W2", 2019, 9.0), ("b", "W2", 2022, 7.0)])
    carried = ci.carried_forward(values, components).set_index(["area_code", "year"])
    assert carried.loc[("W1", 2019)].value == 2.0 and carried.loc[("W1", 2022)].measured_year == 2020
    assert ("W2", 2016) not in carried.index  # nothing measured before 2019 in W2
    assert carried.loc[("W2", 2020)].value == 9.0 and carried.loc[("W2", 2022)].value == 7.0


def test_the_method_text_names_the_real_components() -> None:
    components = SPEC.components.assign(carry_years=[0, 5], is_demo=[True, False])
    spec = ci.IndexSpec(2020, 10, 0.75, components)
    labels = pd.Series({"a": "Samenhang", "b": "Ernstig eenzaam"})
    values = _values([*BASE, ("b", "W1", 2016, 1.0), ("a", "W1", 2021, 1.0)])
    assert ci.real_components_note(spec, labels, values) == (
        "Echte cijfers in de index: ernstig eenzaam (modelschatting RIVM, gemeten in 2016 en 2020); in een jaar "
        "zonder meting telt de laatste meting van ten hoogste 5 jaar eerder. Het andere onderdeel is demo."
    )
    assert (
        ci.real_components_note(ci.IndexSpec(2020, 10, 0.75, components.assign(is_demo=True)), labels, values) is None
    )
