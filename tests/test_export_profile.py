"""Exports (Dutch CSV, XLSX, formula neutralisation), SD classes and the wijk profile analysis."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis import export, profile, suppression

RULES = suppression.Rules()


def test_csv_is_what_dutch_excel_expects() -> None:
    frame = pd.DataFrame({"wijk": ["Dorst", '=HYPERLINK("http://x")'], "waarde": [1234.5, np.nan]})
    data = export.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "wijk;waarde"
    assert lines[1] == "Dorst;1234,5"
    assert lines[2].startswith("\"'=HYPERLINK")  # neutralised: text, not a formula
    assert lines[2].endswith(";")  # a suppressed value stays empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), ("+31", "'+31"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("Dorst", "Dorst"), (3, 3)],
)
def test_neutralise(text: object, expected: object) -> None:
    assert export.neutralise(text) == expected


def test_xlsx_has_data_and_notes() -> None:
    frame = pd.DataFrame({"wijk": ["Dorst", "@evil"], "waarde": [6.5, np.nan]})
    workbook = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, [("Bron", "CBS"), ("Licentie", "CC BY 4.0")])))
    data, notes = workbook["Gegevens"], workbook["Toelichting"]
    assert [c.value for c in data[1]] == ["wijk", "waarde"]
    assert [c.value for c in data[2]] == ["Dorst", 6.5]
    assert [c.value for c in data[3]] == ["'@evil", None]
    assert [[c.value for c in row] for row in notes.iter_rows()] == [["Bron", "CBS"], ["Licentie", "CC BY 4.0"]]


AREA_VALUES = pd.DataFrame(
    [
        ("inwoners", "G", 2024, 10000.0),
        ("inwoners", "W1", 2024, 4000.0),
        ("inwoners", "W2", 2024, 5000.0),
        ("inwoners", "W3", 2024, 100.0),
        ("eenzaam", "G", 2025, 10.0),
        ("eenzaam", "W1", 2025, 6.0),
        ("eenzaam", "W2", 2025, 14.0),
        ("eenzaam", "W3", 2025, 30.0),
        ("eenzaam", "W1", 2024, 8.0),
        ("eenzaam", "G", 2024, 10.0),
        ("eenzaam", "W1", 2023, 9.0),
        ("eenzaam", "G", 2023, 10.0),
        ("activiteiten", "G", 2025, 40.0),
        ("activiteiten", "W1", 2025, 12.0),
    ],
    columns=["indicator_id", "area_code", "year", "value"],
)
CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["inwoners", "eenzaam", "activiteiten"],
        "label": ["Inwoners", "Eenzaam", "Activiteiten"],
        "theme_id": ["b", "s", "s"],
        "unit": ["aantal", "%", "aantal"],
        "decimals": [0, 1, 0],
        "direction": ["neutral", "lower", "higher"],
        "is_demo": [False, True, True],
        "is_count": [True, False, True],
        "is_additive": [True, False, True],
        "per_capita": [False, True, False],
    }
)


def test_compare_to_gemeente() -> None:
    table = profile.compare_to_gemeente(AREA_VALUES, CATALOGUE, "W1", "G", ["W1", "W2"], RULES).set_index(
        "indicator_id"
    )
    eenzaam = table.loc["eenzaam"]
    assert (eenzaam.year, eenzaam.value, eenzaam.gemeente_value, eenzaam.difference) == (2025, 6.0, 10.0, -4.0)
    assert eenzaam.z == pytest.approx(1.0)  # spread of 6 and 14 is 4; lower is better: +1 SD favourable
    assert (eenzaam["rank"], eenzaam.ranked) == (1, 2)
    activiteiten = table.loc["activiteiten"]  # a count: no difference, no rank
    assert np.isnan(activiteiten.difference) and pd.isna(activiteiten["rank"])


def test_compare_suppresses_a_near_empty_wijk() -> None:
    table = profile.compare_to_gemeente(AREA_VALUES, CATALOGUE, "W3", "G", ["W1", "W2"], RULES).set_index(
        "indicator_id"
    )
    assert np.isnan(table.loc["eenzaam"].value)
    assert table.loc["eenzaam"].suppressed == "minder dan 500 inwoners"


def test_summary_names_strong_and_weak_points() -> None:
    table = profile.compare_to_gemeente(AREA_VALUES, CATALOGUE, "W1", "G", ["W1", "W2"], RULES)
    assert profile.summary(table, "Een", "gemeente G") == [
        "Waar Een gunstiger scoort dan gemeente G: Eenzaam (6,0% tegen 10,0%)."
    ]
    table = profile.compare_to_gemeente(AREA_VALUES, CATALOGUE, "W2", "G", ["W1", "W2"], RULES)
    assert profile.summary(table, "Twee", "gemeente G") == [
        "Waar Twee ongunstiger scoort: Eenzaam (14,0% tegen 10,0%)."
    ]
    assert profile.summary(table.iloc[0:0], "Nul", "G") == ["Voor Nul zijn geen cijfers beschikbaar."]


def test_trend_series_and_sentence() -> None:
    series = profile.trend_series(AREA_VALUES, CATALOGUE, "W1", "G", RULES)
    assert set(series.indicator_id) == {"eenzaam"}  # counts left out; 3 years of eenzaam
    wijk = series[series.area_code == "W1"]
    assert profile.trend_sentence(wijk, "Eenzaam", 1, "%", "Een") == (
        "Eenzaam in Een: van 2023 tot 2025 gedaald van 9,0% naar 6,0%."
    )
    assert "geen reeks" in profile.trend_sentence(wijk.iloc[:1], "Eenzaam", 1, "%", "Een")


def test_contribution_sentence() -> None:
    parts = pd.DataFrame({"indicator_id": ["a", "b"], "contribution": [3.25, -1.0]})
    assert profile.contribution_sentence(parts, {"a": "Samenhang", "b": "Eenzaam"}) == (
        "Grootste bijdrage omhoog: Samenhang (+3,2 punten); grootste bijdrage omlaag: Eenzaam (-1,0 punten)."
    )
