"""Catalogue files: the shipped ones are valid; a broken entry is named in the error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.catalogue import (
    CATALOGUE_DIR,
    CatalogueError,
    gemeente_dir,
    load_catalogue,
    load_index_spec,
    load_settings,
)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """The generic catalogue and Oosterhout's own files (data/gemeenten/GM0826) in one folder."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    shutil.copytree(gemeente_dir(), target, dirs_exist_ok=True)
    return target


def _edit(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalogue_is_valid() -> None:
    catalogue = load_catalogue()
    assert catalogue.ambitions.number.tolist() == [1, 2, 3, 4, 5, 6]
    assert catalogue.indicators.indicator_id.is_unique
    # every ambition is measured by at least one indicator with a 2030 target for the gemeente
    targeted = catalogue.targets[(catalogue.targets.kind == "doel") & (catalogue.targets.area_code == "GM0826")]
    ambitions_with_target = set(catalogue.indicators.set_index("indicator_id").loc[targeted.indicator_id].ambition_id)
    assert ambitions_with_target == set(catalogue.ambitions.ambition_id)


def test_targets_have_baseline_yearly_milestones_and_target() -> None:
    targets = load_catalogue().targets
    one = targets[(targets.indicator_id == "samenhang_score") & (targets.area_code == "GM0826")]
    assert one.year.tolist() == list(range(2020, 2031))
    assert one.kind.iloc[0] == "nulmeting" and one.kind.iloc[-1] == "doel"
    assert set(one.kind.iloc[1:-1]) == {"mijlpaal"}
    assert targets.is_demo.all()


def test_every_rivm_indicator_is_real_and_says_it_is_a_model_estimate() -> None:
    from data import rivm

    indicators = load_catalogue().indicators.set_index("indicator_id")
    mapped = rivm.load_mapping().indicator_ids
    assert {"eenzaam_pct", "eenzaam_65plus_pct", "vrijwilligers_pct", "mantelzorgers_65plus_pct"} <= set(mapped)
    for indicator_id in mapped:
        entry = indicators.loc[indicator_id]
        assert not entry.is_demo, indicator_id
        assert "50090NED" in entry.source and "modelschatting RIVM" in entry.source, indicator_id
        assert "Modelschatting RIVM: " in entry.definition, indicator_id
        assert entry.unit == "%" and entry.per_capita, indicator_id


def test_settings() -> None:
    settings = load_settings()
    assert settings.gemeente_code == "GM0826"
    assert settings.privacy.max_small_count == 4
    assert settings.kerkdorpen == ("WK082611", "WK082612", "WK082613")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("indicators.yaml", "direction: lower", "direction: omlaag", "indicator 'eenzaam_pct': 'direction'"),
        ("indicators.yaml", "theme: samenhang", "theme: onbekend", "indicator 'eenzaam_pct': onbekend thema"),
        ("indicators.yaml", "ambition: sociale_cohesie", "ambition: geen", "onbekende ambitie 'geen'"),
        ("indicators.yaml", "  decimals: 0\n", "  decimals: nul\n", "veld 'decimals' heeft een ongeldige waarde"),
        (
            "indicators.yaml",
            "  is_count: true\n  per_capita: false\n",
            "  is_count: true\n  per_capita: true\n",
            "telling of een aandeel",
        ),
        (
            "indicators.yaml",
            "  peildatum: 1 januari 2024\n",
            "",
            "indicator 'inwoners': verplicht veld ontbreekt: peildatum",
        ),
        ("ambitions.yaml", "indicator: vrijwilligers_pct", "indicator: bestaat_niet", "onbekende indicator"),
        ("ambitions.yaml", "area: WK082606", "area: WK089999", "onbekende gebiedscode"),
        ("ambitions.yaml", "2021: 22.8", "2031: 22.8", "mijlpaal 2031 ligt niet tussen"),
        ("taakvelden.yaml", 'code: "6.2"', 'code: "6.1"', "taakveldcode komt twee keer voor"),
        ("themes.yaml", "bevolking: Bevolking en wonen\n", "bevolking: [\n", "geen geldige YAML"),
    ],
)
def test_invalid_entries_are_named(catalogue_copy: Path, file: str, old: str, new: str, message: str) -> None:
    _edit(catalogue_copy, file, old, new)
    with pytest.raises(CatalogueError, match=message) as caught:
        load_catalogue(
            catalogue_copy, area_codes={"GM0826", *(f"WK0826{i:02d}" for i in range(14))}, gemeente=catalogue_copy
        )
    assert str(caught.value).startswith(file)


def test_index_carry_years_is_checked(catalogue_copy: Path) -> None:
    indicators = load_catalogue().indicators
    spec = load_index_spec(indicators, catalogue_copy)["components"].set_index("indicator_id")
    assert spec.carry_years.to_dict() == {
        "samenhang_score": 0,
        "eenzaam_pct": 5,
        "hulp_buren_pct": 0,
        "buurtactiviteiten_per_1000": 0,
        "vrijwilligers_pct": 5,
        "inzet_buurt_pct": 0,
        "mantelzorgers_pct": 5,
        "initiatieven_per_1000": 0,
    }
    # the real components are exactly those with a yearless (RIVM) rhythm
    assert set(spec[~spec.is_demo].index) == set(spec[spec.carry_years > 0].index)
    _edit(catalogue_copy, "index.yaml", "carry_years: 5", "carry_years: 11")
    with pytest.raises(CatalogueError, match=r"index\.yaml, component 2: carry_years moet tussen 0 en 10"):
        load_index_spec(indicators, catalogue_copy)


def test_rivm_mapping_errors_are_named(catalogue_copy: Path) -> None:
    from data import rivm

    _edit(catalogue_copy, "rivm_mapping.yaml", '"65+": eenzaam_65plus_pct', '"66+": eenzaam_65plus_pct')
    with pytest.raises(
        CatalogueError, match=r"rivm_mapping\.yaml, variabele 'ErnstigZeerErnstigEenzaam_29': onbekende"
    ):
        rivm.load_mapping(catalogue_copy / "rivm_mapping.yaml")


def test_missing_file_is_named(catalogue_copy: Path) -> None:
    (catalogue_copy / "taakvelden.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"taakvelden\.yaml: bestand ontbreekt"):
        load_catalogue(catalogue_copy, gemeente=catalogue_copy)
