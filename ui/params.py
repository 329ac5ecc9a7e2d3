"""Choices that live in the URL: wijk, indicator and year can be linked, and survive page switches.

The pattern is the one verified in VERIFIED.md §1: the truth is a plain session_state key (widget
state is dropped on page switches); the URL wins only when it differs from what this code last wrote
(a deep link or the back button), otherwise the widget wins; the URL is written again on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.age_groups import AgeGroups
from ui.text import inert, one_line

SHOWN_CHARACTERS = 40  # of an unknown value from the URL
_NEUTER = {"jaar", "startjaar", "thema", "gebied", "zorggebruik", "onderdeel"}  # het-woorden
_SUBJECT = {"wijk of hele gemeente": "Het gebied", "taakvelden": "De keuze van taakvelden"}


def _the(label: str) -> str:
    """'Wijk' -> 'De wijk', 'Jaar' -> 'Het jaar': the label as the subject of a Dutch sentence."""
    noun = label.split(" (")[0].strip().lower()
    if noun in _SUBJECT:
        return _SUBJECT[noun]
    return f"{'Het' if noun in _NEUTER else 'De'} {inert(noun)}"


def unknown_in_link(label: str, values: Sequence[str], now: str, *, several: bool = False) -> None:
    """The notice for values in the URL that are not among the options: shown inert, at most 40 characters.

    ``several``: the choice holds several values (a multiselect); the unknown ones are left out."""
    shown = ", ".join(f"‘{one_line(value, SHOWN_CHARACTERS)}’" for value in values[:3])
    if len(values) > 3:
        shown += f" en nog {len(values) - 3}"
    if several:
        what = "is onbekend en weggelaten" if len(values) == 1 else "zijn onbekend en weggelaten"
        text = f"In de link bij ‘{inert(label)}’: {shown} {what}. U ziet nu {inert(now)}."
    else:
        text = f"{_the(label)} in de link ({shown}) is onbekend; u ziet nu {inert(now)}."
    st.info(text, icon=":material/link_off:")


def bound_select(
    label: str,
    options: Sequence[Hashable],
    *,
    key: str,
    default: Hashable | None = None,
    format_func: Callable[[Hashable], str] = str,
    container: DeltaGenerator | None = None,
    help: str | None = None,
    placeholder: str = "Kies een optie",
) -> Hashable:
    """A select box whose choice is kept in ``st.session_state[key]`` and in ``?key=`` of the URL.

    An unknown value in the URL (a typo, an old link, an injection attempt) is not used: a notice says so
    (:func:`unknown_in_link`), the current choice stays (or the default), and the URL is corrected.
    """
    options = list(options)
    if not options:
        raise ValueError(f"no options for {label!r}")
    state = st.session_state
    by_text = {str(option): option for option in options}
    from_url = st.query_params.get(key)
    unknown = from_url is not None and from_url not in by_text and from_url != state.get(f"_{key}_url")
    if from_url in by_text and from_url != state.get(f"_{key}_url"):
        state[key] = by_text[from_url]
    if state.get(key) not in options:
        state[key] = default if default in options else options[0]
    if unknown:
        unknown_in_link(label, [from_url], str(format_func(state[key])))
    widget_key = f"{key}_select"
    state[widget_key] = state[key]  # re-seed the widget: page switches drop widget state

    def _remember() -> None:
        state[key] = state[widget_key]

    (container or st).selectbox(
        label,
        options,
        key=widget_key,
        format_func=format_func,
        on_change=_remember,
        help=help,
        placeholder=placeholder,
    )
    state[f"_{key}_url"] = str(state[key])
    st.query_params[key] = str(state[key])
    return state[key]


def bound_multiselect(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: Sequence[str],
    format_func: Callable[[str], str] = str,
    max_selections: int | None = None,
    help: str | None = None,
) -> list[str]:
    """A multiselect kept in ``st.session_state[key]`` and in ``?key=a,b,c`` (same rules as bound_select)."""
    options = list(options)
    state = st.session_state
    from_url = st.query_params.get(key)
    unknown: list[str] = []
    if from_url is not None and from_url != state.get(f"_{key}_url"):
        linked = [code for code in from_url.split(",") if code in options]
        unknown = [code for code in from_url.split(",") if code and code not in options]
        if linked:
            state[key] = linked[:max_selections] if max_selections else linked
    if not isinstance(state.get(key), list) or not set(state[key]) <= set(options):
        state[key] = [code for code in default if code in options]
    if unknown:
        now = ", ".join(str(format_func(code)) for code in state[key]) or "geen keuze"
        unknown_in_link(label, unknown, now, several=True)
    widget_key = f"{key}_select"
    state[widget_key] = state[key]

    def _remember() -> None:
        state[key] = list(state[widget_key])

    st.multiselect(label, options, key=widget_key, format_func=format_func, on_change=_remember,
                   max_selections=max_selections, help=help, placeholder="Kies een of meer")  # fmt: skip
    text = ",".join(state[key])
    state[f"_{key}_url"] = text
    st.query_params[key] = text
    return list(state[key])


AGE_HELP = "RIVM schat deze cijfers voor alle volwassenen en apart voor 65-plussers."


def age_group_choice(groups: AgeGroups, options: Sequence[str], container: DeltaGenerator | None = None) -> str:
    """'Leeftijdsgroep' (``?leeftijd=``, default 18+) among ``options`` (groups of analysis.age_groups)."""
    return str(
        bound_select(
            "Leeftijdsgroep",
            list(options),
            key="leeftijd",
            default=groups.default,
            format_func=groups.labels.__getitem__,
            container=container,
            help=AGE_HELP,
        )
    )


def indicator_for_age(groups: AgeGroups, indicator_id: str, container: DeltaGenerator | None = None) -> str:
    """The member of ``indicator_id``'s age-group twins to show: the choice is offered only when it has twins
    (ernstig eenzaam 18+ / 65+); otherwise the indicator itself."""
    options = groups.groups(indicator_id)
    return groups.pick(indicator_id, age_group_choice(groups, options, container)) if options else indicator_id


def follow_age_twin_link(groups: AgeGroups) -> None:
    """An old or shared link to a twin (``?indicator=eenzaam_65plus_pct``) becomes the listed indicator with
    its age group (``?indicator=eenzaam_pct&leeftijd=65+``), so the pickers understand it."""
    linked = st.query_params.get("indicator")
    if linked in groups.others():
        st.query_params["indicator"] = groups.base(linked)
        st.query_params["leeftijd"] = groups.group_of(linked)
