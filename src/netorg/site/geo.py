"""The geography of the case map: country outlines from TopoJSON, and the Equal Earth projection.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain), as the npm package
`world-atlas` 2.0.2 ships them in TopoJSON (`site/data/countries-110m.json`, see the README beside
it). TopoJSON stores each shared border once, as an "arc" of delta-encoded, quantised positions;
a polygon lists the arcs it follows (a negative index `~i` follows arc `i` backwards). Decoding it
is the few lines below (spec: https://github.com/topojson/topojson-specification), so the build
needs no geometry library.

Equal Earth (Šavrič, Patterson & Jenny 2018, "The Equal Earth map projection", International
Journal of Geographical Information Science 33(3), 454–465, doi:10.1080/13658816.2018.1504949) is
an equal-area pseudocylindrical projection: the sizes of countries compare truly, and parallels
are straight lines, so a graticule is easy to read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# the polynomial's coefficients (Šavrič et al. 2018, equation 2)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2

Ring = list[tuple[float, float]]  # (longitude, latitude) in degrees


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outer ring, then its holes


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth on the unit sphere: x east, y north (x = ±2.7066 at the equator's ends,
    y = ±1.3174 at the poles)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    slope = A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * slope)
    return x, y


def decode_arcs(topology: dict) -> list[Ring]:
    """Every arc as absolute (lon, lat) positions: undo the delta encoding, then the quantisation
    transform when the topology has one."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            ring = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                ring.append((x * sx + tx, y * sy + ty))
        else:
            ring = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(ring)
    return arcs


def ring_of(indexes: Sequence[int], arcs: list[Ring]) -> Ring:
    """A ring from the arcs it follows; consecutive arcs share their end point, kept once."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def countries(topology: dict, name: str = "countries") -> list[Country]:
    """The named object's Polygon and MultiPolygon geometries, decoded."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        decoded = tuple(tuple(ring_of(ring, arcs) for ring in polygon) for polygon in polygons)
        found.append(Country(str(geometry.get("properties", {}).get("name", "")), decoded))
    return found


def data_file() -> Path:
    from netorg.resources import root

    return root() / "site" / "data" / "countries-110m.json"


@cache
def world() -> tuple[Country, ...]:
    """The bundled countries (empty when the data file is not there, as in a bare wheel)."""
    path = data_file()
    if not path.is_file():
        return ()
    return tuple(countries(json.loads(path.read_text(encoding="utf-8"))))


def path_data(rings: Iterator[Ring] | Sequence[Ring], project) -> str:
    """SVG path data of closed rings through `project(lon, lat) -> (x, y)`, to 0.1 unit."""
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        if len(points) < 3:
            continue
        parts.append(
            "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in _dedupe(points)) + "Z"
        )
    return "".join(parts)


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop points that round to the previous one (most of the 1:110m detail at world scale)."""
    kept: list[tuple[float, float]] = []
    for x, y in points:
        if not kept or (round(x, 1), round(y, 1)) != (round(kept[-1][0], 1), round(kept[-1][1], 1)):
            kept.append((x, y))
    return kept
