"""Progress toward 2030 (analysis.ambitions) and the agenda summaries, on hand-computed small cases."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from analysis import agenda, ambitions
from analysis.ambitions import ATTENTION, BEHIND, ON_TRACK, NoProjection, Projection
from data.store import Store


def _points(*pairs: tuple[int, float]) -> pd.DataFrame:
    kinds = ["nulmeting"] + ["mijlpaal"] * (len(pairs) - 2) + ["doel"]
    return pd.DataFrame({"year": [y for y, _ in pairs], "kind": kinds, "value": [v for _, v in pairs]})


def _series(start: int, *values: float) -> pd.Series:
    return pd.Series(values, index=range(start, start + len(values)), dtype=float)


# -- path ---------------------------------------------------------------------------------------------


def test_path_is_linear_between_the_given_points() -> None:
    path = ambitions.required_path(_points((2020, 10), (2025, 15), (2030, 25)))
    assert list(path.index) == list(range(2020, 2031))
    assert path[2020] == 10 and path[2023] == 13 and path[2025] == 15
    assert path[2026] == 17 and path[2030] == 25  # steeper after the milestone: 2 per year


def test_path_needs_two_points_and_distinct_years() -> None:
    with pytest.raises(ValueError, match="at least a baseline and a target"):
        ambitions.required_path(pd.DataFrame({"year": [2020], "value": [1.0]}))
    with pytest.raises(ValueError, match="two points for one year"):
        ambitions.required_path(pd.DataFrame({"year": [2020, 2020, 2030], "value": [1.0, 2.0, 3.0]}))


# -- status -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realised", "expected"),
    [
        (16.0, ON_TRACK),  # ahead of the path
        (14.0, ON_TRACK),  # behind by exactly 10% of the distance 10 → 20
        (13.5, ATTENTION),  # 15%
        (12.5, ATTENTION),  # exactly 25%
        (12.4, BEHIND),  # 26%
    ],
)
def test_status_higher_is_better(realised: float, expected: str) -> None:
    assert ambitions.status(realised, required=15.0, baseline=10.0, target=20.0, direction="higher") == expected


@pytest.mark.parametrize(
    ("realised", "expected"),
    [
        (13.0, ON_TRACK),  # below the path is ahead when lower is better
        (16.0, ON_TRACK),  # above by 10% of the distance 20 → 10
        (17.0, ATTENTION),  # 20%
        (18.0, BEHIND),  # 30%
    ],
)
def test_status_lower_is_better(realised: float, expected: str) -> None:
    assert ambitions.status(realised, required=15.0, baseline=20.0, target=10.0, direction="lower") == expected


def test_status_of_a_hold_steady_target_uses_five_percent_of_the_target() -> None:
    # target 50 = baseline 50: the scale is 2.5; 49 is 40% of it below, 49.8 only 8%
    assert ambitions.status(49.0, 50.0, 50.0, 50.0, "higher") == BEHIND
    assert ambitions.status(49.8, 50.0, 50.0, 50.0, "higher") == ON_TRACK


def test_status_label_says_it_in_symbol_and_word() -> None:
    assert ambitions.status_label(ON_TRACK) == "✔ op koers"
    assert ambitions.status_label(ATTENTION) == "! aandacht"
    assert ambitions.status_label(BEHIND) == "✖ achter"
    assert ambitions.status_label(None) == "– geen gegevens"


# -- projection ---------------------------------------------------------------------------------------


def test_projection_least_squares_and_prediction_interval() -> None:
    # x = 0..3 (2020..2023), y = 1, 3, 2, 4: slope 4/5 = 0.8, intercept 1.3 at 2020, residuals -0.3, 0.9,
    # -0.9, 0.3 -> s² = 1.8 / 2 = 0.9. At 2030 (x = 10): ŷ = 9.3, se = √(0.9 · (1 + 1/4 + 8.5²/5)) =
    # √14.13 = 3.7590, t(0.975, 2) = 4.303 -> ± 16.175.
    projection = ambitions.project(_series(2020, 1, 3, 2, 4), 2030, from_year=2020)
    assert isinstance(projection, Projection)
    assert projection.slope == pytest.approx(0.8)
    assert projection.at(2020) == pytest.approx(1.3)
    assert projection.value == pytest.approx(9.3)
    half = 4.303 * math.sqrt(14.13)
    assert (projection.lower, projection.upper) == (pytest.approx(9.3 - half), pytest.approx(9.3 + half))
    assert projection.n == 4


def test_projection_uses_only_years_from_the_baseline_on() -> None:
    realised = pd.concat([_series(2016, 50, 60, 70, 80), _series(2020, 1, 2, 3)])
    projection = ambitions.project(realised, 2030, from_year=2020)
    assert projection.slope == pytest.approx(1.0)
    assert projection.value == pytest.approx(11.0)
    assert projection.lower == pytest.approx(11.0) and projection.upper == pytest.approx(11.0)  # a perfect line


@pytest.mark.parametrize(("target", "position"), [(12.0, "boven"), (11.0, "binnen"), (10.0, "onder")])
def test_target_position_relative_to_the_interval(target: float, position: str) -> None:
    projection = ambitions.project(_series(2020, 1, 2, 3, 4, 5), 2030)
    assert projection.position(target) == position


def test_no_projection_from_fewer_than_three_points() -> None:
    result = ambitions.project(_series(2018, 5, 6, 7, 8), 2030, from_year=2020)  # only 2020 and 2021 count
    assert isinstance(result, NoProjection)
    assert (
        result.reason == "Geen prognose: er zijn 2 metingen sinds 2020, en voor een prognose zijn er minstens 3 nodig."
    )
    one = ambitions.project(_series(2020, 5.0), 2030, from_year=2020)
    assert "er is één meting" in one.reason


def test_t_quantile_table_and_large_samples() -> None:
    assert ambitions.t_quantile_975(4) == 2.776
    assert ambitions.t_quantile_975(60) == pytest.approx(2.0003, abs=0.001)
    assert ambitions.t_quantile_975(120) == pytest.approx(1.9799, abs=0.001)
    with pytest.raises(ValueError, match="at least 1"):
        ambitions.t_quantile_975(0)


@pytest.mark.parametrize(
    ("direction", "target", "expected"),
    [
        ("higher", 12.0, "niet gehaald"),
        ("higher", 10.0, "gehaald"),
        ("lower", 12.0, "gehaald"),
        ("lower", 11.0, "waarschijnlijk gehaald"),  # exactly on the line: a target met, but not with certainty
    ],
)
def test_outlook_depends_on_direction(direction: str, target: float, expected: str) -> None:
    projection = ambitions.project(_series(2020, 1, 2, 3, 4, 5), 2030)
    assert ambitions.outlook(projection, target, direction, baseline=1.0) == expected


# -- roll-up ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], None),
        ([None, None], None),
        ([ON_TRACK, ON_TRACK, ON_TRACK], ON_TRACK),
        ([ON_TRACK, ATTENTION], ATTENTION),
        ([ON_TRACK, BEHIND], ATTENTION),  # one of two behind: not more than half
        ([BEHIND, BEHIND, ON_TRACK], BEHIND),  # two of three
        ([BEHIND, None], BEHIND),  # unknown statuses do not count
        ([BEHIND, float("nan")], BEHIND),  # nor do they when a DataFrame column turned None into NaN
        ([BEHIND], BEHIND),
    ],
)
def test_roll_up(statuses: list[str | None], expected: str | None) -> None:
    assert ambitions.roll_up(statuses) == expected


def test_roll_up_refuses_unknown_statuses() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        ambitions.roll_up(["groen"])


# -- one assessment and its sentence -----------------------------------------------------------------------


def test_assess_and_explain_when_the_target_is_out_of_reach() -> None:
    a = ambitions.assess(_points((2020, 1), (2030, 15)), _series(2020, 1, 2, 3, 4, 5), "higher", "x", "GM0826")
    assert (a.latest_year, a.latest_value, a.required_value) == (2024, 5.0, pytest.approx(6.6))
    assert a.share == pytest.approx(-1.6 / 14)
    assert a.status == ATTENTION
    assert a.required_per_year == pytest.approx(10 / 6)
    assert a.outlook == "niet gehaald"
    assert ambitions.explain(a, decimals=1) == (
        "Bij het huidige tempo (+1,00 per jaar) wordt het doel voor 2030 (15,0) naar verwachting niet gehaald; "
        "nodig: +1,67 per jaar."
    )


def test_explain_lower_is_better_on_track() -> None:
    a = ambitions.assess(_points((2020, 30), (2030, 20)), _series(2020, 30, 28, 26, 24), "lower")
    assert a.status == ON_TRACK
    assert a.outlook == "gehaald"  # projected 10 with no spread, target 20 lies above it
    assert ambitions.explain(a, decimals=0, unit="%") == (
        "Bij het huidige tempo (-2,0 per jaar) wordt het doel voor 2030 (20%) naar verwachting gehaald; "
        "nodig: -0,6 per jaar."
    )


def _noisy(*values: float) -> pd.Series:
    return _series(2020, *values)


@pytest.mark.parametrize(
    ("realised", "target", "outlook", "words"),
    [
        # the case: behind, a line ending short of the target, a band far wider than the way to go
        ((25.0, 29.0, 23.0, 30.0, 24.0, 28.5), 32.0, "te onzeker", "te ver uiteen"),
        # a narrow band around a line that ends short of the target: likely not, said with the number
        ((25.0, 25.6, 26.1, 26.8, 27.3, 27.9), 31.0, "waarschijnlijk niet gehaald", "onder het doel voor 2030"),
        ((25.0, 25.6, 26.1, 26.8, 27.3, 27.9), 28.5, "gehaald", "naar verwachting gehaald"),
    ],
)
def test_outlook_sentence_and_status_never_contradict(
    realised: tuple[float, ...], target: float, outlook: str, words: str
) -> None:
    a = ambitions.assess(_points((2020, 25.0), (2030, target)), _noisy(*realised), "higher")
    assert a.outlook == outlook
    sentence = ambitions.explain(a, 1)
    assert words in sentence
    assert "binnen bereik" not in sentence
    p = a.projection
    if p.value < target:  # the line ends short: no sentence may call the target reached or within reach
        assert "naar verwachting gehaald" not in sentence and "boven het doel" not in sentence
    if a.status == BEHIND and outlook in ambitions.FAVOURABLE_OUTLOOKS:
        assert sentence.startswith(f"De meting van {a.latest_year} ligt nu achter op het pad, maar")


def test_explain_without_projection_and_without_data() -> None:
    a = ambitions.assess(_points((2020, 10), (2030, 20)), _series(2020, 10, 12), "higher")
    assert isinstance(a.projection, NoProjection)
    assert ambitions.explain(a, 1) == (
        "Geen prognose: er zijn 2 metingen sinds 2020, en voor een prognose zijn er minstens 3 nodig; "
        "nodig: +0,89 per jaar."
    )
    empty = ambitions.assess(_points((2020, 10), (2030, 20)), pd.Series(dtype=float), "higher")
    assert empty.status is None
    assert "nog geen meting sinds de nulmeting van 2020" in ambitions.explain(empty, 1)


def test_trajectory_table_has_every_year_and_the_projection_from_the_baseline() -> None:
    a = ambitions.assess(_points((2020, 1), (2025, 6), (2030, 11)), _series(2019, 0, 1, 2, 3), "higher")
    table = ambitions.trajectory_table(a)
    assert list(table.year) == list(range(2019, 2031))
    assert table.set_index("year").loc[2025, "kind"] == "mijlpaal"
    assert math.isnan(table.set_index("year").loc[2019, "projected"])
    assert table.set_index("year").loc[2030, "projected"] == pytest.approx(11.0)


def test_portfolio_rolls_up_per_ambition_and_area() -> None:
    summary = pd.DataFrame(
        {
            "ambition_id": ["a", "a", "a", "b"],
            "area_code": ["GM0826", "GM0826", "WK082602", "GM0826"],
            "status": [ON_TRACK, BEHIND, ON_TRACK, BEHIND],
        }
    )
    frame = pd.DataFrame({"ambition_id": ["b", "a"], "number": [2, 1]})
    portfolio = ambitions.portfolio(summary, frame)
    assert list(portfolio.index) == ["a", "b"]
    assert portfolio.loc["a", "GM0826"] == ATTENTION
    assert portfolio.loc["a", "WK082602"] == ON_TRACK
    assert pd.isna(portfolio.loc["b", "WK082602"])  # no target there


# -- agenda ---------------------------------------------------------------------------------------


def test_agenda_overdue_and_summaries() -> None:
    items = pd.DataFrame(
        {
            "area_code": ["WK082600", "WK082600", "WK082601"],
            "ambition_id": ["a", None, "a"],
            "status": ["lopend", "afgerond", "gepland"],
            "deadline": [date(2026, 1, 1), date(2025, 1, 1), date(2027, 1, 1)],
            "progress_pct": [40, 100, 0],
        }
    )
    marked = agenda.with_overdue(items, today=date(2026, 6, 1))
    assert marked.overdue.tolist() == [True, False, False]  # finished items are never late
    per_wijk = agenda.summarise(items, "area_code", date(2026, 6, 1)).set_index("area_code")
    assert per_wijk.loc["WK082600", ["items", "lopend", "afgerond", "overdue"]].tolist() == [2, 1, 1, 1]
    assert per_wijk.loc["WK082600", "mean_progress_pct"] == 70
    per_ambition = agenda.summarise(items, "ambition_id", date(2026, 6, 1))
    assert per_ambition.ambition_id.tolist() == ["a"] and per_ambition["items"].tolist() == [2]


# -- on the demo data ---------------------------------------------------------------------------------


def test_demo_targets_give_a_realistic_mix_of_statuses(store: Store) -> None:
    indicators = store.table("indicator")
    assessments = ambitions.assess_all(store.table("target"), store.table("indicator_value"), indicators)
    summary = ambitions.summary(assessments, indicators)
    gemeente = summary[summary.area_code == "GM0826"]
    counts = ambitions.status_counts(gemeente.status)
    assert counts[ON_TRACK] >= 3 and counts[ATTENTION] >= 1 and counts[BEHIND] >= 3, counts
    assert counts[ambitions.NO_STATUS] == 0  # every gemeente target has demo data
    portfolio = ambitions.portfolio(summary, store.table("ambition"))
    assert len(portfolio) == 6
    ambition_counts = ambitions.status_counts(portfolio["GM0826"])
    assert all(ambition_counts[s] >= 1 for s in (ON_TRACK, ATTENTION, BEHIND)), ambition_counts
    # the wijken with targets differ from each other: one improving, one declining (demo profiles)
    assert set(portfolio.loc["sociale_cohesie", ["WK082602", "WK082606"]]) == {ON_TRACK, BEHIND}
