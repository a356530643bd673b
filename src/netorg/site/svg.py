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
    deepest = max((len(v) for v in below.values()), default=0)
    height = 150 + deepest * 26
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
        body.append(f'<rect x="{x - 70}" y="40" width="140" height="40" rx="8" fill="{color}"/>')
        body.append(
            _a(
                node.href,
                _text(x, 65, _clip(node.text, 20), 13, "middle", fill="#fff"),
            )
        )
        for j, child in enumerate(below.get(node.key, ())):
            y = 118 + j * 26
            body.append(
                f'<line x1="{x}" y1="80" x2="{x}" y2="{y - 12}" stroke="#b0bec5"/>'
                if j == 0
                else ""
            )
            body.append(
                _a(
                    child.href,
                    _text(x, y, _clip(child.text, 24), 12, "middle"),
                )
            )
    return _svg(width, height, "".join(body), title)


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
            f'fill="{PALETTE[g % len(PALETTE)]}"/></marker>'
            for g in range(len(PALETTE))
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
        color = PALETTE[edge.group % len(PALETTE)]
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
            f'stroke-width="1.6"{dash} marker-end="url(#arr{edge.group % len(PALETTE)})"/>'
        )
    for node in nodes:
        x, y = where[node.key]
        color = PALETTE[node.group % len(PALETTE)]
        stroke = ' stroke="#212121" stroke-width="3"' if node.strong else ""
        anchor = "start" if x >= cx + 1 else ("end" if x < cx - 1 else "middle")
        dx = 12 if anchor == "start" else (-12 if anchor == "end" else 0)
        dy = 4 if anchor != "middle" else (-14 if y < cy else 22)
        size = 9 if node.strong else 7
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size}" fill="{color}"{stroke}/>')
        body.append(
            _a(
                node.href,
                _text(x + dx, y + dy, _clip(node.text, 28), 12, anchor),
            )
        )
    y = 2 * cy
    for i, (group, kind, text) in enumerate(legend):
        ly = y + i * 20
        color = PALETTE[group % len(PALETTE)]
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


def world_map(
    points: Sequence[tuple[float, float, Node]], legend: Sequence[tuple[int, str]], title: str
) -> str:
    """Points (lat, lon, node) on an equirectangular frame fitted to them, with a 10° graticule."""
    if not points:
        return _svg(400, 60, '<text x="10" y="30">—</text>', title)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north = max(-90.0, min(lats) - 8), min(90.0, max(lats) + 8)
    west, east = max(-180.0, min(lons) - 12), min(180.0, max(lons) + 12)
    scale = 900 / (east - west)
    width, height = 900 + 40, (north - south) * scale + 40

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 20 + (lon - west) * scale, 20 + (north - lat) * scale

    frame = f'width="900" height="{height - 40:.1f}" fill="#e3f2fd" stroke="#90a4ae"'
    body = [f'<rect x="20" y="20" {frame}/>']
    for lon in range(math.ceil(west / 10) * 10, int(east) + 1, 10):
        x, _ = xy(0, lon)
        body.append(
            f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20:.1f}" stroke="#bbdefb"/>'
        )
        body.append(_text(x, height - 6, f"{lon}°", 10, "middle", fill="#607d8b"))
    for lat in range(math.ceil(south / 10) * 10, int(north) + 1, 10):
        _, y = xy(lat, 0)
        body.append(f'<line x1="20" y1="{y:.1f}" x2="920" y2="{y:.1f}" stroke="#bbdefb"/>')
        body.append(_text(16, y + 3, f"{lat}°", 10, "end", fill="#607d8b"))
    if south < 0 < north:
        _, y = xy(0, 0)
        equator = f'x2="920" y2="{y:.1f}" stroke="#64b5f6" stroke-width="1.5"'
        body.append(f'<line x1="20" y1="{y:.1f}" {equator}/>')
    for lat, lon, node in points:
        x, y = xy(lat, lon)
        color = PALETTE[node.group % len(PALETTE)]
        dot = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}" stroke="#fff">'
            f"<title>{escape(node.text)}</title></circle>"
        )
        body.append(_a(node.href, dot))
    x = 20.0
    for group, text in legend:  # one row under the frame
        color = PALETTE[group % len(PALETTE)]
        body.append(f'<circle cx="{x + 6:.0f}" cy="{height + 14:.1f}" r="5" fill="{color}"/>')
        body.append(_text(x + 16, height + 18, text))
        x += 30 + 7 * len(text)
    return _svg(width, height + 30, "".join(body), title)


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


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
