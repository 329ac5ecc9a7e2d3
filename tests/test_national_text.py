"""Sentences on a wijk among all NL wijken and against its vergelijkbare wijken (analysis.national_text)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import lookalike, national
from analysis.national_text import lookalike_sentence, position_detail, position_sentence, rounded_share
from data.catalogue import load_lookalike_spec
from data.store import Store


def _comparison(value: float | None, others: list[float], direction: str = "lower") -> lookalike.Comparison:
    spec = lookalike.LookalikeSpec(variables=())
    values = pd.Series({"W0": value, **{f"L{i}": v for i, v in enumerate(others)}})
    return lookalike.compare(values, "W0", [f"L{i}" for i in range(len(others))], "x", direction, spec)


@pytest.mark.parametrize(
    ("share", "expected"), [(17.3, 20), (20.0, 20), (0.03, 5), (45.2, 50), (99.9, 100), (20.0000001, 20)]
)
def test_shares_round_up_to_multiples_of_five(share: float, expected: int) -> None:
    assert rounded_share(share) == expected


def test_position_sentence_names_the_smaller_side_with_direction() -> None:
    values = pd.Series({f"W{i}": float(i) for i in range(1, 11)})  # W1 lowest … W10 highest
    low = national.position(values, "W2")  # at or below: 2 of 10
    assert position_sentence("Ernstig eenzaam", "Dorst", "%", "lower", low) == (
        "Ernstig eenzaam: Dorst hoort bij de 20% wijken van Nederland met het laagste percentage (de gunstige kant)."
    )
    assert position_sentence("Doet vrijwilligerswerk", "Dorst", "%", "higher", low).endswith(
        "met het laagste percentage (de ongunstige kant)."
    )
    high = national.position(values, "W9")  # at or above: 2 of 10
    assert "de 20% wijken van Nederland met het hoogste percentage (de gunstige kant)" in position_sentence(
        "Doet vrijwilligerswerk", "Dorst", "%", "higher", high
    )
    neutral = position_sentence("Dichtheid", "Dorst", "per km²", "neutral", high)
    assert neutral == "Dichtheid: Dorst hoort bij de 20% wijken van Nederland met de hoogste waarde."


def test_position_sentence_in_the_middle_when_ties_fill_both_halves() -> None:
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 2.0, "D": 2.0, "E": 3.0})  # C: at or below 80%, above 80%
    middle = national.position(values, "C")
    text = position_sentence("Eenzaam", "Dorst", "%", "lower", middle)
    assert text == (
        "Eenzaam: Dorst zit in het midden van de wijken van Nederland; ongeveer evenveel wijken hebben een hoger "
        "als een lager percentage."
    )


def test_position_detail_counts() -> None:
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 2.0, "D": 4.0})
    text = position_detail(national.position(values, "B"), 1, "%")
    assert text == (
        "2,0%; 1 wijken van Nederland hebben een hoger en 1 een lager percentage, 1 hetzelfde "
        "(percentiel 50, van 4 wijken)."
    )


def test_lookalike_sentence_hand_computed() -> None:
    # 8 of 10 look-alikes higher, 2 lower: lower is better, so favourable
    comparison = _comparison(5.0, [6, 7, 8, 9, 10, 11, 12, 13, 4, 3])
    assert lookalike_sentence("Ernstig eenzaam", "Dorst", "%", "lower", comparison, 1) == (
        "Ernstig eenzaam: Dorst heeft een lager percentage dan 8 van de 10 vergelijkbare wijken, en dat is gunstig "
        "(hun middelste waarde: 8,5%, van 3,0% tot 13,0%)."
    )
    higher = _comparison(12.5, [6, 7, 8, 9, 10, 11, 12, 13, 4, 3], direction="higher")
    assert "een hoger percentage dan 9 van de 10 vergelijkbare wijken, en dat is gunstig" in lookalike_sentence(
        "Doet vrijwilligerswerk", "Dorst", "%", "higher", higher, 1
    )
    same = _comparison(5.0, [5, 5])
    assert "hetzelfde percentage als alle 2 vergelijkbare wijken (" in lookalike_sentence(
        "Eenzaam", "Dorst", "%", "lower", same, 1
    )
    assert lookalike_sentence("Eenzaam", "Dorst", "%", "lower", _comparison(None, [5.0]), 1) is None
    assert lookalike_sentence("Eenzaam", "Dorst", "%", "lower", _comparison(5.0, []), 1) is None


SENTENCE = re.compile(
    r"^[A-Z][^:]+: .+ (hoort bij de (5|[1-9]\d|100)% wijken van Nederland met "
    r"(het (laagste|hoogste) percentage|de (laagste|hoogste) waarde)( \(de (on)?gunstige kant\))?"
    r"|zit in het midden van de wijken van Nederland; ongeveer evenveel wijken hebben "
    r"(een hoger als een lager percentage|een hogere als een lagere waarde))\.$"
)
LOOKALIKE = re.compile(
    r"^[A-Z][^:]+: .+ heeft ((een (lager|hoger) percentage|een (lagere|hogere) waarde) dan \d+ van de \d+ "
    r"vergelijkbare wijken(, en dat is (on)?gunstig)?|(hetzelfde percentage|dezelfde waarde) als alle \d+ "
    r"vergelijkbare wijken) \(hun middelste waarde: [\d.,]+%?, van [\d.,]+%? tot [\d.,]+%?\)\.$"
)


def test_every_oosterhout_wijk_and_rivm_indicator_gets_a_grammatical_sentence(store: Store) -> None:
    """Every wijk x every RIVM indicator with national wijk values: one well-formed sentence each."""
    nl_values, nl_areas = store.table("nl_value"), store.table("nl_area")
    indicators = store.table("indicator").set_index("indicator_id")
    areas = store.table("area")
    wijken = areas[areas.level == "wijk"]
    rivm = [i for i in nl_values.indicator_id.unique() if "50090NED" in indicators.at[i, "source"]]
    assert len(rivm) >= 10
    spec = load_lookalike_spec(store.table("indicator"))
    outcomes = indicators.loc[[i for i in rivm if i not in spec.indicators]].direction.rename_axis("indicator_id")
    found, results = lookalike.comparisons(
        nl_values, nl_areas, list(wijken.area_code), outcomes.reset_index(), 2020, spec
    )
    seen = 0
    for wijk in wijken.itertuples():
        for indicator_id in rivm:
            meta = indicators.loc[indicator_id]
            position = national.national_position(nl_values, nl_areas, indicator_id, 2020, wijk.area_code)
            if position is None:
                continue
            text = position_sentence(meta.label, wijk.name, meta.unit, meta.direction, position)
            assert SENTENCE.match(text), text
            assert "  " not in text and " ," not in text
            seen += 1
    assert seen >= 12 * len(rivm)  # (nearly) every wijk has a national figure
    assert set(found.wijk_code) == set(wijken.area_code)
    for row in results.itertuples():
        meta = indicators.loc[row.indicator_id]
        fields = {name: getattr(row, name) for name in lookalike.Comparison.__dataclass_fields__}
        text = lookalike_sentence(
            meta.label, str(row.area_code), meta.unit, meta.direction, lookalike.Comparison(**fields), 1
        )
        if text is not None:
            assert LOOKALIKE.match(text), text


def test_dorst_among_all_wijken_of_nederland(store: Store) -> None:
    """Dorst (WK082613), ernstig eenzaam 2020 = 7,9%: percentile 32 of 3.150 wijken, the lowest 35%."""
    position = national.national_position(
        store.table("nl_value"), store.table("nl_area"), "eenzaam_pct", 2020, "WK082613"
    )
    assert position.value == pytest.approx(7.9)
    assert position_sentence("Ernstig eenzaam", "Dorst", "%", "lower", position) == (
        "Ernstig eenzaam: Dorst hoort bij de 35% wijken van Nederland met het laagste percentage (de gunstige kant)."
    )
