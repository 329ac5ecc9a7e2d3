"""What the snapshot's pictures are drawn from, without matplotlib: the data of the small multiples, the drawn
picture (:class:`Image`), each picture's size and the wijk shapes in RD New.

``report.figures`` draws these (and re-exports them); the sections build them while gathering the snapshot.
Keeping them here means gathering never imports matplotlib, so the command line can draw the pictures in a
second process (``report.drawing``) while this one gathers, without paying for matplotlib twice. The sizes are
here for the same reason: the command line lays out the PDF with them while that process is still drawing.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import geopandas as gpd

RD_NEW = 28992  # metric Dutch grid: maps keep their true shape
DPI = 150  # sharp enough on paper at the printed size; higher only makes the PDF slower and larger
WIDTH_IN = 6.6  # the text width of A4 portrait with 2 cm margins, in inches
CLASS_MAP_SIZE = (WIDTH_IN, 4.9)  # inches, as every size here
LOCATOR_SIZE = (WIDTH_IN * 0.42, 2.3)


def pixels(size: tuple[float, float]) -> tuple[int, int]:
    """A picture's width and height in pixels at :data:`DPI`, as matplotlib's Agg canvas makes them (it
    truncates ``inches * dpi``)."""
    return int(size[0] * DPI), int(size[1] * DPI)


def bars_size(count: int) -> tuple[float, float]:
    """The contribution bars: one bar per index component."""
    return WIDTH_IN, 0.5 + 0.2 * count


@dataclass(frozen=True)
class Grid:
    """Small multiples: how many columns and rows of panels, and the picture's size in inches."""

    columns: int
    rows: int
    size: tuple[float, float]


def trend_grid(count: int) -> Grid:
    """Trends, three per row; one panel spans the width and needs less height."""
    columns = min(3, count)
    rows = math.ceil(count / columns)
    return Grid(columns, rows, (WIDTH_IN, 0.35 + (1.32 if count > 1 else 1.25) * rows))


def ambition_grid(count: int) -> Grid:
    """Roads to 2030, four per row (five when there are more than twelve): at most three rows."""
    columns = min(5 if count > 12 else 4, count)
    rows = math.ceil(count / columns)
    return Grid(columns, rows, (WIDTH_IN, 0.3 + 1.12 * rows))


@dataclass(frozen=True)
class Image:
    png: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Series:
    """One line of a small multiple: x (years, or years with a fraction for quarters) and values."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]


@dataclass(frozen=True)
class TrendPanel:
    """One small chart: the area's line, optionally a reference line (the gemeente) and a band (the spread of
    the wijken), its unit on the axis. ``from_zero``: counts, percentages and amounts start at zero."""

    title: str
    decimals: int
    unit: str
    line: Series
    reference: Series | None = None
    band: tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]] | None = None  # x, low, high
    from_zero: bool = True


@dataclass(frozen=True)
class AmbitionPanel:
    """One indicator's road to 2030: realised values, the required path, the target, the status in words."""

    title: str
    status: str  # e.g. "✖ achter"
    decimals: int
    unit: str
    realised: Series
    path: Series
    target_year: int
    target: float


def starts_at_zero(unit: str) -> bool:
    """Counts, percentages, amounts and rates start at zero; a score (0–10) or the index (100 = the gemeente)
    is drawn where its values are, with a visible break on the axis (``report.figures._axis_break``)."""
    return not unit.startswith(("score", "index"))


def shapes_rd(boundaries: pd.DataFrame) -> gpd.GeoDataFrame:
    """area_code + geometry_wkb (EPSG:4326) -> a GeoDataFrame in RD New, indexed by area_code."""
    import geopandas as gpd
    import shapely

    geometry = gpd.GeoSeries([shapely.from_wkb(bytes(b)) for b in boundaries.geometry_wkb], crs=4326)
    frame = gpd.GeoDataFrame({"area_code": list(boundaries.area_code)}, geometry=geometry.to_crs(RD_NEW).values)
    return frame.set_index("area_code")
