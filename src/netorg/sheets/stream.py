"""The spreadsheet template straight to N-Triples, row by row, without an rdflib graph.

At a hundred thousand cases (three million members, thirty million triples) an rdflib graph does
not fit in memory and takes an hour to fill. This path runs the very same `Reader` of
`netorg.sheets.read` (same cell checks, same errors, same triples) over CSV rows read lazily from
disk, and hands each triple on as one N-Triples line, with the case study its subject belongs to,
so that a caller can write it out or split the data per case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rdflib import Literal, URIRef

from netorg import CASE_NS
from netorg.atomic import atomic_path
from netorg.errors import UnusableInput
from netorg.sheets.origins import Origins
from netorg.sheets.read import Reader, RejectedRows, _error_order, read_tables, sheet_files

# emit(case_id or None, line): the case is None for a triple whose subject is no case's
Emit = Callable[[str | None, str], None]
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax (only IRIs and literals: the template makes no blank node)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def case_id_of(iri: str) -> str | None:
    """The case an IRI lives under (`…/case/{id}` or `…/case/{id}/…`), if any."""
    if not iri.startswith(CASE_NS):
        return None
    return iri[len(CASE_NS):].split("/", 1)[0] or None


class LineSink:
    """Takes the Reader's triples like an rdflib graph would, and emits N-Triples lines."""

    def __init__(self, emit: Emit) -> None:
        self.emit = emit
        self.triples = 0
        self._cases: dict[str, str | None] = {}  # subject -> case id (subjects repeat in a row)
        self._iris: dict[str, str] = {}  # predicates and vocabulary terms, formatted once

    def add(self, triple: tuple) -> None:
        subject, predicate, obj = triple
        key = str(subject)
        case = self._cases.get(key, "")
        if case == "":
            if len(self._cases) > 64:
                self._cases.clear()
            case = self._cases[key] = case_id_of(key)
        self.emit(case, f"<{key}> {self._iri(predicate)} {self._object(obj)} .\n")
        self.triples += 1

    def _iri(self, term: URIRef) -> str:
        text = self._iris.get(term)
        if text is None:
            text = self._iris[term] = f"<{term}>"
        return text

    def _object(self, term: URIRef | Literal) -> str:
        if isinstance(term, Literal):
            return nt_term(term)
        key = str(term)
        return self._iris.get(key, f"<{key}>")


def convert(source: Path, emit: Emit, origins: Origins | None = None) -> Counter[str]:
    """Emit every triple of a spreadsheet source; `RejectedRows` (after the last row) if any row
    is bad, in which case the caller must throw away what was emitted. `origins`, when given,
    learns the rows things were read from.

    The triples are those `netorg.sheets.read.read_tabular` gives (a test holds them to it), except
    that a triple stated twice in one row (the same source twice in a cell) is emitted twice.
    """
    source = Path(source)
    if not source.exists():
        raise UnusableInput(f"{source}: no such file or folder")
    tables, errors = read_tables(source, lazy=True)
    sink = LineSink(emit)
    reader = Reader(tables, errors, graph=sink)  # type: ignore[arg-type]
    reader.run()
    if errors:
        raise RejectedRows(sorted(errors, key=_error_order(tables)))
    if origins is not None:
        origins.add_sheets(sheet_files(source, tables), reader)
    return Counter(cases=len(reader.cases), members=len(reader.members),
                   relations=_numbered(reader, "relations"),
                   recognitions=_numbered(reader, "recognitions"), triples=sink.triples)


def _numbered(reader: Reader, sheet: str) -> int:
    return sum(n for (name, _), n in reader.counters.items() if name == sheet)


def write_ntriples(source: Path, out: Path, buffer: int = 1 << 20) -> Counter[str]:
    """Write a spreadsheet source as N-Triples to `out`, atomically; nothing on a bad row."""
    with atomic_path(out) as tmp, tmp.open("w", encoding="utf-8") as handle:
        pending: list[str] = []
        size = 0

        def emit(_case: str | None, line: str) -> None:
            nonlocal size
            pending.append(line)
            size += 1
            if size >= buffer // 100:
                handle.write("".join(pending))
                pending.clear()
                size = 0

        counts = convert(source, emit)
        handle.write("".join(pending))
    return counts
