"""The cover's key messages: the first three findings of "Wat valt op" (``analysis.findings``), the same
generator as the Overzicht; for a wijk, the findings about that wijk."""

from __future__ import annotations

from analysis import findings
from report.sections.context import Context

KEY_MESSAGES = 3


def key_messages(ctx: Context) -> tuple[str, ...]:
    """Up to three sentences, most important first (fewer only when the data hold fewer)."""
    state = ctx.state
    found = findings.findings(
        state.values,
        state.tables["indicator"],
        state.tables["area"],
        state.tables["target"],
        ctx.gemeente,
        state.rules,
        limit=KEY_MESSAGES,
        area=None if ctx.level == "gemeente" else ctx.code,
    )
    return tuple(f.text for f in found)
