"""Read an uploaded file into a table of raw cells, after refusing what is not a usable table.

Checks run cheapest first, before any parser sees the bytes (VERIFIED.md §7): size, emptiness, binary
content, password protection (OLE2 container / msoffcrypto), broken or disguised workbooks and zip bombs.
Then CSV is decoded (UTF-8 with or without BOM, else Windows-1252) and split on a sniffed separator from a
whitelist; XLSX is read with openpyxl (the first sheet or a named one). Every cell stays as written: text
is never evaluated, and a formula in a workbook is refused rather than computed.

The result is a :class:`RawTable` whose index is the row number as Excel shows it (header = row 1).

The name of an uploaded file is only ever shown and logged, never used as a path: :func:`file_label` keeps the
last part (after any '/' or '\\'), drops control characters and shortens it; the archive names files by their
SHA-256 and one of the known extensions (:func:`archive_extension`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath

import pandas as pd

MAX_FILE_BYTES = 20 * 2**20  # larger uploads are refused before parsing
MAX_ROWS = 200_000
MAX_UNPACKED_BYTES = 100 * 2**20  # XLSX: total size of the zip members
MAX_ZIP_RATIO = 100  # XLSX: unpacked / packed; a real workbook stays far below (bomb: ~1000)
CSV_SEPARATORS = ";,\t"  # sniffed from this whitelist only (the sniffer picks letters otherwise)
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
CSV_EXTENSIONS = (".csv", ".txt")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
SEPARATOR_NAMES = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 met BOM", "cp1252": "Windows-1252"}
MAX_NAME_CHARS = 120  # of a file name as shown and logged
MAX_HEADER_ROW = 20  # a header below a title block is looked for in this many rows
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)", re.IGNORECASE)
OOXML_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")  # every .xlsx has both


class ImportRefused(Exception):
    """The file cannot be loaded; ``problems`` are Dutch sentences naming file, row, column and reason."""

    def __init__(self, problems: list[str], total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(problems))


@dataclass
class FileFormat:
    """What was detected, for the preview and the load log."""

    kind: str  # 'csv' or 'xlsx'
    encoding: str | None = None
    separator: str | None = None
    decimal: str | None = None  # set by validation (CSV: detected; XLSX: numbers are numbers)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    header_row: int = 1  # as Excel shows it; > 1 when a title block sits above the header

    def describe(self) -> str:
        """One Dutch line, e.g. 'CSV · scheidingsteken puntkomma (;) · Windows-1252 · decimaalkomma'."""
        if self.kind == "xlsx":
            parts = ["Excel (.xlsx)", f"tabblad '{self.sheet}'"]
            if len(self.sheets) > 1:
                parts.append(f"{len(self.sheets)} tabbladen")
        else:
            parts = [
                "CSV",
                f"scheidingsteken {SEPARATOR_NAMES.get(self.separator or ',', self.separator)}",
                f"tekencodering {ENCODING_NAMES.get(self.encoding or '', self.encoding)}",
            ]
        if self.decimal:
            parts.append("decimaalkomma" if self.decimal == "," else "decimaalpunt")
        return " · ".join(parts)


@dataclass
class RawTable:
    """Cells as read (str, int, float, datetime or None); index = Excel row number; columns = headers as
    written in the file, in order."""

    file_name: str
    frame: pd.DataFrame
    headers: list[str]
    fmt: FileFormat
    letters: dict[str, str] = field(default_factory=dict)  # header -> column letter (A, B, …)
    conversions: list[str] = field(default_factory=list)  # what reading changed (header row, percent cells)


def column_letter(number: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def extension(file_name: str) -> str:
    return PurePath(file_name).suffix.lower()


def file_label(file_name: object) -> str:
    """An uploaded file's name as shown and logged: the last part only (a browser or a crafted request can send
    '../../etc/passwd.csv' or '..\\x.xlsx'), without control or invisible format characters (NUL, newlines,
    right-to-left overrides), at most 120 characters with the extension kept. Never a path component."""
    name = re.split(r"[\\/]", str(file_name or ""))[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if name.strip(".") == "":
        name = "bestand"
    if len(name) > MAX_NAME_CHARS:
        ext = extension(name) if len(extension(name)) <= 8 else ""
        name = name[: MAX_NAME_CHARS - len(ext) - 1] + "…" + ext
    return name


def archive_extension(file_name: str) -> str:
    """The extension the archive uses for a loaded file: one of the readable ones, else '.bin'."""
    ext = extension(file_label(file_name))
    return ext if ext in CSV_EXTENSIONS + XLSX_EXTENSIONS else ".bin"


def read_table(
    file_name: str, content: bytes, sheet: str | None = None, expected: Collection[str] | None = None
) -> RawTable:
    """Detect the format of ``content`` and read it; raises :class:`ImportRefused` with a Dutch reason.

    ``expected``: column names (lower case) of the dataset; when given and row 1 holds none of them but a
    row below (up to :data:`MAX_HEADER_ROW`) holds them, that row is the header and the rows above are
    skipped (said in ``RawTable.conversions``)."""
    name = file_label(file_name)
    ext = extension(name)
    if len(content) > MAX_FILE_BYTES:
        raise ImportRefused(
            [
                f"{name}: het bestand is te groot ({_mb(len(content))}); de grens is {_mb(MAX_FILE_BYTES)}. "
                "Splits het bestand of laad alleen de rijen van de eigen gemeente."
            ]
        )
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ImportRefused([f"{name}: het bestand is leeg."])
    if content.startswith(OLE2_MAGIC):
        raise ImportRefused([f"{name}: {_ole2_reason(content)}"])
    if ext == ".xls":
        raise ImportRefused([f"{name}: dit is geen .xlsx-bestand. Sla het in Excel op als .xlsx of als CSV."])
    if ext in XLSX_EXTENSIONS:
        return _read_xlsx(name, content, sheet, expected)
    if ext in CSV_EXTENSIONS:
        if content.startswith(ZIP_MAGIC):
            raise ImportRefused(
                [f"{name}: dit is een Excel- of zipbestand met de extensie {ext}. Geef het de extensie .xlsx."]
            )
        return _read_csv(name, content, expected)
    raise ImportRefused(
        [f"{name}: bestandstype '{ext or '(geen)'}' wordt niet ondersteund. Gebruik CSV (.csv) of Excel (.xlsx)."]
    )


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB".replace(".", ",")


def _ole2_reason(content: bytes) -> str:
    """An OLE2 container is either a password-protected Office file or an old .xls/.doc."""
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError

    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(content)).is_encrypted()
    except (FileFormatError, OSError, ValueError, KeyError, AssertionError, IndexError):
        # not a valid Office container at all; an OLE2 .xlsx-named file is nearly always an encrypted one
        encrypted = True
    if encrypted:
        return (
            "het bestand is beveiligd met een wachtwoord (versleuteld). Open het in Excel, verwijder het "
            "wachtwoord (Bestand > Info > Werkmap beveiligen) en sla het opnieuw op."
        )
    return "dit is een oud Excel-bestand (.xls) of een ander Office-document. Sla het op als .xlsx of als CSV."


# -- CSV -----------------------------------------------------------------------------------------------


def _decode(name: str, content: bytes) -> tuple[str, str]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(
            [f"{name}: tekencodering UTF-16 wordt niet ondersteund. Sla op als 'CSV UTF-8 (door komma's gescheiden)'."]
        )
    if b"\x00" in content[:8192]:
        raise ImportRefused([f"{name}: dit is geen tekstbestand (binaire inhoud) en dus geen CSV."])
    try:
        text = content.decode("utf-8-sig")  # also plain UTF-8; strips a BOM
        encoding = "utf-8-sig" if content.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = content.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise ImportRefused(
                [
                    f"{name}: onbekende tekencodering (byte {content[exc.start]:#04x} op positie {exc.start} is "
                    "geen UTF-8 en geen Windows-1252). Sla het bestand op als CSV UTF-8."
                ]
            ) from exc
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\r\n")
    if control > max(3, len(text[:8192]) // 100):
        raise ImportRefused([f"{name}: dit is geen tekstbestand (binaire inhoud) en dus geen CSV."])
    return text, encoding


def _sniff(text: str) -> str:
    lines = text.splitlines()[:50]
    sample = "\n".join(lines)
    try:
        separator = csv.Sniffer().sniff(sample, delimiters=CSV_SEPARATORS).delimiter
        first = next((line for line in lines if line.strip()), "")
        # a title line above the header holds no separator, and then the sniffer can pick a ',' in a value
        return separator if separator in first else _most_regular(lines) or separator
    except csv.Error:
        header = text.splitlines()[0] if text.splitlines() else ""
        # one column, or a sniffer in doubt: the separator that occurs in the header, else (a title line
        # above the header) the one that splits the lines below regularly
        counts = {sep: header.count(sep) for sep in CSV_SEPARATORS}
        best = max(counts, key=counts.get)
        return best if counts[best] else _most_regular(lines) or ","


def _html_refusal(name: str, ext: str) -> ImportRefused:
    return ImportRefused(
        [
            f"{name}: dit is een webpagina (HTML) met de extensie {ext}, geen tabel. Waarschijnlijk is een "
            "foutmelding of de downloadpagina bewaard in plaats van het bestand zelf. Open de link opnieuw en "
            "download het bestand (CSV of Excel), of kies in het portaal 'Downloaden' in plaats van 'Opslaan als'."
        ]
    )


def _most_regular(lines: list[str]) -> str | None:
    """The separator that splits most lines into the same number (> 1) of fields; None if none does."""
    best, best_lines = None, 1
    for separator in CSV_SEPARATORS:
        widths = [len(row) for row in csv.reader(lines, delimiter=separator) if row]
        common = max((w for w in set(widths) if w > 1), key=widths.count, default=None)
        if common is not None and widths.count(common) > best_lines:
            best, best_lines = separator, widths.count(common)
    return best


def _read_csv(name: str, content: bytes, expected: Collection[str] | None) -> RawTable:
    text, encoding = _decode(name, content)
    if _HTML_START.match(text[:2048]):
        raise _html_refusal(name, extension(name))
    separator = _sniff(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    fmt = FileFormat("csv", encoding=encoding, separator=separator)
    return _table(name, rows, fmt, expected)


# -- XLSX ----------------------------------------------------------------------------------------------


def _read_xlsx(name: str, content: bytes, sheet: str | None, expected: Collection[str] | None) -> RawTable:
    buffer = io.BytesIO(content)
    _refuse_what_is_not_a_workbook(name, content, buffer)

    from openpyxl import load_workbook

    try:
        # data_only=False: a formula comes back as its text, so it can be refused instead of trusted
        workbook = load_workbook(buffer, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on broken files
        raise ImportRefused([f"{name}: het Excel-bestand is beschadigd en kan niet worden gelezen."]) from exc
    try:
        sheets = list(workbook.sheetnames)
        chosen = _sheet_name(name, sheets, sheet)
        rows, formulas, percent_cells = _sheet_rows(name, workbook[chosen])
    finally:
        workbook.close()
    if formulas:
        raise ImportRefused([f for f in formulas if f], total=len(formulas))
    fmt = FileFormat("xlsx", sheet=chosen, sheets=sheets)
    table = _table(name, rows, fmt, expected)
    table.conversions += _percent_conversions(table, percent_cells)
    return table


def _refuse_what_is_not_a_workbook(name: str, content: bytes, buffer: io.BytesIO) -> None:
    """Text or HTML named .xlsx, a broken zip, a zip bomb, a zip that is no workbook: refused before openpyxl."""
    if not zipfile.is_zipfile(buffer):
        if _looks_like_text(content) and _HTML_START.match(content[:2048].decode("cp1252", errors="replace")):
            raise _html_refusal(name, extension(name))
        if _looks_like_text(content):
            raise ImportRefused(
                [f"{name}: dit is geen Excel-bestand maar tekst (waarschijnlijk CSV). Geef het de extensie .csv."]
            )
        raise ImportRefused([f"{name}: het Excel-bestand is beschadigd of onvolledig (geen geldig .xlsx-bestand)."])
    try:
        with zipfile.ZipFile(buffer) as archive:
            members = archive.infolist()
            unpacked = sum(i.file_size for i in members)
            packed = sum(i.compress_size for i in members)
            names = {i.filename for i in members}
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused([f"{name}: het Excel-bestand is beschadigd ({exc}).".replace("..", ".")]) from exc
    if unpacked > MAX_UNPACKED_BYTES or unpacked / max(packed, 1) > MAX_ZIP_RATIO:
        raise ImportRefused(
            [
                f"{name}: het Excel-bestand pakt uit tot {_mb(unpacked)} "
                f"(verhouding {unpacked / max(packed, 1):.0f}:1); "
                "dat is geen normale werkmap (mogelijk een zipbom) en wordt niet geopend."
            ]
        )
    missing = [member for member in OOXML_MEMBERS if member not in names]
    if missing:
        raise ImportRefused([f"{name}: dit zipbestand is geen Excel-werkmap ({', '.join(missing)} ontbreekt)."])


def _sheet_name(name: str, sheets: list[str], sheet: str | None) -> str:
    """The sheet asked for (case and spaces aside), or the first."""
    if sheet is None:
        return sheets[0]
    matches = [s for s in sheets if s.strip().lower() == sheet.strip().lower()]
    if not matches:
        raise ImportRefused(
            [f"{name}: tabblad '{sheet}' bestaat niet. Tabbladen: {', '.join(repr(s) for s in sheets)}."]
        )
    return matches[0]


def _sheet_rows(
    name: str, worksheet: object
) -> tuple[list[list[object]], list[str], list[tuple[int, int, object, float]]]:
    """The cell values row by row (percent cells as shown), the formula refusals, the percent cells."""
    rows: list[list[object]] = []
    formulas: list[str] = []
    percent_cells: list[tuple[int, int, object, float]] = []  # row, column, stored, shown
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        values = []
        for cell in row:
            value = getattr(cell, "value", None)
            if _is_percent_cell(cell, value):
                shown = _as_shown_percent(value)
                percent_cells.append((number, len(values), value, shown))
                value = shown
            if getattr(cell, "data_type", None) == "f":
                if len(formulas) < 50:
                    formulas.append(
                        f"{name}, rij {number}, kolom {column_letter(cell.column)}: de cel bevat een formule "
                        f"({value}). Formules worden niet uitgerekend; plak de waarden als waarden."
                    )
                else:
                    formulas.append("")
            values.append(value)
        rows.append(values)
        if number > MAX_ROWS + 1:
            raise ImportRefused([f"{name}: meer dan {MAX_ROWS:,} rijen; splits het bestand.".replace(",", ".")])
    return rows, formulas, percent_cells


def _is_percent_cell(cell: object, value: object) -> bool:
    """A number shown as a percentage in Excel (number format with '%', e.g. '0.0%')."""
    number_format = str(getattr(cell, "number_format", "") or "")
    return isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format


def _as_shown_percent(value: float) -> float:
    """0.119 shown as 11,9% -> 11.9 exactly (decimal arithmetic: 0.119 * 100 is 11.899999999999999 in floats)."""
    return float(Decimal(repr(value)) * 100)


def _percent_conversions(table: RawTable, cells: list[tuple[int, int, object, float]]) -> list[str]:
    """One sentence per column with percent-formatted cells among the data rows."""
    per_column: dict[str, list[tuple[int, object, float]]] = {}
    for row, position, stored, shown in cells:
        if row in table.frame.index and position < len(table.headers):
            per_column.setdefault(table.headers[position], []).append((row, stored, shown))
    sentences = []
    for header, found in per_column.items():
        row, stored, shown = found[0]
        sentences.append(
            f"kolom '{header}': {len(found)} cel(len) met percentageopmaak in Excel gelezen zoals getoond "
            f"(bijv. rij {row}: opgeslagen {_nl(stored)}, getoond {_nl(shown)}%, geladen als {_nl(shown)})."
        )
    return sentences


def _nl(number: object) -> str:
    """A number in Dutch notation for a message (decimal comma)."""
    text = repr(number) if isinstance(number, float) else str(number)
    return text.removesuffix(".0").replace(".", ",")


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


# -- common ------------------------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_row(rows: list[list[object]], expected: Collection[str] | None) -> int:
    """The Excel number of the header row: 1, unless row 1 holds none of the ``expected`` column names and a
    row below it (up to :data:`MAX_HEADER_ROW`) holds at least two of them (a title block above a table)."""
    if not expected:
        return 1
    wanted = {e.lower() for e in expected}

    def hits(row: list[object]) -> int:
        return sum(re.sub(r"\s+", "_", str(v).strip().lower()) in wanted for v in row if not _is_blank(v))

    if not rows or hits(rows[0]):
        return 1
    for number, row in enumerate(rows[:MAX_HEADER_ROW], start=1):
        if hits(row) >= min(2, len(wanted)):
            return number
    return 1


def _header_moved(rows: list[list[object]], number: int) -> str:
    """The conversion sentence for a header found below a title block."""
    above = [str(v).strip() for row in rows[: number - 1] for v in row if not _is_blank(v)]
    title = f" ('{above[0][:60]}')" if above else ""
    return f"kopregel gevonden op rij {number}; rij 1–{number - 1} erboven{title} overgeslagen."


def _headers(name: str, cells: list[object], number: int) -> list[str]:
    """The column names of header row ``number``; refuses blank and doubled names."""
    header_cells = list(cells)
    while header_cells and _is_blank(header_cells[-1]):
        header_cells.pop()
    headers = [str(h).strip().lstrip("\ufeff") if h is not None else "" for h in header_cells]
    problems = []
    for position, header in enumerate(headers, start=1):
        if not header:
            problems.append(
                f"{name}, rij {number}, kolom {column_letter(position)}: de kopregel heeft een lege kolomnaam."
            )
    seen: dict[str, int] = {}
    for position, header in enumerate(headers, start=1):
        key = header.lower()
        if key and key in seen:
            problems.append(
                f"{name}, rij {number}, kolom {column_letter(position)}: kolomnaam '{header}' komt twee keer voor "
                f"(ook in kolom {column_letter(seen[key])})."
            )
        seen.setdefault(key, position)
    if problems:
        raise ImportRefused(problems)
    return headers


def _table(name: str, rows: list[list[object]], fmt: FileFormat, expected: Collection[str] | None = None) -> RawTable:
    """Rows (header first) -> RawTable; refuses header-only files, blank or doubled headers and rows with
    more cells than the header."""
    # drop trailing empty cells and fully empty rows at the end (Excel's "used range" often has them)
    while rows and all(_is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportRefused([f"{name}: het bestand is leeg."])
    fmt.header_row = header_row(rows, expected)
    conversions = [_header_moved(rows, fmt.header_row)] if fmt.header_row > 1 else []
    first = fmt.header_row
    rows = [[]] * (first - 1) + rows[first - 1 :]  # keep Excel's row numbers; the rows above are skipped
    headers = _headers(name, rows[first - 1], first)
    width = len(headers)
    data: dict[int, list[object]] = {}
    too_long: list[str] = []
    for number, row in enumerate(rows[first:], start=first + 1):
        cells = list(row)
        if all(_is_blank(v) for v in cells):
            continue  # an empty line between rows: skipped, row numbers stay as in Excel
        extra = cells[width:]
        if any(not _is_blank(v) for v in extra):
            filled = width + sum(1 for v in extra if not _is_blank(v))
            if fmt.kind == "xlsx":  # a workbook has no separator: a short header is a title above the table
                why = (
                    f". Staat er een titel in rij {first}? Zet de kolomnamen bovenaan of kies het juiste soort "
                    "gegevens."
                )
            else:
                why = " (verkeerd scheidingsteken of een ';' of ',' in een waarde?)."
            too_long.append(
                f"{name}, rij {number}: {filled} gevulde cellen, maar de kopregel heeft {width} kolommen{why}"
            )
            continue
        cells = (cells + [None] * width)[:width]
        data[number] = [None if _is_blank(v) else _clean(v) for v in cells]
        if len(data) > MAX_ROWS:
            raise ImportRefused([f"{name}: meer dan {MAX_ROWS:,} rijen; splits het bestand.".replace(",", ".")])
    if too_long:
        raise ImportRefused(too_long[:50], total=len(too_long))
    if not data:
        raise ImportRefused([f"{name}: het bestand bevat alleen een kopregel en geen gegevens."])
    frame = pd.DataFrame.from_dict(data, orient="index", columns=headers, dtype=object)
    letters = {h: column_letter(i) for i, h in enumerate(headers, start=1)}
    return RawTable(name, frame, headers, fmt, letters, conversions)


def _clean(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime | date | int | float | bool):
        return value
    return str(value)
