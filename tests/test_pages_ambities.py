"""AppTests of Ambities 2030, Agenda van de wijk and Logboek, including writes through their forms.

The AppTests of one test process share one store (the session's ``built_db``; ui.store keeps one Store
per process), so the writes here land there too: each test uses text of its own (uuid) and asserts only
on what it wrote.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from ui.navigation import ROOT


def _page(name: str, role: str = "opgaveleider") -> AppTest:
    """A page run on its own, in open demo mode as ``role`` (the opgaveleider writes everywhere)."""
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.session_state["role"] = role
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _text_area(at: AppTest, label: str):
    return next(t for t in at.text_area if t.label == label)


def _texts(at: AppTest) -> str:
    return " ".join(str(t.value.to_dict()) for t in at.table)


@pytest.mark.usefixtures("built_db")
def test_ambities_portfolio_and_drill_down() -> None:
    at = _page("ambities.py").run()
    assert not at.exception, [e.message for e in at.exception]
    portfolio = at.table[0].value
    assert len(portfolio) == 6
    assert portfolio.index[0] == "1 · Een sterke samenleving"
    assert list(portfolio.columns) == ["Gemeente Oosterhout", "West", "Dommelbergen"]
    cells = set(portfolio.to_numpy().ravel())
    assert cells <= {"✔ op koers", "! aandacht", "✖ achter", "– geen doel"}
    assert {"✔ op koers", "! aandacht", "✖ achter"} <= cells  # word and symbol, and a mix
    markdown = " ".join(m.value for m in at.markdown)
    assert "10% van de afstand nulmeting–doel" in markdown
    assert "per jaar" in markdown  # the sentence under each chart

    at.selectbox(key="ambitie").set_value("sociale_cohesie").run()
    at.selectbox(key="ambitie_gebied").set_value("WK082606").run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("####")]
    assert headings == ["#### Sociale samenhang :orange-badge[demo]"]
    markdown = " ".join(m.value for m in at.markdown)
    assert "✖ achter" in markdown
    # the Dommelbergen notes of the demo logboek are listed under the chart
    assert "Buurthuis heropend met een wekelijkse buurtmaaltijd." in _texts(at)


@pytest.mark.usefixtures("built_db")
def test_logboek_add_a_note_and_see_it_after_the_rerun() -> None:
    text = f"Nieuwe buurtgroep gestart {uuid.uuid4().hex[:8]}"
    at = _page("logboek.py")
    at.query_params["wijk"] = "WK082602"
    at.run()
    assert not at.exception
    at.selectbox(key="notitie_indicator").set_value("samenhang_score")
    _text_area(at, "Notitie").input(text)
    _button(at, "Notitie opslaan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == [f"Notitie opgeslagen voor West ({date.today():%d-%m-%Y})."]
    assert text in _texts(at)
    assert _text_area(at, "Notitie").value == ""  # emptied for the next note

    # and the note is an annotation on West's cohesion chart
    ambities = _page("ambities.py").run()
    ambities.selectbox(key="ambitie").set_value("sociale_cohesie").run()
    ambities.selectbox(key="ambitie_gebied").set_value("WK082602").run()
    assert text in _texts(ambities)


@pytest.mark.usefixtures("built_db")
def test_logboek_refuses_an_empty_note_with_a_dutch_message() -> None:
    at = _page("logboek.py").run()
    _button(at, "Notitie opslaan").click().run()
    assert not at.success
    assert "Notitie: vul dit veld in." in at.error[0].value


@pytest.mark.usefixtures("built_db")
def test_agenda_add_an_item_and_update_it_keeping_history() -> None:
    action = f"Speelplek herinrichten {uuid.uuid4().hex[:8]}"
    at = _page("agenda.py")
    at.query_params["wijk"] = "WK082605"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    at.selectbox(key="actie_thema").set_value("leefbaarheid")
    at.selectbox(key="actie_ambitie").set_value("leefbaarheid")
    _text_area(at, "Actie").input(action)
    at.date_input(key="actie_deadline").set_value(date(2027, 6, 1))
    at.selectbox(key="actie_status").set_value("lopend")
    at.number_input(key="actie_voortgang").set_value(20)
    _button(at, "Actie opslaan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success and at.success[0].value.startswith("Actie AG-05-")
    item_id = at.success[0].value.split()[1]
    items = _agenda_table(at)
    assert items.loc[item_id, "Actie"] == action
    assert items.loc[item_id, "Status"] == "lopend" and items.loc[item_id, "Voortgang"] == "20%"

    at.selectbox(key="bijwerken_actie").set_value(item_id).run()
    at.selectbox(key="bw_status").set_value("afgerond")
    at.number_input(key="bw_voortgang").set_value(100)
    _button(at, "Wijziging opslaan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value == f"Actie {item_id} bijgewerkt; de vorige versie blijft bewaard."
    items = _agenda_table(at)
    assert items.loc[item_id, "Status"] == "afgerond" and items.loc[item_id, "Versies"] == "2"
    history = next(t.value for t in at.table if t.value.index.name == "Versie")
    assert history.Status.tolist() == ["lopend", "afgerond"]
    assert history.Door.tolist() == ["opgaveleider", "opgaveleider"]


def _agenda_table(at):
    """The agenda table indexed by item ID as stored: on screen the IDs hold non-breaking hyphens (U+2011)."""
    items = at.table[0].value
    assert items.index.str.contains("\u2011").all() and not items.index.str.contains("-").any()
    return items.set_axis(items.index.str.replace("\u2011", "-"), axis=0)


@pytest.mark.usefixtures("built_db")
def test_agenda_marks_overdue_items_in_words_and_summarises() -> None:
    at = _page("agenda.py")
    at.query_params["wijk"] = "WK082600"
    at.run()
    items = at.table[0].value
    late = items[items.Status.str.contains("te laat")]
    assert not late.empty and (late.Status.str.endswith("· ⚠ te laat")).all()
    assert (items.loc[~items.index.isin(late.index), "Status"].str.contains("te laat")).sum() == 0
    per_wijk = next(t.value for t in at.table if t.value.index.name == "Wijk")
    assert len(per_wijk) == 14
    per_ambition = next(t.value for t in at.table if t.value.index.name == "Ambitie")
    assert per_ambition.index[0].startswith("1 · ") and len(per_ambition) == 6
