"""The Wijkmonitor: the picture frame. Navigation only; every page sets itself up (ui.layout).

A store problem that reaches this frame (a damaged file, a file held too long by another process) is shown as
a Dutch message without paths or DuckDB text instead of Streamlit's generic English error."""

import streamlit as st

from data.store import StoreError
from ui import store, warmup
from ui.navigation import navigation

try:
    if store.read_only():
        st.warning(store.READ_ONLY_NOTICE, icon=":material/edit_off:")
    with warmup.page_run():  # afterwards the other pages' caches fill in the background (ui/warmup.py)
        navigation().run()
except StoreError as problem:
    st.error(problem.public, icon=":material/error:")
