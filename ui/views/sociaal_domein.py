"""The Sociaal domein page: spending per taakveld, begroot vs realisatie, the index to 2015, spending per wijk
against need, cohesion against care use. Each section is a chart tile (ui.tiles): chart with its sentence, an
nl-NL table from one column spec, CSV/XLSX downloads from the same spec."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import spending
from analysis.formatting import SUPPRESSED, format_change, format_number
from charts import spending as spending_charts
from data.catalogue import Settings
from ui import cached, params, store, tiles
from ui.tiles import DEMO_BADGE, Column, Download, Table, change, euro, number, reason


def _source() -> str:
    """The spending table's source line, naming the store's gemeente."""
    return f"Jaarrekening en begroting gemeente {store.settings().gemeente_naam}, Iv3-taakvelden (demo)"


def million(value: float) -> str:
    """``12_345_678`` -> ``'€ 12,3 mln'``; missing -> ``'–'``."""
    text = format_number(value / spending.MILLION if pd.notna(value) else value, 1)
    return text if text == SUPPRESSED else f"€ {text} mln"


def per_taakveld_section(table: pd.DataFrame, inhabitants: float) -> None:
    """Realised spending per taakveld and year, stacked, in euro or per inwoner."""
    realised = table.dropna(subset=["realisatie_eur"]).copy()
    realised["per_inwoner_eur"] = realised.realisatie_eur / inhabitants
    realised["realisatie_mln_eur"] = realised.realisatie_eur / spending.MILLION
    unit = st.radio(
        "Weergave",
        ["totaal", "per_inwoner"],
        horizontal=True,
        key="sd_weergave",
        format_func={"totaal": "Totaal in euro", "per_inwoner": "Per inwoner"}.get,
    )
    column, title = (
        ("realisatie_mln_eur", "miljoen euro") if unit == "totaal" else ("per_inwoner_eur", "euro per inwoner")
    )
    formatter = (lambda v: f"€ {format_number(v, 1)} mln") if unit == "totaal" else euro()
    last = int(realised.year.max())
    latest = realised[realised.year == last].sort_values(column, ascending=False)
    biggest = latest.iloc[0]
    total = latest[column].sum()
    sentence = (
        f"Gerealiseerde uitgaven sociaal domein per taakveld, {int(realised.year.min())}–{last}. In {last}: "
        f"{formatter(total)}{' per inwoner' if unit != 'totaal' else ''}; het grootste taakveld is "
        f"{biggest.taakveld_code} {biggest.taakveld} ({format_number(biggest[column] / total * 100)}%)."
    )
    decimals = 1 if unit == "totaal" else 0
    tiles.chart_tile(
        cached.figure(spending_charts.per_taakveld_stacked, realised, column, title, decimals),
        sentence,
        key="sd_stacked",
        table=Table(
            taakveld_table(realised, column, formatter),
            alt="Gerealiseerde uitgaven per taakveld en jaar",
            expander="Per taakveld als tabel",
        ),
        source=(
            f"{DEMO_BADGE} {_source()}. Per inwoner: gedeeld door het laatst bekende aantal inwoners "
            f"({format_number(inhabitants)}, CBS 1 januari 2024) voor elk jaar."
        ),
    )


def taakveld_table(realised: pd.DataFrame, column: str, formatter: tiles.Format) -> pd.DataFrame:
    """Taakvelden × years, formatted, with a row of totals."""
    view = realised.assign(
        Taakveld=realised.taakveld_code + " " + realised.taakveld, Bedrag=realised[column].map(formatter)
    ).pivot(index="Taakveld", columns="year", values="Bedrag")
    order = list(dict.fromkeys(realised.taakveld_code + " " + realised.taakveld))
    view = view.reindex(order).rename(columns=str)
    sums = realised.groupby("year")[column].sum()
    view.loc["Totaal"] = [formatter(sums[int(y)]) for y in view.columns]
    return view


def _difference(realised: float, budgeted: float) -> str:
    return (
        SUPPRESSED
        if pd.isna(realised) or pd.isna(budgeted)
        else f"{format_change((realised / budgeted - 1) * 100, 1)}%"
    )


TOTALS_COLUMNS = (
    Column("year", "Jaar", format=str),
    Column("begroot_eur", "Begroot", format=million),
    Column("realisatie_eur", "Realisatie", format=million),
    Column("difference_text", "Verschil"),
    Column("realisatie_per_inwoner_eur", "Realisatie per inwoner", format=euro()),
)
TAAKVELD_COLUMNS = (
    Column("year", None, "jaar"),
    Column("taakveld_code", None, "taakveld"),
    Column("taakveld", None, "naam"),
    Column("begroot_eur", None, "begroot (euro)"),
    Column("realisatie_eur", None, "realisatie (euro)"),
    Column("difference_eur", None, "verschil (euro)"),
    Column("difference_pct", None, "verschil (% van begroot)", decimals=2),
    Column("demodata", None, "demodata"),
)


def budget_section(totals: pd.DataFrame, table: pd.DataFrame) -> None:
    """Begroot next to realisatie per year, and the difference per taakveld in a chosen year."""
    both = totals.dropna(subset=["realisatie_eur", "begroot_eur"])
    last = both.iloc[-1]
    difference = (last.realisatie_eur / last.begroot_eur - 1) * 100
    over_years = both[both.realisatie_eur > both.begroot_eur].year.astype(int).tolist()
    sentence = (
        f"In {int(last.year)} is {million(last.realisatie_eur)} uitgegeven tegen {million(last.begroot_eur)} "
        f"begroot ({format_change(difference, 1)}%). De realisatie lag boven de begroting in "
        f"{len(over_years)} van de {len(both)} jaren."
    )
    shown = totals.assign(
        year=totals.year.astype(str),
        difference_text=[_difference(r, b) for r, b in zip(totals.realisatie_eur, totals.begroot_eur, strict=True)],
    )
    tiles.chart_tile(
        cached.figure(spending_charts.budget_vs_realised, totals),
        sentence,
        key="sd_begroot",
        table=Table(
            tiles.display_table(shown, TOTALS_COLUMNS),
            alt="Begroot en gerealiseerd per jaar",
            expander="Begroot en realisatie als tabel",
            transpose=True,
        ),
        download=Download(
            tiles.export_table(table.assign(demodata="ja"), TAAKVELD_COLUMNS),
            "sociaal_domein_taakvelden",
            tiles.notes("Uitgaven sociaal domein per Iv3-taakveld en jaar, begroot en realisatie", _source()),
            key="dl_taakvelden",
        ),
    )


def growth_section(totals: pd.DataFrame) -> None:
    """Realised spending indexed to the first year, with the policy's claim checked in a generated sentence."""
    claim = store.social_domain_figures().growth_claim
    series = totals.dropna(subset=["realisatie_eur"]).set_index("year").realisatie_eur
    if claim.start not in series.index:
        st.info(f"De uitgaven van {claim.start} zijn niet bekend; de groei is niet te berekenen.")
        return
    index = spending.index_to(series, claim.start)
    claim_sentence = spending.growth_sentence(series, claim.start, claim.end, claim.pct)
    last = int(series.index.max())
    since = f"Over de hele reeks, {spending.change_text(series, claim.start, last)}." if last != claim.end else ""
    view = pd.DataFrame({"Jaar": index.index.astype(str), "Index": [format_number(v, 1) for v in index]})
    tiles.chart_tile(
        cached.figure(spending_charts.indexed, index, claim.start, claim.end, claim.pct),
        f"{claim_sentence} {since}".strip(),
        key="sd_index",
        table=Table(
            view.set_index("Jaar"),
            alt=f"Uitgaven als index, {claim.start} = 100",
            expander="Index als tabel",
            transpose=True,
        ),
        source=f"{DEMO_BADGE} Nominale bedragen (niet gecorrigeerd voor inflatie). Bewering: {claim.source}.",
    )


TAAKVELD_GROUPS = {
    "zorg": ("Zorg en ondersteuning (6.6, 6.71, 6.72)", ("6.6", "6.71", "6.72")),
}


@dataclass(frozen=True)
class NeedContext:
    """What the section 'inzet naast vraag' reads: suppressed values, spending rows, the taakvelden and
    wijken, inhabitants per area, the wijken big enough to measure, the indicator catalogue."""

    values: pd.DataFrame
    spending_rows: pd.DataFrame
    taakvelden: pd.DataFrame
    wijken: pd.DataFrame
    population: pd.Series
    measurable: list[str]
    indicators: pd.DataFrame
    settings: Settings


def taakveld_options(taakvelden: pd.DataFrame) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The choices of taakvelden: the named groups, all allocated per wijk, then each allocated one."""
    allocated = taakvelden[taakvelden.per_wijk]
    return {
        **TAAKVELD_GROUPS,
        "alle": ("Alle taakvelden die per wijk zijn toegerekend", tuple(allocated.taakveld_code)),
        **{
            row.taakveld_code: (f"{row.taakveld_code} {row.name}", (row.taakveld_code,))
            for row in allocated.itertuples()
        },
    }


def need_years(context: NeedContext) -> list[int]:
    """Years with both spending per wijk and need proxies, newest first."""
    values = context.values
    wijk_rows = context.spending_rows[context.spending_rows.area_code.isin(context.wijken.area_code)]
    proxy_years = set(values[values.indicator_id.isin(spending.NEED_PROXIES) & values.value.notna()].year)
    return sorted(set(wijk_rows.year) & proxy_years, reverse=True)


def need_columns(meta: pd.DataFrame) -> tuple[Column, ...]:
    """The table of 'inzet naast vraag': the proxies under their labels on screen, under their ids in the file."""
    proxies = [
        Column(
            proxy,
            meta.at[proxy, "label"] if proxy in meta.index else proxy,
            proxy,
            number(int(meta.at[proxy, "decimals"]) if proxy in meta.index else 1),
        )
        for proxy in spending.NEED_PROXIES
    ]
    return (
        Column("area_code", None, "wijkcode"),
        Column("name", "Wijk", "wijk"),
        *proxies,
        Column("need_score", "Vraag (0 = gemeente)", "vraag (gemiddelde z)", change(2), 3),
        Column("shown_spending_eur", None, "uitgaven (euro)"),
        Column("spending_per_inwoner_eur", "Uitgaven per inwoner", "uitgaven per inwoner (euro)", euro(), 2),
        Column("quadrant", "Kwadrant", "kwadrant", lambda q: SUPPRESSED if pd.isna(q) else q),
        Column("reason", "Opmerking", "niet getoond omdat", reason()),
        Column("jaar", None, "jaar"),
        Column("taakvelden", None, "taakvelden"),
        Column("demodata", None, "demodata"),
    )


def need_method(meta: pd.DataFrame) -> str:
    return (
        "**Zo zijn de kwadranten bepaald.** *Vraag* vat vier behoefte-indicatoren samen ("
        + ", ".join(meta.at[p, "label"].lower() if p in meta.index else p for p in spending.NEED_PROXIES)
        + "): boven 0 vraagt een wijk meer dan de gemeente als geheel, onder 0 minder. *Inzet* is hoog als de "
        "uitgaven per inwoner boven die van de gemeente liggen. Een hoge vraag met lage inzet is geen oordeel: "
        "het is een vraag om uit te zoeken."
    )


NEED_STATISTICS = (
    "Elke behoefte-indicator wordt uitgedrukt als afstand tot de gemeente, gedeeld door de spreiding tussen de "
    "wijken (de standaardafwijking): een z-score. *Vraag* is het gemiddelde van die vier z-scores; 0 = de "
    "gemeente, +1 = gemiddeld één standaardafwijking meer behoefte."
)


def need_section(context: NeedContext) -> None:
    """Spending per inwoner per wijk next to the need proxies, in four named quadrants."""
    options = taakveld_options(context.taakvelden)
    years = need_years(context)
    if not years:
        st.info("Er zijn geen jaren met zowel uitgaven per wijk als behoefte-indicatoren.")
        return
    left, right = st.columns([3, 1])
    choice = params.bound_select(
        "Taakvelden", list(options), key="taakveld", container=left, format_func=lambda k: options[k][0]
    )
    year = int(params.bound_select("Jaar", [str(y) for y in years], key="sd_jaar", container=right))
    label, codes = options[choice]
    settings = context.settings
    table = spending.need_and_spending(
        context.values,
        context.spending_rows,
        context.wijken,
        codes,
        year,
        context.population,
        context.measurable,
        settings.gemeente_code,
    )
    reference = table.attrs["gemeente_spending_per_inwoner_eur"]
    sentence = (
        f"{label}, {year}: uitgaven per inwoner per wijk naast de vraag. Gemeente: {euro()(reference)} per inwoner. "
        + spending.quadrant_sentence(table)
    )
    meta = context.indicators.set_index("indicator_id")
    columns = need_columns(meta)
    frame = table.assign(
        shown_spending_eur=table.spending_eur.where(table.reason.isna()),
        jaar=year,
        taakvelden=", ".join(codes),
        demodata="ja",
    )
    tiles.chart_tile(
        cached.figure(spending_charts.quadrants, table, reference, "uitgaven per inwoner (€)"),
        sentence,
        key="sd_kwadranten",
        note=need_method(meta),
        method=NEED_STATISTICS,
        table=Table(
            tiles.display_table(frame.sort_values("need_score", ascending=False, na_position="last"), columns),
            alt=f"Vraag en inzet per wijk, {year}",
        ),
        source=(
            f"{DEMO_BADGE} {_source()}; behoefte-indicatoren uit de demodata. Wijken met minder dan "
            f"{format_number(store.privacy_rules().min_population)} inwoners krijgen geen cijfers per inwoner."
        ),
        download=Download(
            tiles.export_table(frame, columns),
            f"vraag_en_inzet_{year}",
            tiles.notes("Uitgaven per inwoner per wijk naast behoefte-indicatoren", _source(), [("Taakvelden", label)]),
            key="dl_kwadranten",
        ),
    )


CARE_OPTIONS = ("wmo_per_1000", "jeugdzorg_pct", "bijstand_per_1000")
SENTENCE_LABELS = {
    "samenhang_score": ("de sociale samenhang", "punt"),
    "wmo_per_1000": ("het aantal Wmo-cliënten per 1.000 inwoners", "per 1.000"),
    "jeugdzorg_pct": ("het aandeel jongeren met jeugdzorg", "procentpunt"),
    "bijstand_per_1000": ("het aantal bijstandsuitkeringen per 1.000 inwoners", "per 1.000"),
}
CARE_CAUTION = (
    "**Lees dit voorzichtig.** Wijken verschillen in veel meer dan samenhang (leeftijd, inkomen, "
    "woningen): een verband zegt niet dat meer samenhang tot minder zorg leidt. Dezelfde wijk telt in "
    "meerdere jaren mee, dus de punten zijn niet onafhankelijk."
)


def care_columns(care_label: str, decimals: int) -> tuple[Column, ...]:
    return (
        Column("area_code", None, "wijkcode"),
        Column("wijk", "Wijk", "wijk"),
        Column("year", "Jaar", "jaar", str),
        Column("x", "Samenhang", "sociale samenhang (0-10)", number(1)),
        Column("y", care_label, care_label, number(decimals)),
        Column("demodata", None, "demodata"),
    )


def fit_notes(fit: spending.Fit, care_label: str) -> list[tuple[str, str]]:
    """The line and its strength, for the Toelichting sheet."""
    return [
        ("Lijn", f"{care_label} = {fit.intercept:.3f} + {fit.slope:.3f} x samenhang".replace(".", ",")),
        (
            "Sterkte",
            f"{spending.strength(fit.r)}: r = {format_number(fit.r, 3)}, r² = {format_number(fit.r2, 3)}, n = {fit.n}",
        ),
        ("Let op", spending.CAVEAT),
    ]


def cohesion_care_section(
    values: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], measurable: list[str]
) -> None:
    """Cohesion against one kind of care use, pooled over wijken and years, with a least-squares line."""
    meta = indicators.set_index("indicator_id")
    options = [o for o in CARE_OPTIONS if o in meta.index]
    care = params.bound_select(
        "Zorggebruik", options, key="zorg", format_func=lambda i: meta.at[i, "label"], container=st.columns([2, 3])[0]
    )
    points = spending.paired_points(values, "samenhang_score", care, measurable)
    if len(points) < 3 or points.x.nunique() < 2 or points.y.nunique() < 2:
        st.info("Te weinig wijken en jaren met verschillende cijfers voor beide om een lijn te berekenen.")
        return
    fit = spending.least_squares(points.x, points.y)
    x_label, x_unit = SENTENCE_LABELS["samenhang_score"]
    y_label, y_unit = SENTENCE_LABELS.get(care, (meta.at[care, "label"], meta.at[care, "unit"]))
    sentence = spending.fit_sentence(fit, x_label, y_label, x_unit, y_unit)
    years = f"{int(points.year.min())}–{int(points.year.max())}"
    care_label, decimals = meta.at[care, "label"], int(meta.at[care, "decimals"])
    figure = cached.figure(
        spending_charts.cohesion_care,
        points,
        fit,
        f"{meta.at['samenhang_score', 'label']} (rapportcijfer 0–10)",
        f"{care_label}",
        names,
        decimals,
    )
    columns = care_columns(care_label, decimals)
    frame = points.assign(wijk=points.area_code.map(names), demodata="ja")
    tiles.chart_tile(
        figure,
        f"{len(points.area_code.unique())} wijken, {years}, elk punt is een wijk in één jaar. {sentence}",
        key="sd_samenhang",
        note=CARE_CAUTION,
        method=spending.fit_measures(fit),
        table=Table(
            tiles.display_table(frame, columns).set_index("Jaar", append=True),
            alt="Samenhang en zorggebruik per wijk en jaar",
            expander="De punten als tabel",
        ),
        source=(
            f"{DEMO_BADGE} Wijkenquête en zorgregistraties (demo). Alleen wijken met minstens "
            f"{format_number(store.privacy_rules().min_population)} inwoners en enquêtecijfers van genoeg "
            "respondenten."
        ),
        download=Download(
            tiles.export_table(frame, columns),
            f"samenhang_{care}",
            tiles.notes(
                "Sociale samenhang en zorggebruik per wijk en jaar",
                "Wijkenquête en zorgregistraties (demo)",
                fit_notes(fit, care_label),
            ),
            key="dl_samenhang",
        ),
    )
