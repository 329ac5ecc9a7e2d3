"""Validate a :class:`data.importers.RawTable` against a dataset declaration (``data.datasets``).

The work is split by job: :mod:`data.cells` reads one cell as its kind, :mod:`data.frame_checks` checks a
whole table (ranges, known codes, duplicates, rules across columns), :mod:`data.kwb` handles the CBS kwb
layout, :mod:`data.rivm_validation` a StatLine 50090NED download. This module is the entry point: it checks
the header of a template-based file, runs the frame checks and turns the typed table into the rows of its
store table.

Problems name file, row as Excel shows it (header = row 1), column, value and reason, in Dutch. Text is
kept as written: a cell starting with '=', '+', '-' or '@' is stored as text and neutralised on export.
"""

from __future__ import annotations

import re

import pandas as pd

from data.area_names import names_to_codes
from data.cells import display
from data.conventions import read_conventions
from data.datasets import DATASETS, KWB, RIVM, Dataset, Field
from data.frame_checks import (
    MAX_LISTED,
    Context,
    Problem,
    Validated,
    check_frame,
    fraction_problems,
    normalise_header,
    problems_text,
    refused,
    separator_hint,
    text_number_conversions,
)
from data.importers import RawTable
from data.kwb import kwb_columns, validate_kwb
from data.rivm_validation import rivm_columns, validate_rivm

__all__ = ["MAX_LISTED", "Context", "Problem", "Validated", "display", "expected_columns", "problems_text", "validate"]


def expected_columns(dataset_name: str) -> frozenset[str]:
    """The column names a file of ``dataset_name`` may have (to find a header row below a title block)."""
    if dataset_name == KWB:
        return kwb_columns()
    if dataset_name == RIVM:
        return rivm_columns()
    return frozenset(DATASETS[dataset_name].columns)


def validate(raw: RawTable, dataset_name: str, context: Context, year: int | None = None) -> Validated:
    """Check ``raw`` as dataset ``dataset_name``; frames are filled only when there are no problems."""
    if dataset_name == KWB:
        return validate_kwb(raw, context, year)
    if dataset_name == RIVM:
        return validate_rivm(raw, context)  # the years are in the file (Perioden)
    dataset = DATASETS[dataset_name]
    rows = len(raw.frame)
    problems = _header_problems(raw, dataset)
    if problems:
        return refused(dataset.name, rows, problems)
    frame = raw.frame.rename(columns=normalise_header)
    fields = [f for f in dataset.fields if f.column in frame.columns]
    frame, conversions, problems = names_to_codes(frame[[f.column for f in fields]], fields, context)
    reading = read_conventions(frame, fields, separator_hint(raw))
    conversions = raw.conversions + conversions + reading.conversions
    if problems or reading.problems:
        return refused(dataset.name, rows, problems + reading.problems, conversions=conversions)
    typed, problems = check_frame(reading.frame, fields, reading.decimal, dataset, context)
    if not problems and "indicator" in typed.columns:
        problems = fraction_problems(_values_per_indicator(typed, fields), context)
    if problems:
        return Validated(dataset.name, rows, {}, problems, reading.decimal, [], conversions)
    conversions += text_number_conversions(raw, reading.frame, fields, reading.decimal)
    store_frame = pd.DataFrame({f.target: typed[f.column] for f in fields}, index=typed.index)
    store_frame = _with_store_types(dataset, store_frame)
    frames = {dataset.table: store_frame.reset_index(drop=True)}
    return Validated(dataset.name, rows, frames, [], reading.decimal, [], conversions)


def _values_per_indicator(typed: pd.DataFrame, fields: list[Field]) -> dict[str, tuple[str, pd.Series]]:
    """Indicator id -> (value column, its values) for a long file (indicator, gebied, jaar, waarde)."""
    column = next((f.column for f in fields if f.unit_range), None)
    if column is None:
        return {}
    return {str(indicator): (column, group[column]) for indicator, group in typed.groupby("indicator")}


def _header_problems(raw: RawTable, dataset: Dataset) -> list[Problem]:
    """Required columns missing, and columns the dataset does not know (each named with its letter)."""
    found = {normalise_header(h): h for h in raw.headers}
    problems = []
    missing = [f.column for f in dataset.fields if f.required and f.column not in found]
    if missing:
        hint = ""
        if len(raw.headers) == 1 and raw.fmt.kind == "xlsx":
            hint = f" Rij {raw.fmt.header_row} bevat alleen '{raw.headers[0][:60]}': staat de kopregel lager?"
        elif len(raw.headers) == 1 and re.search(r"[|:\t;,]", raw.headers[0]):
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


def _with_store_types(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Store types, constants and defaults for optional columns."""
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
