"""Check a table of raw cells against a list of :class:`data.datasets.Field` with pandera, in two stages.

1. on the raw cells: required cells present, each cell readable as its kind (:mod:`data.cells`);
2. on the typed values: ranges (counts not negative, percentages 0–100, scores 0–10, derived from the
   catalogue unit of the row's indicator), fixed choices, known area codes of the gemeente (from the
   store's current area table), known indicator ids, taakvelden and ambitions, sane dates and years,
   no duplicate keys inside the file, and rules across columns (end date not before start date, a buurt
   inside its wijk).

Problems name row as Excel shows it (header = row 1), column, value and reason, in Dutch. pandera is
imported when a check runs, not when this module is imported (it costs about a second at start-up).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from data.cells import NUMERIC_KINDS, PARSERS, display, is_readable, parse_or_none, unreadable_reason
from data.datasets import DATE_RANGES, Dataset, Field, unit_range
from data.importers import RawTable
from data.store import Store

if TYPE_CHECKING:
    import pandera.pandas as pa

MAX_LISTED = 50  # problems listed in full; the rest are counted
LEVEL_NAMES = {"gemeente": "gemeentecode", "wijk": "wijkcode", "buurt": "buurtcode"}
READABLE = "leesbaar"  # the stage-1 check; its Dutch reason comes from the parser


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
    """Both pandera stages; returns the typed frame and the problems, sorted as in the file."""
    failures = pandera_failures(_cell_schema(fields, decimal), frame)
    typed = pd.DataFrame(index=frame.index)
    for f in fields:
        parser = PARSERS[f.kind]
        typed[f.column] = pd.Series(
            [parse_or_none(parser, v, decimal) for v in frame[f.column]], index=frame.index, dtype=object
        )
    stage2 = pandera_failures(_value_schema(dataset, fields, context), typed)
    key = [c for c in dataset.key if c in typed.columns]
    problems = _problems_from(pd.concat([failures, stage2], ignore_index=True), frame, typed, fields, decimal, key)
    order = {f.column: i for i, f in enumerate(fields)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column or "", 99)))
    return typed, problems


# -- schemas -----------------------------------------------------------------------------------------


def _cell_schema(fields: list[Field], decimal: str) -> pa.DataFrameSchema:
    """Stage 1: required cells present, every cell readable as its kind (reason filled in later)."""
    import pandera.pandas as pa

    columns = {
        f.column: pa.Column(
            None,
            checks=[pa.Check(is_readable(PARSERS[f.kind], decimal), element_wise=True, error=READABLE)],
            nullable=not f.required,
        )
        for f in fields
    }
    return pa.DataFrameSchema(columns, strict=False)


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


def _value_schema(dataset: Dataset, fields: list[Field], context: Context) -> pa.DataFrameSchema:
    """Stage 2: ranges, choices, known codes, dates per column; duplicates and cross-column rules per row."""
    import pandera.pandas as pa

    columns = {f.column: pa.Column(None, checks=_column_checks(f, context), nullable=True) for f in fields}
    return pa.DataFrameSchema(columns, checks=_row_checks(dataset, fields, context), strict=False)


def _column_checks(f: Field, context: Context) -> list[pa.Check]:
    """The checks on one typed column: range, choices, known codes, plausible dates."""
    import pandera.pandas as pa

    checks: list[pa.Check] = []
    if f.minimum is not None or f.maximum is not None:
        checks.append(
            pa.Check(
                lambda s, lo=f.minimum, hi=f.maximum: s.astype(float).between(
                    -math.inf if lo is None else lo, math.inf if hi is None else hi
                ),
                error=_range_text(f.minimum, f.maximum),
            )
        )
    if f.choices:
        checks.append(pa.Check.isin(list(f.choices), error=f"kies uit: {', '.join(f.choices)}"))
    if f.kind == "area":
        checks.append(_area_check(f, context))
    if f.kind == "indicator":
        checks.append(
            pa.Check.isin(
                sorted(context.loadable_indicators()),
                error="onbekende indicator (zie 'Over de cijfers'; afgeleide indicatoren worden berekend)",
            )
        )
    if f.kind == "taakveld":
        checks.append(pa.Check.isin(sorted(context.taakvelden), error="onbekend Iv3-taakveld (bijv. 6.1, 6.71, 6.82)"))
    if f.kind == "ambition":
        checks.append(pa.Check.isin(sorted(context.ambitions), error="onbekende ambitie"))
    if f.kind == "date" and f.column in DATE_RANGES:
        first, last = DATE_RANGES[f.column]
        checks.append(
            pa.Check(
                lambda s, a=first, b=last: s.map(lambda d: a <= d <= b).astype(bool),
                error=f"onwaarschijnlijke datum (verwacht tussen {_day_text(first)} en {_day_text(last)})",
            )
        )
    return checks


def _area_check(f: Field, context: Context) -> pa.Check:
    import pandera.pandas as pa

    areas = context.areas
    if f.levels:
        codes = set(areas[areas.level.isin(f.levels)].area_code)
        kinds = " of ".join(LEVEL_NAMES[level] for level in f.levels)
        error = f"geen bekende {kinds} van gemeente {context.gemeente_naam} ({context.gemeente_code})"
    else:
        codes = set(areas.area_code)
        error = f"onbekende gebiedscode voor gemeente {context.gemeente_naam} ({context.gemeente_code})"
    return pa.Check.isin(sorted(codes), error=error)


def _row_checks(dataset: Dataset, fields: list[Field], context: Context) -> list[pa.Check]:
    """Checks across columns; each error reads 'tag|column|reason' (reported once, on that column)."""
    import pandera.pandas as pa

    present = {f.column for f in fields}
    key = [c for c in dataset.key if c in present]
    checks = [
        pa.Check(
            lambda df, k=key: ~df.duplicated(k, keep="first") | df[k].isna().any(axis=1),
            error=f"dubbel|{key[-1]}|dubbele sleutel",
        )
    ]
    if "indicator" in present:
        checks += _unit_range_checks([f for f in fields if f.unit_range], context)
    if {"startdatum", "einddatum"} <= present:
        checks.append(
            pa.Check(
                lambda df: df.einddatum.isna() | df.startdatum.isna() | (df.einddatum >= df.startdatum),
                error="volgorde|einddatum|de einddatum ligt voor de startdatum",
            )
        )
    if {"wijkcode", "buurtcode"} <= present:
        parents = context.areas.set_index("area_code").parent_code
        checks.append(
            pa.Check(
                lambda df: df.buurtcode.isna() | (df.buurtcode.map(parents) == df.wijkcode),
                error="buurt|buurtcode|de buurt ligt niet in deze wijk",
            )
        )
    return checks


def _unit_range_checks(value_fields: list[Field], context: Context) -> list[pa.Check]:
    """A value must lie in the range of its row's indicator unit (score 0–10, % 0–100, …)."""
    import pandera.pandas as pa

    units = context.indicators.set_index("indicator_id").unit
    groups: dict[tuple[float | None, float | None], list[str]] = {}
    for indicator_id, unit in units.items():
        lo, hi = unit_range(str(unit))
        if lo is not None or hi is not None:
            groups.setdefault((lo, hi), []).append(str(indicator_id))
    return [
        pa.Check(
            lambda df, ids=ids, lo=lo, hi=hi, c=f.column: (
                ~df["indicator"].isin(ids)
                | df[c].isna()
                | df[c].astype(float).between(-math.inf if lo is None else lo, math.inf if hi is None else hi)
            ),
            error=f"eenheid|{f.column}|{_range_text(lo, hi)} voor deze indicator",
        )
        for f in value_fields
        for (lo, hi), ids in groups.items()
    ]


# -- failures to problems ------------------------------------------------------------------------------


def pandera_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily and return pandera's failure cases (empty when valid)."""
    import pandera.pandas as pa

    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return pd.DataFrame(columns=["schema_context", "column", "check", "failure_case", "index"])


def _problems_from(
    failures: pd.DataFrame, raw: pd.DataFrame, typed: pd.DataFrame, fields: list[Field], decimal: str, key: list[str]
) -> list[Problem]:
    """pandera failure cases -> one Problem per (row, column, check)."""
    kinds = {f.column: f.kind for f in fields}
    problems: dict[tuple[int, str, str], Problem] = {}
    for failure in failures.itertuples():
        if pd.isna(failure.index):
            continue  # whole-column failures: missing columns are reported before validation
        row, check = int(failure.index), str(failure.check)
        if failure.schema_context == "DataFrameSchema":
            # row checks are reported once per column of the row; their error says "tag|column|reason"
            tag, column, reason = check.split("|", 2)
            if tag == "dubbel":
                first = _first_duplicate(typed, key, row)
                reason = f"dubbele sleutel ({', '.join(key)}): dezelfde combinatie staat al in rij {first}"
        else:
            column = str(failure.column)
            if check == "not_nullable":
                reason = "verplicht, maar leeg"
            elif check == READABLE:
                reason = unreadable_reason(PARSERS[kinds[column]], raw.at[row, column], decimal)
            else:
                reason = check
        problems.setdefault((row, column, check), Problem(row, column, raw.at[row, column], reason))
    return list(problems.values())


def _first_duplicate(typed: pd.DataFrame, key: list[str], row: int) -> int:
    values = typed.loc[row, key]
    same = (typed[key] == values).all(axis=1)
    return int(typed.index[same][0])
