"""How a file writes numbers and dates, decided once per file from whole columns, never guessed per cell.

A number like '13,155' is 13155 in English notation and 13,155 in Dutch; '1.250' the other way round;
'3/4/2025' is 3 April (day first) or 4 March (month first, Excel in American settings). The rules:

- a cell that can be read one way only ('12,4', '12.4', '1.234.567', '1,234.5') is evidence for its
  notation; so is an ambiguous cell in a column of whole numbers (counts): '13,155' can only be a whole
  number with ',' separating thousands;
- evidence for both notations in one file is refused, showing an example of each;
- no evidence but ambiguous cells: refused, showing the cells (a person must say what they mean);
- every reading the rule decided (thousands separators in counts, month-first dates) is listed as a
  conversion, so it appears in the report before loading and in the load log.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from data.cells import detect_decimal
from data.datasets import Field
from data.frame_checks import Problem

MAX_SHOWN = 5  # cells shown in a message about one column

_SHAPES = (
    ("plain", re.compile(r"^\d+$")),
    # 13,155: English thousands or Dutch decimals ('0,155' cannot be thousands)
    ("comma_ambiguous", re.compile(r"^[1-9]\d{0,2},\d{3}$")),
    ("point_ambiguous", re.compile(r"^[1-9]\d{0,2}\.\d{3}$")),  # 13.155: Dutch thousands or English decimals
    ("nl", re.compile(r"^([1-9]\d{0,2}(\.\d{3})+(,\d+)?|\d+,\d+)$")),
    ("en", re.compile(r"^([1-9]\d{0,2}(,\d{3})+(\.\d+)?|\d+\.\d+)$")),
)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
NOTATION = {",": "decimaalkomma (Nederlands)", ".": "decimaalpunt (Engels)"}


@dataclass
class Reading:
    """The decided notation of a file, the cells rewritten where a conversion was made, and what was decided."""

    decimal: str
    frame: pd.DataFrame
    conversions: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Cell:
    column: str
    row: int
    text: str

    def where(self) -> str:
        return f"'{self.text}' (kolom '{self.column}', rij {self.row})"


def shape(text: str) -> str:
    """The notation a number written as ``text`` can have: plain, nl, en, comma_ambiguous, point_ambiguous
    or other (not a plain number at all; the cell parser gives the reason)."""
    core = text.strip().replace("\u00a0", "").replace(" ", "").removeprefix("€").removesuffix("%").lstrip("+-")
    return next((name for name, pattern in _SHAPES if pattern.match(core)), "other")


def read_conventions(frame: pd.DataFrame, fields: list[Field], separator: str | None) -> Reading:
    """Decide the decimal separator of ``frame`` (numbers) and the day/month order of its dates.

    ``separator``: the CSV separator (';' goes with Dutch notation), or ';' for text cells in a workbook;
    it decides only when no cell depends on the choice."""
    reading = _decide_decimal(frame, fields, separator)
    for f in fields:
        if f.kind == "date":
            _read_slash_dates(reading, f.column)
    return reading


def _decide_decimal(frame: pd.DataFrame, fields: list[Field], separator: str | None) -> Reading:
    nl: list[_Cell] = []  # cells readable in Dutch notation only
    en: list[_Cell] = []
    ambiguous: dict[str, list[_Cell]] = {}  # column -> cells that read differently in the two notations
    whole_columns = {f.column for f in fields if f.kind == "integer"}
    for f in fields:
        if f.kind not in ("integer", "number", "amount"):
            continue
        for row, value in frame[f.column].items():
            if not isinstance(value, str):
                continue
            cell = _Cell(f.column, int(row), value.strip())
            kind = shape(value)
            if kind == "nl":
                nl.append(cell)
            elif kind == "en":
                en.append(cell)
            elif kind.endswith("ambiguous") and f.column in whole_columns:
                # a count is a whole number: only the reading with a thousands separator gives one
                (en if kind == "comma_ambiguous" else nl).append(cell)
            elif kind.endswith("ambiguous"):
                ambiguous.setdefault(f.column, []).append(cell)
    reading = Reading(detect_decimal([], separator), frame)
    if nl and en:
        reading.problems.append(_mixed_problem(nl[0], en[0]))
        return reading
    if nl or en:
        reading.decimal = "," if nl else "."
        reading.conversions += _thousands_conversions(nl or en, whole_columns, reading.decimal)
        return reading
    for column, cells in ambiguous.items():
        reading.problems.append(_ambiguous_problem(column, cells))
    return reading


def _evidence(cell: _Cell) -> str:
    if shape(cell.text).endswith("ambiguous"):
        mark = "komma" if "," in cell.text else "punt"
        return f"{cell.where()}: een aantal, dus een geheel getal met de {mark} als scheiding van duizendtallen"
    mark = "komma" if re.search(r",\d+$", cell.text) else "punt"
    return f"{cell.where()}: de {mark} als decimaalteken"


def _mixed_problem(nl: _Cell, en: _Cell) -> Problem:
    return Problem(
        None,
        None,
        None,
        "getallen in twee notaties door elkaar, dus is niet zeker wat elk getal betekent: "
        f"{_evidence(nl)} (Nederlands), maar {_evidence(en)} (Engels). "
        "Sla het bestand op in één notatie, bij voorkeur zonder scheiding van duizendtallen.",
    )


def _ambiguous_problem(column: str, cells: list[_Cell]) -> Problem:
    first = cells[0].text
    comma = "," in first
    as_nl = first.replace(".", "") if not comma else first
    as_en = first.replace(",", "") if comma else first.replace(".", ",")
    if comma:
        meanings = f"{as_nl} (decimaalkomma) of {as_en} (komma als scheiding van duizendtallen)"
    else:
        meanings = f"{as_en} (decimaalpunt) of {as_nl} (punt als scheiding van duizendtallen)"
    shown = ", ".join(f"'{c.text}' (rij {c.row})" for c in cells[:MAX_SHOWN])
    more = f" en nog {len(cells) - MAX_SHOWN}" if len(cells) > MAX_SHOWN else ""
    return Problem(
        None,
        column,
        None,
        f"'{first}' kan {meanings} betekenen, en geen enkel getal in het bestand laat zien welke notatie het "
        f"gebruikt. Dubbelzinnig: {shown}{more}. Schrijf de getallen zonder scheiding van duizendtallen "
        "(bijv. 1250 of 1,25).",
    )


def _thousands_conversions(cells: list[_Cell], whole_columns: set[str], decimal: str) -> list[str]:
    """Say, per whole-number column, that an ambiguous separator was read as a thousands separator."""
    per_column: dict[str, list[_Cell]] = {}
    for cell in cells:
        if cell.column in whole_columns and shape(cell.text).endswith("ambiguous"):
            per_column.setdefault(cell.column, []).append(cell)
    sentences = []
    for column, found in per_column.items():
        first = found[0]
        mark = "komma" if decimal == "." else "punt"
        whole = re.sub(r"[.,]", "", first.text)
        sentences.append(
            f"kolom '{column}': de {mark} in {len(found)} getal(len) gelezen als scheiding van duizendtallen, "
            f"want de kolom bevat aantallen (gehele getallen): bijv. rij {first.row} '{first.text}' = {whole}."
        )
    return sentences


def _read_slash_dates(reading: Reading, column: str) -> None:
    """'14/3/2025' is day first, '3/14/2025' month first (Excel in American settings); the whole column
    decides. A column with both, or with only dates that read both ways (3/4/2025), is refused."""
    cells = {
        row: _SLASH_DATE.match(value.strip())
        for row, value in reading.frame[column].items()
        if isinstance(value, str) and _SLASH_DATE.match(value.strip())
    }
    if not cells:
        return
    day_first = [row for row, m in cells.items() if int(m.group(1)) > 12]
    month_first = [row for row, m in cells.items() if int(m.group(2)) > 12]
    both_ways = [row for row, m in cells.items() if m.group(1) != m.group(2) and max(map(int, m.groups()[:2])) <= 12]
    if day_first and month_first:
        a, b = reading.frame.at[day_first[0], column], reading.frame.at[month_first[0], column]
        reading.problems.append(
            Problem(
                None,
                column,
                None,
                f"datums in twee volgordes: '{a}' (rij {day_first[0]}) is dag/maand, '{b}' (rij {month_first[0]}) "
                "maand/dag. Schrijf datums als dd-mm-jjjj of jjjj-mm-dd.",
            )
        )
        return
    if not day_first and not month_first and both_ways:
        shown = ", ".join(f"'{reading.frame.at[r, column]}' (rij {r})" for r in both_ways[:MAX_SHOWN])
        reading.problems.append(
            Problem(
                None,
                column,
                None,
                f"datums met '/' kunnen dag/maand of maand/dag zijn en geen datum in de kolom laat zien welke: "
                f"{shown}. Schrijf datums als dd-mm-jjjj of jjjj-mm-dd.",
            )
        )
        return
    if month_first:
        frame = reading.frame.copy()
        for row, m in cells.items():
            month, day, year = (int(g) for g in m.groups())
            with contextlib.suppress(ValueError):  # not a date at all: the date parser gives the reason
                frame.at[row, column] = date(year, month, day).isoformat()
        reading.frame = frame
        example = month_first[0]
        reading.conversions.append(
            f"kolom '{column}': {len(cells)} datum(s) met '/' gelezen als maand/dag/jaar (Engelse notatie), want "
            f"'{cells[example].group(0)}' (rij {example}) kan alleen zo."
        )
    elif both_ways:
        reading.conversions.append(
            f"kolom '{column}': datums met '/' gelezen als dag/maand/jaar, want '{cells[day_first[0]].group(0)}' "
            f"(rij {day_first[0]}) kan alleen zo."
        )
