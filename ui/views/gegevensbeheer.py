"""The Gegevensbeheer page: templates, upload → preview → report → commit, history, undo, the audit trail.

Reading, validating and writing happen in ``data.loading`` (the same code as the CLI); this module only
draws. Writes go through the store module; afterwards the page reruns and every page reads the new data
version (ui.store caches per version).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from data import datasets, loading
from data.access import ROLE_LABELS, NotAllowed, User
from data.store import StoreError
from data.validation import display, problems_text
from ui import store, widgets
from ui.text import inert

_FLASH = "_gegevensbeheer_flash"
_PREPARED = "_gegevensbeheer_prepared"
_UNDO = "_gegevensbeheer_undo"
_ROUND = "_gegevensbeheer_round"
PREVIEW_ROWS = 10


def show_flash() -> None:
    """The message of the write that triggered this run, once."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(inert(message), icon=":material/check_circle:")  # holds the file name


def _done(message: str) -> None:
    st.session_state[_FLASH] = message
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1  # a new uploader: the file is handled
    st.session_state.pop(_PREPARED, None)
    st.session_state.pop(_UNDO, None)
    st.session_state.pop("gb_undo_keuze", None)  # the newest load first again
    st.rerun()


def dataset_picker() -> str:
    names = datasets.dataset_names()
    name = st.selectbox(
        "Soort gegevens", names, format_func=datasets.dataset_label, key="gb_dataset", placeholder="Kies een optie"
    )
    st.caption(datasets.dataset_description(name))
    return str(name)


def columns_and_templates(name: str) -> None:
    """The expected columns, and the template as CSV (Dutch Excel) and XLSX."""
    notes = datasets.template_notes(name)
    with st.expander("Kolommen en sjablonen"):
        st.dataframe(
            pd.DataFrame(notes, columns=["kolom", "betekenis"]), hide_index=True, width="stretch", key="gb_kolommen"
        )
        frame = datasets.template_frame(name)
        widgets.download_buttons(
            frame, notes, f"sjabloon-{name}", key="gb_sjabloon", labels=("Sjabloon CSV", "Sjabloon Excel")
        )


# Streamlit 1.67's uploader has no parameter for its own words ("Upload", "20MB per file • CSV"): they are
# hidden here and the same facts said in Dutch (CSS content, scoped to the uploader's own test ids).
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "Bestand kiezen";
}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "of sleep het hierheen · {limit}"; }}
</style>"""


def uploader() -> tuple[str, bytes] | None:
    """(file name, content) of the uploaded file, or None."""
    st.html(_UPLOADER_CSS.format(limit=f"CSV, TXT of XLSX, hoogstens {loading_limit_mb()} MB"))
    uploaded = st.file_uploader(
        "Bestand (CSV of Excel .xlsx)",
        type=["csv", "txt", "xlsx"],
        key=f"gb_bestand_{st.session_state.get(_ROUND, 0)}",
        help=f"Hoogstens {loading_limit_mb()} MB. Kopregel in rij 1; gebruik bij voorkeur het sjabloon.",
    )
    if uploaded is None:
        return None
    return uploaded.name, uploaded.getvalue()


def loading_limit_mb() -> int:
    from data.importers import MAX_FILE_BYTES

    return MAX_FILE_BYTES // 2**20


def check(name: str, file_name: str, content: bytes) -> loading.Prepared:
    """Read and validate (kept for the session while file, choices and data version stay the same)."""
    sheet, year = None, None
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        sheet = _sheet_choice(file_name, content)
    if name == datasets.KWB:
        default = datasets.kwb_year_from_name(file_name)
        year = st.number_input("Jaar van het kwb-bestand", 2000, 2100, value=default, step=1, key="gb_kwb_jaar")
        year = None if year is None else int(year)
    key = (name, file_name, hashlib.sha256(content).hexdigest(), sheet, year, store.data_version())
    cached = st.session_state.get(_PREPARED)
    if cached and cached[0] == key:
        return _confirm_reload(cached[1])
    with st.spinner("Het bestand wordt gecontroleerd …"):
        prepared = loading.prepare(store.store(), name, file_name, content, sheet=sheet, year=year)
    st.session_state[_PREPARED] = (key, prepared)
    return _confirm_reload(prepared)


def _confirm_reload(prepared: loading.Prepared) -> loading.Prepared:
    """Content already loaded: say when, and load it again only when the checkbox is ticked."""
    if prepared.earlier is None:
        return prepared
    st.warning(inert(prepared.earlier.sentence(prepared.file_name)), icon=":material/content_copy:")
    if st.checkbox("Toch opnieuw laden (als nieuwe lading)", key="gb_opnieuw"):
        return loading.allow_reload(prepared)
    return prepared


def _sheet_choice(file_name: str, content: bytes) -> str | None:
    from data.importers import ImportRefused, read_table

    try:
        sheets = read_table(file_name, content).fmt.sheets
    except ImportRefused:
        return None  # the refusal is shown by the check itself
    if len(sheets) < 2:
        return None
    return str(st.selectbox("Tabblad", sheets, key="gb_tabblad", placeholder="Kies een optie"))


def preview(prepared: loading.Prepared) -> None:
    """Detected format and the first rows as read (row numbers as in Excel)."""
    if prepared.raw is None:
        return
    st.subheader("Voorbeeld")
    st.caption(f"Herkend: {inert(prepared.format_text())} · {len(prepared.raw.frame)} rijen met gegevens")
    head = prepared.raw.frame.head(PREVIEW_ROWS).map(lambda v: "" if v is None else display(v))
    head.index = [f"rij {i}" for i in head.index]
    st.dataframe(head, width="stretch", key="gb_voorbeeld")


def report(prepared: loading.Prepared) -> None:
    """The validation report: problems (first 50 and the total), or what a load would do."""
    st.subheader("Controle")
    for note in prepared.notes:
        st.info(inert(note), icon=":material/info:")  # may name columns from the file
    if prepared.blocked_as_duplicate and not prepared.total_problems:
        return  # the warning above says when it was loaded; the checkbox loads it again
    if not prepared.ok:
        shown = min(prepared.total_problems, loading.MAX_LISTED)
        st.error(
            f"**Niet te laden: {problems_text(prepared.total_problems)} in {inert(prepared.file_name)}.** "
            f"Er is niets geladen. Hieronder de eerste {shown}; pas het bestand aan en upload het opnieuw.",
            icon=":material/error:",
        )
        st.dataframe(prepared.problem_table(), hide_index=True, width="stretch", key="gb_problemen")
        return
    st.success(
        f"Geen problemen gevonden: {prepared.rows_added} rijen klaar om te laden, waarvan "
        f"{prepared.rows_superseded} ter vervanging van bestaande rijen (de oude blijven bewaard).",
        icon=":material/task_alt:",
    )


def commit_form(prepared: loading.Prepared, user: User) -> None:
    st.caption(f"Vastgelegd worden uw rol ({user.label.lower()}) en de tijd, nooit uw naam.")
    if st.button("Laden", type="primary", key="gb_laden", icon=":material/upload:"):
        try:
            result = loading.commit(store.store(), prepared, user)
        except (StoreError, NotAllowed) as exc:
            st.error(f"Niet geladen: {inert(exc)}")
            return
        _done(
            f"Geladen als lading {result.load_id}: {result.rows_added} rijen uit {prepared.file_name} "
            f"({result.rows_superseded} vervangen). De nieuwe gegevens staan nu op alle pagina's."
        )


def history() -> pd.DataFrame:
    """The load log, newest first, as a table for people."""
    log = store.load_log().sort_values("load_id", ascending=False)
    table = pd.DataFrame(
        {
            "lading": log.load_id.astype(str),
            "status": log.status,
            "gegevens": log.dataset.map(lambda d: datasets.dataset_label(d) if d in datasets.dataset_names() else d),
            "bron": log.source,
            "door": log.loaded_by,
            "geladen op": pd.to_datetime(log.loaded_at).dt.strftime("%d-%m-%Y %H:%M"),
            "rijen": log.rows_added.map(lambda n: f"{n:,}".replace(",", ".")),
            "vervangen": log.rows_superseded.map(lambda n: f"{n:,}".replace(",", ".")),
            "demo": log.is_demo.map({True: "ja", False: "nee"}),
            "toelichting": log.message.fillna(""),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="gb_ladingen")
    return log


def undo_form(log: pd.DataFrame, user: User) -> None:
    """Pick a load, ask for confirmation, undo it (its status; no row is deleted)."""
    candidates = log[(log.status == "ok") & ~((log.loaded_by == "build") & log.dataset.isin(["catalogus", "gebieden"]))]
    if candidates.empty:
        return
    labels = {
        int(row.load_id): f"{row.load_id} · {row.dataset} · {row.source} · {pd.Timestamp(row.loaded_at):%d-%m-%Y %H:%M}"
        for row in candidates.itertuples()
    }
    st.markdown("**Lading ongedaan maken**")
    chosen = st.selectbox(
        "Lading", list(labels), format_func=labels.get, key="gb_undo_keuze", placeholder="Kies een optie"
    )
    if st.session_state.get(_UNDO) != chosen:
        if st.button("Ongedaan maken …", key="gb_undo"):
            st.session_state[_UNDO] = chosen
            st.rerun()
        return
    st.warning(
        f"Lading {chosen} ongedaan maken? De rijen blijven bewaard maar tellen niet meer mee; wat deze lading "
        "verving, geldt weer. Dit staat in het logboek.",
        icon=":material/warning:",
    )
    left, right = st.columns(2)
    if left.button("Ja, ongedaan maken", type="primary", key="gb_undo_bevestig"):
        try:
            loading.undo(store.store(), chosen, user)
        except (StoreError, NotAllowed) as exc:
            st.error(inert(exc))
            return
        # the data version counts the newest load in force; undoing an older one leaves it the same, so
        # the per-version caches are cleared here (this process is the only one that can hold the store)
        st.cache_data.clear()
        _done(f"Lading {chosen} is ongedaan gemaakt; er is niets verwijderd.")
    if right.button("Annuleren", key="gb_undo_annuleer"):
        st.session_state.pop(_UNDO, None)
        st.rerun()


# -- the audit trail (beheerder only): who (pseudonym and role) did what, when ------------------------------

AUDIT_ACTIONS = {
    "lading": "lading",
    "bewerking": "bewerking",
    "ongedaan": "ongedaan gemaakt",
    "snapshot": "raadssnapshot",
}
SHOWN = 500  # newest events on screen; the download has them all


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The audit log as a table for people (pure)."""
    return pd.DataFrame(
        {
            "nr": log.event_no.astype(str),
            "wanneer": pd.to_datetime(log.happened_at).dt.strftime("%d-%m-%Y %H:%M"),
            "actie": log.action.map(AUDIT_ACTIONS).fillna(log.action),
            "rol": log.role.map(lambda r: ROLE_LABELS.get(r, r)),
            "account (pseudoniem)": log.account,
            "eigen wijken": log.scope.fillna(""),
            "lading": log.load_id.map(lambda n: "" if pd.isna(n) else str(int(n))),
            "snapshot": log.snapshot_no.map(lambda n: "" if pd.isna(n) else str(int(n))),
            "omschrijving": log.detail,
        }
    )


def audit_section(user: User) -> None:
    if not user.may("auditlog"):
        return
    st.subheader("Auditlogboek")
    st.caption(
        "Wie deed wat, en wanneer: ladingen, ongedaan gemaakte ladingen, notities en agendapunten, "
        "raadssnapshots. Een account staat er als pseudoniem (nooit een naam of e-mailadres); 'demo' is de "
        "demomodus, 'opdrachtregel' de server, 'systeem' de build."
    )
    log = store.store().audit_log()
    if log.empty:
        st.info("Het auditlogboek is nog leeg.")
        return
    table = audit_table(log)
    st.dataframe(table.head(SHOWN), hide_index=True, width="stretch", key="gb_audit")
    if len(table) > SHOWN:
        st.caption(f"De nieuwste {SHOWN} van {len(table)} gebeurtenissen; de download bevat ze allemaal.")
    notes = [("Auditlogboek", "Wie (pseudoniem en rol) deed wat in de Wijkmonitor, en wanneer. Nieuwste eerst.")]
    widgets.download_buttons(table, notes, "wijkmonitor-auditlogboek", key="gb_audit_download")
