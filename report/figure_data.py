"""What the snapshot's pictures are drawn from, without matplotlib: the data of the small multiples, the drawn
picture (:class:`Image`) and the wijk shapes in RD New.

``report.figures`` draws these (and re-exports them); the sections build them while gathering the snapshot.
Keeping them here means gathering never imports matplotlib, so the command line can draw the pictures in a
second process (``report.drawing``) while this one gathers, without paying for matplotlib twice.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import geopandas as gpd

RD_NEW = 28992  # metric Dutch grid: maps keep their true shape


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
