"""Table cells for the snapshot: hidden values with lettered reasons, group rows, Dutch direction words."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
from markupsafe import Markup

from analysis import judgement, suppression
from analysis.formatting import SUPPRESSED, format_value
from data.datasets import dataset_label, dataset_names

NOT_APPLICABLE = "n.v.t."
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Hidden:
    """A value that may not be printed, with the Dutch reason."""

    reason: str


@dataclass(frozen=True)
class Group:
    """A row spanning the table that heads the rows below it (a theme, an ambition)."""

    label: str


Cell = str | Hidden


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str | Markup] | Group]
    numeric: list[bool]  # right-aligned columns
    widths: list[str] | None = None  # CSS widths per column (table-layout: fixed)
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (letter, reason) used in this table
    note: str | None = None  # one line under the table, e.g. the source

    @property
    def empty(self) -> bool:
        return not any(isinstance(row, list) for row in self.rows)


class Footnotes:
    """Reasons for hidden values, lettered a, b, c … in order of first use in the document."""

    def __init__(self) -> None:
        self.letters: dict[str, str] = {}

    def table(
        self,
        columns: list[str],
        rows: list[list[Cell] | Group],
        numeric: list[bool] | None = None,
        widths: list[str] | None = None,
        note: str | None = None,
    ) -> Table:
        """A table whose Hidden cells print as "–" with the letter of their reason."""
        used: dict[str, str] = {}
        printed: list[list[str | Markup] | Group] = []
        for row in rows:
            if isinstance(row, Group):
                printed.append(row)
                continue
            cells: list[str | Markup] = []
            for cell in row:
                if isinstance(cell, Hidden):
                    letter = self.letters.setdefault(cell.reason, "abcdefghijklmnop"[len(self.letters)])
                    used[letter] = cell.reason
                    cells.append(Markup('{}<sup class="fn">{}</sup>').format(SUPPRESSED, letter))
                else:
                    cells.append(cell)
            printed.append(cells)
        numeric = numeric or [False] * len(columns)
        return Table(columns, printed, numeric, widths, sorted(used.items()), note)

    @property
    def all(self) -> list[tuple[str, str]]:
        return sorted((letter, reason) for reason, letter in self.letters.items())


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def value_cell(value: float | None, decimals: int, unit: str, reason: str | None = None) -> Cell:
    if isinstance(reason, str):
        return Hidden(reason)
    return format_value(None if missing(value) else float(value), decimals, unit)


def count_cell(count: float | None, rules: suppression.Rules, unit: str = "aantal") -> Cell:
    """A count of people or events, hidden when small (``analysis.suppression.is_small_count``)."""
    if missing(count):
        return SUPPRESSED
    if suppression.is_small_count(count, rules):
        return Hidden(suppression.small_count_reason(rules))
    return format_value(float(count), 0, unit)


def verdict_text(verdict: judgement.Change | None) -> str:
    """A change's one judgement (analysis.judgement) in symbol and word: '▲ beter', '▼ lager', '● gelijk'."""
    if verdict is None:
        return "geen vergelijking"
    if verdict.is_same:
        return "● gelijk"
    return f"{'▲' if verdict.change > 0 else '▼'} {verdict.word}"


def count_trend_text(before: float | None, now: float | None) -> str:
    """The judgement of a register count against its earlier value (more is better; small changes: gelijk)."""
    return verdict_text(judgement.judge_change(before, now, judgement.figure("higher", 0)))


def long_date(moment: datetime | pd.Timestamp) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


# what the build loads has no upload form, so no label in data.datasets: its name in words here
BUILD_DATASET_NAMES = {
    "catalogus": "de lijst met indicatoren",
    "gebieden": "de wijkgrenzen",
    "kwb": "de CBS-kerncijfers",
    "rivm": "de RIVM-gezondheidscijfers",
    "landelijk": "de landelijke cijfers",
    "logboek": "het logboek",
}


def dataset_name(dataset: str) -> str:
    """A load's kind of data in Dutch words: 'de CBS-kerncijfers', 'initiatieven', 'uitgaven sociaal domein'."""
    if dataset in BUILD_DATASET_NAMES:
        return BUILD_DATASET_NAMES[dataset]
    if dataset in dataset_names():
        label = dataset_label(dataset)
        return label if label[:2].isupper() else label[:1].lower() + label[1:]
    return dataset
