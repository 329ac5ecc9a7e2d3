"""The sections of a snapshot, one module per section of the PDF, in the order they are printed.

Each module has a ``build(ctx)`` that returns a small frozen dataclass; the template
(``report/templates/snapshot.html``) reads its attributes. Every value goes through the raad's privacy rules
(``analysis.suppression``; the counts made here follow the same small-count rule); hidden values become
:class:`report.tables.Hidden` cells, printed as "–" with the letter of their reason.

To add a section: a module here with its dataclass and ``build``, a field in :class:`Sections`, a line in
:func:`section_titles` and :func:`gather`, and its ``<section>`` in the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.sections import ambities, bronnen, cover, index, initiatieven, kaart, kerncijfers
from report.sections.context import Context
from report.state import State
from report.tables import Footnotes


def section_titles(level: str) -> list[tuple[str, str]]:
    """(anchor, heading) of every section, in order; the map section differs for gemeente and wijk.

    The story comes first (key figures and their course, map, index, ambitions, initiatives); the table of
    every indicator, which ``kerncijfers`` builds, is printed after it ("alle"), before the sources."""
    return [
        ("kerncijfers", "Kerncijfers"),
        ("kaart", "Kaart van de wijken" if level == "gemeente" else "Ligging van de wijk"),
        ("index", "Sociale-samenhangindex"),
        ("ambities", "Ambities 2030"),
        ("initiatieven", "Initiatieven en vrijwilligers"),
        ("alle", "Alle indicatoren"),
        ("bronnen", "Bronnen en definities"),
    ]


@dataclass(frozen=True)
class Sections:
    """What each section prints, by the anchor of :func:`section_titles`."""

    kerncijfers: kerncijfers.KeyFigures
    kaart: kaart.MapSection
    index: index.IndexSection
    ambities: ambities.AmbitionsSection
    initiatieven: initiatieven.InitiativesSection
    bronnen: bronnen.SourcesSection


@dataclass(frozen=True)
class Contents:
    """Every section of one area's snapshot, with the area's names and the footnotes the tables used."""

    area_name: str
    level: str  # gemeente | wijk
    subtitle: str
    messages: tuple[str, ...]  # the cover's key messages (analysis.findings)
    sections: Sections
    footnotes: Footnotes


def gather(state: State, area_code: str) -> Contents:
    """Build every section for one area, in the order of the document (that fixes the footnote letters)."""
    ctx = Context.create(state, area_code)
    sections = Sections(
        kerncijfers=kerncijfers.build(ctx),
        kaart=kaart.build(ctx),
        index=index.build(ctx),
        ambities=ambities.build(ctx),
        initiatieven=initiatieven.build(ctx),
        bronnen=bronnen.build(ctx),  # last: it lists every footnote letter used before it
    )
    return Contents(ctx.name, ctx.level, _subtitle(ctx), cover.key_messages(ctx), sections, ctx.notes)


def _subtitle(ctx: Context) -> str:
    if ctx.level == "gemeente":
        return f"De gemeente en haar {len(ctx.wijk_names)} wijken"
    row = ctx.areas.loc[ctx.code]
    kind = "kerkdorp" if row.is_kerkdorp else "wijk"
    return f"{row.full_name} ({ctx.code}), {kind} in de gemeente {ctx.state.settings.gemeente_naam}"
