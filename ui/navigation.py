"""Which pages exist, in which section, for which roles: one list that app.py, the menu, the page check
(ui/access.py), the tests and the benchmark share.

A page that is not ready is not in this list. A page has no default roles: a new page states who may use
it, or it does not construct (and page_setup refuses a page that is not in the list to everyone).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from data.access import ALL_ROLES, ROLES, STAFF

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageSpec:
    section: str
    path: str  # relative to the project root
    title: str
    roles: frozenset[str]  # who may open it (data/access.py ROLES); required, never a default
    default: bool = False

    def __post_init__(self) -> None:
        if not self.roles or not self.roles <= set(ROLES):
            raise ValueError(f"{self.path}: roles must be a non-empty subset of {ROLES}, not {set(self.roles)}")


# Sociaal domein (spending and care use) is steering information: not the wijkmakelaar's. The raad sees
# aggregates only: no Agenda or Logboek (free-text notes and actions), no data management.
MANAGEMENT_INFO = frozenset({"management", "opgaveleider", "raad", "beheerder"})


PAGES: tuple[PageSpec, ...] = (
    PageSpec("Verkennen", "pages/overzicht.py", "Overzicht", ALL_ROLES, default=True),
    PageSpec("Verkennen", "pages/kaart.py", "Kaart", ALL_ROLES),
    PageSpec("Verkennen", "pages/wijkprofiel.py", "Wijkprofiel", ALL_ROLES),
    PageSpec("Verkennen", "pages/vergelijken.py", "Vergelijken", ALL_ROLES),
    PageSpec("Verkennen", "pages/initiatieven.py", "Initiatieven & vrijwilligers", ALL_ROLES),
    PageSpec("Verkennen", "pages/sociaal_domein.py", "Sociaal domein", MANAGEMENT_INFO),
    PageSpec("Verkennen", "pages/over_de_cijfers.py", "Over de cijfers", ALL_ROLES),
    PageSpec("Ambities 2030", "pages/ambities.py", "Ambities 2030", ALL_ROLES),
    PageSpec("Ambities 2030", "pages/agenda.py", "Agenda van de wijk", STAFF),
    PageSpec("Ambities 2030", "pages/logboek.py", "Logboek", STAFF),
    PageSpec("Raad", "pages/raadssnapshot.py", "Raadssnapshot", MANAGEMENT_INFO),
    PageSpec("Beheer", "pages/gegevensbeheer.py", "Gegevensbeheer", frozenset({"beheerder"})),
)


def pages_for(role: str) -> list[PageSpec]:
    """The pages ``role`` may open, in menu order."""
    return [spec for spec in PAGES if role in spec.roles]


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


def sidebar_menu(role: str) -> None:
    """The menu: one heading per section, a link per page the role may use (the pages check it again).
    Links keep nothing in the URL by themselves; the pages restore wijk, indicator and year from the
    session (ui.params)."""
    mine = pages_for(role)
    try:
        for section in dict.fromkeys(spec.section for spec in mine):
            st.sidebar.markdown(f"**{section}**")
            for spec in mine:
                if spec.section == section:
                    st.sidebar.page_link(spec.path, label=spec.title)
    except StreamlitPageNotFoundError:
        # a page run on its own (AppTest.from_file on a page) has no registered pages to link to
        return
