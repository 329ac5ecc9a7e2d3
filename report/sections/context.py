"""What every section of a snapshot reads: the state, the area it is about, and the shared footnotes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import national, overview, suppression
from report.state import State
from report.tables import Footnotes


@dataclass(frozen=True, eq=False)
class Context:
    """One snapshot's area and the catalogue lookups the sections share.

    ``notes`` is the one mutable part: every table is made through it, so hidden values get their letters
    in the order of the document. Build the sections in the order they are printed.
    """

    state: State
    code: str  # the area the snapshot is about
    level: str  # gemeente | wijk
    name: str  # "Gemeente <naam>" or the wijk's name
    gemeente: str  # the gemeente's CBS code
    gemeente_name: str
    areas: pd.DataFrame  # indexed by area_code
    indicators: pd.DataFrame  # the catalogue as stored
    meta: pd.DataFrame  # the catalogue indexed by indicator_id
    themes: pd.Series  # theme label by theme_id
    population: pd.Series  # inhabitants by area_code
    wijk_names: dict[str, str]  # every wijk, by code, in code order
    nederland: pd.DataFrame  # Nederland's values (analysis.national.nederland), beside the gemeente's
    notes: Footnotes
    _kpis: list[overview.Kpi] = field(default_factory=list, repr=False)  # gemeente_kpis, computed once

    @classmethod
    def create(cls, state: State, area_code: str) -> Context:
        areas = state.tables["area"].set_index("area_code")
        level = str(areas.at[area_code, "level"])
        gemeente_name = f"Gemeente {state.settings.gemeente_naam}"
        indicators = state.tables["indicator"]
        wijken = areas[areas.level == "wijk"].sort_index()
        return cls(
            state=state,
            code=area_code,
            level=level,
            name=gemeente_name if level == "gemeente" else str(areas.at[area_code, "name"]),
            gemeente=state.settings.gemeente_code,
            gemeente_name=gemeente_name,
            areas=areas,
            indicators=indicators,
            meta=indicators.set_index("indicator_id"),
            themes=state.tables["theme"].set_index("theme_id").label,
            population=overview.population(state.values),
            wijk_names=wijken.name.to_dict(),
            nederland=national.nederland(state.tables["nl_value"]),
            notes=Footnotes(),
        )

    def label(self, indicator_id: str) -> str:
        """The indicator's label, with "(demo)" when its figures are demo figures."""
        label = str(self.meta.at[indicator_id, "label"])
        return f"{label} (demo)" if self.meta.at[indicator_id, "is_demo"] else label

    def suppressed(self, area_codes: list[str]) -> pd.DataFrame:
        """The values of these areas through the raad's privacy rules (``analysis.suppression.suppress``)."""
        rows = self.state.values[self.state.values.area_code.isin(area_codes)]
        return suppression.suppress(rows, self.indicators, self.population, self.state.rules)

    def theme_label(self, theme_id: str) -> str:
        return str(self.themes.get(theme_id, theme_id))

    def gemeente_kpis(self) -> list[overview.Kpi]:
        """The Overzicht's key figures of the gemeente in this state (``analysis.overview.gemeente_kpis``)."""
        if not self._kpis:  # asked by the key figures and by their course over the years
            tables = self.state.tables
            self._kpis.extend(
                overview.gemeente_kpis(
                    self.state.values,
                    self.indicators,
                    tables["initiative"],
                    tables["volunteer_activity"],
                    tables["spending"],
                    self.gemeente,
                )
            )
        return list(self._kpis)
