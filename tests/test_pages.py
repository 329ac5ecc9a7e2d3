"""AppTests: every page in the navigation renders without error; the Overzicht's interactions."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import open_page
from ui import warmup
from ui.navigation import PAGES, ROOT


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize("spec", PAGES, ids=[spec.path for spec in PAGES])
def test_every_page_renders(spec) -> None:
    at = open_page(spec.path)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == spec.title
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "Peildatum" in sidebar and "Gegevensversie" in sidebar
    assert any("Demodata" in w.value for w in at.sidebar.warning)


@pytest.mark.usefixtures("built_db")
def test_entrypoint_runs_the_default_page() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Overzicht"


@pytest.mark.usefixtures("built_db")
def test_apptest_computes_on_demand_without_the_warm_up_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up is for a real server (ui/warmup.py); under AppTest (a mock runtime) it would compute every
    page's results in a background thread beside the test's own page runs."""
    monkeypatch.setattr(warmup, "_warmed", set())  # as if this data version had never been warmed here
    at = open_page("pages/overzicht.py")
    assert not at.exception
    assert "wijkmonitor-opwarmen" not in {thread.name for thread in threading.enumerate()}


@pytest.mark.usefixtures("built_db")
def test_overzicht_kpis() -> None:
    at = open_page("pages/overzicht.py")
    metrics = {m.label: m for m in at.metric}
    assert metrics["Inwoners"].value == "57.924"
    assert set(metrics) == {"Inwoners", "Samenhang", "Initiatieven", "Vrijwilligers", "Sociaal domein"}
    assert metrics["Sociaal domein"].value.startswith("€ ")
    captions = [c.value for c in at.caption]
    # every demo figure carries a visible demo label; the real population does not
    assert sum(":orange-badge[demo]" in c for c in captions[:5]) == 4
    assert "geen vergelijking met vorig jaar" in captions[0]


@pytest.mark.usefixtures("built_db")
def test_overzicht_table_lists_all_wijken_and_suppresses_near_empty_ones() -> None:
    at = open_page("pages/overzicht.py")
    table = at.table[0].value
    assert len(table) == 14
    assert "Dorst (kerkdorp)" in table.index
    suppressed = table[table.Opmerking != ""]
    assert set(suppressed.index) == {"Industrieterrein Zuid", "Industrieterrein Noord", "Buitengebied Oosterhout"}
    assert (suppressed.iloc[:, 0] == "–").all()


@pytest.mark.usefixtures("built_db")
def test_overzicht_indicator_choice_follows_and_sets_the_url() -> None:
    at = open_page("pages/overzicht.py", indicator="eenzaam_pct")
    assert at.selectbox(key="indicator_select").value == "eenzaam_pct"
    assert "Ernstig eenzaam" in " ".join(c.value for c in at.caption)
    at.selectbox(key="indicator_select").set_value("inwoners").run()
    assert at.query_params["indicator"] == "inwoners"
    table = at.table[0].value
    assert table.loc["Dommelbergen"].iloc[0] == "13.155"  # real CBS figure, nl-NL formatted
    assert not any(":orange-badge[demo] Deze cijfers" in c.value for c in at.caption)


@pytest.mark.usefixtures("built_db")
def test_overzicht_ignores_an_unknown_indicator_in_the_url() -> None:
    at = open_page("pages/overzicht.py", indicator="bestaat_niet'; drop table area; --")
    assert not at.exception
    assert at.selectbox(key="indicator_select").value == "samenhangindex"  # the headline measure


@pytest.mark.usefixtures("built_db")
def test_overzicht_year_choice() -> None:
    at = open_page("pages/overzicht.py")
    years = at.selectbox(key="jaar_select").options
    assert years[0] == "2025" and years[-1] == "2016"
    at.selectbox(key="jaar_select").set_value(2020).run()
    assert "2020." in " ".join(c.value for c in at.caption)
