"""The national picture on the pages: Nederland beside the gemeente, position among NL wijken, look-alikes."""

from __future__ import annotations

import pytest

from tests.helpers import open_page
from ui.views.wijkprofiel import BUURTEN, INDICATOREN, NEDERLAND, VERGELIJKBAAR

pytestmark = pytest.mark.usefixtures("built_db")


def _markdown(at: object) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_wijkprofiel_shows_nederland_position_and_vergelijkbare_wijken() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel=INDICATOREN)
    assert not at.exception
    table = next(t.value for t in at.table if "Nederland" in t.value.columns)
    row = table.xs("Ernstig eenzaam", level="Indicator").iloc[0]
    # the check values: Dorst 7,9%, gemeente 11,2%, Nederland 11,2% (RIVM 2020, 18+)
    assert (row["Wijk"], row["Gemeente"], row["Nederland"], row["Jaar"]) == ("7,9%", "11,2%", "11,2%", "2020")
    assert table.xs("Inwoners", level="Indicator").iloc[0]["Nederland"] == "–"  # no national value loaded
    at.query_params["onderdeel"] = NEDERLAND
    at.run()
    assert not at.exception
    text = _markdown(at)
    assert (
        "Ernstig eenzaam: Dorst hoort bij de 35% wijken van Nederland met het laagste percentage "
        "(de gunstige kant)." in text
    )
    distribution = next(t.value for t in at.table if "Aantal wijken" in t.value.columns)
    assert list(distribution.Dorst).count("◀ Dorst") == 1
    at.query_params["onderdeel"] = VERGELIJKBAAR
    at.run()
    assert not at.exception
    text = _markdown(at)
    assert "Ernstig eenzaam: Dorst heeft een hoger percentage dan 9 van de 10 vergelijkbare wijken" in text
    assert "Moeite met rondkomen: Dorst heeft" not in text  # a matching variable is never compared
    lookalikes = next(t.value for t in at.table if "Afstand" in t.value.columns)
    assert len(lookalikes) == 10 and "Elburg" in set(lookalikes.Gemeente)
    assert not any(code.startswith("WK0826") for code in lookalikes.Wijkcode)
    assert "Hoe is dit berekend?" in [e.label for e in at.expander]


def test_wijkprofiel_distribution_follows_the_chosen_indicator() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel=NEDERLAND)
    at.selectbox(key="nl_verdeling").select("vrijwilligers_pct").run()
    assert not at.exception
    assert any(c.value.startswith("Doet vrijwilligerswerk 2020, Dorst: 28,5%") for c in at.caption)


def test_a_suppressed_wijk_says_nothing_national_about_its_hidden_figures() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082609", onderdeel=NEDERLAND)  # < 500 inhabitants
    assert not at.exception
    assert "Tussen alle wijken van Nederland" in [s.value for s in at.subheader]  # the tab that says it ran
    assert "wijken van Nederland met het" not in _markdown(at)
    at.query_params["onderdeel"] = VERGELIJKBAAR
    at.run()
    assert not at.exception
    assert "Vergelijkbare wijken in Nederland" in [s.value for s in at.subheader]
    assert "vergelijkbare wijken, en dat is" not in _markdown(at)


def test_wijkprofiel_shows_its_buurten_with_the_kaart_classes() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613", onderdeel=BUURTEN)
    table = next(t.value for t in at.table if "Steenoven" in t.value.columns)
    assert list(table.columns) == ["Jaar", "Dorst", "Buitengebied Dorst-Zuid", "Bosgebied Dorst", "Steenoven"]
    assert table.loc["Ernstig eenzaam", "Steenoven"] == "6,9%"
    assert any(c.value.startswith("Ernstig eenzaam, 2020, de buurten van Dorst ten opzichte van") for c in at.caption)


def test_buurten_of_a_small_wijk_are_hidden() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082609", onderdeel=BUURTEN)
    assert not at.exception
    tables = [t.value for t in at.table if "Jaar" in t.value.columns and t.value.index.name == "Indicator"]
    buurten = tables[-1].drop(columns="Jaar")
    assert (buurten == "–").all().all()


def test_wijkprofiel_index_says_which_components_are_real() -> None:
    at = open_page("pages/wijkprofiel.py", wijk="WK082613")
    note = next(c.value for c in at.caption if "Echte cijfers in de index" in c.value)
    assert note.startswith(":orange-badge[deels demo] Echte cijfers in de index: ernstig eenzaam")
