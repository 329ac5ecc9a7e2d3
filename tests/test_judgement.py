"""analysis.judgement: the one judgement per figure that map, table, sentences and PDF read."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import judgement


def _indicator(direction: str = "higher", additive: bool = False, decimals: int = 1, **extra: object) -> pd.Series:
    return pd.Series({"direction": direction, "is_additive": additive, "decimals": decimals, **extra}, name="x")


def _table(values: list[float], gemeente: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"area_code": [f"W{i}" for i in range(len(values))], "value": values, "gemeente_value": gemeente}
    )


@pytest.mark.parametrize(
    ("z", "klasse"), [(-1.5, 0), (-1.0, 0), (-0.5, 1), (-0.25, 1), (0.0, 2), (0.25, 3), (0.99, 3), (1.0, 4)]
)
def test_class_boundaries(z: float, klasse: int) -> None:
    assert judgement.class_of(z) == klasse
    assert judgement.class_of(float("nan")) is None


def test_directional_classes_follow_the_direction() -> None:
    table = _table([4.0, 6.0, np.nan], gemeente=5.0)  # spread 1
    higher = judgement.judge_wijken(table, _indicator("higher"))
    assert higher.z.tolist()[:2] == [-1.0, 1.0]
    assert higher.klasse_label.tolist()[:2] == ["veel ongunstiger dan de gemeente", "veel gunstiger dan de gemeente"]
    assert higher.symbol.tolist() == ["▼▼", "▲▲", ""]
    assert higher["rank"].tolist()[:2] == [2, 1] and pd.isna(higher["rank"].iloc[2])
    lower = judgement.judge_wijken(table, _indicator("lower"))
    assert lower.klasse.tolist()[:2] == [4, 0] and lower["rank"].tolist()[:2] == [1, 2]
    assert pd.isna(lower.klasse.iloc[2]) and lower.no_class.iloc[2] is None  # no value: nothing to explain


def test_neutral_figures_get_no_verdict() -> None:
    result = judgement.judge_wijken(_table([4.0, 6.0], 5.0), _indicator("neutral"))
    assert result.klasse_label.tolist() == ["veel lager dan de gemeente", "veel hoger dan de gemeente"]
    assert not any("gunstig" in label for label in result.klasse_label)


def test_size_figures_are_compared_with_the_average_wijk_not_the_gemeente_total() -> None:
    # the case: every wijk far below the gemeente total (242) must not be "veel ongunstiger"
    result = judgement.judge_wijken(_table([10.0, 20.0, 30.0], gemeente=242.0), _indicator("higher", additive=True))
    assert result.reference_value.iloc[0] == 20.0 and set(result.reference_label) == {"gemiddelde wijk"}
    assert result.difference.tolist() == [-10.0, 0.0, 10.0]
    assert result.klasse.tolist() == [0, 2, 4]
    assert result.klasse_label.iloc[0] == "veel kleiner dan de gemiddelde wijk"
    assert result["rank"].isna().all()  # size is no achievement: no rank
    assert not any("gunstig" in label for label in result.klasse_label)


def test_a_missing_gemeente_value_gives_no_class_but_a_reason() -> None:
    result = judgement.judge_wijken(_table([4.0, 6.0], gemeente=math.nan), _indicator())
    assert result.klasse.isna().all() and result.difference.isna().all()
    assert set(result.no_class) == {judgement.NO_REFERENCE}
    assert result["rank"].tolist() == [2, 1]  # ranking among the wijken needs no gemeente value


def test_no_spread_gives_no_class_but_a_reason() -> None:
    for values in ([5.0, 5.0], [5.0, np.nan]):
        result = judgement.judge_wijken(_table(values, gemeente=5.0), _indicator())
        assert result.klasse.isna().all()
        assert result.no_class.iloc[0] == judgement.NO_SPREAD


def test_judge_wijken_names_a_missing_column() -> None:
    with pytest.raises(ValueError, match="gemeente_value"):
        judgement.judge_wijken(pd.DataFrame({"area_code": [], "value": []}), _indicator())


@pytest.mark.parametrize(
    ("before", "after", "indicator", "word"),
    [
        (6.36, 6.34, _indicator(), "gelijk"),  # shown 6,4 and 6,3: -0,1 is within the default threshold (0,13)
        (6.4, 6.3, _indicator(change_threshold=0.05), "slechter"),  # the catalogue's threshold decides
        (6.4, 6.3, _indicator(change_threshold=0.2), "gelijk"),
        (202_872.0, 203_937.0, _indicator(decimals=0), "gelijk"),  # 0,5%: not a change worth a word
        (200_000.0, 210_000.0, _indicator(decimals=0), "beter"),
        (10.0, 12.0, _indicator("lower"), "slechter"),
        (10.0, 8.0, _indicator("lower"), "beter"),
        (10.0, 12.0, _indicator("neutral"), "hoger"),
        (10.0, 8.0, _indicator("higher", additive=True), "lager"),  # size: no verdict
        (0.04, 0.01, _indicator(), "gelijk"),  # rounds to 0,0 → 0,0
    ],
)
def test_change_judgement(before: float, after: float, indicator: pd.Series, word: str) -> None:
    verdict = judgement.judge_change(before, after, indicator)
    assert verdict.word == word
    assert (verdict.favourable is None) == (word not in ("beter", "slechter"))


def test_change_is_taken_between_the_shown_values() -> None:
    verdict = judgement.judge_change(6.36, 6.34, _indicator())
    assert verdict.change == pytest.approx(-0.1)  # 6,4 → 6,3 as shown, not -0,02
    assert judgement.judge_change(None, 3.0, _indicator()) is None
    assert judgement.judge_change(3.0, float("nan"), _indicator()) is None
