"""Helpers of the documentation-site tests: a link checker over built HTML, a tiny PNG reader (so
that screenshots can be checked without Pillow) and a loopback HTTP server."""

from __future__ import annotations

import functools
import http.server
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def broken_links(root: Path) -> list[str]:
    """Every internal `a[href]` of every HTML file under `root` whose target is not a file there."""
    broken = []
    for page in sorted(root.rglob("*.html")):
        if page.name == "404.html":  # served at any depth, so mkdocs writes its links from "/"
            continue
        parser = _Hrefs()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "http://site/" + page.relative_to(root).as_posix()
        for href in parser.hrefs:
            target, _ = urldefrag(urljoin(base, href))
            parsed = urlparse(target)
            if parsed.scheme not in ("http", "https") or parsed.netloc != "site":
                continue  # mailto:, javascript:, another host
            path = root / unquote(parsed.path.lstrip("/"))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(root)}: {href}")
    return broken


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit, non-interlaced RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"{path}: unexpected PNG kind"
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 0xFF
        previous = bytes(line)
        rows.append(
            previous[::1] if bpp == 3 else bytes(b for j, b in enumerate(previous) if j % 4 != 3)
        )
    return width, height, rows


def colour_stats(path: Path) -> tuple[int, float]:
    """(distinct colours, share of pixels that differ from the most common colour) of a PNG."""
    width, height, rows = png_pixels(path)
    counts: dict[bytes, int] = {}
    for row in rows:
        for x in range(0, width * 3, 3):
            pixel = row[x : x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    background = max(counts.values())
    return len(counts), 1 - background / (width * height)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output readable
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free 127.0.0.1 port; yield the base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# -- English on the French site ------------------------------------------------------------------

# Common English function words and the site's own English interface words that are not French
# words too ("case", "source", "pivot", "information" are both, so they are not listed).
ENGLISH = frozenset(
    """
    the of and with which that this these those is are was were been has have had by from
    without within their its it not yes all each every only full reference cited see rows
    row query queries member members found none unknown summary returns parameters answer
    download downloads should would could first last here there when where what who how
    whose any many more most less also than then into onto about after before between
    because while such other another own same both either neither very can may must will
    shall do does did done you your we our they them he she his her us an home page search
    table contents kind type value name country declared conflict typology inherited
    properties property class classes concepts individuals named
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# (lower-case true and false are values a reader types; Python's True and False are checked)
# a French word spelt like one of the above
FRENCH_TOO = frozenset({"type", "conflict", "concepts", "classes", "page", "table"})
_SKIPPED_TAGS = {"code", "pre", "kbd", "samp", "var", "script", "style"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"}


class _Words(HTMLParser):
    """Text of an HTML page outside quoted data: code, elements in another language (`lang`),
    recorded data (class `netorg-data`), «guillemets» and web addresses are left out."""

    def __init__(self, page_lang: str) -> None:
        super().__init__()
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = dict(attrs)
        lang = a.get("lang") or ""
        quoted = (
            tag in _SKIPPED_TAGS
            or (lang and not lang.startswith(self.page_lang))
            or "netorg-data" in (a.get("class") or "").split()
        )
        self.stack.append((tag, bool(quoted)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(quoted for _, quoted in self.stack):
            return
        import re

        # guillemets quote data, and data may quote in turn (« Pôle « Automobile » (…) »): the
        # innermost pair goes first until none is left
        text, before = data, None
        while text != before:
            before, text = text, re.sub(r"«[^«»]*»", " ", text)
        # a web address, a prefixed name, a {?placeholder} or {placeholder}, an --option: code
        text = re.sub(r"https?://\S+|\b\w+:\w+\b|\{\??\w+\}|--[\w-]+", " ", text)
        for word in re.findall(r"[^\W\d_]+", text):
            if word.isupper() and len(word) > 1:
                continue  # a code (IT, US, SME)
            if word in ("True", "False") or (
                word.lower() in ENGLISH and word.lower() not in FRENCH_TOO
            ):
                self.found.append((word, " ".join(data.split())[:120]))


def english_words(root: Path, lang: str = "fr") -> dict[str, list[tuple[str, str]]]:
    """page -> the English words (and their context) in its main text, outside quoted data."""
    import re

    found = {}
    for page in sorted(root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", html, re.S)
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        parser = _Words(lang)
        named_after_data = re.search(r'<h1[^>]*class="[^"]*netorg-data', html)  # a case page
        head = "" if named_after_data or not title else title.group(1)
        parser.feed(head + "\n" + (article.group(0) if article else html))
        if parser.found:
            found[page.relative_to(root).as_posix()] = parser.found
    return found
