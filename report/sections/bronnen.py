"""Bronnen en definities: the privacy rules, every indicator's definition and source, the index weights, and for
the colofon the loads in this state. Built last: it lists every footnote letter the sections before it used."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.formatting import format_number
from report.sections.context import Context
from report.tables import Cell, Group, Table, dataset_name


@dataclass(frozen=True)
class SourcesSection:
    privacy: tuple[str, ...]  # the raad's privacy rules, one sentence each
    loads: Table  # printed in the colofon: technical, for whoever checks or remakes the snapshot
    indicators: Table
    weights: str  # the index's indicators and their weights, in one sentence


def build(ctx: Context) -> SourcesSection:
    loads = _load_table(ctx)
    indicators = _indicator_table(ctx)
    weights = _weight_table(ctx)
    return SourcesSection(privacy=_privacy_rules(ctx), loads=loads, indicators=indicators, weights=weights)


def _load_table(ctx: Context) -> Table:
    loads = [
        [
            str(row.load_id),
            dataset_name(str(row.dataset)),
            f"{pd.Timestamp(row.loaded_at):%d-%m-%Y}",
            "ja" if row.is_demo else "nee",
            str(row.sha256)[:12],
            "" if row.loaded_by == "build" else str(row.source),  # a user's upload: its file, as they named it
        ]
        for row in ctx.state.loads.itertuples()
    ]
    return ctx.notes.table(
        ["Nr.", "Gegevens", "Geladen", "Demo", "Controlegetal (SHA-256, begin)", "Bestand"],
        loads,
        [True, False, False, False, False, False],
        ["6%", "30%", "12%", "6%", "22%", "24%"],
    )


def _indicator_table(ctx: Context) -> Table:
    """Every indicator by its source: one row per real source with its licence, then one row with every demo
    indicator (generated for this trial version, so no source or licence of their own). The definitions are on
    Over de cijfers in the Wijkmonitor (in full they took four pages); the peildata are on the cover."""
    rows: list[list[Cell] | Group] = []
    demo = ctx.indicators.is_demo.astype(bool)
    for (source, licence), group in ctx.indicators[~demo].groupby(["source", "licence"], sort=True):
        rows.append([f"{source}; {licence}", ", ".join(sorted(str(label) for label in group.label))])
    if demo.any():
        labels = ", ".join(sorted(str(label) for label in ctx.indicators[demo].label))
        rows.append(["Demo: voor deze proefversie gegenereerd, niet echt", labels])
    return ctx.notes.table(["Bron", "Indicatoren"], rows, None, ["40%", "60%"])


def _weight_table(ctx: Context) -> str:
    """'De index telt mee: Sociale samenhang (dubbel, hoger is beter), Ernstig eenzaam (lager is beter), …'."""
    parts = []
    for row in ctx.state.spec.components.itertuples():
        weight = "" if row.weight == 1 else "dubbel, " if row.weight == 2 else f"{format_number(row.weight, 0)}×, "
        better = "hoger is beter" if row.direction == "higher" else "lager is beter"
        parts.append(f"{ctx.meta.at[row.indicator_id, 'label']} ({weight}{better})")
    return "In de sociale-samenhangindex tellen mee: " + "; ".join(parts) + "."


def _privacy_rules(ctx: Context) -> tuple[str, ...]:
    rules = ctx.state.rules
    return (
        f"Aantallen van 1 tot en met {rules.max_small_count} (personen of gebeurtenissen) worden niet getoond.",
        f"Cijfers per inwoner (percentages, cijfers per 1.000 inwoners, rapportcijfers) van wijken met minder dan "
        f"{format_number(rules.min_population)} inwoners worden niet getoond; die wijken krijgen ook geen index.",
        f"Enquêtecijfers op basis van minder dan {rules.min_respondents} respondenten worden niet getoond.",
    )
