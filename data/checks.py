"""Data tests on a built store (``python -m data check``), in the spirit of dbt's column tests.

Each check returns the offending rows; an empty frame means it passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from data.edits import APP_SOURCE, CREATED_SOURCE
from data.store import TABLE_KEYS, Store

# CBS rounds counts to multiples of 5, so each wijk may be off by up to 2 against the exact total.
CBS_ROUNDING_PER_AREA = 2.5


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    failures: pd.DataFrame

    @property
    def passed(self) -> bool:
        return self.failures.empty


class _Tables:
    """Current tables, read once per check run."""

    def __init__(self, store: Store):
        self._store = store
        self._cache: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_KEYS:
            raise AttributeError(name)
        if name not in self._cache:
            self._cache[name] = self._store.table(name)
        return self._cache[name]


def _unique_keys(t: _Tables) -> pd.DataFrame:
    problems = []
    for table, key in TABLE_KEYS.items():
        frame = getattr(t, table)
        dup = frame[frame.duplicated(list(key), keep=False)]
        if not dup.empty:
            problems.append(dup[list(key)].assign(table=table))
    return pd.concat(problems) if problems else pd.DataFrame()


# A row written as the *creation* of an item (load source 'app: nieuw agendapunt <id>' / 'app: notitie <id>')
# while an earlier load in force already held that id: two different items share one id, and the older one is
# hidden as an "earlier version" of the newer. The table and id column come from data/edits.py (constants).
_SQL_SHARED_ID = """
    select '{table}' as "table", t.{column} as id, t.load_id as lading, min(e.load_id) as eerdere_lading
    from {table} as t
    join load_log as l on l.load_id = t.load_id
    join {table} as e on e.{column} = t.{column} and e.load_id < t.load_id
    join load_log as el on el.load_id = e.load_id
    where l.status = 'ok' and el.status = 'ok' and l.source = $prefix || t.{column}
    group by all
"""


def _shared_ids(t: _Tables) -> pd.DataFrame:
    """Agenda items and notes created by the app whose id an earlier item already had."""
    found = [
        t._store.query(
            _SQL_SHARED_ID.format(table=table, column=column),  # constants, never user input
            {"prefix": f"{APP_SOURCE}{source}"},
        )
        for table, (column, source) in CREATED_SOURCE.items()
    ]
    return pd.concat(found, ignore_index=True)


def _not_null(t: _Tables) -> pd.DataFrame:
    """Values that must be present: population per area, survey figures with n and margin."""
    values = t.indicator_value
    population = values[values.indicator_id == "inwoners"]
    missing_population = t.area[(t.area.level != "buurt") & ~t.area.area_code.isin(population.area_code)]
    survey = values[values.n_respondents.notna()]
    incomplete_survey = survey[survey.value.isna() | survey.margin.isna()]
    return pd.concat(
        [
            missing_population[["area_code"]].assign(problem="geen inwonertal"),
            incomplete_survey[["indicator_id", "area_code", "year"]].assign(
                problem="enquêtecijfer zonder waarde of marge"
            ),
        ]
    )


def _known_codes(t: _Tables) -> pd.DataFrame:
    areas = set(t.area.area_code)
    pairs = [
        ("indicator_value", "area_code", areas),
        ("indicator_value", "indicator_id", set(t.indicator.indicator_id)),
        ("target", "area_code", areas),
        ("target", "indicator_id", set(t.indicator.indicator_id)),
        ("initiative", "wijk_code", areas),
        ("volunteer_activity", "area_code", areas),
        ("spending", "area_code", areas),
        ("spending", "taakveld_code", set(t.taakveld.taakveld_code)),
        ("agenda_item", "area_code", areas),
        ("agenda_item", "ambition_id", set(t.ambition.ambition_id)),
        ("area_boundary", "area_code", areas),
        ("indicator", "theme_id", set(t.theme.theme_id)),
        ("note", "area_code", areas),
        ("note", "indicator_id", set(t.indicator.indicator_id)),
        ("nl_value", "area_code", set(t.nl_area.area_code)),
        ("nl_value", "indicator_id", set(t.indicator.indicator_id)),
    ]
    problems = []
    for table, column, known in pairs:
        frame = getattr(t, table)
        bad = frame[frame[column].notna() & ~frame[column].isin(known)]
        problems.append(pd.DataFrame({"table": table, "column": column, "value": bad[column]}))
    buurten = t.area[t.area.level == "buurt"].set_index("area_code").parent_code
    located = t.initiative[t.initiative.buurt_code.notna()]
    wrong_wijk = located[located.buurt_code.map(buurten) != located.wijk_code]
    problems.append(pd.DataFrame({"table": "initiative", "column": "buurt_code", "value": wrong_wijk.buurt_code}))
    return pd.concat(problems, ignore_index=True)


def _with_catalogue(t: _Tables) -> pd.DataFrame:
    return t.indicator_value.merge(t.indicator[["indicator_id", "unit", "is_count"]], on="indicator_id")


def _counts_non_negative(t: _Tables) -> pd.DataFrame:
    values = _with_catalogue(t)
    counts = values[values.is_count & values.value.notna()]
    bad = counts[(counts.value < 0) | (counts.value % 1 != 0)]
    bad_numerators = values[(values.numerator < 0) | (values.denominator < 0)]
    return pd.concat([bad, bad_numerators])[["indicator_id", "area_code", "year", "value"]]


def _ranges(t: _Tables) -> pd.DataFrame:
    values = _with_catalogue(t)
    pct = values[values.unit.str.startswith("%")]
    score = values[values.unit.str.startswith("score 0–10")]
    return pd.concat([pct[(pct.value < 0) | (pct.value > 100)], score[(score.value < 0) | (score.value > 10)]])[
        ["indicator_id", "area_code", "year", "value", "unit"]
    ]


def _population_sums(t: _Tables) -> pd.DataFrame:
    values = t.indicator_value[t.indicator_value.indicator_id == "inwoners"]
    level = t.area.set_index("area_code").level
    rows = []
    for year, group in values.groupby("year"):
        wijken = group[group.area_code.map(level) == "wijk"]
        gemeente = group[group.area_code.map(level) == "gemeente"]
        if wijken.empty or gemeente.empty:
            continue
        difference = wijken.value.sum() - gemeente.value.iloc[0]
        if abs(difference) > CBS_ROUNDING_PER_AREA * len(wijken):
            rows.append(
                {
                    "year": year,
                    "som_wijken": wijken.value.sum(),
                    "gemeente": gemeente.value.iloc[0],
                    "verschil": difference,
                }
            )
    return pd.DataFrame(rows)


def _spending_allocation(t: _Tables) -> pd.DataFrame:
    spending = t.spending.merge(t.taakveld[["taakveld_code", "per_wijk"]], on="taakveld_code")
    level = t.area.set_index("area_code").level
    spending["level"] = spending.area_code.map(level)
    wijk = spending[spending.level == "wijk"]
    not_allowed = wijk[~wijk.per_wijk].assign(problem="toegerekend aan wijk, maar taakveld is niet per wijk")
    sums = wijk.groupby(["taakveld_code", "year", "kind"], as_index=False).amount_eur.sum()
    totals = spending[spending.level == "gemeente"][["taakveld_code", "year", "kind", "amount_eur"]]
    compared = sums.merge(totals, on=["taakveld_code", "year", "kind"], how="left", suffixes=("_wijken", "_gemeente"))
    mismatch = compared[(compared.amount_eur_wijken - compared.amount_eur_gemeente).abs().fillna(1) > 0.5]
    return pd.concat(
        [
            not_allowed[["taakveld_code", "area_code", "year", "kind", "problem"]],
            mismatch.assign(problem="som van de wijken wijkt af van de gemeente"),
        ]
    )


def _boundaries(t: _Tables) -> pd.DataFrame:
    drawn = t.area[t.area.level != "gemeente"]
    return drawn[~drawn.area_code.isin(t.area_boundary.area_code)][["area_code", "level"]]


CHECKS: list[tuple[str, str, Callable[[_Tables], pd.DataFrame]]] = [
    ("unieke_sleutels", "elke sleutel komt één keer voor in de actuele gegevens", _unique_keys),
    (
        "unieke_ids_bewerkingen",
        "geen twee verschillende agendapunten of notities met hetzelfde id",
        _shared_ids,
    ),
    ("verplichte_waarden", "elk gebied heeft een inwonertal; enquêtecijfers hebben waarde en marge", _not_null),
    (
        "bekende_codes",
        "gebieds-, indicator-, taakveld- en ambitiecodes bestaan (ook in het logboek en de landelijke tabellen)",
        _known_codes,
    ),
    ("tellingen_niet_negatief", "tellingen zijn gehele getallen >= 0", _counts_non_negative),
    ("bereik", "percentages 0–100, rapportcijfers 0–10", _ranges),
    ("inwoners_optelling", "wijken tellen op tot de gemeente (binnen CBS-afronding)", _population_sums),
    ("uitgaven_toerekening", "toegerekende uitgaven tellen op tot de gemeente", _spending_allocation),
    ("grenzen", "elke wijk en buurt heeft een grens", _boundaries),
]


def run_checks(store: Store) -> list[CheckResult]:
    tables = _Tables(store)
    return [CheckResult(name, description, check(tables)) for name, description, check in CHECKS]
