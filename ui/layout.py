"""The shared set-up every page calls first: page config, who the user is and whether the page is theirs
(ui/access.py), the sidebar with role, menu, peildatum and demo notice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from data.access import AccessError, User
from data.store import StoreError
from ui import access, cached, navigation, store

APP_NAME = "Wijkmonitor"  # until the store says which gemeente (store.app_name)
# A local file: a material or emoji page icon makes the browser fetch the favicon from Google's CDN.
FAVICON = str(Path(__file__).resolve().parents[1] / "assets" / "favicon.png")


# Streamlit 1.67 writes a few words in English with no parameter to change them; CSS puts Dutch in their place
# (the English text is hidden, not removed: display none where nothing needs it, font-size 0 inside the date
# field, whose segments must stay focusable). Checked in chromium by tests/browser/test_headline.py.
_DUTCH_DEFAULTS_CSS = """<style>
[role="listbox"][data-empty="true"] [role="option"] > span { display: none; }
[role="listbox"][data-empty="true"]::after {
  content: "Geen resultaten"; display: block; padding: 0.5rem 1rem; color: rgba(49, 51, 63, 0.6); }
[role="listbox"][data-empty="true"][aria-multiselectable="true"]::after {
  content: "Geen resultaten (of het hoogste aantal is al gekozen: haal er eerst een weg)"; }
[data-testid="stDateInputField"] [role="spinbutton"][data-placeholder="true"][data-type="year"] { font-size: 0; }
[data-testid="stDateInputField"] [role="spinbutton"][data-placeholder="true"][data-type="year"]::after {
  content: "jjjj"; font-size: 1rem; }
</style>"""


def page_setup(title: str) -> User:
    """Configure the page, find the user and draw the shared sidebar; returns the user. Stops the page
    with a Dutch message when the store or the access settings cannot be read, when nobody is signed in
    (OIDC), or when the user's role may not use this page (ui/access.py): before the page reads any data."""
    try:
        store.store()
        name = store.app_name()
    except StoreError as exc:
        st.set_page_config(page_title=f"{title} · {APP_NAME}", page_icon=FAVICON, layout="wide")
        st.error(f"De gegevens kunnen niet worden geopend. {exc}")
        st.stop()
    st.set_page_config(page_title=f"{title} · {name}", page_icon=FAVICON, layout="wide")
    st.html(_DUTCH_DEFAULTS_CSS)
    try:
        cfg = access.config()
    except AccessError as exc:
        st.error(f"De toegangsinstellingen kunnen niet worden gelezen, daarom is de Wijkmonitor gesloten. {exc}")
        st.stop()
    areas = store.table("area")
    wijken = dict(areas[areas.level == "wijk"].sort_values("area_code")[["area_code", "name"]].itertuples(index=False))
    user = access.current_user(cfg, wijken)
    _sidebar(cfg, user, wijken)
    st.title(title)
    access.refuse_unless_allowed(access.spec_for(title), user, title, demo=cfg.mode == "demo")
    return user


def _sidebar(cfg: access.AccessConfig, user: User, wijken: dict[str, str]) -> None:
    indicators = store.table("indicator")
    peildatum, real = cached.sources()
    log = store.load_log()
    with st.sidebar:
        st.markdown(f"### {store.app_name()}")
        access.sidebar_block(cfg, user, wijken)
        navigation.sidebar_menu(user.role)
        st.divider()
        st.caption(peildatum)
        ok = log[log.status == "ok"]
        if not ok.empty:
            last = ok.iloc[-1]
            st.caption(f"Gegevensversie {int(last.load_id)} · geladen {pd.Timestamp(last.loaded_at):%d-%m-%Y}")
        if indicators.is_demo.any():
            count = sum(len(labels) for labels in real.indicators)
            origin = " en ".join(real.organisation)
            echt = f"Echt zijn de wijkgrenzen en {count} indicatoren van {origin}" if count else "Echt zijn de grenzen"
            st.warning(
                "**Demodata.** Cijfers met het label *demo* zijn gegenereerd voor deze proefversie en zijn niet echt. "
                f"{echt}; Over de cijfers zegt per indicator welke.",
                icon=":material/science:",
            )
        licences = "; ".join(f"{row.organisation} ({row.licence})" for row in real.itertuples())
        st.caption(f"Bron echte cijfers: {licences or 'CBS (CC BY 4.0)'}.")
