"""Agenda van de wijk: which actions are overdue, and summaries per wijk and per ambition."""

from __future__ import annotations

from datetime import date

import pandas as pd

STATUS_ORDER = ("gepland", "lopend", "vertraagd", "afgerond")
OVERDUE = "te laat"


def with_overdue(items: pd.DataFrame, today: date) -> pd.DataFrame:
    """``items`` plus a boolean ``overdue``: the deadline has passed and the action is not finished."""
    deadline = pd.to_datetime(items.deadline).dt.date
    return items.assign(overdue=(deadline < today) & (items.status != "afgerond"))


def summarise(items: pd.DataFrame, by: str, today: date) -> pd.DataFrame:
    """Per value of ``by`` (e.g. area_code, ambition_id): number of actions, per status, overdue and the
    mean progress in %. Items without a value for ``by`` are left out."""
    marked = with_overdue(items, today).dropna(subset=[by])
    counts = pd.crosstab(marked[by], marked.status).reindex(columns=list(STATUS_ORDER), fill_value=0)
    grouped = marked.groupby(by)
    result = pd.DataFrame(
        {
            "items": grouped.size(),
            **{status: counts[status] for status in STATUS_ORDER},
            "overdue": grouped.overdue.sum().astype(int),
            "mean_progress_pct": grouped.progress_pct.mean(),
        }
    )
    return result.rename_axis(by).reset_index()
