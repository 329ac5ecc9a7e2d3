"""Check a table of raw cells against a list of :class:`data.datasets.Field`, in two stages.

1. on the raw cells: required cells present, each cell readable as its kind (:mod:`data.cells`);
2. on the typed values: ranges (counts not negative, percentages 0–100, scores 0–10, derived from the
   catalogue unit of the row's indicator), fixed choices, known area codes of the gemeente (from the
   store's current area table), known indicator ids, taakvelden and ambitions, sane dates and years,
   no duplicate keys inside the file, and rules across columns (end date not before start date, a buurt
   inside its wijk).

Problems name row as Excel shows it (header = row 1), column, value and reason, in Dutch. The rules are
plain vectorised pandas checks (:class:`Rule`); pandera, used before, cost about a second at start-up (it
imports geopandas while validating), which a command-line import of 150 rows could not afford.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from data.cells import NUMERIC_KINDS, PARSERS, display, is_readable, parse_or_none, unreadable_reason
from data.datasets import DATE_RANGES, Dataset, Field, unit_range
from data.importers import RawTable
from data.store import Store

MAX_LISTED = 50  # problems listed in full; the rest are counted
LEVEL_NAMES = {"gemeente": "gemeentecode", "wijk": "wijkcode", "buurt": "buurtcode"}


@dataclass(frozen=True)
class Problem:
    row: int | None  # Excel row (header = 1); None = the file as a whole
    column: str | None
    value: object
    reason: str

    def text(self, file_name: str) -> str:
        where = [file_name]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        shown = "" if self.value is None else f": waarde '{display(self.value)}'"
        return f"{', '.join(where)}{shown}: {self.reason}"


@dataclass(frozen=True)
class Context:
    """What the store knows now: the codes a file may use."""

    gemeente_code: str
    gemeente_naam: str
    areas: pd.DataFrame  # area_code, level, parent_code, name, full_name
    indicators: pd.DataFrame  # indicator_id, unit, derived_from, is_count
    taakvelden: frozenset[str]
    ambitions: frozenset[str]
    nl_areas: frozenset[str] = frozenset()  # codes of the national table (Nederland, every gemeente and wijk)

    @classmethod
    def from_store(cls, store: Store, gemeente_code: str, gemeente_naam: str) -> Context:
        areas = store.table("area")[["area_code", "level", "parent_code", "name", "full_name"]]
        indicators = store.table("indicator")[["indicator_id", "unit", "derived_from", "is_count"]]
        return cls(
            gemeente_code,
            gemeente_naam,
            areas,
            indicators,
            frozenset(store.table("taakveld").taakveld_code),
            frozenset(store.table("ambition").ambition_id),
            frozenset(store.table("nl_area").area_code),
        )

    def loadable_indicators(self) -> set[str]:
        """Derived indicators are computed when read, never loaded."""
        return set(self.indicators[self.indicators.derived_from.isna()].indicator_id)


@dataclass
class Validated:
    dataset: str
    rows: int  # data rows read from the file
    frames: dict[str, pd.DataFrame]  # store table -> rows to load (empty when there are problems)
    problems: list[Problem]
    decimal: str | None
    notes: list[str] = field(default_factory=list)  # informational (skipped rows, detected year …)
    conversions: list[str] = field(default_factory=list)  # every reading the importer decided (names -> codes …)

    @property
    def ok(self) -> bool:
        return not self.problems


def refused(
    dataset: str,
    rows: int,
    problems: list[Problem],
    notes: list[str] | None = None,
    conversions: list[str] | None = None,
) -> Validated:
    """A refusal before the cells are checked: nothing to load, no decimal decided."""
    return Validated(dataset, rows, {}, problems, None, notes or [], conversions or [])


def problems_text(count: int) -> str:
    """'1 probleem', '3 problemen'."""
    return f"{count} probleem" if count == 1 else f"{count} problemen"


def normalise_header(header: str) -> str:
    """'  Gebied Code ' -> 'gebied_code'."""
    return re.sub(r"\s+", "_", str(header).strip().lower())


def separator_hint(raw: RawTable) -> str | None:
    """The separator whose notation text numbers follow when nothing in the file decides: a workbook's
    numbers are numbers, and text that looks like a number there follows the Dutch convention (as ';')."""
    return ";" if raw.fmt.kind == "xlsx" else raw.fmt.separator


def text_number_conversions(raw: RawTable, frame: pd.DataFrame, fields: list[Field], decimal: str) -> list[str]:
    """Workbook cells stored as text in number columns ('12,5' typed with a leading quote): read as numbers."""
    if raw.fmt.kind != "xlsx":
        return []
    sentences = []
    for f in fields:
        if f.kind not in NUMERIC_KINDS:
            continue
        texts = [(row, v) for row, v in frame[f.column].items() if isinstance(v, str) and v.strip()]
        readable = [(row, v) for row, v in texts if is_readable(PARSERS[f.kind], decimal)(v)]
        if readable:
            row, text = readable[0]
            number = display(PARSERS[f.kind](text, decimal)).replace(".", ",")
            sentences.append(
                f"kolom '{f.column}': {len(readable)} getal(len) stonden als tekst in Excel en zijn als getal "
                f"gelezen (bijv. rij {row}: '{text}' = {number})."
            )
    return sentences


def check_frame(
    frame: pd.DataFrame, fields: list[Field], decimal: str, dataset: Dataset, context: Context
) -> tuple[pd.DataFrame, list[Problem]]:
    """Both stages; returns the typed frame and the problems, sorted as in the file."""
    problems = _cell_problems(frame, fields, decimal)
    typed = pd.DataFrame(index=frame.index)
    for f in fields:
        parser = PARSERS[f.kind]
        typed[f.column] = pd.Series(
            [parse_or_none(parser, v, decimal) for v in frame[f.column]], index=frame.index, dtype=object
        )
    for f in fields:
        for rule in _column_rules(f, context):
            problems += _failures(rule, typed[f.column], frame, f.column)
    key = [c for c in dataset.key if c in typed.columns]
    for rule in _row_rules(dataset, fields, context):
        problems += _row_failures(rule, typed, frame, key)
    unique = list(dict.fromkeys(problems))  # a cell can fail a rule once
    order = {f.column: i for i, f in enumerate(fields)}
    unique.sort(key=lambda p: (p.row or 0, order.get(p.column or "", 99)))
    return typed, unique


MIN_FRACTION_VALUES = 3  # a column of percentages is suspected of holding fractions from this many values on


def fraction_problems(values: dict[str, tuple[str, pd.Series]], context: Context) -> list[Problem]:
    """Percentages written as fractions (0,119 for 11,9%): refused when every value of a percent indicator
    (at least three, not all zero) lies between 0 and 1. ``values``: indicator id -> (column, its values)."""
    units = context.indicators.set_index("indicator_id").unit
    problems = []
    for indicator_id, (column, series) in values.items():
        unit = str(units.get(indicator_id, ""))
        numbers = pd.to_numeric(series.dropna(), errors="coerce").dropna()
        if "%" not in unit or len(numbers) < MIN_FRACTION_VALUES:
            continue
        if numbers.between(0, 1).all() and (numbers > 0).any():
            example = display(float(numbers[numbers > 0].iloc[0])).replace(".", ",")
            problems.append(
                Problem(
                    None,
                    column,
                    None,
                    f"alle {len(numbers)} waarden van {indicator_id} liggen tussen 0 en 1 (bijv. {example}), maar de "
                    f"eenheid is '{unit}' (0–100): staan er breuken in plaats van procenten? Schrijf 11,9 voor "
                    "11,9%, of maak de cellen in Excel op als percentage.",
                )
            )
    return problems


# -- rules -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A vectorised check: ``passes`` maps the values (a Series, or the typed frame for a row rule) to a
    boolean Series; ``reason`` is the Dutch reason; a row rule reports on ``column``."""

    passes: Callable[[pd.Series | pd.DataFrame], pd.Series]
    reason: str
    column: str | None = None
    duplicate_key: bool = False


def _cell_problems(frame: pd.DataFrame, fields: list[Field], decimal: str) -> list[Problem]:
    """Stage 1, on the raw cells: required cells present, every filled cell readable as its kind."""
    problems = []
    for f in fields:
        parser = PARSERS[f.kind]
        for row, value in frame[f.column].items():
            if value is None or (isinstance(value, float) and math.isnan(value)):  # NaN: pandas' empty cell
                if f.required:
                    problems.append(Problem(int(row), f.column, None, "verplicht, maar leeg"))
            elif not is_readable(parser, decimal)(value):
                problems.append(Problem(int(row), f.column, value, unreadable_reason(parser, value, decimal)))
    return problems


def _failures(rule: Rule, values: pd.Series, raw: pd.DataFrame, column: str) -> list[Problem]:
    """Stage 2 on one typed column: empty (or unreadable) cells are not checked again."""
    filled = values[values.notna()]
    if filled.empty:
        return []
    passed = rule.passes(filled).astype(bool)
    return [Problem(int(row), column, raw.at[row, column], rule.reason) for row in filled.index[~passed]]


def _row_failures(rule: Rule, typed: pd.DataFrame, raw: pd.DataFrame, key: list[str]) -> list[Problem]:
    passed = rule.passes(typed).astype(bool) | typed.isna().all(axis=1)
    problems = []
    for row in typed.index[~passed]:
        reason = rule.reason
        if rule.duplicate_key:
            first = _first_duplicate(typed, key, row)
            reason = f"dubbele sleutel ({', '.join(key)}): dezelfde combinatie staat al in rij {first}"
        problems.append(Problem(int(row), rule.column, raw.at[row, rule.column], reason))
    return problems


def _range_text(lo: float | None, hi: float | None) -> str:
    def fmt(x: float) -> str:
        return display(x).replace(".", ",")

    if lo is not None and hi is not None:
        return f"moet tussen {fmt(lo)} en {fmt(hi)} liggen"
    if lo is not None:
        return "mag niet negatief zijn" if lo == 0 else f"moet minstens {fmt(lo)} zijn"
    return f"mag hoogstens {fmt(hi)} zijn"


def _day_text(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _in_range(lo: float | None, hi: float | None) -> Callable[[pd.Series], pd.Series]:
    return lambda s: s.astype(float).between(-math.inf if lo is None else lo, math.inf if hi is None else hi)


def _one_of(allowed: Collection[object]) -> Callable[[pd.Series], pd.Series]:
    allowed = set(allowed)
    return lambda s: s.map(lambda v: v in allowed)


def _column_rules(f: Field, context: Context) -> list[Rule]:
    """The checks on one typed column: range, choices, known codes, plausible dates."""
    rules: list[Rule] = []
    if f.minimum is not None or f.maximum is not None:
        rules.append(Rule(_in_range(f.minimum, f.maximum), _range_text(f.minimum, f.maximum)))
    if f.choices:
        rules.append(Rule(_one_of(f.choices), f"kies uit: {', '.join(f.choices)}"))
    if f.kind == "area":
        rules.append(_area_rule(f, context))
    if f.kind == "indicator":
        rules.append(
            Rule(
                _one_of(context.loadable_indicators()),
                "onbekende indicator (zie 'Over de cijfers'; afgeleide indicatoren worden berekend)",
            )
        )
    if f.kind == "taakveld":
        rules.append(Rule(_one_of(context.taakvelden), "onbekend Iv3-taakveld (bijv. 6.1, 6.71, 6.82)"))
    if f.kind == "ambition":
        rules.append(Rule(_one_of(context.ambitions), "onbekende ambitie"))
    if f.kind == "date" and f.column in DATE_RANGES:
        first, last = DATE_RANGES[f.column]
        rules.append(
            Rule(
                lambda s, a=first, b=last: s.map(lambda d: a <= d <= b),
                f"onwaarschijnlijke datum (verwacht tussen {_day_text(first)} en {_day_text(last)})",
            )
        )
    return rules


def _area_rule(f: Field, context: Context) -> Rule:
    areas = context.areas
    if f.levels:
        codes = set(areas[areas.level.isin(f.levels)].area_code)
        kinds = " of ".join(LEVEL_NAMES[level] for level in f.levels)
        reason = f"geen bekende {kinds} van gemeente {context.gemeente_naam} ({context.gemeente_code})"
    else:
        codes = set(areas.area_code)
        reason = f"onbekende gebiedscode voor gemeente {context.gemeente_naam} ({context.gemeente_code})"
    return Rule(_one_of(codes), reason)


def _row_rules(dataset: Dataset, fields: list[Field], context: Context) -> list[Rule]:
    """Checks across columns, each reported once per row on one column."""
    present = {f.column for f in fields}
    key = [c for c in dataset.key if c in present]
    rules = [
        Rule(
            lambda df: ~df.duplicated(key, keep="first") | df[key].isna().any(axis=1),
            "dubbele sleutel",
            key[-1],
            duplicate_key=True,
        )
    ]
    if "indicator" in present:
        rules += _unit_range_rules([f for f in fields if f.unit_range], context)
    if {"startdatum", "einddatum"} <= present:
        rules.append(
            Rule(
                lambda df: df.einddatum.isna() | df.startdatum.isna() | (df.einddatum >= df.startdatum),
                "de einddatum ligt voor de startdatum",
                "einddatum",
            )
        )
    if {"wijkcode", "buurtcode"} <= present:
        parents = context.areas.set_index("area_code").parent_code
        rules.append(
            Rule(
                lambda df: df.buurtcode.isna() | (df.buurtcode.map(parents) == df.wijkcode),
                "de buurt ligt niet in deze wijk",
                "buurtcode",
            )
        )
    return rules


def _unit_range_rules(value_fields: list[Field], context: Context) -> list[Rule]:
    """A value must lie in the range of its row's indicator unit (score 0–10, % 0–100, …)."""
    units = context.indicators.set_index("indicator_id").unit
    groups: dict[tuple[float | None, float | None], list[str]] = {}
    for indicator_id, unit in units.items():
        lo, hi = unit_range(str(unit))
        if lo is not None or hi is not None:
            groups.setdefault((lo, hi), []).append(str(indicator_id))
    return [
        Rule(
            lambda df, ids=ids, lo=lo, hi=hi, c=f.column: (
                ~df["indicator"].isin(ids)
                | df[c].isna()
                | df[c].astype(float).between(-math.inf if lo is None else lo, math.inf if hi is None else hi)
            ),
            f"{_range_text(lo, hi)} voor deze indicator",
            f.column,
        )
        for f in value_fields
        for (lo, hi), ids in groups.items()
    ]


def _first_duplicate(typed: pd.DataFrame, key: list[str], row: int) -> int:
    values = typed.loc[row, key]
    same = (typed[key] == values).all(axis=1)
    return int(typed.index[same][0])
