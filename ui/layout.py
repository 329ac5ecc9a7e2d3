"""The shared set-up every page calls first: page config, sidebar with peildatum and demo notice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import overview
from data.store import StoreError
from ui import navigation, store

APP_NAME = "Wijkmonitor Oosterhout"
# A local file: a material or emoji page icon makes the browser fetch the favicon from Google's CDN.
FAVICON = str(Path(__file__).resolve().parents[1] / "assets" / "favicon.png")


def page_setup(title: str) -> None:
    """Configure the page and draw the shared sidebar. Stops the page with a Dutch message when the
    store cannot be opened."""
    st.set_page_config(page_title=f"{title} · {APP_NAME}", page_icon=FAVICON, layout="wide")
    try:
        store.store()
    except StoreError as exc:
        st.error(f"De gegevens kunnen niet worden geopend. {exc}")
        st.stop()
    _sidebar()
    st.title(title)


def _sidebar() -> None:
    indicators = store.table("indicator")
    values = store.table("indicator_value")
    log = store.load_log()
    with st.sidebar:
        st.markdown(f"### {APP_NAME}")
        navigation.sidebar_menu()
        st.divider()
        st.caption(overview.peildatum_text(indicators, values))
        ok = log[log.status == "ok"]
        if not ok.empty:
            last = ok.iloc[-1]
            st.caption(f"Gegevensversie {int(last.load_id)} · geladen {pd.Timestamp(last.loaded_at):%d-%m-%Y}")
        if indicators.is_demo.any():
            st.warning(
                "**Demodata.** Cijfers met het label *demo* zijn gegenereerd voor deze proefversie en zijn "
                "niet echt. Echt (CBS) zijn: grenzen, inwoners, woningen en oppervlakte.",
                icon=":material/science:",
            )
        st.caption("Bron echte cijfers: CBS, licentie CC BY 4.0.")
