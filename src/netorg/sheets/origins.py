"""Where each case, member, relation and recognition was read: file, sheet, row, column.

Kept beside the graph, never in it: the data stays the user's facts, and a finding about a node
(`…/case/prato/member/acme` and the path `netorg:employees`) is turned back into the cell the user
typed (`cases.xlsx!members:4`, column `employees`). The rows are the ones the `Reader` of
`netorg.sheets.read` already keeps (case ids, member keys, and the rows of relations and
recognitions by number), so that a million members cost no second copy; an RDF file is remembered
by the cases it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netorg import CASE_NS

if TYPE_CHECKING:  # pragma: no cover
    from netorg.sheets.read import Reader

# the parts of a case's IRI (`{case}/{part}/{key}`) and the sheet each was read from
PART_SHEETS = {"member": "members", "membership": "members", "relation": "relations",
               "recognition": "recognitions"}


@dataclass(frozen=True)
class Location:
    """Where a finding is, as the user typed it: a cell of a sheet, or an RDF file."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        """`book.xlsx!members:4` (a workbook), `folder/members.csv:4` (a CSV file), or the file."""
        if self.row is None:
            return self.file
        book = self.sheet is not None and self.file.lower().endswith(".xlsx")
        return f"{self.file}!{self.sheet}:{self.row}" if book else f"{self.file}:{self.row}"


@dataclass
class SheetRows:
    """The rows of one spreadsheet source, as its `Reader` numbered them."""

    files: dict[str, str]  # sheet -> the CSV file or the workbook
    cases: dict[str, int]  # case_id -> row
    members: dict[tuple[str, str], int]  # (case_id, member_id) -> row
    numbered: dict[tuple[str, str, int], int]  # (sheet, case_id, n) -> row

    def row(self, case_id: str, part: str | None, key: str) -> tuple[str, int] | None:
        if part is None:
            row = self.cases.get(case_id)
            sheet = "cases"
        elif part in ("member", "membership"):
            row, sheet = self.members.get((case_id, key)), "members"
        elif part in PART_SHEETS and key.isdigit():
            sheet = PART_SHEETS[part]
            row = self.numbered.get((sheet, case_id, int(key)))
        else:  # a finding or another node under the case: the case's row
            row, sheet = self.cases.get(case_id), "cases"
        return (sheet, row) if row is not None and sheet in self.files else None


@dataclass
class Origins:
    """Every source's rows (spreadsheets) or cases (RDF files), in reading order."""

    sheets: list[SheetRows] = field(default_factory=list)
    rdf: dict[str, list[str]] = field(default_factory=dict)  # case_id -> RDF files, in order

    def add_sheets(self, files: dict[str, str], reader: Reader) -> None:
        self.sheets.append(SheetRows(files, reader.cases, reader.members, reader.rows))

    def add_rdf(self, path: str | Path, case_ids: Iterable[str]) -> None:
        for case_id in case_ids:
            files = self.rdf.setdefault(case_id, [])
            if str(path) not in files:
                files.append(str(path))

    def locate(self, node: str | None, path: str | None = None) -> Location | None:
        """The cell (sheet, row, column) or the RDF file a node and property come from."""
        parts = _parts(node)
        if parts is None:
            return None
        case_id, part, key = parts
        for source in self.sheets:
            found = source.row(case_id, part, key)
            if found is not None:
                sheet, row = found
                return Location(source.files[sheet], sheet, row, column_of(sheet, path, part))
        files = self.rdf.get(case_id)
        return Location(files[0]) if files else None

    def position(self, node: object) -> tuple[int, int] | None:
        """(input, row) of a node read from a spreadsheet: the order to write it back in."""
        parts = _parts(str(node))
        if parts is None:
            return None
        for index, source in enumerate(self.sheets):
            found = source.row(*parts)
            if found is not None:
                return (index, found[1])
        return None

    def duplicates(self) -> list[tuple[str, list[Location]]]:
        """Each case_id read from two inputs or more, with where each one is."""
        seen: dict[str, list[Location]] = {}
        for source in self.sheets:
            for case_id, row in source.cases.items():
                seen.setdefault(case_id, []).append(
                    Location(source.files["cases"], "cases", row, "case_id"))
        for case_id, files in self.rdf.items():
            seen.setdefault(case_id, []).extend(Location(f) for f in files)
        return [(case_id, places) for case_id, places in sorted(seen.items()) if len(places) > 1]


def _parts(node: str | None) -> tuple[str, str | None, str] | None:
    """`(case_id, part, key)` of an IRI under a case (`part` None for the case itself)."""
    if not node or not node.startswith(CASE_NS):
        return None
    pieces = node[len(CASE_NS):].split("/")
    if not pieces[0]:
        return None
    if len(pieces) == 1:
        return pieces[0], None, ""
    return pieces[0], pieces[1], "/".join(pieces[2:])


def column_of(sheet: str, path: str | None, part: str | None = None) -> str | None:
    """The column of `sheet` whose cells fill the property `path` (None: no single column)."""
    from netorg.sheets.read import SHEETS

    if path is None:
        return None
    path = path.removeprefix("^")
    for column in SHEETS[sheet]:
        if column.prop is not None and str(column.prop) == path:
            return column.name
    return LINK_COLUMNS.get((sheet, path))


def order(location: Location | None) -> tuple:
    """Sort key of locations: file, sheet in template order, row, column (None last)."""
    from netorg.sheets.read import SHEETS

    if location is None:
        return (1, "", 0, 0, 0)
    sheets = list(SHEETS)
    sheet = sheets.index(location.sheet) if location.sheet in sheets else len(sheets)
    columns = [c.name for c in SHEETS.get(location.sheet or "", ())]
    column = columns.index(location.column) if location.column in columns else -1
    return (0, location.file, sheet, location.row or 0, column)


# links the reader makes from identifiers rather than from a column's property
_ORG = "http://www.w3.org/ns/org#"
LINK_COLUMNS = {("members", f"{_ORG}member"): "member_id",
                ("members", f"{_ORG}organization"): "case_id"}
