"""Effort analysis (analysis/effort.py) on small hand-made frames, with hand-computed expectations."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis import effort, suppression
from data.budgets import load_social_domain_figures
from data.catalogue import CatalogueError
from ui.views import initiatieven_handout as handout

RULES = suppression.Rules(max_small_count=4, min_population=500, min_respondents=30)
WIJKEN = pd.DataFrame({"area_code": ["W1", "W2", "W3"], "name": ["Noord", "Zuid", "Klein"]})
POPULATION = pd.Series({"GM": 12_300.0, "W1": 2_000.0, "W2": 10_000.0, "W3": 300.0})


def _register(rows: list[tuple]) -> pd.DataFrame:
    """rows: (id, wijk, theme, status, start, participants, subsidy, good)."""
    frame = pd.DataFrame(
        rows,
        columns=["initiative_id", "wijk_code", "theme", "status", "start_date", "participants", "subsidy_eur",
                 "is_good_example"],
    )  # fmt: skip
    frame["start_date"] = pd.to_datetime(frame.start_date)
    return frame


# W1: 5 initiatives (not small), W2: 2 (small), W3: 0
REGISTER = _register(
    [
        ("I1", "W1", "Jeugd", "afgerond", date(2023, 3, 1), 10, 1000.0, True),
        ("I2", "W1", "Jeugd", "lopend", date(2024, 3, 1), 20, 500.0, False),
        ("I3", "W1", "Groen", "gestopt", date(2024, 5, 1), 5, 0.0, False),
        ("I4", "W1", "Groen", "idee", date(2024, 11, 1), 7, 250.0, False),
        ("I5", "W1", "Jeugd", "afgerond", date(2022, 1, 1), 8, 2000.0, True),
        ("I6", "W2", "Jeugd", "afgerond", date(2024, 6, 1), 30, 3000.0, False),
        ("I7", "W2", "Groen", "lopend", date(2023, 6, 1), 3, 100.0, False),
    ]
)


@pytest.mark.parametrize(
    ("count", "inhabitants", "expected"),
    [(5, 2000, 2.5), (0, 10_000, 0.0), (3, 0, math.nan), (3, None, math.nan)],
)
def test_per_1000(count: float, inhabitants: float | None, expected: float) -> None:
    result = effort.per_1000(count, inhabitants)
    assert (math.isnan(result) and math.isnan(expected)) or result == pytest.approx(expected)


def test_per_1000_on_series_blanks_unknown_or_zero_population() -> None:
    result = effort.per_1000(pd.Series([5.0, 2.0, 1.0]), pd.Series([2000.0, 0.0, np.nan]))
    assert result.iloc[0] == 2.5 and result.iloc[1:].isna().all()


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]),
        ({"wijk": "W2"}, ["I6", "I7"]),
        ({"theme": "Groen"}, ["I3", "I4", "I7"]),
        ({"status": "afgerond"}, ["I1", "I5", "I6"]),
        ({"year": "2024"}, ["I2", "I3", "I4", "I6"]),
        ({"year": 2024, "wijk": "W1", "theme": "Jeugd"}, ["I2"]),
        ({"good_examples_only": True}, ["I1", "I5"]),
    ],
)
def test_filter_initiatives(filters: dict, ids: list[str]) -> None:
    assert list(effort.filter_initiatives(REGISTER, **filters).initiative_id) == ids


def test_filter_rejects_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="status"):
        effort.filter_initiatives(REGISTER, status="bezig")


def test_summary_per_wijk_counts_rates_and_suppression() -> None:
    table = effort.summary_per_wijk(REGISTER, WIJKEN, POPULATION, RULES, "GM", "Teststad").set_index("area_code")
    # W1: 5 initiatives, 10+20+5+7+8 = 50 participants, 3750 euro; per 1,000 of 2,000 inhabitants
    assert table.at["W1", "initiatives"] == 5
    assert table.at["W1", "participants"] == 50
    assert table.at["W1", "subsidy_eur"] == 3750
    assert table.at["W1", "initiatives_per_1000"] == pytest.approx(2.5)
    assert table.at["W1", "subsidy_per_1000_eur"] == pytest.approx(1875.0)
    assert pd.isna(table.at["W1", "suppressed"])
    # W2: 2 initiatives -> count and its rate hidden; 33 participants and the subsidy stay
    assert math.isnan(table.at["W2", "initiatives"]) and math.isnan(table.at["W2", "initiatives_per_1000"])
    assert table.at["W2", "participants"] == 33
    assert table.at["W2", "subsidy_per_1000_eur"] == pytest.approx(310.0)
    assert table.at["W2", "suppressed"] == "aantal van 1 tot en met 4"
    # W3: no initiatives (0 is shown), but under 500 inhabitants: no rates
    assert table.at["W3", "initiatives"] == 0
    assert math.isnan(table.at["W3", "initiatives_per_1000"])
    assert table.at["W3", "suppressed"] == "minder dan 500 inwoners"
    # gemeente: 7 initiatives on 12,300 inhabitants
    assert table.at["GM", "name"] == "Gemeente Teststad"
    assert table.at["GM", "initiatives_per_1000"] == pytest.approx(7 / 12.3)


def test_per_year_fills_missing_years_with_zero() -> None:
    table = effort.per_year(REGISTER, range(2021, 2025)).set_index("year")
    assert list(table.initiatives) == [0, 1, 2, 4]
    assert table.at[2024, "participants"] == 20 + 5 + 7 + 30
    assert table.at[2023, "subsidy_eur"] == 1100


def test_suppress_small_totals_keeps_zero_and_five() -> None:
    table = pd.DataFrame({"n": [0.0, 1.0, 4.0, 5.0]})
    assert effort.suppress_small_totals(table, ["n"], RULES).n.isna().tolist() == [False, True, True, False]


def test_subsidy_vs_budget_counts_started_initiatives_only() -> None:
    table = effort.subsidy_vs_budget(REGISTER, {2023: 1000.0, 2024: 4000.0, 2025: 500.0}).set_index("year")
    # 2023: I1 1000 + I7 100; 2024: I2 500 + I3 0 + I6 3000 (I4 is an idee: 250 not granted)
    assert table.at[2023, "granted_eur"] == 1100
    assert table.at[2023, "used_pct"] == pytest.approx(110.0)
    assert table.at[2023, "remaining_eur"] == -100
    assert table.at[2024, "granted_eur"] == 3500
    assert table.at[2024, "used_pct"] == pytest.approx(87.5)
    assert table.at[2025, "granted_eur"] == 0
    sentence = effort.budget_sentence(table.reset_index())
    assert "In 2025 is € 0 subsidie toegekend van een budget van € 500 (0%)" in sentence
    assert "overschreden in 2023." in sentence


def test_volunteer_rates_per_quarter_with_suppression() -> None:
    volunteers = pd.DataFrame(
        {
            "area_code": ["W1", "W1", "W2", "W3"],
            "year": [2024, 2025, 2025, 2025],
            "quarter": [4, 4, 4, 4],
            "active_volunteers": [100, 130, 3, 20],
            "volunteer_hours": [1200, 1500, 30, 200],
        }
    )
    rates = effort.volunteer_rates(volunteers, POPULATION, RULES)
    w1 = rates[(rates.area_code == "W1") & (rates.year == 2025)].iloc[0]
    assert w1.period == "2025 K4"
    assert w1.volunteers_per_1000 == pytest.approx(65.0) and w1.hours_per_1000 == pytest.approx(750.0)
    w2 = rates[rates.area_code == "W2"].iloc[0]
    assert math.isnan(w2.active_volunteers) and math.isnan(w2.volunteers_per_1000)
    assert w2.suppressed == "aantal van 1 tot en met 4"
    w3 = rates[rates.area_code == "W3"].iloc[0]
    assert w3.active_volunteers == 20 and math.isnan(w3.volunteers_per_1000)
    # 130 vs 100 per 2,000 inhabitants: 65,0 vs 50,0 per 1,000
    sentence = effort.volunteer_sentence(rates, "W1", "Noord")
    assert sentence.endswith("15,0 vrijwilligers per 1.000 meer dan in 2024 K4.")


def test_draagkracht_is_the_mean_of_two_standardised_scores() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["samenhang_score"] * 4 + ["buurtactiviteiten_per_1000"] * 4,
            "area_code": ["W1", "W2", "W4", "W3"] * 2,
            "year": 2025,
            "value": [6.0, 7.0, 8.0, 9.9, 2.0, 2.0, 5.0, 50.0],
        }
    )
    wijken = pd.DataFrame({"area_code": ["W1", "W2", "W3", "W4"], "name": ["A", "B", "C", "D"]})
    table = effort.draagkracht(values, wijken, 2025, ["W1", "W2", "W4"], 500).set_index("area_code")
    # cohesion 6, 7, 8: mean 7, SD (ddof=0) sqrt(2/3); activities 2, 2, 5: mean 3, SD sqrt(2)
    sd_cohesion, sd_activities = math.sqrt(2 / 3), math.sqrt(2)
    assert table.at["W1", "z_samenhang"] == pytest.approx(-1 / sd_cohesion)
    assert table.at["W4", "z_activiteiten"] == pytest.approx(2 / sd_activities)
    assert table.at["W1", "score"] == pytest.approx((-1 / sd_cohesion - 1 / sd_activities) / 2)
    assert table.at["W2", "score"] == pytest.approx((0 - 1 / sd_activities) / 2)
    assert table.at["W4", "score"] == pytest.approx((1 / sd_cohesion + 2 / sd_activities) / 2)
    assert table.at["W4", "rank"] == 1 and table.at["W1", "rank"] == 3
    # W3 is not measurable: its extreme values neither get a score nor shift the others
    assert math.isnan(table.at["W3", "score"]) and table.at["W3", "reason"] == "minder dan 500 inwoners"
    assert "het sterkst in D" in effort.draagkracht_sentence(table.reset_index(), 2025)
    assert "500 inwoners" in effort.draagkracht_method(500)


def test_draagkracht_needs_both_components() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["samenhang_score"] * 3 + ["buurtactiviteiten_per_1000"] * 2,
            "area_code": ["W1", "W2", "W3", "W1", "W2"],
            "year": 2025,
            "value": [6.0, 7.0, 8.0, 1.0, 3.0],
        }
    )
    table = effort.draagkracht(values, WIJKEN, 2025, ["W1", "W2", "W3"], 500).set_index("area_code")
    assert math.isnan(table.at["W3", "score"])
    assert table.at["W3", "reason"] == "een van de twee cijfers ontbreekt of wordt niet getoond"
    # activities 1, 3: mean 2, SD 1 -> z = -1; cohesion 6 in (6, 7, 8): -1 / sqrt(2/3)
    assert table.at["W1", "score"] == pytest.approx((-1 / math.sqrt(2 / 3) - 1) / 2)


def test_budget_catalogue_file_is_valid_and_flagged_demo() -> None:
    figures = load_social_domain_figures()
    assert figures.initiatives_budget.is_demo
    assert all(amount > 0 for amount in figures.initiatives_budget.amounts.values())
    assert (figures.growth_claim.start, figures.growth_claim.end) == (2015, 2020)


def test_budget_catalogue_errors_name_file_and_entry(tmp_path) -> None:
    (tmp_path / "sociaal_domein.yaml").write_text(
        "buurtinitiatieven_budget:\n  demo: true\n  bron: x\n  bedragen:\n    2024: -5\n"
        "beleid_uitgavengroei:\n  van: 2015\n  tot: 2020\n  procent: 7\n  bron: y\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"sociaal_domein.yaml, buurtinitiatieven_budget, 2024"):
        load_social_domain_figures(tmp_path)


def test_handout_is_escaped_dutch_and_one_document() -> None:
    example = handout.Example(
        initiative_id="INI-2024-001",
        title="Buurtkoffie <script>alert(1)</script>",
        wijk="Dorst",
        buurt="Centrum",
        theme="Ontmoeting",
        status="lopend",
        period="maart 2024 – loopt nog",
        story="Koffie & praten.",
        participants="–",
        subsidy=handout.money(2500.0),
        is_demo=True,
        link="http://localhost/initiatieven?voorbeeld=INI-2024-001",
    )
    html = handout.handout_html(example, "Oosterhout", "gegevensversie 9")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<title>Mooi voorbeeld: Buurtkoffie &lt;script&gt;" in html
    assert "<script>" not in html
    assert "€ 2.500" in html and "Koffie &amp; praten." in html
    assert "Demo" in html and "@page" in html
    assert handout.money(0.0) == "geen"
