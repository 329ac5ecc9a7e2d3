"""What a beheerder can load: one declaration per dataset, the single place that names the file columns.

Each :class:`Dataset` lists its file columns (Dutch, as in the templates) with the store column each one
fills, its kind (how a cell is read), whether it is required, its range or choices and an example value
for the template. Validation (``data.validation``) and the templates are generated from these
declarations; nothing else knows the column names.

The CBS *Kerncijfers wijken en buurten* layout (``kwb``) is different: one row per region, one column per
CBS variable. Which variable feeds which catalogue indicator is data, in ``catalogue/kwb_mapping.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from data.catalogue import CATALOGUE_DIR, CatalogueError
from data.rivm import load_mapping as load_rivm_mapping

KWB_MAPPING_FILE = CATALOGUE_DIR / "kwb_mapping.yaml"
THIS_YEAR = date.today().year

# Kinds of cell. 'area', 'indicator', 'taakveld' and 'ambition' are text that must be a known code;
# 'value' is a number whose range follows the unit of the row's indicator in the catalogue.
KINDS = ("text", "integer", "number", "amount", "date", "bool", "choice", "area", "indicator", "taakveld", "ambition")
KIND_LABELS = {
    "text": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "amount": "bedrag in euro",
    "date": "datum (dd-mm-jjjj)",
    "bool": "ja/nee",
    "choice": "een van de vaste waarden",
    "area": "gebiedscode (GM/WK/BU)",
    "indicator": "indicator-id uit de catalogus",
    "taakveld": "Iv3-taakveldcode",
    "ambition": "ambitie-id uit de catalogus",
}


@dataclass(frozen=True)
class Field:
    """One column of a dataset file."""

    column: str  # name in the file (Dutch, lower case)
    target: str  # column in the store table
    kind: str
    example: object
    help: str
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # for 'area': the area levels allowed (empty = any level)
    unit_range: bool = False  # for numbers: range from the unit of the row's indicator

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.column}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Dataset:
    name: str  # as in load_log.dataset
    label: str
    description: str
    table: str  # the store table it loads into
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # file columns that identify a row (no duplicates inside a file)
    constants: tuple[tuple[str, object], ...] = ()  # store columns set for every row

    @property
    def columns(self) -> list[str]:
        return [f.column for f in self.fields]

    def field(self, column: str) -> Field:
        return next(f for f in self.fields if f.column == column)


def _year(column: str = "jaar", first: int = 2000, last: int = THIS_YEAR + 1, example: int = 2025) -> Field:
    return Field(column, "year", "integer", example, f"jaartal ({first}–{last})", minimum=first, maximum=last)


_AREA = Field("gebiedscode", "area_code", "area", "WK082606", "code van gemeente, wijk of buurt, bijv. WK082606")

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "indicatorwaarden",
            "Indicatorwaarden",
            "Cijfers per indicator, gebied en jaar (lange vorm), met eventueel teller, noemer, respondenten en marge.",
            "indicator_value",
            (
                Field("indicator", "indicator_id", "indicator", "samenhang_score", "id uit de indicatorcatalogus"),
                _AREA,
                _year(first=1990),
                Field(
                    "waarde",
                    "value",
                    "number",
                    6.4,
                    "de waarde in de eenheid van de indicator (leeg = onbekend)",
                    required=False,
                    unit_range=True,
                ),
                Field("teller", "numerator", "number", None, "teller van een aandeel (optioneel)", False, 0),
                Field("noemer", "denominator", "number", None, "noemer van een aandeel (optioneel)", False, 0),
                Field("respondenten", "n_respondents", "integer", 412, "aantal respondenten (optioneel)", False, 0),
                Field("marge", "margin", "number", 0.13, "halve breedte 95%-interval (optioneel)", False, 0),
            ),
            ("indicator", "gebiedscode", "jaar"),
        ),
        Dataset(
            "enquete",
            "Enquêteresultaten per wijk",
            "Uitkomsten van de wijkenquête: score of percentage per indicator, wijk en jaar, met respondenten "
            "en marge.",
            "indicator_value",
            (
                Field("indicator", "indicator_id", "indicator", "samenhang_score", "id uit de indicatorcatalogus"),
                _AREA,
                _year(),
                Field("score", "value", "number", 6.4, "score (0–10) of percentage (0–100)", unit_range=True),
                Field("respondenten", "n_respondents", "integer", 412, "aantal respondenten", minimum=0),
                Field("marge", "margin", "number", 0.13, "halve breedte 95%-interval", required=False, minimum=0),
            ),
            ("indicator", "gebiedscode", "jaar"),
        ),
        Dataset(
            "initiatieven",
            "Initiatieven",
            "Het register van bewonersinitiatieven: één rij per initiatief.",
            "initiative",
            (
                Field("initiatief_id", "initiative_id", "text", "INI-2025-001", "vaste code van het initiatief"),
                Field("titel", "title", "text", "Buurtkoffie De Vijf Eiken", "korte titel"),
                Field("omschrijving", "description", "text", "Wekelijkse koffieochtend", "omschrijving", False),
                Field("thema", "theme", "text", "Ontmoeting", "thema, bijv. Ontmoeting of Zorg voor elkaar"),
                Field(
                    "status",
                    "status",
                    "choice",
                    "lopend",
                    "idee, lopend, afgerond of gestopt",
                    choices=("idee", "lopend", "afgerond", "gestopt"),
                ),
                Field("startdatum", "start_date", "date", "01-03-2025", "startdatum"),
                Field("einddatum", "end_date", "date", None, "einddatum (leeg = loopt nog)", required=False),
                Field("deelnemers", "participants", "integer", 25, "aantal deelnemers", False, 0),
                Field("subsidie_eur", "subsidy_eur", "amount", 750, "toegekende subsidie in euro", False, 0),
                Field("wijkcode", "wijk_code", "area", "WK082606", "wijkcode, bijv. WK082606", levels=("wijk",)),
                Field("buurtcode", "buurt_code", "area", None, "buurtcode (optioneel)", False, levels=("buurt",)),
                Field("mooi_voorbeeld", "is_good_example", "bool", "nee", "ja of nee (leeg = nee)", False),
            ),
            ("initiatief_id",),
        ),
        Dataset(
            "vrijwilligers",
            "Vrijwilligersinzet",
            "Actieve vrijwilligers, uren en organisaties per gebied en kwartaal.",
            "volunteer_activity",
            (
                _AREA,
                _year(),
                Field("kwartaal", "quarter", "integer", 1, "kwartaal 1–4", minimum=1, maximum=4),
                Field("actieve_vrijwilligers", "active_volunteers", "integer", 120, "aantal", minimum=0),
                Field("vrijwilligersuren", "volunteer_hours", "integer", 1500, "uren in het kwartaal", minimum=0),
                Field("organisaties", "organisations", "integer", 9, "aantal organisaties", minimum=0),
            ),
            ("gebiedscode", "jaar", "kwartaal"),
        ),
        Dataset(
            "uitgaven",
            "Uitgaven sociaal domein",
            "Begroting en realisatie per Iv3-taakveld en jaar, voor de gemeente en waar toegerekend per wijk.",
            "spending",
            (
                Field("taakveld", "taakveld_code", "taakveld", "6.1", "Iv3-taakveldcode, bijv. 6.1 of 6.71"),
                _AREA,
                _year(first=2010, last=THIS_YEAR + 2),
                Field(
                    "soort", "kind", "choice", "realisatie", "begroot of realisatie", choices=("begroot", "realisatie")
                ),
                Field("bedrag_eur", "amount_eur", "amount", 2650000, "bedrag in euro", minimum=0),
            ),
            ("taakveld", "gebiedscode", "jaar", "soort"),
        ),
        Dataset(
            "doelen",
            "Doelen en mijlpalen",
            "Nulmeting, mijlpalen en doelen per indicator en gebied (de paden naar 2030).",
            "target",
            (
                Field("indicator", "indicator_id", "indicator", "samenhang_score", "id uit de indicatorcatalogus"),
                _AREA,
                _year(first=2000, last=2050, example=2030),
                Field(
                    "soort",
                    "kind",
                    "choice",
                    "doel",
                    "nulmeting, mijlpaal of doel",
                    choices=("nulmeting", "mijlpaal", "doel"),
                ),
                Field("waarde", "value", "number", 6.8, "waarde in de eenheid van de indicator", unit_range=True),
            ),
            ("indicator", "gebiedscode", "jaar"),
            constants=(("is_demo", False),),
        ),
        Dataset(
            "agenda",
            "Agenda van de wijk",
            "Acties op de agenda van de wijk: één rij per actie.",
            "agenda_item",
            (
                Field("agenda_id", "item_id", "text", "AG-06-01", "vaste code van de actie"),
                _AREA,
                Field("thema", "theme", "text", "samenhang", "thema"),
                Field("ambitie", "ambition_id", "ambition", "sociale_cohesie", "ambitie-id (optioneel)", False),
                Field("actie", "action", "text", "Buurtkamer openen", "wat er gebeurt"),
                Field("eigenaar_rol", "owner_role", "text", "wijkmakelaar", "rol van de eigenaar (geen naam)"),
                Field(
                    "status",
                    "status",
                    "choice",
                    "lopend",
                    "gepland, lopend, afgerond of vertraagd",
                    choices=("gepland", "lopend", "afgerond", "vertraagd"),
                ),
                Field("deadline", "deadline", "date", "31-12-2026", "datum (2015–2040)"),
                Field("voortgang_pct", "progress_pct", "integer", 40, "voortgang 0–100", minimum=0, maximum=100),
            ),
            ("agenda_id",),
        ),
    )
}

# Sane date bounds per date column: nothing before wijkgericht werken's predecessors, no typos like 2203.
DATE_RANGES: dict[str, tuple[date, date]] = {
    "startdatum": (date(2000, 1, 1), date(THIS_YEAR + 5, 12, 31)),
    "einddatum": (date(2000, 1, 1), date(2040, 12, 31)),
    "deadline": (date(2015, 1, 1), date(2040, 12, 31)),
}

# -- CBS Kerncijfers wijken en buurten -------------------------------------------------------------------

KWB = "kwb"
KWB_LABEL = "CBS Kerncijfers wijken en buurten"
KWB_DESCRIPTION = (
    "Een kwb-bestand van CBS in de eigen CBS-indeling (kwb-JJJJ.xlsx of .csv): één rij per regio met gwb_code, "
    "regio en recs en een kolom per variabele. Alleen de rijen van de eigen gemeente worden geladen; '.' (geheim "
    "of onbekend) wordt een lege waarde."
)
KWB_CODE = "gwb_code"
KWB_INFO_COLUMNS = ("regio", "recs", "soort_regio", "gm_naam", "gwb_code_10", "gwb_code_8", "ind_wbi", "jaar")
KWB_SECRET = "."  # noqa: S105 (CBS's marker for a secret or unknown figure, not a password)
KWB_SECRETS = (".", "x")  # '.' unknown or secret, 'x' secret (older kwb files); both become an empty value
_KWB_YEAR_IN_NAME = re.compile(r"kwb[-_ ]?(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class KwbMapping:
    variables: dict[str, str]  # CBS variable -> catalogue indicator id


def load_kwb_mapping(path: Path = KWB_MAPPING_FILE) -> KwbMapping:
    """Read ``kwb_mapping.yaml`` (variable: indicator id)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path.name}: niet te lezen: {exc}") from exc
    variables = raw.get("variables") if isinstance(raw, dict) else None
    if not isinstance(variables, dict) or not variables:
        raise CatalogueError(f"{path.name}: verwacht 'variables:' met per CBS-variabele een indicator-id.")
    for variable, indicator in variables.items():
        if not isinstance(variable, str) or not isinstance(indicator, str):
            raise CatalogueError(f"{path.name}: '{variable}: {indicator}' is geen variabele met indicator-id.")
    if len(set(variables.values())) != len(variables):
        raise CatalogueError(f"{path.name}: twee CBS-variabelen wijzen naar dezelfde indicator.")
    return KwbMapping({k.lower(): v for k, v in variables.items()})


def kwb_year_from_name(file_name: str) -> int | None:
    """'kwb-2023.xlsx' -> 2023; None when the name does not say."""
    match = _KWB_YEAR_IN_NAME.search(file_name)
    return int(match.group(1)) if match else None


# -- RIVM/CBS/GGD'en Gezondheid per wijk en buurt (StatLine 50090NED) -----------------------------------

RIVM = "rivm"
RIVM_LABEL = "RIVM Gezondheid per wijk en buurt (50090NED)"
RIVM_DESCRIPTION = (
    "Een download van StatLine-tabel 50090NED (RIVM/CBS/GGD'en, Gezondheidsmonitor; .xlsx of .csv) zoals "
    "StatLine hem geeft: één rij per regio, leeftijdsgroep en periode (kolommen WijkenEnBuurten, Leeftijd, "
    "Perioden zoals 2020JJ00) en een kolom per onderwerp. De rijen van de eigen gemeente worden indicatoren; "
    "Nederland en andere gemeenten en wijken vullen de landelijke vergelijking. '.' (geheim) wordt een lege "
    "waarde. Welke onderwerpen en leeftijdsgroepen worden geladen staat in rivm_mapping.yaml."
)
# The template: the id columns of a StatLine download, then the mapped variables (data/rivm.py reads them).
RIVM_ID_COLUMNS = ("WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Leeftijd", "Marges", "Perioden")
RIVM_EXAMPLE = {
    "WijkenEnBuurten": "WK082613",
    "Gemeentenaam_1": "Oosterhout",
    "SoortRegio_2": "Wijk",
    "Leeftijd": "20300",
    "Marges": "MW00000",
    "Perioden": "2020JJ00",
    "ErnstigZeerErnstigEenzaam_29": 7.9,
    "Eenzaam_28": 39.1,
    "Mantelzorger_32": 14.5,
    "Vrijwilligerswerk_33": 28.5,
}
RIVM_ID_NOTES = (
    ("WijkenEnBuurten", "CBS-code van Nederland, gemeente, wijk of buurt (NL01, GM…, WK…, BU…; spaties mogen)"),
    ("Gemeentenaam_1", "naam van de gemeente (optioneel)"),
    ("SoortRegio_2", "Land, Gemeente, Wijk of Buurt (optioneel)"),
    ("Leeftijd", "leeftijdsgroep: 20300 (18 jaar en ouder), 53115 (18 tot 65 jaar) of 80200 (65 jaar en ouder)"),
    ("Marges", "MW00000 = de schatting; rijen met een ondergrens of bovengrens worden overgeslagen (optioneel)"),
    ("Perioden", "jaar als 2020JJ00 of 2020"),
)


def dataset_names() -> list[str]:
    return [*DATASETS, KWB, RIVM]


def dataset_label(name: str) -> str:
    return {KWB: KWB_LABEL, RIVM: RIVM_LABEL}.get(name) or DATASETS[name].label


def dataset_description(name: str) -> str:
    return {KWB: KWB_DESCRIPTION, RIVM: RIVM_DESCRIPTION}.get(name) or DATASETS[name].description


def rivm_variables() -> dict[str, dict[str, str]]:
    """StatLine variable -> {age group: indicator id}, from rivm_mapping.yaml."""
    return load_rivm_mapping().variables


# -- ranges from the catalogue unit --------------------------------------------------------------------


def unit_range(unit: str) -> tuple[float | None, float | None]:
    """The plausible range of a figure in ``unit`` (catalogue spelling): scores 0–10, percentages 0–100,
    rates per 1.000 at most 1.000, counts and areas not negative. (None, None) = no rule known."""
    unit = unit.lower()
    if unit.startswith("score"):
        return 0.0, 10.0
    if "%" in unit or "procent" in unit:
        return 0.0, 100.0
    if "per 1.000" in unit:
        return 0.0, 1000.0
    if unit.startswith(("aantal", "ha", "inwoners per", "×", "x ")) or "€" in unit:
        return 0.0, None
    return None, None


# -- templates ------------------------------------------------------------------------------------------


def template_frame(name: str, mapping: KwbMapping | None = None) -> pd.DataFrame:
    """The template of a dataset: its headers and one example row."""
    if name == KWB:
        mapping = mapping or load_kwb_mapping()
        row: dict[str, object] = {"gwb_code": "WK082606", "regio": "Wijk 06 Dommelbergen", "recs": "Wijk"}
        examples = {"a_inw": 13155, "a_65_oo": 2300, "p_wmo_t": 62, "g_ink_pi": KWB_SECRET}
        row |= {variable: examples.get(variable, KWB_SECRET) for variable in mapping.variables}
        return pd.DataFrame([row])
    if name == RIVM:
        variables = rivm_variables()
        row = {c: RIVM_EXAMPLE[c] for c in RIVM_ID_COLUMNS} | {v: RIVM_EXAMPLE.get(v, ".") for v in variables}
        return pd.DataFrame([row])
    dataset = DATASETS[name]
    return pd.DataFrame([{f.column: "" if f.example is None else f.example for f in dataset.fields}])


def template_notes(name: str, mapping: KwbMapping | None = None) -> list[tuple[str, str]]:
    """Per column: what it holds (for the template's 'Toelichting' sheet and the page)."""
    if name == KWB:
        mapping = mapping or load_kwb_mapping()
        notes = [
            ("gwb_code", "CBS-code van gemeente, wijk of buurt (GM…, WK…, BU…)"),
            ("regio", "naam"),
            ("recs", "soort regio"),
        ]
        return notes + [(v, f"wordt indicator '{i}'") for v, i in mapping.variables.items()]
    if name == RIVM:
        per_variable = rivm_variables()
        indicators = [
            (v, "percentage; '.' = geheim; " + ", ".join(f"{age}: indicator '{i}'" for age, i in per_age.items()))
            for v, per_age in per_variable.items()
        ]
        return list(RIVM_ID_NOTES) + indicators
    notes = []
    for f in DATASETS[name].fields:
        need = "verplicht" if f.required else "optioneel"
        notes.append((f.column, f"{f.help}; {KIND_LABELS[f.kind]}; {need}"))
    return notes
