"""Catalogue files: the shipped ones are valid; a broken entry is named in the error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.catalogue import CATALOGUE_DIR, CatalogueError, load_catalogue, load_settings


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
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


def test_settings() -> None:
    settings = load_settings()
    assert settings.gemeente_code == "GM0826"
    assert settings.privacy.max_small_count == 4
    assert settings.kerkdorpen == ("WK082611", "WK082612", "WK082613")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("indicators.yaml", "direction: lower", "direction: omlaag", "indicator 'eenzaam_pct': 'direction'"),
        ("indicators.yaml", "theme: samenhang", "theme: onbekend", "indicator 'samenhang_score': onbekend thema"),
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
        ("ambitions.yaml", "2021: 27.4", "2031: 27.4", "mijlpaal 2031 ligt niet tussen"),
        ("taakvelden.yaml", 'code: "6.2"', 'code: "6.1"', "taakveldcode komt twee keer voor"),
        ("themes.yaml", "bevolking: Bevolking en wonen\n", "bevolking: [\n", "geen geldige YAML"),
    ],
)
def test_invalid_entries_are_named(catalogue_copy: Path, file: str, old: str, new: str, message: str) -> None:
    _edit(catalogue_copy, file, old, new)
    with pytest.raises(CatalogueError, match=message) as caught:
        load_catalogue(catalogue_copy, area_codes={"GM0826", *(f"WK0826{i:02d}" for i in range(14))})
    assert str(caught.value).startswith(file)


def test_missing_file_is_named(catalogue_copy: Path) -> None:
    (catalogue_copy / "taakvelden.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"taakvelden\.yaml: bestand ontbreekt"):
        load_catalogue(catalogue_copy)
