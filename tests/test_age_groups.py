"""Age group as a choice (issue 14): twins come from rivm_mapping.yaml; 18+ by default, 65+ where RIVM has it."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.age_groups import AgeGroups, choose
from data.rivm import load_age_groups
from tests.helpers import open_page
from ui.views import wijkprofiel

GROUPS = AgeGroups(
    default="18+",
    labels={"18+": "18 jaar en ouder", "65+": "65 jaar en ouder"},
    twins={"a": {"18+": "a", "65+": "a65"}, "b": {"18+": "b"}},
)


def test_members_base_and_pick() -> None:
    assert GROUPS.groups("a") == ["18+", "65+"] and GROUPS.groups("a65") == ["18+", "65+"]
    assert GROUPS.groups("b") == [] and GROUPS.groups("x") == []  # one group only, or no twin at all
    assert GROUPS.base("a65") == "a" and GROUPS.group_of("a65") == "65+" and GROUPS.group_of("x") == "18+"
    assert GROUPS.pick("a", "65+") == "a65" and GROUPS.pick("b", "65+") == "b" and GROUPS.pick("x", "65+") == "x"
    assert GROUPS.others() == {"a65"} and GROUPS.with_twins() == ["18+", "65+"]


def test_choose_keeps_one_member_per_indicator() -> None:
    frame = pd.DataFrame({"indicator_id": ["a", "a65", "b", "x"], "value": [1, 2, 3, 4]})
    assert choose(frame, GROUPS, "18+").indicator_id.tolist() == ["a", "b", "x"]
    assert choose(frame, GROUPS, "65+").indicator_id.tolist() == ["a65", "b", "x"]


def test_the_shipped_twins_are_loneliness_and_mantelzorg() -> None:
    groups = load_age_groups()
    assert groups.default == "18+"
    assert groups.pick("eenzaam_pct", "65+") == "eenzaam_65plus_pct"
    assert groups.pick("mantelzorgers_pct", "65+") == "mantelzorgers_65plus_pct"
    assert groups.groups("vrijwilligers_pct") == []  # RIVM's 65+ figure is not loaded for it


@pytest.mark.usefixtures("built_db")
def test_kaart_offers_65plus_for_loneliness_and_keeps_it_in_the_url() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_pct", jaar="2020")
    assert not at.exception
    assert "eenzaam_65plus_pct" not in at.selectbox(key="indicator_select").options  # only through the choice
    choice = at.selectbox(key="leeftijd_select")
    assert choice.value == "18+"
    choice.select("65+").run()
    assert not at.exception
    assert at.query_params["leeftijd"] in ("65+", ["65+"])
    assert at.caption[0].value.startswith("Ernstig eenzaam, 65 jaar en ouder")


@pytest.mark.usefixtures("built_db")
def test_an_old_link_to_a_twin_opens_its_indicator_with_the_age_group() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_65plus_pct", jaar="2020")
    assert not at.exception
    assert at.selectbox(key="indicator_select").value == "eenzaam_pct"
    assert at.selectbox(key="leeftijd_select").value == "65+"


@pytest.mark.usefixtures("built_db")
def test_kaart_has_no_age_choice_for_an_indicator_without_twins() -> None:
    at = open_page("pages/kaart.py", indicator="vrijwilligers_pct", jaar="2020")
    assert not at.exception
    assert not [s for s in at.selectbox if s.label == "Leeftijdsgroep"]


@pytest.mark.usefixtures("built_db")
def test_wijkprofiel_table_and_trends_follow_the_age_group_with_nederland() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel=wijkprofiel.INDICATOREN)
    table = next(t.value for t in at.table if "Nederland" in t.value.columns)
    labels = set(table.index.get_level_values("Indicator"))
    assert "Ernstig eenzaam" in labels and "Ernstig eenzaam, 65 jaar en ouder" not in labels
    at.selectbox(key="leeftijd_select").select("65+").run()
    assert not at.exception
    table = next(t.value for t in at.table if "Nederland" in t.value.columns)
    labels = set(table.index.get_level_values("Indicator"))
    assert "Ernstig eenzaam, 65 jaar en ouder" in labels and "Ernstig eenzaam" not in labels
    assert "Doet vrijwilligerswerk" in labels  # no twin: stays
    at.query_params["onderdeel"] = wijkprofiel.ONTWIKKELING  # the age group stays with the trends' tab
    at.run()
    assert at.selectbox(key="leeftijd_select").value == "65+"
    trends = next(t.value for t in at.table if list(t.value.index.names) == ["Indicator", "Gebied"])
    assert trends.loc[("Ernstig eenzaam, 65 jaar en ouder", "Nederland"), "2020"] == "10,4"
    assert ("Ernstig eenzaam", "Nederland") not in trends.index
