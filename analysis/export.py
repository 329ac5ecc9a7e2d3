"""Downloads in Dutch spreadsheet conventions: CSV with ';' and decimal comma (UTF-8 with BOM), XLSX.

Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or carriage
return) are neutralised by a leading apostrophe, so an exported file can never run anything; column names
and the Toelichting sheet too. Every CSV and XLSX download of the app is made here (ui.widgets.download_buttons;
tests/test_hostile_input.py checks that no page offers one another way). Control characters that a workbook
cannot hold are dropped from XLSX text instead of failing the download.
"""

from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl raises IllegalCharacterError on these


def neutralise(value: object) -> object:
    """'=SUM(A1)' -> "'=SUM(A1)"; everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text_column(column: pd.Series) -> bool:
    """Anything that may hold text: object, str and categorical columns (not numbers, booleans or dates)."""
    dtype = column.dtype
    return not (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
    )


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in frame.columns:
        if _is_text_column(frame[column]):
            frame[column] = frame[column].astype(object).map(neutralise)
    return frame.rename(columns={c: neutralise(str(c)) for c in frame.columns})


def _xlsx_text(value: object) -> object:
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV as Dutch Excel opens it directly: ';' separator, decimal comma, UTF-8 with BOM."""
    text = _safe(frame).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, notes: list[tuple[str, str]], sheet: str = "Gegevens") -> bytes:
    """A workbook with the data on the first sheet and a 'Toelichting' sheet (source, licence, …)."""
    # imported here: openpyxl costs ~0,2-0,5 s to import, and only a click on a download button needs it
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    data = workbook.active
    data.title = sheet
    safe = _safe(frame)
    data.append([_xlsx_text(c) for c in safe.columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in safe.itertuples(index=False):
        data.append([None if (isinstance(v, float) and pd.isna(v)) or v is pd.NA else _xlsx_text(v) for v in row])
    for number, column in enumerate(safe.columns, start=1):
        width = max([len(str(column)), *(len(str(v)) for v in safe[column].head(200))]) + 2
        data.column_dimensions[get_column_letter(number)].width = min(width, 60)
    data.freeze_panes = "A2"
    info = workbook.create_sheet("Toelichting")
    for key, value in notes:
        info.append([_xlsx_text(neutralise(key)), _xlsx_text(neutralise(value))])
        info.cell(row=info.max_row, column=1).font = Font(bold=True)
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def wijk_table_export(table: pd.DataFrame, indicator: pd.Series, year: int, gemeente_naam: str) -> pd.DataFrame:
    """A wijk table (overview.wijk_table, optionally with sd_classes) as downloadable columns in Dutch.

    Suppressed values stay empty with the reason; source, licence and the demo flag are on every row,
    so a copied fragment still says where it comes from.
    """
    frame = pd.DataFrame(
        {
            "wijkcode": table.area_code,
            "wijk": table.name,
            "kerkdorp": table.is_kerkdorp.map({True: "ja", False: "nee"}),
            "indicator": indicator.label,
            "eenheid": indicator.unit,
            "jaar": year,
            "waarde": table.value.round(int(indicator.decimals) + 1),
            f"gemeente {gemeente_naam}": table.gemeente_value.round(int(indicator.decimals) + 1),
            "verschil": table.difference.round(int(indicator.decimals) + 1),
            "rang": table["rank"],
        }
    )
    if not table.is_kerkdorp.astype(bool).any():  # a gemeente without kerkdorpen: no column of 'nee'
        frame = frame.drop(columns="kerkdorp")
    if "klasse_label" in table.columns:
        frame["klasse t.o.v. gemeente"] = table.klasse_label
    frame["niet getoond omdat"] = table.suppressed
    frame["bron"] = indicator.source
    frame["licentie"] = indicator.licence
    frame["demodata"] = "ja" if bool(indicator.is_demo) else "nee"
    return frame
