"""Kaart: the gemeente's wijken coloured by the sociale-samenhangindex, or where one wijk lies."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import judgement
from analysis.formatting import SUPPRESSED, format_change, format_number
from report import figure_data
from report.sections.context import Context
from report.tables import Cell, Hidden, Table, count_cell, value_cell

if TYPE_CHECKING:
    from report.figure_data import Image

CLASS_MAP_CAPTION = "Grijs gearceerd: geen index. Grenzen: CBS Wijk- en Buurtkaart, CC BY 4.0."


@dataclass(frozen=True, eq=False)
class ClassMap:
    """The wijken in five index classes relative to the gemeente, numbered and labelled with their index."""

    boundaries: pd.DataFrame  # area_code, geometry_wkb
    table: pd.DataFrame  # area_code, number, klasse, symbol, text
    legend: list[str]
    no_value: str
    alt: str
    caption: str = CLASS_MAP_CAPTION

    @property
    def size(self) -> tuple[float, float]:
        return figure_data.CLASS_MAP_SIZE

    def draw(self) -> Image:
        from report import figures

        colours = tuple(figures.colors.CLASS_COLOURS_DIRECTIONAL)
        return figures.class_map(self.boundaries, self.table, self.legend, colours, self.no_value, self.alt)


@dataclass(frozen=True, eq=False)
class Locator:
    """The gemeente's wijken in light grey with one wijk marked."""

    boundaries: pd.DataFrame  # area_code, geometry_wkb
    area_code: str
    names: dict[str, str]
    alt: str
    caption: str

    @property
    def size(self) -> tuple[float, float]:
        return figure_data.LOCATOR_SIZE

    def draw(self) -> Image:
        from report import figures

        return figures.locator_map(self.boundaries, self.area_code, self.names, self.alt)


@dataclass(frozen=True)
class MapSection:
    text: str
    tables: tuple[tuple[str, Table], ...] = ()  # (caption, table)
    figure: ClassMap | Locator | None = None


def build(ctx: Context) -> MapSection:
    boundaries = _boundaries(ctx)
    if boundaries.empty:
        return MapSection("Voor deze indeling zijn geen wijkgrenzen geladen.")
    return _gemeente_map(ctx, boundaries) if ctx.level == "gemeente" else _locator(ctx, boundaries)


def _boundaries(ctx: Context) -> pd.DataFrame:
    boundaries = ctx.state.tables["area_boundary"]
    return boundaries[
        boundaries.area_code.isin(ctx.wijk_names) & (boundaries.boundary_year == ctx.state.settings.boundary_year)
    ][["area_code", "geometry_wkb"]].reset_index(drop=True)


# -- the gemeente: the index per wijk ---------------------------------------------------------------------


def _index_year(ctx: Context) -> int | None:
    """The newest year with an index for any wijk (None: no index in this state)."""
    if not ctx.state.index:
        return None
    scores = ctx.state.index["index"].scores
    known = scores[scores.area_code.isin(ctx.wijk_names) & scores["index"].notna()]
    return int(known.year.max()) if not known.empty else None


def _gemeente_map(ctx: Context, boundaries: pd.DataFrame) -> MapSection:
    year = _index_year(ctx)
    if year is None:
        return MapSection("Er is nog geen sociale-samenhangindex te berekenen.")
    scores = ctx.state.index["index"].scores
    this_year = scores[scores.year == year].set_index("area_code")
    last_year = scores[scores.year == year - 1].set_index("area_code")
    gemeente_index = this_year["index"].get(ctx.gemeente, math.nan)
    table = pd.DataFrame({"area_code": list(ctx.wijk_names)})
    table["value"] = table.area_code.map(this_year["index"]).astype(float)
    table["gemeente_value"] = gemeente_index
    table = judgement.judge_wijken(table, judgement.INDEX_FIGURE)
    table["number"] = table.area_code.str[-2:]
    table["text"] = [SUPPRESSED if pd.isna(v) else format_number(v, 0) for v in table.value]
    labels = judgement.CLASS_LABELS[judgement.DIRECTIONAL]
    rows = _index_rows(ctx, table, this_year, last_year, labels)
    symbols = judgement.CLASS_SYMBOLS[judgement.DIRECTIONAL]
    figure = ClassMap(
        boundaries=boundaries,
        table=table[["area_code", "number", "klasse", "symbol", "text"]],
        legend=[f"{symbol} {label}" for symbol, label in zip(symbols, labels, strict=True)],
        no_value="geen index (te weinig inwoners)",
        alt=_class_map_alt(ctx, table, labels, year),
    )
    index_table = ctx.notes.table(
        ["Nr.", "Wijk", "Inwoners", f"Index {year}", f"t.o.v. {year - 1}", "Ten opzichte van de gemeente"],
        rows,
        [False, False, True, True, True, False],
        ["7%", "31%", "13%", "12%", "12%", "25%"],
        note="Inwoners: CBS, 1 januari 2024. Index: berekend uit de componenten (echt of demo: zie Bronnen en "
        "definities).",
    )
    return MapSection(
        text=f"De sociale-samenhangindex {year} per wijk, in vijf klassen ten opzichte van de gemeente "
        f"(index {format_number(gemeente_index, 0)}): hoe ver een wijk van de gemeente afligt, vergeleken met "
        "de verschillen tussen de wijken. Op de kaart staan het wijknummer en het teken van de klasse (ook "
        "leesbaar in zwart-wit); de index zelf staat in de tabel.",
        tables=((f"Sociale-samenhangindex per wijk, {year}", index_table),),
        figure=figure,
    )


def _index_rows(
    ctx: Context, table: pd.DataFrame, this_year: pd.DataFrame, last_year: pd.DataFrame, labels: list[str]
) -> list[list[Cell]]:
    """Per wijk: number, name, inhabitants, index, change and class (hidden with the reason of no index)."""
    rows: list[list[Cell]] = []
    for row in table.itertuples():
        reason = ctx.state.excluded.get(row.area_code) or this_year["reason"].get(row.area_code)
        before = last_year["index"].get(row.area_code, math.nan)
        change = row.value - before if not (pd.isna(row.value) or pd.isna(before)) else None
        kerkdorp = " (kerkdorp)" if ctx.areas.at[row.area_code, "is_kerkdorp"] else ""
        rows.append(
            [
                row.number,
                f"{ctx.wijk_names[row.area_code]}{kerkdorp}",
                count_cell(ctx.population.get(row.area_code), ctx.state.rules),
                Hidden(reason) if isinstance(reason, str) else value_cell(row.value, 0, ""),
                Hidden(reason) if isinstance(reason, str) else (format_change(change, 0) or SUPPRESSED),
                Hidden(reason) if isinstance(reason, str) else _class_text(row),
            ]
        )
    return rows


def _class_text(row: object) -> str:
    """The class in symbol and words (never colour alone), or why there is none."""
    if pd.isna(row.klasse):
        return f"geen klasse: {row.no_class}" if isinstance(row.no_class, str) else SUPPRESSED
    return f"{row.symbol} {row.klasse_label}"


def _class_map_alt(ctx: Context, table: pd.DataFrame, labels: list[str], year: int) -> str:
    """The map in words: which wijken fall in which class."""
    groups = {
        label: [
            ctx.wijk_names[c] for c, k in zip(table.area_code, table.klasse, strict=True) if pd.notna(k) and int(k) == i
        ]
        for i, label in enumerate(labels)
    }
    unscored = [ctx.wijk_names[c] for c, k in zip(table.area_code, table.klasse, strict=True) if pd.isna(k)]
    return (
        f"Kaart van de {len(table)} wijken van de gemeente {ctx.state.settings.gemeente_naam}, gekleurd naar de "
        f"sociale-samenhangindex {year} ten opzichte van de gemeente. "
        + " ".join(f"{label.capitalize()}: {', '.join(names)}." for label, names in groups.items() if names)
        + (f" Geen index (te weinig inwoners): {', '.join(unscored)}." if unscored else "")
    )


# -- one wijk: where it lies ----------------------------------------------------------------------------------


def _locator(ctx: Context, boundaries: pd.DataFrame) -> MapSection:
    row = ctx.areas.loc[ctx.code]
    buurten = ctx.areas[(ctx.areas.level == "buurt") & (ctx.areas.parent_code == ctx.code)].name
    direction = compass(boundaries, ctx.code)
    figure = Locator(
        boundaries=boundaries,
        area_code=ctx.code,
        names=ctx.wijk_names,
        alt=f"Kaart van de gemeente {ctx.state.settings.gemeente_naam} met haar {len(boundaries)} wijken in "
        f"lichtgrijs en {ctx.name} donkerblauw gemarkeerd; {ctx.name} ligt {direction}.",
        caption=f"{ctx.name} (donkerblauw) in de gemeente. Grenzen: CBS, CC BY 4.0.",
    )
    values = ctx.state.values
    area_ha = values[(values.indicator_id == "oppervlakte_land_ha") & (values.area_code == ctx.code)].value.dropna()
    facts = [
        ["Naam bij het CBS", str(row.full_name)],
        ["Wijkcode", ctx.code],
        *([["Kerkdorp", "ja" if row.is_kerkdorp else "nee"]] if ctx.areas.is_kerkdorp.astype(bool).any() else []),
        ["Ligging", direction],
        *([[f"Buurten ({len(buurten)})", ", ".join(sorted(buurten))]] if len(buurten) else []),
        ["Oppervlakte land", f"{format_number(area_ha.iloc[-1], 0)} ha" if not area_ha.empty else SUPPRESSED],
    ]
    return MapSection(
        text=f"{ctx.name} op de kaart van de gemeente, in de wijkindeling van het CBS "
        f"({ctx.state.settings.boundary_year}).",
        tables=(("De wijk in het kort", ctx.notes.table(["Gegeven", "Waarde"], facts, None, ["30%", "70%"])),),
        figure=figure,
    )


def compass(boundaries: pd.DataFrame, area_code: str) -> str:
    """'in het zuidoosten van de gemeente' from the wijk's centre against the gemeente's (RD New)."""
    from report.figure_data import shapes_rd

    shapes = shapes_rd(boundaries)
    whole = shapes.geometry.union_all().centroid
    own = shapes.loc[area_code].geometry.centroid
    dx, dy = own.x - whole.x, own.y - whole.y
    extent = max(shapes.total_bounds[2] - shapes.total_bounds[0], shapes.total_bounds[3] - shapes.total_bounds[1])
    if math.hypot(dx, dy) < 0.08 * extent:
        return "in het midden van de gemeente"
    names = ("oosten", "noordoosten", "noorden", "noordwesten", "westen", "zuidwesten", "zuiden", "zuidoosten")
    sector = int(((math.degrees(math.atan2(dy, dx)) + 360 + 22.5) % 360) // 45)
    return f"in het {names[sector]} van de gemeente"
