"""Run the W3C SHACL test suite (tests/fixtures/w3c-shacl) through netorg's default validator.

Each `sht:Validate` test gives one outcome: PASS (the same validation report as the suite's),
REFUSED: <reason> (the compiler names what it does not translate), FAIL (a different report: a
silent wrong answer) or ERROR (anything else raised). Reports are compared as sets of
(focus node, path, value, severity, source shape, constraint component), blank nodes as "_:"
(the suite compares reports up to blank-node renaming), paths written in SPARQL syntax.
"""

from __future__ import annotations

import logging
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, BNode, Namespace, URIRef
from rdflib.collection import Collection

SUITE = Path(__file__).parent / "fixtures" / "w3c-shacl"
EXPECTED = SUITE / "expected.toml"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")
logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # the suite's ill-typed literals


@dataclass(frozen=True)
class Case:
    name: str  # folder/file#test, relative to the suite
    file: Path
    data: Path
    shapes: Path
    failure: bool  # the suite expects sht:Failure (the shapes graph is not well-formed)
    entry: URIRef


def cases() -> list[Case]:
    """Every sht:Validate test of the manifests, following mf:include."""
    found, todo, seen = [], [SUITE / "manifest.ttl"], set()
    while todo:
        manifest = todo.pop()
        if manifest in seen:
            continue
        seen.add(manifest)
        graph = _parse(manifest)
        todo += [_file(i) for i in graph.objects(None, MF.include)]
        for entries in graph.objects(None, MF.entries):
            for entry in Collection(graph, entries):
                found += _case(entry)
    return sorted(found, key=lambda c: c.name)


def _case(entry: URIRef) -> list[Case]:
    file = _file(entry)
    graph = _parse(file)
    if (entry, RDF.type, SHT.Validate) not in graph:
        return []
    action = graph.value(entry, MF.action)
    result = graph.value(entry, MF.result)
    name = f"{file.relative_to(SUITE).with_suffix('').as_posix()}#{str(entry).rsplit('/', 1)[-1]}"
    return [Case(name, file, _file(graph.value(action, SHT.dataGraph)),
                 _file(graph.value(action, SHT.shapesGraph)), result == SHT.Failure, entry)]


def _file(iri: URIRef) -> Path:
    """The file an IRI of the suite names; a test IRI names its file without ".ttl"."""
    path = Path(str(iri).removeprefix("file://").split("#")[0])
    return path if path.suffix == ".ttl" else path.with_suffix(".ttl")


def _parse(path: Path) -> rdflib.Graph:
    from netorg.rdf.read import as_written

    with as_written():
        return rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())


def expected_results(case: Case) -> tuple[bool, Counter]:
    """SHACL's conforms flag and the results the suite's report lists."""
    graph = _parse(case.file)
    report = graph.value(case.entry, MF.result)
    conforms = graph.value(report, SH.conforms).toPython()
    rows = Counter()
    for result in graph.objects(report, SH.result):
        rows[(_node(graph.value(result, SH.focusNode)),
              path_text(graph, graph.value(result, SH.resultPath)),
              _value(graph.value(result, SH.value)),
              severity_name(graph.value(result, SH.resultSeverity)),
              _node(graph.value(result, SH.sourceShape)),
              str(graph.value(result, SH.sourceConstraintComponent)).removeprefix(str(SH)))] += 1
    return conforms, rows


def path_text(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str | None:
    """A SHACL path as netorg's findings write it: IRI, ^IRI, else SPARQL property path syntax."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    inverse = graph.value(node, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + str(inverse)
    from netorg.shacl.compile import sparql_path

    return sparql_path(graph, node)


def _node(term: rdflib.term.Node | None) -> str | None:
    """A focus node or shape as a Finding writes it (blank nodes matched as any)."""
    return None if term is None else "_:" if isinstance(term, BNode) else str(term)


def _value(term: rdflib.term.Node | None) -> str | None:
    """A value as a Finding writes it: N-Triples, as written (blank nodes as any)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    from netorg.shacl.validate import _canonical

    return _canonical(term).n3()


def severity_name(term: rdflib.term.Node) -> str:
    from netorg.shacl.validate import severity_name

    return severity_name(term)


def run(case: Case) -> str:
    """The outcome of one test on netorg's default validator."""
    import pyoxigraph as ox

    from netorg.errors import UnusableInput
    from netorg.shacl.validate import load_data, validate_store

    data = _parse(case.data)
    shapes = data if case.shapes == case.data else _parse(case.shapes)
    store = ox.Store()
    load_data(store, data)
    try:
        report = validate_store(store, shapes)
    except UnusableInput as exc:
        reason = _general(str(exc).removeprefix("shapes: "))
        return f"PASS (refused: {reason})" if case.failure else f"REFUSED: {reason}"
    except Exception as exc:
        return f"ERROR: {type(exc).__name__}: {exc}"
    if case.failure:
        return "FAIL: the suite expects the shapes to be rejected"
    conforms, rows = expected_results(case)
    got = Counter((_id(f.focus), f.path, _id(f.value) if f.value else None, f.severity,
                   _id(f.shape), f.constraint) for f in report.results)
    # netorg reports identical results once (the suite lists one a constraint): sets compared
    if set(got) == set(rows) and report.shacl_conforms == conforms:
        return "PASS"
    return f"FAIL: {len(set(got) - set(rows))} unexpected, {len(set(rows) - set(got))} missing"


def _id(text: str) -> str:
    return "_:" if text.startswith("_:") else text


def _general(reason: str) -> str:
    """The refusal without the shape's IRI, so that the manifest does not repeat file paths."""
    return reason.split(": ", 1)[1] if ": " in reason else reason


def outcomes() -> dict[str, str]:
    return {case.name: run(case) for case in cases()}


def expected() -> dict[str, str]:
    return tomllib.loads(EXPECTED.read_text(encoding="utf-8"))["outcome"]


def kind(outcome: str) -> str:
    return outcome.split(":")[0].split(" ")[0]


def table(found: dict[str, str]) -> str:
    """PASS / REFUSED / FAIL / ERROR per folder, as the README shows it."""
    folders: dict[str, Counter] = {}
    for name, outcome in found.items():
        folders.setdefault(name.rsplit("/", 1)[0], Counter())[kind(outcome)] += 1
    lines = ["| folder | tests | PASS | REFUSED | FAIL | ERROR |", "|---|---|---|---|---|---|"]
    total: Counter = Counter()

    def row(name: str, counts: Counter) -> str:
        cells = " | ".join(str(counts[k]) for k in ("PASS", "REFUSED", "FAIL", "ERROR"))
        return f"| {name} | {sum(counts.values())} | {cells} |"

    for folder, counts in sorted(folders.items()):
        total += counts
        lines.append(row(f"`{folder}`", counts))
    lines.append(row("all", total))
    return "\n".join(lines)


def write(found: dict[str, str]) -> None:
    lines = ["# Expected outcome of each W3C SHACL test on netorg's default validator.",
             "# Written by `python tests/w3c_suite.py --write`; tests/test_w3c_shacl.py compares.",
             "", "[outcome]"]
    lines += [f'"{name}" = {_toml(outcome)}' for name, outcome in sorted(found.items())]
    EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    import sys

    found = outcomes()
    if "--write" in sys.argv:
        write(found)
    for name, outcome in sorted(found.items()):
        if kind(outcome) != "PASS" or "-v" in sys.argv:
            print(f"{name}: {outcome}")
    print(table(found))
