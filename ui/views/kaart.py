"""The Kaart page: theme and indicator choice, the map's caption and clicks, downloads, links onward."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis import export, national
from analysis.formatting import format_value
from data.catalogue import Settings
from ui import store, widgets
from ui.params import bound_select
from ui.widgets import indicator_picker


def theme_and_indicator_picker(
    indicators: pd.DataFrame, themes: pd.DataFrame, default: str, columns: tuple[DeltaGenerator, DeltaGenerator]
) -> str:
    """Theme, then an indicator of that theme; both in the URL. A linked indicator brings its theme along."""
    meta = indicators.set_index("indicator_id")
    linked = st.query_params.get("indicator")
    if linked in meta.index and linked != st.session_state.get("_indicator_url"):
        st.session_state["thema"] = meta.at[linked, "theme_id"]  # a deep link: follow the indicator's theme
    current = st.session_state.get("indicator", default)
    theme_label = themes.set_index("theme_id").label
    with columns[0]:
        theme_id = bound_select(
            "Thema",
            [t for t in themes.theme_id if t in set(indicators.theme_id)],  # only themes with figures
            key="thema",
            format_func=theme_label.get,
            default=meta.at[current, "theme_id"] if current in meta.index else None,
        )
    in_theme = indicators[indicators.theme_id == theme_id]
    with columns[1]:  # the page's default where it belongs to the theme, never the alphabetically first one
        return indicator_picker(in_theme, themes, default=default if default in set(in_theme.indicator_id) else None)


LEVELS = {"wijk": "Wijken", "buurt": "Buurten"}
AREA_HEADING = {"wijk": "Wijk", "buurt": "Buurt"}


def level_picker(has_buurten: bool) -> str:
    """Niveau: wijk or buurt (in the URL as ?niveau=), offered when the indicator has buurt values."""
    if not has_buurten:
        st.caption("Niveau: wijk (voor deze indicator zijn geen buurtcijfers geladen).")
        return "wijk"
    return str(bound_select("Niveau", list(LEVELS), key="niveau", default="wijk", format_func=LEVELS.get))


def nederland_value(nederland: pd.DataFrame, indicator: pd.Series, year: int) -> float | None:
    """Nederland's value of the indicator in ``year`` (analysis.national.nederland rows), or None."""
    return national.nederland_value(nederland, str(indicator.name), year)


def nederland_note(value: float | None, indicator: pd.Series) -> str | None:
    """'Nederland: 11,2%' for the map's hover and caption; None without a national value."""
    return None if value is None else f"Nederland: {format_value(value, int(indicator.decimals), indicator.unit)}"


BUURT_NOTE = (
    "Buurten: dezelfde klassen ten opzichte van de gemeente, met de spreiding tussen de buurten; een klik op een "
    "buurt opent het wijkprofiel van de wijk waarin hij ligt. Een buurt zonder eigen inwonertal telt voor de "
    "privacyregels met het inwonertal van zijn wijk."
)


def caption(text: str, level: str, nederland: float | None, indicator: pd.Series) -> str:
    """The map caption (widgets.map_caption) with Nederland's value and, at buurt level, what differs."""
    note = nederland_note(nederland, indicator)
    return text + (f" {note}." if note else "") + (f" {BUURT_NOTE}" if level == "buurt" else "")


def wijk_of_buurt(areas: pd.DataFrame) -> dict[str, str]:
    """Buurtcode -> wijkcode (only buurten: a wijk's own parent is the gemeente)."""
    buurten = areas[areas.level == "buurt"]
    return dict(zip(buurten.area_code, buurten.parent_code, strict=True))


def open_clicked_wijk(event: object, parents: dict[str, str] | None = None) -> None:
    """A click on an area in a map opens the Wijkprofiel of its wijk (the map is drawn with on_select='rerun');
    ``parents`` maps a buurt to its wijk."""
    points = event.selection.get("points", []) if event and event.selection else []
    if points and points[0].get("location"):
        code = points[0]["location"]
        st.switch_page("pages/wijkprofiel.py", query_params={"wijk": (parents or {}).get(code, code)})


def downloads(
    table: pd.DataFrame,
    indicator: pd.Series,
    year: int,
    settings: Settings,
    level: str = "wijk",
    nederland: float | None = None,
) -> None:
    """CSV (Dutch Excel) and XLSX downloads of a wijk or buurt table, with source and licence in them."""
    frame = export.wijk_table_export(table, indicator, year, settings.gemeente_naam)
    if level == "buurt":
        frame = frame.rename(columns={"wijkcode": "buurtcode", "wijk": "buurt", "kerkdorp": "in kerkdorp"})
    if nederland is not None:
        frame.insert(frame.columns.get_loc("verschil"), "Nederland", round(nederland, int(indicator.decimals) + 1))
    name = f"wijkmonitor_{indicator.name}_{year}" + ("_buurten" if level == "buurt" else "")
    rules = store.privacy_rules()
    notes = [
        ("Indicator", indicator.label),
        ("Definitie", indicator.definition),
        ("Eenheid", indicator.unit),
        ("Jaar", str(year)),
        ("Bron", indicator.source),
        ("Licentie", indicator.licence),
        ("Peildatum", indicator.peildatum),
        ("Demodata", "ja: gegenereerd, niet echt" if bool(indicator.is_demo) else "nee"),
        (
            "Privacy",
            f"Niet getoond: aantallen van 1 tot en met {rules.max_small_count}, cijfers per "
            f"inwoner in wijken met minder dan {rules.min_population} inwoners, enquêtecijfers "
            f"met minder dan {rules.min_respondents} respondenten.",
        ),
        ("Grenzen", f"CBS Wijk- en Buurtkaart {settings.boundary_year}"),
    ]
    widgets.download_buttons(frame, notes, name, key="download")


def wijk_links(table: pd.DataFrame) -> None:
    """Links to every wijk's profile: no dead end after the map."""
    st.markdown("**Naar een wijkprofiel**")
    columns = st.columns(4)
    for number, row in enumerate(table.itertuples()):
        columns[number % 4].page_link("pages/wijkprofiel.py", label=row.name, query_params={"wijk": row.area_code})
