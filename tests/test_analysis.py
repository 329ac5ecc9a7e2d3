"""Analysis functions on small hand-made frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import overview, suppression
from analysis.formatting import format_change, format_number, format_value

CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["inwoners", "activiteiten", "score", "eenzaam"],
        "label": ["Inwoners", "Activiteiten", "Samenhang", "Eenzaam"],
        "definition": ["d"] * 4,
        "unit": ["aantal", "aantal per jaar", "score 0–10", "%"],
        "decimals": [0, 0, 1, 1],
        "direction": ["neutral", "higher", "higher", "lower"],
        "source": ["CBS", "demo", "demo", "demo"],
        "is_count": [True, True, False, False],
        "per_capita": [False, False, True, True],
        "is_demo": [False, True, True, True],
    }
)
RULES = suppression.Rules(max_small_count=4, min_population=500, min_respondents=30)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (57924, 0, "57.924"),
        (0.04, 1, "0,0"),
        (-3.25, 2, "-3,25"),
        (None, 0, "–"),
        (math.nan, 1, "–"),
    ],
)
def test_format_number(value: float | None, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_format_value_and_change() -> None:
    assert format_value(26.94, 1, "%") == "26,9%"
    assert format_value(1177.6, 0, "euro per inwoner") == "€ 1.178"
    assert format_value(6.4, 1, "score 0–10") == "6,4"
    assert format_change(0.3, 1) == "+0,3"
    assert format_change(-1.25, 1, "%") == "-1,2 procentpunt"  # banker's rounding of .25 -> .2
    assert format_change(0.04, 1) == "±0,0"
    assert format_change(None, 1) is None


def test_suppression_rules() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["activiteiten", "activiteiten", "activiteiten", "score", "score", "eenzaam"],
            "area_code": ["A", "B", "C", "A", "D", "B"],
            "value": [0.0, 3.0, 5.0, 6.5, 7.0, 12.0],
            "n_respondents": [np.nan, np.nan, np.nan, 400, 12, 300],
            "margin": [np.nan, np.nan, np.nan, 0.1, 0.7, 3.7],
        }
    )
    population = pd.Series({"A": 8000, "B": 8000, "C": 60, "D": 5000})
    result = suppression.suppress(values, CATALOGUE, population, RULES)
    assert result.suppressed.tolist() == [
        None,  # a zero is not a small count
        "aantal van 1 tot en met 4",
        None,  # counts are not per capita: 5 in a tiny wijk is shown
        None,
        "minder dan 30 respondenten",
        None,
    ]
    assert result.value.isna().tolist() == [False, True, False, False, True, False]
    assert math.isnan(result.margin.iloc[4]) and math.isnan(result.n_respondents.iloc[4])
    assert values.value.notna().all()  # input untouched


def test_per_capita_suppressed_in_near_empty_area() -> None:
    values = pd.DataFrame({"indicator_id": ["eenzaam", "eenzaam"], "area_code": ["big", "tiny"], "value": [10.0, 50.0]})
    result = suppression.suppress(values, CATALOGUE, pd.Series({"big": 5000, "tiny": 245}), RULES)
    assert result.suppressed.tolist() == [None, "minder dan 500 inwoners"]


def test_suppression_needs_the_columns() -> None:
    with pytest.raises(ValueError, match="area_code"):
        suppression.suppress(pd.DataFrame({"indicator_id": [], "value": []}), CATALOGUE, pd.Series(dtype=float), RULES)


AREAS = pd.DataFrame(
    {
        "area_code": ["GM", "W1", "W2", "W3", "W4"],
        "level": ["gemeente", "wijk", "wijk", "wijk", "wijk"],
        "name": ["Gemeente", "Een", "Twee", "Drie", "Vier"],
        "is_kerkdorp": [False, False, False, True, False],
    }
)


def test_wijk_table_difference_and_direction_aware_rank() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["eenzaam"] * 5 + ["inwoners"] * 5,
            "area_code": ["GM", "W1", "W2", "W3", "W4"] * 2,
            "year": [2025] * 5 + [2024] * 5,
            "value": [10.0, 12.0, 8.0, 9.0, 40.0, 9200.0, 4000.0, 3000.0, 2000.0, 200.0],
        }
    )
    indicator = CATALOGUE.set_index("indicator_id").loc["eenzaam"]
    table = overview.wijk_table(values, AREAS, indicator, 2025, "GM", RULES)
    assert table.name.tolist() == ["Een", "Twee", "Drie", "Vier"]
    assert table.difference.tolist()[:3] == [2.0, -2.0, -1.0]
    assert table["rank"].tolist()[:3] == [3, 1, 2]  # lower is better: 8 ranks first
    # always suppressed: W4 has 200 inhabitants, so its 40% is not shown and does not rank
    assert pd.isna(table.value.iloc[3]) and pd.isna(table["rank"].iloc[3])
    assert table.suppressed.iloc[3] == "minder dan 500 inwoners"
    assert (table.gemeente_value == 10.0).all()


def test_wijk_table_suppresses_small_counts() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["activiteiten"] * 3,
            "area_code": ["W1", "W2", "W3"],
            "year": [2025] * 3,
            "value": [0.0, 3.0, 12.0],
        }
    )
    table = overview.wijk_table(
        values, AREAS, CATALOGUE.set_index("indicator_id").loc["activiteiten"], 2025, "GM", RULES
    )
    assert table.value.isna().tolist()[:3] == [False, True, False]
    assert table.suppressed.iloc[1] == "aantal van 1 tot en met 4"


def test_wijk_table_keeps_wijken_without_data() -> None:
    values = pd.DataFrame({"indicator_id": ["score"], "area_code": ["W1"], "year": [2025], "value": [7.0]})
    table = overview.wijk_table(values, AREAS, CATALOGUE.set_index("indicator_id").loc["score"], 2025, "GM", RULES)
    assert len(table) == 4 and table.value.notna().sum() == 1
    assert math.isnan(table.gemeente_value.iloc[0])


def _kpi_inputs() -> dict:
    values = pd.DataFrame(
        {
            "indicator_id": ["inwoners", "score", "score", "score"],
            "area_code": ["GM", "GM", "GM", "W1"],
            "year": [2024, 2024, 2025, 2025],
            "value": [1000.0, 6.0, 6.4, 9.0],
        }
    )
    catalogue = CATALOGUE.assign(indicator_id=CATALOGUE.indicator_id.replace({"score": "samenhang_score"}))
    values["indicator_id"] = values.indicator_id.replace({"score": "samenhang_score"})
    initiatives = pd.DataFrame({"start_date": pd.to_datetime(["2024-03-01", "2025-01-10", "2025-06-01"]).date})
    volunteers = pd.DataFrame(
        {"area_code": ["GM"] * 3, "year": [2024, 2025, 2025], "quarter": [2, 1, 2], "active_volunteers": [100, 90, 120]}
    )
    spending = pd.DataFrame(
        {
            "area_code": ["GM"] * 4,
            "kind": ["realisatie", "realisatie", "begroot", "realisatie"],
            "year": [2024, 2025, 2025, 2025],
            "amount_eur": [1_000_000.0, 600_000.0, 9e9, 600_000.0],
        }
    )
    return {
        "values": values,
        "indicators": catalogue,
        "initiatives": initiatives,
        "volunteers": volunteers,
        "spending": spending,
        "gemeente_code": "GM",
    }


def test_gemeente_kpis() -> None:
    kpis = {k.key: k for k in overview.gemeente_kpis(**_kpi_inputs())}
    assert kpis["inwoners"].value == 1000 and kpis["inwoners"].change is None
    assert kpis["samenhang_score"].change == pytest.approx(0.4)
    assert kpis["samenhang_score"].period == "2025" and kpis["samenhang_score"].is_demo
    assert (kpis["initiatieven"].value, kpis["initiatieven"].previous) == (2, 1)
    assert (kpis["vrijwilligers"].value, kpis["vrijwilligers"].previous) == (120, 100)  # same quarter a year before
    assert kpis["vrijwilligers"].period == "2e kwartaal 2025"
    # realisatie only (the begroot row is ignored), divided by the latest population
    assert (kpis["uitgaven"].value, kpis["uitgaven"].previous) == (1200.0, 1000.0)


def test_gemeente_kpis_without_registers() -> None:
    inputs = _kpi_inputs()
    inputs["initiatives"] = inputs["initiatives"].iloc[0:0]
    inputs["volunteers"] = inputs["volunteers"].iloc[0:0]
    assert [k.key for k in overview.gemeente_kpis(**inputs)] == ["inwoners", "samenhang_score", "uitgaven"]


def test_population_takes_the_latest_year() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["inwoners"] * 3,
            "area_code": ["A", "A", "B"],
            "year": [2023, 2024, 2024],
            "value": [10.0, 12.0, 5.0],
        }
    )
    assert overview.population(values).to_dict() == {"A": 12.0, "B": 5.0}


def test_peildatum_text_and_real_sources_come_from_catalogue_and_store() -> None:
    values = pd.DataFrame(
        {
            "indicator_id": ["inwoners", "score", "eenzaam"],
            "area_code": ["GM", "GM", "GM"],
            "year": [2024, 2025, 2020],
            "value": [1.0, 2.0, 11.2],
        }
    )
    catalogue = CATALOGUE.assign(
        peildatum=["1 januari 2024", "", "najaar", "2020"],
        source=["CBS, Kerncijfers", "demo", "demo", "RIVM/CBS/GGD'en, Gezondheidsmonitor, modelschatting RIVM"],
        licence=["CC BY 4.0", "demo", "demo", "open data"],
        is_demo=[False, True, True, False],
        derived_from=[None] * 4,
    )
    real = overview.real_sources(catalogue, values)
    assert list(real.organisation) == ["CBS", "RIVM/CBS/GGD'en"]
    assert list(real.indicators) == [["Inwoners"], ["Eenzaam"]]
    assert overview.peildatum_text(catalogue, values) == (
        "Peildatum — CBS: 1 januari 2024; RIVM/CBS/GGD'en: 2020; democijfers t/m 2025"
    )
    nothing_real = overview.real_sources(catalogue, values[values.indicator_id == "score"])
    assert nothing_real.empty


def test_gemeente_kpis_carry_their_history() -> None:
    kpis = {k.key: k for k in overview.gemeente_kpis(**_kpi_inputs())}
    assert kpis["samenhang_score"].history == (6.0, 6.4)
    assert kpis["initiatieven"].history == (1.0, 2.0)
    assert kpis["vrijwilligers"].history == (100.0, 90.0, 120.0)
    assert kpis["uitgaven"].history == (1000.0, 1200.0)
