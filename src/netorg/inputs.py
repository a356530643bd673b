"""Turn what a user names on the command line into one RDF graph of case studies.

A path may be an RDF file (Turtle, JSON-LD, ...), a folder of RDF files, a folder holding the CSV
template (`cases.csv`, ...) or an `.xlsx` workbook; folders mixing both are read as both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netorg.errors import UnusableInput
from netorg.rdfio import is_rdf, read_graph

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

TEMPLATE_MARKER = "cases.csv"


def is_tabular(path: Path) -> bool:
    """A spreadsheet source: an .xlsx workbook or a folder with the CSV template."""
    return path.suffix.lower() == ".xlsx" or (path.is_dir() and (path / TEMPLATE_MARKER).is_file())


def tabular_sources(path: Path) -> list[Path]:
    """The spreadsheet sources at or below `path` (a template folder, a workbook, or several)."""
    if path.is_file():
        return [path] if path.suffix.lower() == ".xlsx" else []
    found = [path] if is_tabular(path) else []
    found += sorted(p for p in path.rglob("*.xlsx") if not p.name.startswith("~$"))
    found += sorted(
        p.parent for p in path.rglob(TEMPLATE_MARKER) if p.parent != path and p.is_file()
    )
    return found


def load_cases(paths: Sequence[str | Path]) -> rdflib.Graph:
    """Read every named source into one graph; bad rows or syntax raise `UnusableInput`.

    Spreadsheet rows that are rejected are reported by `netorg.tabular` with file, row and column.
    """
    import rdflib

    graph = rdflib.Graph()
    if not paths:
        raise UnusableInput("no input given")
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UnusableInput(f"{path}: no such file or folder")
        if path.is_file() and not is_rdf(path) and path.suffix.lower() != ".xlsx":
            raise UnusableInput(f"{path}: neither an RDF file nor an .xlsx workbook")
        for source in tabular_sources(path):
            from netorg.tabular import read_tabular

            graph += read_tabular(source)
        rdf = [path] if path.is_file() and is_rdf(path) else []
        if path.is_dir():
            rdf = sorted(p for p in path.rglob("*") if p.is_file() and is_rdf(p))
        if rdf:
            read_graph(rdf, graph)
    return graph
