"""Text from users in plotly figures (hover, labels, annotations): plotly reads a little HTML there.

Checked in chromium (README, Beslissingen): plotly turns ``<b>`` into bold, ``<br>`` into a line break and
``<a href="http…">`` into a real link (a ``javascript:`` href is dropped, the link text stays); other tags
such as ``<script>`` or ``<img>`` show as text. It decodes ``&lt;``, ``&gt;`` and ``&amp;``, so escaping
shows the text exactly as written.
"""

from __future__ import annotations

import html
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def for_plotly(text: object) -> str:
    """``text`` for a plotly hover, label or annotation: HTML-escaped, line breaks kept as ``<br>``."""
    value = _CONTROL.sub("", "" if text is None else str(text))
    return html.escape(value, quote=False).replace("\n", "<br>")
