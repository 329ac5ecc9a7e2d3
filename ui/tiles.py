"""The section kit: one way to draw a chart with its sentence, table alternative, source and downloads.

A section of a page (Initiatieven, Sociaal domein, …) describes its table once, as a list of :class:`Column`
(key, label on screen, label in the download, format); :func:`display_table` and :func:`export_table` make
the screen table and the download from that one list. :func:`chart_tile` draws, in this order: the chart
(one plotly configuration for the whole app), its one-sentence summary (also the chart's ``alt``), an
optional note, the table alternative (open or folded), the source line and the CSV/XLSX downloads, which
go through ``ui.widgets.download_buttons`` and so through analysis/export.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from charts.maps import TOPOJSON_URL
from ui import cached, store, widgets
from ui.text import inert

# Every plotly chart of the app: no plotly logo, no zooming by scrolling (the page scrolls instead), and the maps'
# world topojson from the app itself (charts/maps.py), never from cdn.plot.ly
PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": False, "topojsonURL": TOPOJSON_URL}
DEMO_BADGE = ":orange-badge[demo]"
DEMO_NOTE = ("Demodata", "ja: gegenereerd, niet echt")
Format = Callable[[Any], Any]  # a value of a frame -> what a table cell shows


def plotly(figure: go.Figure, key: str | None = None, **options: Any) -> Any:
    """st.plotly_chart with the app's one configuration; returns what Streamlit returns (a selection event)."""
    return st.plotly_chart(only_drawn_features(figure), key=key, config=PLOTLY_CONFIG, **options)


CHOROPLETHS = ("choroplethmap", "choropleth", "choroplethmapbox")


def only_drawn_features(figure: go.Figure) -> go.Figure:
    """``figure`` with each choropleth trace carrying only the GeoJSON features it draws (its ``locations``).

    A class map has one trace per class, and each carried every boundary of the gemeente: five copies of the
    GeoJSON went to the browser (Amsterdam's 110 wijken: 138 kB of a 145 kB figure). A feature that is not in a
    trace's locations is not drawn by it, so the map is the same. Changes ``figure`` in place (every figure is
    built or restored per run) and returns it.
    """
    for trace in figure.data:
        if trace.type not in CHOROPLETHS or not isinstance(trace.geojson, dict) or trace.locations is None:
            continue
        features = trace.geojson.get("features")
        if not isinstance(features, list):
            continue
        path = (trace.featureidkey or "id").split(".")
        drawn = {str(code) for code in trace.locations}
        kept = [feature for feature in features if str(_feature_key(feature, path)) in drawn]
        if len(kept) < len(features):
            trace.geojson = {**trace.geojson, "features": kept}
    return figure


def _feature_key(feature: dict, path: list[str]) -> object:
    for part in path:
        feature = feature.get(part) if isinstance(feature, dict) else None
    return feature


# -- formats of table cells (nl-NL, via analysis.formatting) ----------------------------------------------


def number(decimals: int = 0) -> Callable[[object], str]:
    """``1234.5`` -> ``'1.234,5'``; missing -> ``'–'``."""
    return lambda value: format_number(value, decimals)


def euro(decimals: int = 0) -> Callable[[object], str]:
    """``1234`` -> ``'€ 1.234'``; missing -> ``'–'``."""
    return lambda value: format_value(value, decimals, "euro")


def change(decimals: int) -> Callable[[object], str]:
    """Signed, ``'+0,30'``; missing -> ``'–'``."""
    return lambda value: format_change(value, decimals) or SUPPRESSED


def rank(value: object) -> str:
    return SUPPRESSED if pd.isna(value) else str(int(value))


def reason(prefix: str = "niet getoond") -> Callable[[object], str]:
    """A suppression reason as a remark, ``'niet getoond: aantal van 1 tot en met 4'``; empty when shown."""
    return lambda value: f"{prefix}: {value}" if isinstance(value, str) else ""


def text(value: object) -> object:
    return value


# -- one column spec for screen table and download ---------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a section's table.

    ``label`` is the heading on screen (None: only in the download), ``export`` the heading in the CSV/XLSX
    (None: only on screen), ``format`` turns a value into nl-NL text for the screen, ``decimals`` rounds the
    number in the download (None: as it is).
    """

    key: str
    label: str | None
    export: str | None = None
    format: Format = text
    decimals: int | None = None


def display_table(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    """The screen table: the labelled columns, formatted, indexed by the first of them."""
    shown = [column for column in columns if column.label is not None]
    view = pd.DataFrame({column.label: frame[column.key].map(column.format) for column in shown})
    return view.set_index(shown[0].label)


def export_table(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    """The download: the columns with an export label, as numbers (rounded where the spec says)."""
    return pd.DataFrame(
        {
            column.export: frame[column.key] if column.decimals is None else frame[column.key].round(column.decimals)
            for column in columns
            if column.export is not None
        }
    )


# -- the tile ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """The table alternative of a chart: open under a bold ``heading``, or folded in an ``expander``."""

    frame: pd.DataFrame
    alt: str
    expander: str | None = None
    heading: str | None = None
    transpose: bool = False  # years as columns: a short, wide table


@dataclass(frozen=True)
class Download:
    """A CSV/XLSX download: the frame, its file name (``wijkmonitor_<name>``), its Toelichting sheet."""

    frame: pd.DataFrame
    name: str
    notes: list[tuple[str, str]]
    key: str


def chart_tile(
    figure: go.Figure,
    summary: str,
    key: str,
    *,
    note: str | None = None,
    method: str | None = None,
    table: Table | None = None,
    source: str | None = None,
    download: Download | None = None,
) -> None:
    """Chart, its one-sentence summary, a note, the method (folded), the table alternative, the source line
    and the downloads.

    ``summary`` is the chart's ``alt`` and is shown under it (not only for screen readers); it can hold
    register text (a theme), so it is shown inert. ``note``, ``method`` and ``source`` are markdown written by
    us: ``note`` in words for everyone, ``method`` (the statistics) behind "Hoe is dit berekend?".
    """
    plotly(figure, key=key, alt=summary)
    st.caption(inert(summary))
    if note:
        st.markdown(note)
    if method:
        how_computed(method)
    if table is not None:
        show_table(table)
    if source:
        st.caption(source)
    if download is not None:
        downloads(download)


def how_computed(method: str) -> None:
    """The method behind a figure, folded: words first on the page, the statistics on request."""
    with st.expander("Hoe is dit berekend?"):
        st.markdown(method)


def show_table(table: Table) -> None:
    frame = table.frame.T if table.transpose else table.frame
    if table.expander:
        with st.expander(table.expander):
            st.table(frame, alt=table.alt)
        return
    if table.heading:
        st.markdown(f"**{table.heading}**")
    st.table(frame, alt=table.alt)


def downloads(download: Download) -> None:
    """CSV (';', decimal comma, UTF-8 BOM) and XLSX with a Toelichting sheet, as on the Kaart page."""
    widgets.download_buttons(download.frame, download.notes, f"wijkmonitor_{download.name}", download.key)


def trends(series: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], reference: str) -> None:
    """Trend lines of several indicators and areas, then the same as sentences and a table (folded)."""
    plotly(cached.trends_figure(series, names, reference=reference))
    shown = indicators[indicators.indicator_id.isin(series.indicator_id)]
    widgets.trend_text(series, shown, names, reference=reference)


# -- the texts every section of the effort and spending pages shares ---------------------------------------


def privacy_note() -> str:
    """The caption line that explains a '–' in a table."""
    rules = store.privacy_rules()
    return (
        f"– = niet getoond: aantallen van 1 tot en met {rules.max_small_count} en cijfers per inwoner "
        f"in wijken met minder dan {format_number(rules.min_population)} inwoners."
    )


def notes(what: str, source: str, extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The Toelichting sheet of a download: what, source, demo flag, privacy."""
    rules = store.privacy_rules()
    return [
        ("Inhoud", what),
        ("Bron", source),
        DEMO_NOTE,
        *(extra or []),
        ("Inwoners", "Laatst bekende aantal (CBS, 1 januari 2024), voor elk jaar gebruikt."),
        (
            "Privacy",
            f"Leeg met reden: aantallen van 1 tot en met {rules.max_small_count} en cijfers per inwoner "
            f"in wijken met minder dan {rules.min_population} inwoners.",
        ),
    ]
