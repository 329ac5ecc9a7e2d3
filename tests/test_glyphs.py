"""The glyph generator (tools/glyphs.py) and the glyph files the app serves for the names on the maps.

The PBFs are read back with a protocol-buffer reader written here, independent of the generator's writer.
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import numpy as np
import pytest

from charts.maps import GLYPH_FONTSTACK, GLYPH_RANGES, GLYPHS_URL
from tools import glyphs

ROOT = Path(__file__).resolve().parents[1]
SERVED = ROOT / "static" / "glyphs" / GLYPH_FONTSTACK
font_missing = pytest.mark.skipif(not glyphs.DEFAULT_FONT.exists(), reason="fonts-dejavu-core is not installed")


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """(field number, value) of every field of one message: varints as int, length-delimited as bytes."""
    fields, at = [], 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
        elif wire == 2:
            length, at = _varint(data, at)
            value, at = data[at : at + length], at + length
        else:
            raise AssertionError(f"unexpected wire type {wire} for field {number}")
        fields.append((number, value))
    return fields


def _unzigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def read_pbf(data: bytes) -> tuple[str, str, dict[int, dict]]:
    """(fontstack name, range, {id: glyph fields}) of a glyph PBF holding one fontstack."""
    (number, stack), *rest = _fields(data)
    assert number == 1 and not rest, "one fontstack per file"
    name = range_ = None
    read = {}
    for number, value in _fields(stack):
        if number == 1:
            name = value.decode()
        elif number == 2:
            range_ = value.decode()
        elif number == 3:
            glyph = dict(_fields(value))
            read[glyph[1]] = {
                "bitmap": glyph.get(2, b""),
                "width": glyph[3],
                "height": glyph[4],
                "left": _unzigzag(glyph[5]),
                "top": _unzigzag(glyph[6]),
                "advance": glyph[7],
            }
    return name, range_, read


def test_a_square_gets_the_mapbox_distance_encoding() -> None:
    # a 10 x 10 px square whose edges lie on the bitmap's 3 px border
    b, s = glyphs.BORDER, glyphs.BORDER + 10
    square = np.array([[b, b, s, b], [s, b, s, s], [s, s, b, s], [b, s, b, b]], dtype=float)
    field = glyphs.signed_distance_field(square, 10, 10)
    assert field.shape == (16, 16)
    middle = 3 + 5
    # 255 - (64 + 32 d), d the signed distance of the pixel centre: 0,5 px inside the edge -> 207, outside -> 175
    assert field[middle, 3] == 207 and field[middle, 2] == 175
    assert field[middle, middle] == 255  # 5 px inside: clamped to full
    assert field[0, 0] == 255 - int(64 + 32 * math.hypot(2.5, 2.5))  # the corner pixel, 3,5 px from the corner
    assert (field[3:13, 3:13] > 191).all() and (field[:, :3] < 191).all()  # the outline is the value 191


def test_a_shape_with_a_hole_is_empty_inside_the_hole() -> None:
    # non-zero winding: an outer square and an inner one drawn the other way round
    outer = [[3, 3, 23, 3], [23, 3, 23, 23], [23, 23, 3, 23], [3, 23, 3, 3]]
    inner = [[9, 9, 9, 17], [9, 17, 17, 17], [17, 17, 17, 9], [17, 9, 9, 9]]
    field = glyphs.signed_distance_field(np.array(outer + inner, dtype=float), 20, 20)
    assert field[13, 13] < 191 < field[5, 5]


def test_pbf_encoding_reads_back() -> None:
    made = [
        glyphs.Glyph(65, bytes(range(56)), 1, 2, -1, -7, 9),  # (1 + 6) x (2 + 6) bytes
        glyphs.Glyph(32, b"", 0, 0, 0, -23, 8),
    ]
    name, range_, read = read_pbf(glyphs.encode_range("Test Sans", 0, 255, made))
    assert (name, range_) == ("Test Sans", "0-255")
    assert read[65] == {"bitmap": bytes(range(56)), "width": 1, "height": 2, "left": -1, "top": -7, "advance": 9}
    assert read[32] == {"bitmap": b"", "width": 0, "height": 0, "left": 0, "top": -23, "advance": 8}


@font_missing
def test_the_generator_writes_every_glyph_the_font_has(tmp_path: Path) -> None:
    maker = glyphs.GlyphMaker(glyphs.DEFAULT_FONT)
    written = glyphs.write_glyphs(glyphs.DEFAULT_FONT, tmp_path, fontstack="Test Sans")
    assert [path.name for path in written] == [f"{start}-{end}.pbf" for start, end in GLYPH_RANGES]
    name, range_, read = read_pbf(written[0].read_bytes())
    assert (name, range_) == ("Test Sans", "0-255")
    assert sorted(read) == [code for code in range(256) if maker.covers(code)]
    assert {*range(32, 127), *"éëïöüàèçÉ".encode("latin-1")} <= set(read)  # ASCII and the Dutch accents
    for code, glyph in read.items():
        assert len(glyph["bitmap"]) == ((glyph["width"] + 6) * (glyph["height"] + 6) if glyph["width"] else 0), code
    space, capital = read[ord(" ")], read[ord("H")]
    assert space["bitmap"] == b"" and space["advance"] > 0
    # the conventions of fontnik: 'top' is the outline's top edge less the ascender (23 px for DejaVu Sans at 24 px)
    h_top = round(maker.font["glyf"]["H"].yMax * maker.scale)
    assert capital["top"] == h_top - maker.ascender and maker.ascender == 23
    assert capital["width"] > 10 and 16 <= capital["height"] <= 18 and 15 <= capital["advance"] <= 19


@font_missing
def test_the_served_glyphs_are_what_the_generator_makes(tmp_path: Path) -> None:
    """static/glyphs holds the generator's output for the default font (compared on the first range: the others
    are made by the same code)."""
    (made,) = [p for p in glyphs.write_glyphs(glyphs.DEFAULT_FONT, tmp_path) if p.name == "0-255.pbf"]
    assert (SERVED / "0-255.pbf").read_bytes() == made.read_bytes(), "run: python -m tools.glyphs"


def test_every_range_is_served_with_its_licence() -> None:
    assert GLYPHS_URL.startswith("app/static/glyphs/{fontstack}/")  # the app's own static folder, relative
    for start, end in GLYPH_RANGES:
        name, range_, read = read_pbf((SERVED / f"{start}-{end}.pbf").read_bytes())
        assert range_ == f"{start}-{end}" and name == GLYPH_FONTSTACK
        assert read and all(start <= code <= end for code in read)
    assert "bitstream-vera" in (SERVED / "LICENSE.txt").read_text()


def test_every_wijk_name_of_the_netherlands_can_be_written() -> None:
    """Each character of every wijk name in the national boundaries has a glyph in the served files."""
    with gzip.open(ROOT / "data" / "raw" / "nl-context" / "nl_wijken_2024_simplified.geojson.gz", "rt") as fh:
        names = {feature["properties"]["name"] for feature in json.load(fh)["features"]}
    served = {}
    for start, end in GLYPH_RANGES:
        served.update(read_pbf((SERVED / f"{start}-{end}.pbf").read_bytes())[2])
    missing = {char for name in names for char in name if ord(char) not in served}
    assert len(names) > 3000 and not missing, missing
