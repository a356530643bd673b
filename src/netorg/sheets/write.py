"""Write case studies back to the spreadsheet template: a folder of CSV files or an .xlsx workbook.

The inverse of `netorg.sheets.read.read_tabular`: reading what this writes gives back an isomorphic
graph. Relations and recognitions keep their numbers (rows are written in number order), values
are written as their `netorg:code`, and the derived classification, when given, fills extra
columns that the reader ignores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rdflib
from rdflib import RDF, Literal, URIRef

from netorg import CASE_NS
from netorg.atomic import atomic_path
from netorg.errors import UnusableInput
from netorg.sheets.codes import vocabulary
from netorg.sheets.read import NETORG, ORG, SHEETS, SOURCE_SEPARATOR, Column
from netorg.sheets.template import instruction_rows
from netorg.sheets.workbook import Sheet, workbook, write_csv_folder

# extra columns filled from the derived classification (ignored on import)
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "cases": ("typology", "structure", "network_kind", "composition", "origin", "conflicts"),
    "members": ("derived_size",),
}
DERIVED_VALUES = {"composition": NETORG.hasComposition, "origin": NETORG.hasOrigin}



def tables(graph: rdflib.Graph, derived: rdflib.Graph | None = None) -> dict[str, Sheet]:
    """The four sheets of the template for every case study in `graph`, rows sorted."""
    sheets: dict[str, Sheet] = {}
    for sheet, columns in SHEETS.items():
        extra = DERIVED_COLUMNS.get(sheet, ()) if derived is not None else ()
        sheets[sheet] = ([c.name for c in columns] + list(extra), [])
    for case in sorted(set(graph.subjects(RDF.type, NETORG.CaseStudy)), key=str):
        case_id = local_id(case, CASE_NS)
        row = [_cell(graph, case, c, case) for c in SHEETS["cases"]]
        row[0] = case_id
        if derived is not None:
            row += [_derived_case(derived, case, name) for name in DERIVED_COLUMNS["cases"]]
        sheets["cases"][1].append(row)
        sheets["members"][1].extend(_members(graph, derived, case, case_id))
        for sheet, link in (("relations", NETORG.hasRelation),
                            ("recognitions", NETORG.hasRecognition)):
            for node in _numbered(graph, case, link):
                sheets[sheet][1].append(
                    [case_id if c.name == "case_id" else _cell(graph, node, c, case)
                     for c in SHEETS[sheet]]
                )
    sheets["members"][1].sort(key=lambda r: (r[0], r[1]))
    return sheets


def local_id(node: rdflib.term.Node, prefix: str) -> str:
    """The identifier an IRI was made from (`{prefix}{id}`), or its last segment otherwise."""
    text = str(node)
    if text.startswith(prefix) and "/" not in text[len(prefix):]:
        return text[len(prefix):]
    return re.split(r"[/#]", text.rstrip("/#"))[-1]


def _members(
    graph: rdflib.Graph, derived: rdflib.Graph | None, case: URIRef, case_id: str
) -> list[list[str]]:
    rows = []
    for membership in graph.objects(case, ORG.hasMembership):
        for member in graph.objects(membership, ORG.member):
            row = []
            for column in SHEETS["members"]:
                if column.name == "case_id":
                    row.append(case_id)
                elif column.name == "member_id":
                    row.append(local_id(member, f"{case}/member/"))
                elif column.name == "pivot":
                    pivot = (membership, ORG.role, NETORG.PivotFirmRole) in graph
                    row.append("yes" if pivot else "no")
                elif column.name in ("from", "to"):
                    row.append(_cell(graph, membership, column, case))
                else:
                    row.append(_cell(graph, member, column, case))
            if derived is not None:
                sizes = derived.objects(member, NETORG.derivedSizeClass)
                row.append(_codes("size", sizes))
            rows.append(row)
    return rows


def _numbered(graph: rdflib.Graph, case: URIRef, link: URIRef) -> list[rdflib.term.Node]:
    """A case's relations (or recognitions) in the order of their numbers, so they keep them."""

    def key(node: rdflib.term.Node) -> tuple:
        match = re.fullmatch(re.escape(f"{case}/") + r"[a-z]+/(\d+)", str(node))
        return (0, int(match.group(1)), "") if match else (1, 0, str(node))

    return sorted(graph.objects(case, link), key=key)


def _cell(graph: rdflib.Graph, subject: rdflib.term.Node, column: Column, case: URIRef) -> str:
    if column.prop is None:
        return ""
    values = list(graph.objects(subject, column.prop))
    if column.kind == "ref":
        return SOURCE_SEPARATOR.join(sorted(local_id(v, f"{case}/member/") for v in values))
    if column.kind == "term":
        return _codes(column.vocabulary or "", values)
    return SOURCE_SEPARATOR.join(sorted(_text(v) for v in values))


def _codes(name: str, values: Iterable[rdflib.term.Node]) -> str:
    vocab = vocabulary(name)
    return SOURCE_SEPARATOR.join(sorted({c for v in values if (c := vocab.code_of(v))}))


def _text(value: rdflib.term.Node) -> str:
    if isinstance(value, Literal) and isinstance(value.value, bool):
        return "yes" if value.value else "no"
    return str(value)


def _derived_case(derived: rdflib.Graph, case: URIRef, name: str) -> str:
    if name == "conflicts":
        messages = []
        for finding in derived.subjects(NETORG.about, case):
            if (finding, RDF.type, NETORG.Conflict) in derived:
                texts = list(derived.objects(finding, NETORG.message))
                english = [t for t in texts if getattr(t, "language", None) == "en"]
                messages += [str(t) for t in (english or texts)[:1]]
        return SOURCE_SEPARATOR.join(sorted(messages))
    if name in DERIVED_VALUES:
        return _codes(name, derived.objects(case, DERIVED_VALUES[name]))
    return _codes(name, derived.objects(case, RDF.type))


# -- writing ---------------------------------------------------------------------------------------


def write_tabular(
    graph: rdflib.Graph, out: Path, derived: rdflib.Graph | None = None
) -> dict[str, int]:
    """Write the template for `graph` to `out` (an .xlsx file, or a folder of CSV files).

    Writing is atomic: the workbook, or every CSV file, is prepared aside and only then moved
    into place, so a failure leaves what was there before. Returns the row count of each sheet.
    """
    out = Path(out)
    sheets = tables(graph, derived)
    if out.suffix.lower() == ".xlsx":
        book = workbook(
            sheets,
            instructions=instruction_rows(),
            derived_columns=DERIVED_COLUMNS if derived is not None else {},
        )
        with atomic_path(out) as tmp:
            book.save(tmp)
    else:
        write_csv_folder(sheets, out)
    return {sheet: len(rows) for sheet, (_, rows) in sheets.items()}


def check_output(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that would overwrite one of the input files (inputs are never modified)."""
    targets = [out] if out.suffix.lower() == ".xlsx" else [out / f"{s}.csv" for s in SHEETS]
    for target in (t.resolve() for t in targets if t.exists()):
        for source in (Path(p).resolve() for p in inputs):
            if target == source or source in target.parents:
                raise UnusableInput(f"{out}: the output would overwrite the input {source}")
