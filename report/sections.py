"""The sections of a snapshot, gathered and formatted: one method per section of the PDF.

Every value goes through the raad's privacy rules (``analysis.suppression``; counts made here follow the
same small-count rule); hidden values become :class:`report.tables.Hidden` cells with their reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import ambitions, cohesion_index, judgement, overview, profile, suppression
from analysis.formatting import SUPPRESSED, format_change, format_number, format_value
from report.tables import (
    NOT_APPLICABLE,
    Cell,
    Footnotes,
    Group,
    Hidden,
    Table,
    count_cell,
    direction_text,
    value_cell,
)

if TYPE_CHECKING:
    from report.snapshot import State

# The index judged like any indicator: higher is better, one point shown (analysis.judgement)
INDEX_AS_INDICATOR = pd.Series({"direction": "higher", "is_additive": False, "decimals": 0}, name="index")


def section_titles(level: str) -> list[tuple[str, str]]:
    """(anchor, heading) of every section, in order; the map section differs for gemeente and wijk."""
    return [
        ("kerncijfers", "Kerncijfers"),
        ("kaart", "Kaart van de wijken" if level == "gemeente" else "Ligging van de wijk"),
        ("index", "Sociale-samenhangindex"),
        ("ambities", "Ambities 2030"),
        ("initiatieven", "Initiatieven en vrijwilligers"),
        ("bronnen", "Bronnen en definities"),
    ]


@dataclass
class Contents:
    """What :class:`Builder` gathers for one area."""

    area_name: str
    level: str
    subtitle: str
    content: dict[str, object]
    preview: list[dict[str, str]]  # key figures for the page's preview: label, value, period, change
    footnotes: Footnotes
    figure_data: dict[str, object]  # what report.figures draws, with the alt texts


class Builder:
    """Builds one snapshot's contents; one method per section."""

    def __init__(self, state: State, area_code: str) -> None:
        self.state = state
        self.code = area_code
        self.gemeente = state.settings.gemeente_code
        self.gemeente_name = f"Gemeente {state.settings.gemeente_naam}"
        self.areas = state.tables["area"].set_index("area_code")
        self.level = str(self.areas.at[area_code, "level"])
        self.name = self.gemeente_name if self.level == "gemeente" else str(self.areas.at[area_code, "name"])
        self.indicators = state.tables["indicator"]
        self.meta = self.indicators.set_index("indicator_id")
        self.themes = state.tables["theme"].set_index("theme_id").label
        self.population = overview.population(state.values)
        self.notes = Footnotes()
        self.figures: dict[str, object] = {}
        wijken = self.areas[self.areas.level == "wijk"].sort_index()
        self.wijk_names = wijken.name.to_dict()

    def contents(self) -> Contents:
        content = {
            "kerncijfers": self.key_figures(),
            "kaart": self.map_section(),
            "index": self.index_section(),
            "ambities": self.ambitions_section(),
            "initiatieven": self.initiatives_section(),
        }
        content["bronnen"] = self.sources_section()  # last: it lists every footnote letter used before it
        return Contents(self.name, self.level, self._subtitle(), content, self.preview, self.notes, self.figures)

    def _subtitle(self) -> str:
        if self.level == "gemeente":
            return f"De gemeente en haar {len(self.wijk_names)} wijken"
        row = self.areas.loc[self.code]
        kind = "kerkdorp" if row.is_kerkdorp else "wijk"
        return f"{row.full_name} ({self.code}), {kind} in de gemeente {self.state.settings.gemeente_naam}"

    # -- helpers -----------------------------------------------------------------------------------

    def _label(self, indicator_id: str) -> str:
        label = str(self.meta.at[indicator_id, "label"])
        return f"{label} (demo)" if self.meta.at[indicator_id, "is_demo"] else label

    def _suppressed(self, area_codes: list[str]) -> pd.DataFrame:
        rows = self.state.values[self.state.values.area_code.isin(area_codes)]
        return suppression.suppress(rows, self.indicators, self.population, self.state.rules)

    # -- Kerncijfers ---------------------------------------------------------------------------------

    def key_figures(self) -> dict[str, object]:
        return self._gemeente_figures() if self.level == "gemeente" else self._wijk_figures()

    def _gemeente_figures(self) -> dict[str, object]:
        tables, rules = self.state.tables, self.state.rules
        kpis = overview.gemeente_kpis(
            self.state.values,
            self.indicators,
            tables["initiative"],
            tables["volunteer_activity"],
            tables["spending"],
            self.gemeente,
        )
        rows, self.preview = [], []
        for kpi in kpis:
            is_count = kpi.unit == "aantal"
            value = count_cell(kpi.value, rules) if is_count else value_cell(kpi.value, kpi.decimals, kpi.unit)
            previous = count_cell(kpi.previous, rules) if is_count else value_cell(kpi.previous, kpi.decimals, kpi.unit)
            hidden = isinstance(value, Hidden) or isinstance(previous, Hidden)
            change = None if hidden else kpi.change
            label = f"{kpi.label} ({kpi.note})" + (" (demo)" if kpi.is_demo else "")
            change_text = format_change(change, kpi.decimals, kpi.unit) or SUPPRESSED
            rows.append(
                [
                    label,
                    kpi.period,
                    value,
                    kpi.previous_period or SUPPRESSED,
                    previous if kpi.previous is not None else SUPPRESSED,
                    change_text,
                    direction_text(change, kpi.direction, kpi.decimals),
                ]
            )
            self.preview.append(
                {
                    "label": label,
                    "value": value if isinstance(value, str) else SUPPRESSED,
                    "period": kpi.period,
                    "change": f"{change_text} t.o.v. {kpi.previous_period}" if kpi.previous_period else "",
                }
            )
        kpi_table = self.notes.table(
            ["Kerncijfer", "Periode", "Waarde", "Vorige periode", "Toen", "Verandering", "Richting"],
            rows,
            [False, False, True, False, True, True, False],
            ["27%", "12%", "11%", "13%", "11%", "12%", "14%"],
        )
        return {
            "intro": None,
            "summary": [],
            "tables": [
                ("De vijf kerncijfers van het Overzicht", kpi_table),
                ("Alle indicatoren van de gemeente, met de verandering sinds het jaar ervoor", self._all_gemeente()),
            ],
        }

    def _all_gemeente(self) -> Table:
        shown = self._suppressed([self.gemeente])
        rows: list[list[Cell] | Group] = []
        for theme_id, theme in self.indicators.sort_values("label").groupby("theme_id", sort=True):
            rows.append(Group(str(self.themes.get(theme_id, theme_id))))
            for indicator in theme.itertuples():
                mine = shown[(shown.indicator_id == indicator.indicator_id) & shown.value.notna()]
                hidden = shown[(shown.indicator_id == indicator.indicator_id) & shown.suppressed.notna()]
                if mine.empty and hidden.empty:
                    continue
                year = int(max([*mine.year, *hidden.year]))
                rows.append(self._change_row(indicator.indicator_id, shown, year, with_label=True))
        return self.notes.table(
            ["Indicator", "Jaar", "Waarde", "Jaar ervoor", "Verandering", "Richting"],
            rows,
            [False, False, True, True, True, False],
            ["35%", "8%", "12%", "12%", "17%", "16%"],
        )

    def _change_row(self, indicator_id: str, shown: pd.DataFrame, year: int, with_label: bool) -> list[Cell]:
        """Indicator, year, value, the year before, change and its direction, from suppressed rows."""
        indicator = self.meta.loc[indicator_id]
        decimals, unit = int(indicator.decimals), str(indicator.unit)

        def at(y: int) -> tuple[float | None, str | None]:
            row = shown[(shown.indicator_id == indicator_id) & (shown.year == y)]
            if row.empty:
                return None, None
            return (None if pd.isna(row.value.iloc[0]) else float(row.value.iloc[0])), row.suppressed.iloc[0]

        value, reason = at(year)
        previous, previous_reason = at(year - 1)
        hidden = isinstance(reason, str) or isinstance(previous_reason, str)
        change = None if hidden or value is None or previous is None else value - previous
        cells: list[Cell] = [self._label(indicator_id)] if with_label else []
        return [
            *cells,
            str(year),
            value_cell(value, decimals, unit, reason),
            value_cell(previous, decimals, unit, previous_reason),
            Hidden(reason or previous_reason) if hidden else (format_change(change, decimals, unit) or SUPPRESSED),
            SUPPRESSED if hidden else direction_text(change, str(indicator.direction), decimals),
        ]

    def _wijk_figures(self) -> dict[str, object]:
        state = self.state
        comparison = profile.compare_to_gemeente(
            state.values, self.indicators, self.code, self.gemeente, state.measurable, state.rules
        )
        summary = profile.summary(comparison, self.name, f"gemeente {state.settings.gemeente_naam}")
        shown = self._suppressed([self.code, self.gemeente])
        own = shown[shown.area_code == self.code]
        cbs_rows, self.preview = [], []
        for indicator_id, label in (
            ("inwoners", "Inwoners"),
            ("woningvoorraad", "Woningen"),
            ("oppervlakte_land_ha", "Oppervlakte land (ha)"),
            ("bevolkingsdichtheid", "Inwoners per km²"),
        ):
            if indicator_id not in self.meta.index:
                continue
            cells = []
            for area in (self.code, self.gemeente):
                rows = shown[(shown.indicator_id == indicator_id) & (shown.area_code == area)].sort_values("year")
                cells.append(
                    value_cell(rows.value.iloc[-1], 0, "aantal", rows.suppressed.iloc[-1])
                    if not rows.empty
                    else SUPPRESSED
                )
            cbs_rows.append([label, *cells])
            self.preview.append(
                {
                    "label": label,
                    "value": cells[0] if isinstance(cells[0], str) else SUPPRESSED,
                    "period": "",
                    "change": "",
                }
            )
        cbs = self.notes.table(
            ["Kerncijfer (CBS)", self.name, self.gemeente_name],
            cbs_rows,
            [False, True, True],
            ["50%", "25%", "25%"],
            note="Bron: CBS, Kerncijfers wijken en buurten 2024 (peildatum 1 januari 2024), CC BY 4.0.",
        )
        rows: list[list[Cell] | Group] = []
        for theme_id, theme in comparison.groupby("theme_id", sort=True) if not comparison.empty else []:
            rows.append(Group(str(self.themes.get(theme_id, theme_id))))
            for row in theme.sort_values("label").itertuples():
                indicator = self.meta.loc[row.indicator_id]
                reason = row.suppressed if isinstance(row.suppressed, str) else None
                additive = bool(indicator.is_additive)
                change_cells = self._change_row(row.indicator_id, own, int(row.year), with_label=False)
                rows.append(
                    [
                        self._label(row.indicator_id),
                        str(row.year),
                        value_cell(row.value, row.decimals, row.unit, reason),
                        value_cell(row.gemeente_value, row.decimals, row.unit),
                        NOT_APPLICABLE
                        if additive
                        else Hidden(reason)
                        if reason
                        else (format_change(row.difference, row.decimals) or SUPPRESSED),
                        NOT_APPLICABLE
                        if additive
                        else Hidden(reason)
                        if reason
                        else (f"{int(row.rank)} van {row.ranked}" if pd.notna(row.rank) else SUPPRESSED),
                        change_cells[-1] if not isinstance(change_cells[-2], Hidden) else change_cells[-2],
                    ]
                )
        comparison_table = self.notes.table(
            ["Indicator", "Jaar", self.name, "Gemeente", "Verschil", "Rang", "Sinds jaar ervoor"],
            rows,
            [False, False, True, True, True, True, False],
            ["32%", "8%", "13%", "12%", "11%", "10%", "14%"],
            note="Rang 1 = gunstigste wijk (zonder richting: hoogste waarde), onder de wijken met genoeg inwoners. "
            f"{NOT_APPLICABLE} = niet van toepassing: een aantal zegt naast het gemeentetotaal alleen hoe groot de "
            "wijk is. 'Sinds jaar ervoor' is de ontwikkeling in de wijk zelf.",
        )
        return {
            "intro": None,
            "summary": summary,
            "tables": [
                ("Kerncijfers van het CBS", cbs),
                (f"Alle indicatoren naast de gemeente {self.state.settings.gemeente_naam}", comparison_table),
            ],
        }

    # -- Kaart ---------------------------------------------------------------------------------------

    def _boundaries(self) -> pd.DataFrame:
        boundaries = self.state.tables["area_boundary"]
        return boundaries[
            boundaries.area_code.isin(self.wijk_names) & (boundaries.boundary_year == self.state.settings.boundary_year)
        ][["area_code", "geometry_wkb"]].reset_index(drop=True)

    def _index_year(self) -> int | None:
        if not self.state.index:
            return None
        scores = self.state.index["index"].scores
        known = scores[scores.area_code.isin(self.wijk_names) & scores["index"].notna()]
        return int(known.year.max()) if not known.empty else None

    def map_section(self) -> dict[str, object]:
        boundaries = self._boundaries()
        if boundaries.empty:
            return {"text": "Voor deze indeling zijn geen wijkgrenzen geladen.", "tables": []}
        return self._gemeente_map(boundaries) if self.level == "gemeente" else self._locator(boundaries)

    def _gemeente_map(self, boundaries: pd.DataFrame) -> dict[str, object]:
        year = self._index_year()
        if year is None:
            return {"text": "Er is nog geen sociale-samenhangindex te berekenen.", "tables": []}
        scores = self.state.index["index"].scores
        this_year = scores[scores.year == year].set_index("area_code")
        last_year = scores[scores.year == year - 1].set_index("area_code")
        gemeente_index = this_year["index"].get(self.gemeente, math.nan)
        table = pd.DataFrame({"area_code": list(self.wijk_names)})
        table["value"] = table.area_code.map(this_year["index"]).astype(float)
        table["gemeente_value"] = gemeente_index
        table = judgement.judge_wijken(table, INDEX_AS_INDICATOR)
        table["number"] = table.area_code.str[-2:]
        table["text"] = [SUPPRESSED if pd.isna(v) else format_number(v, 0) for v in table.value]
        labels = judgement.CLASS_LABELS[judgement.DIRECTIONAL]
        rows: list[list[Cell]] = []
        for row in table.itertuples():
            reason = self.state.excluded.get(row.area_code) or this_year["reason"].get(row.area_code)
            before = last_year["index"].get(row.area_code, math.nan)
            change = row.value - before if not (pd.isna(row.value) or pd.isna(before)) else None
            kerkdorp = " (kerkdorp)" if self.areas.at[row.area_code, "is_kerkdorp"] else ""
            rows.append(
                [
                    row.number,
                    f"{self.wijk_names[row.area_code]}{kerkdorp}",
                    count_cell(self.population.get(row.area_code), self.state.rules),
                    Hidden(reason) if isinstance(reason, str) else value_cell(row.value, 0, ""),
                    Hidden(reason) if isinstance(reason, str) else (format_change(change, 0) or SUPPRESSED),
                    Hidden(reason) if isinstance(reason, str) else labels[int(row.klasse)],
                ]
            )
        groups = {
            label: [
                self.wijk_names[c]
                for c, k in zip(table.area_code, table.klasse, strict=True)
                if pd.notna(k) and int(k) == i
            ]
            for i, label in enumerate(labels)
        }
        unscored = [self.wijk_names[c] for c, k in zip(table.area_code, table.klasse, strict=True) if pd.isna(k)]
        alt = (
            f"Kaart van de {len(table)} wijken van de gemeente {self.state.settings.gemeente_naam}, gekleurd naar de "
            f"sociale-samenhangindex {year} ten opzichte van de gemeente. "
            + " ".join(f"{label.capitalize()}: {', '.join(names)}." for label, names in groups.items() if names)
            + (f" Geen index (te weinig inwoners): {', '.join(unscored)}." if unscored else "")
        )
        self.figures["map"] = {
            "kind": "class_map",
            "boundaries": boundaries,
            "table": table[["area_code", "number", "klasse", "text"]],
            "legend": labels,
            "no_value": "geen index (te weinig inwoners)",
            "alt": alt,
        }
        return {
            "year": year,
            "text": f"De sociale-samenhangindex {year} per wijk, in vijf klassen ten opzichte van de gemeente "
            f"(index {format_number(gemeente_index, 0)}), gemeten in standaardafwijkingen tussen de wijken. "
            "Op de kaart "
            "staan het wijknummer en de index; dezelfde cijfers staan in de tabel.",
            "tables": [
                (
                    f"Sociale-samenhangindex per wijk, {year}",
                    self.notes.table(
                        [
                            "Nr.",
                            "Wijk",
                            "Inwoners",
                            f"Index {year}",
                            f"t.o.v. {year - 1}",
                            "Ten opzichte van de gemeente",
                        ],
                        rows,
                        [False, False, True, True, True, False],
                        ["7%", "31%", "13%", "12%", "12%", "25%"],
                        note="Inwoners: CBS, 1 januari 2024. Index: berekend uit democijfers.",
                    ),
                )
            ],
        }

    def _locator(self, boundaries: pd.DataFrame) -> dict[str, object]:
        row = self.areas.loc[self.code]
        buurten = self.areas[(self.areas.level == "buurt") & (self.areas.parent_code == self.code)].name
        direction = compass(boundaries, self.code)
        self.figures["map"] = {
            "kind": "locator",
            "boundaries": boundaries,
            "names": self.wijk_names,
            "alt": f"Kaart van de gemeente {self.state.settings.gemeente_naam} met haar {len(boundaries)} wijken in "
            f"lichtgrijs en {self.name} donkerblauw gemarkeerd; {self.name} ligt {direction}.",
        }
        area_ha = self.state.values[
            (self.state.values.indicator_id == "oppervlakte_land_ha") & (self.state.values.area_code == self.code)
        ].value.dropna()
        facts = [
            ["Naam bij het CBS", str(row.full_name)],
            ["Wijkcode", self.code],
            ["Kerkdorp", "ja" if row.is_kerkdorp else "nee"],
            ["Ligging", direction],
            [f"Buurten ({len(buurten)})", ", ".join(sorted(buurten)) or SUPPRESSED],
            ["Oppervlakte land", f"{format_number(area_ha.iloc[-1], 0)} ha" if not area_ha.empty else SUPPRESSED],
        ]
        return {
            "text": f"{self.name} op de kaart van de gemeente, in de wijkindeling van het CBS "
            f"({self.state.settings.boundary_year}).",
            "tables": [("De wijk in het kort", self.notes.table(["Gegeven", "Waarde"], facts, None, ["30%", "70%"]))],
        }

    # -- Sociale-samenhangindex ---------------------------------------------------------------------------

    def index_section(self) -> dict[str, object]:
        state = self.state
        results = state.index
        labels = self.meta.label.to_dict()
        method = (
            f"De index combineert {len(state.spec.components)} indicatoren. Elke indicator wordt vergeleken met de "
            f"gemeente in {state.spec.base_year}, in standaardafwijkingen tussen de wijken (teken omgedraaid waar "
            "lager "
            f"beter is); index = 100 + {format_number(state.spec.points_per_sd, 0)} × het gewogen gemiddelde. "
            f"100 is de gemeente in {state.spec.base_year}; +{format_number(state.spec.points_per_sd, 0)} is één "
            "standaardafwijking gunstiger. De bijdragen tellen precies op tot de index. Berekend uit democijfers."
        )
        if not results:
            return {"scored": False, "text": "In deze stand van de gegevens zijn de componenten van de index nog niet "
                    "(volledig) geladen; er is geen index.", "method": method, "tables": []}  # fmt: skip
        scores = results["index"].scores
        own = scores[scores.area_code == self.code].sort_values("year")
        scored = own.dropna(subset=["index"])
        if scored.empty:
            reason = own.reason.dropna().iloc[-1] if not own.empty else "geen gegevens"
            gemeente = scores[(scores.area_code == self.gemeente)].dropna(subset=["index"])
            reference = (
                f" Ter vergelijking: de gemeente staat in {int(gemeente.year.iloc[-1])} op "
                f"{format_number(gemeente['index'].iloc[-1], 0)}."
                if not gemeente.empty
                else ""
            )
            return {"scored": False, "text": f"Voor {self.name} wordt geen index berekend: {reason}.{reference}",
                    "method": method, "tables": []}  # fmt: skip
        year = int(scored.year.iloc[-1])

        def level(result: cohesion_index.IndexResult, area: str, y: int) -> float | None:
            match = result.scores[(result.scores.area_code == area) & (result.scores.year == y)]["index"]
            return None if match.empty or pd.isna(match.iloc[0]) else float(match.iloc[0])

        rows = []
        for key, label in [("index", "Sociale-samenhangindex")] + [
            (t, f"Deelindex {str(self.themes.get(t, t)).lower()}") for t in state.index_themes
        ]:
            now, before = level(results[key], self.code, year), level(results[key], self.code, year - 1)
            change = now - before if now is not None and before is not None else None
            row = [label, value_cell(now, 0, ""), format_change(change, 0) or SUPPRESSED,
                   direction_text(change, "higher", 0)]  # fmt: skip
            if self.level == "wijk":
                row.append(value_cell(level(results[key], self.gemeente, year), 0, ""))
            rows.append(row)
        columns = ["Maat", f"{year}", f"t.o.v. {year - 1}", "Richting"]
        if self.level == "wijk":
            columns.append(f"Gemeente {year}")
        widths = ["38%", "14%", "16%", "18%", "14%"] if self.level == "wijk" else ["44%", "16%", "18%", "22%"]
        levels = self.notes.table(columns, rows, [False, True, True, False, True][: len(columns)], widths)

        parts = results["index"].contributions
        parts = parts[(parts.area_code == self.code) & (parts.year == year)]
        shown = self._suppressed([self.code])
        shown = shown[shown.year == year].set_index("indicator_id").suppressed
        component_rows = []
        hidden_parts = []
        for part in parts.sort_values("contribution", ascending=False).itertuples():
            reason = shown.get(part.indicator_id)
            decimals = int(self.meta.at[part.indicator_id, "decimals"])
            unit = str(self.meta.at[part.indicator_id, "unit"])
            if isinstance(reason, str):
                hidden_parts.append(part.indicator_id)
                component_rows.append([labels[part.indicator_id], Hidden(reason), Hidden(reason),
                                       format_number(part.weight, 0), Hidden(reason)])  # fmt: skip
            else:
                component_rows.append(
                    [
                        labels[part.indicator_id],
                        format_value(part.value, decimals, unit),
                        format_change(part.z, 2) or SUPPRESSED,
                        format_number(part.weight, 0),
                        format_change(part.contribution, 1) or SUPPRESSED,
                    ]
                )
        components = self.notes.table(
            [
                "Component",
                "Waarde",
                f"Afstand tot gemeente {state.spec.base_year} (SD)",
                "Gewicht",
                "Bijdrage (punten)",
            ],
            component_rows,
            [False, True, True, True, True],
            ["38%", "14%", "20%", "11%", "17%"],
        )
        visible = parts[~parts.indicator_id.isin(hidden_parts)]
        sentence = profile.contribution_sentence(visible, labels)
        if not visible.empty:
            self.figures["contributions"] = {
                "parts": visible[["indicator_id", "contribution"]],
                "labels": labels,
                "alt": f"Staafdiagram van de bijdrage van elke component aan de index van {self.name} in {year}. "
                + "; ".join(
                    f"{labels[p.indicator_id]} {format_change(p.contribution, 1)}"
                    for p in visible.sort_values("contribution", ascending=False).itertuples()
                )
                + ". "
                + sentence,
            }
        course = scores[scores.area_code.isin([self.code, self.gemeente])].dropna(subset=["index"])
        years = sorted(int(y) for y in course.year.unique())
        course_rows = []
        for area, name in ((self.code, self.name), (self.gemeente, self.gemeente_name)):
            if area == self.gemeente and self.level == "gemeente" and course_rows:
                continue
            series = course[course.area_code == area].set_index("year")["index"]
            course_rows.append([name, *[value_cell(series.get(y), 0, "") for y in years]])
        course_table = self.notes.table(
            ["Gebied", *[str(y) for y in years]], course_rows, [False, *[True] * len(years)],
            ["22%", *[f"{78 / max(len(years), 1):.2f}%"] * len(years)],
        )  # fmt: skip
        trend = profile.trend_sentence(
            own.dropna(subset=["index"]).rename(columns={"index": "value"}), "de index", 0, "", self.name
        )
        return {
            "scored": True,
            "year": year,
            "text": f"{self.name} staat in {year} op {format_number(scored['index'].iloc[-1], 0)}. {trend}",
            "sentence": sentence,
            "method": method,
            "tables": [("Index en deelindices", levels)],
            "components": components,
            "course": course_table,
        }

    # -- Ambities 2030 -------------------------------------------------------------------------------------

    def ambitions_section(self) -> dict[str, object]:
        state = self.state
        targets = state.tables["target"]
        ambition_table = state.tables["ambition"].sort_values("number")
        rules_text = (
            "De laatste meting wordt vergeleken met het benodigde pad van de nulmeting (2020) via de mijlpalen naar "
            f"het doel. {ambitions.status_label(ambitions.ON_TRACK)}: op of vóór het pad, of hooguit "
            f"{format_number(ambitions.ATTENTION_SHARE * 100)}% van de afstand nulmeting–doel erachter; "
            f"{ambitions.status_label(ambitions.ATTENTION)}: {format_number(ambitions.ATTENTION_SHARE * 100)} tot "
            f"{format_number(ambitions.BEHIND_SHARE * 100)}% erachter; {ambitions.status_label(ambitions.BEHIND)}: "
            "meer "
            f"dan {format_number(ambitions.BEHIND_SHARE * 100)}% erachter. Een ambitie staat op achter als meer dan de "
            "helft van haar indicatoren achter staat, op aandacht als minstens één indicator niet op koers is. De "
            "prognose is een rechte lijn door de metingen vanaf 2020 met een 95%-voorspellingsinterval."
        )
        if targets.empty:
            return {"text": "Er zijn nog geen doelen voor 2030 vastgelegd.", "rules": rules_text, "tables": []}
        stored = state.tables["indicator_value"]
        shown = suppression.suppress(stored, self.indicators, overview.population(stored), state.rules)
        assessments = ambitions.assess_all(targets, shown, self.indicators)
        summary = ambitions.summary(assessments, self.indicators)
        portfolio = ambitions.portfolio(summary, ambition_table)

        def portfolio_table(area: str, area_name: str) -> Table:
            rows = []
            for ambition in ambition_table.itertuples():
                mine = summary[(summary.ambition_id == ambition.ambition_id) & (summary.area_code == area)]
                counts = ambitions.status_counts(s if isinstance(s, str) else None for s in mine.status)
                status = portfolio.at[ambition.ambition_id, area] if area in portfolio.columns else None
                rows.append(
                    [
                        f"{ambition.number}. {ambition.title}",
                        ambitions.status_label(status) if isinstance(status, str) else "– geen doel",
                        ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "geen",
                    ]
                )
            return self.notes.table(
                ["Ambitie", f"Status {area_name}", "Indicatoren"], rows, None, ["50%", "20%", "30%"]
            )

        def detail(area: str) -> tuple[Table, list[str]]:
            rows: list[list[Cell] | Group] = []
            sentences = []
            bars = []
            mine = [(a, s) for a, s in zip(assessments, summary.itertuples(), strict=True) if a.area_code == area]
            for ambition in ambition_table.itertuples():
                group = [(a, s) for a, s in mine if s.ambition_id == ambition.ambition_id]
                if not group:
                    continue
                rows.append(Group(f"{ambition.number}. {ambition.title}"))
                for a, s in group:
                    indicator = self.meta.loc[a.indicator_id]
                    decimals, unit = int(indicator.decimals), str(indicator.unit)
                    projected = (
                        SUPPRESSED
                        if pd.isna(s.projected_value)
                        else f"{format_number(s.projected_value, decimals)} "
                        f"({format_number(s.projected_lower, decimals)}–{format_number(s.projected_upper, decimals)})"
                    )
                    rows.append(
                        [
                            self._label(a.indicator_id),
                            SUPPRESSED if a.latest_year is None else str(a.latest_year),
                            value_cell(a.latest_value, decimals, unit),
                            value_cell(a.required_value, decimals, unit),
                            ambitions.status_label(a.status),
                            projected,
                            value_cell(a.target, decimals, unit),
                        ]
                    )
                    sentences.append(f"{indicator.label}: {ambitions.explain(a, decimals, unit)}")
                    bars.append({"label": str(indicator.label), "share": s.share, "status": a.status})
            self.figures.setdefault("status", {"rows": pd.DataFrame(bars), "area": area})
            table = self.notes.table(
                ["Indicator", "Jaar", "Realisatie", "Benodigd", "Status", "Prognose 2030 (95%)", "Doel 2030"],
                rows,
                [False, False, True, True, False, True, True],
                ["27%", "7%", "12%", "11%", "13%", "18%", "12%"],
            )
            return table, sentences

        tables = []
        sentences: list[str] = []
        name = self.gemeente_name
        own_targets = self.code in set(summary.area_code)
        if own_targets:
            table, sentences = detail(self.code)
            tables.append((f"Indicatoren met een doel voor {self.name}", table))
            name = self.name
        if self.level == "wijk":
            tables.insert(0, ("Stand van de ambities in de gemeente", portfolio_table(self.gemeente, "gemeente")))
            text = (
                f"Voor {self.name} zijn doelen vastgelegd voor {len(summary[summary.area_code == self.code])} "
                "indicator(en); daaronder staan ze met hun status. Eerst de stand van de zes ambities in de gemeente."
                if own_targets
                else f"Voor {self.name} zijn geen eigen doelen voor 2030 vastgelegd. Ter vergelijking de stand van de "
                "zes ambities in de gemeente."
            )
        else:
            tables.insert(0, ("De zes ambities", portfolio_table(self.gemeente, "gemeente")))
            counts = ambitions.status_counts(portfolio[self.gemeente]) if self.gemeente in portfolio.columns else {}
            text = (
                "Van de zes ambities staan er "
                + ", ".join(
                    f"{n} op {s}" if s != ambitions.NO_STATUS else f"{n} zonder gegevens"
                    for s, n in counts.items()
                    if n
                )
                + "."
            )
            name = self.gemeente_name
        if "status" in self.figures:
            rows = self.figures["status"]["rows"]
            self.figures["status"]["alt"] = (
                f"Staafdiagram: per indicator met een doel voor {name} hoe ver de laatste meting vóór (+) of "
                "achter (−) "
                "op het benodigde pad ligt, als deel van de afstand nulmeting–doel. "
                + "; ".join(
                    f"{r.label}: {ambitions.status_label(r.status if isinstance(r.status, str) else None)}"
                    for r in rows.itertuples()
                )
                + "."
            )
        return {"text": text, "rules": rules_text, "tables": tables, "sentences": sentences}

    # -- Initiatieven en vrijwilligers -------------------------------------------------------------------

    def initiatives_section(self) -> dict[str, object]:
        rules = self.state.rules
        initiatives = self.state.tables["initiative"]
        volunteers = self.state.tables["volunteer_activity"]
        own = initiatives if self.level == "gemeente" else initiatives[initiatives.wijk_code == self.code]
        started = pd.to_datetime(initiatives.start_date).dt.year
        year = int(started.max()) if not initiatives.empty else None
        rows: list[list[Cell]] = []
        if year is not None:
            own_started = pd.to_datetime(own.start_date).dt.year
            for status in ("lopend", "idee", "afgerond", "gestopt"):
                rows.append([f"Initiatieven met status {status}", count_cell(int((own.status == status).sum()), rules),
                             "", ""])  # fmt: skip
            now, before = int((own_started == year).sum()), int((own_started == year - 1).sum())
            hidden = any(1 <= n <= rules.max_small_count for n in (now, before))
            rows.append(
                [
                    f"Nieuw gestart in {year}",
                    count_cell(now, rules),
                    count_cell(before, rules),
                    SUPPRESSED if hidden else direction_text(now - before, "higher", 0),
                ]
            )
            running = own[own.status == "lopend"].participants.fillna(0).sum()
            rows.append(["Deelnemers aan lopende initiatieven", count_cell(int(running), rules), "", ""])
            subsidy = float(own[own_started == year].subsidy_eur.fillna(0).astype(float).sum())
            rows.append([f"Subsidie voor initiatieven gestart in {year}", format_value(subsidy, 0, "euro"), "", ""])
        mine = volunteers[volunteers.area_code == self.code].sort_values(["year", "quarter"])
        if not mine.empty:
            latest = mine.iloc[-1]
            y, q = int(latest.year), int(latest.quarter)
            same = mine[(mine.year == y - 1) & (mine.quarter == q)]
            before = int(same.active_volunteers.iloc[0]) if not same.empty else None
            now = int(latest.active_volunteers)
            hidden = any(n is not None and 1 <= n <= rules.max_small_count for n in (now, before))
            rows.append(
                [
                    f"Actieve vrijwilligers, {q}e kwartaal {y} (vergeleken met {y - 1})",
                    count_cell(now, rules),
                    count_cell(before, rules) if before is not None else SUPPRESSED,
                    SUPPRESSED if hidden or before is None else direction_text(now - before, "higher", 0),
                ]
            )
            full = mine.groupby("year").filter(lambda g: len(g) == 4).groupby("year").volunteer_hours.sum()
            if not full.empty:
                last = int(full.index.max())
                hours, previous = int(full[last]), (int(full[last - 1]) if last - 1 in full.index else None)
                rows.append(
                    [
                        f"Vrijwilligersuren in {last}",
                        count_cell(hours, rules),
                        count_cell(previous, rules) if previous is not None else SUPPRESSED,
                        SUPPRESSED if previous is None else direction_text(hours - previous, "higher", 0),
                    ]
                )
            rows.append([f"Organisaties met vrijwilligers, {q}e kwartaal {y}",
                         count_cell(int(latest.organisations), rules), "", ""])  # fmt: skip
        brief = self.notes.table(
            ["Kenmerk (demo)", "Aantal", "Jaar ervoor", "Richting"],
            rows,
            [False, True, True, False],
            ["52%", "16%", "16%", "16%"],
            note="Bron: register van bewonersinitiatieven en vrijwilligersregistratie (democijfers).",
        )
        tables = [("In het kort", brief)]
        if self.level == "gemeente" and year is not None and not volunteers.empty:
            tables.append((f"Per wijk, {year}", self._initiatives_per_wijk(initiatives, volunteers, year)))
        text = (
            "Bewonersinitiatieven uit het register en de inzet van vrijwilligers bij lokale organisaties."
            if self.level == "gemeente"
            else f"Bewonersinitiatieven in {self.name} uit het register en de inzet van vrijwilligers in de wijk."
        )
        return {"text": text, "tables": tables}

    def _initiatives_per_wijk(self, initiatives: pd.DataFrame, volunteers: pd.DataFrame, year: int) -> Table:
        rules = self.state.rules
        started = pd.to_datetime(initiatives.start_date).dt.year
        latest = volunteers.sort_values(["year", "quarter"]).iloc[-1]
        y, q = int(latest.year), int(latest.quarter)
        rows = []
        for code, name in self.wijk_names.items():
            mine = initiatives[initiatives.wijk_code == code]
            quarter = volunteers[(volunteers.area_code == code) & (volunteers.year == y) & (volunteers.quarter == q)]
            hours = volunteers[(volunteers.area_code == code) & (volunteers.year == y)].volunteer_hours.sum()
            rows.append(
                [
                    name,
                    count_cell(int((mine.status == "lopend").sum()), rules),
                    count_cell(int((started[mine.index] == year).sum()), rules),
                    count_cell(int(quarter.active_volunteers.sum()) if not quarter.empty else None, rules),
                    count_cell(int(hours), rules),
                ]
            )
        return self.notes.table(
            ["Wijk", "Lopende initiatieven", f"Gestart in {year}", f"Vrijwilligers {q}e kw. {y}", f"Uren {y}"],
            rows,
            [False, True, True, True, True],
            ["32%", "17%", "15%", "19%", "17%"],
            note="Democijfers.",
        )

    # -- Bronnen en definities -------------------------------------------------------------------------

    def sources_section(self) -> dict[str, object]:
        state = self.state
        loads = [
            [
                str(row.load_id),
                str(row.dataset),
                str(row.source),
                f"{pd.Timestamp(row.loaded_at):%d-%m-%Y}",
                "ja" if row.is_demo else "nee",
                str(row.sha256)[:12],
            ]
            for row in state.loads.itertuples()
        ]
        load_table = self.notes.table(
            ["Lading", "Gegevens", "Bron", "Geladen", "Demo", "SHA-256 (begin)"],
            loads,
            [True, False, False, False, False, False],
            ["9%", "16%", "38%", "12%", "8%", "17%"],
        )
        indicator_rows: list[list[Cell] | Group] = []
        for theme_id, theme in self.indicators.sort_values("label").groupby("theme_id", sort=True):
            indicator_rows.append(Group(str(self.themes.get(theme_id, theme_id))))
            for row in theme.itertuples():
                indicator_rows.append(
                    [
                        str(row.label),
                        str(row.definition),
                        str(row.unit),
                        f"{row.source}; {row.licence}",
                        str(row.peildatum),
                        "ja" if row.is_demo else "nee",
                    ]
                )
        indicator_table = self.notes.table(
            ["Indicator", "Definitie", "Eenheid", "Bron en licentie", "Peildatum", "Demo"],
            indicator_rows,
            None,
            ["20%", "32%", "11%", "20%", "11%", "6%"],
        )
        weights = [
            [
                str(self.meta.at[row.indicator_id, "label"]),
                str(self.themes.get(row.theme_id, row.theme_id)),
                format_number(row.weight, 0),
                "hoger is beter" if row.direction == "higher" else "lager is beter",
            ]
            for row in state.spec.components.itertuples()
        ]
        weight_table = self.notes.table(
            ["Component", "Thema", "Gewicht", "Richting"], weights, [False, False, True, False],
            ["40%", "28%", "12%", "20%"],
        )  # fmt: skip
        rules = state.rules
        privacy = [
            f"Aantallen van 1 tot en met {rules.max_small_count} (personen of gebeurtenissen) worden niet getoond.",
            f"Cijfers per inwoner (percentages, cijfers per 1.000 inwoners, rapportcijfers) van wijken met minder dan "
            f"{format_number(rules.min_population)} inwoners worden niet getoond; die wijken krijgen ook geen index.",
            f"Enquêtecijfers op basis van minder dan {rules.min_respondents} respondenten worden niet getoond.",
        ]
        return {
            "loads": load_table,
            "indicators": indicator_table,
            "weights": weight_table,
            "privacy": privacy,
        }


def compass(boundaries: pd.DataFrame, area_code: str) -> str:
    """'in het zuidoosten van de gemeente' from the wijk's centre against the gemeente's (RD New)."""
    from report.figures import shapes_rd

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
