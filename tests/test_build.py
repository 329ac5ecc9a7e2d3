"""The build from the bundled data: real geography and population, determinism, data checks, CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data import checks
from data.__main__ import main
from data.build import BUILD_DATASETS, build, needs_build
from data.store import BUILD_ROLE, TABLE_KEYS, Store, StoreError
from tests.helpers import copy_store, store_with_user_value

ROOT = Path(__file__).resolve().parents[1]


def test_store_holds_the_real_oosterhout_geography(store: Store) -> None:
    areas = store.table("area")
    assert (areas.level == "wijk").sum() == 14
    assert (areas.level == "buurt").sum() == 44
    assert sorted(areas[areas.is_kerkdorp].name) == ["Den Hout", "Dorst", "Oosteind"]
    assert areas.set_index("area_code").at["WK082613", "full_name"] == "Wijk 13 Dorst"
    boundaries = store.table("area_boundary")
    assert set(boundaries.area_code) == set(areas.area_code)


def test_store_holds_the_real_2024_population(store: Store) -> None:
    values = store.table("indicator_value")
    inwoners = values[(values.indicator_id == "inwoners") & (values.year == 2024)].set_index("area_code").value
    assert inwoners["GM0826"] == 57_924
    assert inwoners["WK082606"] == 13_155
    assert inwoners.drop("GM0826").sum() == 57_920  # CBS rounds each wijk to fives


def test_wijk_areas_match_cbs_within_generalisation(store: Store) -> None:
    # dissolved generalised buurten vs CBS's official land+water area (PROVENANCE.md: 209 vs 211 ha)
    boundaries = store.table("area_boundary").set_index("area_code").area_ha
    assert boundaries["WK082601"] == pytest.approx(211, rel=0.03)
    assert boundaries["GM0826"] == pytest.approx(7309, rel=0.03)


def test_every_demo_indicator_is_flagged_and_every_real_one_is_not(store: Store) -> None:
    indicators = store.table("indicator").set_index("indicator_id")
    assert not indicators.loc[
        ["inwoners", "woningvoorraad", "bevolkingsdichtheid", "oppervlakte_land_ha"]
    ].is_demo.any()
    demo_ids = set(indicators[indicators.is_demo].index)
    values = store.table("indicator_value")
    log = store.load_log()
    # the build's loads: other tests may add loads to the shared session store before this one runs
    log = log[log.loaded_by == BUILD_ROLE].set_index("dataset")
    demo_loads = log[log.is_demo].load_id
    assert set(values[values.load_id.isin(demo_loads)].indicator_id) <= demo_ids
    real = values[values.load_id.isin(log.loc[["kwb", "rivm"]].load_id)]
    assert not set(real.indicator_id) & demo_ids
    assert log.loc[["indicatorwaarden", "initiatieven", "vrijwilligers", "uitgaven", "agenda"]].is_demo.all()
    assert not log.loc[["catalogus", "gebieden", "kwb", "rivm", "landelijk"]].is_demo.any()


def test_real_rivm_figures_for_dorst_the_gemeente_and_nederland(store: Store) -> None:
    """The acceptance figures of issue 14, as published in StatLine 50090NED (2020, 18+)."""
    values = store.table("indicator_value").set_index(["indicator_id", "area_code", "year"]).value
    assert values[("eenzaam_pct", "WK082613", 2020)] == pytest.approx(7.9)
    assert values[("vrijwilligers_pct", "WK082613", 2020)] == pytest.approx(28.5)
    assert values[("mantelzorgers_pct", "WK082613", 2020)] == pytest.approx(14.5)
    assert values[("eenzaam_pct", "GM0826", 2020)] == pytest.approx(11.2)
    assert values[("eenzaam_65plus_pct", "WK082613", 2020)] == pytest.approx(9.0)  # 65+: its own indicator
    national = store.table("nl_value").set_index(["indicator_id", "area_code", "year"]).value
    assert national[("eenzaam_pct", "NL01", 2020)] == pytest.approx(11.2)
    assert national[("eenzaam_totaal_pct", "NL01", 2020)] == pytest.approx(47.0)
    indicator = store.table("indicator").set_index("indicator_id").loc["eenzaam_pct"]
    assert not indicator.is_demo and "modelschatting RIVM" in indicator.source
    assert "Modelschatting RIVM:" in indicator.definition


def test_real_series_replace_the_demo_ones(store: Store) -> None:
    values = store.table("indicator_value")
    replaced = values[values.indicator_id.isin(["eenzaam_pct", "vrijwilligers_pct", "mantelzorgers_pct"])]
    assert set(replaced.year) == {2012, 2016, 2020}  # no demo years left
    assert set(values[values.indicator_id == "vrijwilligers_pct"].year) == {2016, 2020}  # not measured in 2012
    assert set(replaced.load_id) == {int(store.load_log().set_index("dataset").at["rivm", "load_id"])}
    survey = values[values.indicator_id == "samenhang_score"]
    assert set(survey.year) == set(range(2016, 2026))  # demo stays where there is no real source


def test_every_buurt_has_rivm_values_and_secret_ones_stay_empty(store: Store) -> None:
    values = store.table("indicator_value")
    areas = store.table("area").set_index("area_code")
    ernstig = values[(values.indicator_id == "eenzaam_pct") & (values.year == 2020)]
    buurten = ernstig[ernstig.area_code.map(areas.level) == "buurt"]
    assert len(buurten) == 44
    assert buurten.value.notna().sum() >= 30  # RIVM keeps some small buurten secret (empty, not 0)
    assert (buurten.value.dropna() > 0).all()
    assert ernstig[ernstig.area_code.map(areas.level) == "wijk"].area_code.nunique() == 14


def test_national_context_holds_every_gemeente_and_wijk(store: Store) -> None:
    areas = store.table("nl_area")
    assert areas.area_code.is_unique
    counts = areas.level.value_counts()
    assert counts["land"] == 1 and counts["gemeente"] >= 355 and counts["wijk"] >= 3_393
    dorst = areas.set_index("area_code").loc["WK082613"]
    assert dorst.gemeente_name == "Oosterhout" and dorst.geometry_wkb is not None
    assert areas[areas.geometry_wkb.notna()].level.eq("wijk").all()
    assert areas.geometry_wkb.notna().sum() == 3_393  # the 2024 division
    values = store.table("nl_value")
    rivm_wijken = values[(values.indicator_id == "eenzaam_pct") & (values.year == 2020)]
    assert rivm_wijken.area_code.str.startswith("WK").sum() == 3_177
    kwb = values[(values.indicator_id == "inwoners") & (values.year == 2024)].set_index("area_code").value
    assert (
        kwb["WK082613"]
        == store.table("indicator_value")
        .set_index(["indicator_id", "area_code", "year"])
        .value[("inwoners", "WK082613", 2024)]
    )
    # Nederland is context, not an area of the gemeente: the area table (and every list of wijken) is unchanged
    assert "NL01" not in set(store.table("area").area_code)


def test_a_baseline_that_differs_from_the_real_value_stops_the_build(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    for source in (ROOT / "data" / "catalogue").glob("*.yaml"):
        (catalogue / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    gemeente = tmp_path / "GM0826"
    shutil.copytree(ROOT / "data" / "gemeenten" / "GM0826", gemeente)
    text = (gemeente / "ambitions.yaml").read_text(encoding="utf-8")
    assert "baseline: 11.2\n" in text
    (gemeente / "ambitions.yaml").write_text(text.replace("baseline: 11.2\n", "baseline: 14.0\n"), encoding="utf-8")
    with pytest.raises(StoreError, match=r"nulmeting van 'eenzaam_pct' in GM0826 \(2020\) is 14, maar de gemeten"):
        build(tmp_path / "w.duckdb", catalogue_dir=catalogue, gemeente=gemeente)
    assert list(tmp_path.glob("w.duckdb*")) == []


def test_data_checks_pass_on_the_built_store(store: Store) -> None:
    failed = {r.name: r.failures for r in checks.run_checks(store) if not r.passed}
    assert failed == {}


def test_two_builds_give_identical_contents(built_template: Path, tmp_path: Path) -> None:
    # the session's build (a copy of the template: the shared store also holds what the AppTests wrote) and a
    # fresh one made now
    store = Store.open(copy_store(built_template, tmp_path / "one.duckdb"), read_only=True)
    other = Store.open(build(tmp_path / "again.duckdb").path, read_only=True)
    try:
        for table in [*TABLE_KEYS, "load_log", "meta", "audit_log"]:
            sql = f"select * from {table} order by all"
            pd.testing.assert_frame_equal(store.query(sql), other.query(sql), obj=table)
    finally:
        store.close()
        other.close()


def test_build_takes_the_place_of_a_store_with_only_build_loads(built_template: Path, tmp_path: Path) -> None:
    path = copy_store(built_template, tmp_path / "w.duckdb")  # a store as the build leaves it
    report = build(path)
    assert report.backup is None
    assert not list(tmp_path.glob("*.building*"))


def test_build_refuses_to_replace_user_data_unless_forced(built_template: Path, tmp_path: Path) -> None:
    path = store_with_user_value(built_template, tmp_path / "w.duckdb", "inwoners", "GM0826", 2025, 58_000.0)
    with pytest.raises(StoreError, match="1 lading"):
        build(path)
    assert needs_build(path) is False
    report = build(path, force=True)
    assert report.backup is not None and report.backup.exists()
    kept = Store.open(report.backup, read_only=True)
    try:
        assert "eigen.csv" in set(kept.load_log().source)  # nothing lost
    finally:
        kept.close()


def test_needs_build(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    assert needs_build(path)
    report = build(path)
    assert tuple(report.loads.dataset) == BUILD_DATASETS
    assert not needs_build(path)


def test_a_store_built_without_the_rivm_data_is_rebuilt_unless_it_holds_user_loads(
    built_template: Path, tmp_path: Path
) -> None:
    path = copy_store(built_template, tmp_path / "w.duckdb")
    con = duckdb.connect(str(path))  # what an earlier version built: no rivm and national loads
    con.execute("update load_log set dataset = 'oud' where dataset in ('rivm', 'landelijk')")
    con.close()
    assert needs_build(path)
    store = Store.open(path)
    store.write_load(
        dataset="indicatorwaarden",
        source="eigen.csv",
        sha256="e" * 64,
        loaded_by="beheerder",
        frames={
            "indicator_value": pd.DataFrame(
                {"indicator_id": ["inwoners"], "area_code": ["GM0826"], "year": [2025], "value": [58_000.0]}
            )
        },
        is_demo=False,
    )
    store.close()
    assert not needs_build(path)  # never replaced automatically: the beheerder decides (build --force)


def test_a_broken_catalogue_stops_the_build_and_leaves_no_file(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    for source in (ROOT / "data" / "catalogue").glob("*.yaml"):
        (catalogue / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    text = (catalogue / "indicators.yaml").read_text(encoding="utf-8")
    (catalogue / "indicators.yaml").write_text(
        text.replace("direction: lower", "direction: omlaag", 1), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="indicator 'eenzaam_pct': 'direction'"):
        build(tmp_path / "w.duckdb", catalogue_dir=catalogue)
    assert list(tmp_path.glob("w.duckdb*")) == []


def test_check_names_the_failing_check_and_rows(
    built_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = store_with_user_value(
        built_template, tmp_path / "w.duckdb", "eenzaam_pct", "WK082600", 2025, 120.0, "fout.csv"
    )
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FOUT  bereik" in out
    assert "WK082600" in out and "120" in out
    assert "OK    unieke_sleutels" in out


def test_cli_build_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In this process (``main``); the next test runs ``python -m data`` as a process."""
    path = tmp_path / "cli.duckdb"
    assert main(["build", "--db", str(path)]) == 0
    built = capsys.readouterr()
    assert "Gebouwd" in built.out and "(demo)" in built.out, built.err
    assert main(["check", "--db", str(path)]) == 0
    checked = capsys.readouterr().out
    assert f"{len(checks.CHECKS)} van {len(checks.CHECKS)} controles geslaagd" in checked, checked
    main(["build", "--if-needed", "--db", str(path)])
    assert "niets gebouwd" in capsys.readouterr().out


def test_cli_reports_a_missing_store_in_dutch(tmp_path: Path) -> None:
    """The command as a process: ``python -m data`` exits with main's code and writes the error to stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "data", "check", "--db", str(tmp_path / "x.duckdb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "bestaat niet" in result.stderr


def test_build_refuses_to_replace_archived_snapshots(built_template: Path, tmp_path: Path) -> None:
    from datetime import datetime

    path = copy_store(built_template, tmp_path / "w.duckdb")
    store = Store.open(path)
    store.record_snapshot(
        snapshot_id="snapshot test",
        area_code="GM0826",
        as_of=None,
        data_version=9,
        template_version="1",
        generated_by="raad",
        generated_at=datetime(2026, 11, 29, 12, 0),
        page_count=1,
        pdf=b"%PDF-1.7 test",
    )
    store.close()
    with pytest.raises(StoreError, match="raadssnapshot"):
        build(path)


def test_the_index_runs_on_the_built_store_with_real_components(store: Store) -> None:
    from analysis import cohesion_index as ci
    from analysis import derived, overview
    from data.catalogue import load_index_spec

    raw = load_index_spec(store.table("indicator"))
    spec = ci.IndexSpec(raw["base_year"], raw["points_per_sd"], raw["min_weight_share"], raw["components"])
    stored = store.table("indicator_value")
    computed = derived.derived_values(stored, store.table("initiative"), store.table("indicator"), "GM0826")
    values = pd.concat([stored, computed], ignore_index=True)
    areas = store.table("area")
    wijken, excluded = ci.measurable_wijken(overview.population(values), areas[areas.level == "wijk"].area_code, 500)
    result = ci.compute(values, spec, "GM0826", wijken, excluded)
    dorst = result.scores[result.scores.area_code == "WK082613"].set_index("year")["index"]
    assert dorst.loc[2016:2025].notna().all()  # a yearly course, the RIVM parts carried between measurements
    assert dorst.loc[2012:2012].isna().all()  # only the three RIVM parts: too little weight
    parts = result.contributions[(result.contributions.area_code == "WK082613") & (result.contributions.year == 2023)]
    rivm_parts = parts[parts.indicator_id.isin(["eenzaam_pct", "vrijwilligers_pct", "mantelzorgers_pct"])]
    assert set(rivm_parts.measured_year) == {2020} and len(rivm_parts) == 3
    assert rivm_parts.set_index("indicator_id").value["eenzaam_pct"] == pytest.approx(7.9)
