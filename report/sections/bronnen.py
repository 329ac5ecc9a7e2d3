"""Bronnen en definities: the privacy rules, the loads in this state, every indicator's definition and source,
and the index weights. Built last: it lists every footnote letter the sections before it used."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.formatting import format_number
from report.sections.context import Context
from report.tables import Cell, Group, Table


@dataclass(frozen=True)
class SourcesSection:
    privacy: tuple[str, ...]  # the raad's privacy rules, one sentence each
    loads: Table
    indicators: Table
    weights: Table


def build(ctx: Context) -> SourcesSection:
    loads = _load_table(ctx)
    indicators = _indicator_table(ctx)
    weights = _weight_table(ctx)
    return SourcesSection(privacy=_privacy_rules(ctx), loads=loads, indicators=indicators, weights=weights)


def _load_table(ctx: Context) -> Table:
    loads = [
        [
            str(row.load_id),
            str(row.dataset),
            str(row.source),
            f"{pd.Timestamp(row.loaded_at):%d-%m-%Y}",
            "ja" if row.is_demo else "nee",
            str(row.sha256)[:12],
        ]
        for row in ctx.state.loads.itertuples()
    ]
    return ctx.notes.table(
        ["Lading", "Gegevens", "Bron", "Geladen", "Demo", "SHA-256 (begin)"],
        loads,
        [True, False, False, False, False, False],
        ["9%", "16%", "38%", "12%", "8%", "17%"],
    )


def _indicator_table(ctx: Context) -> Table:
    rows: list[list[Cell] | Group] = []
    for theme_id, theme in ctx.indicators.sort_values("label").groupby("theme_id", sort=True):
        rows.append(Group(ctx.theme_label(theme_id)))
        for row in theme.itertuples():
            rows.append(
                [
                    str(row.label),
                    str(row.definition),
                    str(row.unit),
                    f"{row.source}; {row.licence}",
                    str(row.peildatum),
                    "ja" if row.is_demo else "nee",
                ]
            )
    return ctx.notes.table(
        ["Indicator", "Definitie", "Eenheid", "Bron en licentie", "Peildatum", "Demo"],
        rows,
        None,
        ["20%", "32%", "11%", "20%", "11%", "6%"],
    )


def _weight_table(ctx: Context) -> Table:
    weights = [
        [
            str(ctx.meta.at[row.indicator_id, "label"]),
            ctx.theme_label(row.theme_id),
            format_number(row.weight, 0),
            "hoger is beter" if row.direction == "higher" else "lager is beter",
        ]
        for row in ctx.state.spec.components.itertuples()
    ]
    return ctx.notes.table(
        ["Component", "Thema", "Gewicht", "Richting"], weights, [False, False, True, False],
        ["40%", "28%", "12%", "20%"],
    )  # fmt: skip


def _privacy_rules(ctx: Context) -> tuple[str, ...]:
    rules = ctx.state.rules
    return (
        f"Aantallen van 1 tot en met {rules.max_small_count} (personen of gebeurtenissen) worden niet getoond.",
        f"Cijfers per inwoner (percentages, cijfers per 1.000 inwoners, rapportcijfers) van wijken met minder dan "
        f"{format_number(rules.min_population)} inwoners worden niet getoond; die wijken krijgen ook geen index.",
        f"Enquêtecijfers op basis van minder dan {rules.min_respondents} respondenten worden niet getoond.",
    )
