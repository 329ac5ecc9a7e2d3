"""AppTests of Initiatieven & vrijwilligers and Sociaal domein: filters in the URL, suppression, the
handout view, the generated sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers import open_page

pytestmark = pytest.mark.usefixtures("built_db")
NEAR_EMPTY = {"Industrieterrein Zuid", "Industrieterrein Noord", "Buitengebied Oosterhout"}


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


INITIATIEVEN_TABS = {
    "Initiatieven": ["Initiatieven per wijk", "Door de jaren"],
    "Subsidie en budget": ["Subsidie en budget buurtinitiatieven"],
    "Vrijwilligers en draagkracht": ["Vrijwilligers per 1.000 inwoners", "Draagkracht per wijk"],
    "Mooie voorbeelden": ["Mooie voorbeelden"],
    "Register": ["Het register"],
}


def test_initiatieven_shows_every_section_with_demo_labels(store) -> None:
    at = open_page("pages/initiatieven.py")
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.tabs] == list(INITIATIEVEN_TABS)
    total = len(store.table("initiative"))
    assert f"{total} van {total} initiatieven" in _captions(at)
    per_wijk = at.table[0].value
    assert len(per_wijk) == 15 and per_wijk.index[-1] == "Gemeente Oosterhout"
    # near-empty wijken: no per-1,000 figures, with the reason
    for name in NEAR_EMPTY:
        assert per_wijk.loc[name, "Per 1.000 inwoners"] == "–"
        assert per_wijk.loc[name, "Opmerking"].startswith("niet getoond")
    assert f"{total:,}".replace(",", ".") == per_wijk.loc["Gemeente Oosterhout", "Initiatieven"]
    assert ":orange-badge[demo]" in _captions(at)


@pytest.mark.parametrize(("tab", "sections"), list(INITIATIEVEN_TABS.items()))
def test_initiatieven_runs_only_the_open_tab(tab: str, sections: list[str]) -> None:
    """?onderdeel= opens a tab; only its sections run (the others cost nothing until chosen)."""
    at = open_page("pages/initiatieven.py", onderdeel=tab)
    assert not at.exception, [e.message for e in at.exception]
    every_section = {title for titles in INITIATIEVEN_TABS.values() for title in titles}
    assert [s.value for s in at.subheader if s.value in every_section] == sections
    opened = next(t for t in at.tabs if t.label == tab)
    assert [s.value for s in opened.subheader] == sections  # inside the tab, not below it
    assert at.query_params.get("onderdeel", "Initiatieven") == tab
    if tab == "Vrijwilligers en draagkracht":
        assert "Draagkracht (naar het voorbeeld van Amsterdam)" in " ".join(m.value for m in at.markdown)


def test_an_unknown_tab_opens_the_first() -> None:
    at = open_page("pages/initiatieven.py", onderdeel="<script>")
    assert not at.exception
    assert "Initiatieven per wijk" in [s.value for s in at.subheader]


def test_initiatieven_filters_follow_the_url_and_narrow_the_register(store) -> None:
    initiatives = store.table("initiative")
    started = pd.to_datetime(initiatives.start_date).dt.year
    expected = int(((initiatives.wijk_code == "WK082606") & (started == 2024)).sum())
    at = open_page("pages/initiatieven.py", ini_wijk="WK082606", ini_jaar="2024")
    assert at.selectbox(key="ini_wijk_select").value == "WK082606"
    assert at.selectbox(key="ini_jaar_select").value == "2024"
    assert f"{expected} van {len(initiatives)} initiatieven in het register: Dommelbergen, gestart in 2024." in (
        _captions(at)
    )
    # the per-wijk comparison keeps every wijk and marks the chosen one
    per_wijk = at.table[0].value
    assert "Dommelbergen ◀ gekozen" in per_wijk.index and len(per_wijk) == 15
    register = open_page("pages/initiatieven.py", ini_wijk="WK082606", ini_jaar="2024", onderdeel="Register")
    assert len(register.dataframe[0].value) == expected


def test_initiatieven_filter_choice_is_written_to_the_url() -> None:
    at = open_page("pages/initiatieven.py", onderdeel="Register")
    at.selectbox(key="ini_thema_select").set_value("Jeugd").run()
    at.selectbox(key="ini_status_select").set_value("afgerond").run()
    assert at.query_params["ini_thema"] == "Jeugd" and at.query_params["ini_status"] == "afgerond"
    assert at.query_params["onderdeel"] == "Register"  # the tab stays open while filtering
    assert "thema Jeugd, status afgerond" in _captions(at)
    register = at.dataframe[0].value
    assert set(register.Thema) == {"Jeugd"} and set(register.Status) == {"afgerond"}


def test_initiatieven_ignores_unknown_filter_values() -> None:
    at = open_page("pages/initiatieven.py", ini_wijk="WK999999", ini_status="'; drop table initiative; --")
    assert not at.exception
    assert at.selectbox(key="ini_wijk_select").value == "alle"
    assert at.selectbox(key="ini_status_select").value == "alle"


def test_small_counts_are_suppressed_in_a_narrow_selection(store) -> None:
    initiatives = store.table("initiative")
    areas = store.table("area").set_index("area_code")["name"]
    in_2024 = initiatives[pd.to_datetime(initiatives.start_date).dt.year == 2024].wijk_code.value_counts()
    small = {areas[code] for code, n in in_2024.items() if 1 <= n <= 4}
    assert small, "the demo data should have wijken with 1-4 initiatives in 2024"
    at = open_page("pages/initiatieven.py", ini_jaar="2024")
    per_wijk = at.table[0].value
    assert not per_wijk.Initiatieven.isin(["1", "2", "3", "4"]).any()
    hidden = per_wijk[per_wijk.Opmerking == "niet getoond: aantal van 1 tot en met 4"]
    assert set(hidden.index) == small
    assert (hidden.Initiatieven == "–").all() and (hidden["Per 1.000 inwoners"] == "–").all()


def test_a_good_example_opens_as_a_handout(store) -> None:
    initiatives = store.table("initiative")
    good = initiatives[initiatives.is_good_example].iloc[0]
    at = open_page("pages/initiatieven.py", voorbeeld=good.initiative_id)
    assert not at.exception
    assert at.header[0].value == good.title
    assert any("Demo" in w.value for w in at.warning)
    figures = at.table[0].value
    assert figures.loc["Thema"].iloc[0] == good.theme
    assert "Het register" not in [s.value for s in at.subheader]  # only the example: a print view
    assert f"voorbeeld={good.initiative_id}" in _captions(at)


def test_an_unknown_example_falls_back_to_the_page(store) -> None:
    not_good = store.table("initiative").query("not is_good_example").initiative_id.iloc[0]
    at = open_page("pages/initiatieven.py", voorbeeld=not_good)
    assert any("geen mooi voorbeeld" in w.value for w in at.warning)
    assert "Initiatieven per wijk" in [s.value for s in at.subheader]
    assert "voorbeeld" not in at.query_params


def test_draagkracht_year_choice() -> None:
    at = open_page("pages/initiatieven.py", dk_jaar="2020", onderdeel="Vrijwilligers en draagkracht")
    assert at.selectbox(key="dk_jaar_select").value == "2020"
    assert "Draagkracht 2020:" in _captions(at)


def test_sociaal_domein_growth_is_computed_from_the_spending(store) -> None:
    rows = store.table("spending")
    realised = rows[(rows.area_code == "GM0826") & (rows.kind == "realisatie")].groupby("year").amount_eur.sum()
    change = (realised[2020] / realised[2015] - 1) * 100
    expected = f"+{change:.1f}%".replace(".", ",")
    at = open_page("pages/sociaal_domein.py", onderdeel="Groei")
    assert not at.exception, [e.message for e in at.exception]
    captions = _captions(at)
    assert f"{expected} in 5 jaar" in captions
    assert "Het beleid noemt ≈ +7% in 5 jaar" in captions
    assert ":orange-badge[demo]" in captions


def test_sociaal_domein_quadrants_and_filters() -> None:
    at = open_page("pages/sociaal_domein.py", taakveld="6.6", sd_jaar="2022", onderdeel="Inzet per wijk")
    assert at.selectbox(key="taakveld_select").value == "6.6"
    quadrant_table = next(t.value for t in at.table if "Kwadrant" in t.value.columns)
    assert len(quadrant_table) == 14
    assert set(quadrant_table[quadrant_table.Kwadrant == "–"].index) == NEAR_EMPTY
    assert set(quadrant_table.Kwadrant) - {"–"} <= {
        "hoge vraag, lage inzet",
        "hoge vraag, hoge inzet",
        "lage vraag, hoge inzet",
        "lage vraag, lage inzet",
    }
    assert "6.6 Maatwerkvoorzieningen (Wmo), 2022" in _captions(at)
    at.selectbox(key="taakveld_select").set_value("alle").run()
    assert at.query_params["taakveld"] == "alle"


def test_sociaal_domein_cohesion_and_care_in_words() -> None:
    at = open_page("pages/sociaal_domein.py", zorg="jeugdzorg_pct", onderdeel="Samenhang en zorg")
    assert at.selectbox(key="zorg_select").value == "jeugdzorg_pct"
    captions = _captions(at)
    assert "het aandeel jongeren met jeugdzorg" in captions
    assert "Dit is samenhang, geen bewijs van oorzaak." in captions
    assert any(word in captions for word in ("is zwak", "is matig", "is sterk", "geen verband"))


SOCIAAL_DOMEIN_TABS = {
    "Per taakveld": "Uitgaven per taakveld",
    "Begroot en gerealiseerd": "Begroot en gerealiseerd",
    "Groei": "Groei van de uitgaven",
    "Inzet per wijk": "Per wijk: inzet naast vraag",
    "Samenhang en zorg": "Samenhang en zorggebruik",
}


@pytest.mark.parametrize(("tab", "section"), list(SOCIAAL_DOMEIN_TABS.items()))
def test_sociaal_domein_runs_only_the_open_tab(tab: str, section: str) -> None:
    at = open_page("pages/sociaal_domein.py", onderdeel=tab)
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.tabs] == list(SOCIAAL_DOMEIN_TABS)
    assert [s.value for s in at.subheader] == [section]
    assert len(at.get("plotly_chart")) == 1  # one question, one chart


def test_sociaal_domein_per_inwoner_view() -> None:
    at = open_page("pages/sociaal_domein.py")
    at.radio(key="sd_weergave").set_value("per_inwoner").run()
    assert not at.exception
    assert "per inwoner; het grootste taakveld" in _captions(at)
