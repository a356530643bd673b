"""Validate case studies against shapes/validation.ttl, with the ontology in view.

Two engines give the same findings. `pyshacl` is the reference: pySHACL over an rdflib graph that
holds the data and the whole ontology. `oxigraph` (the default) compiles each constraint into one
SPARQL query over a pyoxigraph store (netorg.shacl.compile), which checks every focus node at once.

Messages are formatted here, from the shapes' sh:message templates in both languages, so that both
engines say the same words: pySHACL fills {?value} only in SPARQL constraints and drops the language
tag when it does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg import CASE_NS, NS
from netorg.errors import UnusableInput
from netorg.rdf.terms import to_oxigraph, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib
    from rdflib.term import Node

    from netorg.shacl.compile import CompiledConstraint
    from netorg.sheets.origins import Location

ENGINES = ("oxigraph", "pyshacl")
SEVERITIES = ("violation", "warning", "info")
SH = "http://www.w3.org/ns/shacl#"
# literals shown without quotes or datatype in messages (others show their datatype: a year
# written "1962"^^xsd:int must say why it is not an xsd:integer)
BARE_DATATYPES = {"integer", "decimal", "double", "float", "boolean"}

# the case a node belongs to, by the links of the data model (a case is its own case)
CASE_OF = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX netorg: <https://w3id.org/netorg#>
SELECT ?node (MIN(STR(?case)) AS ?of) WHERE {
  %s
  { ?node a netorg:CaseStudy . BIND (?node AS ?case) }
  UNION { ?node netorg:countryCode ?country . BIND (?node AS ?case) }
  UNION { ?case org:hasMembership|netorg:hasRelation|netorg:hasRecognition ?node }
  UNION { ?case org:hasMembership/org:member ?node }
  UNION { ?node org:organization ?case }
} GROUP BY ?node
"""


@dataclass(frozen=True)
class Finding:
    """One validation result, readable in French and English."""

    severity: str  # violation | warning | info
    focus: str  # the node at fault (IRI, or _:id for a blank node)
    path: str | None  # the property (IRI, ^IRI for an inverse path), if any
    value: str | None  # the offending value in N-Triples form, if any
    message_en: str
    message_fr: str
    shape: str  # the shape that found it
    constraint: str  # the SHACL constraint component, e.g. MinCountConstraintComponent
    case: str | None = None  # the case study the focus node belongs to
    location: Location | None = None  # the cell or file it was read from (netorg.shacl.locate)

    def key(self) -> tuple:
        """What two engines must agree on."""
        return (self.focus, self.path, self.value, self.severity, self.shape, self.constraint,
                self.message_en, self.message_fr)

    def message(self, lang: str = "en") -> str:
        return self.message_fr if lang == "fr" else self.message_en


@dataclass
class ValidationReport:
    conforms: bool  # netorg's flag: no violation (warnings and infos do not make data unusable)
    results: list[Finding]
    counts: dict[str, int]
    engine: str = "oxigraph"
    seconds: float = 0.0
    shacl_conforms: bool = True  # SHACL's flag (sh:conforms): no result of any severity

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The SHACL validation report as RDF (built when asked: 2.6 s for 5 000 findings)."""
        return report_graph(self.results, self.shacl_conforms)

    def to_json(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "shacl_conforms": self.shacl_conforms,
                "counts": self.counts,
                "results": [asdict(f) for f in self.results]}


def validate(data: rdflib.Graph, engine: str = "oxigraph",
             shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Validate case-study data; the bundled ontology is added to what the shapes see."""
    import time

    start = time.perf_counter()
    shapes = shapes if shapes is not None else load_shapes()
    if engine == "oxigraph":
        store = data_store(data)
        report = validate_store(store, shapes)
    elif engine == "pyshacl":
        report = _validate_pyshacl(data, shapes)
    else:
        raise UnusableInput(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    report.seconds = time.perf_counter() - start
    return report


def validate_store(store: pyoxigraph.Store, shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Validate a store that already holds the data and the ontology (the fast path at scale)."""
    from netorg.shacl.literals import decode, written_properties

    shapes = shapes if shapes is not None else load_shapes()
    written = written_properties(store)
    as_written = _written_values(store) if written else {}
    raw: list[tuple[CompiledConstraint, Node, Node | None, Node | None]] = []
    for constraint in compiled_shapes(shapes, written):
        for solution in solutions(store, constraint):
            this = to_rdflib(solution["this"])
            path = to_rdflib(solution["path"]) if _bound(solution, "path") else None
            value = decode(to_rdflib(solution["value"])) if _bound(solution, "value") else None
            if constraint.source_constraint is not None and value is not None:  # SPARQL's own
                value = as_written.get((this, path, value), value)
            raw.append((constraint, this, path, value))
    findings = [_finding_from_compiled(shapes, c, this, path, value)
                for c, this, path, value in raw]
    cases = _cases_ox(store, {f.focus for f in findings})
    return report_from_findings([_with_case(f, cases) for f in findings], "oxigraph")


def _written_values(store: pyoxigraph.Store) -> dict[tuple, Node]:
    """(subject, property, value as stored) -> the value as written, for the pairs kept so.

    A SPARQL constraint reads the store, so its ?value is the stored form; its finding shows
    the user's. Only the few pairs of netorg.shacl.literals.WRITTEN are looked at.
    """
    from netorg.shacl.literals import WRITTEN, decode

    found = {}
    for row in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{WRITTEN}> {{ ?s ?p ?o }} }}"):
        written = decode(to_rdflib(row["o"]))
        stored = _stored_form(written) if isinstance(written, rdflib_literal()) else written
        found[(to_rdflib(row["s"]), to_rdflib(row["p"]), stored)] = written
    return found


def rdflib_literal() -> type:
    import rdflib

    return rdflib.Literal


def count_findings(store: pyoxigraph.Store, shapes: rdflib.Graph | None = None) -> dict[str, int]:
    """How many findings of each severity `validate_store` reports, without writing them.

    The batch path's `keep=False`: writing each finding's messages and finding its case was a
    third of validation. A finding is the same when its constraint, focus, path and value are.
    """
    from netorg.shacl.literals import written_properties

    shapes = shapes if shapes is not None else load_shapes()
    found: set[tuple] = set()
    for constraint in compiled_shapes(shapes, written_properties(store)):
        default_path = constraint.path.term() if constraint.path is not None else None
        for solution in solutions(store, constraint):
            this = solution["this"]
            path = solution["path"].value if _bound(solution, "path") else default_path
            value = solution["value"] if _bound(solution, "value") else (
                this if constraint.value_is_focus else None)
            found.add((constraint.severity, constraint.shape, constraint.component,
                       constraint.messages, str(this), path,
                       str(value) if constraint.value_reported and value is not None else None))
    counts = Counter(severity_name(severity) for severity, *_ in found)
    return {**{severity: 0 for severity in SEVERITIES}, **counts}


def solutions(store: pyoxigraph.Store, constraint: CompiledConstraint) -> Iterator[Any]:
    """The rows of a compiled constraint: one query, or one per focus node ($this pre-bound)."""
    import pyoxigraph as ox

    try:
        if constraint.focus_query is None:
            yield from store.query(constraint.query)
            return
        this = ox.Variable("this")
        for focus in store.query(constraint.focus_query):
            for row in store.query(constraint.query, substitutions={this: focus["this"]}):
                yield {"this": focus["this"], **{v.value: row[v] for v in row_variables(row)}}
    except SyntaxError as exc:
        raise UnusableInput(f"shapes: {constraint.shape}: its SPARQL does not parse: "
                            f"{str(exc).splitlines()[0]}") from None


def row_variables(row: Any) -> list[Any]:
    import pyoxigraph as ox

    return [ox.Variable(name) for name in ("path", "value") if _bound(row, name)]


def severity_name(severity: Node | str) -> str:
    """sh:Violation -> "violation" (also Warning, Info); another severity IRI is kept whole."""
    name = str(severity).removeprefix(SH)
    return name.lower() if name in ("Violation", "Warning", "Info") else str(severity)


def data_store(data: rdflib.Graph) -> pyoxigraph.Store:
    """A fresh in-memory store with the data and the bundled ontology."""
    import pyoxigraph as ox

    from netorg.rdf.read import load_store
    from netorg.resources import ontology_files

    store = ox.Store()
    load_store(ontology_files(), store)
    load_data(store, data)
    return store


def load_data(store: pyoxigraph.Store, data: rdflib.Graph) -> None:
    """Add data to a store, with the literals the store would rewrite also kept as written."""
    import pyoxigraph as ox

    from netorg.shacl.literals import add_written_from_graph

    store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in data)
    add_written_from_graph(store, data)


@cache
def _shapes_file_graph(path: str) -> rdflib.Graph:
    import rdflib

    from netorg.rdf.read import as_written, read_graph

    # only the file's own prefixes, so that messages use them (rdflib binds geo: to GeoSPARQL);
    # literals as written, so that "1"^^xsd:boolean does not switch a constraint on
    with as_written():
        return read_graph([Path(path)], rdflib.Graph(bind_namespaces="none"))


def load_shapes(path: str | Path | None = None) -> rdflib.Graph:
    """The validation shapes (shapes/validation.ttl unless `path` names another file)."""
    from netorg.resources import shapes_dir

    return _shapes_file_graph(str(path or shapes_dir() / "validation.ttl"))


@cache
def _ontology_graph() -> rdflib.Graph:
    from netorg.rdf.read import read_graph
    from netorg.resources import ontology_files

    return read_graph(ontology_files())


# (id, properties read as written) -> (the shapes graph itself, its queries)
_COMPILED: dict[tuple[int, frozenset], tuple[Any, list]] = {}


def compiled_shapes(shapes: rdflib.Graph,
                    written: frozenset = frozenset()) -> list[CompiledConstraint]:
    """The shapes compiled to SPARQL once per shapes graph (and mode: see compile_shapes)."""
    from netorg.shacl.compile import UnsupportedShape, compile_shapes

    key = (id(shapes), written)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] is not shapes:
        try:
            cached = _COMPILED[key] = (shapes, compile_shapes(shapes, written))
        except UnsupportedShape as exc:
            raise UnusableInput(f"shapes: {exc}") from None
    return cached[1]


# -- the reference engine -------------------------------------------------------------------------


def _validate_pyshacl(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationReport:
    """pySHACL over data + ontology in one graph.

    pySHACL's own `ont_graph` mixing copies only RDFS/OWL axioms and named individuals, so
    annotations such as netorg:code on classes (which tell member types apart) would be invisible;
    the union is what the oxigraph store holds too. No inference: sh:class and sh:targetClass
    already follow rdfs:subClassOf, and RDFS entailment would type members from property ranges.
    """
    import pyshacl
    import rdflib

    union = rdflib.Graph()
    union += data
    union += _ontology_graph()
    with _parsed_once():
        _, report_graph, _ = pyshacl.validate(
            union, shacl_graph=shapes, advanced=True, inference="none", allow_infos=True,
            allow_warnings=True, inplace=True,
        )
    results = report_graph.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult"))
    findings = [_finding_from_result(shapes, report_graph, r) for r in results]
    cases = _cases_rdflib(data, {f.focus for f in findings})
    return report_from_findings([_with_case(f, cases) for f in findings], "pyshacl")


@contextmanager
def _parsed_once() -> Iterator[None]:
    """Parse each SPARQL text once while pySHACL runs.

    pySHACL sends the same query text for every focus node (binding $this separately) and rdflib
    parses it every time: ~60 ms a node, most of pySHACL's time here. A parsed query is what
    rdflib's own prepareQuery gives for reuse, so the results are unchanged.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    parsed: dict[tuple, Any] = {}

    def query(self: Any, text: Any, initBindings: Any = None, initNs: Any = None,
              base: Any = None, DEBUG: bool = False) -> Any:
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            if key not in parsed:
                parsed[key] = processor.translateQuery(processor.parseQuery(text), base, initNs)
            text = parsed[key]
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def _finding_from_result(shapes: rdflib.Graph, graph: rdflib.Graph, result: Node) -> Finding:
    import rdflib

    sh = rdflib.Namespace(SH)
    focus = graph.value(result, sh.focusNode)
    value = graph.value(result, sh.value)
    path_node = graph.value(result, sh.resultPath)
    shape = graph.value(result, sh.sourceShape)
    component = graph.value(result, sh.sourceConstraintComponent)
    severity = graph.value(result, sh.resultSeverity)
    path: Node | str | None = path_node
    if isinstance(path_node, rdflib.BNode):  # ^IRI, else the SPARQL text findings carry
        from netorg.shacl.compile import sparql_path

        inverse = graph.value(path_node, sh.inversePath)
        path = f"^{inverse}" if isinstance(inverse, rdflib.URIRef) \
            else sparql_path(graph, path_node)
    templates = _templates_for(shapes, shape, component, graph.objects(result, sh.resultMessage),
                               focus, path, value)
    return _finding(severity, focus, path, value, templates, shape, component)


def _templates_for(shapes: rdflib.Graph, shape: Node, component: Node, raw: Iterable[Node],
                   focus: Node, path: Node | None, value: Node | None) -> tuple:
    """The sh:message literals behind a pySHACL result (a SPARQL constraint's own, if any)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    own = tuple(m for m in shapes.objects(shape, sh.message) if isinstance(m, rdflib.Literal))
    if component != sh.SPARQLConstraintComponent:
        return own
    said = {str(m) for m in raw}
    for sparql in shapes.objects(shape, sh.sparql):
        messages = tuple(shapes.objects(sparql, sh.message))
        if {_fill(str(m), focus, path, value, pyshacl_style=True) for m in messages} <= said:
            return messages
    return own


# -- findings and the report graph ----------------------------------------------------------------


def _finding_from_compiled(shapes: rdflib.Graph, constraint: CompiledConstraint, this: Node,
                           path: Node | None, value: Node | None) -> Finding:
    import rdflib

    if path is None and constraint.path is not None:
        path = constraint.path.term()
    this = _written_targets(shapes).get(this, this)
    if value is None and constraint.value_is_focus:
        value = this
    if not constraint.value_reported:
        value = None
    component = rdflib.URIRef(SH + constraint.component)
    return _finding(constraint.severity, this, path, value, constraint.messages, constraint.shape,
                    component)


@cache
def _written_targets(shapes: rdflib.Graph) -> dict[Node, Node]:
    """Literal sh:targetNode values as the store holds them -> as the shapes write them ("4.0")."""
    import rdflib

    targets = shapes.objects(None, rdflib.URIRef(SH + "targetNode"))
    return {_stored_form(t): t for t in targets if isinstance(t, rdflib.Literal)}


def _stored_form(term: rdflib.Literal) -> Node:
    """A literal as the store holds it (a shape's literal target node: 4.0 is held as 4)."""
    import pyoxigraph as ox

    scratch = _scratch_store()
    quad = ox.Quad(ox.BlankNode("v"), ox.NamedNode("urn:netorg:value"), to_oxigraph(term))
    scratch.add(quad)
    stored = next(iter(scratch))
    scratch.remove(stored)
    return to_rdflib(stored.object)


@cache
def _scratch_store() -> Any:
    import pyoxigraph as ox

    return ox.Store()


def _finding(severity: Node, focus: Node, path: Node | str | None, value: Node | None,
             templates: Iterable[Node], shape: Node, component: Node) -> Finding:
    value = _canonical(value) if value is not None else None
    by_lang = {getattr(m, "language", None): str(m) for m in templates}
    fallback = by_lang.get("en") or by_lang.get(None) or next(iter(by_lang.values()), "")
    return Finding(
        severity=severity_name(severity),
        focus=_id(focus),
        path=str(path) if path is not None else None,
        value=value.n3() if value is not None else None,
        message_en=_fill(by_lang.get("en", fallback), focus, path, value),
        message_fr=_fill(by_lang.get("fr", fallback), focus, path, value),
        shape=_id(shape),
        constraint=str(component).removeprefix(SH),
    )


def _fill(template: str, focus: Node, path: Node | None, value: Node | None,
          pyshacl_style: bool = False) -> str:
    """Replace {$this}, {?path} and {?value} with the terms, shortened for a reader."""
    terms = {"this": focus, "path": path, "value": value}
    for name, term in terms.items():
        if term is not None:
            text = str(term) if pyshacl_style else show(term)
            template = re.sub(r"\{[?$]" + name + r"\}", lambda _m, t=text: t, template)
    return template


def show(term: Node | str) -> str:
    """A term as a reader wants it: prefixed names for IRIs, quoted text for literals."""
    import rdflib

    if isinstance(term, str) and not isinstance(term, rdflib.term.Identifier):
        if term.startswith("^"):
            return "^" + show(term[1:])
        term = rdflib.BNode(term[2:]) if term.startswith("_:") else rdflib.URIRef(term)
    if isinstance(term, rdflib.URIRef):
        return _short_iri(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return f'"{term}"@{term.language}'
        datatype = str(term.datatype or rdflib.XSD.string)
        if datatype == str(rdflib.XSD.string):
            return f'"{term}"'
        if datatype.removeprefix(str(rdflib.XSD)) in BARE_DATATYPES:
            return str(term)
        return f'"{term}"^^{_short_iri(datatype)}'
    return term.n3()


def _short_iri(iri: str) -> str:
    if iri.startswith("^"):
        return "^" + _short_iri(iri[1:])
    for prefix, namespace in _prefix_table():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.~/-]*", iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


@cache
def _prefix_table() -> tuple[tuple[str, str], ...]:
    table = {"netorg": NS, "case": CASE_NS}
    for prefix, namespace in load_shapes().namespaces():
        table.setdefault(prefix, str(namespace))
    # longest namespace first, so that case: wins over netorg's own IRI base
    return tuple(sorted(((p, n) for p, n in table.items() if p), key=lambda pn: -len(pn[1])))


@cache
def _namespaces() -> Any:
    import rdflib

    manager = rdflib.Graph().namespace_manager
    for prefix, namespace in _prefix_table():
        manager.bind(prefix, namespace, override=True)
    return manager


def report_from_findings(findings: list[Finding], engine: str) -> ValidationReport:
    """The findings (of one store or of many chunks) sorted, deduplicated and counted."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = sorted(set(findings), key=lambda f: (f.case or "\uffff", f.focus,
                                                    order.get(f.severity, len(order)),
                                                    f.shape, f.constraint, f.path or "",
                                                    f.value or ""))
    counts = Counter(f.severity for f in findings)
    counts_all = {**{s: 0 for s in SEVERITIES}, **counts}
    conforms = counts_all["violation"] == 0
    return ValidationReport(conforms, findings, counts_all, engine, shacl_conforms=not findings)


def report_graph(findings: Iterable[Finding], conforms: bool) -> rdflib.Graph:
    """The findings in the SHACL results vocabulary (sh:ValidationReport / sh:ValidationResult).

    `conforms` is SHACL's sh:conforms (no result at all); netorg's own flag, which lets
    warnings and infos pass, is the report's `conforms` beside it.
    """
    import rdflib
    from rdflib import RDF, BNode, Literal, URIRef

    from netorg.shacl.paths import path_node

    sh = rdflib.Namespace(SH)
    graph = rdflib.Graph()
    for prefix, namespace in _prefix_table():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("sh", sh, override=True, replace=True)
    report = BNode("report")
    graph.add((report, RDF.type, sh.ValidationReport))
    graph.add((report, sh.conforms, Literal(conforms)))
    for n, finding in enumerate(findings, start=1):
        result = BNode(f"result{n}")
        graph.add((report, sh.result, result))
        graph.add((result, RDF.type, sh.ValidationResult))
        graph.add((result, sh.focusNode, _node(finding.focus)))
        severity = sh[finding.severity.capitalize()] if finding.severity in SEVERITIES \
            else URIRef(finding.severity)
        graph.add((result, sh.resultSeverity, severity))
        graph.add((result, sh.sourceShape, _node(finding.shape)))
        graph.add((result, sh.sourceConstraintComponent, sh[finding.constraint]))
        if finding.path and finding.path.startswith("^"):
            inverse = BNode(f"result{n}path")
            graph.add((inverse, sh.inversePath, URIRef(finding.path[1:])))
            graph.add((result, sh.resultPath, inverse))
        elif finding.path and finding.path.startswith(("(", "<")):  # SPARQL text: "(<p>/<q>)"
            graph.add((result, sh.resultPath, path_node(finding.path, graph)))
        elif finding.path:
            graph.add((result, sh.resultPath, URIRef(finding.path)))
        if finding.value is not None:
            graph.add((result, sh.value, _parse_term(finding.value)))
        graph.add((result, sh.resultMessage, Literal(finding.message_en, lang="en")))
        graph.add((result, sh.resultMessage, Literal(finding.message_fr, lang="fr")))
    return graph


# -- which case a node belongs to -----------------------------------------------------------------


def _with_case(finding: Finding, cases: dict[str, str]) -> Finding:
    from dataclasses import replace

    return replace(finding, case=cases.get(finding.focus))


def _case_query(nodes: Iterable[str] | None) -> str | None:
    """The case of each node: of the nodes given (a VALUES block), else of every node."""
    if nodes is None:
        return CASE_OF % ""
    iris = sorted(n for n in nodes if not n.startswith("_:"))
    return CASE_OF % f"VALUES ?node {{ {' '.join(f'<{n}>' for n in iris)} }}" if iris else None


def _cases_ox(store: pyoxigraph.Store, nodes: set[str]) -> dict[str, str]:
    # Oxigraph plans the union branches without the VALUES block, once per value: mapping every
    # node of the store in one pass and keeping the wanted ones is linear (87 s -> 0.2 s, 500 cases)
    import pyoxigraph as ox

    if not nodes:
        return {}
    found = {}
    for row in store.query(_case_query(None)):
        node = row["node"].value
        if isinstance(row["node"], ox.NamedNode) and node in nodes:
            found[node] = row["of"].value
    return found


def _cases_rdflib(data: rdflib.Graph, nodes: set[str]) -> dict[str, str]:
    query = _case_query(nodes)
    return {str(r[0]): str(r[1]) for r in data.query(query)} if query else {}


# -- terms between rdflib and pyoxigraph ----------------------------------------------------------


def _id(term: Node) -> str:
    import rdflib

    return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)


def _canonical(term: Node) -> Node:
    """One form per literal: "a"^^xsd:string is "a" (RDF 1.1); other literals as written.

    Both engines report values as the user wrote them: pySHACL reads them so, and the default
    engine reads the literals its store would rewrite from netorg.shacl.literals.WRITTEN.
    """
    import rdflib

    if not isinstance(term, rdflib.Literal) or term.language:
        return term
    if term.datatype is None or term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term))
    return term


def _node(text: str) -> Node:
    import rdflib

    return rdflib.BNode(text[2:]) if text.startswith("_:") else rdflib.URIRef(text)


def _parse_term(n3: str) -> Node:
    from rdflib.util import from_n3

    return from_n3(n3)


def _bound(solution: Any, name: str) -> bool:
    try:
        return solution[name] is not None
    except KeyError:
        return False



