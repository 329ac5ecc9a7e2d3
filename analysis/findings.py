"""What stands out ("Wat valt op"): three to five findings in plain Dutch, generated from the data.

Every judgement comes from the one place that makes it: a change is ``beter``/``slechter`` only when
:func:`analysis.judgement.judge_change` says so (never ``gelijk``, never a size figure: those are judged
``hoger``/``lager`` and left out), and "behind on the 2030 path" is the status of
:func:`analysis.ambitions.assess` (``achter`` or ``aandacht``). This module only chooses and words.

**Which change is largest.** Indicators differ in unit, so changes are ranked by how many times they exceed
the indicator's own threshold (:func:`analysis.judgement.change_threshold`, the smallest change that counts).
A change is taken between the latest measurement of an area and the measurement before it (for the RIVM
survey: 2016 → 2020; for yearly figures: the year before). Values are suppressed first
(:func:`analysis.suppression.suppress`), so a finding never shows what the wijk table hides.

**The choice**, in this order, each slot taken only once and never twice for one indicator in one area:
the gemeente's largest worsening, a wijk behind on its 2030 path (else the gemeente), the gemeente's largest
improvement, the largest worsening in a wijk, the largest improvement in a wijk; then, when fewer than three,
the most striking of what is left. Within a slot an indicator not yet named goes first, and real figures go
before demo figures; a finding resting on demo data (a demo indicator or a demo target) says "(demo)".
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd

from analysis import ambitions, judgement, suppression
from analysis.formatting import format_value

CHANGE_WORSE, CHANGE_BETTER, BEHIND_PATH = "verslechterd", "verbeterd", "achter op pad"
MAX_FINDINGS = 5
DEMO_LABEL = "(demo)"

KAART, WIJKPROFIEL, AMBITIES = "pages/kaart.py", "pages/wijkprofiel.py", "pages/ambities.py"
WIJKPROFIEL_TRENDS = ("onderdeel", "Ontwikkeling")  # the Wijkprofiel's tab with the course over the years


@dataclass(frozen=True)
class Finding:
    """One sentence with the figures it rests on and the page that shows them."""

    text: str  # one Dutch sentence, ending in "(demo)" when it rests on demo data
    page: str  # the page that shows it, e.g. "pages/wijkprofiel.py"
    query_params: tuple[tuple[str, str], ...]  # for st.page_link(query_params=dict(...))
    is_demo: bool
    kind: str  # CHANGE_WORSE, CHANGE_BETTER or BEHIND_PATH
    indicator_id: str
    area_code: str
    year: int  # of ``value``
    value: float
    previous_year: int | None = None  # changes: the measurement before
    previous_value: float | None = None
    required_value: float | None = None  # behind the path: the value the path asks for in ``year``

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query_params)


@dataclass(frozen=True)
class _Candidate:
    finding: Finding
    weight: float  # larger = more striking

    @property
    def key(self) -> tuple[str, str]:
        return self.finding.indicator_id, self.finding.area_code


def _lower_first(label: str) -> str:
    """'Ernstig eenzaam' -> 'ernstig eenzaam', but 'CBS …' and 'Wmo-cliënten' keep their capitals where the
    second letter is a capital too (an abbreviation)."""
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]


def _place(area_code: str, names: dict[str, str], gemeente_code: str) -> str:
    return "de gemeente" if area_code == gemeente_code else names.get(area_code, area_code)


def _sentence(text: str, is_demo: bool) -> str:
    return f"{text} {DEMO_LABEL}" if is_demo else text


def _change_candidates(
    shown: pd.DataFrame, meta: pd.DataFrame, names: dict[str, str], gemeente_code: str
) -> list[_Candidate]:
    """Every change judged beter/slechter between an area's last two measurements of an indicator."""
    result = []
    directional = {i: row for i, row in meta.iterrows() if judgement.kind(row) == judgement.DIRECTIONAL}
    known = shown[shown.value.notna() & shown.indicator_id.isin(list(directional))]  # size/neutral: never better
    ordered = known.sort_values(["indicator_id", "area_code", "year"])
    last_two = ordered.groupby(["indicator_id", "area_code"], sort=False).tail(2)
    rows = list(last_two[["indicator_id", "area_code", "year", "value"]].itertuples(index=False, name=None))
    for earlier, later in itertools.pairwise(rows):
        if earlier[:2] != later[:2]:
            continue  # an area with one measurement, or the seam between two series
        indicator_id, area_code, before_year, before = earlier
        year, after = later[2:]
        indicator = directional[indicator_id]
        verdict = judgement.judge_change(before, after, indicator)
        if verdict is None or verdict.favourable is None:
            continue
        decimals, unit, is_demo = int(indicator.decimals), str(indicator.unit), bool(indicator.is_demo)
        moved = "gestegen" if verdict.change > 0 else "gedaald"
        outcome = "een verbetering" if verdict.favourable else "een verslechtering"
        # a percentage reads as a share of people: "Het aandeel ‘doet vrijwilligerswerk’ in Vrachelen …"
        subject = f"Het aandeel ‘{_lower_first(indicator.label)}’" if unit.startswith("%") else indicator.label
        text = (
            f"{subject} in {_place(area_code, names, gemeente_code)} is {moved} van "
            f"{format_value(before, decimals, unit)} in {int(before_year)} naar {format_value(after, decimals, unit)} "
            f"in {int(year)}: {outcome}."
        )
        if area_code == gemeente_code:
            page, params = KAART, (("indicator", str(indicator_id)), ("jaar", str(int(year))))
        else:
            page, params = WIJKPROFIEL, (("wijk", str(area_code)), WIJKPROFIEL_TRENDS, ("indicator", str(indicator_id)))
        finding = Finding(
            text=_sentence(text[0].upper() + text[1:], is_demo),
            page=page,
            query_params=params,
            is_demo=is_demo,
            kind=CHANGE_BETTER if verdict.favourable else CHANGE_WORSE,
            indicator_id=str(indicator_id),
            area_code=str(area_code),
            year=int(year),
            value=float(after),
            previous_year=int(before_year),
            previous_value=float(before),
        )
        weight = abs(verdict.change) / judgement.change_threshold(indicator, float(before))
        result.append(_Candidate(finding, weight))
    return result


def _behind_candidates(
    assessments: list[ambitions.Assessment],
    meta: pd.DataFrame,
    demo_targets: set[tuple[str, str]],
    names: dict[str, str],
    gemeente_code: str,
) -> list[_Candidate]:
    """Areas whose latest measurement is behind (achter) or somewhat behind (aandacht) the 2030 path."""
    result = []
    for a in assessments:
        if a.status not in (ambitions.BEHIND, ambitions.ATTENTION) or a.indicator_id not in meta.index:
            continue
        indicator = meta.loc[a.indicator_id]
        decimals, unit = int(indicator.decimals), str(indicator.unit)
        is_demo = bool(indicator.is_demo) or (a.indicator_id, a.area_code) in demo_targets
        how = "ligt achter op" if a.status == ambitions.BEHIND else "ligt iets achter op"
        place = _place(a.area_code, names, gemeente_code)
        place = place[0].upper() + place[1:]
        text = (
            f"{place} {how} het pad naar het doel voor {a.target_year} bij {_lower_first(indicator.label)}: "
            f"{format_value(a.latest_value, decimals, unit)} in {a.latest_year}, waar het pad "
            f"{format_value(a.required_value, decimals, unit)} vraagt."
        )
        finding = Finding(
            text=_sentence(text, is_demo),
            page=AMBITIES,
            query_params=(("ambitie", str(indicator.ambition_id)), ("gebied", a.area_code)),
            is_demo=is_demo,
            kind=BEHIND_PATH,
            indicator_id=a.indicator_id,
            area_code=a.area_code,
            year=int(a.latest_year),
            value=float(a.latest_value),
            required_value=float(a.required_value),
        )
        # behind before somewhat behind, then how far behind (share of the baseline→target distance)
        weight = (2.0 if a.status == ambitions.BEHIND else 1.0) + min(-float(a.share), 1.0)
        result.append(_Candidate(finding, weight))
    return result


def _ranked(candidates: list[_Candidate]) -> list[_Candidate]:
    """Real before demo, then the most striking first (ties: indicator and area, so the order is stable)."""
    return sorted(candidates, key=lambda c: (c.finding.is_demo, -c.weight, c.key))


def findings(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    targets: pd.DataFrame,
    gemeente_code: str,
    rules: suppression.Rules,
    limit: int = MAX_FINDINGS,
    area: str | None = None,
) -> list[Finding]:
    """Three to five findings (fewer only when the data hold fewer), most important first.

    With ``area`` a wijk code, only findings about that wijk, chosen in the same order with the wijk in the
    place of the gemeente: its largest worsening, its 2030 path, its largest improvement, then the most
    striking of what is left. ``area`` None or the gemeente: the gemeente and its wijken (the Overzicht).

    Parameters
    ----------
    values : indicator_id, area_code, year, value (all indicator values, derived ones included)
    indicators : the catalogue (indicator_id, label, unit, decimals, direction, is_additive,
        change_threshold, is_demo, ambition_id, is_count, per_capita)
    areas : area_code, level, name
    targets : the 2030 targets (indicator_id, area_code, year, kind, value, is_demo)
    gemeente_code : e.g. "GM0826"
    rules : the privacy rules; values are suppressed by them before anything is said
    area : None (or the gemeente code) for the whole gemeente, or one wijk's code
    """
    for column in ("indicator_id", "area_code", "year", "value"):
        if column not in values.columns:
            raise ValueError(f"values needs column {column!r}, got {list(values.columns)}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    meta = indicators.set_index("indicator_id")
    names = dict(areas.loc[areas.level == "wijk", ["area_code", "name"]].itertuples(index=False, name=None))
    if area is not None and area != gemeente_code and area not in names:
        raise ValueError(f"area must be the gemeente or one of its wijken, got {area!r}")
    values = values[values.area_code.isin([gemeente_code, *names])]  # buurten: not on the Overzicht
    inhabitants = values[(values.indicator_id == "inwoners") & values.value.notna()].sort_values("year")
    population = inhabitants.groupby("area_code").value.last()
    shown = suppression.suppress(values, indicators, population, rules)

    changes = _change_candidates(shown, meta, names, gemeente_code)
    demo_targets = (
        set(targets.loc[targets.is_demo.astype(bool), ["indicator_id", "area_code"]].itertuples(index=False, name=None))
        if "is_demo" in targets.columns
        else set()
    )
    behind = (
        _behind_candidates(ambitions.assess_all(targets, shown, indicators), meta, demo_targets, names, gemeente_code)
        if not targets.empty
        else []
    )

    if area is not None and area != gemeente_code:  # one wijk: only what is said about it
        changes = [c for c in changes if c.finding.area_code == area]
        behind = [c for c in behind if c.finding.area_code == area]

    def pick(kind: str, where: str | None) -> list[_Candidate]:
        pool = changes if kind != BEHIND_PATH else behind
        chosen = [c for c in pool if c.finding.kind == kind]
        if where == "gemeente":
            chosen = [c for c in chosen if c.finding.area_code == gemeente_code]
        elif where == "wijk":
            chosen = [c for c in chosen if c.finding.area_code != gemeente_code]
        return _ranked(chosen)

    if area is not None and area != gemeente_code:
        slots = [pick(CHANGE_WORSE, None), pick(BEHIND_PATH, None), pick(CHANGE_BETTER, None)]
    else:
        slots = [
            pick(CHANGE_WORSE, "gemeente"),
            pick(BEHIND_PATH, "wijk") or pick(BEHIND_PATH, "gemeente"),
            pick(CHANGE_BETTER, "gemeente"),
            pick(CHANGE_WORSE, "wijk"),
            pick(CHANGE_BETTER, "wijk"),
        ]
    chosen: list[Finding] = []
    taken: set[tuple[str, str]] = set()

    def take(candidates: list[_Candidate]) -> None:
        """The first candidate not yet said, preferring an indicator not yet named (five different subjects
        tell more than one subject five times)."""
        fresh = [c for c in candidates if c.key not in taken]
        named = {f.indicator_id for f in chosen}
        for candidate in [c for c in fresh if c.finding.indicator_id not in named] + fresh:
            taken.add(candidate.key)
            chosen.append(candidate.finding)
            return

    for slot in slots:
        if len(chosen) < limit:
            take(slot)
    for candidate in _ranked(changes + behind):  # fewer than wanted: fill with the most striking left
        if len(chosen) >= min(limit, 3):
            break
        take([candidate])
    return chosen[:limit]
