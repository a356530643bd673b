"""Write case studies back to the spreadsheet template: a folder of CSV files or an .xlsx workbook.

The inverse of `netorg.sheets.read.read_tabular`: reading what this writes gives back an isomorphic
graph. Rows keep the order they were read in when a `position` is given (from
`netorg.sheets.origins`), else they are sorted; relations and recognitions keep their numbers.
Values are written as their `netorg:code`, years, headcounts and coordinates as numbers, and the
derived classification, when given, fills extra columns that the reader ignores, in the user's
language: the labels of the derived values, the conflicts and the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
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
    "cases": ("typology", "structure", "network_kind", "composition", "origin", "conflicts",
              "reasons"),
    "members": ("derived_size",),
}
DERIVED_VALUES = {"composition": NETORG.hasComposition, "origin": NETORG.hasOrigin}
NUMERIC = ("year", "count", "latitude", "longitude")  # written as numbers, not text
EXACT = 2**53  # larger whole numbers are written as text: a spreadsheet's numbers would round them
Position = Callable[[rdflib.term.Node], tuple | None]  # where a node was read, to keep that order
Cell = str | int | Decimal


def tables(graph: rdflib.Graph, derived: rdflib.Graph | None = None, lang: str = "en",
           position: Position | None = None) -> dict[str, Sheet]:
    """The four sheets of the template for every case study in `graph`: rows in the order
    `position` gives (the input's), else sorted; derived columns in `lang`."""
    where = position or (lambda _node: None)
    keyed: dict[str, list[tuple[tuple, list[Cell]]]] = {sheet: [] for sheet in SHEETS}
    for case in sorted(set(graph.subjects(RDF.type, NETORG.CaseStudy)), key=str):
        case_id = local_id(case, CASE_NS)
        row = [_cell(graph, case, c, case) for c in SHEETS["cases"]]
        row[0] = case_id
        if derived is not None:
            row += [_derived_case(derived, case, name, lang) for name in DERIVED_COLUMNS["cases"]]
        keyed["cases"].append((_key(where(case), str(case)), row))
        keyed["members"] += _members(graph, derived, case, case_id, lang, where)
        for sheet, link in (("relations", NETORG.hasRelation),
                            ("recognitions", NETORG.hasRecognition)):
            for n, node in enumerate(_numbered(graph, case, link)):
                keyed[sheet].append((_key(where(node), case_id, n), [
                    case_id if c.name == "case_id" else _cell(graph, node, c, case)
                    for c in SHEETS[sheet]]))
    sheets: dict[str, Sheet] = {}
    for sheet, columns in SHEETS.items():
        extra = DERIVED_COLUMNS.get(sheet, ()) if derived is not None else ()
        rows = [row for _, row in sorted(keyed[sheet], key=lambda pair: pair[0])]
        sheets[sheet] = ([c.name for c in columns] + list(extra), rows)
    return sheets


def _key(position: tuple | None, *fallback: object) -> tuple:
    """Rows read from a source first, in their order; then the others, sorted."""
    return (0, position) if position is not None else (1, fallback)


def local_id(node: rdflib.term.Node, prefix: str) -> str:
    """The identifier an IRI was made from (`{prefix}{id}`), or its last segment otherwise."""
    text = str(node)
    if text.startswith(prefix) and "/" not in text[len(prefix):]:
        return text[len(prefix):]
    return re.split(r"[/#]", text.rstrip("/#"))[-1]


def _members(
    graph: rdflib.Graph, derived: rdflib.Graph | None, case: URIRef, case_id: str, lang: str,
    where: Position,
) -> list[tuple[tuple, list[Cell]]]:
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
                row.append(_labels("size", sizes, lang))
            rows.append((_key(where(member), case_id, row[1]), row))
    return rows


def _numbered(graph: rdflib.Graph, case: URIRef, link: URIRef) -> list[rdflib.term.Node]:
    """A case's relations (or recognitions) in the order of their numbers, so they keep them."""

    def key(node: rdflib.term.Node) -> tuple:
        match = re.fullmatch(re.escape(f"{case}/") + r"[a-z]+/(\d+)", str(node))
        return (0, int(match.group(1)), "") if match else (1, 0, str(node))

    return sorted(graph.objects(case, link), key=key)


def _cell(graph: rdflib.Graph, subject: rdflib.term.Node, column: Column, case: URIRef) -> Cell:
    if column.prop is None:
        return ""
    values = list(graph.objects(subject, column.prop))
    if column.kind in NUMERIC and len(values) == 1:
        number = _number(values[0])
        if number is not None:
            return number
    if column.kind == "ref":
        return SOURCE_SEPARATOR.join(sorted(local_id(v, f"{case}/member/") for v in values))
    if column.kind == "term":
        return _codes(column.vocabulary or "", values)
    return SOURCE_SEPARATOR.join(sorted(_text(v) for v in values))


def _number(value: rdflib.term.Node) -> int | Decimal | None:
    """A year, headcount or coordinate as a number a spreadsheet keeps exactly, else None."""
    if not isinstance(value, Literal):
        return None
    python = value.toPython()
    if isinstance(python, bool):
        return None
    if isinstance(python, int) and abs(python) < EXACT:
        return python
    if isinstance(python, Decimal) and python.is_finite() and len(python.as_tuple().digits) <= 15:
        return python
    return None


def _labels(name: str, values: Iterable[rdflib.term.Node], lang: str) -> str:
    """The labels, in `lang`, of the values of a vocabulary (what people read, not codes)."""
    terms = {term.iri: term for term in vocabulary(name).terms}
    return SOURCE_SEPARATOR.join(sorted({terms[v].label(lang) for v in values if v in terms}))


def _codes(name: str, values: Iterable[rdflib.term.Node]) -> str:
    vocab = vocabulary(name)
    return SOURCE_SEPARATOR.join(sorted({c for v in values if (c := vocab.code_of(v))}))


def _text(value: rdflib.term.Node) -> str:
    if isinstance(value, Literal) and isinstance(value.value, bool):
        return "yes" if value.value else "no"
    return str(value)


FINDING_KINDS = {"conflicts": NETORG.Conflict, "reasons": NETORG.Reason}


def _derived_case(derived: rdflib.Graph, case: URIRef, name: str, lang: str) -> str:
    if name in FINDING_KINDS:  # the messages, in `lang`, of the case's conflicts or reasons
        messages = []
        for finding in derived.subjects(NETORG.about, case):
            if (finding, RDF.type, FINDING_KINDS[name]) in derived:
                texts = list(derived.objects(finding, NETORG.message))
                chosen = [t for t in texts if getattr(t, "language", None) == lang] or [
                    t for t in texts if getattr(t, "language", None) == "en"] or texts
                messages += [str(t) for t in chosen[:1]]
        return SOURCE_SEPARATOR.join(sorted(messages))
    if name in DERIVED_VALUES:
        return _labels(name, derived.objects(case, DERIVED_VALUES[name]), lang)
    return _labels(name, derived.objects(case, RDF.type), lang)


# -- writing ---------------------------------------------------------------------------------------


def write_tabular(
    graph: rdflib.Graph, out: Path, derived: rdflib.Graph | None = None, lang: str = "en",
    position: Position | None = None,
) -> dict[str, int]:
    """Write the template for `graph` to `out` (an .xlsx file, or a folder of CSV files).

    Writing is atomic: the workbook, or every CSV file, is prepared aside and only then moved
    into place, so a failure leaves what was there before. Returns the row count of each sheet.
    """
    out = Path(out)
    sheets = tables(graph, derived, lang, position)
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
