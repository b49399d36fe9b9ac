"""Draw the arbeidsmarktregio map as SVG path data from the committed TopoJSON.

Pure module (standard library only). Steps:

1. Decode the arcs: each arc is delta-encoded in the quantized grid; a running sum gives the
   grid positions, and the file's transform turns them into longitude/latitude.
2. Build each region's rings from arc indices; index ``~i`` (that is ``-i - 1``) means arc ``i``
   reversed, and consecutive arcs share their joining point, which is dropped once.
3. Project longitude/latitude to the plane with an equirectangular projection scaled by
   cos(52.2°), the latitude of the Netherlands' centre, so shapes are not stretched east-west.
4. Fit the projected extent into the requested viewBox width, y pointing down as SVG expects.
5. For a shaded map (``shaded_map``), colour each region on a light-to-dark scale between the
   lowest and the highest value (``shade``), with a five-step legend.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TOPOJSON_PATH = Path(__file__).with_name("data") / "arbeidsmarktregio_2025.topojson"
_COS_LAT = math.cos(math.radians(52.2))

Point = tuple[float, float]


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    path: str  # SVG path data in viewBox coordinates
    centroid: Point  # rough label position: the mean of the outer ring's points


@dataclass(frozen=True)
class RegionMap:
    width: float
    height: float
    shapes: tuple[RegionShape, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def _decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arc_indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    ring: list[Point] = []
    for index in arc_indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        polygons: list[list[list[int]]] = geometry["arcs"]
        return polygons
    return []


def _project(point: Point) -> Point:
    lon, lat = point
    return lon * _COS_LAT, -lat


@cache
def region_map(width: float = 600.0) -> RegionMap:
    """The 35 regions as SVG paths fitted into a viewBox ``width`` wide (cached per width)."""
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    geometries = next(iter(topology["objects"].values()))["geometries"]
    projected: list[tuple[dict[str, Any], list[list[Point]]]] = []
    for geometry in geometries:
        rings = [
            [_project(p) for p in _ring(ring, arcs)]
            for polygon in _polygons(geometry)
            for ring in polygon
        ]
        projected.append((geometry["properties"], rings))
    xs = [x for _, rings in projected for ring in rings for x, _ in ring]
    ys = [y for _, rings in projected for ring in rings for _, y in ring]
    min_x, min_y = min(xs), min(ys)
    scale = width / (max(xs) - min_x)
    height = (max(ys) - min_y) * scale

    def fit(p: Point) -> Point:
        return (p[0] - min_x) * scale, (p[1] - min_y) * scale

    shapes = []
    for props, rings in projected:
        fitted = [[fit(p) for p in ring] for ring in rings]
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in fitted if ring
        )
        outer = max(fitted, key=len)
        centroid = (sum(x for x, _ in outer) / len(outer), sum(y for _, y in outer) / len(outer))
        shapes.append(RegionShape(props["statcode"], props["statnaam"], path, centroid))
    shapes.sort(key=lambda s: s.code)
    return RegionMap(width=width, height=height, shapes=tuple(shapes))


def shade(value: float, lowest: float, highest: float) -> str:
    """A colour on a light-to-dark blue scale for ``value`` between ``lowest`` and ``highest``."""
    t = 0.0 if highest <= lowest else (value - lowest) / (highest - lowest)
    t = min(max(t, 0.0), 1.0)
    light, dark = (222, 235, 247), (8, 69, 148)
    r, g, b = (round(a + (c - a) * t) for a, c in zip(light, dark, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass(frozen=True)
class ShadedShape:
    code: str
    name: str
    path: str
    fill: str
    value: int


@dataclass(frozen=True)
class ShadedMap:
    view_box: str
    shapes: tuple[ShadedShape, ...]
    lowest: int
    highest: int
    legend: tuple[tuple[str, int], ...]  # (colour, value) from low to high


def shaded_map(values: dict[str, int], *, width: float = 420) -> ShadedMap:
    """The 35 regions shaded by ``values`` (region code -> a number, e.g. jobs), with a legend
    of five steps from low to high; drawn by ``templates/regions/snippets/region_map.html``."""
    base = region_map(width)
    lowest, highest = min(values.values(), default=0), max(values.values(), default=0)
    shapes = tuple(
        ShadedShape(
            s.code,
            s.name,
            s.path,
            shade(values.get(s.code, lowest), lowest, highest),
            values.get(s.code, 0),
        )
        for s in base.shapes
    )
    steps = 4
    legend = tuple(
        (
            shade(lowest + (highest - lowest) * k / steps, lowest, highest),
            round(lowest + (highest - lowest) * k / steps),
        )
        for k in range(steps + 1)
    )
    return ShadedMap(base.view_box, shapes, lowest, highest, legend)


@cache
def geojson_geometries() -> dict[str, dict[str, Any]]:
    """Each region's outline as a GeoJSON geometry (WGS 84 longitude/latitude, RFC 7946), by
    region code: step 1 and 2 above without the projection, for the public API."""
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    geometries = next(iter(topology["objects"].values()))["geometries"]
    result: dict[str, dict[str, Any]] = {}
    for geometry in geometries:
        polygons = [
            [[[round(x, 6), round(y, 6)] for x, y in _ring(ring, arcs)] for ring in polygon]
            for polygon in _polygons(geometry)
        ]
        result[geometry["properties"]["statcode"]] = {
            "type": "MultiPolygon",
            "coordinates": polygons,
        }
    return result
