"""Spending analysis (analysis/spending.py) on small hand-made frames, with hand-computed expectations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import spending

TAAKVELDEN = pd.DataFrame({"taakveld_code": ["6.1", "6.6"], "name": ["Samenkracht", "Wmo"], "per_wijk": [True, True]})


def _spending(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["taakveld_code", "area_code", "year", "kind", "amount_eur"])


GEMEENTE_SPENDING = _spending(
    [
        ("6.1", "GM", 2015, "begroot", 90.0),
        ("6.1", "GM", 2015, "realisatie", 100.0),
        ("6.6", "GM", 2015, "begroot", 300.0),
        ("6.6", "GM", 2015, "realisatie", 300.0),
        ("6.1", "GM", 2020, "begroot", 110.0),
        ("6.1", "GM", 2020, "realisatie", 110.0),
        ("6.6", "GM", 2020, "begroot", 300.0),
        ("6.6", "GM", 2020, "realisatie", 318.0),
        ("6.1", "GM", 2021, "begroot", 120.0),  # next year's budget: no realisatie yet
        ("6.6", "GM", 2021, "begroot", 330.0),
        ("6.1", "W1", 2020, "realisatie", 60.0),  # wijk rows are not counted in the gemeente figures
    ]
)


def test_per_taakveld_pivots_begroot_and_realisatie() -> None:
    table = spending.per_taakveld(GEMEENTE_SPENDING, TAAKVELDEN, "GM")
    row = table[(table.year == 2015) & (table.taakveld_code == "6.1")].iloc[0]
    assert (row.begroot_eur, row.realisatie_eur, row.difference_eur) == (90.0, 100.0, 10.0)
    assert row.difference_pct == pytest.approx(100 / 9)
    assert row.taakveld == "Samenkracht"
    assert table[table.year == 2021].realisatie_eur.isna().all()
    assert list(table.year) == [2015, 2015, 2020, 2020, 2021, 2021]


def test_totals_per_year_and_per_inwoner() -> None:
    totals = spending.totals(spending.per_taakveld(GEMEENTE_SPENDING, TAAKVELDEN, "GM"), 4.0).set_index("year")
    assert totals.at[2015, "realisatie_eur"] == 400.0 and totals.at[2015, "begroot_eur"] == 390.0
    assert totals.at[2020, "realisatie_eur"] == 428.0
    assert totals.at[2020, "realisatie_per_inwoner_eur"] == 107.0
    assert math.isnan(totals.at[2021, "realisatie_eur"]) and totals.at[2021, "begroot_eur"] == 450.0


def test_a_year_with_a_missing_realisatie_is_not_a_drop() -> None:
    partial = GEMEENTE_SPENDING[
        ~(
            (GEMEENTE_SPENDING.year == 2020)
            & (GEMEENTE_SPENDING.taakveld_code == "6.6")
            & (GEMEENTE_SPENDING.kind == "realisatie")
        )
    ]
    totals = spending.totals(spending.per_taakveld(partial, TAAKVELDEN, "GM"), None).set_index("year")
    assert math.isnan(totals.at[2020, "realisatie_eur"])


def test_index_and_change() -> None:
    series = pd.Series({2015: 400.0, 2016: 410.0, 2020: 428.0})
    index = spending.index_to(series, 2015)
    assert list(index.round(6)) == [100.0, 102.5, 107.0]
    assert spending.change_pct(series, 2015, 2020) == pytest.approx(7.0)
    assert math.isnan(spending.change_pct(series, 2015, 2019))
    with pytest.raises(ValueError, match="base year"):
        spending.index_to(series, 2010)


@pytest.mark.parametrize(
    ("end_value", "claim", "expected"),
    [
        (428.0, 7.0, "+7,0% in 5 jaar (index 107,0). Het beleid noemt ≈ +7% in 5 jaar: de cijfers bevestigen dat."),
        (
            420.0,
            7.0,
            "+5,0% in 5 jaar (index 105,0). Het beleid noemt ≈ +7% in 5 jaar: de cijfers wijken daarvan "
            "2,0 procentpunt af.",
        ),
        (380.0, None, "daalden van € 0,0 mln in 2015 naar € 0,0 mln in 2020: -5,0% in 5 jaar (index 95,0)."),
    ],
)
def test_growth_sentence_is_generated_from_the_figures(end_value: float, claim: float | None, expected: str) -> None:
    sentence = spending.growth_sentence(pd.Series({2015: 400.0, 2020: end_value}), 2015, 2020, claim)
    assert sentence.endswith(expected)


def test_growth_sentence_in_millions() -> None:
    sentence = spending.growth_sentence(pd.Series({2015: 59_600_000.0, 2020: 63_772_000.0}), 2015, 2020)
    assert sentence.startswith(
        "De gerealiseerde uitgaven in het sociaal domein stegen van € 59,6 mln in 2015 naar € 63,8 mln in 2020: +7,0%"
    )
    assert spending.change_text(pd.Series({2015: 100.0, 2025: 114.4}), 2015, 2025) == "2015–2025: +14,4% (index 114,4)"


def test_quadrant_labels() -> None:
    need = pd.Series([0.5, 0.5, -0.2, -0.2, 0.0, np.nan])
    money = pd.Series([90.0, 110.0, 110.0, 90.0, 100.0, 100.0])
    labels = spending.quadrant_labels(need, money, 0.0, 100.0)
    assert labels.tolist() == [
        "hoge vraag, lage inzet",
        "hoge vraag, hoge inzet",
        "lage vraag, hoge inzet",
        "lage vraag, lage inzet",
        "lage vraag, lage inzet",  # on the reference is not "high"
        None,
    ]


def test_need_and_spending() -> None:
    wijken = pd.DataFrame({"area_code": ["W1", "W2", "W3"], "name": ["A", "B", "Klein"]})
    values = pd.DataFrame(
        {
            "indicator_id": ["p"] * 4 + ["q"] * 4,
            "area_code": ["GM", "W1", "W2", "W3"] * 2,
            "year": 2024,
            "value": [10.0, 12.0, 8.0, 50.0, 100.0, 100.0, 100.0, 1.0],
        }
    )
    rows = _spending(
        [
            ("6.6", "W1", 2024, "realisatie", 3000.0),
            ("6.6", "W2", 2024, "realisatie", 1000.0),
            ("6.6", "W3", 2024, "realisatie", 500.0),
            ("6.1", "W1", 2024, "realisatie", 999.0),  # another taakveld: not chosen
        ]
    )
    population = pd.Series({"W1": 10.0, "W2": 10.0, "W3": 5.0})
    table = spending.need_and_spending(
        values, rows, wijken, ["6.6"], 2024, population, ["W1", "W2"], "GM", proxies=("p", "q")
    ).set_index("area_code")
    # p: W1 12, W2 8 -> SD 2 around the gemeente 10: z = +1, -1; q has no spread -> left out
    assert table.at["W1", "need_score"] == pytest.approx(1.0)
    assert table.at["W2", "need_score"] == pytest.approx(-1.0)
    assert table.at["W1", "spending_per_inwoner_eur"] == 300.0
    assert table.at["W2", "spending_per_inwoner_eur"] == 100.0
    # gemeente: 4500 euro over 25 inhabitants = 180 per inwoner
    assert table.attrs["gemeente_spending_per_inwoner_eur"] == pytest.approx(180.0)
    assert table.at["W1", "quadrant"] == "hoge vraag, hoge inzet"
    assert table.at["W2", "quadrant"] == "lage vraag, lage inzet"
    assert pd.isna(table.at["W3", "quadrant"]) and table.at["W3", "reason"] == "te weinig inwoners"
    assert math.isnan(table.at["W3", "p"])
    sentence = spending.quadrant_sentence(table.reset_index())
    assert "hoge vraag, hoge inzet: 1" in sentence and "Geen wijk combineert" in sentence


def test_least_squares_by_hand() -> None:
    # x 1..4, y 2, 4, 5, 8: mean x 2,5, mean y 4,75; Sxy = 9,5, Sxx = 5, Syy = 18,75
    fit = spending.least_squares([1, 2, 3, 4], [2, 4, 5, 8])
    assert fit.slope == pytest.approx(1.9)
    assert fit.intercept == pytest.approx(4.75 - 1.9 * 2.5)
    assert fit.r == pytest.approx(9.5 / math.sqrt(5 * 18.75))
    assert fit.r2 == pytest.approx(9.5**2 / (5 * 18.75))
    assert fit.n == 4


def test_least_squares_drops_missing_points_and_checks_input() -> None:
    fit = spending.least_squares([1, 2, np.nan, 3], [3, 2, 7, 1])
    assert (fit.n, fit.slope, fit.r) == (3, pytest.approx(-1.0), pytest.approx(-1.0))
    with pytest.raises(ValueError, match="at least 3"):
        spending.least_squares([1, 2], [1, 2])
    with pytest.raises(ValueError, match="no spread"):
        spending.least_squares([1, 1, 1], [1, 2, 3])
    with pytest.raises(ValueError, match="same length"):
        spending.least_squares([1, 2, 3], [1, 2])


@pytest.mark.parametrize(
    ("r", "word"), [(0.05, "geen"), (-0.1, "zwak"), (0.29, "zwak"), (-0.36, "matig"), (0.5, "sterk"), (-0.9, "sterk")]
)
def test_strength_in_words(r: float, word: str) -> None:
    assert spending.strength(r) == word


def test_fit_sentence_states_strength_direction_and_caveat() -> None:
    sentence = spending.fit_sentence(
        spending.Fit(slope=-8.8, intercept=120.0, r=-0.36, n=110),
        "de samenhang",
        "het zorggebruik",
        "punt",
        "per 1.000",
    )
    assert "is matig; ze gaan tegen elkaar in" in sentence
    assert not any(word in sentence for word in ("r =", "r²", "kwadraten"))  # words first; numbers in the method
    assert "waar de samenhang 1 punt hoger is, is het zorggebruik gemiddeld 8,8 per 1.000 lager" in sentence
    assert sentence.endswith("Dit is samenhang, geen bewijs van oorzaak.")
    none = spending.fit_sentence(spending.Fit(0.01, 1.0, 0.02, 10), "x", "y", "punt", "")
    assert none.startswith("Er is geen verband tussen x en y")


def test_fit_measures_hold_the_statistics_behind_the_words() -> None:
    measures = spending.fit_measures(spending.Fit(slope=-8.8, intercept=120.0, r=-0.36, n=110))
    assert "r = -0,36" in measures and "r² = 0,13" in measures and "n = 110" in measures
    assert "onder 0,1 geen, tot 0,3 zwak, tot 0,5 matig" in measures


def test_paired_points_only_where_both_are_known() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["c", "c", "c", "z", "z", "z"],
            "area_code": ["W1", "W1", "W2", "W1", "W2", "W2"],
            "year": [2024, 2025, 2025, 2024, 2025, 2024],
            "value": [6.0, 6.5, 7.0, 80.0, np.nan, 70.0],
        }
    )
    points = spending.paired_points(values, "c", "z", ["W1", "W2"])
    assert points.to_dict("records") == [{"area_code": "W1", "year": 2024, "x": 6.0, "y": 80.0}]
    assert spending.paired_points(values, "c", "onbekend", ["W1"]).empty
