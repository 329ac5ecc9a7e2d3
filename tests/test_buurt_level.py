"""Buurt level: the wijk table per buurt (analysis.overview.wijk_table with level='buurt') and the Kaart."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import overview, suppression
from tests.helpers import open_page

RULES = suppression.Rules(max_small_count=4, min_population=500, min_respondents=30)
AREAS = pd.DataFrame(
    {
        "area_code": ["GM", "W1", "W2", "B11", "B12", "B21", "B22"],
        "level": ["gemeente", "wijk", "wijk", "buurt", "buurt", "buurt", "buurt"],
        "name": ["Gemeente", "Groot", "Klein", "Groot-Noord", "Groot-Zuid", "Klein-Oost", "Klein-West"],
        "parent_code": [None, "GM", "GM", "W1", "W1", "W2", "W2"],
        "is_kerkdorp": [False] * 7,
    }
)
INDICATOR = pd.Series(
    {
        "label": "Eenzaam",
        "unit": "%",
        "decimals": 1,
        "direction": "lower",
        "is_count": False,
        "per_capita": True,
        "is_additive": False,
    },
    name="eenzaam",
)


def _values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["eenzaam"] * 5 + ["inwoners"] * 3,
            "area_code": ["GM", "B11", "B12", "B21", "B22", "W1", "W2", "B12"],
            "year": [2020] * 5 + [2024] * 3,
            "value": [10.0, 8.0, 12.0, 9.0, 20.0, 4000.0, 300.0, 2000.0],
        }
    )


def test_buurt_table_judges_buurten_and_inherits_the_wijk_population() -> None:
    table = overview.wijk_table(_values(), AREAS, INDICATOR, 2020, "GM", RULES, level="buurt")
    assert table.area_code.tolist() == ["B11", "B12", "B21", "B22"]
    # W2 has 300 inhabitants, so its buurten (no count of their own) have fewer than 500: hidden
    assert table.suppressed.tolist()[2:] == ["minder dan 500 inwoners"] * 2
    assert table.value.isna().tolist() == [False, False, True, True]
    # the shown buurten are judged against the gemeente (10,0) and ranked among the buurten: lower is better
    assert table.difference.tolist()[:2] == [-2.0, 2.0]
    assert table["rank"].tolist()[:2] == [1, 2]
    assert (table.gemeente_value == 10.0).all()


def test_buurt_tables_take_each_indicators_latest_buurt_year() -> None:
    """Only indicators with buurt values get a table, in the latest year with buurt values (a later wijk-only
    year does not count), the same table as wijk_table gives for that year."""
    values = pd.concat(
        [_values(), pd.DataFrame({"indicator_id": ["eenzaam"], "area_code": ["W1"], "year": [2024], "value": [7.0]})]
    )
    inhabitants = INDICATOR.copy().rename("inwoners")
    inhabitants[["label", "unit", "decimals", "direction", "is_count", "per_capita"]] = [
        "Inwoners",
        "",
        0,
        None,
        True,
        False,
    ]
    indicators = pd.DataFrame([INDICATOR, inhabitants]).rename_axis("indicator_id").reset_index()
    tables = overview.buurt_tables(values, AREAS, indicators, "GM", RULES)
    assert list(tables) == ["eenzaam", "inwoners"]  # by label
    assert tables["inwoners"].year.unique().tolist() == [2024]
    expected = overview.wijk_table(values, AREAS, INDICATOR, 2020, "GM", RULES, level="buurt").assign(year=2020)
    pd.testing.assert_frame_equal(tables["eenzaam"], expected)


def test_area_population_gives_a_buurt_its_wijk_count_only_without_its_own() -> None:
    population = overview.area_population(_values(), AREAS)
    assert population.to_dict() == {"B12": 2000.0, "W1": 4000.0, "W2": 300.0, "B11": 4000.0, "B21": 300.0, "B22": 300.0}


def test_wijk_level_is_unchanged_and_an_unknown_level_refused() -> None:
    wijk_values = _values().assign(area_code=["GM", "W1", "W1", "W2", "W2", "W1", "W2", "B12"])
    table = overview.wijk_table(
        wijk_values.drop_duplicates(["area_code", "indicator_id"]), AREAS, INDICATOR, 2020, "GM", RULES
    )
    assert table.area_code.tolist() == ["W1", "W2"]
    with pytest.raises(ValueError, match="level"):
        overview.wijk_table(_values(), AREAS, INDICATOR, 2020, "GM", RULES, level="gemeente")


@pytest.mark.usefixtures("built_db")
def test_kaart_offers_buurten_for_rivm_and_gives_nederland() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_pct", jaar="2020")
    assert not at.exception
    assert at.selectbox(key="niveau_select").value == "wijk"
    assert "Nederland: 11,2%." in at.caption[0].value
    at.selectbox(key="niveau_select").select("buurt").run()
    assert not at.exception
    table = at.table[0].value
    assert table.index.name == "Buurt" and len(table) == 44
    assert "Buurten:" in at.caption[0].value
    hidden = table[table.Opmerking == "niet getoond: minder dan 500 inwoners"]
    assert "Industrieterrein Vijf Eiken" in hidden.index and (hidden["Waarde (%)"] == "–").all()
    assert at.query_params["niveau"] == ["buurt"] or at.query_params["niveau"] == "buurt"


@pytest.mark.usefixtures("built_db")
def test_kaart_without_buurt_values_stays_at_wijk_level() -> None:
    at = open_page("pages/kaart.py", indicator="samenhangindex")
    assert not at.exception
    assert not [s for s in at.selectbox if s.label == "Niveau"]
    assert any("Niveau: wijk" in c.value for c in at.caption)


def test_a_click_on_a_buurt_opens_its_wijk_and_a_wijk_stays_itself() -> None:
    from ui.views.kaart import wijk_of_buurt

    parents = wijk_of_buurt(AREAS)
    assert parents == {"B11": "W1", "B12": "W1", "B21": "W2", "B22": "W2"}
    assert parents.get("W1", "W1") == "W1"  # a wijk's parent (the gemeente) is never followed
