"""What the Wijkmonitor says agrees with the numbers it shows: every generator over every wijk × indicator ×
year of the built store, and the pages that show the judgements (Kaart per indicator, Wijkprofiel per wijk)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import ambitions, derived, judgement, overview, profile
from analysis.formatting import format_value
from data.catalogue import load_settings
from data.store import Store
from tests.helpers import open_page
from ui.navigation import PAGES
from ui.views import wijkprofiel

GEMEENTE = "GM0826"
VERDICT_WORDS = ("gunstig", "ongunstig", "beter", "slechter")


@pytest.fixture(scope="module")
def catalogue(store: Store) -> pd.DataFrame:
    return store.table("indicator").set_index("indicator_id")


@pytest.fixture(scope="module")
def values(store: Store) -> pd.DataFrame:
    stored = store.table("indicator_value")
    return pd.concat(
        [stored, derived.derived_values(stored, store.table("initiative"), store.table("indicator"), GEMEENTE)]
    )


def test_every_wijk_table_judges_consistently(store: Store, values: pd.DataFrame, catalogue: pd.DataFrame) -> None:
    """Map, table and heat-table read this table: class, symbol, rank and difference must agree."""
    areas, rules = store.table("area"), load_settings().privacy
    checked = 0
    for indicator_id, indicator in catalogue.iterrows():
        for year in overview.years_with_data(values, indicator_id):
            table = overview.wijk_table(values, areas, indicator, year, GEMEENTE, rules)
            kind = judgement.kind(indicator)
            for row in table.itertuples():
                checked += 1
                label = row.klasse_label if isinstance(row.klasse_label, str) else ""
                if kind != judgement.DIRECTIONAL:  # no verdict on size or neutral figures
                    assert not any(w in label for w in VERDICT_WORDS), (indicator_id, year, row.name, label)
                if kind == judgement.SIZE:
                    assert pd.isna(row.rank) and row.reference_label == "gemiddelde wijk"
                    assert "gemeente" not in label
                if pd.isna(row.value):
                    assert pd.isna(row.klasse) and row.symbol == ""
                    continue
                if pd.notna(row.klasse):
                    favourable = row.difference * (-1 if indicator.direction == "lower" else 1)
                    if row.klasse >= 3:
                        assert favourable > 0, (indicator_id, year, row.name)
                    if row.klasse <= 1:
                        assert favourable < 0, (indicator_id, year, row.name)
                else:
                    assert isinstance(row.no_class, str), (indicator_id, year, row.name)
    assert checked > 1000


def test_every_wijk_summary_agrees_with_its_table(store: Store, values: pd.DataFrame) -> None:
    rules = load_settings().privacy
    areas = store.table("area")
    wijken = areas[areas.level == "wijk"]
    measurable = [c for c in wijken.area_code if overview.population(values).get(c, 0) >= rules.min_population]
    for wijk in wijken.itertuples():
        table = profile.compare_to_gemeente(
            values, store.table("indicator"), wijk.area_code, GEMEENTE, measurable, rules
        )
        sentences = profile.summary(table, wijk.name, "gemeente Oosterhout")
        text = " ".join(sentences)
        hidden = int(table.value.isna().sum())
        assert (f"{hidden} van de {len(table)} cijfers" in text) == (hidden > 0), (wijk.name, text)
        assert "wijkt op geen enkele indicator" not in text
        for sentence in sentences:
            named = re.findall(r"([^:;]+?) \(([^()]*?) tegen ([^()]*?)\)", sentence.split(": ", 1)[-1])
            for label, shown, gemeente in named:
                row = table[table.label == label.strip()]
                assert len(row) == 1, (wijk.name, label)
                row = row.iloc[0]
                assert shown == format_value(row.value, row.decimals, row.unit)
                assert gemeente == format_value(row.gemeente_value, row.decimals, row.unit)
                if sentence.startswith(f"Waar {wijk.name} gunstiger"):
                    assert row.kind == judgement.DIRECTIONAL and row.klasse >= 3
                elif sentence.startswith(f"Waar {wijk.name} ongunstiger"):
                    assert row.kind == judgement.DIRECTIONAL and row.klasse <= 1
                else:
                    assert row.kind == judgement.NEUTRAL and row.klasse in (0, 4)


def test_every_ambition_sentence_agrees_with_status_and_projection(store: Store) -> None:
    indicators = store.table("indicator")
    meta = indicators.set_index("indicator_id")
    for a in ambitions.assess_all(store.table("target"), store.table("indicator_value"), indicators):
        sentence = ambitions.explain(a, int(meta.at[a.indicator_id, "decimals"]), meta.at[a.indicator_id, "unit"])
        assert "binnen bereik" not in sentence
        if isinstance(a.projection, ambitions.Projection):
            sign = ambitions.favourable_sign(a.direction, a.baseline, a.target)
            short = sign * (a.projection.value - a.target) < 0
            if short:  # the line ends short of the target: never called reached
                assert "naar verwachting gehaald" not in sentence, sentence
            hopeful = a.outlook in ambitions.FAVOURABLE_OUTLOOKS
            diverge = (a.status == ambitions.ON_TRACK) != hopeful
            if a.status is not None and a.outlook != ambitions.TOO_UNCERTAIN and diverge:
                assert ", maar: " in sentence, sentence


def test_every_trend_and_change_sentence_uses_the_shown_values(values: pd.DataFrame, catalogue: pd.DataFrame) -> None:
    for (indicator_id, area_code), rows in values.groupby(["indicator_id", "area_code"]):
        info = catalogue.loc[indicator_id]
        sentence = profile.trend_sentence(rows, info.label, int(info.decimals), info.unit, area_code)
        assert sentence.startswith(f"{info.label} in {area_code}: ")
        known = rows.dropna(subset=["value"]).sort_values("year")
        if len(known) >= 2:
            first, last = (format_value(v, int(info.decimals), info.unit) for v in known.value.iloc[[0, -1]])
            assert ("gelijk gebleven" in sentence) == (first == last), sentence
            verdict = judgement.judge_change(known.value.iloc[-2], known.value.iloc[-1], info)
            if format_value(known.value.iloc[-2], int(info.decimals), info.unit) == last:
                assert verdict.is_same


@pytest.mark.usefixtures("built_db")
def test_kaart_tells_the_truth_for_every_indicator(catalogue: pd.DataFrame, values: pd.DataFrame) -> None:
    with_data = set(values.loc[values.value.notna(), "indicator_id"]) | {"samenhangindex"}
    for indicator_id, indicator in catalogue[catalogue.index.isin(with_data)].iterrows():
        at = open_page("pages/kaart.py", indicator=indicator_id)
        assert not at.exception, (indicator_id, [e.message for e in at.exception])
        table = at.table[0].value
        assert len(table) == 14
        if judgement.kind(indicator) == judgement.SIZE:
            assert "Rang" not in table.columns and "Verschil met gemiddelde wijk" in table.columns
            assert not any(w in c for c in table.Klasse for w in VERDICT_WORDS), indicator_id
            radio = at.radio(key="tabel_sortering")
            assert "rang" not in radio.options


@pytest.mark.usefixtures("built_db")
def test_kaart_and_overzicht_open_on_the_index() -> None:
    for path in ("pages/kaart.py", "pages/overzicht.py"):
        at = open_page(path)
        assert at.selectbox(key="indicator_select").value == "samenhangindex"
        assert "Sociale-samenhangindex" in " ".join(c.value for c in at.caption)


@pytest.mark.usefixtures("built_db")
def test_every_wijkprofiel_says_what_its_table_shows(store: Store) -> None:
    areas = store.table("area")
    assert any(spec.path == "pages/wijkprofiel.py" for spec in PAGES)
    for wijk in areas[areas.level == "wijk"].itertuples():
        at = open_page("pages/wijkprofiel.py", wijk=wijk.area_code, onderdeel=wijkprofiel.INDICATOREN)
        assert not at.exception, (wijk.name, [e.message for e in at.exception])
        summary = at.markdown[0].value
        column = "Ten opzichte van de gemeente"
        table = next(t.value for t in at.table if column in t.value.columns)
        classes = table[column]
        labels = table.index.get_level_values("Indicator").str.removesuffix(" (demo)")
        worse = summary.split("ongunstiger scoort:", 1)[1].split(".")[0] if "ongunstiger scoort:" in summary else ""
        better = summary.split("gunstiger scoort dan", 1)[1].split(".")[0] if "gunstiger scoort dan" in summary else ""
        for label, klasse in zip(labels, classes, strict=True):
            # the summary lists an indicator on the side its class in the table is on, never the other
            if f"{label} (" in better:
                assert klasse.endswith("gunstiger dan de gemeente") and "ongunstiger" not in klasse, (wijk.name, label)
            if f"{label} (" in worse:
                assert "ongunstiger dan de gemeente" in klasse, (wijk.name, label)
