"""Read RDF files, turning any syntax error into one line that names file, line and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

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


def refuse_empty(path: Path) -> None:
    """An empty file is a mistake (a failed download, a save that did not happen), not data."""
    size = path.stat().st_size
    if size == 0 or (size < 4096 and not path.read_bytes().strip()):
        raise UnusableInput(f"{path}: empty file")


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
    import rdflib

    graph = graph if graph is not None else rdflib.Graph()
    for path in rdf_files(paths):
        rdflib_format, _ = FORMATS[path.suffix.lower()]
        try:
            with as_written():  # literals as written: SHACL validates the terms, not values
                graph.parse(path, format=rdflib_format)
        except Exception as exc:  # rdflib raises many types; locate the error with oxigraph
            raise syntax_error(path, exc) from None
    return graph


def load_store(paths: Sequence[str | Path], store: pyoxigraph.Store, graph: object = None) -> int:
    """Bulk-load files into an Oxigraph store (default graph unless `graph`); count the files."""
    import pyoxigraph as ox

    files = rdf_files(paths)
    for path in files:
        fmt = getattr(ox.RdfFormat, FORMATS[path.suffix.lower()][1])
        try:
            store.bulk_load(path=str(path), format=fmt, to_graph=graph or ox.DefaultGraph())
        except SyntaxError as exc:
            raise UnusableInput(_located(path, exc.lineno, exc.offset, _reason(exc))) from None
        except (OSError, ValueError) as exc:
            raise UnusableInput(f"{path}: {exc}") from None
    return len(files)


def syntax_error(path: Path, exc: Exception) -> UnusableInput:
    """Describe why `path` does not parse, with the line and column oxigraph reports."""
    located = parse_error(path)
    if located is not None:
        return located
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return UnusableInput(f"{path}: {first_line}")


def parse_error(path: Path) -> UnusableInput | None:
    """Parse `path` through; what is wrong with it, at its line and column, or None."""
    import pyoxigraph as ox

    fmt_name = FORMATS.get(path.suffix.lower(), ("", "TURTLE"))[1]
    try:
        for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt_name)):
            pass
    except SyntaxError as located:
        return UnusableInput(_located(path, located.lineno, located.offset, _reason(located)))
    except (OSError, ValueError) as other:
        return UnusableInput(f"{path}: {other}")
    return None


def _located(path: Path, line: int | None, column: int | None, reason: str) -> str:
    return f"{where(path, line, column)}: syntax error: {reason}"


def _reason(exc: SyntaxError) -> str:
    text = exc.msg or str(exc)
    # oxigraph prefixes "Parser error between line a column b and line c column d: "
    text = text.split(": ", 1)[1] if text.startswith("Parser error") and ": " in text else text
    return text.removeprefix("syntax error: ")  # the RDF/XML parser's own prefix


def _suffixes() -> str:
    return ", ".join(sorted(FORMATS))
