"""Which pages exist, in which section: one list that app.py, the tests and the benchmark share.

A page that is not ready is not in this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageSpec:
    section: str
    path: str  # relative to the project root
    title: str
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("Verkennen", "pages/overzicht.py", "Overzicht", default=True),
    PageSpec("Verkennen", "pages/kaart.py", "Kaart"),
    PageSpec("Verkennen", "pages/wijkprofiel.py", "Wijkprofiel"),
    PageSpec("Verkennen", "pages/vergelijken.py", "Vergelijken"),
    PageSpec("Verkennen", "pages/initiatieven.py", "Initiatieven & vrijwilligers"),
    PageSpec("Verkennen", "pages/sociaal_domein.py", "Sociaal domein"),
    PageSpec("Verkennen", "pages/over_de_cijfers.py", "Over de cijfers"),
    PageSpec("Ambities 2030", "pages/ambities.py", "Ambities 2030"),
    PageSpec("Ambities 2030", "pages/agenda.py", "Agenda van de wijk"),
    PageSpec("Ambities 2030", "pages/logboek.py", "Logboek"),
    PageSpec("Raad", "pages/raadssnapshot.py", "Raadssnapshot"),
    PageSpec("Beheer", "pages/gegevensbeheer.py", "Gegevensbeheer"),
)


def navigation() -> st.navigation:
    """The st.navigation object with one section per role's area of work."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        # no page icons: Streamlit turns a page's icon into a favicon fetched from Google's CDN, and
        # the Wijkmonitor must work without internet (the favicon is a local file, ui.layout)
        page = st.Page(str(ROOT / spec.path), title=spec.title, default=spec.default)
        sections.setdefault(spec.section, []).append(page)
    # Hidden: every page draws the menu itself (sidebar_menu). Streamlit's own menu, with a pages/ folder,
    # shows the folder's file names ("app", "agenda", …) to the first visitor after a server start who
    # arrives through a deep link; config.toml turns that menu off (client.showSidebarNavigation).
    return st.navigation(sections, position="hidden")


def sidebar_menu() -> None:
    """The menu: one heading per section, a link per page. Links keep nothing in the URL by themselves;
    the pages restore wijk, indicator and year from the session (ui.params)."""
    try:
        for section in dict.fromkeys(spec.section for spec in PAGES):
            st.sidebar.markdown(f"**{section}**")
            for spec in PAGES:
                if spec.section == section:
                    st.sidebar.page_link(spec.path, label=spec.title)
    except StreamlitPageNotFoundError:
        # a page run on its own (AppTest.from_file on a page) has no registered pages to link to
        return
