"""User-provided text shown inert: as written, never as markdown, HTML, a link, a picture, LaTeX or an icon.

Streamlit 1.67 interprets markdown in st.markdown, st.caption, st.info/warning/error/success, headers,
widget, expander and st.metric labels, and in every st.table cell (README, Beslissingen; tested in
tests/test_hostile_input.py and tests/browser/test_hostile_input.py). Use :func:`inert` for those;
``charts.text.for_plotly`` for plotly texts (hover, labels, annotations), which understand a little HTML.
Contexts that show text as it is (st.dataframe cells, st.text, st.code, select box options, file names
in downloads) need neither.
"""

from __future__ import annotations

import re

# Backslash escapes (every ASCII punctuation character can be escaped in GitHub markdown), only where a character
# can mean something, so ordinary text stays readable in the source: inline markup everywhere (emphasis, code,
# links and pictures, raw HTML and autolinks, LaTeX $…$, strikethrough, table pipes, entities, Streamlit's
# directives :red[…] / :orange-badge[…]); block markup only at the start of a line (headings, lists, quotes,
# rules, setext underlines). Streamlit replaces the raw string ':material/' by its icon syntax before parsing,
# so that '/' is escaped too.
_INLINE = re.compile(r"([\\`*_\[\]<>$~|{}])|(:)(?=[A-Za-z])|(&)(?=#?\w+;)|(?<=material)(/)")
_LINE_START = re.compile(
    r"^([ \t]*)(#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|[-=](?=[-= \t]*$)|\d{1,9}(?=[.)](?:[ \t]|$)))", re.MULTILINE
)
# These work on the parsed text, where a backslash no longer helps: GFM autolinks (http://…, www.…, a@b.nl)
# and emoji shortcodes (:smile:). An invisible WORD JOINER (U+2060) breaks the pattern.
_TEXT_PATTERNS = re.compile(r"(?<=:)(?=//)|(?<=:)(?=[\w+-]+:)|(?i:(?<=www)(?=\.))|(?<=@)")
WORD_JOINER = "\u2060"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ELLIPSIS = "…"


def clean(text: object, limit: int | None = None) -> str:
    """``text`` as a string without control characters (newlines and tabs kept), cut at ``limit`` with '…'."""
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", value)
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + ELLIPSIS
    return value


def inert(text: object, limit: int | None = None) -> str:
    """``text`` for a markdown context (st.markdown, captions, alerts, labels, st.table cells), shown literally.

    >>> inert("**vet** [klik](javascript:alert(1)) :red[rood] $x$ 10:30")
    '\\\\*\\\\*vet\\\\*\\\\* \\\\[klik\\\\](javascript\\\\:alert(1)) \\\\:red\\\\[rood\\\\] \\\\$x\\\\$ 10:30'
    """
    value = _TEXT_PATTERNS.sub(WORD_JOINER, clean(text, limit))
    value = _INLINE.sub(lambda m: "\\" + next(g for g in m.groups() if g), value)
    return _LINE_START.sub(_escape_block, value)


def _escape_block(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker[0].isdigit():  # '1.' or '1)': escape the '.' or ')' that follows (not part of the match)
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def one_line(text: object, limit: int | None = None) -> str:
    """Like :func:`inert`, with line breaks as spaces: for labels, table cells and messages of one line."""
    return inert(" ".join(clean(text).split()), limit)


def file_part(text: object, limit: int = 60) -> str:
    """``text`` as a safe part of a download's file name: letters, digits, '-', '_' and '.'; no path."""
    value = re.sub(r"[^A-Za-z0-9_.-]+", "_", clean(text)).strip("._") or "bestand"
    return value[:limit]
