"""The Raadssnapshot page's Streamlit parts: the area and as-of choices, the cached preview, generate and the
archive."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from data.access import User
from report import snapshot
from report.tables import dataset_name
from ui import forms, params, store
from ui.text import inert

_MADE = "_snapshot_made"


def area_picker() -> str:
    """The gemeente or one wijk, bound to ``?gebied=`` (not ``?wijk=``): the page opens on the gemeente, also when
    the visitor comes from a wijk's page; a link with ``?gebied=WK…`` opens that wijk's snapshot."""
    options = forms.area_options(include_gemeente=True)
    gemeente = store.settings().gemeente_code
    return str(params.bound_select("Gebied", list(options), key="gebied", default=gemeente,
                                   format_func=options.__getitem__))  # fmt: skip


def as_of_labels(log: pd.DataFrame) -> dict[int | None, str]:
    """The states a snapshot can show, in words: 'Gegevens van 29-11-2026 (nieuwste)', then per earlier load
    'Gegevens van 29-11-2026 (na het laden van de CBS-kerncijfers)', newest first. None = the newest."""
    ok = log[log.status == "ok"].sort_values("load_id", ascending=False)
    if ok.empty:
        return {None: "Nog geen gegevens"}
    labels: dict[int | None, str] = {None: f"Gegevens van {pd.Timestamp(ok.loaded_at.iloc[0]):%d-%m-%Y} (nieuwste)"}
    for row in ok.itertuples():
        labels[int(row.load_id)] = (
            f"Gegevens van {pd.Timestamp(row.loaded_at):%d-%m-%Y} (na het laden van {dataset_name(str(row.dataset))})"
        )
    return labels


def as_of_picker() -> int | None:
    """'Stand van de gegevens': the newest, or the state after an earlier load (None = the newest)."""
    labels = as_of_labels(store.load_log())
    return st.selectbox(
        "Stand van de gegevens",
        list(labels),
        format_func=labels.__getitem__,
        key="snapshot_stand",
        help="Een eerdere stand maakt de snapshot precies zoals de gegevens na die lading waren.",
        placeholder="Kies een optie",
    )


@st.cache_data(show_spinner=False, max_entries=2)
def _state(as_of: int | None, version: int) -> snapshot.State:
    return snapshot.load_state(store.store(), as_of)


@st.cache_data(show_spinner="De inhoud wordt verzameld …", max_entries=16)
def _prepared(area_code: str, as_of: int | None, version: int) -> snapshot.Snapshot:
    # the state (every table as of the load, the index) is the same for the gemeente and each wijk: read once
    return snapshot.build(_state(as_of, version), area_code)


def prepared(area_code: str, as_of: int | None) -> snapshot.Snapshot:
    """The snapshot's contents without pictures (cached per data version): the preview and what is rendered."""
    return _prepared(area_code, as_of, store.data_version())


def preview(prepared_snapshot: snapshot.Snapshot) -> None:
    s = prepared_snapshot
    st.markdown(f"**{s.snapshot_id}**")
    st.caption(
        f"Peildatum: {s.peildatum}. Gegevens van {s.data_loaded}. Met deze ID is de snapshot te citeren: dezelfde "
        "ID geeft altijd dezelfde inhoud."
    )
    if s.messages:
        st.markdown("**Wat valt op** (op het voorblad)")
        st.markdown("\n".join(f"{n}. {inert(message)}" for n, message in enumerate(s.messages, start=1)))
    if s.has_demo:
        st.caption(":orange-badge[demo] De snapshot bevat democijfers; dat staat op het voorblad en op elke pagina.")
    left, right = st.columns(2)
    with left:
        st.markdown("**Inhoud**")
        st.markdown("\n".join(f"{n}. {title}" for n, (_, title) in enumerate(s.sections, start=1)))
    with right:
        st.markdown("**Kerncijfers**")
        st.table(
            pd.DataFrame(
                {
                    "Kerncijfer": [f["label"] for f in s.key_figures],
                    "Waarde": [f["value"] for f in s.key_figures],
                    "Verandering": [f["change"] for f in s.key_figures],
                }
            ).set_index("Kerncijfer")
        )


def make(prepared_snapshot: snapshot.Snapshot, user: User) -> None:
    """Render and record the snapshot (by ``user``, in the audit trail too); keep the PDF for the download
    button of this session."""
    rendered = snapshot.render(prepared_snapshot, datetime.now())
    number = snapshot.save(store.store(), rendered, user)
    st.session_state[_MADE] = {
        "id": prepared_snapshot.snapshot_id,
        "number": number,
        "pages": rendered.page_count,
        "file_name": snapshot.file_name(prepared_snapshot),
        "pdf": rendered.pdf,
    }


def download_made() -> None:
    """The download button of the snapshot made in this session, if any."""
    made = st.session_state.get(_MADE)
    if not made:
        return
    st.success(f"Snapshot gemaakt en vastgelegd als nummer {made['number']}: {made['id']} ({made['pages']} pagina's).")
    st.download_button(
        "PDF downloaden",
        data=made["pdf"],
        file_name=made["file_name"],
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        key="snapshot_download",
    )


def archive() -> None:
    """Every recorded snapshot, newest first, and a download of any of them exactly as it was made."""
    log = store.store().snapshots()
    if log.empty:
        st.info("Er zijn nog geen snapshots gemaakt.")
        return
    names = store.table("area").set_index("area_code").name.to_dict()
    view = pd.DataFrame(
        {
            "Nr.": log.snapshot_no.astype(str),
            "Snapshot": log.snapshot_id,
            "Gebied": log.area_code.map(lambda code: names.get(code, code)),
            "Stand": [f"lading {v}" for v in log.data_version],
            "Gemaakt": [f"{pd.Timestamp(t):%d-%m-%Y %H:%M}" for t in log.generated_at],
            "Door (rol)": log.generated_by,
            "Pagina's": log.page_count.astype(str),
            "SHA-256 (begin)": log.file_sha256.str[:12],
        }
    )
    st.dataframe(view, hide_index=True, width="stretch")
    labels = {int(row.snapshot_no): f"{row.snapshot_no} · {row.snapshot_id}" for row in log.itertuples()}
    number = st.selectbox(
        "Snapshot opnieuw downloaden",
        list(labels),
        format_func=labels.__getitem__,
        key="archief",
        placeholder="Kies een optie",
    )
    row = log[log.snapshot_no == number].iloc[0]
    digest = str(row.snapshot_id).rsplit(" ", 1)[-1]
    st.download_button(
        "Deze snapshot downloaden",
        data=store.store().snapshot_pdf(number),
        file_name=f"raadssnapshot-{row.area_code}-v{row.data_version}-{digest}-nr{number}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key="archief_download",
    )
    st.caption("De pdf wordt precies zo geleverd als hij destijds is gemaakt (controleer met de SHA-256).")
