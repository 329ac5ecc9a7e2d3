"""The CBS Kerncijfers wijken en buurten (kwb) layout: one row per regio, a column per CBS variable.

A kwb file is wide (``gwb_code``, ``regio``, ``recs`` and a column per variable such as ``a_inw``); the rows of
the own gemeente are kept, the variables listed in ``kwb_mapping.yaml`` are checked as numbers in the range
of their indicator's unit (:mod:`data.frame_checks`) and turned into long indicator values for one year.
"""

from __future__ import annotations

import re

import pandas as pd

from data.cells import display
from data.datasets import (
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
from data.frame_checks import Context, Problem, Validated, check_frame, frame_decimal, normalise_header, refused
from data.importers import RawTable

MAX_SKIPPED_SHOWN = 10  # unmapped columns named in the note; the rest are counted


def gemeente_pattern(gemeente_code: str) -> re.Pattern[str]:
    """GM0826 -> the codes of the gemeente, its wijken and buurten: GM0826, WK0826nn, BU0826nnnn."""
    digits = gemeente_code.removeprefix("GM")
    return re.compile(rf"^(GM{digits}|WK{digits}\d{{2}}|BU{digits}\d{{4}})$")


def validate_kwb(raw: RawTable, context: Context, year: int | None, mapping: KwbMapping | None = None) -> Validated:
    """Check a kwb file and turn the own gemeente's rows into indicator values for ``year`` (or the year
    the file name or the ``jaar`` column gives)."""
    mapping = mapping or load_kwb_mapping()
    frame = raw.frame.rename(columns=normalise_header)
    rows = len(frame)
    layout_problem = _layout_problem(frame, mapping)
    if layout_problem:
        return refused(KWB, rows, [layout_problem])
    variables = [v for v in mapping.variables if v in frame.columns]
    notes = _skipped_columns_note(frame, variables)
    own, problem = _own_rows(frame, context)
    if problem:
        return refused(KWB, rows, [problem])
    if len(own) < rows:
        notes.append(f"{rows - len(own)} rij(en) van andere gemeenten of van Nederland overgeslagen.")
    year, year_problems = _year(raw.file_name, own, year, notes)
    own = _secret_as_empty(own, variables)
    fields, mapping_problems = _fields(variables, mapping, context)
    own = own[[f.column for f in fields]]
    decimal = frame_decimal(raw, own, fields)
    kwb_dataset = Dataset(KWB, "kwb", "", "indicator_value", tuple(fields), (KWB_CODE,))
    typed, problems = check_frame(own, fields, decimal, kwb_dataset, context)
    problems = year_problems + mapping_problems + problems
    if problems:
        return Validated(KWB, rows, {}, problems, decimal, notes)
    values = _indicator_values(typed, fields, mapping, year)
    secret = int(values.value.isna().sum())
    if secret:
        notes.append(f"{secret} waarde(n) geheim of onbekend ('.') en als leeg opgeslagen.")
    return Validated(KWB, rows, {"indicator_value": values}, [], decimal, notes)


def _layout_problem(frame: pd.DataFrame, mapping: KwbMapping) -> Problem | None:
    """A file without gwb_code or without any mapped variable is not a kwb file."""
    if KWB_CODE not in frame.columns:
        return Problem(1, None, None, "kolom 'gwb_code' ontbreekt: dit is geen kwb-bestand in de CBS-indeling.")
    if not any(v in frame.columns for v in mapping.variables):
        return Problem(
            1,
            None,
            None,
            f"geen enkele bekende CBS-variabele gevonden (verwacht o.a. {', '.join(list(mapping.variables)[:6])}).",
        )
    return None


def _skipped_columns_note(frame: pd.DataFrame, variables: list[str]) -> list[str]:
    skipped = [c for c in frame.columns if c not in variables and c != KWB_CODE and c not in KWB_INFO_COLUMNS]
    if not skipped:
        return []
    more = " …" if len(skipped) > MAX_SKIPPED_SHOWN else ""
    return [
        f"{len(skipped)} kolom(men) zonder koppeling in kwb_mapping.yaml overgeslagen: "
        f"{', '.join(skipped[:MAX_SKIPPED_SHOWN])}{more}."
    ]


def _own_rows(frame: pd.DataFrame, context: Context) -> tuple[pd.DataFrame, Problem | None]:
    """The rows of the own gemeente, its wijken and buurten, with gwb_code in upper case."""
    codes = frame[KWB_CODE].map(lambda v: None if v is None else str(v).strip().upper())
    pattern = gemeente_pattern(context.gemeente_code)
    own = codes.map(lambda c: bool(c and pattern.match(c)))
    if not own.any():
        others = sorted({c[:6] for c in codes.dropna() if c[:2] in ("GM", "WK", "BU")})
        found = f" Gevonden: {', '.join(others[:8])}{' …' if len(others) > 8 else ''}." if others else ""
        return frame.iloc[0:0], Problem(
            None,
            KWB_CODE,
            None,
            f"het bestand bevat geen rijen van gemeente {context.gemeente_naam} ({context.gemeente_code}).{found}",
        )
    kept = frame[own].copy()
    kept[KWB_CODE] = codes[own]
    return kept, None


def _year(file_name: str, frame: pd.DataFrame, year: int | None, notes: list[str]) -> tuple[int | None, list[Problem]]:
    """The year given, else from the file name (kwb-JJJJ), else from a single-valued ``jaar`` column."""
    if year is not None:
        return year, []
    year = kwb_year_from_name(file_name)
    if year is None and "jaar" in frame.columns:
        years = {display(v) for v in frame["jaar"].dropna()}
        year = int(years.pop()) if len(years) == 1 and next(iter(years), "").isdigit() else None
    if year is None:
        return None, [
            Problem(None, None, None, "het jaar is niet te bepalen: noem het bestand kwb-JJJJ (bijv. kwb-2024.xlsx).")
        ]
    notes.append(f"Jaar {year} (uit de bestandsnaam of de kolom jaar).")
    return year, []


def _secret_as_empty(frame: pd.DataFrame, variables: list[str]) -> pd.DataFrame:
    """'.' = secret or unknown at CBS: an empty value, not an error."""
    frame = frame.copy()
    for variable in variables:
        frame[variable] = frame[variable].map(lambda v: None if isinstance(v, str) and v.strip() == KWB_SECRET else v)
    return frame


def _fields(variables: list[str], mapping: KwbMapping, context: Context) -> tuple[list[Field], list[Problem]]:
    """gwb_code plus one number field per mapped variable, in the range of its indicator's unit."""
    units = context.indicators.set_index("indicator_id").unit
    fields = [Field(KWB_CODE, "area_code", "area", None, "gebiedscode")]
    problems = []
    for variable in variables:
        indicator_id = mapping.variables[variable]
        if indicator_id not in units.index:
            problems.append(
                Problem(1, variable, None, f"kwb_mapping.yaml wijst naar onbekende indicator '{indicator_id}'")
            )
            continue
        lo, hi = unit_range(str(units[indicator_id]))
        fields.append(Field(variable, indicator_id, "number", None, "", required=False, minimum=lo, maximum=hi))
    return fields, problems


def _indicator_values(typed: pd.DataFrame, fields: list[Field], mapping: KwbMapping, year: int | None) -> pd.DataFrame:
    """Wide (a column per variable) -> long indicator values of one year."""
    long = typed.melt(id_vars=KWB_CODE, value_vars=[f.column for f in fields[1:]], var_name="variable")
    return pd.DataFrame(
        {
            "indicator_id": long.variable.map(mapping.variables),
            "area_code": long[KWB_CODE],
            "year": year,
            "value": pd.to_numeric(long.value).astype("Float64"),
        }
    )
