"""The Over de cijfers page: how stable the index ranking is under other weights."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.formatting import format_number
from data.catalogue import Settings


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
    st.caption(
        f"{year}. Met gelijke gewichten voor alle componenten verschuiven {moved} wijk(en) twee of meer plaatsen. "
        "Kleine verschuivingen betekenen dat de volgorde niet aan de gekozen gewichten hangt."
    )


def areas_text(areas: pd.DataFrame, settings: Settings) -> str:
    """The areas paragraph, counted from the store (no gemeente's numbers or names written into the code)."""
    wijken, buurten = areas[areas.level == "wijk"], areas[areas.level == "buurt"]
    kerkdorpen = list(wijken[wijken.is_kerkdorp.astype(bool)].name)
    listed = ", ".join(kerkdorpen[:-1]) + f" en {kerkdorpen[-1]}" if len(kerkdorpen) > 1 else "".join(kerkdorpen)
    text = (
        f"Gemeente {settings.gemeente_naam} ({settings.gemeente_code}) met {len(wijken)} wijken en {len(buurten)} "
        f"buurten volgens de CBS Wijk- en Buurtkaart {settings.boundary_year} (gegeneraliseerde grenzen, CC BY 4.0). "
        "De wijkgrenzen zijn samengevoegd uit de buurten, zodat wijken en buurten precies op elkaar aansluiten."
    )
    return text + (f" Kerkdorpen: {listed}." if kerkdorpen else "")
