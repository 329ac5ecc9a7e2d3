"""Every page renders on every store the app itself can bring about: a build load undone (each in turn), an
indicator without spread, a single year, no gemeente values. No exception anywhere; a Dutch notice where
something cannot be shown."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st

from data.store import BUILD_ROLE, UNDO_PROTECTED, Store
from tests.helpers import copy_store, open_pages
from ui.navigation import PAGES
from ui.views import wijkprofiel

GEMEENTE = "GM0826"
WIJKEN = ("WK082613", "WK082608")  # Dorst, and a near-empty industrieterrein
PER_WIJK = ("pages/wijkprofiel.py", "pages/raadssnapshot.py")  # rendered for each wijk, the others for the first


def _supersede_values(store: Store, change: Callable[[pd.DataFrame], pd.DataFrame], what: str) -> None:
    values = store.table("indicator_value").drop(columns="load_id")
    store.write_load(
        dataset="indicatorwaarden",
        source=what,
        sha256=what,
        loaded_by="beheerder",
        frames={"indicator_value": change(values)},
        is_demo=True,
    )


def _no_spread(values: pd.DataFrame) -> pd.DataFrame:
    """Every area the same value in every year: nothing to standardise the index with."""
    rows = values[values.indicator_id.isin(["samenhang_score", "vrijwilligers_pct"])].copy()
    rows["value"] = 6.5
    return rows


def _single_year(values: pd.DataFrame) -> pd.DataFrame:
    """Only the latest year of every indicator keeps its value (the others are superseded by 'unknown')."""
    latest = values.groupby("indicator_id").year.transform("max")
    rows = values[values.year != latest].copy()
    rows[["value", "numerator", "denominator", "n_respondents", "margin"]] = np.nan
    return rows


def _no_gemeente(values: pd.DataFrame) -> pd.DataFrame:
    rows = values[values.area_code == GEMEENTE].copy()
    rows[["value", "numerator", "denominator", "n_respondents", "margin"]] = np.nan
    return rows


def _undo(dataset: str) -> Callable[[Store], None]:
    def apply(store: Store) -> None:
        log = store.load_log()
        load_id = int(log[(log.dataset == dataset) & (log.loaded_by == BUILD_ROLE)].load_id.iloc[0])
        store.undo_load(load_id, "beheerder")

    return apply


UNDOABLE = ("indicatorwaarden", "initiatieven", "vrijwilligers", "uitgaven", "agenda", "logboek")
SCENARIOS: dict[str, Callable[[Store], None]] = {
    **{f"{dataset} ongedaan": _undo(dataset) for dataset in UNDOABLE},
    "geen spreiding": lambda s: _supersede_values(s, _no_spread, "geen-spreiding"),
    "één jaar": lambda s: _supersede_values(s, _single_year, "een-jaar"),
    "geen gemeentecijfers": lambda s: _supersede_values(s, _no_gemeente, "geen-gemeente"),
}


def test_the_undoable_build_loads_are_all_covered(built_template: Path, tmp_path: Path) -> None:
    store = Store.open(copy_store(built_template, tmp_path))
    try:
        log = store.load_log()
        built = set(log[log.loaded_by == BUILD_ROLE].dataset)
    finally:
        store.close()
    assert built - set(UNDO_PROTECTED) == set(UNDOABLE)


@pytest.fixture
def scenario_app(request: pytest.FixtureRequest, built_template: Path, built_db: Path, tmp_path: Path) -> Iterator:
    """The app reads a copy of the built store changed by the scenario; afterwards the session's store again."""
    path = copy_store(built_template, tmp_path)
    store = Store.open(path)
    try:
        SCENARIOS[request.param](store)
    finally:
        store.close()
    previous = os.environ["WIJKMONITOR_DB"]
    os.environ["WIJKMONITOR_DB"] = str(path)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        os.environ["WIJKMONITOR_DB"] = previous


@pytest.mark.parametrize("scenario_app", list(SCENARIOS), indirect=True)
@pytest.mark.usefixtures("scenario_app")
def test_every_page_renders_on_a_store_the_app_allows() -> None:
    failures = []
    titles = {spec.path: spec.title for spec in PAGES}
    for wijk in WIJKEN:  # one session per wijk goes through the pages (a new session per page costs twice)
        paths = [s.path for s in PAGES if wijk == WIJKEN[0] or s.path in PER_WIJK]
        # the Raadssnapshot chooses its area with ?gebied= (it opens on the gemeente, not on ?wijk=)
        for path, at in open_pages(paths, wijk=wijk, gebied=wijk):
            if at.exception:
                failures.append(f"{titles[path]} ({wijk}): {at.exception[0].message}")
            elif not at.title:
                failures.append(f"{titles[path]} ({wijk}): no title, the page stopped early without a notice")
            if path == "pages/wijkprofiel.py":  # only the open tab is made: every other tab too
                for section in wijkprofiel.SECTIONS[1:]:
                    at.query_params[wijkprofiel.SECTION_KEY] = section
                    at.run()
                    if at.exception:
                        failures.append(f"{titles[path]} › {section} ({wijk}): {at.exception[0].message}")
                del at.query_params[wijkprofiel.SECTION_KEY]
    assert not failures, failures
