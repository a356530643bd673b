"""Read RDF files safely, turning any syntax error into one line that names file, line and column.

One parser configuration for every file a user names: Oxigraph's parsers (strict IRIs, located
errors), fed from a file handle that Python opened (so any file name works, and a leading BOM is
skipped), which never load a JSON-LD `@context` from the web or the disk. RDF/XML is first read by
defusedxml, which refuses a DTD, and with it entity bombs and external entities. rdflib graphs are
filled from what Oxigraph parsed, as N-Triples, with the file's prefixes bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from netorg.errors import UnusableInput, where

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

# suffix -> (rdflib parser name, pyoxigraph RdfFormat attribute)
FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("turtle", "TURTLE"),
    ".turtle": ("turtle", "TURTLE"),
    ".nt": ("nt", "N_TRIPLES"),
    ".nq": ("nquads", "N_QUADS"),
    ".trig": ("trig", "TRIG"),
    ".n3": ("n3", "N3"),
    ".jsonld": ("json-ld", "JSON_LD"),
    ".json": ("json-ld", "JSON_LD"),
    ".rdf": ("xml", "RDF_XML"),
    ".owl": ("xml", "RDF_XML"),
    ".xml": ("xml", "RDF_XML"),
}


def is_rdf(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def rdf_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the RDF files they hold (sorted, recursive); reject missing paths."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and is_rdf(p))
            if not inside:
                raise UnusableInput(f"{path}: no RDF file in this folder ({_suffixes()})")
            found.extend(inside)
        elif path.is_file():
            if not is_rdf(path):
                raise UnusableInput(f"{path}: not an RDF file (expected one of {_suffixes()})")
            refuse_empty(path)
            found.append(path)
        elif path.exists():
            raise UnusableInput(f"{path}: neither a file nor a folder")
        else:
            raise UnusableInput(f"{path}: no such file or folder")
    return found


BOM = b"\xef\xbb\xbf"
CONTEXT_REFUSED = (
    "a JSON-LD @context given by URL or file is not loaded (netorg opens no connection and reads "
    "no file you did not name); write the context into the document"
)


def refuse_empty(path: Path) -> None:
    """An empty file is a mistake (a failed download, a save that did not happen), not data.

    A byte-order mark and blanks alone are empty too."""
    size = path.stat().st_size
    if size == 0 or (size < 4096 and not path.read_bytes().removeprefix(BOM).strip()):
        raise UnusableInput(f"{path}: empty file")


def refuse_unsafe(path: Path) -> None:
    """Checks before any parser runs: not empty, and no DTD in an XML file."""
    refuse_empty(path)
    if rdf_format(path) == "RDF_XML":
        _refuse_dtd(path)


def _refuse_dtd(path: Path) -> None:
    """A DTD is where entity bombs (billion laughs) and external entities (XXE) live: refuse it."""
    from netorg.safe.xmlguard import dtd_line

    with opened(path) as handle:
        line = dtd_line(handle)
    if line is not None:
        raise UnusableInput(
            f"{where(path, line)}: a DTD or an XML entity declaration is refused (it can expand "
            "without end or read other files); remove the <!DOCTYPE ...> block"
        )


def rdf_format(path: Path) -> str:
    """The pyoxigraph `RdfFormat` name for a file's suffix."""
    return FORMATS.get(path.suffix.lower(), ("", "TURTLE"))[1]


@contextmanager
def opened(path: Path) -> Iterator[IO[bytes]]:
    """The file opened by Python (any file name works), past a leading UTF-8 byte-order mark."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UnusableInput(f"{path}: cannot read ({(exc.strerror or str(exc)).lower()})") from None
    with handle:
        if handle.read(3) != BOM:
            handle.seek(0)
        yield handle


def parsed(path: Path, prefixes: dict[str, str] | None = None) -> Iterator[pyoxigraph.Quad]:
    """The quads of one file, parsed safely (see the module docstring); errors are located.

    Relative IRIs resolve against the file's own URI, as rdflib does; `prefixes`, when given,
    receives the prefixes the file declares once it is read through.
    """
    import pyoxigraph as ox

    refuse_unsafe(path)
    fmt = getattr(ox.RdfFormat, rdf_format(path))
    with opened(path) as handle:
        parser = ox.parse(input=handle, format=fmt, base_iri=_file_uri(path))
        try:
            yield from parser
        except (SyntaxError, ValueError, OSError) as exc:
            raise syntax_error(path, exc) from None
        if prefixes is not None:
            prefixes.update(parser.prefixes)


def _file_uri(path: Path) -> str:
    import urllib.parse

    return "file://" + urllib.parse.quote(bytes(path.resolve()))


@contextmanager
def as_written() -> Iterator[None]:
    """Parse literals as written: rdflib otherwise rewrites "1"^^xsd:boolean to "true"."""
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def read_graph(paths: Sequence[str | Path], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Parse files into an rdflib graph; a syntax error becomes `UnusableInput`, located."""
    import pyoxigraph as ox
    import rdflib

    graph = graph if graph is not None else rdflib.Graph()
    for path in rdf_files(paths):
        prefixes: dict[str, str] = {}
        triples = ox.serialize((quad.triple for quad in parsed(path, prefixes)),
                               format=ox.RdfFormat.N_TRIPLES)
        if triples:
            with as_written():  # literals as written: SHACL validates the terms
                graph.parse(data=triples, format="nt")
        for prefix, namespace in prefixes.items():
            graph.bind(prefix, namespace, override=False)
    return graph


def load_store(paths: Sequence[str | Path], store: pyoxigraph.Store, graph: object = None) -> int:
    """Load files into an Oxigraph store (default graph unless `graph`); count the files."""
    import pyoxigraph as ox

    files = rdf_files(paths)
    for path in files:
        refuse_unsafe(path)
        fmt = getattr(ox.RdfFormat, rdf_format(path))
        with opened(path) as handle:
            try:
                store.bulk_load(input=handle, format=fmt, to_graph=graph or ox.DefaultGraph())
            except (SyntaxError, ValueError, OSError) as exc:
                raise syntax_error(path, exc, base=False) from None
    return len(files)


def syntax_error(path: Path, exc: Exception, base: bool = True) -> UnusableInput:
    """Describe why `path` does not parse, with the line and column oxigraph reports."""
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        return UnusableInput(_located(path, exc.lineno, exc.offset, _reason(exc)))
    located = parse_error(path, base)
    if located is not None:
        return located
    first_line = _first_line(exc)
    return UnusableInput(f"{path}: {first_line}")


def parse_error(path: Path, base: bool = True) -> UnusableInput | None:
    """Parse `path` through; what is wrong with it, at its line and column, or None."""
    import pyoxigraph as ox

    refuse_unsafe(path)
    fmt = getattr(ox.RdfFormat, rdf_format(path))
    with opened(path) as handle:
        try:
            for _ in ox.parse(input=handle, format=fmt, base_iri=_file_uri(path) if base else None):
                pass
        except SyntaxError as located:
            return UnusableInput(_located(path, located.lineno, located.offset, _reason(located)))
        except (OSError, ValueError) as other:
            return UnusableInput(f"{path}: {_first_line(other)}")
    return None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _located(path: Path, line: int | None, column: int | None, reason: str) -> str:
    return f"{where(path, line, column)}: syntax error: {reason}"


def _reason(exc: SyntaxError) -> str:
    text = exc.msg or str(exc)
    # oxigraph prefixes "Parser error between line a column b and line c column d: "
    text = text.split(": ", 1)[1] if text.startswith("Parser error") and ": " in text else text
    text = text.removeprefix("syntax error: ")  # the RDF/XML parser's own prefix
    return CONTEXT_REFUSED if "LoadDocumentCallback" in text else text.splitlines()[0]


def _suffixes() -> str:
    return ", ".join(sorted(FORMATS))
