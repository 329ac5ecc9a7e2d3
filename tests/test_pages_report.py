"""AppTest of the Raadssnapshot page: choose an area and a state, preview, make, download, archive.

The page writes into the session's shared store (``built_db``): the snapshot log is append-only, so the
assertions only look for the snapshot this test made.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data.store import Store
from tests.helpers import open_page

PAGE = "pages/raadssnapshot.py"


def _markdown(at) -> str:
    return " ".join(m.value for m in at.markdown)


def _data_month(store: Store, as_of: int | None = None) -> str:
    """The month a snapshot ID names: that of the newest load in force (other tests write loads stamped
    with the real clock, so this is read from the store, never assumed)."""
    log = store.load_log()
    loads = log[(log.status == "ok") & ((log.load_id <= as_of) if as_of is not None else True)]
    return f"{pd.Timestamp(loads.sort_values('load_id').loaded_at.iloc[-1]):%Y-%m}"


def test_opens_on_the_gemeente_also_from_a_wijk_page(store: Store) -> None:
    """?wijk= is the wijk of the other pages; the raad's snapshot starts at the gemeente (?gebied= chooses)."""
    at = open_page(PAGE, wijk="WK082613")
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="gebied_select").value == "GM0826"
    assert re.search(rf"snapshot {_data_month(store)} · Gemeente Oosterhout · v\d+ · ", _markdown(at))
    assert "GM0826" in at.query_params["gebied"]  # the link now says what is shown


def test_the_state_of_the_data_is_offered_in_words(store: Store) -> None:
    at = open_page(PAGE)
    options = at.selectbox(key="snapshot_stand").options
    log = store.load_log()
    newest = log[log.status == "ok"].sort_values("load_id").iloc[-1]
    assert options[0] == f"Gegevens van {pd.Timestamp(newest.loaded_at):%d-%m-%Y} (nieuwste)"
    assert "Gegevens van 29-11-2026 (na het laden van de CBS-kerncijfers)" in options
    assert "Gegevens van 29-11-2026 (na het laden van de wijkgrenzen)" in options
    assert not any("lading" in o.lower() or "kwb" in o or "catalogus" in o for o in options), options


def test_preview_follows_the_chosen_area_and_state(store: Store) -> None:
    at = open_page(PAGE, gebied="WK082613")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Raadssnapshot"
    assert at.selectbox(key="gebied_select").value == "WK082613"
    text = _markdown(at)
    # other tests of the session write loads into the shared store: the data version is not fixed here
    assert re.search(rf"snapshot {_data_month(store)} · Dorst · v\d+ · [0-9a-f]{{8}}", text)
    for number, heading in enumerate(
        ["Kerncijfers", "Ligging van de wijk", "Sociale-samenhangindex", "Ambities 2030",
         "Initiatieven en vrijwilligers", "Alle indicatoren", "Bronnen en definities"], start=1,
    ):  # fmt: skip
        assert f"{number}. {heading}" in text
    assert "Wat valt op" in text and "in Dorst" in text  # the cover's key messages are about Dorst
    figures = at.table[0].value
    assert figures.loc["Inwoners", "Waarde"] == "3.475"
    assert any("bevat democijfers" in c.value for c in at.main.caption)

    at.selectbox(key="gebied_select").set_value("GM0826").run()
    assert re.search(rf"snapshot {_data_month(store)} · Gemeente Oosterhout · v\d+ · ", _markdown(at))
    assert "2. Kaart van de wijken" in _markdown(at)
    at.selectbox(key="snapshot_stand").set_value(3).run()
    assert not at.exception
    assert f"snapshot {_data_month(store, as_of=3)} · Gemeente Oosterhout · v3 · " in _markdown(at)
    assert not any("bevat democijfers" in c.value for c in at.main.caption)  # load 3 brought no demo data


@pytest.mark.usefixtures("built_db")
def test_make_download_and_find_it_in_the_archive() -> None:
    at = open_page(PAGE, gebied="WK082606")
    snapshot_id = next(m.value for m in at.markdown if m.value.startswith("**snapshot ")).strip("*")
    at.button(key="snapshot_maken").click().run()
    assert not at.exception, [e.message for e in at.exception]
    success = at.success[0].value
    assert "Snapshot gemaakt en vastgelegd als nummer" in success and snapshot_id in success
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert "PDF downloaden" in labels and "Deze snapshot downloaden" in labels
    archive = at.dataframe[0].value
    mine = archive[archive.Snapshot == snapshot_id]
    assert not mine.empty
    assert mine.iloc[0]["Door (rol)"] == "beheerder" and mine.iloc[0]["Gebied"] == "Dommelbergen"
    # the archive's choice starts at the newest snapshot: the one just made
    assert at.selectbox(key="archief").value == int(mine.iloc[0]["Nr."])
