"""Check a StatLine 50090NED download (RIVM/CBS/GGD'en, *Gezondheid per wijk en buurt*) as one load.

The layout is read by :mod:`data.rivm` (the same code the build uses for the bundled files); this module
adds what a beheerder's file needs on top, with the checks and messages of the other datasets
(:mod:`data.frame_checks`): every region code a CBS code, every period a year (``2020`` or ``2020JJ00``),
every age group known to ``rivm_mapping.yaml``, every value a number in the range of its indicator's unit,
no region, period and age group twice. Problems name file, row (as Excel shows it), column, value and
reason, in Dutch; a file with a problem loads nothing.

Where the rows go:

- the own gemeente, its wijken and buurten -> ``indicator_value`` (as the build's RIVM load); a buurt code
  the Wijkmonitor does not know is skipped and named (CBS recodes buurten), an unknown gemeente or wijk
  code of the own gemeente is refused;
- Nederland -> ``nl_value`` (the 'Nederland' column); every gemeente and wijk of the national table
  (``nl_area``) too, but only in a year the file covers the country: a later national edition updates the
  national comparison and the position among all wijken, a file of a few gemeenten does not distort it;
- other rows (buurten of other gemeenten, codes of a division the national table does not know) are
  skipped with a note.

Only the rows of the estimate itself are read (``Marges`` = MW00000); interval bounds are skipped.
"""

from __future__ import annotations

import re

import pandas as pd

from data import rivm
from data.cells import display
from data.conventions import read_conventions
from data.datasets import RIVM, THIS_YEAR, Dataset, Field, unit_range
from data.frame_checks import (
    Context,
    Problem,
    Validated,
    check_frame,
    fraction_problems,
    refused,
    separator_hint,
    text_number_conversions,
)
from data.importers import RawTable
from data.kwb import gemeente_pattern, level_of

MAX_SHOWN = 10  # codes or columns named in a note; the rest are counted
FIRST_YEAR = 2000
NATIONAL_COVERAGE = 0.8  # share of the national table's gemeenten a year needs to count as the whole country
INFO_COLUMNS = ("ID", "Gemeentenaam_1", "SoortRegio_2", "gm_naam", "soort_regio", "leeftijdsgroep", "perioden")
_CODE = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")


def rivm_columns(mapping: rivm.RivmMapping | None = None) -> frozenset[str]:
    """Every column name a 50090NED file can have that is read (to find a header row below a title)."""
    mapping = mapping or rivm.load_mapping()
    named = (*rivm.YEAR_COLUMNS, *rivm.AGE_COLUMNS, *rivm.REGION_COLUMNS, *rivm.MARGIN_COLUMNS, *mapping.variables)
    return frozenset(named)


def validate_rivm(raw: RawTable, context: Context, mapping: rivm.RivmMapping | None = None) -> Validated:
    """Check a 50090NED file; on success the frames hold ``indicator_value`` (own gemeente) and, when the
    file has national rows, ``nl_value``."""
    mapping = mapping or rivm.load_mapping()
    conversions = list(raw.conversions)
    frame = raw.frame
    rows = len(frame)
    columns = {
        what: rivm.find_column(frame.columns, names)
        for what, names in (
            ("gebiedscode", rivm.REGION_COLUMNS),
            ("periode", rivm.YEAR_COLUMNS),
            ("leeftijdsgroep", rivm.AGE_COLUMNS),
        )
    }
    variables = [v for v in (rivm.find_column(frame.columns, (v,)) for v in mapping.variables) if v is not None]
    layout = _layout_problems(columns, variables, mapping)
    if layout:
        return refused(RIVM, rows, layout, conversions=conversions)
    notes = _missing_variables_note(mapping, variables) + _skipped_columns_note(frame, [*columns.values(), *variables])
    frame = _estimates(frame, notes)
    region, period, age = columns["gebiedscode"], columns["periode"], columns["leeftijdsgroep"]
    frame = frame.assign(
        **{
            region: frame[region].map(_code),
            period: frame[period].map(lambda v: None if v is None else display(v).strip().upper()),
            age: frame[age].map(
                lambda v: None if v is None else mapping.age_groups.get(display(v).strip(), display(v).strip())
            ),
        }
    )
    problems = _key_problems(frame, region, period, age, mapping)
    if problems:
        return refused(RIVM, rows, problems, notes, conversions)
    frame, problems = _rows_to_keep(frame, region, context, notes)
    if problems:
        return refused(RIVM, rows, problems, notes, conversions)
    fields, problems = _fields(region, period, age, variables, mapping, context)
    if problems:
        return refused(RIVM, rows, problems, notes, conversions)
    frame = _secret_as_empty(frame, variables)
    reading = read_conventions(frame[[f.column for f in fields]], fields, separator_hint(raw))
    conversions += reading.conversions
    if reading.problems:
        return Validated(RIVM, rows, {}, reading.problems, None, notes, conversions)
    dataset = Dataset(RIVM, RIVM, "", "indicator_value", tuple(fields), (region, period, age))
    typed, problems = check_frame(reading.frame, fields, reading.decimal, dataset, context)
    if not problems:
        own_variables = {_indicator_18plus(mapping, f.column): (f.column, typed[f.column]) for f in fields[3:]}
        problems = fraction_problems(own_variables, context)
    if problems:
        return Validated(RIVM, rows, {}, problems, reading.decimal, notes, conversions)
    conversions += text_number_conversions(raw, reading.frame, fields, reading.decimal)
    frames = _frames(typed, fields, mapping, context, notes)
    return Validated(RIVM, rows, frames, [], reading.decimal, notes, conversions)


def _layout_problems(columns: dict[str, str | None], variables: list[str], mapping: rivm.RivmMapping) -> list[Problem]:
    """A file without the region, period or age column, or without any mapped variable, is not a 50090NED
    download."""
    names = {"gebiedscode": rivm.REGION_COLUMNS, "periode": rivm.YEAR_COLUMNS, "leeftijdsgroep": rivm.AGE_COLUMNS}
    problems = [
        Problem(
            1,
            None,
            None,
            f"kolom voor de {what} ontbreekt (verwacht een van: {', '.join(names[what])}): dit is geen "
            "download van StatLine-tabel 50090NED.",
        )
        for what, column in columns.items()
        if column is None
    ]
    if not variables:
        problems.append(
            Problem(
                1,
                None,
                None,
                "geen enkel bekend onderwerp van 50090NED gevonden (verwacht o.a. "
                f"{', '.join(list(mapping.variables)[:4])}; zie rivm_mapping.yaml).",
            )
        )
    return problems


def _missing_variables_note(mapping: rivm.RivmMapping, variables: list[str]) -> list[str]:
    present = {v.strip().lower() for v in variables}
    missing = [v for v in mapping.variables if v.lower() not in present]
    if not missing:
        return []
    return [
        f"{len(missing)} onderwerp(en) uit rivm_mapping.yaml niet in het bestand, dus niet bijgewerkt: "
        f"{', '.join(missing)}."
    ]


def _skipped_columns_note(frame: pd.DataFrame, read: list[str | None]) -> list[str]:
    """Topics that rivm_mapping.yaml does not load (50090NED has 35), named so nobody expects them."""
    info = {c.lower() for c in (*rivm.MARGIN_COLUMNS, *rivm.REGION_COLUMNS, *INFO_COLUMNS)}
    skipped = [c for c in frame.columns if c not in read and str(c).strip().lower() not in info]
    if not skipped:
        return []
    more = " …" if len(skipped) > MAX_SHOWN else ""
    shown = ", ".join(map(str, skipped[:MAX_SHOWN]))
    return [f"{len(skipped)} kolom(men) zonder koppeling in rivm_mapping.yaml overgeslagen: {shown}{more}."]


def _estimates(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Only the rows of the estimate itself (Marges MW00000); interval bounds are skipped and counted."""
    kept = rivm.estimates_only(frame.fillna(""))
    skipped = len(frame) - len(kept)
    if skipped:
        notes.append(f"{skipped} rij(en) met de onder- of bovengrens van het 95%-interval (Marges) overgeslagen.")
    return frame.loc[kept.index]


def _code(value: object) -> str | None:
    """'WK082613  ' -> 'WK082613'; None for an empty cell."""
    return None if value is None else display(value).strip().upper()


def _key_problems(frame: pd.DataFrame, region: str, period: str, age: str, mapping: rivm.RivmMapping) -> list[Problem]:
    """Every region a CBS code, every period a whole year, every age group one of the mapping's."""
    ages = set(mapping.age_groups.values())  # codes are read as their label already
    known_ages = ", ".join(f"{code} ({label})" for code, label in mapping.age_groups.items())
    problems = []
    for row, code, when, group in zip(frame.index, frame[region], frame[period], frame[age], strict=True):
        if code is None or not _CODE.match(code):
            problems.append(
                Problem(int(row), region, code, "geen CBS-gebiedscode (verwacht NL01, GM…, WK… of BU… met cijfers).")
            )
        match = rivm.PERIOD.match(when or "")
        if not match:
            problems.append(
                Problem(
                    int(row),
                    period,
                    when,
                    "onbekende periode: verwacht een heel jaar, zoals 2020JJ00 (StatLine) of 2020.",
                )
            )
        elif not FIRST_YEAR <= int(match.group(1)) <= THIS_YEAR + 1:
            problems.append(
                Problem(int(row), period, when, f"onwaarschijnlijk jaar (verwacht {FIRST_YEAR}–{THIS_YEAR + 1}).")
            )
        if group not in ages:
            problems.append(Problem(int(row), age, group, f"onbekende leeftijdsgroep; verwacht {known_ages}."))
    return problems


def _rows_to_keep(
    frame: pd.DataFrame, region: str, context: Context, notes: list[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The own gemeente's rows and the rows of the national table; the rest is skipped and counted."""
    codes = frame[region]
    own = codes.str.match(gemeente_pattern(context.gemeente_code).pattern)
    national = codes.isin(context.nl_areas)
    known = set(context.areas.area_code)
    unknown_buurt = own & ~codes.isin(known) & codes.str.startswith("BU")
    unknown_own = own & ~codes.isin(known) & ~unknown_buurt & ~national
    problems = [
        Problem(
            int(row),
            region,
            code,
            f"onbekende gebiedscode voor gemeente {context.gemeente_naam} ({context.gemeente_code}).",
        )
        for row, code in codes[unknown_own].items()
    ]
    if unknown_buurt.any():
        shown = sorted(set(codes[unknown_buurt]))
        more = " …" if len(shown) > MAX_SHOWN else ""
        notes.append(
            f"{int(unknown_buurt.sum())} buurtrij(en) met een code die niet in de buurtindeling van de Wijkmonitor "
            f"staat (CBS deelt buurten bijna elk jaar anders in) overgeslagen: {', '.join(shown[:MAX_SHOWN])}{more}."
        )
    keep = (own & ~unknown_buurt) | national
    other = int((~keep & ~unknown_buurt).sum())
    if other:
        notes.append(
            f"{other} rij(en) van gebieden buiten {context.gemeente_naam} die niet in de landelijke vergelijking "
            "staan (bijv. buurten van andere gemeenten) overgeslagen."
        )
    if not keep.any() and not problems:
        problems.append(
            Problem(
                None,
                region,
                None,
                f"het bestand bevat geen rijen van gemeente {context.gemeente_naam} ({context.gemeente_code}) en "
                "geen rijen van Nederland of van gemeenten en wijken in de landelijke vergelijking.",
            )
        )
    return frame[keep], problems


def _indicator_18plus(mapping: rivm.RivmMapping, variable: str) -> str:
    """The indicator a variable feeds (its first age group): for the unit and the fraction check."""
    per_age = next(p for v, p in mapping.variables.items() if v.lower() == variable.strip().lower())
    return next(iter(per_age.values()))


def _fields(
    region: str, period: str, age: str, variables: list[str], mapping: rivm.RivmMapping, context: Context
) -> tuple[list[Field], list[Problem]]:
    """The key columns, then one number field per variable in the range of its indicator's unit."""
    units = context.indicators.set_index("indicator_id").unit
    fields = [
        Field(region, "area_code", "text", None, "gebiedscode"),
        Field(period, "year", "text", None, "periode"),
        Field(age, "age", "text", None, "leeftijdsgroep"),
    ]
    problems = []
    for variable in variables:
        per_age = next(p for v, p in mapping.variables.items() if v.lower() == variable.strip().lower())
        unknown = [i for i in per_age.values() if i not in units.index]
        if unknown:
            reason = f"rivm_mapping.yaml wijst naar onbekende indicator '{unknown[0]}'"
            problems.append(Problem(1, variable, None, reason))
            continue
        lo, hi = unit_range(str(units[_indicator_18plus(mapping, variable)]))
        fields.append(Field(variable, variable, "number", None, "", required=False, minimum=lo, maximum=hi))
    return fields, problems


def _secret_as_empty(frame: pd.DataFrame, variables: list[str]) -> pd.DataFrame:
    """'.' = secret at the source: an empty value, not an error."""
    frame = frame.copy()
    for variable in variables:
        cells = [None if isinstance(v, str) and v.strip() in rivm.SECRET else v for v in frame[variable]]
        frame[variable] = pd.Series(cells, index=frame.index, dtype=object)
    return frame


def _national_rows(long: pd.DataFrame, context: Context, notes: list[str]) -> pd.DataFrame:
    """The rows for ``nl_value``: Nederland always; gemeenten and wijken (the own ones too) only in a year the
    file covers the country (:data:`NATIONAL_COVERAGE` of the national table's gemeenten), so a file of one
    or a few gemeenten never makes a 'position among all wijken of Nederland' out of a handful."""
    rows = long[long.area_code.isin(context.nl_areas)]
    gemeenten = {c for c in context.nl_areas if c.startswith("GM")}
    covered = rows[rows.area_code.str.startswith("GM")].groupby("year").area_code.nunique()
    national_years = set(covered[covered >= NATIONAL_COVERAGE * max(len(gemeenten), 1)].index)
    keep = (rows.area_code == rivm.NEDERLAND) | rows.year.isin(national_years)
    left = rows[~keep & ~rows.area_code.str.match(gemeente_pattern(context.gemeente_code).pattern)]
    if not left.empty:
        years = ", ".join(str(y) for y in sorted(set(left.year)))
        notes.append(
            f"{left.area_code.nunique()} gemeente(n) en wijk(en) buiten {context.gemeente_naam} niet in de landelijke "
            f"vergelijking geladen ({years}): het bestand dekt niet heel Nederland (minder dan "
            f"{NATIONAL_COVERAGE:.0%} van de gemeenten)."
        )
    return rows[keep].reset_index(drop=True)


def _frames(
    typed: pd.DataFrame, fields: list[Field], mapping: rivm.RivmMapping, context: Context, notes: list[str]
) -> dict[str, pd.DataFrame]:
    """Typed rows -> long values through :func:`data.rivm.to_long`, split into the own gemeente's
    ``indicator_value`` and the national ``nl_value``."""
    region, period, age = (f.column for f in fields[:3])
    variables = [f.column for f in fields[3:]]
    wide = pd.DataFrame(
        {"gwb_code": typed[region], "jaar": typed[period], "leeftijd_code": typed[age]}
        | {v: pd.to_numeric(typed[v]).astype(float) for v in variables}
    )
    present = {v.lower(): v for v in variables}
    loaded = rivm.RivmMapping(
        mapping.age_groups, {present[v.lower()]: p for v, p in mapping.variables.items() if v.lower() in present}
    )
    long = rivm.to_long(wide, loaded, "50090NED")
    long["value"] = long.value.astype("Float64")
    own = long.area_code.str.match(gemeente_pattern(context.gemeente_code).pattern)
    local = long[own & long.area_code.isin(set(context.areas.area_code))].reset_index(drop=True)
    national = _national_rows(long, context, notes)
    frames = {"indicator_value": local}
    if not national.empty:
        frames["nl_value"] = national
    years = ", ".join(str(y) for y in sorted(set(long.year)))
    levels = local.drop_duplicates("area_code").area_code.map(level_of).value_counts()
    counts = ", ".join(f"{int(levels.get(level, 0))} {level}" for level in ("gemeente", "wijk", "buurt"))
    notes.append(f"Jaar (Perioden): {years}. Gebieden van {context.gemeente_naam}: {counts}.")
    if set(national.area_code) == {rivm.NEDERLAND}:
        notes.append(f"Nederland: {len(national)} waarden voor de vergelijking met het land.")
    elif not national.empty:
        notes.append(
            f"{national.area_code.nunique()} gebied(en) voor de landelijke vergelijking "
            f"(Nederland, gemeenten, wijken): {len(national)} waarden."
        )
    secret = int(local.value.isna().sum())
    if secret:
        notes.append(f"{secret} waarde(n) van {context.gemeente_naam} geheim ('.') en als leeg opgeslagen.")
    return frames
