"""Validate a :class:`data.importers.RawTable` against a dataset declaration (``data.datasets``) with pandera.

Two pandera schemas per file, both generated from the declaration:

1. on the raw cells: required cells present, each cell readable as its kind (number with decimal point or
   comma, whole number, date, ja/nee);
2. on the typed values: ranges (counts not negative, percentages 0–100, scores 0–10, derived from the
   catalogue unit of the row's indicator), fixed choices, known area codes of the gemeente (from the
   store's current area table), known indicator ids, taakvelden and ambitions, sane dates and years,
   no duplicate keys inside the file, and rules across columns (end date not before start date, a buurt
   inside its wijk).

Problems name file, row as Excel shows it (header = row 1), column, value and reason, in Dutch. Text is
kept as written: a cell starting with '=', '+', '-' or '@' is stored as text and neutralised on export.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import pandera.pandas as pa

from data.datasets import (
    DATASETS,
    DATE_RANGES,
    KWB,
    KWB_CODE,
    KWB_INFO_COLUMNS,
    KWB_SECRET,
    Dataset,
    Field,
    KwbMapping,
    kwb_year_from_name,
    load_kwb_mapping,
    unit_range,
)
from data.importers import RawTable
from data.store import Store

MAX_LISTED = 50  # problems listed in full; the rest are counted

_COMMA_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_POINT_NUMBER = re.compile(r"^[+-]?\d+\.\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M:%S")
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}
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
    areas: pd.DataFrame  # area_code, level, parent_code
    indicators: pd.DataFrame  # indicator_id, unit, derived_from
    taakvelden: frozenset[str]
    ambitions: frozenset[str]

    @classmethod
    def from_store(cls, store: Store, gemeente_code: str, gemeente_naam: str) -> Context:
        areas = store.table("area")[["area_code", "level", "parent_code"]]
        indicators = store.table("indicator")[["indicator_id", "unit", "derived_from"]]
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

    @property
    def ok(self) -> bool:
        return not self.problems


def problems_text(count: int) -> str:
    """'1 probleem', '3 problemen'."""
    return f"{count} probleem" if count == 1 else f"{count} problemen"


def display(value: object) -> str:
    """A cell value as a person would type it."""
    if isinstance(value, datetime | date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- reading cells ------------------------------------------------------------------------------------


def detect_decimal(cells: list[object], separator: str | None) -> str:
    """',' or '.': from the text of number cells; in doubt the convention that goes with the separator."""
    texts = [c.strip() for c in cells if isinstance(c, str)]
    comma = sum(bool(_COMMA_NUMBER.match(t)) for t in texts)
    point = sum(bool(_POINT_NUMBER.match(t)) and not _DOT_THOUSANDS.match(t) for t in texts)
    if comma and not point:
        return ","
    if point and not comma:
        return "."
    return "," if separator == ";" else "."


def parse_number(value: object, decimal: str) -> float | None:
    """Cell -> float; raises ValueError with a Dutch reason."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("geen getal")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("geen eindig getal")
        return float(value)
    if isinstance(value, datetime | date):
        raise ValueError("een datum, geen getal")
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").removeprefix("€").removesuffix("%")
    if decimal == ",":
        if _DOT_THOUSANDS.match(text):
            text = text.replace(".", "")
        text = text.replace(",", ".") if text.count(",") == 1 else text
    elif _COMMA_THOUSANDS.match(text):
        text = text.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        example = "12,5" if decimal == "," else "12.5"
        raise ValueError(f"geen getal (verwacht bijvoorbeeld {example})")
    return float(text)


def parse_integer(value: object, decimal: str) -> int | None:
    try:
        number = parse_number(value, decimal)
    except ValueError as exc:
        raise ValueError(re.sub(r"^geen getal.*", "geen geheel getal (verwacht bijvoorbeeld 12)", str(exc))) from exc
    if number is None:
        return None
    if not number.is_integer():
        raise ValueError("geen geheel getal")
    return int(number)


def parse_date(value: object, _decimal: str = ".") -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("geen datum (verwacht bijvoorbeeld 31-12-2025 of 2025-12-31)")


def parse_bool(value: object, _decimal: str = ".") -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = display(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("verwacht ja of nee")


def parse_text(value: object, _decimal: str = ".") -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return display(value)
    return display(value).strip()


def _parse_code(value: object, _decimal: str = ".") -> str | None:
    text = parse_text(value)
    return None if text is None else text.upper()


def _parse_taakveld(value: object, _decimal: str = ".") -> str | None:
    text = parse_text(value)
    return None if text is None else text.replace(",", ".")


def _parse_choice(value: object, _decimal: str = ".") -> str | None:
    text = parse_text(value)
    return None if text is None else text.lower()


def _parse_amount(value: object, decimal: str) -> float | None:
    number = parse_number(value, decimal)
    return None if number is None else round(number, 2)


PARSERS: dict[str, Callable[[object, str], object]] = {
    "text": parse_text,
    "integer": parse_integer,
    "number": parse_number,
    "amount": _parse_amount,
    "date": parse_date,
    "bool": parse_bool,
    "choice": _parse_choice,
    "area": _parse_code,
    "indicator": parse_text,
    "taakveld": _parse_taakveld,
    "ambition": parse_text,
}
NUMERIC_KINDS = ("integer", "number", "amount")
READABLE = "leesbaar"  # the stage-1 check; its Dutch reason comes from the parser


def _readable(parser: Callable[[object, str], object], decimal: str) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        try:
            parser(value, decimal)
        except ValueError:
            return False
        return True

    return check


def _reason(parser: Callable[[object, str], object], value: object, decimal: str) -> str:
    try:
        parser(value, decimal)
    except ValueError as exc:
        return str(exc)
    return "onleesbaar"


# -- schemas -----------------------------------------------------------------------------------------


def _cell_schema(fields: list[Field], decimal: str) -> pa.DataFrameSchema:
    """Stage 1: required cells present, every cell readable as its kind (reason filled in later)."""
    columns = {
        f.column: pa.Column(
            None,
            checks=[pa.Check(_readable(PARSERS[f.kind], decimal), element_wise=True, error=READABLE)],
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


def _area_check(f: Field, context: Context) -> pa.Check:
    areas = context.areas
    if f.levels:
        codes = set(areas[areas.level.isin(f.levels)].area_code)
        kinds = " of ".join(LEVEL_NAMES[level] for level in f.levels)
        error = f"geen bekende {kinds} van gemeente {context.gemeente_naam} ({context.gemeente_code})"
    else:
        codes = set(areas.area_code)
        error = f"onbekende gebiedscode voor gemeente {context.gemeente_naam} ({context.gemeente_code})"
    return pa.Check.isin(sorted(codes), error=error)


def _value_schema(dataset: Dataset, fields: list[Field], context: Context) -> pa.DataFrameSchema:
    """Stage 2: ranges, choices, known codes, dates; duplicates and cross-column rules."""
    columns: dict[str, pa.Column] = {}
    for f in fields:
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
            checks.append(
                pa.Check.isin(sorted(context.taakvelden), error="onbekend Iv3-taakveld (bijv. 6.1, 6.71, 6.82)")
            )
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
        columns[f.column] = pa.Column(None, checks=checks, nullable=True)

    frame_checks: list[pa.Check] = []
    present = {f.column for f in fields}
    key = [c for c in dataset.key if c in present]
    frame_checks.append(
        pa.Check(
            lambda df, k=key: ~df.duplicated(k, keep="first") | df[k].isna().any(axis=1),
            error=f"dubbel|{key[-1]}|dubbele sleutel",
        )
    )
    value_fields = [f for f in fields if f.unit_range]
    if value_fields and "indicator" in present:
        units = context.indicators.set_index("indicator_id").unit
        groups: dict[tuple[float | None, float | None], list[str]] = {}
        for indicator_id, unit in units.items():
            lo, hi = unit_range(str(unit))
            if lo is not None or hi is not None:
                groups.setdefault((lo, hi), []).append(str(indicator_id))
        for f in value_fields:
            for (lo, hi), ids in groups.items():
                frame_checks.append(
                    pa.Check(
                        lambda df, ids=ids, lo=lo, hi=hi, c=f.column: (
                            ~df["indicator"].isin(ids)
                            | df[c].isna()
                            | df[c]
                            .astype(float)
                            .between(-math.inf if lo is None else lo, math.inf if hi is None else hi)
                        ),
                        error=f"eenheid|{f.column}|{_range_text(lo, hi)} voor deze indicator",
                    )
                )
    if {"startdatum", "einddatum"} <= present:
        frame_checks.append(
            pa.Check(
                lambda df: df.einddatum.isna() | df.startdatum.isna() | (df.einddatum >= df.startdatum),
                error="volgorde|einddatum|de einddatum ligt voor de startdatum",
            )
        )
    if {"wijkcode", "buurtcode"} <= present:
        parents = context.areas.set_index("area_code").parent_code
        frame_checks.append(
            pa.Check(
                lambda df: df.buurtcode.isna() | (df.buurtcode.map(parents) == df.wijkcode),
                error="buurt|buurtcode|de buurt ligt niet in deze wijk",
            )
        )
    return pa.DataFrameSchema(columns, checks=frame_checks, strict=False)


def _day_text(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _run(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases (empty when valid)."""
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
            # frame checks are reported once per column of the row; their error says "tag|column|reason"
            tag, column, reason = check.split("|", 2)
            if tag == "dubbel":
                first = _first_duplicate(typed, key, row)
                reason = f"dubbele sleutel ({', '.join(key)}): dezelfde combinatie staat al in rij {first}"
        else:
            column = str(failure.column)
            if check == "not_nullable":
                reason = "verplicht, maar leeg"
            elif check == READABLE:
                reason = _reason(PARSERS[kinds[column]], raw.at[row, column], decimal)
            else:
                reason = check
        problems.setdefault((row, column, check), Problem(row, column, raw.at[row, column], reason))
    return list(problems.values())


def _first_duplicate(typed: pd.DataFrame, key: list[str], row: int) -> int:
    values = typed.loc[row, key]
    same = (typed[key] == values).all(axis=1)
    return int(typed.index[same][0])


# -- entry point ---------------------------------------------------------------------------------------


def validate(raw: RawTable, dataset_name: str, context: Context, year: int | None = None) -> Validated:
    """Check ``raw`` as dataset ``dataset_name``; frames are filled only when there are no problems."""
    if dataset_name == KWB:
        return _validate_kwb(raw, context, year)
    dataset = DATASETS[dataset_name]
    rows = len(raw.frame)
    problems = _header_problems(raw, dataset)
    if problems:
        return Validated(dataset.name, rows, {}, problems, None)
    frame = raw.frame.rename(columns=_normalise)
    fields = [f for f in dataset.fields if f.column in frame.columns]
    frame = frame[[f.column for f in fields]]
    decimal = _decimal(raw, frame, fields)
    typed, problems = _check(frame, fields, decimal, dataset, context)
    if problems:
        return Validated(dataset.name, rows, {}, problems, decimal)
    store_frame = pd.DataFrame({f.target: typed[f.column] for f in fields}, index=typed.index)
    store_frame = _complete(dataset, store_frame)
    return Validated(dataset.name, rows, {dataset.table: store_frame.reset_index(drop=True)}, [], decimal)


def _normalise(header: str) -> str:
    return re.sub(r"\s+", "_", str(header).strip().lower())


def _header_problems(raw: RawTable, dataset: Dataset) -> list[Problem]:
    found = {_normalise(h): h for h in raw.headers}
    problems = []
    missing = [f.column for f in dataset.fields if f.required and f.column not in found]
    if missing:
        hint = ""
        if len(raw.headers) == 1 and re.search(r"[|:\t;,]", raw.headers[0]):
            hint = " Het bestand heeft maar één kolom: is het scheidingsteken een ; of ,?"
        problems.append(
            Problem(
                1,
                None,
                None,
                f"verplichte kolom(men) ontbreken: {', '.join(missing)}. Verwacht: {', '.join(dataset.columns)}.{hint}",
            )
        )
    known = set(dataset.columns)
    for normalised, header in found.items():
        if normalised not in known:
            letter = raw.letters.get(header, "?")
            problems.append(
                Problem(
                    1,
                    header,
                    None,
                    f"onbekende kolom (kolom {letter}). Toegestaan: {', '.join(dataset.columns)}. "
                    "Verwijder de kolom of gebruik het sjabloon.",
                )
            )
    return problems


def _decimal(raw: RawTable, frame: pd.DataFrame, fields: list[Field]) -> str:
    cells = [v for f in fields if f.kind in NUMERIC_KINDS for v in frame[f.column]]
    if raw.fmt.kind == "xlsx":
        # numbers in a workbook are numbers; text that looks like a number follows the Dutch convention
        return detect_decimal(cells, ";")
    return detect_decimal(cells, raw.fmt.separator)


def _check(
    frame: pd.DataFrame, fields: list[Field], decimal: str, dataset: Dataset, context: Context
) -> tuple[pd.DataFrame, list[Problem]]:
    """Both pandera stages; returns the typed frame and the problems, sorted as in the file."""
    failures = _run(_cell_schema(fields, decimal), frame)
    typed = pd.DataFrame(index=frame.index)
    for f in fields:
        parser = PARSERS[f.kind]
        typed[f.column] = pd.Series(
            [_safe(parser, v, decimal) for v in frame[f.column]], index=frame.index, dtype=object
        )
    stage2 = _run(_value_schema(dataset, fields, context), typed)
    key = [c for c in dataset.key if c in typed.columns]
    problems = _problems_from(pd.concat([failures, stage2], ignore_index=True), frame, typed, fields, decimal, key)
    order = {f.column: i for i, f in enumerate(fields)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column or "", 99)))
    return typed, problems


def _safe(parser: Callable[[object, str], object], value: object, decimal: str) -> object:
    try:
        return parser(value, decimal)
    except ValueError:
        return None


def _complete(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Store types and defaults for optional columns."""
    frame = frame.copy()
    for column, value in dataset.constants:
        frame[column] = value
    for f in dataset.fields:
        if f.target not in frame.columns:
            frame[f.target] = None
    if dataset.table == "initiative":
        frame["description"] = frame.description.map(lambda v: "" if v is None else v)
        frame["is_good_example"] = frame.is_good_example.map(lambda v: bool(v) if v is not None else False)
    for f in dataset.fields:
        if f.kind in ("number", "amount"):
            frame[f.target] = pd.to_numeric(frame[f.target]).astype("Float64")
        elif f.kind == "integer":
            frame[f.target] = pd.array(frame[f.target].tolist(), dtype="Int64")
    return frame


# -- CBS Kerncijfers wijken en buurten -------------------------------------------------------------------


def gemeente_pattern(gemeente_code: str) -> re.Pattern[str]:
    """GM0826 -> the codes of the gemeente, its wijken and buurten: GM0826, WK0826nn, BU0826nnnn."""
    digits = gemeente_code.removeprefix("GM")
    return re.compile(rf"^(GM{digits}|WK{digits}\d{{2}}|BU{digits}\d{{4}})$")


def _validate_kwb(raw: RawTable, context: Context, year: int | None, mapping: KwbMapping | None = None) -> Validated:
    mapping = mapping or load_kwb_mapping()
    frame = raw.frame.rename(columns=_normalise)
    rows = len(frame)
    if KWB_CODE not in frame.columns:
        return Validated(
            KWB,
            rows,
            {},
            [Problem(1, None, None, "kolom 'gwb_code' ontbreekt: dit is geen kwb-bestand in de CBS-indeling.")],
            None,
        )
    variables = [v for v in mapping.variables if v in frame.columns]
    if not variables:
        return Validated(
            KWB,
            rows,
            {},
            [
                Problem(
                    1,
                    None,
                    None,
                    "geen enkele bekende CBS-variabele gevonden "
                    f"(verwacht o.a. {', '.join(list(mapping.variables)[:6])}).",
                )
            ],
            None,
        )
    notes = []
    skipped_columns = [c for c in frame.columns if c not in variables and c != KWB_CODE and c not in KWB_INFO_COLUMNS]
    if skipped_columns:
        notes.append(
            f"{len(skipped_columns)} kolom(men) zonder koppeling in kwb_mapping.yaml overgeslagen: "
            f"{', '.join(skipped_columns[:10])}{' …' if len(skipped_columns) > 10 else ''}."
        )
    codes = frame[KWB_CODE].map(lambda v: None if v is None else str(v).strip().upper())
    own = codes.map(lambda c: bool(c and gemeente_pattern(context.gemeente_code).match(c)))
    if not own.any():
        others = sorted({c[:6] for c in codes.dropna() if c[:2] in ("GM", "WK", "BU")})
        found = f" Gevonden: {', '.join(others[:8])}{' …' if len(others) > 8 else ''}." if others else ""
        return Validated(
            KWB,
            rows,
            {},
            [
                Problem(
                    None,
                    KWB_CODE,
                    None,
                    f"het bestand bevat geen rijen van gemeente {context.gemeente_naam} "
                    f"({context.gemeente_code}).{found}",
                )
            ],
            None,
        )
    if (~own).any():
        notes.append(f"{int((~own).sum())} rij(en) van andere gemeenten of van Nederland overgeslagen.")
    frame = frame[own].copy()
    frame[KWB_CODE] = codes[own]

    year_problems: list[Problem] = []
    if year is None:
        year = kwb_year_from_name(raw.file_name)
        if year is None and "jaar" in frame.columns:
            years = {display(v) for v in frame["jaar"].dropna()}
            year = int(years.pop()) if len(years) == 1 and next(iter(years), "").isdigit() else None
        if year is None:
            year_problems.append(
                Problem(
                    None, None, None, "het jaar is niet te bepalen: noem het bestand kwb-JJJJ (bijv. kwb-2024.xlsx)."
                )
            )
        else:
            notes.append(f"Jaar {year} (uit de bestandsnaam of de kolom jaar).")

    # '.' = secret or unknown at CBS: an empty value, not an error
    for variable in variables:
        frame[variable] = frame[variable].map(lambda v: None if isinstance(v, str) and v.strip() == KWB_SECRET else v)
    units = context.indicators.set_index("indicator_id").unit
    fields = [Field(KWB_CODE, "area_code", "area", None, "gebiedscode")]
    unknown_indicators = []
    for variable in variables:
        indicator_id = mapping.variables[variable]
        if indicator_id not in units.index:
            unknown_indicators.append(
                Problem(1, variable, None, f"kwb_mapping.yaml wijst naar onbekende indicator '{indicator_id}'")
            )
            continue
        lo, hi = unit_range(str(units[indicator_id]))
        fields.append(Field(variable, indicator_id, "number", None, "", required=False, minimum=lo, maximum=hi))
    frame = frame[[f.column for f in fields]]
    decimal = _decimal(raw, frame, fields)
    kwb_dataset = Dataset(KWB, "kwb", "", "indicator_value", tuple(fields), (KWB_CODE,))
    typed, problems = _check(frame, fields, decimal, kwb_dataset, context)
    problems = year_problems + unknown_indicators + problems
    if problems:
        return Validated(KWB, rows, {}, problems, decimal, notes)
    long = typed.melt(id_vars=KWB_CODE, value_vars=[f.column for f in fields[1:]], var_name="variable")
    values = pd.DataFrame(
        {
            "indicator_id": long.variable.map(mapping.variables),
            "area_code": long[KWB_CODE],
            "year": year,
            "value": pd.to_numeric(long.value).astype("Float64"),
        }
    )
    secret = int(values.value.isna().sum())
    if secret:
        notes.append(f"{secret} waarde(n) geheim of onbekend ('.') en als leeg opgeslagen.")
    return Validated(KWB, rows, {"indicator_value": values}, [], decimal, notes)
