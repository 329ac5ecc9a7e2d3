"""A one-page handout of a *mooi voorbeeld* (good-example initiative) as a standalone HTML file.

No Streamlit here: the page offers the file as a download; opened in a browser it prints on one A4 page.
Every text from the register is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from analysis.formatting import format_number

STATUS_TEXT = {"idee": "idee", "lopend": "loopt nog", "afgerond": "afgerond", "gestopt": "gestopt"}


@dataclass(frozen=True)
class Example:
    """What a handout shows of one initiative, already checked for privacy by the caller."""

    initiative_id: str
    title: str
    wijk: str
    buurt: str
    theme: str
    status: str
    period: str  # e.g. "maart 2024 – loopt nog"
    story: str
    participants: str  # formatted, "–" when suppressed
    subsidy: str  # formatted, "geen" when none
    is_demo: bool
    link: str  # the page's address with ?voorbeeld=…


def figures(example: Example) -> list[tuple[str, str]]:
    """The figures of the example as (label, value), in the order the page and the handout show them."""
    return [
        ("Wijk", example.wijk + (f", {example.buurt}" if example.buurt else "")),
        ("Thema", example.theme),
        ("Looptijd", example.period),
        ("Status", STATUS_TEXT.get(example.status, example.status)),
        ("Deelnemers", example.participants),
        ("Subsidie", example.subsidy),
    ]


def handout_html(example: Example, gemeente_naam: str, footer: str) -> str:
    """A complete HTML document (lang="nl", title, print CSS for one A4 page)."""
    rows = "\n".join(
        f"<tr><th scope='row'>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in figures(example)
    )
    demo = (
        "<p class='demo'><strong>Demo</strong> — dit voorbeeld komt uit gegenereerde demodata en is niet echt.</p>"
        if example.is_demo
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Mooi voorbeeld: {escape(example.title)} · Wijkmonitor {escape(gemeente_naam)}</title>
<style>
  @page {{ size: A4; margin: 2cm; }}
  body {{ font-family: "DejaVu Sans", "Source Sans Pro", Arial, sans-serif; color: #222; max-width: 17cm;
         margin: 2rem auto; line-height: 1.45; }}
  .kicker {{ color: #08519c; font-weight: bold; text-transform: uppercase; letter-spacing: .05em; margin: 0; }}
  h1 {{ font-size: 24pt; margin: .2em 0 .4em; color: #08519c; }}
  .story {{ font-size: 13pt; }}
  table {{ border-collapse: collapse; margin: 1.2em 0; width: 100%; }}
  th, td {{ text-align: left; padding: .35em .6em; border-bottom: 1px solid #ccc; vertical-align: top; }}
  th {{ width: 28%; color: #555; font-weight: normal; }}
  .demo {{ border: 2px solid #e66101; padding: .5em .8em; color: #7f2704; }}
  .invite {{ background: #eff3ff; padding: .8em 1em; border-left: 4px solid #08519c; }}
  footer {{ margin-top: 2em; font-size: 9pt; color: #555; border-top: 1px solid #ccc; padding-top: .5em; }}
  @media print {{ body {{ margin: 0; }} a {{ color: inherit; text-decoration: none; }} }}
</style>
</head>
<body>
<p class="kicker">Mooi voorbeeld uit de wijk</p>
<h1>{escape(example.title)}</h1>
{demo}
<p class="story">{escape(example.story)}</p>
<table>
{rows}
</table>
<p class="invite">Ook iets voor uw wijk? Neem contact op met de wijkmakelaar van {escape(example.wijk)}.</p>
<footer>Wijkmonitor {escape(gemeente_naam)} · initiatief {escape(example.initiative_id)} ·
{escape(footer)}<br>Online: {escape(example.link)}</footer>
</body>
</html>
"""


def money(amount: float) -> str:
    """'€ 2.500', or 'geen' for no subsidy."""
    return f"€ {format_number(amount)}" if amount and amount > 0 else "geen"
