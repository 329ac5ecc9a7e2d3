"""Analysis results and figures that pages reuse, cached per data version and choice.

The functions in analysis/ and charts/ stay pure; this module only memoises their results for the
server (st.cache_data), keyed by the data version so that a new load is picked up at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import ambitions, compare, findings, national, overview, profile, suppression
from charts import profile as profile_charts
from ui import store


@st.cache_data(show_spinner=False, max_entries=32)
def _wijk_comparison(version: int, wijk_code: str) -> pd.DataFrame:
    values = store.indicator_values()
    return profile.compare_to_gemeente(
        values,
        store.table("indicator"),
        wijk_code,
        store.settings().gemeente_code,
        store.measurable(values),
        store.privacy_rules(),
    )


def wijk_comparison(wijk_code: str) -> pd.DataFrame:
    """profile.compare_to_gemeente for one wijk."""
    return _wijk_comparison(store.data_version(), wijk_code)


@st.cache_data(show_spinner=False, max_entries=4)
def _sources(version: int) -> tuple[str, pd.DataFrame]:
    indicators, values = store.table("indicator"), store.table("indicator_value")
    return overview.peildatum_text(indicators, values), overview.real_sources(indicators, values)


def sources() -> tuple[str, pd.DataFrame]:
    """overview.peildatum_text and overview.real_sources of the stored values: the sidebar of every page shows
    them, and they change only with the data."""
    return _sources(store.data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _buurt_tables(version: int) -> dict[str, pd.DataFrame]:
    settings = store.settings()
    values, areas, indicators = store.indicator_values(), store.table("area"), store.table("indicator")
    return overview.buurt_tables(values, areas, indicators, settings.gemeente_code, settings.privacy)


def buurt_tables() -> dict[str, pd.DataFrame]:
    """analysis.overview.buurt_tables of the stored data, made once per data version (the same for every wijk)."""
    return _buurt_tables(store.data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _national_levels(version: int) -> dict[tuple[str, int], pd.Series]:
    return national.level_tables(store.nl_values(), store.nl_areas())


def national_levels() -> dict[tuple[str, int], pd.Series]:
    """national.level_values of every indicator and year, keyed by (indicator_id, year), made once per data
    version: a wijk's position among all NL wijken is then a lookup, not a filter of the national table."""
    return _national_levels(store.data_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _heat_table(version: int, wijk_codes: tuple[str, ...], indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    return compare.heat_table(
        store.indicator_values(),
        store.table("indicator"),
        store.table("area"),
        list(wijk_codes),
        list(indicator_ids),
        None,
        store.settings().gemeente_code,
        store.privacy_rules(),
    )


def heat_table(wijk_codes: list[str], indicator_ids: list[str]) -> pd.DataFrame:
    """compare.heat_table in each indicator's latest year."""
    return _heat_table(store.data_version(), tuple(wijk_codes), tuple(indicator_ids))


def _stored(figure: go.Figure) -> dict:
    """A figure as a cache keeps it: its plain dict. A pickled go.Figure validates every property again when it is
    unpickled (about 20 ms for a figure of 12 lines, on every cache hit)."""
    return figure.to_dict()


def _restored(spec: dict) -> go.Figure:
    """A cached figure, without validating again what plotly validated when the figure was built."""
    return go.Figure(spec, _validate=False)


@st.cache_data(show_spinner=False, max_entries=32)
def _trends_figure(
    version: int,
    series: pd.DataFrame,
    indicator_ids: tuple[str, ...],
    names: tuple[tuple[str, str], ...],
    reference: str,
) -> dict:
    indicators = store.table("indicator")
    shown = indicators[indicators.indicator_id.isin(indicator_ids)]
    return _stored(profile_charts.trends(series, shown, dict(names), reference=reference))


def trends_figure(series: pd.DataFrame, names: dict[str, str], reference: str) -> go.Figure:
    """charts.profile.trends for the indicators in ``series`` (building subplots is the slow part)."""
    ids = tuple(sorted(series.indicator_id.unique()))
    return _restored(_trends_figure(store.data_version(), series, ids, tuple(names.items()), reference))


@st.cache_data(show_spinner=False, max_entries=4)
def _ambition_assessments(version: int) -> dict:
    values, indicators = store.table("indicator_value"), store.table("indicator")
    shown = suppression.suppress(values, indicators, overview.population(values), store.privacy_rules())
    return ambitions.assess_all(store.table("target"), shown, indicators)


def ambition_assessments() -> dict:
    """ambitions.assess_all on the suppressed values (the raad's rules apply)."""
    return _ambition_assessments(store.data_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _findings(version: int) -> list[findings.Finding]:
    return findings.findings(
        store.indicator_values(),
        store.table("indicator"),
        store.table("area"),
        store.table("target"),
        store.settings().gemeente_code,
        store.privacy_rules(),
    )


def what_stands_out() -> list[findings.Finding]:
    """analysis.findings.findings over the current store ("Wat valt op" on the Overzicht)."""
    return _findings(store.data_version())


@st.cache_data(show_spinner=False, max_entries=128)
def _figure(version: int, module: str, name: str, args: tuple, kwargs: tuple) -> dict:
    builder = getattr(importlib.import_module(module), name)
    return _stored(builder(*args, **dict(kwargs)))


def figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """``builder(*args, **kwargs)`` from charts/, cached per data version and arguments.

    Building a plotly figure (validation of every property) is most of a chart-heavy page's run time,
    and the same choice gives the same figure until the data change.
    """
    key = (builder.__module__, builder.__name__, args, tuple(sorted(kwargs.items())))
    return _restored(_figure(store.data_version(), *key))
