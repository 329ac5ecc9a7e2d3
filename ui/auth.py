"""The one place that talks to Streamlit's OIDC sign-in: ``st.login``, ``st.user``, ``st.logout``, and the
``[auth]`` secrets. Nothing else in the app calls these, so tests stub this module (or set ``AppTest.user``)
and sign-in needs no identity provider offline.

Secrets are read here and never shown: messages name the missing setting, not its value.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def claims() -> Mapping[str, object] | None:
    """The signed-in account's identity claims (e-mail, name, groups …), or None when nobody is signed in."""
    if not st.user.get("is_logged_in"):
        return None
    return {key: value for key, value in st.user.to_dict().items() if key != "tokens"}


def login(provider: str | None) -> None:
    """Send the browser to the identity provider (``[auth.<provider>]`` in secrets.toml, or ``[auth]``)."""
    if provider:
        st.login(provider)
    else:
        st.login()


def logout() -> None:
    st.logout()


def missing_settings(provider: str | None) -> list[str]:
    """The secrets.toml settings sign-in needs that are absent (names only, never values)."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        section = None
    if not isinstance(section, Mapping):
        return ["[auth]"]
    missing = [f"[auth] {key}" for key in ("redirect_uri", "cookie_secret") if not section.get(key)]
    provider_section = section.get(provider) if provider else section
    if not isinstance(provider_section, Mapping):
        return [*missing, f"[auth.{provider}]"]
    where = f"[auth.{provider}]" if provider else "[auth]"
    missing += [
        f"{where} {key}"
        for key in ("client_id", "client_secret", "server_metadata_url")
        if not provider_section.get(key)
    ]
    return missing


def pseudonym_key() -> str:
    """The key of the audit pseudonyms (data/access.py account_id): the cookie secret, which only the
    server knows."""
    return str(st.secrets["auth"]["cookie_secret"])
