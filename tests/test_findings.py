"""'Wat valt op' (analysis/findings.py): over the built store, every finding agrees with the numbers it names;
on small frames, the rules of choice (judgement only from analysis.judgement, real before demo, no size
figures called better or worse)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis import ambitions, derived, findings, judgement
from analysis.formatting import format_value
from analysis.suppression import Rules
from data.catalogue import load_settings
from data.store import Store
from tests.helpers import open_page

GEMEENTE = "GM0826"
RULES = Rules(max_small_count=4, min_population=500, min_respondents=30)


@pytest.fixture(scope="module")
def built(store: Store) -> dict:
    stored = store.table("indicator_value")
    values = pd.concat(
        [stored, derived.derived_values(stored, store.table("initiative"), store.table("indicator"), GEMEENTE)]
    )
    tables = {name: store.table(name) for name in ("indicator", "area", "target")}
    found = findings.findings(
        values, tables["indicator"], tables["area"], tables["target"], GEMEENTE, load_settings().privacy
    )
    return {"values": values, "found": found, **tables}


def _stored(values: pd.DataFrame, indicator_id: str, area_code: str, year: int) -> float:
    match = values[(values.indicator_id == indicator_id) & (values.area_code == area_code) & (values.year == year)]
    assert len(match) == 1, (indicator_id, area_code, year)
    return float(match.value.iloc[0])


def test_three_to_five_findings_of_every_kind(built: dict) -> None:
    found = built["found"]
    assert 3 <= len(found) <= findings.MAX_FINDINGS
    assert {f.kind for f in found} == {findings.CHANGE_WORSE, findings.CHANGE_BETTER, findings.BEHIND_PATH}
    assert len({(f.indicator_id, f.area_code) for f in found}) == len(found)  # nothing said twice
    # real RIVM figures are in the store: the changes named first are real ones
    assert not found[0].is_demo and found[0].area_code == GEMEENTE


def test_every_finding_agrees_with_the_store(built: dict) -> None:
    values, meta = built["values"], built["indicator"].set_index("indicator_id")
    names = built["area"].set_index("area_code").name
    for f in built["found"]:
        indicator = meta.loc[f.indicator_id]
        decimals, unit = int(indicator.decimals), indicator.unit
        assert f.value == _stored(values, f.indicator_id, f.area_code, f.year)
        assert format_value(f.value, decimals, unit) in f.text, f.text
        assert str(f.year) in f.text
        place = "de gemeente" if f.area_code == GEMEENTE else names[f.area_code]
        assert place in f.text or place.capitalize() in f.text, f.text
        assert f.text.endswith(findings.DEMO_LABEL) == f.is_demo, f.text
        if f.kind == findings.BEHIND_PATH:
            (a,) = [
                a
                for a in ambitions.assess_all(built["target"], values, built["indicator"])
                if (a.indicator_id, a.area_code) == (f.indicator_id, f.area_code)
            ]
            assert a.status in (ambitions.BEHIND, ambitions.ATTENTION) and a.latest_year == f.year
            assert format_value(a.required_value, decimals, unit) in f.text
            assert f.page == findings.AMBITIES and f.params == {"ambitie": indicator.ambition_id, "gebied": f.area_code}
            continue
        # a change: between the last two measurements, judged beter/slechter by analysis.judgement
        years = sorted(
            values[
                (values.indicator_id == f.indicator_id) & (values.area_code == f.area_code) & values.value.notna()
            ].year
        )
        assert years[-2:] == [f.previous_year, f.year]
        assert f.previous_value == _stored(values, f.indicator_id, f.area_code, f.previous_year)
        assert format_value(f.previous_value, decimals, unit) in f.text
        verdict = judgement.judge_change(f.previous_value, f.value, indicator)
        assert verdict.word == (judgement.BETTER if f.kind == findings.CHANGE_BETTER else judgement.WORSE)
        assert ("verbetering" in f.text) == verdict.favourable and ("gestegen" in f.text) == (verdict.change > 0)
        assert judgement.kind(indicator) == judgement.DIRECTIONAL


def test_links_go_to_pages_that_exist(built: dict) -> None:
    from ui.navigation import PAGES
    from ui.views import wijkprofiel

    paths = {spec.path for spec in PAGES}
    for f in built["found"]:
        assert f.page in paths
        if f.page == findings.WIJKPROFIEL:
            assert f.params["wijk"] == f.area_code
            # a change over the years: the tab with the course (a tab of the page, so the link opens it)
            assert f.params[wijkprofiel.SECTION_KEY] == wijkprofiel.ONTWIKKELING
        if f.page == findings.KAART:
            assert f.params == {"indicator": f.indicator_id, "jaar": str(f.year)}


# -- small frames --------------------------------------------------------------------------------------------


def _catalogue(**overrides: object) -> pd.DataFrame:
    rows = {
        "real_pct": {"label": "Echt cijfer", "unit": "%", "decimals": 1, "direction": "lower", "is_demo": False},
        "demo_pct": {"label": "Demo cijfer", "unit": "%", "decimals": 1, "direction": "higher", "is_demo": True},
        "aantal": {"label": "Aantal", "unit": "aantal", "decimals": 0, "direction": "higher", "is_demo": False},
        "neutraal": {"label": "Neutraal", "unit": "%", "decimals": 1, "direction": "neutral", "is_demo": False},
    }
    frame = pd.DataFrame.from_dict(rows, orient="index").rename_axis("indicator_id").reset_index()
    frame["is_additive"] = frame.indicator_id == "aantal"
    frame["change_threshold"] = float("nan")
    frame["ambition_id"] = "amb"
    frame["is_count"] = frame.indicator_id == "aantal"
    frame["per_capita"] = False
    for column, value in overrides.items():
        frame[column] = value
    return frame


AREAS = pd.DataFrame(
    {"area_code": ["G", "W1", "W2"], "level": ["gemeente", "wijk", "wijk"], "name": ["Gem", "Noord", "Zuid"]}
)
NO_TARGETS = pd.DataFrame(columns=["indicator_id", "area_code", "year", "kind", "value", "is_demo"])


def _values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value"])


def test_size_and_neutral_figures_and_small_changes_are_never_findings() -> None:
    values = _values(
        [
            ("aantal", "G", 2024, 100.0),
            ("aantal", "G", 2025, 300.0),  # tripled, but a count: hoger, not beter
            ("neutraal", "G", 2024, 10.0),
            ("neutraal", "G", 2025, 30.0),
            ("real_pct", "G", 2024, 20.0),
            ("real_pct", "G", 2025, 20.2),  # below the threshold (2% of 20): gelijk
        ]
    )
    assert findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES) == []


def test_real_before_demo_and_the_largest_change_first() -> None:
    values = _values(
        [
            ("demo_pct", "G", 2024, 10.0),
            ("demo_pct", "G", 2025, 5.0),  # much larger (worse: higher is better), but demo
            ("real_pct", "G", 2016, 10.0),
            ("real_pct", "G", 2020, 11.0),  # worse (lower is better), real
            ("real_pct", "W1", 2016, 10.0),
            ("real_pct", "W1", 2020, 13.0),
            ("real_pct", "W2", 2016, 10.0),
            ("real_pct", "W2", 2020, 10.1),  # gelijk: never a finding
        ]
    )
    found = findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES)
    assert [(f.indicator_id, f.area_code) for f in found] == [("real_pct", "G"), ("real_pct", "W1"), ("demo_pct", "G")]
    assert (
        found[0].text == "Het aandeel ‘echt cijfer’ in de gemeente is gestegen van 10,0% in 2016 naar 11,0% in 2020: "
        "een verslechtering."
    )
    assert found[1].text.startswith("Het aandeel ‘echt cijfer’ in Noord is gestegen van 10,0% in 2016 naar 13,0%")
    assert found[2].text.endswith("een verslechtering. (demo)") and found[2].is_demo
    assert found[1].page == findings.WIJKPROFIEL and found[1].params["wijk"] == "W1"
    assert dataclasses.is_dataclass(found[0]) and found[0].__dataclass_params__.frozen


def test_small_counts_are_suppressed_before_anything_is_said() -> None:
    catalogue = _catalogue()
    catalogue.loc[catalogue.indicator_id == "real_pct", "is_count"] = True
    values = _values([("real_pct", "W1", 2024, 3.0), ("real_pct", "W1", 2025, 9.0)])
    assert findings.findings(values, catalogue, AREAS, NO_TARGETS, "G", RULES) == []


def test_behind_the_2030_path_names_the_required_value() -> None:
    targets = pd.DataFrame(
        {
            "indicator_id": ["real_pct"] * 2,
            "area_code": ["W2"] * 2,
            "year": [2020, 2030],
            "kind": ["nulmeting", "doel"],
            "value": [20.0, 10.0],
            "is_demo": [True, True],
        }
    )
    values = _values([("real_pct", "W2", 2020, 20.0), ("real_pct", "W2", 2025, 19.5)])  # path asks 15,0
    (found,) = findings.findings(values, _catalogue(), AREAS, targets, "G", RULES)
    assert found.kind == findings.BEHIND_PATH and found.is_demo  # a demo target: a demo finding
    assert found.text == (
        "Zuid ligt achter op het pad naar het doel voor 2030 bij echt cijfer: 19,5% in 2025, waar het pad 15,0% "
        "vraagt. (demo)"
    )
    assert found.params == {"ambitie": "amb", "gebied": "W2"}


def test_findings_about_one_wijk_name_only_that_wijk() -> None:
    values = _values(
        [
            ("real_pct", "G", 2016, 10.0),
            ("real_pct", "G", 2020, 14.0),  # the gemeente's: not about Noord
            ("real_pct", "W1", 2016, 10.0),
            ("real_pct", "W1", 2020, 13.0),  # worse in Noord
            ("demo_pct", "W1", 2024, 10.0),
            ("demo_pct", "W1", 2025, 12.0),  # better in Noord (higher is better), demo
            ("real_pct", "W2", 2016, 10.0),
            ("real_pct", "W2", 2020, 5.0),  # Zuid's: not about Noord
        ]
    )
    found = findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES, area="W1")
    assert [(f.indicator_id, f.area_code, f.kind) for f in found] == [
        ("real_pct", "W1", findings.CHANGE_WORSE),
        ("demo_pct", "W1", findings.CHANGE_BETTER),
    ]
    assert all("Noord" in f.text for f in found)
    # the gemeente (or None) is the Overzicht's choice over the gemeente and every wijk
    whole = findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES)
    assert findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES, area="G") == whole
    assert "G" in {f.area_code for f in whole}
    with pytest.raises(ValueError, match="area must be"):
        findings.findings(values, _catalogue(), AREAS, NO_TARGETS, "G", RULES, area="W9")


def test_a_wijk_behind_its_path_is_a_finding_about_that_wijk() -> None:
    targets = pd.DataFrame(
        {
            "indicator_id": ["real_pct"] * 2,
            "area_code": ["W2"] * 2,
            "year": [2020, 2030],
            "kind": ["nulmeting", "doel"],
            "value": [20.0, 10.0],
            "is_demo": [False, False],
        }
    )
    values = _values([("real_pct", "W2", 2020, 20.0), ("real_pct", "W2", 2025, 19.5)])
    assert findings.findings(values, _catalogue(), AREAS, targets, "G", RULES, area="W1") == []
    (found,) = findings.findings(values, _catalogue(), AREAS, targets, "G", RULES, area="W2")
    assert found.kind == findings.BEHIND_PATH and found.text.startswith("Zuid ligt achter")


@pytest.mark.usefixtures("built_db")
def test_overzicht_opens_with_the_findings_as_links() -> None:
    at = open_page("pages/overzicht.py")
    assert at.subheader[0].value == "Wat valt op"
    links = [link.proto for link in at.main.get("page_link")]
    assert 3 <= len(links) <= findings.MAX_FINDINGS
    assert all(link.label.endswith(".") or link.label.endswith("(demo)") for link in links)


@pytest.mark.usefixtures("built_db")
def test_a_link_to_the_ambities_opens_its_ambition_and_area() -> None:
    at = open_page("pages/ambities.py", ambitie="sociale_cohesie", gebied="WK082606")
    assert at.selectbox(key="ambitie").value == "sociale_cohesie"
    assert at.selectbox(key="ambitie_gebied").value == "WK082606"
    at.selectbox(key="ambitie_gebied").set_value("GM0826").run()  # a choice on the page is not undone by the URL
    assert at.selectbox(key="ambitie_gebied").value == "GM0826"
