"""Signed-distance-field glyphs for the names on the maps, made from a font file: MapLibre's glyph PBFs.

    python -m tools.glyphs [--font FILE.ttf] [--out static/glyphs]

writes ``<out>/<fontstack>/<start>-<end>.pbf`` for every range in ``charts.maps.GLYPH_RANGES``. The app serves them
itself (``server.enableStaticServing``, ``static/`` next to app.py), so a label never fetches a glyph from the internet.

The format is MapLibre's (and Mapbox's) ``glyphs.proto``::

    message glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
                        required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
                        required uint32 advance = 7; }
    message fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
    message glyphs    { repeated fontstack stacks = 1; }

with the conventions of mapbox/node-fontnik (sdf-glyph-foundry), which the renderer assumes: the font at 24 px,
a bitmap of (width + 6) x (height + 6) bytes (a 3 px border), rows from the top; each byte is
``255 - clamp(64 + 32 * d)`` with ``d`` the signed distance in pixels from the pixel's centre to the outline
(negative inside; radius 8, cutoff 0.25), so the outline itself is 191-192, the value MapLibre's shader cuts at;
``left`` is the outline's rounded left edge, ``top`` its rounded top edge minus the font's ascender at 24 px
(FreeType's, rounded up), ``advance`` the rounded advance width. Glyphs without an outline (the space) have no
bitmap. The distances are computed from the font's own outlines (fontTools, curves flattened), not from a raster.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from charts.maps import GLYPH_FONTSTACK, GLYPH_RANGES

DEFAULT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "static" / "glyphs"

SIZE = 24  # px: the size MapLibre expects its glyph PBFs in (ONE_EM)
BORDER = 3  # px around every bitmap (GLYPH_PBF_BORDER)
RADIUS = 8.0  # px of distance the 0-255 range spans
CUTOFF = 0.25  # share of the range for the inside: the outline lands on 255 - 64 = 191
CURVE_STEPS = 8  # straight pieces per curve: at 24 px a piece is at most a pixel or two long


@dataclass(frozen=True)
class Glyph:
    """One glyph as the PBF stores it (bitmap: rows from the top, ``(height + 6) x (width + 6)``, or empty)."""

    id: int
    bitmap: bytes
    width: int
    height: int
    left: int
    top: int
    advance: int


class _FlatteningPen(BasePen):
    """Collects a glyph's contours as closed polylines, curves cut into ``CURVE_STEPS`` straight pieces."""

    def __init__(self, glyph_set, scale: float) -> None:
        super().__init__(glyph_set)
        self.scale = scale
        self.contours: list[list[tuple[float, float]]] = []

    def _point(self, point) -> tuple[float, float]:
        return point[0] * self.scale, point[1] * self.scale

    def _moveTo(self, point) -> None:
        self.contours.append([self._point(point)])

    def _lineTo(self, point) -> None:
        self.contours[-1].append(self._point(point))

    def _qCurveToOne(self, control, point) -> None:
        (x0, y0), (x1, y1), (x2, y2) = self.contours[-1][-1], self._point(control), self._point(point)
        for step in range(1, CURVE_STEPS + 1):
            t = step / CURVE_STEPS
            a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
            self.contours[-1].append((a * x0 + b * x1 + c * x2, a * y0 + b * y1 + c * y2))

    def _curveToOne(self, control1, control2, point) -> None:
        p0 = self.contours[-1][-1]
        p1, p2, p3 = self._point(control1), self._point(control2), self._point(point)
        for step in range(1, CURVE_STEPS + 1):
            t = step / CURVE_STEPS
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            self.contours[-1].append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )

    def _closePath(self) -> None:
        contour = self.contours[-1]
        if contour[-1] != contour[0]:
            contour.append(contour[0])

    _endPath = _closePath  # an open contour cannot be filled: close it as FreeType does


def _round(value: float) -> int:
    """Half away from zero, as C++'s std::round in fontnik (Python's round() goes half to even)."""
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def _segments(contours: list[list[tuple[float, float]]]) -> np.ndarray:
    """(n, 4) array of x0, y0, x1, y1 of every straight piece of every contour."""
    pieces = [np.hstack([points[:-1], points[1:]]) for points in (np.asarray(c) for c in contours) if len(points) > 1]
    return np.vstack(pieces) if pieces else np.empty((0, 4))


def signed_distance_field(segments: np.ndarray, width: int, height: int) -> np.ndarray:
    """The SDF bytes of an outline given as segments in pixels, already shifted so that the glyph's rounded
    bounding box starts at (BORDER, BORDER): rows from the top, ``(height + 2 BORDER) x (width + 2 BORDER)``.

    Inside is decided by the non-zero winding rule (TrueType's); the distance is to the nearest segment.
    """
    columns, rows = width + 2 * BORDER, height + 2 * BORDER
    px, py = np.meshgrid(np.arange(columns) + 0.5, np.arange(rows) + 0.5)  # pixel centres, y up (row 0 = bottom)
    px, py = px.reshape(-1, 1), py.reshape(-1, 1)
    x0, y0, x1, y1 = (segments[:, i].reshape(1, -1) for i in range(4))
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.clip(np.where(length2 > 0, ((px - x0) * dx + (py - y0) * dy) / length2, 0.0), 0.0, 1.0)
        distance = np.hypot(px - (x0 + t * dx), py - (y0 + t * dy)).min(axis=1)
        upward = (y0 <= py) & (py < y1)
        downward = (y1 <= py) & (py < y0)
        crossing_x = x0 + (py - y0) * dx / np.where(dy == 0, 1.0, dy)
    right = crossing_x > px
    winding = (upward & right).sum(axis=1) - (downward & right).sum(axis=1)
    signed = np.where(winding != 0, -distance, distance)
    encoded = np.clip(signed * (256 / RADIUS) + CUTOFF * 256, 0, 255).astype(np.int64)  # truncated, as fontnik
    return (255 - encoded).astype(np.uint8).reshape(rows, columns)[::-1]  # rows from the top


class GlyphMaker:
    """Renders the glyphs of one font file at MapLibre's 24 px."""

    def __init__(self, font_path: Path) -> None:
        self.font = TTFont(str(font_path))
        self.cmap = self.font.getBestCmap()
        self.glyph_set = self.font.getGlyphSet()
        self.scale = SIZE / self.font["head"].unitsPerEm
        # FreeType's size metrics, which fontnik subtracts from the top: the ascender rounded up to whole pixels
        # (hhea's, or the typographic one when the font asks for it with USE_TYPO_METRICS, bit 7 of fsSelection)
        os2 = self.font.get("OS/2")
        ascender = os2.sTypoAscender if os2 is not None and os2.fsSelection & (1 << 7) else self.font["hhea"].ascent
        self.ascender = math.ceil(ascender * self.scale)

    def covers(self, codepoint: int) -> bool:
        return codepoint in self.cmap

    def glyph(self, codepoint: int) -> Glyph:
        """The glyph of one character (the font must have it: see :meth:`covers`)."""
        name = self.cmap[codepoint]
        advance = _round(self.glyph_set[name].width * self.scale)
        pen = _FlatteningPen(self.glyph_set, self.scale)
        self.glyph_set[name].draw(pen)
        segments = _segments(pen.contours)
        if len(segments) == 0:
            return Glyph(codepoint, b"", 0, 0, 0, -self.ascender, advance)
        xs, ys = segments[:, [0, 2]], segments[:, [1, 3]]
        left, bottom, right, top = _round(xs.min()), _round(ys.min()), _round(xs.max()), _round(ys.max())
        width, height = right - left, top - bottom
        if width == 0 or height == 0:
            return Glyph(codepoint, b"", 0, 0, 0, -self.ascender, advance)
        shifted = segments + np.array([BORDER - left, BORDER - bottom, BORDER - left, BORDER - bottom])
        bitmap = signed_distance_field(shifted, width, height).tobytes()
        return Glyph(codepoint, bitmap, width, height, left, top - self.ascender, advance)

    def glyph_range(self, start: int, end: int) -> list[Glyph]:
        """Every glyph the font has from ``start`` to ``end`` (inclusive), in code point order."""
        return [self.glyph(codepoint) for codepoint in range(start, end + 1) if self.covers(codepoint)]


# -- protocol buffers, written by hand: three message types, no dependency needed ---------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _zigzag(value: int) -> int:
    return (value << 1) ^ (value >> 63)


def _field_varint(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _field_bytes(number: int, value: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(value)) + value


def encode_glyph(glyph: Glyph) -> bytes:
    out = _field_varint(1, glyph.id)
    if glyph.width > 0:
        out += _field_bytes(2, glyph.bitmap)
    out += _field_varint(3, glyph.width) + _field_varint(4, glyph.height)
    out += _field_varint(5, _zigzag(glyph.left)) + _field_varint(6, _zigzag(glyph.top))
    return out + _field_varint(7, glyph.advance)


def encode_range(fontstack: str, start: int, end: int, glyphs: Iterable[Glyph]) -> bytes:
    """One PBF file: a ``glyphs`` message holding one fontstack with the glyphs of ``start``-``end``."""
    stack = _field_bytes(1, fontstack.encode()) + _field_bytes(2, f"{start}-{end}".encode())
    stack += b"".join(_field_bytes(3, encode_glyph(glyph)) for glyph in glyphs)
    return _field_bytes(1, stack)


def write_glyphs(font_path: Path, out: Path, fontstack: str = GLYPH_FONTSTACK) -> list[Path]:
    """Write every range of ``GLYPH_RANGES`` for ``font_path`` into ``out/<fontstack>/``; returns the files."""
    maker = GlyphMaker(font_path)
    folder = out / fontstack
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for start, end in GLYPH_RANGES:
        path = folder / f"{start}-{end}.pbf"
        path.write_bytes(encode_range(fontstack, start, end, maker.glyph_range(start, end)))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Maak de glyph-bestanden (SDF) voor de namen op de kaarten.")
    parser.add_argument("--font", type=Path, default=DEFAULT_FONT, help="TrueType-lettertype (standaard DejaVu Sans)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="map voor de glyphs (standaard static/glyphs)")
    arguments = parser.parse_args(argv)
    for path in write_glyphs(arguments.font, arguments.out):
        print(f"{path} ({path.stat().st_size:,} bytes)".replace(",", "."))


if __name__ == "__main__":
    main()
