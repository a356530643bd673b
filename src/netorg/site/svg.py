"""Diagrams drawn at build time as inline SVG, so the site needs no script from the internet.

(mkdocs-material renders Mermaid with a script it loads from a CDN, which an offline reader or CI
cannot reach.) Each function takes already-resolved labels and links and returns one <svg> element.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#00897b", "#e65100", "#3949ab", "#8e24aa", "#6d4c41", "#c62828", "#546e7a", "#2e7d32")
# a network diagram colours members and relations: two palettes with no colour in common, so that
# one colour means one thing (a kind of member, or a logic of relation), named in the legend
NODE_PALETTE = ("#00897b", "#3949ab", "#8e24aa", "#6d4c41", "#546e7a", "#00acc1")
EDGE_PALETTE = ("#e65100", "#c62828", "#f9a825", "#ad1457", "#5d4037", "#212121", "#757575")
FONT = 'font-family="Helvetica, Arial, sans-serif"'


@dataclass(frozen=True)
class Node:
    key: str
    text: str
    href: str | None = None
    group: int = 0
    strong: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    group: int = 0
    dashed: bool = False


def _a(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _svg(width: float, height: float, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="netorg-diagram" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px" {FONT}>'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def tree(rows: Sequence[tuple[int, Node]], title: str) -> str:
    """An indented tree: each row is (depth, node), in depth-first order."""
    step, indent, width = 24, 26, 0.0
    body, stack = [], []  # stack[depth] = y of the last node at that depth
    for i, (depth, node) in enumerate(rows):
        y = 20 + i * step
        x = 10 + depth * indent
        del stack[depth:]
        if depth and len(stack) >= depth:
            px = 10 + (depth - 1) * indent + 6
            body.append(
                f'<path d="M{px},{stack[depth - 1] + 5} V{y} H{x}" fill="none" stroke="#90a4ae"/>'
            )
        stack.append(y)
        color = PALETTE[node.group % len(PALETTE)]
        weight = ' font-weight="bold"' if node.strong else ""
        body.append(f'<circle cx="{x + 6}" cy="{y}" r="5" fill="{color}"/>')
        body.append(
            _a(
                node.href,
                _text(x + 16, y + 4, node.text, 13, extra=weight),
            )
        )
        width = max(width, x + 16 + 7.2 * len(node.text))
    return _svg(width + 20, 20 + len(rows) * step, "".join(body), title)


def continuum(
    left: Node, middle: Sequence[Node], right: Node, below: dict[str, Sequence[Node]], title: str
) -> str:
    """The market - network - hierarchy continuum: two poles on an axis, forms between them, and
    under each middle form the forms it is refined into."""
    slots = [left, *middle, right]
    gap = 150
    width = gap * (len(slots) - 1) + 160
    lowest = 110.0
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#546e7a"/></marker></defs>',
        f'<line x1="40" y1="60" x2="{width - 40}" y2="60" stroke="#546e7a" stroke-width="2" '
        'marker-start="url(#arrow)" marker-end="url(#arrow)"/>',
    ]
    for i, node in enumerate(slots):
        x = 80 + i * gap
        pole = node in (left, right)
        color = PALETTE[1] if pole else PALETTE[0]
        lines = wrap(node.text, 18)
        box_h = 22 + 16 * len(lines)
        body.append(
            f'<rect x="{x - 70}" y="{60 - box_h / 2:.0f}" width="140" height="{box_h}" rx="8" '
            f'fill="{color}"/>'
        )
        body.append(
            _a(
                node.href,
                _lines(x, 65 - 8 * (len(lines) - 1), lines, 13, "middle", fill="#fff"),
            )
        )
        y = 128
        for j, child in enumerate(below.get(node.key, ())):
            if j == 0:
                body.append(f'<line x1="{x}" y1="90" x2="{x}" y2="{y - 14}" stroke="#b0bec5"/>')
            child_lines = wrap(child.text, 20)
            body.append(_a(child.href, _lines(x, y, child_lines, 12, "middle")))
            y += 15 * len(child_lines) + 10
        lowest = max(lowest, y)
    return _svg(width, lowest + 10, "".join(body), title)


def network(
    nodes: Sequence[Node], edges: Sequence[Edge], legend: Sequence[tuple[int, str, str]], title: str
) -> str:
    """Members on a circle, relations as arrows; legend rows are (group, 'node'|'edge', text)."""
    n = max(len(nodes), 1)
    radius = max(120.0, 26.0 * n / math.pi)
    cx, cy = radius + 210, radius + 50
    where = {
        node.key: (
            cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2),
        )
        for i, node in enumerate(nodes)
    }
    body = [
        "<defs>"
        + "".join(
            f'<marker id="arr{g}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
            f'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{EDGE_PALETTE[g]}"/></marker>'
            for g in range(len(EDGE_PALETTE))
        )
        + "</defs>"
    ]
    for edge in edges:
        if edge.source not in where or edge.target not in where:
            continue
        (x1, y1), (x2, y2) = where[edge.source], where[edge.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        x2, y2 = x2 - (x2 - x1) * 12 / length, y2 - (y2 - y1) * 12 / length
        dash = ' stroke-dasharray="5,4"' if edge.dashed else ""
        group = edge.group % len(EDGE_PALETTE)
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{EDGE_PALETTE[group]}" stroke-width="1.6"{dash} '
            f'marker-end="url(#arr{group})"/>'
        )
    for node in nodes:
        x, y = where[node.key]
        color = NODE_PALETTE[node.group % len(NODE_PALETTE)]
        stroke = ' stroke="#212121" stroke-width="3"' if node.strong else ""
        anchor = "start" if x >= cx + 1 else ("end" if x < cx - 1 else "middle")
        dx = 12 if anchor == "start" else (-12 if anchor == "end" else 0)
        lines = wrap(node.text, 22)
        dy = 4 - 7 * (len(lines) - 1) if anchor != "middle" else (
            -14 - 15 * (len(lines) - 1) if y < cy else 22
        )
        size = 9 if node.strong else 7
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size}" fill="{color}"{stroke}/>')
        # a member's name is recorded data, in whatever language its sources use
        body.append(
            _a(node.href, _lines(x + dx, y + dy, lines, 12, anchor, extra=' class="netorg-data"'))
        )
    y = 2 * cy
    for i, (group, kind, text) in enumerate(legend):
        ly = y + i * 20
        palette = EDGE_PALETTE if kind in ("edge", "dashed") else NODE_PALETTE
        color = palette[group % len(palette)]
        if kind == "node":
            body.append(f'<circle cx="20" cy="{ly}" r="6" fill="{color}"/>')
        elif kind == "pivot":
            body.append(
                f'<circle cx="20" cy="{ly}" r="7" fill="#fff" stroke="#212121" stroke-width="3"/>'
            )
        else:
            dash = ' stroke-dasharray="5,4"' if kind == "dashed" else ""
            line = f'stroke="{color}" stroke-width="2"{dash}'
            body.append(f'<line x1="8" y1="{ly}" x2="32" y2="{ly}" {line}/>')
        body.append(_text(40, ly + 4, text))
    return _svg(2 * cx, y + 20 * len(legend) + 10, "".join(body), title)


@dataclass(frozen=True)
class MapWords:
    """The words a map needs, in the page's language."""

    title: str
    inset: str
    filters: str
    north: str = "N"
    south: str = "S"
    east: str = "E"
    west: str = "W"


# the Europe-and-Mediterranean inset: (west, south, east, north) in degrees
INSET = (-12.0, 27.0, 44.0, 62.0)
WORLD_SCALE = 180.0  # SVG units per unit of the Equal Earth plane


def world_map(
    points: Sequence[tuple[float, float, Node]],
    legend: Sequence[tuple[int, str]],
    words: MapWords,
) -> str:
    """The case map: countries in Equal Earth, each case a point linked to its page, coloured by
    its group (one colour a group, named in the legend); an inset enlarges Europe and the
    Mediterranean; the legend's boxes hide or show a group (CSS only, no script)."""
    from netorg.site.geo import equal_earth, path_data, world

    half_w, half_h = equal_earth(180, 0)[0] * WORLD_SCALE, equal_earth(0, 90)[1] * WORLD_SCALE
    margin = 30.0
    width, height = 2 * half_w + 2 * margin, 2 * half_h + 2 * margin

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return margin + half_w + x * WORLD_SCALE, margin + half_h - y * WORLD_SCALE

    sphere = [(180.0, lat) for lat in range(-90, 91, 5)]
    sphere += [(-180.0, lat) for lat in range(90, -91, -5)]
    land = "".join(
        f'<path d="{path_data((ring for polygon in c.polygons for ring in polygon), project)}" '
        f'vector-effect="non-scaling-stroke"/>'  # no tooltip: Natural Earth names are English
        for c in world()
    )
    body = [
        f'<path class="netorg-ocean" d="{path_data([sphere], project)}"/>',
        _graticule(project, 30, (-180, 180, -90, 90), words, width, margin, 18),
        # colours as attributes: the inset's <use> copy of this group inherits them (a style
        # sheet's selectors do not reach into a <use> element's copy)
        f'<g id="netorg-land" class="netorg-land" fill="#e8e4d8" stroke="#ffffff" '
        f'stroke-width="0.8" fill-rule="evenodd">{land}</g>',
        *(_point(project(lon, lat), node, 6) for lat, lon, node in points),
    ]
    world_svg = _map_svg(width, height, "".join(body), words.title, "netorg-map-world")

    west, south, east, north = INSET
    corners = [project(lon, lat) for lon in (west, east) for lat in (south, north)]
    corners += [project(lon, (south + north) / 2) for lon in (west, east)]
    x0, x1 = min(x for x, _ in corners), max(x for x, _ in corners)
    y0, y1 = min(y for _, y in corners), max(y for _, y in corners)
    k = 900 / (x1 - x0)
    inset_h = (y1 - y0) * k

    def zoom(lon: float, lat: float) -> tuple[float, float]:
        x, y = project(lon, lat)
        return (x - x0) * k, (y - y0) * k

    inset_points = [
        (lat, lon, node)
        for lat, lon, node in points
        if west <= lon <= east and south <= lat <= north
    ]
    inset = [
        f'<defs><clipPath id="netorg-inset-frame"><rect width="900" height="{inset_h:.0f}"/>'
        "</clipPath></defs>",
        f'<rect class="netorg-ocean" width="900" height="{inset_h:.0f}"/>',
        '<g clip-path="url(#netorg-inset-frame)">',
        _graticule(zoom, 10, (west - 10, east + 10, south - 10, north + 10), words, 900, 0, 18),
        f'<use href="#netorg-land" class="netorg-land" '
        f'transform="matrix({k:.4f},0,0,{k:.4f},{-x0 * k:.1f},{-y0 * k:.1f})"/>',
        "</g>",
        *(_point(zoom(lon, lat), node, 8) for lat, lon, node in inset_points),
    ]
    inset_svg = _map_svg(900, inset_h, "".join(inset), words.inset, "netorg-map-inset")
    return (
        '<div class="netorg-map">'
        + _filters(legend, words.filters)
        + world_svg
        + f'<p class="netorg-map-caption">{escape(words.inset)}</p>'
        + inset_svg
        + "</div>"
    )


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: its label, its length, the figure written at its end, a link, a
    colour group (named in the legend)."""

    text: str
    value: float
    shown: str
    href: str | None = None
    group: int = 0


def bars(rows: Sequence[Bar], title: str, axis: str, legend: Sequence[str] = (),
         reference: tuple[float, str] | None = None) -> str:
    """Horizontal bars from zero under a visible title, labels on the left, the figure at each
    bar's end; a legend of the colour groups, and an optional dashed reference line (a value and
    its label, e.g. the country's share)."""
    label_w, step, width = 190.0, 18.0, 620.0
    plot = width - label_w - 70
    heading = wrap(title, 76)
    y0 = 18 + 15 * len(heading)  # below the title
    top = y0 + 16 * bool(legend) + 16 * bool(reference)
    top_value = max([r.value for r in rows] + [reference[0] if reference else 0.0]) or 1.0
    bottom = top + step * len(rows)
    height = bottom + 26

    def x(value: float) -> float:
        return label_w + value / top_value * plot

    body = [_lines(10, 16, heading, 13, extra=' font-weight="bold"')]
    body += [_text(label_w + 150 * i, y0 + 2, name, 11, "start", PALETTE[i % len(PALETTE)])
             for i, name in enumerate(legend)]
    for i, row in enumerate(rows):
        y = top + i * step
        bar = (f'<rect x="{label_w:.1f}" y="{y + 3:.1f}" width="{x(row.value) - label_w:.1f}" '
               f'height="{step - 6:.1f}" fill="{PALETTE[row.group % len(PALETTE)]}">'
               f"<title>{escape(row.text)}: {escape(row.shown)}</title></rect>")
        body.append(_text(label_w - 6, y + step - 5, _clip(row.text, 30), 11, "end"))
        body.append(_a(row.href, bar))
        body.append(_text(x(row.value) + 4, y + step - 5, row.shown, 11))
    body.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{bottom}" stroke="#555"/>')
    if reference:
        at = x(reference[0])
        body.append(f'<line x1="{at:.1f}" y1="{top - 2}" x2="{at:.1f}" y2="{bottom}" '
                    f'stroke="{PALETTE[1]}" stroke-dasharray="4 3"/>')
        body.append(_text(at, top - 5, reference[1], 11, "middle", PALETTE[1]))
    body.append(_text(label_w + plot / 2, height - 6, axis, 11, "middle"))
    return _svg(width, height, "".join(body), title)


def _map_svg(width: float, height: float, body: str, title: str, css: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="netorg-diagram {css}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" {FONT}>'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _point(xy: tuple[float, float], node: Node, radius: float) -> str:
    x, y = xy
    dot = (
        f'<circle class="netorg-point" cx="{x:.1f}" cy="{y:.1f}" r="{radius}" '
        f'fill="{PALETTE[node.group % len(PALETTE)]}">'
        f'<title class="netorg-data">{escape(node.text)}</title></circle>'
    )
    return f'<g class="netorg-group-{node.group}">{_a(node.href, dot)}</g>'


def _graticule(project, step: int, box, words: MapWords, width: float, margin: float, size: int):
    """Parallels (straight in Equal Earth) and meridians every `step` degrees, the parallels
    labelled with their hemisphere in letters (30° S, not -30°, whose sign is easily lost)."""
    west, east, south, north = box
    lines, labels = [], []
    for lat in range(-90 + step, 90, step):
        if not south <= lat <= north:
            continue
        lons = range(max(-180, int(west)), min(180, int(east)) + 1, 2)
        points = [project(lon, lat) for lon in lons]
        lines.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points))
        hemisphere = words.north if lat > 0 else words.south if lat < 0 else ""
        text = f"{abs(lat)}°\u00a0{hemisphere}".strip()
        y = points[0][1]
        labels.append(_text(margin + 4, y - 4, text, size, fill="#546e7a"))
    for lon in range(-180, 181, step):
        if not west <= lon <= east:
            continue
        lats = range(max(-90, int(south)), min(90, int(north)) + 1, 2)
        points = [project(lon, lat) for lat in lats]
        lines.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points))
    path = f'<path class="netorg-graticule" d="{"".join(lines)}"/>'
    return path + "".join(labels)


def _filters(legend: Sequence[tuple[int, str]], title: str) -> str:
    """The legend as check boxes: unticking one hides that group's points (with `:has()`)."""
    boxes, rules = [], []
    for group, text in legend:
        colour = PALETTE[group % len(PALETTE)]
        box_id = f"netorg-filter-{group}"
        boxes.append(
            f'<label class="netorg-filter"><input type="checkbox" id="{box_id}" checked> '
            f'<span class="netorg-swatch" style="background:{colour}"></span> '
            f"{escape(text)}</label>"
        )
        rules.append(
            f".netorg-map:has(#{box_id}:not(:checked)) .netorg-group-{group}{{display:none}}"
        )
    return (
        f"<style>{''.join(rules)}</style>"
        f'<fieldset class="netorg-filters"><legend>{escape(title)}</legend>{"".join(boxes)}'
        "</fieldset>"
    )


def _text(
    x: float,
    y: float,
    text: str,
    size: int = 12,
    anchor: str = "start",
    fill: str = "#263238",
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{escape(text)}</text>'
    )


def wrap(text: str, width: int) -> list[str]:
    """Words on lines of at most `width` characters (a longer word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _lines(x: float, y: float, lines: Sequence[str], size: int = 12, anchor: str = "start",
           fill: str = "#263238", extra: str = "") -> str:
    """A text of several lines (SVG text does not wrap by itself), the first at `y`."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else round(size * 1.25)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{spans}</text>'
    )


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
