"""Read one cell of an imported file as its kind: number (decimal point or comma), whole number, date,
ja/nee, text or a code. Each parser takes the cell and the file's decimal separator and raises
``ValueError`` with a Dutch reason when the cell cannot be read; ``None`` means an empty cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime

_COMMA_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_POINT_NUMBER = re.compile(r"^[+-]?\d+\.\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M:%S")
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}

Parser = Callable[[object, str], object]


def display(value: object) -> str:
    """A cell value as a person would type it."""
    if isinstance(value, datetime | date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    if not _PLAIN_NUMBER.fullmatch(text):
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


def parse_code(value: object, _decimal: str = ".") -> str | None:
    """An area code: text in upper case (wk082606 -> WK082606)."""
    text = parse_text(value)
    return None if text is None else text.upper()


def parse_taakveld(value: object, _decimal: str = ".") -> str | None:
    """An Iv3 taakveld: '6,71' as typed in Dutch -> '6.71'."""
    text = parse_text(value)
    return None if text is None else text.replace(",", ".")


def parse_choice(value: object, _decimal: str = ".") -> str | None:
    text = parse_text(value)
    return None if text is None else text.lower()


def parse_amount(value: object, decimal: str) -> float | None:
    """A euro amount, rounded to cents."""
    number = parse_number(value, decimal)
    return None if number is None else round(number, 2)


PARSERS: dict[str, Parser] = {
    "text": parse_text,
    "integer": parse_integer,
    "number": parse_number,
    "amount": parse_amount,
    "date": parse_date,
    "bool": parse_bool,
    "choice": parse_choice,
    "area": parse_code,
    "indicator": parse_text,
    "taakveld": parse_taakveld,
    "ambition": parse_text,
}
NUMERIC_KINDS = ("integer", "number", "amount")


def is_readable(parser: Parser, decimal: str) -> Callable[[object], bool]:
    """A predicate: can ``parser`` read the cell?"""

    def check(value: object) -> bool:
        try:
            parser(value, decimal)
        except ValueError:
            return False
        return True

    return check


def unreadable_reason(parser: Parser, value: object, decimal: str) -> str:
    """The parser's Dutch reason for refusing ``value``."""
    try:
        parser(value, decimal)
    except ValueError as exc:
        return str(exc)
    return "onleesbaar"


def parse_or_none(parser: Parser, value: object, decimal: str) -> object:
    """The parsed value, or None when the cell is unreadable (reported separately)."""
    try:
        return parser(value, decimal)
    except ValueError:
        return None
