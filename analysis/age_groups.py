"""Age group as a choice: indicators measured for several age groups, one catalogue indicator per group.

The store is long form (indicator, area, year), so RIVM's figures for 18+ and 65+ are separate indicators
(``eenzaam_pct`` and ``eenzaam_65plus_pct``). Which indicators are twins is data, read from
``data/catalogue/rivm_mapping.yaml`` (:func:`data.rivm.load_age_groups`); this module only chooses. The
default group (18+) is the indicator every page lists; the other members are reached through the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class AgeGroups:
    default: str  # the group every list shows, e.g. '18+'
    labels: dict[str, str]  # group -> as the page says it ('65+' -> '65 jaar en ouder'), in display order
    twins: dict[str, dict[str, str]]  # default indicator -> {group: indicator}, only where there are two or more

    def groups(self, indicator_id: str) -> list[str]:
        """The groups an indicator (any member) can be shown for, in label order; [] without twins."""
        members = self.twins.get(self.base(indicator_id), {})
        return [group for group in self.labels if group in members] if len(members) > 1 else []

    def base(self, indicator_id: str) -> str:
        """The default-group indicator of any member ('eenzaam_65plus_pct' -> 'eenzaam_pct')."""
        return next((b for b, members in self.twins.items() if indicator_id in members.values()), indicator_id)

    def group_of(self, indicator_id: str) -> str:
        """The group a member stands for; the default for an indicator without twins."""
        members = self.twins.get(self.base(indicator_id), {})
        return next((group for group, member in members.items() if member == indicator_id), self.default)

    def pick(self, indicator_id: str, group: str) -> str:
        """The member of ``group`` (the indicator itself when it has no member for that group)."""
        return self.twins.get(self.base(indicator_id), {}).get(group, indicator_id)

    def with_twins(self) -> list[str]:
        """The groups some indicator has a twin for, in label order (the page-wide choice)."""
        return [group for group in self.labels if sum(group in m for m in self.twins.values())]

    def others(self) -> set[str]:
        """Members of a group other than the default: listed only through the choice."""
        return {m for members in self.twins.values() for g, m in members.items() if g != self.default}

    def any_twins(self, indicator_ids: pd.Series | list[str]) -> bool:
        """Whether any of the indicators has twins (the choice is worth showing)."""
        return any(self.groups(i) for i in indicator_ids)


def choose(frame: pd.DataFrame, groups: AgeGroups, group: str) -> pd.DataFrame:
    """The rows of ``frame`` (with an ``indicator_id`` column) for one age group: an indicator with twins
    keeps only its member for ``group`` (the default member when there is none for that group); an
    indicator without twins stays."""
    wanted = {groups.pick(base, group) for base in groups.twins}
    members = {m for members in groups.twins.values() for m in members.values()}
    keep = ~frame.indicator_id.isin(members) | frame.indicator_id.isin(wanted)
    return frame[keep]
