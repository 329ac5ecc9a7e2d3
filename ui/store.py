"""Cached access to the store for the pages.

One Store (one DuckDB connection) per server process, held with ``st.cache_resource``; each query
runs on its own cursor inside the Store. Table reads are cached per data version, so a new load
(import, in-app edit) is visible on the next rerun without clearing caches by hand.
"""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from data.build import build, needs_build
from data.catalogue import Settings, load_settings
from data.store import Store, default_path

_build_lock = threading.Lock()


@st.cache_resource(show_spinner="De database wordt geopend …")
def _open() -> Store:
    path = default_path()
    with _build_lock:  # two first visitors must not both build
        if needs_build(path):
            build(path)
    return Store.open(path)


def store() -> Store:
    """The process-wide store; builds it from the bundled data when it is missing."""
    return _open()


@st.cache_resource
def settings() -> Settings:
    return load_settings()


def data_version() -> int:
    return store().data_version()


@st.cache_data(show_spinner=False, max_entries=64)
def _table(name: str, version: int) -> pd.DataFrame:
    return store().table(name)


def table(name: str) -> pd.DataFrame:
    """A current store table (a copy: callers may change it)."""
    return _table(name, data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _load_log(version: int) -> pd.DataFrame:
    return store().load_log()


def load_log() -> pd.DataFrame:
    return _load_log(data_version())
