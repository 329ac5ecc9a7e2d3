"""Initiatieven en vrijwilligers: the initiatives register and volunteer activity in short, and per wijk.

Every count follows the raad's small-count rule (``analysis.suppression.is_small_count``); a direction is not
shown when one of the two counts it compares is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.formatting import SUPPRESSED, format_value
from analysis.suppression import is_small_count
from report.sections.context import Context
from report.tables import Cell, Table, count_cell, count_trend_text

STATUSES = ("lopend", "idee", "afgerond", "gestopt")


@dataclass(frozen=True)
class InitiativesSection:
    text: str
    tables: tuple[tuple[str, Table], ...]  # (caption, table)


def build(ctx: Context) -> InitiativesSection:
    initiatives = ctx.state.tables["initiative"]
    volunteers = ctx.state.tables["volunteer_activity"]
    started = pd.to_datetime(initiatives.start_date).dt.year
    year = int(started.max()) if not initiatives.empty else None
    rows = _initiative_rows(ctx, initiatives, year) if year is not None else []
    rows += _volunteer_rows(ctx, volunteers)
    brief = ctx.notes.table(
        ["Kenmerk (demo)", "Aantal", "Jaar ervoor", "Richting"],
        rows,
        [False, True, True, False],
        ["52%", "16%", "16%", "16%"],
        note="Bron: register van bewonersinitiatieven en vrijwilligersregistratie (democijfers).",
    )
    tables = [("In het kort", brief)]
    if ctx.level == "gemeente" and year is not None and not volunteers.empty:
        tables.append((f"Per wijk, {year}", _per_wijk(ctx, initiatives, volunteers, year)))
    text = (
        "Bewonersinitiatieven uit het register en de inzet van vrijwilligers bij lokale organisaties."
        if ctx.level == "gemeente"
        else f"Bewonersinitiatieven in {ctx.name} uit het register en de inzet van vrijwilligers in de wijk."
    )
    return InitiativesSection(text, tuple(tables))


def _initiative_rows(ctx: Context, initiatives: pd.DataFrame, year: int) -> list[list[Cell]]:
    """The area's initiatives by status, those started in ``year`` against the year before, participants
    and subsidy."""
    rules = ctx.state.rules
    own = initiatives if ctx.level == "gemeente" else initiatives[initiatives.wijk_code == ctx.code]
    own_started = pd.to_datetime(own.start_date).dt.year
    rows: list[list[Cell]] = []
    for status in STATUSES:
        rows.append([f"Initiatieven met status {status}", count_cell(int((own.status == status).sum()), rules),
                     "", ""])  # fmt: skip
    now, before = int((own_started == year).sum()), int((own_started == year - 1).sum())
    hidden = any(is_small_count(n, rules) for n in (now, before))
    rows.append(
        [
            f"Nieuw gestart in {year}",
            count_cell(now, rules),
            count_cell(before, rules),
            SUPPRESSED if hidden else count_trend_text(before, now),
        ]
    )
    running = own[own.status == "lopend"].participants.fillna(0).sum()
    rows.append(["Deelnemers aan lopende initiatieven", count_cell(int(running), rules), "", ""])
    subsidy = float(own[own_started == year].subsidy_eur.fillna(0).astype(float).sum())
    rows.append([f"Subsidie voor initiatieven gestart in {year}", format_value(subsidy, 0, "euro"), "", ""])
    return rows


def _volunteer_rows(ctx: Context, volunteers: pd.DataFrame) -> list[list[Cell]]:
    """The area's volunteers in the latest quarter against a year before, hours in the latest full year,
    and the organisations."""
    rules = ctx.state.rules
    mine = volunteers[volunteers.area_code == ctx.code].sort_values(["year", "quarter"])
    if mine.empty:
        return []
    latest = mine.iloc[-1]
    y, q = int(latest.year), int(latest.quarter)
    same = mine[(mine.year == y - 1) & (mine.quarter == q)]
    before = int(same.active_volunteers.iloc[0]) if not same.empty else None
    now = int(latest.active_volunteers)
    hidden = any(is_small_count(n, rules) for n in (now, before))
    rows: list[list[Cell]] = [
        [
            f"Actieve vrijwilligers, {q}e kwartaal {y} (vergeleken met {y - 1})",
            count_cell(now, rules),
            count_cell(before, rules) if before is not None else SUPPRESSED,
            SUPPRESSED if hidden or before is None else count_trend_text(before, now),
        ]
    ]
    full = mine.groupby("year").filter(lambda g: len(g) == 4).groupby("year").volunteer_hours.sum()
    if not full.empty:
        last = int(full.index.max())
        hours, previous = int(full[last]), (int(full[last - 1]) if last - 1 in full.index else None)
        rows.append(
            [
                f"Vrijwilligersuren in {last}",
                count_cell(hours, rules),
                count_cell(previous, rules) if previous is not None else SUPPRESSED,
                SUPPRESSED if previous is None else count_trend_text(previous, hours),
            ]
        )
    rows.append([f"Organisaties met vrijwilligers, {q}e kwartaal {y}",
                 count_cell(int(latest.organisations), rules), "", ""])  # fmt: skip
    return rows


def _per_wijk(ctx: Context, initiatives: pd.DataFrame, volunteers: pd.DataFrame, year: int) -> Table:
    """Per wijk: running initiatives, those started in ``year``, volunteers in the latest quarter, hours."""
    rules = ctx.state.rules
    started = pd.to_datetime(initiatives.start_date).dt.year
    latest = volunteers.sort_values(["year", "quarter"]).iloc[-1]
    y, q = int(latest.year), int(latest.quarter)
    # counted once per wijk with groupby, not filtered per wijk (110 wijken in Amsterdam)
    running = initiatives[initiatives.status == "lopend"].wijk_code.value_counts()
    new = initiatives[started == year].wijk_code.value_counts()
    in_quarter = volunteers[(volunteers.year == y) & (volunteers.quarter == q)].groupby("area_code")
    active = in_quarter.active_volunteers.sum()
    hours = volunteers[volunteers.year == y].groupby("area_code").volunteer_hours.sum()
    rows = []
    for code, name in ctx.wijk_names.items():
        rows.append(
            [
                name,
                count_cell(int(running.get(code, 0)), rules),
                count_cell(int(new.get(code, 0)), rules),
                count_cell(int(active[code]) if code in active.index else None, rules),
                count_cell(int(hours.get(code, 0)), rules),
            ]
        )
    return ctx.notes.table(
        ["Wijk", "Lopende initiatieven", f"Gestart in {year}", f"Vrijwilligers {q}e kw. {y}", f"Uren {y}"],
        rows,
        [False, True, True, True, True],
        ["32%", "17%", "15%", "19%", "17%"],
        note="Democijfers.",
    )
