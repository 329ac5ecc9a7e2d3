"""AppTests of the Verkennen pages: Kaart and Wijkprofiel, their links and URL state."""

from __future__ import annotations

import re

import pytest

from analysis import judgement
from tests.helpers import open_page
from ui.views import wijkprofiel

pytestmark = pytest.mark.usefixtures("built_db")


def test_wijkprofiel_opens_the_wijk_from_the_url() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613")
    assert not at.exception
    assert at.header[0].value.startswith("Dorst")
    assert "kerkdorp" in at.header[0].value
    assert at.selectbox(key="wijk_select").value == "WK082613"
    summary = at.markdown[0].value
    assert summary.startswith("Waar Dorst") or "Dorst" in summary
    assert any(m.label.startswith("Sociale-samenhangindex") for m in at.metric)


def test_changing_the_wijk_changes_the_content_and_the_url() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613")
    before = [m.value for m in at.metric]
    at.selectbox(key="wijk_select").set_value("WK082606").run()
    assert at.header[0].value == "Dommelbergen"
    assert at.query_params["wijk"] == "WK082606"
    assert [m.value for m in at.metric] != before


def test_wijk_choice_survives_a_page_switch() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082604")
    at.switch_page("pages/kaart.py").run()
    at.switch_page("pages/wijkprofiel.py").run()
    assert at.header[0].value == "Leijsenakkers"


def test_a_near_empty_wijk_gets_no_index_and_suppressed_figures() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082609")
    assert not at.exception
    assert any("geen sociale-samenhangindex" in i.value for i in at.info)
    at.query_params["onderdeel"] = wijkprofiel.INDICATOREN
    at.run()
    table = at.table[0].value
    assert (table.Opmerking.str.startswith("niet getoond")).sum() >= 10


def _charts(at: object) -> list[str]:
    """The keys of the page's plotly charts and maps (an element id ends in its key)."""
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in at.get("plotly_chart")]


def test_wijkprofiel_makes_only_the_open_tab() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613")
    assert [tab.label for tab in at.tabs] == list(wijkprofiel.SECTIONS)
    assert "onderdeel" not in at.query_params  # the default tab keeps the URL clean
    assert any(m.label.startswith("Sociale-samenhangindex") for m in at.metric)
    assert "ligging" in _charts(at) and "vergelijkbare_kaart" not in _charts(at)  # look-alikes not made
    assert "Vergelijkbare wijken in Nederland" not in [s.value for s in at.subheader]

    at.query_params["onderdeel"] = wijkprofiel.VERGELIJKBAAR  # as a shared link or a click on the tab sets it
    at.run()
    assert not at.exception
    assert set(_charts(at)) == {"ligging", "vergelijkbare_kaart"}
    assert not at.metric and "buurtkaart" not in _charts(at)  # the other tabs are not made
    assert at.header[0].value.startswith("Dorst") and "In het kort" in [s.value for s in at.subheader]

    at.selectbox(key="wijk_select").set_value("WK082606").run()  # another wijk: the same tab
    assert at.header[0].value == "Dommelbergen"
    assert at.session_state["onderdeel"] == wijkprofiel.VERGELIJKBAAR and "vergelijkbare_kaart" in _charts(at)
    assert dict(at.query_params) | {"onderdeel": wijkprofiel.VERGELIJKBAAR} == dict(at.query_params)


def test_wijkprofiel_with_an_unknown_tab_in_the_link_opens_the_first() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel="<b>Onzin</b>")
    assert not at.exception
    assert at.session_state["onderdeel"] == wijkprofiel.KERNCIJFERS and "onderdeel" not in at.query_params
    notice = next(i.value for i in at.info if "in de link" in i.value)
    assert notice == "Het onderdeel in de link (‘\\<b\\>Onzin\\</b\\>’) is onbekend; u ziet nu Kerncijfers."  # inert
    assert any(m.label.startswith("Sociale-samenhangindex") for m in at.metric)


def test_a_linked_indicator_opens_the_trends_on_its_theme() -> None:
    # the links of 'Wat valt op' (analysis.findings) name the wijk, the Ontwikkeling tab and the indicator
    at = open_page(
        "pages/wijkprofiel.py", wijk="WK082613", onderdeel=wijkprofiel.ONTWIKKELING, indicator="wmo_per_1000"
    )
    assert not at.exception
    assert at.segmented_control(key="trend_thema").value == "zorg"
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel=wijkprofiel.ONTWIKKELING)
    assert at.segmented_control(key="trend_thema").value == "samenhang"


def test_an_unknown_wijk_in_the_url_falls_back_without_error() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="<script>alert(1)</script>")
    assert not at.exception
    assert at.query_params["wijk"] == "WK082600"


def test_kaart_deep_link_brings_theme_indicator_and_year() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_pct", jaar="2020")
    assert not at.exception
    assert at.selectbox(key="thema_select").value == "samenhang"
    assert at.selectbox(key="indicator_select").value == "eenzaam_pct"
    assert at.selectbox(key="jaar_select").value == 2020
    assert "Ernstig eenzaam, 2020" in " ".join(c.value for c in at.caption)


def test_kaart_table_classes_and_sorting() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_pct", jaar="2025")
    table = at.table[0].value
    assert len(table) == 14
    assert set(table.Klasse) <= {*judgement.CLASS_LABELS[judgement.DIRECTIONAL], "–"}
    assert table.Rang.iloc[0] == "1"  # sorted by rank by default
    at.radio(key="tabel_sortering").set_value("wijk").run()
    assert at.table[0].value.index[0] == "Oosterhout-Centrum"


def test_changing_theme_offers_that_themes_indicators() -> None:
    at = open_page("pages/kaart.py")
    at.selectbox(key="thema_select").set_value("zorg").run()
    assert set(at.selectbox(key="indicator_select").options) >= {
        "Zorg en ondersteuning › Wmo-cliënten per 1.000 inwoners (demo)"
    }


def test_kaart_offers_csv_and_excel_downloads() -> None:
    at = open_page("pages/kaart.py", indicator="eenzaam_pct", jaar="2025")
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]


def test_vergelijken_heat_table_trends_and_two_years() -> None:
    at = open_page("pages/vergelijken.py", wijken="WK082600,WK082613", indicatoren="samenhang_score,eenzaam_pct")
    assert not at.exception
    heat = at.table[0].value
    assert list(heat.index) == ["Dorst", "Oosterhout-Centrum", "Gemeente", "Nederland"]
    assert any(symbol in str(heat.iloc[0, 0]) for symbol in ("▲", "▼", "●"))
    nederland = heat.loc["Nederland"]
    assert nederland["Ernstig eenzaam 2020"] == "11,2" and nederland.filter(like="Sociale samenhang").iloc[0] == ""
    assert len(at.get("plotly_chart")) == 1
    trends = next(t.value for t in at.table if list(t.value.index.names) == ["Indicator", "Gebied"])
    assert trends.loc[("Ernstig eenzaam", "Nederland"), "2020"] == "11,2"
    two = at.table[-1].value
    assert "→" in str(two.iloc[0, 0]) and ("beter" in two.to_string() or "slechter" in two.to_string())
    assert at.query_params["wijken"] == "WK082600,WK082613"


def test_vergelijken_needs_two_wijken() -> None:
    at = open_page("pages/vergelijken.py", wijken="WK082600")
    assert any("minstens twee wijken" in i.value for i in at.info)


def test_vergelijken_all_wijken() -> None:
    at = open_page("pages/vergelijken.py", indicatoren="eenzaam_pct")
    at.toggle(key="alle_wijken").set_value(True).run()
    assert len(at.table[0].value) == 16  # 14 wijken, the gemeente and Nederland
    assert "–" in at.table[0].value.to_string()  # near-empty wijken suppressed


def test_over_de_cijfers_explains_catalogue_index_and_privacy() -> None:
    at = open_page("pages/over_de_cijfers.py")
    assert not at.exception
    catalogue = at.table[0].value  # a static table: definitions wrap, nothing is cut off
    assert {"demo", "echt", "echt (modelschatting RIVM)"} == set(catalogue["Echt of demo"])
    kind = catalogue["Echt of demo"]
    assert kind["Ernstig eenzaam"] == "echt (modelschatting RIVM)" and kind["Inwoners"] == "echt"
    assert "RIVM/CBS/GGD'en" in catalogue.at["Ernstig eenzaam", "Bron"]
    assert "peildatum" in catalogue.at["Inwoners", "Bron"] and "CC BY 4.0" in catalogue.at["Inwoners", "Bron"]
    text = " ".join(m.value for m in at.markdown)
    assert "Echte cijfers in de index: " in text and "(modelschatting RIVM, gemeten in 2012, 2016 en 2020)" in text
    assert "index = 100 + 10" in text and "2020" in text
    assert "aantallen van 1 tot en met 4" in text
    assert len(at.table[1].value) == 8  # the index components


def test_over_de_cijfers_shows_the_weight_sensitivity() -> None:
    at = open_page("pages/over_de_cijfers.py")
    sensitivity = at.table[2].value
    # markdown reads a line that starts with "2025. " as item 2025 of a numbered list: escaped ("2025\\.")
    assert not any(re.match(r"\d+\. ", caption.value) for caption in at.caption)
    assert len(sensitivity) == 11  # the measurable wijken
    assert set(sensitivity.columns) >= {"Rang", "Rang, gelijke gewichten", "Verschuiving"}
