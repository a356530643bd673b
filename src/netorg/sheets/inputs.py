"""Turn what a user names on the command line into one RDF graph of case studies.

A path may be an RDF file (Turtle, JSON-LD, ...), a folder of RDF files, a folder holding the CSV
template (`cases.csv`, ...) or an `.xlsx` workbook; folders mixing both are read as both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netorg.errors import UnusableInput
from netorg.rdf.read import is_rdf, read_graph

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from netorg.sheets.origins import Origins

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


def load_cases(paths: Sequence[str | Path], origins: Origins | None = None) -> rdflib.Graph:
    """Read every named source into one graph; bad rows or syntax raise `UnusableInput`.

    Spreadsheet rows that are rejected are reported by `netorg.sheets.read` with file, row and
    column. `origins`, when given, learns where each case and its parts were read
    (`netorg.sheets.origins`), so that findings can name the cell the user typed.
    """
    import rdflib

    graph = rdflib.Graph()
    for kind, source in sources(paths):
        if kind == "tabular":
            from netorg.sheets.read import read_tabular

            graph += read_tabular(source, origins)
        elif origins is None:
            read_graph([source], graph)
        else:
            from netorg.sheets.stream import case_id_of

            read = read_graph([source], rdflib.Graph())
            cases = {c for subject in read.subjects() if (c := case_id_of(str(subject)))}
            origins.add_rdf(source, sorted(cases))
            graph += read
    return graph


def sources(paths: Sequence[str | Path]) -> list[tuple[str, Path]]:
    """What the named paths hold, in reading order: ("tabular", template folder or workbook) and
    ("rdf", file) pairs; a missing path, a wrong kind of file or an empty folder is unusable."""
    if not paths:
        raise UnusableInput("no input given")
    found: list[tuple[str, Path]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UnusableInput(f"{path}: no such file or folder")
        if not path.is_file() and not path.is_dir():
            raise UnusableInput(f"{path}: neither a file nor a folder")
        if path.is_file() and not is_rdf(path) and path.suffix.lower() != ".xlsx":
            raise UnusableInput(f"{path}: neither an RDF file nor an .xlsx workbook")
        tabular = tabular_sources(path)
        rdf = [path] if path.is_file() and is_rdf(path) else []
        if path.is_dir():
            rdf = sorted(p for p in path.rglob("*") if p.is_file() and is_rdf(p))
            if not rdf and not tabular:
                raise UnusableInput(
                    f"{path}: no RDF file, CSV template ({TEMPLATE_MARKER}) or .xlsx workbook "
                    "in this folder"
                )
        found += [("tabular", t) for t in tabular] + [("rdf", r) for r in rdf]
    return found


def refuse_overwrite(out: str | Path, paths: Sequence[str | Path], rdf: bool = True) -> None:
    """Inputs are never modified: refuse an output that is one of the files `paths` would read
    (spreadsheets, and RDF files unless `rdf` is false)."""
    target = Path(out).resolve()
    if not target.exists():
        return
    in_template = target.suffix.lower() == ".csv" and (target.parent / TEMPLATE_MARKER).is_file()
    read_here = (rdf and is_rdf(target)) or is_tabular(target) or in_template
    for raw in paths:
        source = Path(raw).resolve()
        if target == source or (read_here and source in target.parents):
            raise UnusableInput(f"{out}: the output would overwrite the input {raw}")


TEXT_LIMIT = 16 << 20  # bytes of a query file (or of standard input): /dev/zero never ends


def read_text(path: str | Path, limit: int = TEXT_LIMIT) -> str:
    """A UTF-8 text file's (or pipe's) contents; a folder, a missing file, bad bytes or more than
    `limit` bytes are `UnusableInput`."""
    path = Path(path)
    if path.is_dir():
        raise UnusableInput(f"{path}: is a folder, not a file")
    if not path.exists():
        raise UnusableInput(f"{path}: no such file")
    try:
        with path.open("rb") as handle:
            return decode(read_at_most(handle, limit, path), path)
    except OSError as exc:
        raise UnusableInput(f"{path}: cannot read ({(exc.strerror or str(exc)).lower()})") from None


def read_at_most(handle: object, limit: int, where: str | Path) -> bytes:
    """At most `limit` bytes from a binary stream; more is `UnusableInput`."""
    data = handle.read(limit + 1)  # type: ignore[attr-defined]
    if len(data) > limit:
        raise UnusableInput(f"{where}: more than {limit:,} bytes; not a query file")
    return data


def decode(data: bytes, where: str | Path) -> str:
    """UTF-8 `data`; a byte that is not UTF-8 is reported at its line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnusableInput(
            f"{where}:{line}:{column}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None
