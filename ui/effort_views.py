"""Streamlit sections of the pages Initiatieven & vrijwilligers and Sociaal domein.

Each section draws a chart with its text alternative (a sentence, also the chart's ``alt``), the same
figures as an nl-NL formatted ``st.table`` and, where a user may want the numbers, CSV/XLSX downloads in
the Dutch conventions of the Kaart page (analysis.export).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import effort, suppression
from analysis.formatting import SUPPRESSED, format_change, format_number
from charts import effort as effort_charts
from data.budgets import SocialDomainFigures, load_social_domain_figures
from data.catalogue import Settings
from ui import cached, handout, params, store, widgets
from ui.text import file_part, inert

DEMO_BADGE = ":orange-badge[demo]"
CHART_CONFIG = {"displaylogo": False, "scrollZoom": False}
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


@st.cache_data(show_spinner=False)
def social_domain_figures() -> SocialDomainFigures:
    """The buurtinitiatieven budget and the policy's growth claim (data/catalogue/sociaal_domein.yaml)."""
    return load_social_domain_figures()


def rules() -> suppression.Rules:
    return store.settings().privacy


def privacy_note(settings: Settings) -> str:
    return (
        f"– = niet getoond: aantallen van 1 tot en met {settings.privacy.max_small_count} en cijfers per inwoner "
        f"in wijken met minder dan {format_number(settings.privacy.min_population)} inwoners."
    )


def chart(figure: go.Figure, alt: str, key: str) -> None:
    """A plotly chart with its sentence as alt text and as a caption under it (not only for screen readers)."""
    st.plotly_chart(figure, key=key, config=CHART_CONFIG, alt=alt)
    st.caption(inert(alt))  # the sentence can hold register text (a theme): shown as written


def downloads(frame: pd.DataFrame, name: str, notes: list[tuple[str, str]], key: str) -> None:
    """CSV (';', decimal comma, UTF-8 BOM) and XLSX with a Toelichting sheet, as on the Kaart page."""
    widgets.download_buttons(frame, notes, f"wijkmonitor_{name}", key)


def notes(
    what: str, source: str, settings: Settings, extra: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """The Toelichting sheet of a download: what, source, demo flag, privacy."""
    return [
        ("Inhoud", what),
        ("Bron", source),
        ("Demodata", "ja: gegenereerd, niet echt"),
        *(extra or []),
        ("Inwoners", "Laatst bekende aantal (CBS, 1 januari 2024), voor elk jaar gebruikt."),
        (
            "Privacy",
            f"Leeg met reden: aantallen van 1 tot en met {settings.privacy.max_small_count} en cijfers per inwoner "
            f"in wijken met minder dan {settings.privacy.min_population} inwoners.",
        ),
    ]


def _number(value: float, decimals: int = 0, prefix: str = "") -> str:
    text = format_number(value, decimals)
    return text if text == SUPPRESSED else prefix + text


def _remark(reason: object) -> str:
    return f"niet getoond: {reason}" if isinstance(reason, str) else ""


# Initiatives ------------------------------------------------------------------------------------


def initiative_filters(initiatives: pd.DataFrame, wijken: dict[str, str]) -> dict[str, str]:
    """Wijk, theme, status and start year, each in the URL (``?ini_wijk=…&ini_thema=…``)."""
    years = sorted(effort.with_year(initiatives).year.unique(), reverse=True)
    themes = sorted(initiatives.theme.unique())
    columns = st.columns([3, 2, 2, 1])
    every = {effort.ALL: "Alle"}
    wijk = params.bound_select(
        "Wijk",
        [effort.ALL, *wijken],
        key="ini_wijk",
        container=columns[0],
        format_func=lambda c: "Alle wijken" if c == effort.ALL else wijken[c],
    )
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
    shown = wijk_rows.dropna(subset=[measure]).sort_values(measure, ascending=False)
    if shown.empty:
        sentence = f"{label} ({selection}): voor geen enkele wijk te tonen."
    else:
        top = shown.iloc[0]
        sentence = (
            f"{label} ({selection}): het hoogst in {top['name']} ({_number(top[measure], decimals, prefix)}); "
            f"gemeente {settings.gemeente_naam}: {_number(gemeente[measure], decimals, prefix)}. "
            f"{int(wijk_rows[measure].isna().sum())} wijk(en) niet getoond."
        )
    marked = None if highlight == effort.ALL else highlight
    figure = cached.figure(effort_charts.per_wijk_bars, wijk_rows, measure, label, decimals, prefix, highlight=marked)
    chart(figure, sentence, key="ini_per_wijk")
    table = pd.DataFrame(
        {
            "Wijk": summary["name"] + (summary.area_code == marked).map({True: " ◀ gekozen", False: ""}),
            "Initiatieven": summary.initiatives.map(lambda v: _number(v)),
            "Per 1.000 inwoners": summary.initiatives_per_1000.map(lambda v: _number(v, 2)),
            "Deelnemers": summary.participants.map(lambda v: _number(v)),
            "Subsidie": summary.subsidy_eur.map(lambda v: _number(v, 0, "€ ")),
            "Subsidie per 1.000 inwoners": summary.subsidy_per_1000_eur.map(lambda v: _number(v, 0, "€ ")),
            "Opmerking": summary.suppressed.map(_remark),
        }
    ).set_index("Wijk")
    st.table(table, alt=f"Initiatieven per wijk, {selection}")
    st.caption(f"{DEMO_BADGE} Register bewonersinitiatieven, {inert(selection)}. {privacy_note(settings)}")
    frame = pd.DataFrame(
        {
            "wijkcode": summary.area_code,
            "wijk": summary["name"],
            "selectie": selection,
            "initiatieven": summary.initiatives,
            "initiatieven per 1.000 inwoners": summary.initiatives_per_1000.round(3),
            "deelnemers": summary.participants,
            "subsidie (euro)": summary.subsidy_eur,
            "subsidie per 1.000 inwoners (euro)": summary.subsidy_per_1000_eur.round(2),
            "niet getoond omdat": summary.suppressed,
            "demodata": "ja",
        }
    )
    downloads(
        frame,
        "initiatieven_per_wijk",
        notes(
            "Bewonersinitiatieven per wijk: aantal, deelnemers, subsidie",
            "Register bewonersinitiatieven (demo)",
            settings,
            [("Selectie", selection)],
        ),
        key="dl_ini_wijk",
    )


def over_time_section(per_year: pd.DataFrame, highlight: int | None, selection: str) -> None:
    """Initiatives, participants and subsidy per start year, with the same figures as a table."""
    latest = per_year.iloc[-1]
    sentence = (
        f"Gestarte initiatieven per jaar ({selection}): {_number(latest.initiatives)} in {int(latest.year)}, "
        f"met {_number(latest.participants)} deelnemers en {_number(latest.subsidy_eur, 0, '€ ')} subsidie"
    )
    if per_year.initiatives.notna().any():
        peak = per_year.loc[per_year.initiatives.idxmax()]
        sentence += f"; de meeste in {int(peak.year)} ({_number(peak.initiatives)})."
    else:
        sentence += "; de aantallen per jaar zijn klein (1 tot en met 4) en worden niet getoond."
    chart(cached.figure(effort_charts.over_time, per_year, highlight), sentence, key="ini_over_time")
    table = pd.DataFrame(
        {
            "Jaar": per_year.year.astype(int).astype(str),
            "Gestarte initiatieven": per_year.initiatives.map(lambda v: _number(v)),
            "Deelnemers": per_year.participants.map(lambda v: _number(v)),
            "Subsidie": per_year.subsidy_eur.map(lambda v: _number(v, 0, "€ ")),
        }
    ).set_index("Jaar")
    with st.expander("Per jaar als tabel"):
        st.table(table.T, alt=f"Initiatieven per startjaar, {selection}")


def budget_section(initiatives: pd.DataFrame, settings: Settings) -> None:
    """Subsidy granted per year against the budget for buurtinitiatieven (whole gemeente, no filters)."""
    budget = social_domain_figures().initiatives_budget
    table = effort.subsidy_vs_budget(initiatives, budget.amounts)
    if table.empty:
        st.info("Er is geen budget voor buurtinitiatieven vastgelegd (data/catalogue/sociaal_domein.yaml).")
        return
    sentence = effort.budget_sentence(table)
    chart(cached.figure(effort_charts.subsidy_vs_budget, table), sentence, key="ini_budget")
    view = pd.DataFrame(
        {
            "Jaar": table.year.astype(str),
            "Toegekend": table.granted_eur.map(lambda v: _number(v, 0, "€ ")),
            "Budget": table.budget_eur.map(lambda v: _number(v, 0, "€ ")),
            "Benut": table.used_pct.map(lambda v: _number(v) + "%"),
            "Over (+) of tekort (−)": table.remaining_eur.map(
                lambda v: ("over € " if v >= 0 else "tekort € ") + format_number(abs(v))
            ),
        }
    ).set_index("Jaar")
    with st.expander("Subsidie en budget als tabel"):
        st.table(view.T, alt="Toegekende subsidie en budget buurtinitiatieven per jaar")
    demo = f"{DEMO_BADGE} " if budget.is_demo else ""
    st.caption(
        f"{demo}Hele gemeente, los van de filters. Toegekend = subsidie van initiatieven die in dat jaar zijn gestart "
        f"(status lopend, afgerond of gestopt; bij een idee is subsidie aangevraagd, nog niet toegekend). "
        f"Budget: {budget.source}."
    )
    frame = table.rename(
        columns={
            "year": "jaar",
            "granted_eur": "toegekend (euro)",
            "budget_eur": "budget (euro)",
            "used_pct": "benut (%)",
            "remaining_eur": "over (+) of tekort (-) (euro)",
        }
    ).assign(demodata="ja" if budget.is_demo else "nee")
    frame["benut (%)"] = frame["benut (%)"].round(1)
    downloads(
        frame,
        "subsidie_budget",
        notes("Toegekende subsidie tegen het budget buurtinitiatieven", budget.source, settings),
        key="dl_budget",
    )


def volunteer_section(rates: pd.DataFrame, wijk: str, names: dict[str, str], settings: Settings) -> None:
    """Volunteers and hours per 1,000 per quarter: the gemeente, and the chosen wijk when there is one."""
    code = settings.gemeente_code
    shown = {wijk: names[wijk], code: names[code]} if wijk != effort.ALL else {code: names[code]}
    sentences = [effort.volunteer_sentence(rates, area, name) for area, name in shown.items()]
    chart(
        cached.figure(effort_charts.volunteer_trend, rates, shown, reference=code),
        " ".join(sentences),
        key="vrijwilligers",
    )
    latest = rates[(rates.year == rates.year.max())]
    latest = latest[latest.quarter == latest.quarter.max()]
    year_before = rates[(rates.year == latest.year.max() - 1) & (rates.quarter == latest.quarter.max())]
    before = year_before.set_index("area_code").volunteers_per_1000
    order = list(names)
    latest = latest.set_index("area_code").reindex(order).reset_index()
    period = latest.period.dropna().iloc[0] if latest.period.notna().any() else ""
    table = pd.DataFrame(
        {
            "Gebied": latest.area_code.map(names),
            "Actieve vrijwilligers": latest.active_volunteers.map(lambda v: _number(v)),
            "Per 1.000 inwoners": latest.volunteers_per_1000.map(lambda v: _number(v, 1)),
            "Een jaar eerder": latest.area_code.map(before).map(lambda v: _number(v, 1)),
            "Uren": latest.volunteer_hours.map(lambda v: _number(v)),
            "Uren per 1.000 inwoners": latest.hours_per_1000.map(lambda v: _number(v)),
            "Opmerking": latest.suppressed.map(_remark),
        }
    ).set_index("Gebied")
    st.markdown(f"**Per wijk, {period}**")
    st.table(table, alt=f"Vrijwilligers per wijk, {period}")
    st.caption(
        f"{DEMO_BADGE} Registratie vrijwilligerscentrale: vrijwilligers die in het kwartaal actief waren bij een "
        f"lokale organisatie. 'Een jaar eerder' = hetzelfde kwartaal een jaar eerder. {privacy_note(settings)}"
    )
    frame = pd.DataFrame(
        {
            "gebiedscode": rates.area_code,
            "gebied": rates.area_code.map(names),
            "jaar": rates.year,
            "kwartaal": rates.quarter,
            "actieve vrijwilligers": rates.active_volunteers,
            "vrijwilligers per 1.000 inwoners": rates.volunteers_per_1000.round(2),
            "uren": rates.volunteer_hours,
            "uren per 1.000 inwoners": rates.hours_per_1000.round(1),
            "niet getoond omdat": rates.suppressed,
            "demodata": "ja",
        }
    )
    downloads(
        frame,
        "vrijwilligers_per_kwartaal",
        notes("Vrijwilligers en uren per wijk en kwartaal", "Registratie vrijwilligerscentrale (demo)", settings),
        key="dl_vrijwilligers",
    )


def draagkracht_section(values: pd.DataFrame, wijken: pd.DataFrame, measurable: list[str], settings: Settings) -> None:
    """Draagkracht per wijk in a chosen year, with the method in words."""
    components = values[values.indicator_id.isin(effort.DRAAGKRACHT_COMPONENTS) & values.value.notna()]
    years = sorted(
        set(components[components.indicator_id == "samenhang_score"].year)
        & set(components[components.indicator_id == "buurtactiviteiten_per_1000"].year),
        reverse=True,
    )
    if not years:
        st.info("Er zijn geen jaren met zowel samenhang als buurtactiviteiten.")
        return
    year = params.bound_select(
        "Jaar", [str(y) for y in years], key="dk_jaar", help="Jaar van de draagkracht", container=st.columns([1, 5])[0]
    )
    year = int(year)
    st.markdown(effort.draagkracht_method(settings.privacy.min_population))
    table = effort.draagkracht(values, wijken, year, measurable, settings.privacy.min_population)
    chart(
        cached.figure(effort_charts.draagkracht_bars, table),
        effort.draagkracht_sentence(table, year),
        key="draagkracht",
    )
    ordered = table.sort_values("score", ascending=False, na_position="last")
    view = pd.DataFrame(
        {
            "Wijk": ordered["name"],
            "Samenhang (0–10)": ordered.samenhang_score.map(lambda v: _number(v, 1)),
            "z samenhang": ordered.z_samenhang.map(lambda v: format_change(v, 2) or SUPPRESSED),
            "Buurtactiviteiten per 1.000": ordered.buurtactiviteiten_per_1000.map(lambda v: _number(v, 1)),
            "z activiteiten": ordered.z_activiteiten.map(lambda v: format_change(v, 2) or SUPPRESSED),
            "Draagkracht": ordered.score.map(lambda v: format_change(v, 2) or SUPPRESSED),
            "Rang": ordered["rank"].map(lambda v: SUPPRESSED if pd.isna(v) else str(int(v))),
            "Opmerking": ordered.reason.map(lambda r: f"geen score: {r}" if isinstance(r, str) else ""),
        }
    ).set_index("Wijk")
    st.table(view, alt=f"Draagkracht per wijk {year}")
    st.caption(f"{DEMO_BADGE} Wijkenquête en registratie welzijnsorganisatie (demo), {year}.")
    frame = pd.DataFrame(
        {
            "wijkcode": table.area_code,
            "wijk": table["name"],
            "jaar": year,
            "samenhang (0-10)": table.samenhang_score,
            "z samenhang": table.z_samenhang.round(3),
            "buurtactiviteiten per 1.000 inwoners": table.buurtactiviteiten_per_1000.round(2),
            "z buurtactiviteiten": table.z_activiteiten.round(3),
            "draagkracht": table.score.round(3),
            "rang": table["rank"],
            "geen score omdat": table.reason,
            "demodata": "ja",
        }
    )
    downloads(
        frame,
        f"draagkracht_{year}",
        notes(
            "Draagkracht per wijk",
            "Wijkenquête en registratie welzijnsorganisatie (demo)",
            settings,
            [("Methode", effort.draagkracht_method(settings.privacy.min_population))],
        ),
        key="dl_draagkracht",
    )


# Mooie voorbeelden ------------------------------------------------------------------------------


def _period(start: object, end: object) -> str:
    first = pd.Timestamp(start)
    text = f"{MONTHS[first.month - 1]} {first.year}"
    if pd.isna(end):
        return f"{text} – loopt nog"
    last = pd.Timestamp(end)
    return f"{text} – {MONTHS[last.month - 1]} {last.year}"


def example(row: pd.Series, wijken: dict[str, str], buurten: dict[str, str], settings: Settings) -> handout.Example:
    """A register row as a handout example; small participant numbers suppressed."""
    participants = row.participants
    hidden = pd.isna(participants) or 1 <= participants <= settings.privacy.max_small_count
    base = st.context.url.split("?")[0] if st.context.url else "/initiatieven"
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


def gallery(examples: pd.DataFrame, wijken: dict[str, str], buurten: dict[str, str], settings: Settings) -> None:
    """Cards of the good examples, three in a row, each with a link to its own page (handout)."""
    if examples.empty:
        st.info(
            "Bij deze filters staan er geen mooie voorbeelden in het register. Kies bijvoorbeeld 'Alle' bij status."
        )
        return
    st.caption(
        f"{DEMO_BADGE} {len(examples)} mooie voorbeelden bij deze filters, nieuwste eerst. Elk voorbeeld heeft een "
        "eigen link en een afdrukbare handout van één pagina."
    )
    ordered = examples.sort_values("start_date", ascending=False)
    columns = st.columns(3)
    for number, row in enumerate(ordered.itertuples()):
        item = example(pd.Series(row._asdict()), wijken, buurten, settings)
        with columns[number % 3].container(border=True):
            st.markdown(f"**{inert(item.title)}**")
            st.caption(inert(f"{item.wijk} · {item.theme} · {item.period}"))
            st.markdown(inert(item.story))
            st.markdown(f"Deelnemers: **{item.participants}** · subsidie: **{item.subsidy}**")
            st.page_link(
                "pages/initiatieven.py",
                label="Open als handout",
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


def register_table(rows: pd.DataFrame, wijken: dict[str, str], settings: Settings, selection: str) -> None:
    """The filtered register as a list (text-heavy: st.dataframe), newest first, with downloads."""
    if rows.empty:
        st.info("Geen initiatieven bij deze filters.")
        return
    rows = rows.sort_values("start_date", ascending=False)
    small = rows.participants.between(1, settings.privacy.max_small_count)
    view = pd.DataFrame(
        {
            "Initiatief": [("★ " if g else "") + t for g, t in zip(rows.is_good_example, rows.title, strict=True)],
            "Wijk": rows.wijk_code.map(wijken),
            "Thema": rows.theme,
            "Status": rows.status,
            "Start": pd.to_datetime(rows.start_date).dt.strftime("%d-%m-%Y"),
            "Deelnemers": [
                SUPPRESSED if h else format_number(n) for h, n in zip(small, rows.participants, strict=True)
            ],
            "Subsidie": [handout.money(float(v)) for v in rows.subsidy_eur],
        }
    )
    st.dataframe(view, hide_index=True, width="stretch")
    st.caption(
        f"{DEMO_BADGE} {len(rows)} initiatieven ({inert(selection)}); ★ = mooi voorbeeld. {privacy_note(settings)}"
    )
    frame = pd.DataFrame(
        {
            "id": rows.initiative_id,
            "titel": rows.title,
            "omschrijving": rows.description,
            "wijkcode": rows.wijk_code,
            "wijk": rows.wijk_code.map(wijken),
            "thema": rows.theme,
            "status": rows.status,
            "startdatum": pd.to_datetime(rows.start_date).dt.strftime("%d-%m-%Y"),
            "einddatum": pd.to_datetime(rows.end_date).dt.strftime("%d-%m-%Y").fillna(""),
            "deelnemers": rows.participants.astype(float).mask(small),
            "subsidie (euro)": rows.subsidy_eur,
            "mooi voorbeeld": rows.is_good_example.map({True: "ja", False: "nee"}),
            "demodata": "ja",
        }
    )
    downloads(
        frame,
        "initiatieven_register",
        notes(
            "Register bewonersinitiatieven", "Register bewonersinitiatieven (demo)", settings, [("Selectie", selection)]
        ),
        key="dl_register",
    )
