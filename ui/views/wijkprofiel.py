"""The Wijkprofiel page: key figures, the index of one wijk, all indicators next to the gemeente, initiatives."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import profile
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from analysis.suppression import Rules, is_small_count, small_counts
from charts import profile as profile_charts
from ui import store, tiles
from ui.widgets import DEMO

INDEX_HELP = (
    "100 = de gemeente in het basisjaar; +10 = één standaardafwijking gunstiger dan toen. "
    "Zie 'Over de cijfers' voor de methode."
)


def area_key_figures(values: pd.DataFrame, area_code: str) -> None:
    """Real CBS key figures of one area as a row of tiles."""
    figures = [
        ("inwoners", "Inwoners", "aantal"),
        ("woningvoorraad", "Woningen", "aantal"),
        ("oppervlakte_land_ha", "Oppervlakte land (ha)", "ha"),
        ("bevolkingsdichtheid", "Inwoners per km²", "aantal"),
    ]
    own = values[values.area_code == area_code].sort_values("year")
    for column, (indicator_id, label, unit) in zip(st.columns(len(figures)), figures, strict=True):
        series = own[own.indicator_id == indicator_id].value.dropna()
        column.metric(label, format_value(series.iloc[-1], 0, unit) if not series.empty else SUPPRESSED, border=True)
    st.caption("Bron: CBS, Kerncijfers wijken en buurten 2024 (peildatum 1 januari 2024), CC BY 4.0.")


NO_INDEX = (
    "Met de gegevens zoals ze nu geladen zijn, is de sociale-samenhangindex niet te berekenen: een onderdeel of "
    "het basisjaar ontbreekt, of de wijken verschillen er niet in. Zie Over de cijfers voor de onderdelen."
)


def cohesion_index_section(area_code: str, area_name: str) -> None:
    """The sociale-samenhangindex of one wijk: level, sub-indices, what drives it, and its course."""
    results = store.cohesion_index_results()
    if "index" not in results:
        st.info(NO_INDEX)
        return
    scores = results["index"].scores
    own = scores[(scores.area_code == area_code)].sort_values("year")
    if own.empty or own["index"].isna().all():
        reason = own.reason.dropna().iloc[-1] if not own.empty else "geen gegevens"
        st.info(f"Voor {area_name} wordt geen sociale-samenhangindex berekend: {reason}.")
        return
    year = int(own.dropna(subset=["index"]).iloc[-1].year)
    index_metrics(results, own, area_code, year)
    parts = results["index"].contributions
    parts = parts[(parts.area_code == area_code) & (parts.year == year)]
    settings = store.settings()
    both = scores[scores.area_code.isin([area_code, settings.gemeente_code])].dropna(subset=["index"])
    both = pd.concat([both[both.area_code == area_code], both[both.area_code == settings.gemeente_code]])
    names = {area_code: area_name, settings.gemeente_code: f"Gemeente {settings.gemeente_naam}"}
    labels = store.table("indicator").set_index("indicator_id").label.to_dict()
    index_charts(parts, both, own, names, labels, year)
    index_tables(parts, both, names, labels)


def index_metrics(results: dict, own: pd.DataFrame, area_code: str, year: int) -> None:
    """The index of ``year`` with its change on the year before, and each sub-index, as tiles."""
    _, themes = store.index_spec()
    theme_labels = store.table("theme").set_index("theme_id").label.to_dict()
    latest = own[own.year == year].iloc[0]
    columns = st.columns(1 + len(themes))
    previous = own[own.year == year - 1]["index"]
    change = latest["index"] - previous.iloc[0] if not previous.empty and pd.notna(previous.iloc[0]) else None
    columns[0].metric(
        f"Sociale-samenhangindex {year}",
        format_number(latest["index"], 0),
        format_change(change, 0),
        delta_description=f"t.o.v. {year - 1}" if change is not None else None,
        help=INDEX_HELP,
        border=True,
    )
    for column, theme_id in zip(columns[1:], themes, strict=True):
        sub = results[theme_id].scores
        value = sub[(sub.area_code == area_code) & (sub.year == year)]["index"]
        column.metric(
            f"Deelindex {theme_labels[theme_id].lower()}",
            format_number(value.iloc[0], 0) if not value.empty else SUPPRESSED,
            border=True,
        )
    st.caption(f":orange-badge[demo] Berekend uit democijfers. {INDEX_HELP}")


def index_charts(
    parts: pd.DataFrame, both: pd.DataFrame, own: pd.DataFrame, names: dict[str, str], labels: dict, year: int
) -> None:
    """What pulls the index up or down (contributions), and its course next to the gemeente."""
    spec, _ = store.index_spec()
    area_name = names[own.area_code.iloc[0]]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Wat trekt de index van {area_name} omhoog of omlaag ({year})**")
        tiles.plotly(profile_charts.contributions(parts, labels))
        st.caption(profile.contribution_sentence(parts, labels))
    with right:
        st.markdown("**Verloop van de index**")
        tiles.plotly(profile_charts.index_over_time(both, names, spec.base_year))
        st.caption(profile.trend_sentence(own.rename(columns={"index": "value"}), "de index", 0, "", area_name))


def index_tables(parts: pd.DataFrame, both: pd.DataFrame, names: dict[str, str], labels: dict) -> None:
    """The course and the contributions as tables (folded)."""
    with st.expander("De index als tabel"):
        course = both.assign(Gebied=both.area_code.map(names), Index=both["index"].map(lambda v: format_number(v, 0)))
        st.table(course.pivot(index="Gebied", columns="year", values="Index").rename(columns=str))
        table = parts.assign(Component=parts.indicator_id.map(labels))
        st.table(
            pd.DataFrame(
                {
                    "Component": table.Component,
                    "Waarde": [format_number(v, 2) for v in table.value],
                    "Afstand tot gemeente 2020 (SD)": [format_change(z, 2) for z in table.z],
                    "Gewicht": [format_number(w, 0) for w in table.weight],
                    "Bijdrage (punten)": [format_change(c, 1) for c in table.contribution],
                }
            ).set_index("Component")
        )


def comparison_table(comparison: pd.DataFrame, themes: pd.DataFrame) -> None:
    """Every indicator of a wijk next to the gemeente (profile.compare_to_gemeente output), by theme."""
    if comparison.empty:
        st.info("Geen cijfers voor deze wijk.")
        return
    theme_label = themes.set_index("theme_id").label
    rows = []
    for row in comparison.itertuples():
        rows.append(
            {
                "Thema": theme_label.get(row.theme_id, row.theme_id),
                "Indicator": f"{row.label} ({DEMO})" if row.is_demo else row.label,
                "Jaar": str(row.year),
                "Wijk": format_value(row.value, row.decimals, row.unit),
                "Gemeente": format_value(row.gemeente_value, row.decimals, row.unit),
                "Verschil": format_change(row.difference, row.decimals) or SUPPRESSED,
                "Ten opzichte van de gemeente": row.klasse_label if isinstance(row.klasse_label, str) else SUPPRESSED,
                "Rang": f"{int(row.rank)} van {row.ranked}" if pd.notna(row.rank) else SUPPRESSED,
                "Opmerking": f"niet getoond: {row.suppressed}" if isinstance(row.suppressed, str) else "",
            }
        )
    st.table(pd.DataFrame(rows).set_index(["Thema", "Indicator"]))
    st.caption(
        "Rang 1 = gunstigste wijk (bij indicatoren zonder richting: hoogste waarde), onder de wijken met "
        "genoeg inwoners. Aantallen krijgen geen verschil of rang: naast het gemeentetotaal zeggen ze alleen "
        "hoe groot de wijk is."
    )


def initiatives_table(initiatives: pd.DataFrame, wijk_code: str, rules: Rules) -> None:
    """The register rows of one wijk, newest first; small participant counts suppressed."""
    own = initiatives[initiatives.wijk_code == wijk_code].sort_values("start_date", ascending=False)
    if own.empty:
        st.info("Er staan geen initiatieven van deze wijk in het register.")
        return
    small = small_counts(own.participants, rules)
    view = pd.DataFrame(
        {
            "Initiatief": [
                ("★ " if good else "") + title for good, title in zip(own.is_good_example, own.title, strict=True)
            ],
            "Thema": own.theme,
            "Status": own.status,
            "Start": pd.to_datetime(own.start_date).dt.strftime("%d-%m-%Y"),
            "Einde": pd.to_datetime(own.end_date).dt.strftime("%d-%m-%Y").fillna(""),
            "Deelnemers": [
                SUPPRESSED if hide else format_number(n, 0) for hide, n in zip(small, own.participants, strict=True)
            ],
            "Subsidie": [format_value(float(v), 0, "euro") if float(v) > 0 else "geen" for v in own.subsidy_eur],
        }
    )
    st.dataframe(view, hide_index=True, width="stretch")
    st.caption(
        f":orange-badge[{DEMO}] {len(own)} initiatieven, waarvan {int(own.is_good_example.sum())} mooi voorbeeld (★). "
        f"Deelnemersaantallen van 1 tot en met {rules.max_small_count} worden niet getoond."
    )


def initiative_count(initiatives: pd.DataFrame, wijk_code: str, wijk_name: str, rules: Rules) -> None:
    """For the raad: how many initiatives a wijk has, not which (and a small number not at all)."""
    count = int((initiatives.wijk_code == wijk_code).sum())
    shown = f"minder dan {rules.max_small_count + 1}" if is_small_count(count, rules) else format_number(count, 0)
    st.markdown(f"{wijk_name} heeft {shown} initiatieven in het register. :orange-badge[demo]")
    st.caption("Afzonderlijke initiatieven worden aan de gemeenteraad niet getoond; zie de Raadssnapshot voor totalen.")
