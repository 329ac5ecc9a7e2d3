"""Widgets several pages share: wijk, indicator and year pickers, the wijk table, trend texts, download buttons."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis import export, judgement, profile
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from analysis.overview import years_with_data
from data.catalogue import Settings
from ui.params import bound_select, unknown_in_link

DEMO = "demo"


def indicator_label(row: pd.Series) -> str:
    return f"{row.label} ({DEMO})" if row.is_demo else str(row.label)


def indicator_picker(indicators: pd.DataFrame, themes: pd.DataFrame, default: str | None) -> str:
    """A select box of indicators ordered by theme, bound to ``?indicator=`` so the view can be linked."""
    order = themes.reset_index(drop=True).reset_index().set_index("theme_id")["index"]
    ordered = indicators.assign(_order=indicators.theme_id.map(order)).sort_values(["_order", "label"])
    theme_label = themes.set_index("theme_id").label
    labels = {row.indicator_id: f"{theme_label[row.theme_id]} › {indicator_label(row)}" for row in ordered.itertuples()}
    return bound_select(
        "Indicator", list(ordered.indicator_id), key="indicator", default=default, format_func=labels.__getitem__
    )


def wijk_choice(
    areas: dict[str, str],
    *,
    label: str = "Wijk",
    key: str = "wijk",
    default: str | None = None,
    container: DeltaGenerator | None = None,
) -> str:
    """The wijk choice of every page that needs one: in the page itself (not the sidebar), searchable by typing
    a part of the name, and bound to ``?<key>=`` so it is linked and follows the user from page to page.

    ``areas``: code -> name as shown, in order (a page may put "Alle wijken" or the gemeente first).
    """
    return str(
        bound_select(
            label,
            list(areas),
            key=key,
            default=default,
            format_func=areas.__getitem__,
            container=container,
            help="Typ een deel van de naam om te zoeken.",
            placeholder="Typ of kies een wijk",
        )
    )


def lazy_tabs(labels: Sequence[str], key: str = "onderdeel") -> tuple[str, DeltaGenerator]:
    """Tabs of which only the open one runs and is drawn: (its label, its container).

    The open tab is in the address (``?onderdeel=Register``, the label as it reads; the first tab leaves the
    parameter out), so a link or a reload opens it; an unknown value opens the first tab with the same notice as
    every other linked choice. Choosing a tab reruns the page (``on_change="rerun"``). A long page no longer
    costs the browser everything at once (README, Beslissingen).
    """
    linked = st.query_params.get(key)
    tabs = st.tabs(list(labels), key=key, on_change="rerun", bind="query-params")  # drops an unknown value
    if linked is not None and linked not in labels:
        unknown_in_link(key.capitalize(), [linked], labels[0])
    return next(((label, tab) for label, tab in zip(labels, tabs, strict=True) if tab.open), (labels[0], tabs[0]))


def year_picker(years: list[int]) -> int:
    """Latest year first; bound to ``?jaar=``."""
    return int(bound_select("Jaar", sorted(years, reverse=True), key="jaar", default=max(years)))


def indicator_year(
    values: pd.DataFrame, indicators: pd.DataFrame, indicator_id: str, container: DeltaGenerator
) -> tuple[pd.Series, int]:
    """The chosen indicator's catalogue row and a year with figures (picker in ``container``); without any
    figures the page stops with a note."""
    indicator = indicators.set_index("indicator_id").loc[indicator_id]
    years = years_with_data(values, indicator_id)
    if not years:
        st.info(f"Er zijn nog geen cijfers voor {indicator.label}.")
        st.stop()
    with container:
        return indicator, year_picker(years)


def trend_text(series: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], reference: str) -> None:
    """The text and table alternative of trend charts: a sentence per area and indicator, and the numbers."""
    meta = indicators.set_index("indicator_id")
    with st.expander("Ontwikkeling als tekst en tabel"):
        sentences = []
        for (indicator_id, code), rows in series[series.area_code != reference].groupby(["indicator_id", "area_code"]):
            info = meta.loc[indicator_id]
            sentences.append(profile.trend_sentence(rows, info.label, int(info.decimals), info.unit, names[code]))
        # one list in one Markdown element, not one element per sentence: each is a React component to draw
        st.markdown("\n".join(f"- {sentence}" for sentence in sentences))
        decimals = series.indicator_id.map(meta.decimals).astype(int)
        table = series.assign(
            Indicator=series.indicator_id.map(meta.label),
            Gebied=series.area_code.map(names),
            Waarde=[format_number(v, d) for v, d in zip(series.value, decimals, strict=True)],
        ).pivot(index=["Indicator", "Gebied"], columns="year", values="Waarde")
        st.table(table.rename(columns=str))


def map_caption(table: pd.DataFrame, indicator: pd.Series, year: int, settings: Settings) -> str:
    """The text that goes with a class map: what, when, what the colours compare with, source and boundaries.

    Read from the wijk table's one judgement (analysis.judgement), so it says what the map shows.
    """
    decimals = int(indicator.decimals)
    kind = table.kind.iloc[0]
    gemeente = format_value(table.gemeente_value.iloc[0], decimals, indicator.unit)
    parts = [f"{indicator_label(indicator)}, {year}. Gemeente {settings.gemeente_naam}: {gemeente}."]
    if kind == judgement.SIZE:
        average = format_value(table.reference_value.iloc[0], decimals, indicator.unit)
        parts.append(
            f"Dit is een aantal: het zegt vooral hoe groot een wijk is. De kleur vergelijkt daarom met de gemiddelde "
            f"wijk ({average}), zonder oordeel, en de wijken krijgen geen rang."
        )
    elif kind == judgement.NEUTRAL:
        parts.append(
            "De kleur zegt hoeveel hoger of lager een wijk ligt dan de gemeente; beter of slechter is het niet."
        )
    else:
        parts.append("De kleur zegt hoe ver een wijk van de gemeente afligt en of dat gunstig is.")
    no_class = table.no_class.dropna()
    if not no_class.empty:
        parts.append(f"Geen klassen: {no_class.iloc[0]}.")
    parts.append(
        "Grijs = geen cijfer of niet getoond (de reden staat in de tabel). Klik op een wijk voor het wijkprofiel. "
        f"Bron: {indicator.source}. Grenzen: CBS Wijk- en Buurtkaart {settings.boundary_year}."
    )
    return " ".join(parts)


SORT_OPTIONS = {
    "rang": "Rang (gunstigste eerst)",
    "waarde_op": "Waarde (laag naar hoog)",
    "waarde_af": "Waarde (hoog naar laag)",
    "wijk": "Wijk (op nummer)",
}


def wijk_table_view(table: pd.DataFrame, indicator: pd.Series, sortable: bool = False, area: str = "Wijk") -> None:
    """The accessible alternative to a map: every wijk with value, difference, class and rank, nl-NL formatted.

    A static HTML table (st.table): read by screen readers, printable, formatted the Dutch way whatever
    the browser's language (st.dataframe would show "None" in suppressed cells). ``sortable`` adds a
    sort choice above it; ``area`` heads the first column ("Buurt" for a buurt table). Every judging column
    comes from the table's one judgement (analysis.judgement): a size figure is compared with the average wijk
    and gets no rank.
    """
    kind = table.kind.iloc[0]
    if sortable:
        options = [o for o in SORT_OPTIONS if o != "rang" or kind == judgement.DIRECTIONAL]
        order = st.radio("Sorteer op", options, format_func=SORT_OPTIONS.get, horizontal=True, key="tabel_sortering")
        by = {
            "rang": ("rank", True),
            "waarde_op": ("value", True),
            "waarde_af": ("value", False),
            "wijk": ("area_code", True),
        }[order]
        table = table.sort_values(by[0], ascending=by[1], na_position="last")
    decimals = int(indicator.decimals)
    columns = {
        area: table.name + table.is_kerkdorp.map({True: " (kerkdorp)", False: ""}),
        f"Waarde ({indicator.unit})": table.value.map(lambda v: format_number(v, decimals)),
        f"Verschil met {table.reference_label.iloc[0]}": table.difference.map(
            lambda v: format_change(v, decimals) or SUPPRESSED
        ),
        "Klasse": table.klasse_label.astype(object).where(table.klasse_label.notna(), SUPPRESSED),
    }
    if kind != judgement.SIZE:
        columns["Rang"] = table["rank"].astype(object).map(lambda v: SUPPRESSED if pd.isna(v) else str(int(v)))
    columns["Opmerking"] = [
        f"niet getoond: {hidden}"
        if isinstance(hidden, str)
        else (f"geen klasse: {why}" if isinstance(why, str) else "")
        for hidden, why in zip(table.suppressed, table.no_class, strict=True)
    ]
    st.table(pd.DataFrame(columns).set_index(area))


def _remark(hidden: object, no_class: object) -> str:
    if isinstance(hidden, str):
        return f"niet getoond: {hidden}"
    return f"geen klasse: {no_class}" if isinstance(no_class, str) else ""


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(
    frame: pd.DataFrame,
    notes: list[tuple[str, str]],
    file_stem: str,
    key: str,
    labels: tuple[str, str] = ("Download CSV", "Download Excel"),
) -> None:
    """CSV (';', decimal comma, UTF-8 with BOM) and XLSX (with a Toelichting sheet) of one frame.

    The files are made when clicked (callables), not on every run: an XLSX costs ~0.1 s to write.
    """
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        labels[0],
        lambda: export.to_csv(frame),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        help="Puntkomma-gescheiden, decimale komma, UTF-8: opent direct goed in Excel.",
    )
    right.download_button(
        labels[1],
        lambda: export.to_xlsx(frame, notes),
        f"{file_stem}.xlsx",
        XLSX_MIME,
        key=f"{key}_xlsx",
        on_click="ignore",
    )
