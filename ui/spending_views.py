"""Streamlit sections of the page Sociaal domein: spending per taakveld, begroot vs realisatie, the index to
2015, spending per wijk against need, cohesion against care use. Same pattern as ui.effort_views: chart
with its sentence, an nl-NL ``st.table``, CSV/XLSX downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import spending
from analysis.formatting import SUPPRESSED, format_change, format_number
from charts import spending as spending_charts
from data.catalogue import Settings
from ui import cached, params
from ui.effort_views import DEMO_BADGE, chart, downloads, notes, social_domain_figures

SOURCE = "Jaarrekening en begroting gemeente Oosterhout, Iv3-taakvelden (demo)"


def _euro(value: float, decimals: int = 0) -> str:
    text = format_number(value, decimals)
    return text if text == SUPPRESSED else f"€ {text}"


def _million(value: float) -> str:
    text = format_number(value / spending.MILLION if pd.notna(value) else value, 1)
    return text if text == SUPPRESSED else f"€ {text} mln"


def per_taakveld_section(table: pd.DataFrame, inhabitants: float, settings: Settings) -> None:
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
    last = int(realised.year.max())
    latest = realised[realised.year == last].sort_values(column, ascending=False)
    biggest = latest.iloc[0]
    total = latest[column].sum()
    value_text = f"€ {format_number(total, 1)} mln" if unit == "totaal" else _euro(total)
    sentence = (
        f"Gerealiseerde uitgaven sociaal domein per taakveld, {int(realised.year.min())}–{last}. In {last}: "
        f"{value_text}{' per inwoner' if unit != 'totaal' else ''}; het grootste taakveld is {biggest.taakveld_code} "
        f"{biggest.taakveld} ({format_number(biggest[column] / total * 100)}%)."
    )
    decimals = 1 if unit == "totaal" else 0
    chart(
        cached.figure(spending_charts.per_taakveld_stacked, realised, column, title, decimals),
        sentence,
        key="sd_stacked",
    )
    formatter = (lambda v: f"€ {format_number(v, 1)} mln") if unit == "totaal" else _euro
    view = realised.assign(
        Taakveld=realised.taakveld_code + " " + realised.taakveld, Bedrag=realised[column].map(formatter)
    ).pivot(index="Taakveld", columns="year", values="Bedrag")
    order = list(dict.fromkeys(realised.taakveld_code + " " + realised.taakveld))
    view = view.reindex(order).rename(columns=str)
    sums = realised.groupby("year")[column].sum()
    view.loc["Totaal"] = [formatter(sums[int(y)]) for y in view.columns]
    with st.expander("Per taakveld als tabel"):
        st.table(view, alt="Gerealiseerde uitgaven per taakveld en jaar")
    st.caption(
        f"{DEMO_BADGE} {SOURCE}. Per inwoner: gedeeld door het laatst bekende aantal inwoners "
        f"({format_number(inhabitants)}, CBS 1 januari 2024) voor elk jaar."
    )


def budget_section(totals: pd.DataFrame, table: pd.DataFrame, settings: Settings) -> None:
    """Begroot next to realisatie per year, and the difference per taakveld in a chosen year."""
    both = totals.dropna(subset=["realisatie_eur", "begroot_eur"])
    last = both.iloc[-1]
    difference = (last.realisatie_eur / last.begroot_eur - 1) * 100
    over_years = both[both.realisatie_eur > both.begroot_eur].year.astype(int).tolist()
    sentence = (
        f"In {int(last.year)} is {_million(last.realisatie_eur)} uitgegeven tegen {_million(last.begroot_eur)} "
        f"begroot ({format_change(difference, 1)}%). De realisatie lag boven de begroting in "
        f"{len(over_years)} van de {len(both)} jaren."
    )
    chart(cached.figure(spending_charts.budget_vs_realised, totals), sentence, key="sd_begroot")
    view = pd.DataFrame(
        {
            "Jaar": totals.year.astype(str),
            "Begroot": totals.begroot_eur.map(_million),
            "Realisatie": totals.realisatie_eur.map(_million),
            "Verschil": [
                SUPPRESSED if pd.isna(r) or pd.isna(b) else f"{format_change((r / b - 1) * 100, 1)}%"
                for r, b in zip(totals.realisatie_eur, totals.begroot_eur, strict=True)
            ],
            "Realisatie per inwoner": totals.realisatie_per_inwoner_eur.map(_euro),
        }
    ).set_index("Jaar")
    with st.expander("Begroot en realisatie als tabel"):
        st.table(view.T, alt="Begroot en gerealiseerd per jaar")
    frame = table.rename(
        columns={
            "year": "jaar",
            "taakveld_code": "taakveld",
            "taakveld": "naam",
            "begroot_eur": "begroot (euro)",
            "realisatie_eur": "realisatie (euro)",
            "difference_eur": "verschil (euro)",
            "difference_pct": "verschil (% van begroot)",
        }
    ).assign(demodata="ja")
    frame["verschil (% van begroot)"] = frame["verschil (% van begroot)"].round(2)
    downloads(
        frame,
        "sociaal_domein_taakvelden",
        notes("Uitgaven sociaal domein per Iv3-taakveld en jaar, begroot en realisatie", SOURCE, settings),
        key="dl_taakvelden",
    )


def growth_section(totals: pd.DataFrame) -> None:
    """Realised spending indexed to the first year, with the policy's claim checked in a generated sentence."""
    claim = social_domain_figures().growth_claim
    series = totals.dropna(subset=["realisatie_eur"]).set_index("year").realisatie_eur
    if claim.start not in series.index:
        st.info(f"De uitgaven van {claim.start} zijn niet bekend; de groei is niet te berekenen.")
        return
    index = spending.index_to(series, claim.start)
    claim_sentence = spending.growth_sentence(series, claim.start, claim.end, claim.pct)
    last = int(series.index.max())
    since = f"Over de hele reeks, {spending.change_text(series, claim.start, last)}." if last != claim.end else ""
    chart(
        cached.figure(spending_charts.indexed, index, claim.start, claim.end, claim.pct),
        f"{claim_sentence} {since}".strip(),
        key="sd_index",
    )
    view = pd.DataFrame({"Jaar": index.index.astype(str), "Index": [format_number(v, 1) for v in index]}).set_index(
        "Jaar"
    )
    with st.expander("Index als tabel"):
        st.table(view.T, alt=f"Uitgaven als index, {claim.start} = 100")
    st.caption(f"{DEMO_BADGE} Nominale bedragen (niet gecorrigeerd voor inflatie). Bewering: {claim.source}.")


TAAKVELD_GROUPS = {
    "zorg": ("Zorg en ondersteuning (6.6, 6.71, 6.72)", ("6.6", "6.71", "6.72")),
}


def need_section(
    values: pd.DataFrame,
    spending_rows: pd.DataFrame,
    taakvelden: pd.DataFrame,
    wijken: pd.DataFrame,
    population: pd.Series,
    measurable: list[str],
    indicators: pd.DataFrame,
    settings: Settings,
) -> None:
    """Spending per inwoner per wijk next to the need proxies, in four named quadrants."""
    allocated = taakvelden[taakvelden.per_wijk]
    options = {
        **TAAKVELD_GROUPS,
        "alle": ("Alle taakvelden die per wijk zijn toegerekend", tuple(allocated.taakveld_code)),
        **{
            row.taakveld_code: (f"{row.taakveld_code} {row.name}", (row.taakveld_code,))
            for row in allocated.itertuples()
        },
    }
    wijk_rows = spending_rows[spending_rows.area_code.isin(wijken.area_code)]
    proxy_years = set(values[values.indicator_id.isin(spending.NEED_PROXIES) & values.value.notna()].year)
    years = sorted(set(wijk_rows.year) & proxy_years, reverse=True)
    if not years:
        st.info("Er zijn geen jaren met zowel uitgaven per wijk als behoefte-indicatoren.")
        return
    left, right = st.columns([3, 1])
    choice = params.bound_select(
        "Taakvelden", list(options), key="taakveld", container=left, format_func=lambda k: options[k][0]
    )
    year = int(params.bound_select("Jaar", [str(y) for y in years], key="sd_jaar", container=right))
    label, codes = options[choice]
    table = spending.need_and_spending(
        values, spending_rows, wijken, codes, year, population, measurable, settings.gemeente_code
    )
    reference = table.attrs["gemeente_spending_per_inwoner_eur"]
    sentence = (
        f"{label}, {year}: uitgaven per inwoner per wijk naast de vraag. Gemeente: {_euro(reference)} per inwoner. "
        + spending.quadrant_sentence(table)
    )
    chart(
        cached.figure(spending_charts.quadrants, table, reference, "uitgaven per inwoner (€)"),
        sentence,
        key="sd_kwadranten",
    )
    meta = indicators.set_index("indicator_id")
    st.markdown(
        "**Zo zijn de kwadranten bepaald.** *Vraag* is het gemiddelde van vier behoefte-indicatoren ("
        + ", ".join(meta.at[p, "label"].lower() if p in meta.index else p for p in spending.NEED_PROXIES)
        + "), elk uitgedrukt als afstand tot de gemeente in standaardafwijkingen tussen de wijken; boven 0 = "
        "hoge vraag. *Inzet* is hoog als de uitgaven per inwoner boven die van de gemeente liggen. Een hoge "
        "vraag met lage inzet is geen oordeel: het is een vraag om uit te zoeken."
    )
    ordered = table.sort_values("need_score", ascending=False, na_position="last")
    decimals = {p: int(meta.at[p, "decimals"]) if p in meta.index else 1 for p in spending.NEED_PROXIES}
    view = pd.DataFrame({"Wijk": ordered["name"]})
    for proxy in spending.NEED_PROXIES:
        view[meta.at[proxy, "label"] if proxy in meta.index else proxy] = ordered[proxy].map(
            lambda v, d=decimals[proxy]: format_number(v, d)
        )
    view["Vraag (z)"] = ordered.need_score.map(lambda v: format_change(v, 2) or SUPPRESSED)
    view["Uitgaven per inwoner"] = ordered.spending_per_inwoner_eur.map(_euro)
    view["Kwadrant"] = ordered.quadrant.fillna(SUPPRESSED)
    view["Opmerking"] = ordered.reason.map(lambda r: f"niet getoond: {r}" if isinstance(r, str) else "")
    st.table(view.set_index("Wijk"), alt=f"Vraag en inzet per wijk, {year}")
    st.caption(
        f"{DEMO_BADGE} {SOURCE}; behoefte-indicatoren uit de demodata. Wijken met minder dan "
        f"{format_number(settings.privacy.min_population)} inwoners krijgen geen cijfers per inwoner."
    )
    frame = table.rename(columns={"area_code": "wijkcode", "name": "wijk"}).assign(
        jaar=year, taakvelden=", ".join(codes), demodata="ja"
    )
    frame = frame.rename(
        columns={
            "need_score": "vraag (gemiddelde z)",
            "spending_eur": "uitgaven (euro)",
            "spending_per_inwoner_eur": "uitgaven per inwoner (euro)",
            "quadrant": "kwadrant",
            "reason": "niet getoond omdat",
        }
    )
    frame.loc[frame["niet getoond omdat"].notna(), "uitgaven (euro)"] = None
    frame["vraag (gemiddelde z)"] = frame["vraag (gemiddelde z)"].round(3)
    frame["uitgaven per inwoner (euro)"] = frame["uitgaven per inwoner (euro)"].round(2)
    downloads(
        frame,
        f"vraag_en_inzet_{year}",
        notes("Uitgaven per inwoner per wijk naast behoefte-indicatoren", SOURCE, settings, [("Taakvelden", label)]),
        key="dl_kwadranten",
    )


CARE_OPTIONS = ("wmo_per_1000", "jeugdzorg_pct", "bijstand_per_1000")
SENTENCE_LABELS = {
    "samenhang_score": ("de sociale samenhang", "punt"),
    "wmo_per_1000": ("het aantal Wmo-cliënten per 1.000 inwoners", "per 1.000"),
    "jeugdzorg_pct": ("het aandeel jongeren met jeugdzorg", "procentpunt"),
    "bijstand_per_1000": ("het aantal bijstandsuitkeringen per 1.000 inwoners", "per 1.000"),
}


def cohesion_care_section(
    values: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str], measurable: list[str], settings: Settings
) -> None:
    """Cohesion against one kind of care use, pooled over wijken and years, with a least-squares line."""
    meta = indicators.set_index("indicator_id")
    options = [o for o in CARE_OPTIONS if o in meta.index]
    care = params.bound_select(
        "Zorggebruik", options, key="zorg", format_func=lambda i: meta.at[i, "label"], container=st.columns([2, 3])[0]
    )
    points = spending.paired_points(values, "samenhang_score", care, measurable)
    if len(points) < 3:
        st.info("Te weinig wijken en jaren met beide cijfers om een lijn te berekenen.")
        return
    fit = spending.least_squares(points.x, points.y)
    x_label, x_unit = SENTENCE_LABELS["samenhang_score"]
    y_label, y_unit = SENTENCE_LABELS.get(care, (meta.at[care, "label"], meta.at[care, "unit"]))
    sentence = spending.fit_sentence(fit, x_label, y_label, x_unit, y_unit)
    years = f"{int(points.year.min())}–{int(points.year.max())}"
    figure = cached.figure(
        spending_charts.cohesion_care,
        points,
        fit,
        f"{meta.at['samenhang_score', 'label']} (rapportcijfer 0–10)",
        f"{meta.at[care, 'label']}",
        names,
        int(meta.at[care, "decimals"]),
    )
    chart(
        figure,
        f"{len(points.area_code.unique())} wijken, {years}, elk punt is een wijk in één jaar. {sentence}",
        key="sd_samenhang",
    )
    st.markdown(
        "**Lees dit voorzichtig.** Wijken verschillen in veel meer dan samenhang (leeftijd, inkomen, "
        "woningen): een verband zegt niet dat meer samenhang tot minder zorg leidt. Dezelfde wijk telt in "
        "meerdere jaren mee, dus de punten zijn niet onafhankelijk. Sterkte: |r| < 0,1 geen, < 0,3 zwak, "
        "< 0,5 matig, anders sterk."
    )
    decimals = int(meta.at[care, "decimals"])
    view = points.assign(
        Wijk=points.area_code.map(names),
        Jaar=points.year.astype(str),
        Samenhang=points.x.map(lambda v: format_number(v, 1)),
        Zorg=points.y.map(lambda v: format_number(v, decimals)),
    )[["Wijk", "Jaar", "Samenhang", "Zorg"]].rename(columns={"Zorg": meta.at[care, "label"]})
    with st.expander("De punten als tabel"):
        st.table(view.set_index(["Wijk", "Jaar"]), alt="Samenhang en zorggebruik per wijk en jaar")
    st.caption(
        f"{DEMO_BADGE} Wijkenquête en zorgregistraties (demo). Alleen wijken met minstens "
        f"{format_number(settings.privacy.min_population)} inwoners en enquêtecijfers van genoeg respondenten."
    )
    frame = pd.DataFrame(
        {
            "wijkcode": points.area_code,
            "wijk": points.area_code.map(names),
            "jaar": points.year,
            "sociale samenhang (0-10)": points.x,
            meta.at[care, "label"]: points.y,
            "demodata": "ja",
        }
    )
    fit_notes = [
        ("Lijn", f"{meta.at[care, 'label']} = {fit.intercept:.3f} + {fit.slope:.3f} x samenhang".replace(".", ",")),
        (
            "Sterkte",
            f"{spending.strength(fit.r)}: r = {format_number(fit.r, 3)}, r² = {format_number(fit.r2, 3)}, n = {fit.n}",
        ),
        ("Let op", spending.CAVEAT),
    ]
    downloads(
        frame,
        f"samenhang_{care}",
        notes(
            "Sociale samenhang en zorggebruik per wijk en jaar",
            "Wijkenquête en zorgregistraties (demo)",
            settings,
            fit_notes,
        ),
        key="dl_samenhang",
    )
