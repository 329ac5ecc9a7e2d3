"""The Initiatieven & vrijwilligers page: filters, the sections (chart tiles), the good examples and the register.

Each section draws a chart tile (ui.tiles): the chart with its sentence, the same figures as an nl-NL table
and, where a user may want the numbers, CSV/XLSX downloads; one column spec per section feeds both tables.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis import effort, suppression
from analysis.formatting import SUPPRESSED, format_number
from analysis.suppression import Rules
from charts import effort as effort_charts
from data.catalogue import Settings
from ui import cached, params, store, tiles, widgets
from ui.text import file_part, inert
from ui.tiles import DEMO_BADGE, Column, Download, Table, change, euro, number, rank, reason
from ui.views import initiatieven_handout as handout

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
REGISTER = "Register bewonersinitiatieven (demo)"


# Initiatives ------------------------------------------------------------------------------------


def initiative_filters(initiatives: pd.DataFrame, wijken: dict[str, str]) -> dict[str, str]:
    """Wijk, theme, status and start year, each in the URL (``?ini_wijk=…&ini_thema=…``)."""
    years = sorted(effort.with_year(initiatives).year.unique(), reverse=True)
    themes = sorted(initiatives.theme.unique())
    columns = st.columns([3, 2, 2, 1])
    every = {effort.ALL: "Alle"}
    wijk = widgets.wijk_choice({effort.ALL: "Alle wijken", **wijken}, key="ini_wijk", container=columns[0])
    theme = params.bound_select(
        "Thema",
        [effort.ALL, *themes],
        key="ini_thema",
        container=columns[1],
        format_func=lambda t: "Alle thema's" if t == effort.ALL else t,
    )
    status = params.bound_select(
        "Status",
        [effort.ALL, *effort.STATUSES],
        key="ini_status",
        container=columns[2],
        format_func=lambda s: every.get(s, s),
    )
    year = params.bound_select(
        "Startjaar",
        [effort.ALL, *(str(y) for y in years)],
        key="ini_jaar",
        container=columns[3],
        format_func=lambda y: every.get(y, y),
    )
    return {"wijk": wijk, "theme": theme, "status": status, "year": year}


def filter_text(filters: dict[str, str], wijken: dict[str, str]) -> str:
    parts = []
    if filters["wijk"] != effort.ALL:
        parts.append(wijken[filters["wijk"]])
    if filters["theme"] != effort.ALL:
        parts.append(f"thema {filters['theme']}")
    if filters["status"] != effort.ALL:
        parts.append(f"status {filters['status']}")
    if filters["year"] != effort.ALL:
        parts.append(f"gestart in {filters['year']}")
    return ", ".join(parts) if parts else "alle initiatieven"


PER_WIJK_MEASURES = {
    "initiatives_per_1000": ("Initiatieven per 1.000 inwoners", 2, ""),
    "subsidy_per_1000_eur": ("Subsidie per 1.000 inwoners (€)", 0, "€ "),
    "initiatives": ("Aantal initiatieven", 0, ""),
    "participants": ("Deelnemers", 0, ""),
    "subsidy_eur": ("Subsidie (€)", 0, "€ "),
}
PER_WIJK_COLUMNS = (
    Column("area_code", None, "wijkcode"),
    Column("marked_name", "Wijk"),
    Column("name", None, "wijk"),
    Column("selectie", None, "selectie"),
    Column("initiatives", "Initiatieven", "initiatieven", number()),
    Column("initiatives_per_1000", "Per 1.000 inwoners", "initiatieven per 1.000 inwoners", number(2), 3),
    Column("participants", "Deelnemers", "deelnemers", number()),
    Column("subsidy_eur", "Subsidie", "subsidie (euro)", euro()),
    Column("subsidy_per_1000_eur", "Subsidie per 1.000 inwoners", "subsidie per 1.000 inwoners (euro)", euro(), 2),
    Column("suppressed", "Opmerking", "niet getoond omdat", reason()),
    Column("demodata", None, "demodata"),
)


def _measure_text(value: float, decimals: int, prefix: str) -> str:
    """A measure of PER_WIJK_MEASURES as text: amounts with '€ ', counts and rates as numbers."""
    return euro(decimals)(value) if prefix else format_number(value, decimals)


def per_wijk_sentence(
    wijk_rows: pd.DataFrame, gemeente: pd.Series, measure: str, selection: str, gemeente_naam: str
) -> str:
    """The one-sentence summary of the bars: the highest wijk, the gemeente, how many are not shown."""
    label, decimals, prefix = PER_WIJK_MEASURES[measure]
    shown = wijk_rows.dropna(subset=[measure]).sort_values(measure, ascending=False)
    if shown.empty:
        return f"{label} ({selection}): voor geen enkele wijk te tonen."
    top = shown.iloc[0]
    return (
        f"{label} ({selection}): het hoogst in {top['name']} ({_measure_text(top[measure], decimals, prefix)}); "
        f"gemeente {gemeente_naam}: {_measure_text(gemeente[measure], decimals, prefix)}. "
        f"{int(wijk_rows[measure].isna().sum())} wijk(en) niet getoond."
    )


def per_wijk_section(summary: pd.DataFrame, settings: Settings, selection: str, highlight: str) -> None:
    """Bars of one measure per wijk (choice), then every measure as a table, then downloads.

    ``summary`` covers every wijk (the wijk filter does not narrow a comparison between wijken); the
    chosen wijk (``highlight``, or effort.ALL) is marked in chart and table."""
    measure = st.radio(
        "Maat",
        list(PER_WIJK_MEASURES),
        format_func=lambda m: PER_WIJK_MEASURES[m][0],
        horizontal=True,
        key="ini_maat",
    )
    label, decimals, prefix = PER_WIJK_MEASURES[measure]
    wijk_rows = summary[summary.area_code != settings.gemeente_code].copy()
    gemeente = summary[summary.area_code == settings.gemeente_code].iloc[0]
    if measure.endswith("per_1000") or measure.endswith("per_1000_eur"):
        wijk_rows.attrs["gemeente"] = gemeente[measure]
    marked = None if highlight == effort.ALL else highlight
    frame = summary.assign(
        marked_name=summary["name"] + (summary.area_code == marked).map({True: " ◀ gekozen", False: ""}),
        selectie=selection,
        demodata="ja",
    )
    tiles.chart_tile(
        cached.figure(effort_charts.per_wijk_bars, wijk_rows, measure, label, decimals, prefix, highlight=marked),
        per_wijk_sentence(wijk_rows, gemeente, measure, selection, settings.gemeente_naam),
        key="ini_per_wijk",
        table=Table(tiles.display_table(frame, PER_WIJK_COLUMNS), alt=f"Initiatieven per wijk, {selection}"),
        source=f"{DEMO_BADGE} Register bewonersinitiatieven, {inert(selection)}. {tiles.privacy_note()}",
        download=Download(
            tiles.export_table(frame, PER_WIJK_COLUMNS),
            "initiatieven_per_wijk",
            tiles.notes(
                "Bewonersinitiatieven per wijk: aantal, deelnemers, subsidie", REGISTER, [("Selectie", selection)]
            ),
            key="dl_ini_wijk",
        ),
    )


OVER_TIME_COLUMNS = (
    Column("year", "Jaar", format=lambda year: str(int(year))),
    Column("initiatives", "Gestarte initiatieven", format=number()),
    Column("participants", "Deelnemers", format=number()),
    Column("subsidy_eur", "Subsidie", format=euro()),
)


def over_time_section(per_year: pd.DataFrame, highlight: int | None, selection: str) -> None:
    """Initiatives, participants and subsidy per start year, with the same figures as a table."""
    latest = per_year.iloc[-1]
    sentence = (
        f"Gestarte initiatieven per jaar ({selection}): {format_number(latest.initiatives)} in {int(latest.year)}, "
        f"met {format_number(latest.participants)} deelnemers en {euro()(latest.subsidy_eur)} subsidie"
    )
    if per_year.initiatives.notna().any():
        peak = per_year.loc[per_year.initiatives.idxmax()]
        sentence += f"; de meeste in {int(peak.year)} ({format_number(peak.initiatives)})."
    else:
        sentence += "; de aantallen per jaar zijn klein (1 tot en met 4) en worden niet getoond."
    tiles.chart_tile(
        cached.figure(effort_charts.over_time, per_year, highlight),
        sentence,
        key="ini_over_time",
        table=Table(
            tiles.display_table(per_year, OVER_TIME_COLUMNS),
            alt=f"Initiatieven per startjaar, {selection}",
            expander="Per jaar als tabel",
            transpose=True,
        ),
    )


def _over_or_short(remaining: float) -> str:
    return ("over € " if remaining >= 0 else "tekort € ") + format_number(abs(remaining))


BUDGET_COLUMNS = (
    Column("year", "Jaar", "jaar", str),
    Column("granted_eur", "Toegekend", "toegekend (euro)", euro()),
    Column("budget_eur", "Budget", "budget (euro)", euro()),
    Column("used_pct", "Benut", "benut (%)", lambda v: format_number(v) + "%", 1),
    Column("remaining_eur", "Over (+) of tekort (−)", "over (+) of tekort (-) (euro)", _over_or_short),
    Column("demodata", None, "demodata"),
)


def budget_section(initiatives: pd.DataFrame) -> None:
    """Subsidy granted per year against the budget for buurtinitiatieven (whole gemeente, no filters)."""
    budget = store.social_domain_figures().initiatives_budget
    table = effort.subsidy_vs_budget(initiatives, budget.amounts)
    if table.empty:
        st.info("Er is geen budget voor buurtinitiatieven vastgelegd; vraag de beheerder van de Wijkmonitor.")
        return
    frame = table.assign(demodata="ja" if budget.is_demo else "nee")
    demo = f"{DEMO_BADGE} " if budget.is_demo else ""
    tiles.chart_tile(
        cached.figure(effort_charts.subsidy_vs_budget, table),
        effort.budget_sentence(table),
        key="ini_budget",
        table=Table(
            tiles.display_table(frame, BUDGET_COLUMNS),
            alt="Toegekende subsidie en budget buurtinitiatieven per jaar",
            expander="Subsidie en budget als tabel",
            transpose=True,
        ),
        source=(
            f"{demo}Hele gemeente, los van de filters. Toegekend = subsidie van initiatieven die in dat jaar zijn "
            f"gestart (status lopend, afgerond of gestopt; bij een idee is subsidie aangevraagd, nog niet "
            f"toegekend). Budget: {budget.source}."
        ),
        download=Download(
            tiles.export_table(frame, BUDGET_COLUMNS),
            "subsidie_budget",
            tiles.notes("Toegekende subsidie tegen het budget buurtinitiatieven", budget.source),
            key="dl_budget",
        ),
    )


VOLUNTEER_COLUMNS = (
    Column("area_code", None, "gebiedscode"),
    Column("area_name", "Gebied", "gebied"),
    Column("year", None, "jaar"),
    Column("quarter", None, "kwartaal"),
    Column("active_volunteers", "Actieve vrijwilligers", "actieve vrijwilligers", number()),
    Column("volunteers_per_1000", "Per 1.000 inwoners", "vrijwilligers per 1.000 inwoners", number(1), 2),
    Column("year_before", "Een jaar eerder", format=number(1)),
    Column("volunteer_hours", "Uren", "uren", number()),
    Column("hours_per_1000", "Uren per 1.000 inwoners", "uren per 1.000 inwoners", number(), 1),
    Column("suppressed", "Opmerking", "niet getoond omdat", reason()),
    Column("demodata", None, "demodata"),
)


def latest_quarter(rates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every area of ``names`` in the latest quarter, with its rate of the same quarter a year before."""
    latest = rates[(rates.year == rates.year.max())]
    latest = latest[latest.quarter == latest.quarter.max()]
    year_before = rates[(rates.year == latest.year.max() - 1) & (rates.quarter == latest.quarter.max())]
    before = year_before.set_index("area_code").volunteers_per_1000
    latest = latest.set_index("area_code").reindex(list(names)).reset_index()
    return latest.assign(area_name=latest.area_code.map(names), year_before=latest.area_code.map(before))


def volunteer_section(rates: pd.DataFrame, wijk: str, names: dict[str, str], settings: Settings) -> None:
    """Volunteers and hours per 1,000 per quarter: the gemeente, and the chosen wijk when there is one."""
    code = settings.gemeente_code
    shown = {wijk: names[wijk], code: names[code]} if wijk != effort.ALL else {code: names[code]}
    sentences = [effort.volunteer_sentence(rates, area, name) for area, name in shown.items()]
    latest = latest_quarter(rates, names)
    period = latest.period.dropna().iloc[0] if latest.period.notna().any() else ""
    every_quarter = rates.assign(area_name=rates.area_code.map(names), demodata="ja")
    tiles.chart_tile(
        cached.figure(effort_charts.volunteer_trend, rates, shown, reference=code),
        " ".join(sentences),
        key="vrijwilligers",
        table=Table(
            tiles.display_table(latest, VOLUNTEER_COLUMNS),
            alt=f"Vrijwilligers per wijk, {period}",
            heading=f"Per wijk, {period}",
        ),
        source=(
            f"{DEMO_BADGE} Registratie vrijwilligerscentrale: vrijwilligers die in het kwartaal actief waren bij een "
            f"lokale organisatie. 'Een jaar eerder' = hetzelfde kwartaal een jaar eerder. {tiles.privacy_note()}"
        ),
        download=Download(
            tiles.export_table(every_quarter, VOLUNTEER_COLUMNS),
            "vrijwilligers_per_kwartaal",
            tiles.notes("Vrijwilligers en uren per wijk en kwartaal", "Registratie vrijwilligerscentrale (demo)"),
            key="dl_vrijwilligers",
        ),
    )


DRAAGKRACHT_COLUMNS = (
    Column("area_code", None, "wijkcode"),
    Column("name", "Wijk", "wijk"),
    Column("jaar", None, "jaar"),
    Column("samenhang_score", "Samenhang (0–10)", "samenhang (0-10)", number(1)),
    Column("z_samenhang", None, "z samenhang", change(2), 3),  # the statistics: in the download only
    Column(
        "buurtactiviteiten_per_1000",
        "Buurtactiviteiten per 1.000",
        "buurtactiviteiten per 1.000 inwoners",
        number(1),
        2,
    ),
    Column("z_activiteiten", None, "z buurtactiviteiten", change(2), 3),
    Column("score", "Draagkracht", "draagkracht", change(2), 3),
    Column("rank", "Rang", "rang", rank),
    Column("reason", "Opmerking", "geen score omdat", reason("geen score")),
    Column("demodata", None, "demodata"),
)
DRAAGKRACHT_SOURCE = "Wijkenquête en registratie welzijnsorganisatie (demo)"


def draagkracht_years(values: pd.DataFrame) -> list[int]:
    """Years with both components of the draagkracht, newest first."""
    components = values[values.indicator_id.isin(effort.DRAAGKRACHT_COMPONENTS) & values.value.notna()]
    return sorted(
        set(components[components.indicator_id == "samenhang_score"].year)
        & set(components[components.indicator_id == "buurtactiviteiten_per_1000"].year),
        reverse=True,
    )


def draagkracht_section(values: pd.DataFrame, wijken: pd.DataFrame, measurable: list[str]) -> None:
    """Draagkracht per wijk in a chosen year, with the method in words."""
    years = draagkracht_years(values)
    if not years:
        st.info("Er zijn geen jaren met zowel samenhang als buurtactiviteiten.")
        return
    year = params.bound_select(
        "Jaar", [str(y) for y in years], key="dk_jaar", help="Jaar van de draagkracht", container=st.columns([1, 5])[0]
    )
    year = int(year)
    min_population = store.privacy_rules().min_population
    method = effort.draagkracht_method(min_population)
    st.markdown(effort.draagkracht_words(min_population))
    table = effort.draagkracht(values, wijken, year, measurable, min_population)
    ordered = table.sort_values("score", ascending=False, na_position="last")
    tiles.chart_tile(
        cached.figure(effort_charts.draagkracht_bars, table),
        effort.draagkracht_sentence(table, year),
        key="draagkracht",
        method=method,
        table=Table(tiles.display_table(ordered, DRAAGKRACHT_COLUMNS), alt=f"Draagkracht per wijk {year}"),
        source=f"{DEMO_BADGE} Wijkenquête en registratie welzijnsorganisatie (demo), {year}.",
        download=Download(
            tiles.export_table(table.assign(jaar=year, demodata="ja"), DRAAGKRACHT_COLUMNS),
            f"draagkracht_{year}",
            tiles.notes("Draagkracht per wijk", DRAAGKRACHT_SOURCE, [("Methode", method)]),
            key="dl_draagkracht",
        ),
    )


# Mooie voorbeelden ------------------------------------------------------------------------------


def _period(start: object, end: object) -> str:
    first = pd.Timestamp(start)
    text = f"{MONTHS[first.month - 1]} {first.year}"
    if pd.isna(end):
        return f"{text} – loopt nog"
    last = pd.Timestamp(end)
    return f"{text} – {MONTHS[last.month - 1]} {last.year}"


def example(row: pd.Series, wijken: dict[str, str], buurten: dict[str, str]) -> handout.Example:
    """A register row as a handout example; small participant numbers suppressed."""
    return _example(row, wijken, buurten, store.privacy_rules(), _page_address())


def _page_address() -> str:
    return st.context.url.split("?")[0] if st.context.url else "/initiatieven"


def _example(row: Any, wijken: dict[str, str], buurten: dict[str, str], rules: Rules, base: str) -> handout.Example:
    """:func:`example` of a register row (a Series or an itertuples row: read by attribute)."""
    participants = row.participants
    hidden = pd.isna(participants) or suppression.is_small_count(participants, rules)
    return handout.Example(
        initiative_id=row.initiative_id,
        title=row.title,
        wijk=wijken.get(row.wijk_code, row.wijk_code),
        buurt=buurten.get(row.buurt_code, "") if isinstance(row.buurt_code, str) else "",
        theme=row.theme,
        status=row.status,
        period=_period(row.start_date, row.end_date),
        story=row.description,
        participants=SUPPRESSED if hidden else format_number(participants),
        subsidy=handout.money(float(row.subsidy_eur)),
        is_demo=True,
        link=f"{base}?{urlencode({'voorbeeld': row.initiative_id})}",
    )


FEATURED = 3  # the newest good examples shown as cards; the others as one line each
LISTED = 25  # at most this many of the others as links in the fold; the rest are reached by the filters


def gallery(examples: pd.DataFrame, wijken: dict[str, str], buurten: dict[str, str]) -> None:
    """The newest good examples as cards (one row of three), the others as one line each in a fold; every
    example links to its own page (handout)."""
    if examples.empty:
        st.info(
            "Bij deze filters staan er geen mooie voorbeelden in het register. Kies bijvoorbeeld 'Alle' bij status."
        )
        return
    st.caption(
        f"{DEMO_BADGE} {len(examples)} mooie voorbeelden bij deze filters, nieuwste eerst. Elk voorbeeld heeft een "
        "eigen link en een afdrukbare handout van één pagina."
    )
    rules, base = store.privacy_rules(), _page_address()  # once, not per example: Amsterdam has hundreds
    items = [
        _example(row, wijken, buurten, rules, base)
        for row in examples.sort_values("start_date", ascending=False).itertuples()
    ]
    columns = st.columns(FEATURED)
    for column, item in zip(columns, items[:FEATURED], strict=False):
        with column.container(border=True):
            st.markdown(f"**{inert(item.title)}**")
            st.caption(inert(f"{item.wijk} · {item.theme} · {item.period}"))
            st.markdown(inert(item.story))
            st.markdown(f"Deelnemers: **{item.participants}** · subsidie: **{item.subsidy}**")
            _handout_link(item, "Open als handout")
    others = items[FEATURED:]
    if others:
        with st.expander(f"De andere {len(others)} mooie voorbeelden"):
            for item in others[:LISTED]:
                _handout_link(item, f"{item.title} · {item.wijk} · {item.theme} · {item.period}")
            if len(others) > LISTED:
                st.caption(
                    f"Hier staan de {LISTED} nieuwste; nog {len(others) - LISTED} andere. Kies hierboven een wijk, "
                    "thema of status om die te zien; het tabblad Register toont ze allemaal."
                )


def _handout_link(item: handout.Example, label: str) -> None:
    st.page_link(
        "pages/initiatieven.py",
        label=inert(label),
        help=f"Eigen pagina van dit voorbeeld ({inert(item.initiative_id)}): te linken en af te drukken",
        query_params={"voorbeeld": item.initiative_id},
    )


PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], .no-print,
  [data-testid="stDownloadButton"], [data-testid="stPageLink"], [data-testid="stElementToolbar"] {
    display: none !important;
  }
  [data-testid="stMain"] { margin-left: 0 !important; }
}
</style>
"""


def handout_view(item: handout.Example, settings: Settings, version: str) -> None:
    """One example on its own: the print view of the page, with an HTML handout to download."""
    st.page_link("pages/initiatieven.py", label="← Terug naar alle initiatieven")
    st.html(PRINT_CSS)
    st.markdown("Mooi voorbeeld uit de wijk")
    st.header(inert(item.title))
    if item.is_demo:
        st.warning(
            "**Demo** — dit voorbeeld komt uit gegenereerde demodata en is niet echt.", icon=":material/science:"
        )
    st.markdown(f"#### {inert(item.story)}")
    figures = [(label, inert(value)) for label, value in handout.figures(item)]  # st.table cells are markdown
    st.table(
        pd.DataFrame(figures, columns=["Gegeven", "Waarde"]).set_index("Gegeven"),
        hide_header=True,
        alt=f"Gegevens van {item.title}",
    )
    st.info(f"Ook iets voor uw wijk? Neem contact op met de wijkmakelaar van {inert(item.wijk)}.")
    source = f"Initiatief {item.initiative_id} · Register bewonersinitiatieven · {version} · Link: {item.link}"
    st.caption(inert(source))
    html = handout.handout_html(item, settings.gemeente_naam, f"Register bewonersinitiatieven, {version}")
    st.download_button(
        "Download handout (HTML, één A4)",
        html.encode("utf-8"),
        f"mooi_voorbeeld_{file_part(item.initiative_id)}.html",
        "text/html",
        key="dl_handout",
        on_click="ignore",
        help="Open het bestand in de browser en druk het af: het past op één A4.",
    )
    st.caption("Afdrukken kan ook direct vanaf deze pagina (Ctrl+P): menu en knoppen worden dan weggelaten.")


REGISTER_COLUMNS = (
    Column("initiative_id", None, "id"),
    Column("shown_title", "Initiatief"),
    Column("title", None, "titel"),
    Column("description", None, "omschrijving"),
    Column("wijk_code", None, "wijkcode"),
    Column("wijk", "Wijk", "wijk"),
    Column("theme", "Thema", "thema"),
    Column("status", "Status", "status"),
    Column("startdatum", "Start", "startdatum"),
    Column("einddatum", None, "einddatum"),
    Column("shown_participants", "Deelnemers"),
    Column("hidden_participants", None, "deelnemers"),
    Column("subsidy_eur", "Subsidie", "subsidie (euro)", lambda amount: handout.money(float(amount))),
    Column("mooi_voorbeeld", None, "mooi voorbeeld"),
    Column("demodata", None, "demodata"),
)


def register_frame(rows: pd.DataFrame, wijken: dict[str, str]) -> pd.DataFrame:
    """The register rows with what table and download show: dates as text, small participant counts hidden."""
    small = suppression.small_counts(rows.participants, store.privacy_rules())
    return rows.assign(
        shown_title=[("★ " if g else "") + t for g, t in zip(rows.is_good_example, rows.title, strict=True)],
        wijk=rows.wijk_code.map(wijken),
        startdatum=pd.to_datetime(rows.start_date).dt.strftime("%d-%m-%Y"),
        einddatum=pd.to_datetime(rows.end_date).dt.strftime("%d-%m-%Y").fillna(""),
        shown_participants=[
            SUPPRESSED if h else format_number(n) for h, n in zip(small, rows.participants, strict=True)
        ],
        hidden_participants=rows.participants.astype(float).mask(small),
        mooi_voorbeeld=rows.is_good_example.map({True: "ja", False: "nee"}),
        demodata="ja",
    )


def register_table(rows: pd.DataFrame, wijken: dict[str, str], selection: str) -> None:
    """The filtered register as a list (text-heavy: st.dataframe), newest first, with downloads."""
    if rows.empty:
        st.info("Geen initiatieven bij deze filters.")
        return
    frame = register_frame(rows.sort_values("start_date", ascending=False), wijken)
    view = tiles.display_table(frame, REGISTER_COLUMNS).reset_index().set_axis(frame.index)
    st.dataframe(view, hide_index=True, width="stretch")
    st.caption(
        f"{DEMO_BADGE} {len(rows)} initiatieven ({inert(selection)}); ★ = mooi voorbeeld. {tiles.privacy_note()}"
    )
    tiles.downloads(
        Download(
            tiles.export_table(frame, REGISTER_COLUMNS),
            "initiatieven_register",
            tiles.notes("Register bewonersinitiatieven", REGISTER, [("Selectie", selection)]),
            key="dl_register",
        )
    )
