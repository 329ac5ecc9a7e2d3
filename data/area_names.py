"""Names where codes belong: a file that says 'Dommelbergen' instead of WK082606.

Only exact names (case and spacing aside) of the gemeente's own wijken and buurten are mapped, as the
area table has them (``name`` 'Dorst' or ``full_name`` 'Wijk 13 Dorst'); a name that belongs to more than
one area (wijk Dorst and buurt Dorst) is refused, and every mapping is listed as a conversion.
"""

from __future__ import annotations

import re

import pandas as pd

from data.datasets import Field
from data.frame_checks import Context, Problem

CODE_SHAPE = re.compile(r"^(GM|WK|BU)\d+$", re.IGNORECASE)
LEVEL_LABELS = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}
MAX_SHOWN = 5


def name_key(text: str) -> str:
    """'  Wijk 06  dommelbergen ' -> 'wijk 06 dommelbergen'."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def name_index(context: Context, levels: tuple[str, ...] = ()) -> dict[str, list[tuple[str, str]]]:
    """Normalised name -> [(area code, level)] of the gemeente's areas at ``levels`` (all when empty)."""
    areas = context.areas
    if levels:
        areas = areas[areas.level.isin(levels)]
    index: dict[str, list[tuple[str, str]]] = {}
    for area in areas.itertuples():
        for name in {area.name, area.full_name}:
            if isinstance(name, str) and name.strip():
                entry = (str(area.area_code), str(area.level))
                if entry not in index.setdefault(name_key(name), []):
                    index[name_key(name)].append(entry)
    return index


def look_up(name: str, index: dict[str, list[tuple[str, str]]]) -> tuple[str | None, str | None]:
    """(code, None) for a unique name, (None, reason) for a name of several areas, (None, None) if unknown."""
    matches = index.get(name_key(name), [])
    if len(matches) == 1:
        return matches[0][0], None
    if len(matches) > 1:
        which = " en ".join(f"{LEVEL_LABELS.get(level, level)} {code}" for code, level in matches)
        return None, f"'{name.strip()}' is de naam van {which}; gebruik de code."
    return None, None


def names_to_codes(
    frame: pd.DataFrame, fields: list[Field], context: Context
) -> tuple[pd.DataFrame, list[str], list[Problem]]:
    """Replace exact area names in area columns by their codes; returns the frame, conversions, problems."""
    conversions: list[str] = []
    problems: list[Problem] = []
    for f in fields:
        if f.kind != "area":
            continue
        index = name_index(context, f.levels)
        mapped: dict[str, str] = {}
        for row, value in frame[f.column].items():
            if not isinstance(value, str) or not value.strip() or CODE_SHAPE.match(value.strip()):
                continue
            code, reason = look_up(value, index)
            if reason:
                problems.append(Problem(int(row), f.column, value, reason))
            elif code:
                if not mapped:
                    frame = frame.copy()
                frame.at[row, f.column] = code
                mapped[value.strip()] = code
        if mapped:
            conversions.append(mapped_sentence(f.column, mapped, context))
    return frame, conversions, problems


def mapped_sentence(column: str, mapped: dict[str, str], context: Context) -> str:
    shown = ", ".join(f"'{name}' → {code}" for name, code in list(mapped.items())[:MAX_SHOWN])
    more = f" en nog {len(mapped) - MAX_SHOWN}" if len(mapped) > MAX_SHOWN else ""
    return (
        f"kolom '{column}': {len(mapped)} naam/namen van gebieden van gemeente {context.gemeente_naam} "
        f"omgezet in hun code: {shown}{more}."
    )
