"""The gemeente at a glance: key figures with their change, and one indicator across the wijken."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis import judgement, suppression


@dataclass(frozen=True)
class Kpi:
    """One key figure with the value it is compared with."""

    key: str
    label: str  # short: it heads a narrow tile
    note: str  # what the number is, e.g. "rapportcijfer 0–10", "per inwoner"
    value: float | None
    previous: float | None
    period: str  # e.g. "2025", "4e kwartaal 2025"
    previous_period: str | None
    decimals: int
    unit: str
    direction: str  # higher | lower | neutral
    is_demo: bool
    help: str
    history: tuple[float, ...] = ()  # the series up to and including value, oldest first
    history_years: tuple[int, int] | None = None  # first and last year of ``history``
    change_threshold: float | None = None  # the catalogue's (analysis.judgement); None: the default rule

    @property
    def change(self) -> float | None:
        """The change as judged: between the values as shown (analysis.judgement)."""
        verdict = self.verdict
        return verdict.change if verdict else None

    @property
    def verdict(self) -> judgement.Change | None:
        """The one judgement of the change since the previous period (gelijk, beter, slechter, hoger, lager)."""
        figure = judgement.figure(self.direction, self.decimals, self.change_threshold)
        return judgement.judge_change(self.previous, self.value, figure)


def _value(values: pd.DataFrame, indicator_id: str, year: int) -> float | None:
    match = values[(values.indicator_id == indicator_id) & (values.year == year)]
    if match.empty or pd.isna(match.value.iloc[0]):
        return None
    return float(match.value.iloc[0])


def _indicator_kpi(key: str, label: str, note: str, values: pd.DataFrame, indicators: pd.DataFrame) -> Kpi | None:
    """The latest value of one indicator in ``values`` (rows of one area) against the year before."""
    meta = indicators.set_index("indicator_id").loc[key]
    years = values[(values.indicator_id == key) & values.value.notna()].year
    if years.empty:
        return None
    year = int(years.max())
    previous = _value(values, key, year - 1)
    series = values[(values.indicator_id == key) & values.value.notna()].sort_values("year").value
    return Kpi(
        key=key,
        label=label,
        note=note,
        value=_value(values, key, year),
        previous=previous,
        period=str(year),
        previous_period=str(year - 1) if previous is not None else None,
        decimals=int(meta.decimals),
        unit=meta.unit,
        direction=meta.direction,
        is_demo=bool(meta.is_demo),
        help=f"{meta.label}: {meta.definition} Bron: {meta.source}.",
        history=tuple(series.astype(float)),
        history_years=_span(values[(values.indicator_id == key) & values.value.notna()].year),
        change_threshold=None if pd.isna(meta.get("change_threshold")) else float(meta.change_threshold),
    )


def _span(years: pd.Series | pd.Index) -> tuple[int, int] | None:
    """First and last year of a series, for the caption of its sparkline."""
    return (int(min(years)), int(max(years))) if len(years) else None


def population(values: pd.DataFrame) -> pd.Series:
    """Latest known inhabitants per area_code."""
    known = values[(values.indicator_id == "inwoners") & values.value.notna()].sort_values("year")
    return known.groupby("area_code").value.last()


def area_population(values: pd.DataFrame, areas: pd.DataFrame) -> pd.Series:
    """:func:`population`, with each buurt that has no count of its own given its wijk's (an upper bound:
    a buurt never has more inhabitants than its wijk). ``areas`` has area_code, level and (for buurten) parent_code."""
    known = population(values)
    if "parent_code" not in areas.columns:  # a list of wijken only
        return known
    buurten = areas[(areas.level == "buurt") & ~areas.area_code.isin(known.index)]
    inherited = pd.Series(buurten.parent_code.map(known).to_numpy(), index=buurten.area_code.to_numpy()).dropna()
    return pd.concat([known, inherited])


def gemeente_kpis(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    initiatives: pd.DataFrame,
    volunteers: pd.DataFrame,
    spending: pd.DataFrame,
    gemeente_code: str,
) -> list[Kpi]:
    """The five key figures of the Overzicht, each with the year before where it exists.

    Parameters are current store tables. Spending per inhabitant divides by the latest known
    population for every year (the store holds one CBS population year).
    """
    gemeente_values = values[values.area_code == gemeente_code]  # filter once: the frame is long
    kpis = [
        _indicator_kpi("inwoners", "Inwoners", "CBS", gemeente_values, indicators),
        _indicator_kpi("samenhang_score", "Samenhang", "rapportcijfer 0–10", gemeente_values, indicators),
    ]

    if not initiatives.empty:
        started = pd.to_datetime(initiatives.start_date).dt.year
        year = int(started.max())
        per_year = started.value_counts().reindex(range(int(started.min()), year + 1), fill_value=0)
        kpis.append(
            Kpi(
                key="initiatieven",
                label="Initiatieven",
                note="nieuw gestart",
                value=int((started == year).sum()),
                previous=int((started == year - 1).sum()),
                period=str(year),
                previous_period=str(year - 1),
                decimals=0,
                unit="aantal",
                direction="higher",
                is_demo=True,
                help=f"Aantal bewonersinitiatieven in het register met een startdatum in {year}.",
                history=tuple(per_year.astype(float)),
                history_years=_span(per_year.index),
            )
        )

    gemeente_volunteers = volunteers[volunteers.area_code == gemeente_code]
    if not gemeente_volunteers.empty:
        latest = gemeente_volunteers.sort_values(["year", "quarter"]).iloc[-1]
        year, quarter = int(latest.year), int(latest.quarter)
        same_quarter = gemeente_volunteers[
            (gemeente_volunteers.year == year - 1) & (gemeente_volunteers.quarter == quarter)
        ]
        previous = float(same_quarter.active_volunteers.iloc[0]) if not same_quarter.empty else None
        kpis.append(
            Kpi(
                key="vrijwilligers",
                label="Vrijwilligers",
                note="actief",
                value=float(latest.active_volunteers),
                previous=previous,
                period=f"{quarter}e kwartaal {year}",
                previous_period=f"{quarter}e kwartaal {year - 1}" if previous is not None else None,
                decimals=0,
                unit="aantal",
                direction="higher",
                is_demo=True,
                help="Vrijwilligers die in het kwartaal actief waren bij een lokale organisatie; vergeleken met "
                "hetzelfde kwartaal een jaar eerder.",
                history=tuple(gemeente_volunteers.sort_values(["year", "quarter"]).active_volunteers.astype(float)),
                history_years=_span(gemeente_volunteers.year),
            )
        )

    inhabitants = population(gemeente_values).get(gemeente_code)
    realised = spending[(spending.area_code == gemeente_code) & (spending.kind == "realisatie")]
    if inhabitants and not realised.empty:
        per_year = realised.groupby("year").amount_eur.sum().astype(float) / inhabitants
        year = int(per_year.index.max())
        previous = float(per_year[year - 1]) if year - 1 in per_year.index else None
        kpis.append(
            Kpi(
                key="uitgaven",
                label="Sociaal domein",
                note="uitgaven per inwoner",
                value=float(per_year[year]),
                previous=previous,
                period=str(year),
                previous_period=str(year - 1) if previous is not None else None,
                decimals=0,
                unit="euro per inwoner",
                direction="neutral",
                is_demo=True,
                help="Gerealiseerde uitgaven op de Iv3-taakvelden 6.1 tot en met 6.82, gedeeld door het laatst "
                "bekende aantal inwoners (CBS).",
                history=tuple(per_year.sort_index()),
                history_years=_span(per_year.index),
            )
        )
    return [k for k in kpis if k is not None]


def wijk_table(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    indicator: pd.Series,
    year: int,
    gemeente_code: str,
    rules: suppression.Rules,
    level: str = "wijk",
) -> pd.DataFrame:
    """One indicator for every wijk (or, with ``level='buurt'``, every buurt) in ``year``, with its one
    judgement (analysis.judgement).

    ``indicator`` is a catalogue row (a Series named by its indicator_id). Values are suppressed
    here, always (see analysis.suppression): suppressed wijken keep their row with a NaN value and
    the reason in ``suppressed``. Map, table, heat-table and PDF all read this table, so a colour, a
    class, a rank and a sentence cannot disagree.

    Buurten are judged among the buurten (spread between buurten, rank among buurten) against the same gemeente
    value. The privacy rules apply to them as to wijken; a buurt without a known number of inhabitants is
    given that of its wijk, which it cannot exceed: so every buurt of a wijk under the threshold is
    suppressed too.

    Returns columns area_code, name, is_kerkdorp, value, gemeente_value, suppressed and the columns of
    :func:`analysis.judgement.judge_wijken` (reference_value, difference, z, klasse, klasse_label, symbol,
    rank, no_class, kind).
    """
    if level not in ("wijk", "buurt"):
        raise ValueError(f"level must be 'wijk' or 'buurt', got {level!r}")
    selected = values[(values.indicator_id == indicator.name) & (values.year == year)]
    catalogue_row = indicator.to_frame().T.rename_axis("indicator_id").reset_index()
    selected = suppression.suppress(selected, catalogue_row, area_population(values, areas), rules)
    wijken = areas[areas.level == level][["area_code", "name", "is_kerkdorp"]]
    table = wijken.merge(selected[["area_code", "value", "suppressed"]], on="area_code", how="left")
    gemeente = selected[selected.area_code == gemeente_code].value.dropna()
    table["gemeente_value"] = float(gemeente.iloc[0]) if not gemeente.empty else math.nan
    table = judgement.judge_wijken(table, indicator)
    return table.sort_values("area_code").reset_index(drop=True)


def buurt_tables(
    values: pd.DataFrame, areas: pd.DataFrame, indicators: pd.DataFrame, gemeente_code: str, rules: suppression.Rules
) -> dict[str, pd.DataFrame]:
    """Per indicator with buurt values (ordered by label): :func:`wijk_table` at level 'buurt' in the latest year
    with buurt values, every buurt of the gemeente judged among all of them, with a column ``year``. The same for
    every wijk: a wijk's page cuts out its own buurten."""
    at_buurt = values[values.area_code.isin(areas[areas.level == "buurt"].area_code) & values.value.notna()]
    meta = indicators.set_index("indicator_id")
    tables = {}
    for indicator_id in sorted(set(at_buurt.indicator_id), key=lambda i: meta.at[i, "label"]):
        year = int(at_buurt[at_buurt.indicator_id == indicator_id].year.max())
        table = wijk_table(values, areas, meta.loc[indicator_id], year, gemeente_code, rules, "buurt")
        tables[indicator_id] = table.assign(year=year)
    return tables


def with_data(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """The catalogue rows of indicators that have at least one value (pickers offer no dead ends)."""
    present = values.loc[values.value.notna(), "indicator_id"].unique()
    return indicators[indicators.indicator_id.isin(present)]


def has_buurt_values(values: pd.DataFrame, areas: pd.DataFrame, indicator_id: str) -> bool:
    """Whether any buurt has a value for the indicator."""
    buurten = areas[areas.level == "buurt"].area_code
    return bool(((values.indicator_id == indicator_id) & values.area_code.isin(buurten) & values.value.notna()).any())


def years_with_data(values: pd.DataFrame, indicator_id: str) -> list[int]:
    subset = values[(values.indicator_id == indicator_id) & values.value.notna()]
    return sorted(int(y) for y in subset.year.unique())


def real_sources(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """The real (not demo) figures in the store, per source organisation: from the catalogue and what is loaded.

    The organisation is the ``source`` up to its first comma ("CBS", "RIVM/CBS/GGD'en"). Returns organisation,
    licence, indicators (labels, in catalogue order), latest_year and peildatum (of the latest year), in order of
    first appearance in the catalogue. Derived indicators are left out (they follow their sources).
    """
    columns = ["organisation", "licence", "indicators", "latest_year", "peildatum"]
    present = values[values.value.notna()].groupby("indicator_id").year.max()
    real = indicators[~indicators.is_demo.astype(bool) & indicators.derived_from.isna()]
    real = real[real.indicator_id.isin(present.index)]
    if real.empty:
        return pd.DataFrame(columns=columns)
    real = real.assign(organisation=real.source.str.split(",").str[0].str.strip(), year=real.indicator_id.map(present))
    rows = []
    for organisation, group in real.groupby("organisation", sort=False):
        latest = group[group.year == group.year.max()].iloc[0]
        rows.append([organisation, latest.licence, list(group.label), int(latest.year), latest.peildatum])
    return pd.DataFrame(rows, columns=columns)


def peildatum_text(indicators: pd.DataFrame, values: pd.DataFrame) -> str:
    """One line saying how recent the real figures (per source) and the demo figures are."""
    parts = [f"{row.organisation}: {row.peildatum}" for row in real_sources(indicators, values).itertuples()]
    merged = values[values.value.notna()].merge(indicators[["indicator_id", "is_demo"]], on="indicator_id")
    demo = merged[merged.is_demo.astype(bool)]
    if not demo.empty:
        parts.append(f"democijfers t/m {int(demo.year.max())}")
    return "Peildatum — " + "; ".join(parts) if parts else "Nog geen cijfers geladen."
