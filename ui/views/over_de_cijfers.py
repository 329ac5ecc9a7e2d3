"""The Over de cijfers page: the catalogue with real or demo per indicator, how stable the index ranking is."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.formatting import format_number
from data.catalogue import Settings
from ui.text import inert

RIVM_ESTIMATE = "modelschatting RIVM"


def real_or_demo(indicators: pd.DataFrame) -> pd.Series:
    """Per indicator_id: 'demo', 'echt (modelschatting RIVM)' or 'echt', from the catalogue's is_demo and source."""
    return pd.Series(
        [
            "demo" if demo else ("echt (modelschatting RIVM)" if RIVM_ESTIMATE in str(source) else "echt")
            for demo, source in zip(indicators.is_demo, indicators.source, strict=True)
        ],
        index=indicators.indicator_id.to_numpy(),
    )


def catalogue_table(indicators: pd.DataFrame, themes: pd.Series, directions: dict[str, str]) -> pd.DataFrame:
    """The catalogue for the page, one row per indicator (the index): theme, real or demo, definition (and what it
    is derived from), unit, direction, and the source with its peildatum and licence. Shown as a static table, so
    every definition wraps and nothing is cut off; the text is shown inert (st.table reads markdown)."""
    derived = indicators.derived_from.map(lambda d: f" Afgeleid uit {d}." if isinstance(d, str) else "")
    source = [
        f"{source} (peildatum {peildatum}; {licence})"
        if isinstance(peildatum, str) and peildatum
        else f"{source} ({licence})"
        for source, peildatum, licence in zip(indicators.source, indicators.peildatum, indicators.licence, strict=True)
    ]
    table = pd.DataFrame(
        {
            "Thema": indicators.theme_id.map(themes),
            "Indicator": indicators.label,
            "Echt of demo": indicators.indicator_id.map(real_or_demo(indicators)),
            "Definitie": indicators.definition.fillna("") + derived,
            "Eenheid": indicators.unit,
            "Richting": indicators.direction.map(directions),
            "Bron": source,
        }
    ).sort_values(["Thema", "Indicator"])
    return table.map(lambda value: inert(str(value)) if isinstance(value, str) else value).set_index("Indicator")


def real_demo_count(indicators: pd.DataFrame) -> str:
    """'23 echte cijfers (waarvan 13 modelschattingen van het RIVM) en 17 democijfers.'"""
    kinds = real_or_demo(indicators)
    real, rivm = int((kinds != "demo").sum()), int(kinds.str.contains("RIVM").sum())
    return (
        f"{real} echte cijfers (waarvan {rivm} modelschattingen van het RIVM) en {int((kinds == 'demo').sum())} "
        "democijfers."
    )


def sensitivity_table(table: pd.DataFrame, areas: pd.DataFrame, year: int) -> None:
    """Ranks under the catalogue weights next to equal weights, with the shift in words."""
    names = areas.set_index("area_code").name

    def shift(value: object) -> str:
        if pd.isna(value) or value == 0:
            return "gelijk"
        places = "plaats" if abs(int(value)) == 1 else "plaatsen"
        return f"{abs(int(value))} {places} {'hoger' if value > 0 else 'lager'}"

    view = pd.DataFrame(
        {
            "Wijk": table.area_code.map(names),
            "Index": table["index"].map(lambda v: format_number(v, 0)),
            "Rang": table["rank"].astype(str),
            "Index, gelijke gewichten": table.index_equal.map(lambda v: format_number(v, 0)),
            "Rang, gelijke gewichten": table.rank_equal.astype(str),
            "Verschuiving": table.rank_shift.map(shift),
        }
    )
    st.table(view.set_index("Wijk"))
    moved = int((table.rank_shift.abs() >= 2).sum())
    st.caption(  # "2025\." : a line starting with "2025. " would be read as item 2025 of a numbered list
        f"{year}\\. Met gelijke gewichten voor alle componenten verschuiven {moved} wijk(en) twee of meer plaatsen. "
        "Kleine verschuivingen betekenen dat de volgorde niet aan de gekozen gewichten hangt."
    )


def areas_text(areas: pd.DataFrame, settings: Settings) -> str:
    """The areas paragraph, counted from the store (no gemeente's numbers or names written into the code)."""
    wijken, buurten = areas[areas.level == "wijk"], areas[areas.level == "buurt"]
    kerkdorpen = list(wijken[wijken.is_kerkdorp.astype(bool)].name)
    listed = ", ".join(kerkdorpen[:-1]) + f" en {kerkdorpen[-1]}" if len(kerkdorpen) > 1 else "".join(kerkdorpen)
    counted = f"{len(wijken)} wijken en {len(buurten)} buurten" if len(buurten) else f"{len(wijken)} wijken"
    text = (
        f"Gemeente {settings.gemeente_naam} ({settings.gemeente_code}) met {counted}. Grenzen: "
        f"{settings.sources.boundary_source} ({settings.boundary_year}, CC BY 4.0)."
        + ("" if len(buurten) else " Deze gemeente heeft in de Wijkmonitor (nog) geen buurtindeling.")
    )
    return text + (f" Kerkdorpen: {listed}." if kerkdorpen else "")
