"""Tables and texts of the Ambities 2030 page: the portfolio, the rules, one indicator's road to 2030."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import ambitions
from analysis.formatting import SUPPRESSED, format_number, format_value
from charts import ambitions as ambition_charts
from ui import tiles
from ui.text import inert

# Background per status, only as an extra: every cell says its status in symbol and word.
_BACKGROUND = {ambitions.ON_TRACK: "#deebf7", ambitions.ATTENTION: "#fff3bf", ambitions.BEHIND: "#fdd0c7"}
NO_TARGET = "– geen doel"


def value_text(value: float | None, decimals: int, unit: str) -> str:
    """``'18,2%'``, ``'6,4 (score 0–10)'``: a value with its unit, however the unit reads."""
    text = format_value(value, decimals, unit)
    return text if text != format_number(value, decimals) or text == SUPPRESSED else f"{text} ({unit})"


def follow_link(param: str, options: list[str], key: str | None = None) -> None:
    """Let ``?param=`` in the URL choose the select box ``key`` (default: ``param``) once per new link: a later
    choice on the page is not undone by the same URL on the next run."""
    linked = st.query_params.get(param)
    if linked in options and st.session_state.get(f"_{param}_link") != linked:
        st.session_state[key or param] = linked
    st.session_state[f"_{param}_link"] = linked


def rules_text() -> str:
    attention = format_number(ambitions.ATTENTION_SHARE * 100)
    behind = format_number(ambitions.BEHIND_SHARE * 100)
    return (
        f"**Hoe de status wordt bepaald.** De laatste meting wordt vergeleken met het benodigde pad van nulmeting "
        f"(2020) via de mijlpalen naar het doel. {ambitions.status_label(ambitions.ON_TRACK)}: op of vóór het pad, "
        f"of hooguit {attention}% van de afstand nulmeting–doel erachter; "
        f"{ambitions.status_label(ambitions.ATTENTION)}: {attention} tot {behind}% erachter; "
        f"{ambitions.status_label(ambitions.BEHIND)}: meer dan {behind}% erachter. Bij indicatoren waar lager beter "
        f"is, telt een waarde *onder* het pad als vóór. Een ambitie staat op *achter* als meer dan de helft van haar "
        f"indicatoren achter staat, op *aandacht* als minstens één indicator niet op koers is, anders op *op koers*. "
        f"De prognose trekt de lijn van de metingen sinds 2020 door naar 2030, met een marge waarbinnen de "
        f"uitkomst waarschijnlijk valt; met minder dan {ambitions.MIN_POINTS} metingen is er geen prognose."
    )


def method_text() -> str:
    """How the projection is computed, for the 'Hoe is dit berekend?' expander."""
    return (
        "De prognose is een rechte lijn door de metingen vanaf 2020, zo gekozen dat de metingen er samen zo "
        "dicht mogelijk bij liggen (kleinste kwadraten). De marge is het 95%-voorspellingsinterval voor de "
        "meting in 2030: hoe meer de metingen rond de lijn schommelen en hoe minder metingen er zijn, hoe "
        "breder. Ligt het doel binnen een marge die breder is dan de hele afstand van nulmeting tot doel, dan "
        "heet de prognose *te onzeker*."
    )


def portfolio_view(portfolio: pd.DataFrame, ambition_table: pd.DataFrame, area_names: dict[str, str]):
    """The portfolio as a styled table: ambitions × areas, each cell a status in symbol and word."""
    titles = ambition_table.set_index("ambition_id")
    view = portfolio.map(lambda s: ambitions.status_label(s) if isinstance(s, str) else NO_TARGET)
    view.index = [f"{titles.at[a, 'number']} · {titles.at[a, 'title']}" for a in portfolio.index]
    view.index.name = "Ambitie"
    view.columns = [area_names.get(c, c) for c in portfolio.columns]

    def background(cell: str) -> str:
        status = cell.split(" ", 1)[1] if " " in cell else ""
        colour = _BACKGROUND.get(status)
        return f"background-color: {colour}" if colour else "color: #6b6b6b"

    return view.style.map(background)


def indicator_rows(summary: pd.DataFrame, indicators: pd.DataFrame, area_names: dict[str, str]) -> pd.DataFrame:
    """Every indicator with a target, per area, formatted: the detail behind the portfolio."""
    meta = indicators.set_index("indicator_id")
    rows = []
    for row in summary.itertuples():
        decimals = int(meta.at[row.indicator_id, "decimals"])
        label = str(meta.at[row.indicator_id, "label"]) + (" (demo)" if meta.at[row.indicator_id, "is_demo"] else "")
        projected = (
            SUPPRESSED
            if pd.isna(row.projected_value)
            else f"{format_number(row.projected_value, decimals)} ({format_number(row.projected_lower, decimals)}"
            f" tot {format_number(row.projected_upper, decimals)})"
        )
        rows.append(
            {
                "Gebied": area_names.get(row.area_code, row.area_code),
                "Indicator": label,
                "Jaar": SUPPRESSED if pd.isna(row.latest_year) else str(int(row.latest_year)),
                "Gerealiseerd": format_number(row.latest_value, decimals),
                "Benodigd": format_number(row.required_value, decimals),
                "Status": ambitions.status_label(row.status if isinstance(row.status, str) else None),
                f"Prognose {row.target_year} (95%)": projected,
                "Doel": format_number(row.target, decimals),
            }
        )
    return pd.DataFrame(rows)


def trajectory_view(a: ambitions.Assessment, decimals: int) -> pd.DataFrame:
    """The chart as a table (the accessible alternative), nl-NL formatted."""
    table = ambitions.trajectory_table(a)
    kind_names = {"nulmeting": "nulmeting", "mijlpaal": "mijlpaal", "doel": "doel"}

    def fmt(value: float) -> str:
        return format_number(value, decimals)

    return pd.DataFrame(
        {
            "Jaar": table.year.astype(str),
            "Gerealiseerd": table.realised.map(fmt),
            "Benodigd": table.required.map(fmt),
            "Punt": table.kind.map(lambda k: kind_names.get(k, "")),
            "Prognose": table.projected.map(fmt),
            "95%-interval": [
                SUPPRESSED if pd.isna(lo) else f"{fmt(lo)} tot {fmt(hi)}"
                for lo, hi in zip(table.lower, table.upper, strict=True)
            ],
        }
    ).set_index("Jaar")


def notes_for(notes: pd.DataFrame, area_code: str, indicator_id: str) -> pd.DataFrame:
    """Notes on this area that concern this indicator or no indicator in particular, oldest first."""
    mine = notes[(notes.area_code == area_code) & (notes.indicator_id.isna() | (notes.indicator_id == indicator_id))]
    return mine.sort_values("note_date").reset_index(drop=True)


def notes_table(notes: pd.DataFrame) -> None:
    """The chart's note markers in words, numbered as on the chart (st.table cells are markdown: inert)."""
    if notes.empty:
        return
    view = pd.DataFrame(
        {
            "Nr.": [str(i) for i in range(1, len(notes) + 1)],
            "Datum": [f"{pd.Timestamp(d):%d-%m-%Y}" for d in notes.note_date],
            "Notitie": notes.text.map(inert),
            "Rol": (notes.author_role + notes.is_demo.map({True: " (demo)", False: ""})).map(inert),
        }
    ).set_index("Nr.")
    st.markdown("**Logboek bij deze grafiek**")
    st.table(view)


def indicator_road(a: ambitions.Assessment, indicator: pd.Series, area_notes: pd.DataFrame) -> None:
    """One indicator's road to 2030: status in words, the explanation, the chart with the logboek notes on it,
    the notes, and the road as a table."""
    decimals = int(indicator.decimals)
    st.markdown(f"#### {indicator.label}" + (" :orange-badge[demo]" if indicator.is_demo else ""))
    if a.latest_year is not None:
        realised, required = (value_text(v, decimals, indicator.unit) for v in (a.latest_value, a.required_value))
        st.markdown(
            f"**{ambitions.status_label(a.status)}** — {a.latest_year}: gerealiseerd {realised}, benodigd {required}."
        )
    st.markdown(ambitions.explain(a, decimals, str(indicator.unit)))
    figure = ambition_charts.trajectory(
        a, str(indicator.label), str(indicator.unit), decimals, area_notes, bool(indicator.is_demo)
    )
    tiles.plotly(figure, key=f"pad_{a.indicator_id}_{a.area_code}", width="stretch")
    notes_table(area_notes)
    with st.expander(f"{indicator.label} als tabel"):
        st.table(trajectory_view(a, decimals))
        st.caption(f"{indicator.definition} Bron: {indicator.source}.")


def data_origin_text(targets: pd.DataFrame, indicators: pd.DataFrame) -> str:
    """What is demo and what is real on this page, read from the targets and the catalogue (never fixed text)."""
    meta = indicators.set_index("indicator_id")
    tracked = meta.loc[meta.index.isin(targets.indicator_id)]
    real = sorted(tracked[~tracked.is_demo.astype(bool)].label)
    demo_targets = bool(targets.is_demo.any())
    parts = []
    if demo_targets:
        parts.append(":orange-badge[demo] De doelen zijn demodata")
    if real and len(real) < len(tracked):
        listed = ", ".join(real[:-1]) + f" en {real[-1]}" if len(real) > 1 else real[0]
        parts.append(f"de gemeten cijfers zijn echt voor {listed}, de andere zijn demo")
    elif real:
        parts.append("de gemeten cijfers zijn echt")
    else:
        parts.append("de gemeten cijfers zijn demodata")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "." if not text.startswith(":") else text + "."
