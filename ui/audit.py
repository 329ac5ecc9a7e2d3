"""The audit trail on Gegevensbeheer: who (pseudonym and role) did what, when. For the beheerder only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.access import ROLE_LABELS, User
from ui import store, widgets

ACTIONS = {"lading": "lading", "bewerking": "bewerking", "ongedaan": "ongedaan gemaakt", "snapshot": "raadssnapshot"}
SHOWN = 500  # newest events on screen; the download has them all


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The audit log as a table for people (pure)."""
    return pd.DataFrame(
        {
            "nr": log.event_no.astype(str),
            "wanneer": pd.to_datetime(log.happened_at).dt.strftime("%d-%m-%Y %H:%M"),
            "actie": log.action.map(ACTIONS).fillna(log.action),
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
