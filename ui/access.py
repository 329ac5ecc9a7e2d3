"""Who is using the app, and whether this page is theirs: applied by ``ui.layout.page_setup`` on every page.

The rules are data (``ui/navigation.PAGES``: the roles per page; ``data/access.py``: the roles per write).
This module finds the user (open demo mode: the role picked in the sidebar; OIDC: the signed-in account,
mapped to a role by the configuration), draws the sidebar block, and refuses a page the role may not use,
politely and before any data is read.
"""

from __future__ import annotations

import streamlit as st

from data import access
from data.access import ROLE_LABELS, ROLES, AccessConfig, User
from ui import auth, store
from ui.navigation import PAGES, PageSpec, pages_for
from ui.text import inert

ROLE_KEY = "role"  # plain session keys: the truth (widget state is dropped on page switches, VERIFIED §1)
WIJKEN_KEY = "role_wijken"
DEFAULT_DEMO_ROLE = "management"
_CONFIG_CACHE: dict[tuple[str, float], AccessConfig] = {}


def config() -> AccessConfig:
    """The access configuration, read again when the file changes. Raises data.access.AccessError."""
    path = access.config_path()
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _CONFIG_CACHE:
        _CONFIG_CACHE.clear()
        _CONFIG_CACHE[key] = access.load_config(path)
    return _CONFIG_CACHE[key]


def spec_for(title: str) -> PageSpec | None:
    return next((spec for spec in PAGES if spec.title == title), None)


# -- who is this ----------------------------------------------------------------------------------------


def current_user(cfg: AccessConfig, wijken: dict[str, str]) -> User:
    """The user of this session. In OIDC mode, shows the sign-in screen (or the 'no role' message) and stops
    the page when there is no user with a role yet. ``wijken``: code -> name, for a wijkmakelaar's scope."""
    if cfg.mode == "oidc":
        return _oidc_user(cfg, wijken)
    return _demo_user(wijken)


def _demo_user(wijken: dict[str, str]) -> User:
    state = st.session_state
    if state.get(ROLE_KEY) not in ROLES:
        state[ROLE_KEY] = DEFAULT_DEMO_ROLE
    scope = state.get(WIJKEN_KEY)
    if not isinstance(scope, list) or not set(scope) <= set(wijken):
        state[WIJKEN_KEY] = list(wijken)[:1]
    role = state[ROLE_KEY]
    return User(role=role, wijken=tuple(state[WIJKEN_KEY]) if role == "wijkmakelaar" else ())


def _oidc_user(cfg: AccessConfig, wijken: dict[str, str]) -> User:
    missing = auth.missing_settings(cfg.provider)
    if missing:
        st.error(
            "Inloggen is ingesteld (modus oidc), maar in .streamlit/secrets.toml ontbreekt: "
            f"{', '.join(missing)}. Vraag de beheerder dit in te stellen (README, 'Roles and access')."
        )
        st.stop()
    claims = auth.claims()
    if claims is None:
        _sign_in_screen(cfg)
        st.stop()
    user = cfg.user_for(claims, auth.pseudonym_key())
    if user is None:
        st.title("Geen toegang")
        st.warning(
            "U bent ingelogd, maar uw account heeft (nog) geen rol in de Wijkmonitor. Vraag de beheerder "
            "van de Wijkmonitor om u een rol te geven."
        )
        if st.button("Uitloggen", key="logout_no_role"):
            auth.logout()
        st.stop()
    unknown = [code for code in user.wijken if code not in wijken]
    if unknown:
        st.error(
            f"De toegangsinstellingen ({cfg.source}) noemen onbekende wijken: {', '.join(unknown)}. "
            "Vraag de beheerder dit te herstellen."
        )
        st.stop()
    return user


def _sign_in_screen(cfg: AccessConfig) -> None:
    st.title(store.app_name())
    st.markdown(
        "De Wijkmonitor laat per wijk zien hoe sociale samenhang, leefbaarheid en de sociale basis zich "
        "ontwikkelen. Log in met uw account van de gemeente; wat u ziet hangt af van uw rol."
    )
    if st.button("Inloggen", type="primary", key="login"):
        auth.login(cfg.provider)


# -- sidebar --------------------------------------------------------------------------------------------


def sidebar_block(cfg: AccessConfig, user: User, wijken: dict[str, str]) -> None:
    """Demo mode: the role picker, clearly marked. OIDC: who is signed in, and a sign-out button."""
    if cfg.mode == "oidc":
        scope = f" · {', '.join(wijken[c] for c in user.wijken)}" if user.wijken else ""
        st.sidebar.caption(f"Ingelogd als {inert(user.display_name, 60)} · {user.label}{scope}")
        if st.sidebar.button("Uitloggen", key="logout"):
            auth.logout()
        return
    state = st.session_state
    st.sidebar.warning(
        "**Demomodus.** Er wordt niet ingelogd: kies hieronder een rol om te zien wat die rol ziet en mag.",
        icon=":material/badge:",
    )
    state["role_select"] = state[ROLE_KEY]  # re-seed: page switches drop widget state

    def _remember_role() -> None:
        state[ROLE_KEY] = state["role_select"]

    st.sidebar.selectbox(
        "Rol (demomodus)",
        ROLES,
        format_func=ROLE_LABELS.__getitem__,
        key="role_select",
        on_change=_remember_role,
        placeholder="Kies een optie",
    )
    if state[ROLE_KEY] == "wijkmakelaar":
        state["role_wijken_select"] = state[WIJKEN_KEY]

        def _remember_wijken() -> None:
            state[WIJKEN_KEY] = list(state["role_wijken_select"])

        st.sidebar.multiselect(
            "Uw wijken",
            list(wijken),
            format_func=wijken.__getitem__,
            key="role_wijken_select",
            on_change=_remember_wijken,
            help="Een wijkmakelaar schrijft notities en agendapunten alleen voor de eigen wijken.",
            placeholder="Kies een of meer",
        )


# -- the page's own check ---------------------------------------------------------------------------------


def refuse_unless_allowed(spec: PageSpec | None, user: User, title: str, demo: bool) -> None:
    """Stop the page with a polite Dutch refusal when the user's role may not use it. A page without an
    access rule (not in PAGES) is refused to everyone."""
    if spec is not None and user.role in spec.roles:
        return
    if spec is None:
        st.error(f"De pagina '{title}' heeft geen toegangsregel en wordt daarom aan niemand getoond.")
        st.stop()
    st.info(
        f"**Deze pagina is niet beschikbaar voor de rol {user.label.lower()}.** "
        f"{title} is er voor: {', '.join(ROLE_LABELS[r].lower() for r in ROLES if r in spec.roles)}.",
        icon=":material/lock:",
    )
    if demo:
        st.caption("U bent in de demomodus: kies in de zijbalk een andere rol om deze pagina te bekijken.")
    st.markdown("Wel voor u beschikbaar:")
    for page in pages_for(user.role):
        _page_link(page)
    st.stop()


def _page_link(page: PageSpec) -> None:
    try:
        st.page_link(page.path, label=page.title)
    except st.errors.StreamlitPageNotFoundError:  # a page run on its own (AppTest) has no links
        st.markdown(f"- {page.title}")
