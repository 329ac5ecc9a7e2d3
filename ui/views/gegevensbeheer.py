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
    st.session_state.pop("gb_lading_detail", None)
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


def _dataset_label(name: str) -> str:
    return datasets.dataset_label(name) if name in datasets.dataset_names() else name


def _count(n: object) -> str:
    return f"{int(n):,}".replace(",", ".")


LOADED_BY = {"build": "systeem (opbouw)"}  # the build writes 'build'; people see the audit trail's word


def history() -> pd.DataFrame:
    """The load log, newest first: a table that fits the page (1440 px wide, no sideways scrolling) with what
    tells the loads apart, and everything about one load in a fold below it (:func:`load_details`)."""
    log = store.load_log().sort_values("load_id", ascending=False)
    table = pd.DataFrame(
        {
            "lading": log.load_id.astype(str),
            "geladen op": pd.to_datetime(log.loaded_at).dt.strftime("%d-%m-%Y %H:%M"),
            "gegevens": log.dataset.map(_dataset_label) + log.is_demo.map({True: " (demo)", False: ""}),
            "bron": log.source,
            "status": log.status,
            "rijen": log.rows_added.map(_count) + " nieuw, " + log.rows_superseded.map(_count) + " vervangen",
        }
    )
    text = st.column_config.TextColumn
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="gb_ladingen",
        column_config={  # px; a long source is cut off here and shown whole in the fold below
            "lading": text(width=60),
            "geladen op": text(width=125),
            "gegevens": text(width=230),
            "bron": text(width=240),
            "status": text(width=80),
            "rijen": text(width=170),
        },
    )
    load_details(log)
    return log


def load_details_table(row: pd.Series) -> pd.DataFrame:
    """Everything the load log holds about one load, as rows of a two-column table (values inert: st.table
    cells are markdown, and the source and the note hold file names people chose)."""
    facts = {
        "Lading": str(row.load_id),
        "Gegevens": _dataset_label(row.dataset),
        "Status": row.status,
        "Bron": row.source,
        "Toelichting": row.message if isinstance(row.message, str) and row.message else "–",
        "Geladen door": LOADED_BY.get(row.loaded_by, ROLE_LABELS.get(row.loaded_by, row.loaded_by)),
        "Geladen op": f"{pd.Timestamp(row.loaded_at):%d-%m-%Y %H:%M}",
        "Rijen toegevoegd": _count(row.rows_added),
        "Rijen vervangen": _count(row.rows_superseded),
        "Demodata": "ja" if row.is_demo else "nee",
    }
    return pd.DataFrame({"Waarde": [inert(value) for value in facts.values()]}, index=pd.Index(facts, name="Gegeven"))


def load_details(log: pd.DataFrame) -> None:
    """One load in full (the whole source, the note, who loaded it, demo or not), chosen in a fold."""
    if log.empty:
        return
    with st.expander("Alles over één lading: de hele bron, de toelichting, door wie"):
        labels = {
            int(row.load_id): f"{row.load_id} · {_dataset_label(row.dataset)} · {pd.Timestamp(row.loaded_at):%d-%m-%Y}"
            for row in log.itertuples()
        }
        chosen = st.selectbox(
            "Lading", list(labels), format_func=labels.get, key="gb_lading_detail", placeholder="Kies een lading"
        )
        st.table(load_details_table(log[log.load_id == chosen].iloc[0]))


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


def audit_screen_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`audit_table` for the screen, narrow enough for a 1440 px page: the load or snapshot a row is about
    in one column ("lading 12", "snapshot 3"); the download keeps them apart."""
    about = ("lading " + table.lading).where(table.lading != "", "") + ("snapshot " + table.snapshot).where(
        table.snapshot != "", ""
    )
    screen = table.drop(columns=["lading", "snapshot"]).assign(betreft=about)
    return screen[["nr", "wanneer", "actie", "rol", "account (pseudoniem)", "eigen wijken", "betreft", "omschrijving"]]


_AUDIT_WIDTHS = {
    column: st.column_config.TextColumn(width=width)
    for column, width in {
        "nr": 45,
        "wanneer": 125,
        "actie": 120,
        "rol": 105,
        "account (pseudoniem)": 165,
        "eigen wijken": 100,
        "betreft": 85,
        "omschrijving": 200,  # a long one is cut off here; the download has it whole
    }.items()
}


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
    st.dataframe(
        audit_screen_table(table.head(SHOWN)),
        hide_index=True,
        width="stretch",
        key="gb_audit",
        column_config=_AUDIT_WIDTHS,
    )
    if len(table) > SHOWN:
        st.caption(f"De nieuwste {SHOWN} van {len(table)} gebeurtenissen; de download bevat ze allemaal.")
    st.caption("Een lange omschrijving is hier afgekort; de download bevat ze voluit.")
    notes = [("Auditlogboek", "Wie (pseudoniem en rol) deed wat in de Wijkmonitor, en wanneer. Nieuwste eerst.")]
    widgets.download_buttons(table, notes, "wijkmonitor-auditlogboek", key="gb_audit_download")
