"""The CBS Kerncijfers wijken en buurten (kwb) layout: one row per regio, a column per CBS variable.

CBS has written these files in several layouts (2014–2024) and this module reads them all:

- the code of a regio is in ``gwb_code_10`` ('GM0826', 'WK082606', 'BU08260601'), ``gwb_code`` (with
  prefix, or digits only: '0826') , ``gwb_code_8`` (digits only) or, in the open-data tables,
  ``regiocode``; digits get the prefix of their level (``recs`` or ``soort_regio``: Land, Gemeente, Wijk,
  Buurt, padded with spaces) or, without a level column, of their length (4, 6, 8 digits);
- two code columns that disagree on a row of the own gemeente are refused;
- '.' and 'x' (secret or unknown at CBS) become an empty value;
- a file that holds names instead of codes is mapped by the exact names of the gemeente's own areas.

The rows of the own gemeente (gemeente, wijken and buurten) are kept; the variables listed in
``kwb_mapping.yaml`` are checked as numbers in the range of their indicator's unit (counts as whole
numbers) and turned into long indicator values for one year.
"""

from __future__ import annotations

import re

import pandas as pd

from data.area_names import look_up, mapped_sentence, name_index
from data.cells import display
from data.conventions import read_conventions
from data.datasets import (
    KWB,
    KWB_CODE,
    KWB_INFO_COLUMNS,
    KWB_SECRETS,
    Dataset,
    Field,
    KwbMapping,
    kwb_year_from_name,
    load_kwb_mapping,
    unit_range,
)
from data.frame_checks import (
    Context,
    Problem,
    Validated,
    check_frame,
    fraction_problems,
    normalise_header,
    refused,
    separator_hint,
    text_number_conversions,
)
from data.importers import RawTable

MAX_SKIPPED_SHOWN = 10  # unmapped columns or unknown codes named in a note; the rest are counted
CODE_COLUMNS = ("gwb_code_10", "gwb_code", "regiocode", "gwb_code_8")  # in order of trust
LEVEL_COLUMNS = ("recs", "soort_regio")
LEVELS = {"land": "land", "nederland": "land", "gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}
PREFIXES = {"land": "NL", "gemeente": "GM", "wijk": "WK", "buurt": "BU"}
DIGITS = {"gemeente": 4, "wijk": 6, "buurt": 8}
_PREFIXED = re.compile(r"^(NL\d{0,2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")  # Amsterdam: WK0363AF
_PERIOD = re.compile(r"^(\d{4})(JJ00)?$")  # 2024, or CBS open data's '2024JJ00'
# The same figures in StatLine's open-data download of a kwb table (e.g. 85984NED): 'AantalInwoners_5',
# 'SoortRegio_2', 'Codering_3' (or 'aantal_inwoners', 'regiocode' in snake case). Keyed by the name without
# its numeric suffix and underscores (:func:`statline_key`).
STATLINE_NAMES = {
    "codering": "gwb_code",
    "regiocode": "gwb_code",
    "soortregio": "soort_regio",
    "gemeentenaam": "gm_naam",
    "aantalinwoners": "a_inw",
    "woningvoorraad": "a_woning",
    "bevolkingsdichtheid": "bev_dich",
    "bevolkingsdichtheidperkm2": "bev_dich",
    "oppervlakteland": "a_lan_ha",
    "oppervlaktelandha": "a_lan_ha",
    "k65jaarofouder": "a_65_oo",
    "eenpersoonshuishoudens": "a_1p_hh",
    "gemiddeldinkomenperinwoner": "g_ink_pi",
}


def kwb_columns(mapping: KwbMapping | None = None) -> frozenset[str]:
    """Every column name a kwb file can have that this module reads."""
    mapping = mapping or load_kwb_mapping()
    return frozenset((*CODE_COLUMNS, *LEVEL_COLUMNS, *KWB_INFO_COLUMNS, *mapping.variables))


def statline_key(column: str) -> str:
    """'AantalInwoners_5' and 'aantal_inwoners' -> 'aantalinwoners'."""
    return re.sub(r"_\d+$", "", column.strip().lower()).replace("_", "")


def _statline_names(frame: pd.DataFrame, conversions: list[str]) -> pd.DataFrame:
    """Rename StatLine's column names to CBS's kwb names, unless the file already has the kwb name."""
    renamed = {}
    for column in frame.columns:
        kwb_name = STATLINE_NAMES.get(statline_key(column))
        if kwb_name and kwb_name != column and kwb_name not in frame.columns and kwb_name not in renamed.values():
            renamed[column] = kwb_name
    if renamed:
        shown = ", ".join(f"{old} → {new}" for old, new in renamed.items())
        conversions.append(f"kolommen met StatLine-namen gelezen als kwb-variabelen: {shown}.")
    return frame.rename(columns=renamed)


def gemeente_pattern(gemeente_code: str) -> re.Pattern[str]:
    """GM0826 -> the codes of the gemeente, its wijken and buurten: GM0826, WK0826nn, BU0826nnnn."""
    digits = gemeente_code.removeprefix("GM")
    return re.compile(rf"^(GM{digits}|WK{digits}[0-9A-Z]{{2}}|BU{digits}[0-9A-Z]{{4}})$")


def level_of(code: str) -> str:
    """'WK082606' -> 'wijk'."""
    return {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}.get(code[:2], "land")


def validate_kwb(raw: RawTable, context: Context, year: int | None, mapping: KwbMapping | None = None) -> Validated:
    """Check a kwb file and turn the own gemeente's rows into indicator values for ``year`` (or the year
    the file name or the ``jaar`` column gives; a contradiction between them is refused)."""
    mapping = mapping or load_kwb_mapping()
    conversions = list(raw.conversions)
    frame = _statline_names(raw.frame.rename(columns=normalise_header), conversions)
    rows = len(frame)
    layout_problem = _layout_problem(frame, mapping)
    if layout_problem:
        return refused(KWB, rows, [layout_problem], conversions=conversions)
    variables = [v for v in mapping.variables if v in frame.columns]
    notes = _skipped_columns_note(frame, variables)
    codes, problems = _area_codes(frame, context, conversions)
    if problems:
        return refused(KWB, rows, problems, notes, conversions)
    own = frame[codes.map(lambda c: bool(c and gemeente_pattern(context.gemeente_code).match(c)))].copy()
    if own.empty:
        return refused(KWB, rows, [_no_own_rows_problem(frame, codes, context)], notes, conversions)
    own[KWB_CODE] = codes[own.index]
    if len(own) < rows:
        notes.append(f"{rows - len(own)} rij(en) van andere gemeenten of van Nederland overgeslagen.")
    own = _known_areas(own, context, notes)
    year, year_problems = _year(raw.file_name, own, year, notes)
    own = _secret_as_empty(own, variables)
    fields, mapping_problems = _fields(variables, mapping, context)
    own = own[[f.column for f in fields]]
    reading = read_conventions(own, fields, separator_hint(raw))
    conversions += reading.conversions
    problems = year_problems + mapping_problems + reading.problems
    if problems:
        return Validated(KWB, rows, {}, problems, None, notes, conversions)
    typed, problems = check_frame(reading.frame, fields, reading.decimal, _dataset(fields), context)
    problems += fraction_problems({f.target: (f.column, typed[f.column]) for f in fields[1:]}, context)
    if problems:
        return Validated(KWB, rows, {}, problems, reading.decimal, notes, conversions)
    conversions += text_number_conversions(raw, reading.frame, fields, reading.decimal)
    values = _indicator_values(typed, fields, mapping, year)
    notes.append(_levels_note(typed[KWB_CODE]))
    secret = int(values.value.isna().sum())
    if secret:
        notes.append(f"{secret} waarde(n) geheim of onbekend ('.' of 'x') en als leeg opgeslagen.")
    return Validated(KWB, rows, {"indicator_value": values}, [], reading.decimal, notes, conversions)


def _dataset(fields: list[Field]) -> Dataset:
    return Dataset(KWB, "kwb", "", "indicator_value", tuple(fields), (KWB_CODE,))


def _layout_problem(frame: pd.DataFrame, mapping: KwbMapping) -> Problem | None:
    """A file without a code column or without any mapped variable is not a kwb file."""
    if not any(c in frame.columns for c in CODE_COLUMNS):
        return Problem(
            1,
            None,
            None,
            "kolom 'gwb_code' ontbreekt (ook gwb_code_10, gwb_code_8 en regiocode): dit is geen kwb-bestand in de "
            "CBS-indeling.",
        )
    if not any(v in frame.columns for v in mapping.variables):
        return Problem(
            1,
            None,
            None,
            f"geen enkele bekende CBS-variabele gevonden (verwacht o.a. {', '.join(list(mapping.variables)[:6])}).",
        )
    return None


def _skipped_columns_note(frame: pd.DataFrame, variables: list[str]) -> list[str]:
    known = {*variables, *CODE_COLUMNS, *LEVEL_COLUMNS, *KWB_INFO_COLUMNS}
    skipped = [c for c in frame.columns if c not in known]
    if not skipped:
        return []
    more = " …" if len(skipped) > MAX_SKIPPED_SHOWN else ""
    return [
        f"{len(skipped)} kolom(men) zonder koppeling in kwb_mapping.yaml overgeslagen: "
        f"{', '.join(skipped[:MAX_SKIPPED_SHOWN])}{more}."
    ]


# -- codes of the regio's ----------------------------------------------------------------------------


def _level(value: object) -> str | None:
    """recs/soort_regio ('Gemeente  ', 'Wijk', 'Buurt', 'Land') -> level; None when empty or unknown."""
    return LEVELS.get(str(value).strip().lower()) if value is not None else None


def _canonical(value: object, level: str | None) -> str | None:
    """A cell of a code column -> 'GM0826' / 'WK082606' / 'BU08260601' / 'NL00'; None when not a code.

    Digits only ('0826', or 826 when Excel dropped the leading zero) get the prefix of the row's level,
    or without a level the prefix that goes with their length (4, 6 or 8 digits)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper()
    if _PREFIXED.match(text):
        return text
    if not text.isdigit():
        return None
    if level in DIGITS:
        return PREFIXES[level] + text.zfill(DIGITS[level]) if len(text) <= DIGITS[level] else None
    if level is None:
        by_length = {4: "GM", 6: "WK", 8: "BU"}.get(len(text))
        return by_length + text if by_length else None
    return None


def _area_codes(frame: pd.DataFrame, context: Context, conversions: list[str]) -> tuple[pd.Series, list[Problem]]:
    """One canonical code per row (None for rows without one), from every code column the file has."""
    code_columns = [c for c in CODE_COLUMNS if c in frame.columns]
    level_column = next((c for c in LEVEL_COLUMNS if c in frame.columns), None)
    pattern = gemeente_pattern(context.gemeente_code)
    codes: dict[int, str | None] = {}
    problems: list[Problem] = []
    completed: list[tuple[str, object, str]] = []  # column, as written, canonical
    columns = [*code_columns, *([level_column] if level_column else [])]
    for row, cells in zip(frame.index, frame[columns].to_dict("records"), strict=True):  # not iterrows: slow
        level = _level(cells[level_column]) if level_column else None
        found = {c: _canonical(cells[c], level) for c in code_columns if cells[c] is not None}
        distinct = {code for code in found.values() if code}
        own = {code for code in distinct if pattern.match(code)}
        if len(distinct) > 1 and own:
            shown = ", ".join(f"{c} '{display(cells[c])}'" for c in found)
            problems.append(Problem(int(row), code_columns[0], None, f"de codes spreken elkaar tegen: {shown}."))
        code = next((found[c] for c in code_columns if found.get(c)), None)
        if code and own and level in DIGITS and level_of(code) != level:
            problems.append(
                Problem(int(row), level_column, cells[level_column], f"de code {code} is geen {level}code.")
            )
        codes[int(row)] = code
        origin = next((c for c in code_columns if found.get(c)), None)
        if code and own and origin and str(cells[origin]).strip().upper() != code:
            completed.append((origin, cells[origin], code))
    if completed:
        column, written, code = completed[0]
        how = f"op grond van kolom {level_column}" if level_column else "op grond van het aantal cijfers"
        conversions.append(
            f"kolom '{column}': {len(completed)} code(s) zonder voorvoegsel aangevuld {how} "
            f"(bijv. '{display(written)}' → {code})."
        )
    series = pd.Series(codes, dtype=object).reindex(frame.index)
    if not problems and not any(series.dropna()):
        series = _codes_from_names(frame, code_columns[0], level_column, context, conversions, problems)
    return series, problems


def _codes_from_names(
    frame: pd.DataFrame,
    column: str,
    level_column: str | None,
    context: Context,
    conversions: list[str],
    problems: list[Problem],
) -> pd.Series:
    """A file with names in the code column (not one code in it): the exact names of the own gemeente's
    areas become their codes, at the row's level when the file says it."""
    indexes = {level: name_index(context, (level,) if level else ()) for level in (None, *DIGITS)}
    mapped: dict[str, str] = {}
    codes: dict[int, str | None] = {}
    levels = frame[level_column] if level_column else pd.Series(None, index=frame.index, dtype=object)
    for row, value, written_level in zip(frame.index, frame[column], levels, strict=True):
        level = _level(written_level)
        code, reason = (None, None) if value is None else look_up(str(value), indexes.get(level, indexes[None]))
        if reason:
            problems.append(Problem(int(row), column, value, reason))
        if code:
            mapped[str(value).strip()] = code
        codes[int(row)] = code
    unknown = [
        (row, value)
        for row, value, level in zip(frame.index, frame[column], levels.map(_level), strict=True)
        if value is not None and not codes[row] and level != "land"  # Nederland is not ours, and no typo
    ]
    if mapped and unknown:  # a file of names: a name that is not one of ours is a typo, not another gemeente
        for row, value in unknown:
            reason = f"geen code en geen naam van een gebied van gemeente {context.gemeente_naam}."
            problems.append(Problem(int(row), column, value, reason))
    if mapped:
        conversions.append(mapped_sentence(column, mapped, context))
    return pd.Series(codes, dtype=object).reindex(frame.index)


def _no_own_rows_problem(frame: pd.DataFrame, codes: pd.Series, context: Context) -> Problem:
    others = sorted({c[:6] for c in codes.dropna() if c[:2] in ("GM", "WK", "BU")})
    code_column = next(c for c in CODE_COLUMNS if c in frame.columns)
    digits = [display(v).strip() for v in frame[code_column].dropna() if display(v).strip().isdigit()]
    if others:
        more = " …" if len(others) > 8 else ""
        found = f" Gevonden: {', '.join(others[:8])}{more}."
    elif digits:
        found = (
            f" De kolom {code_column} bevat codes zonder voorvoegsel (bijv. '{digits[0]}') en het bestand zegt niet "
            "of een rij een gemeente, wijk of buurt is: voeg de kolom recs of soort_regio toe (Gemeente, Wijk, "
            "Buurt), of gwb_code_10 met de volledige codes."
        )
    else:
        found = (
            " De codekolom bevat geen CBS-codes (GM…, WK…, BU…) en geen namen van wijken of buurten van "
            f"{context.gemeente_naam}."
        )
    return Problem(
        None,
        code_column,
        None,
        f"het bestand bevat geen rijen van gemeente {context.gemeente_naam} ({context.gemeente_code}).{found}",
    )


def _known_areas(frame: pd.DataFrame, context: Context, notes: list[str]) -> pd.DataFrame:
    """Buurt rows whose code is not in the Wijkmonitor's buurt layer (CBS recodes buurten nearly every year)
    are skipped and named; an unknown wijk or gemeente code stays and is refused by the area check."""
    known = set(context.areas.area_code)
    unknown = frame[~frame[KWB_CODE].isin(known) & frame[KWB_CODE].str.startswith("BU")]
    if unknown.empty:
        return frame
    shown = ", ".join(unknown[KWB_CODE].head(MAX_SKIPPED_SHOWN))
    more = " …" if len(unknown) > MAX_SKIPPED_SHOWN else ""
    notes.append(
        f"{len(unknown)} buurtrij(en) met een code die niet in de buurtindeling van de Wijkmonitor staat "
        f"(CBS deelt buurten bijna elk jaar anders in) overgeslagen: {shown}{more}."
    )
    return frame.drop(unknown.index)


def _levels_note(codes: pd.Series) -> str:
    counts = codes.map(level_of).value_counts()
    parts = [f"{int(counts.get(level, 0))} {level}" for level in ("gemeente", "wijk", "buurt")]
    return f"Rijen per niveau: {', '.join(parts)}."


# -- year, values --------------------------------------------------------------------------------------


def _column_years(frame: pd.DataFrame) -> set[int]:
    years = set()
    for value in frame["jaar"].dropna() if "jaar" in frame.columns else []:
        match = _PERIOD.match(display(value).strip().upper())
        if match:
            years.add(int(match.group(1)))
    return years


def _year(file_name: str, frame: pd.DataFrame, given: int | None, notes: list[str]) -> tuple[int | None, list[Problem]]:
    """The year of the file: given (on the page or with --jaar), else from the file name (kwb-JJJJ), else
    from the ``jaar`` column; name, column and given year must agree."""
    named = kwb_year_from_name(file_name)
    in_column = _column_years(frame)
    if len(in_column) > 1:
        years = ", ".join(str(y) for y in sorted(in_column))
        return None, [Problem(None, "jaar", None, f"de kolom jaar bevat meer dan één jaar ({years}).")]
    column_year = next(iter(in_column), None)
    if given is not None and column_year is not None and given != column_year:
        return None, [
            Problem(
                None,
                "jaar",
                None,
                f"het opgegeven jaar {given} en de kolom jaar ({column_year}) spreken elkaar tegen. "
                "Kies het jaar dat in het bestand staat.",
            )
        ]
    if given is None and named is not None and column_year is not None and named != column_year:
        return None, [
            Problem(
                None,
                "jaar",
                None,
                f"de bestandsnaam {file_name} noemt jaar {named}, maar de kolom jaar zegt {column_year}. "
                "Hernoem het bestand of geef het juiste jaar op.",
            )
        ]
    year = next(y for y in (given, named, column_year, -1) if y is not None)
    if year == -1:
        return None, [
            Problem(None, None, None, "het jaar is niet te bepalen: noem het bestand kwb-JJJJ (bijv. kwb-2024.xlsx).")
        ]
    source = "opgegeven" if given is not None else "uit de bestandsnaam" if named is not None else "uit de kolom jaar"
    notes.append(f"Jaar {year} ({source}).")
    return year, []


def _secret_as_empty(frame: pd.DataFrame, variables: list[str]) -> pd.DataFrame:
    """'.' and 'x' = secret or unknown at CBS: an empty value, not an error."""
    frame = frame.copy()
    for variable in variables:
        cells = [None if isinstance(v, str) and v.strip().lower() in KWB_SECRETS else v for v in frame[variable]]
        frame[variable] = pd.Series(cells, index=frame.index, dtype=object)  # object: None stays None, not NaN
    return frame


def _fields(variables: list[str], mapping: KwbMapping, context: Context) -> tuple[list[Field], list[Problem]]:
    """gwb_code plus one field per mapped variable, in the range of its indicator's unit; counts are whole."""
    indicators = context.indicators.set_index("indicator_id")
    fields = [Field(KWB_CODE, "area_code", "area", None, "gebiedscode")]
    problems = []
    for variable in variables:
        indicator_id = mapping.variables[variable]
        if indicator_id not in indicators.index:
            problems.append(
                Problem(1, variable, None, f"kwb_mapping.yaml wijst naar onbekende indicator '{indicator_id}'")
            )
            continue
        lo, hi = unit_range(str(indicators.unit[indicator_id]))
        kind = "integer" if bool(indicators.is_count[indicator_id]) else "number"
        fields.append(Field(variable, indicator_id, kind, None, "", required=False, minimum=lo, maximum=hi))
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
