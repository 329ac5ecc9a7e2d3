"""Another gemeente in one command (issue 17): the gemeente's folder, the build from the national files and
every page for Oosterhout, Breda (mid-size), Vlieland (one small wijk) and Amsterdam (the most wijken).

The stores are built once per module (module-scoped, one per gemeente) from the committed folders in
data/gemeenten/; the app finds them through WIJKMONITOR_DB, like ``./dev run --gemeente``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from data import gemeenten
from data.build import build
from data.catalogue import CatalogueError, gemeente_dir
from data.store import Store
from tests.helpers import open_page, open_pages
from ui.navigation import PAGES

OTHERS = {"GM0758": "Breda", "GM0096": "Vlieland", "GM0363": "Amsterdam"}


@pytest.fixture(scope="module")
def stores(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A built store per gemeente: Oosterhout's is the session's shared one (only read here), the others are
    built here."""
    folder = tmp_path_factory.mktemp("gemeenten")
    paths = {"GM0826": built_db}
    for code in OTHERS:
        paths[code] = build(folder / f"wijkmonitor-{code}.duckdb", gemeente=gemeente_dir(code)).path
    return paths


@pytest.fixture
def app_for(stores: dict[str, Path], built_db: Path):
    """Point the app at one gemeente's store (as ./dev run --gemeente does); afterwards back to the session's."""

    def switch(code: str) -> None:
        # the caches are keyed by data version, which two stores share: cleared whenever the store changes
        # (and only then: the session's store keeps the caches other test modules warmed)
        if os.environ.get("WIJKMONITOR_DB") != str(stores[code]):
            os.environ["WIJKMONITOR_DB"] = str(stores[code])
            st.cache_data.clear()
            st.cache_resource.clear()

    yield switch
    switch("GM0826")


# -- which gemeente ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["GM0758", "gm0758", "0758", "758", "Breda", "  bReDa "])
def test_a_gemeente_by_code_or_name(text: str) -> None:
    assert gemeenten.resolve(text) == ("GM0758", "Breda")


def test_an_unknown_gemeente_gets_close_matches_in_dutch() -> None:
    with pytest.raises(CatalogueError, match=r"Onbekende gemeente 'Bredaa'\. Bedoelt u: Breda \(GM0758\)"):
        gemeenten.resolve("Bredaa")
    with pytest.raises(CatalogueError, match="staat niet in de landelijke KWB 2024"):
        gemeenten.resolve("GM9999")


def test_each_gemeente_has_its_own_default_store() -> None:
    assert gemeenten.db_path("GM0826").name == "wijkmonitor.duckdb"
    assert gemeenten.db_path("GM0758").name == "wijkmonitor-GM0758.duckdb"
    assert gemeenten.gemeente_of_path(Path("/x/wijkmonitor-GM0363.duckdb")) == "GM0363"
    assert gemeenten.gemeente_of_path(Path("/x/w.duckdb")) == "GM0826"


def test_a_new_folder_is_generated_deterministically(tmp_path: Path) -> None:
    """The build writes the same defaults again: the committed Vlieland folder is what it generates."""
    made = gemeenten.create_folder("GM0096", "Vlieland", root=tmp_path)
    committed = gemeente_dir("GM0096")
    for name in ("settings.yaml", "ambitions.yaml", "sociaal_domein.yaml", "demo.yaml"):
        assert (made / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), name
    with pytest.raises(CatalogueError, match="bestaat al"):
        gemeenten.create_folder("GM0096", "Vlieland", root=tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-written folder left


def test_the_cli_builds_a_new_gemeente_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from data.__main__ import main

    monkeypatch.setattr(gemeenten, "GEMEENTEN_DIR", tmp_path)
    shutil.copytree(gemeente_dir("GM0096"), tmp_path / "GM0096")
    monkeypatch.setattr("data.catalogue.GEMEENTEN_DIR", tmp_path)
    assert main(["build", "--gemeente", "vlieland", "--db", str(tmp_path / "v.duckdb")]) == 0
    assert main(["build", "--gemeente", "Vlielandd", "--db", str(tmp_path / "x.duckdb")]) == 1
    assert not (tmp_path / "x.duckdb").exists()


# -- the stores --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(OTHERS))
def test_a_store_holds_the_gemeente_its_wijken_and_labelled_demo(stores: dict[str, Path], code: str) -> None:
    store = Store.open(stores[code], read_only=True)
    try:
        areas, values, log = store.table("area"), store.table("indicator_value"), store.load_log()
    finally:
        store.close()
    assert gemeenten.of_store(areas) == code
    assert areas[areas.level == "gemeente"].name.iloc[0] == OTHERS[code]
    wijken = areas[areas.level == "wijk"]
    assert len(wijken) == {"GM0758": 11, "GM0096": 1, "GM0363": 110}[code]
    assert wijken.area_code.str.startswith(f"WK{code[2:]}").all()
    inhabitants = values[(values.indicator_id == "inwoners") & (values.area_code == code)].value.iloc[0]
    assert inhabitants == {"GM0758": 188_078, "GM0096": 1_255, "GM0363": 931_298}[code]
    assert set(log[log.is_demo].dataset) == {"indicatorwaarden", "initiatieven", "vrijwilligers", "uitgaven",
                                             "agenda", "logboek"}  # fmt: skip
    assert not log[~log.is_demo].dataset.isin(["indicatorwaarden"]).any()
    demo_values = values[values.area_code.isin(wijken.area_code) & (values.indicator_id == "samenhang_score")]
    assert demo_values.area_code.nunique() == len(wijken)  # demo layers for *its* wijken


def test_vlieland_counts_are_suppressed(stores: dict[str, Path]) -> None:
    """One wijk of 1,255 inhabitants: small counts (initiatives per year) are hidden wherever shown."""
    from analysis import overview, suppression
    from data.catalogue import load_settings

    store = Store.open(stores["GM0096"], read_only=True)
    try:
        values, indicators = store.table("indicator_value"), store.table("indicator")
    finally:
        store.close()
    rules = load_settings(gemeente_dir("GM0096")).privacy
    shown = suppression.suppress(values, indicators, overview.population(values), rules)
    counts = shown[shown.indicator_id == "buurtactiviteiten"]
    small = counts[(counts.value.isna()) & counts.suppressed.notna()]
    assert not small.empty  # some years have 1-4 activities: hidden, with a reason


# -- every page, every gemeente ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["GM0826", *OTHERS])
def test_every_page_renders_for_each_gemeente(app_for, code: str) -> None:
    app_for(code)
    name = OTHERS.get(code, "Oosterhout")
    titles = {spec.path: spec.title for spec in PAGES}
    # one session goes through the menu (a new session per page would run the Overzicht before every page)
    for path, at in open_pages(list(titles)):
        assert not at.exception, (code, path, [e.message for e in at.exception])
        assert at.title[0].value == titles[path]
        sidebar = " ".join(m.value for m in at.sidebar.markdown)
        assert f"Wijkmonitor {name}" in sidebar, (code, path)
        text = " ".join(m.value for m in [*at.markdown, *at.caption])
        if code != "GM0826":
            assert "Oosterhout" not in text and "kerkdorp" not in text.lower(), (code, path)


TABBED = {  # pages whose tabs run only when open (widgets.lazy_tabs): each tab is opened on its own
    "pages/initiatieven.py": (
        "Initiatieven",
        "Subsidie en budget",
        "Vrijwilligers en draagkracht",
        "Mooie voorbeelden",
        "Register",
    ),
    "pages/sociaal_domein.py": (
        "Per taakveld",
        "Begroot en gerealiseerd",
        "Groei",
        "Inzet per wijk",
        "Samenhang en zorg",
    ),
}


@pytest.mark.parametrize("code", ["GM0826", *OTHERS])
def test_every_tab_renders_for_each_gemeente(app_for, code: str) -> None:
    """Amsterdam's hundreds of good examples are not hundreds of links: the newest few, and the filters and the
    register for the rest."""
    from ui.views.initiatieven import FEATURED, LISTED

    app_for(code)
    for path, tabs in TABBED.items():
        for tab in tabs:
            at = open_page(path, onderdeel=tab)
            assert not at.exception, (code, path, tab, [e.message for e in at.exception])
            if tab != "Mooie voorbeelden":
                continue
            handouts = [link for link in at.main.get("page_link") if "voorbeeld" in str(link.proto.query_string)]
            assert 0 < len(handouts) <= FEATURED + LISTED, (code, len(handouts))
            if code == "GM0363":
                assert len(handouts) == FEATURED + LISTED
                assert any("Hier staan de 25 nieuwste; nog" in c.value for c in at.caption)


def test_vergelijken_with_a_hundred_wijken_changes_form(app_for) -> None:
    """Amsterdam, all 110 wijken: strips and the extremes instead of a 110-row heat-table and 110 lines."""
    app_for("GM0363")
    at = open_page("pages/vergelijken.py", indicatoren="samenhang_score,inzet_buurt_pct")
    at.toggle(key="alle_wijken").set_value(True).run()
    assert not at.exception
    ends = at.table[0].value
    assert len(ends) == 2 * 2 * 5  # two indicators, the 5 most and 5 least favourable wijken
    assert any("110 wijken: elke stip is een wijk" in c.value for c in at.caption)
    assert any("3 wijken met de hoogste en de 3 met de laagste" in c.value for c in at.caption)


@pytest.mark.parametrize("code", ["GM0096", "GM0363"])
def test_a_gemeente_snapshot_pdf(stores: dict[str, Path], code: str) -> None:
    from report import snapshot

    store = Store.open(stores[code], read_only=True)
    try:
        rendered = snapshot.generate(store, code, record=False).rendered
    finally:
        store.close()
    assert rendered.pdf.startswith(b"%PDF") and rendered.page_count >= 2
    assert f"Wijkmonitor {OTHERS[code]}" in rendered.html and "Oosterhout" not in rendered.html
    assert pd.notna(rendered.snapshot.snapshot_id)


def test_vergelijken_of_a_gemeente_with_one_wijk_says_so(app_for) -> None:
    app_for("GM0096")
    at = open_page("pages/vergelijken.py")
    assert any("Gemeente Vlieland heeft één wijk" in i.value for i in at.info)
