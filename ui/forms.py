"""Streamlit helpers for the Ambities, Agenda and Logboek pages: pickers, edit feedback, cached reads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data import access, edits
from data.access import User
from ui import store, widgets
from ui.text import inert

_FLASH = "_edit_flash"
_ROUND = "_edit_round"
NO_CHOICE = ""  # the "none" option of optional select boxes


# -- feedback after a write --------------------------------------------------------------------------


def saved(message: str) -> None:
    """After a successful write: remember the message, start a new round of text fields (see
    :func:`fresh_key`) and rerun, so the page shows the new state at once."""
    st.session_state[_FLASH] = message
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1
    st.rerun()


def fresh_key(name: str) -> str:
    """A widget key that changes after every successful write: the browser keeps a form field's text
    when only its session state is reset, a new key gives an empty field. Refused input stays to fix."""
    return f"{name}_{st.session_state.get(_ROUND, 0)}"


def show_saved() -> None:
    """Show (once) the success message of the write that triggered this run."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(inert(message), icon=":material/check_circle:")  # may hold a code or text from a user


def show_refused(error: edits.EditError) -> None:
    st.error("Niet opgeslagen:\n" + "\n".join(f"- {inert(problem)}" for problem in error.problems))


# -- pickers -----------------------------------------------------------------------------------------


def area_options(include_gemeente: bool) -> dict[str, str]:
    """area_code -> display name: the gemeente first (when included), then the wijken by code."""
    areas = store.table("area")
    options: dict[str, str] = {}
    if include_gemeente:
        gemeente = areas[areas.level == "gemeente"]
        options |= {row.area_code: f"Gemeente {row.name} (geheel)" for row in gemeente.itertuples()}
    wijken = areas[areas.level == "wijk"].sort_values("area_code")
    options |= {
        row.area_code: f"{row.name} (kerkdorp)" if row.is_kerkdorp else str(row.name) for row in wijken.itertuples()
    }
    return options


def area_picker(options: dict[str, str], label: str = "Wijk", user: User | None = None) -> str:
    """The page's wijk choice (ui.widgets.wijk_choice: searchable, bound to ``?wijk=`` and to the wijk chosen on
    other pages). A wijkmakelaar starts in their own (first) wijk."""
    default = user.wijken[0] if user is not None and user.wijken else None
    return widgets.wijk_choice(options, label=label, default=default)


def optional_select(label: str, options: dict[str, str], key: str, none_label: str = "— geen —") -> str | None:
    """A select box with a leading 'none' option; returns None for it."""
    chosen = st.selectbox(
        label,
        [NO_CHOICE, *options],
        format_func=lambda v: none_label if v == NO_CHOICE else options[v],
        key=key,
        placeholder="Kies een optie",
    )
    return None if chosen == NO_CHOICE else chosen


def read_only_notice(user: User, action: str, area_name: str) -> None:
    """Why this user sees no form here: the role does not write this, or not for this wijk."""
    if user.role == "wijkmakelaar" and not user.wijken:
        st.info(
            f"U kunt {access.ACTION_TEXT[action]} voor uw eigen wijken, maar er zijn (nog) geen wijken aan u "
            "toegewezen. In de demomodus kiest u ze in de zijbalk; anders wijst de beheerder ze toe.",
            icon=":material/edit_off:",
        )
    elif user.role == "wijkmakelaar" and user.role in access.ACTIONS[action]:
        st.info(
            f"U kunt hier alleen {access.ACTION_TEXT[action]} voor uw eigen wijken, niet voor {area_name}.",
            icon=":material/edit_off:",
        )
    else:
        st.info(f"Alleen lezen: de rol {user.label.lower()} kan hier niets wijzigen.", icon=":material/edit_off:")


# -- cached reads that depend on the data version ----------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def _notes(version: int) -> pd.DataFrame:
    return edits.notes(store.store())


def notes() -> pd.DataFrame:
    """Current logboek notes with load information (see data.edits.notes)."""
    return _notes(store.data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _agenda_versions(version: int) -> pd.DataFrame:
    return edits.agenda_versions(store.store())


def agenda_versions() -> pd.DataFrame:
    return _agenda_versions(store.data_version())


def history(table: str, key: str) -> pd.DataFrame:
    """Every version of one note or agenda item (not cached: read on demand, small)."""
    return edits.history(store.store(), table, key)


# -- version tables of notes and agenda items (Agenda, Logboek) ---------------------------------------


def day_text(value: object) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y}"


# Dates and IDs (18-11-2024, AG-00-01) must not break at their hyphens in a narrow first column of st.table (the
# browser ignores a style on its index cells): shown with U+2011, a hyphen that looks the same and does not break
NO_BREAK_HYPHEN = "\u2011"


def unbroken(text: str) -> str:
    return text.replace("-", NO_BREAK_HYPHEN)


def moment_text(value: object) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y %H:%M}"


def author(versions: pd.DataFrame, fallback: pd.Series | None = None) -> pd.Series:
    """The role that wrote each version; loads by the build are the demo data."""
    built = versions.loaded_by == "build"
    demo = (fallback + " (demo)") if fallback is not None else pd.Series("demodata", index=versions.index)
    return versions.loaded_by.where(~built, demo)
