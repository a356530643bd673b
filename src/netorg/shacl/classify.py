"""Classify case studies with the SHACL rules of `shapes/rules.ttl`, and read back the answers.

Two engines give the same derived graph (a test holds them to it):
- "pyshacl", the reference: pySHACL's SHACL-AF rule expansion, focus node by focus node, over an
  rdflib graph holding the data and the ontology;
- "oxigraph", the default: each rule's CONSTRUCT runs once for all focus nodes on a pyoxigraph store
  (`$this` becomes a variable joined with the shape's target), in the order pySHACL uses, each
  shape's rules repeated to a fixed point before the next shape runs.
Nothing here knows what the rules say: the engines read the rules file, and the answers are read
back from the findings the rules write (each Reason names its aspect and the term it supports).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg import NS
from netorg.errors import UnusableInput
from netorg.rdf.terms import to_oxigraph, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from netorg.sheets.origins import Location

ENGINES = ("oxigraph", "pyshacl")
DERIVED_GRAPH = "https://w3id.org/netorg/derived"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = {f"{NS}Reason": "reason", f"{NS}Conflict": "conflict", f"{NS}MissingFact": "missing",
         f"{NS}Tension": "tension"}
# the aspects whose Reasons give a case its class or value, as JSON keys (the aspects' netorg:code)
CASE_ASPECTS = ("typology", "structure", "network_kind", "composition", "origin")


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A Reason, Conflict or MissingFact the rules wrote, with its message in each language."""

    iri: str
    kind: str  # reason | conflict | missing | tension
    aspect: str  # the aspect's netorg:code
    about: str
    about_name: str
    supports: str | None  # the netorg:code (else the IRI) of the term it supports
    message: dict[str, str]
    derived_from: tuple[str, ...] = ()
    supports_iri: str | None = None
    location: Location | None = None  # the row `about` was read from (netorg.shacl.locate)

    def to_record(self, lang: str) -> dict[str, Any]:
        from dataclasses import asdict

        return {"aspect": self.aspect, "about": self.about_name,
                "message": self.message.get(lang) or self.message.get("en", ""),
                "location": asdict(self.location) if self.location else None}


@dataclass
class CaseClassification:
    case: str
    name: str | None
    country: str | None
    typology: str | None = None
    structure: str | None = None
    network_kind: str | None = None
    composition: str | None = None
    origin: str | None = None
    declared: str | None = None  # netorg:code of the declared class
    declared_as: str | None = None  # the sources' own words
    conflicts: list[Finding] = field(default_factory=list)
    reasons: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)
    tensions: list[Finding] = field(default_factory=list)  # derived classes the axioms set apart
    sizes: dict[str, str] = field(default_factory=dict)  # member IRI -> derived size code
    values: dict[str, str] = field(default_factory=dict)  # aspect -> IRI of its value
    founded: int | None = None
    location: Location | None = None  # the row the case was read from (netorg.shacl.locate)

    def label(self, aspect: str, lang: str) -> str | None:
        """The value of an aspect as people read it: its label in `lang`, never its code."""
        iri = self.values.get(aspect)
        return term_label(iri, lang) if iri else None

    def to_record(self, lang: str = "en", as_of: int | None = None) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "case": self.case, "name": self.name, "country": self.country, "as_of": as_of,
            "typology": self.typology, "structure": self.structure,
            "network_kind": self.network_kind, "composition": self.composition,
            "origin": self.origin, "declared": self.declared, "declared_as": self.declared_as,
            "conflicts": [f.to_record(lang) for f in self.conflicts],
            "reasons": [f.to_record(lang) for f in self.reasons],
            "missing": [f.to_record(lang) for f in self.missing],
            "tensions": [f.to_record(lang) for f in self.tensions],
            "sizes": dict(sorted(self.sizes.items())),
            "labels": {a: label for a in CASE_ASPECTS if (label := self.label(a, lang))},
            "founded": self.founded,
            "location": asdict(self.location) if self.location else None,
        }


@dataclass
class ClassificationResult:
    cases: list[CaseClassification]
    as_of: int | None
    engine: str
    seconds: float
    _derived: list[tuple[Any, Any, Any]] = field(repr=False, default_factory=list)

    @cached_property
    def derived(self) -> rdflib.Graph:
        """The derived triples only (no input data, no ontology)."""
        import rdflib

        graph = rdflib.Graph()
        for prefix, namespace in _prefixes().items():
            graph.bind(prefix, namespace)
        for triple in self._derived:
            graph.add(tuple(to_rdflib(t) for t in triple))
        return graph

    def to_records(self, lang: str = "en") -> list[dict[str, Any]]:
        return [case.to_record(lang, self.as_of) for case in self.cases]


# -- the entry point -----------------------------------------------------------------------------


def classify(
    data: rdflib.Graph,
    as_of: int | None = None,
    engine: str = "oxigraph",
    rules: rdflib.Graph | None = None,
) -> ClassificationResult:
    """Classify every case study in `data` (as it stood in `as_of` when given)."""
    if engine not in ENGINES:
        raise UnusableInput(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    check_year(as_of)
    rules = rules if rules is not None else load_rules()
    started = time.perf_counter()
    store = _input_store(data, as_of)
    if engine == "oxigraph":
        derived = run_rules_oxigraph(store, rules)
    else:
        derived = _run_rules_pyshacl(data, as_of, rules)
    store.bulk_extend(_quad(t) for t in derived)
    cases = read_classification(store)
    return ClassificationResult(cases, as_of, engine, time.perf_counter() - started, derived)


def check_year(as_of: object) -> None:
    """`as_of` is None or a year the data could hold (the range the spreadsheets accept)."""
    from netorg.sheets.read import YEARS

    if as_of is None:
        return
    if isinstance(as_of, bool) or not isinstance(as_of, int) or not (
        YEARS[0] <= as_of <= YEARS[1]
    ):
        raise UnusableInput(
            f"as of {as_of!r}: not a year (expected an integer from {YEARS[0]} to {YEARS[1]})"
        )


# -- the rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    node: str
    order: float
    query: str  # CONSTRUCT over all focus nodes at once


@dataclass(frozen=True)
class CompiledShape:
    node: str
    order: float
    rules: tuple[CompiledRule, ...]


def rules_file() -> Path:
    from netorg.resources import shapes_dir

    return shapes_dir() / "rules.ttl"


@cache
def _rules_graph(path: str) -> rdflib.Graph:
    from netorg.rdf.read import read_graph

    return read_graph([Path(path)])


def load_rules(path: str | Path | None = None) -> rdflib.Graph:
    """The classification rules (shapes/rules.ttl unless `path` names another file)."""
    return _rules_graph(str(path or rules_file()))


def compile_rules(rules: rdflib.Graph) -> list[CompiledShape]:
    """Each shape with rules, in execution order, its SPARQL rules rewritten set-at-a-time."""
    import rdflib

    sh = rdflib.Namespace(SH)
    shapes = []
    for shape in set(rules.subjects(sh.rule, None)):
        if _true(rules.value(shape, sh.deactivated)):
            continue
        target = _target_pattern(rules, shape)
        compiled = []
        for rule in rules.objects(shape, sh.rule):
            if _true(rules.value(rule, sh.deactivated)):
                continue
            if (rule, rdflib.RDF.type, sh.SPARQLRule) not in rules:
                raise UnusableInput(f"{rule}: the oxigraph engine runs only sh:SPARQLRule")
            if rules.value(rule, sh.condition) is not None:
                raise UnusableInput(f"{rule}: sh:condition is not supported by the oxigraph engine")
            prefixes = _prefix_block(rules, rules.value(rule, sh.prefixes))
            for construct in rules.objects(rule, sh.construct):
                query = prefixes + _set_at_a_time(str(construct), target)
                compiled.append(CompiledRule(str(rule), _order(rules, rule), query))
        compiled.sort(key=lambda r: (r.order, r.node))
        shapes.append(CompiledShape(str(shape), _order(rules, shape), tuple(compiled)))
    return sorted(shapes, key=lambda s: (s.order, s.node))


def run_rules_oxigraph(store: pyoxigraph.Store, rules: rdflib.Graph) -> list[tuple]:
    """Apply the rules to `store` in place; return the triples they added, in the order added."""
    import pyoxigraph as ox

    added: list[tuple] = []
    for shape in compiled_rules(rules):
        # One ordered pass is the fixed point (see the rules file's "Order" note: a rule only tests
        # for the absence of facts that the input or an earlier rule holds); a second pass, which
        # would only confirm it, doubled the cost. The pySHACL engine iterates and the tests check
        # that both give the same graph.
        for rule in shape.rules:
            fresh = []
            seen = set()
            for triple in store.query(rule.query):
                quad = ox.Quad(triple.subject, triple.predicate, agree(triple.object))
                if quad in seen or quad in store:
                    continue
                seen.add(quad)
                fresh.append(quad)
            store.extend(fresh)
            added += [(q.subject, q.predicate, q.object) for q in fresh]
    return added


INPUT_GRAPH = "urn:netorg:input"  # the batch path's store: the ontology, data and settings


def derive_into_graph(store: pyoxigraph.Store, rules: rdflib.Graph) -> bytes:
    """`run_rules_oxigraph` for a store holding its input in INPUT_GRAPH; the derived N-Triples.

    Each rule reads the union of the input and what earlier rules derived, and its CONSTRUCT's
    N-Triples are loaded into DERIVED_GRAPH as they come: no Python object per triple, which was a
    fifth of classifying a batch chunk. Triples the input already holds are not derived.
    """
    import pyoxigraph as ox

    nt = ox.RdfFormat.N_TRIPLES
    derived = ox.NamedNode(DERIVED_GRAPH)
    for shape in compiled_rules(rules):
        for rule in shape.rules:  # one ordered pass is the fixed point (see run_rules_oxigraph)
            found = store.query(rule.query, use_default_graph_as_union=True).serialize(format=nt)
            if b", plural," in found:
                found = agree_ntriples(found)
            if found:
                store.bulk_load(found, format=nt, to_graph=derived)
    store.update(f"DELETE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ "
                 f"GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} GRAPH <{INPUT_GRAPH}> {{ ?s ?p ?o }} }}")
    return store.dump(format=nt, from_graph=derived)


class UnionView:
    """A store queried as one graph, the union of its named graphs (what the readers expect)."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    def query(self, text: str, **options: Any) -> Any:
        return self.store.query(text, use_default_graph_as_union=True, **options)


_COMPILED: dict[int, tuple[Any, list[CompiledShape]]] = {}  # id -> (the rules graph, its rules)


def compiled_rules(rules: rdflib.Graph) -> list[CompiledShape]:
    """The rules compiled once per rules graph (compiling parses every query: ~0.3 s)."""
    cached = _COMPILED.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _COMPILED[id(rules)] = (rules, compile_rules(rules))
    return cached[1]


def _run_rules_pyshacl(data: rdflib.Graph, as_of: int | None, rules: rdflib.Graph) -> list[tuple]:
    """pySHACL's rule expansion over the data plus the ontology; the triples it added."""
    import pyshacl
    import rdflib

    graph = rdflib.Graph()
    graph += ontology_graph()
    graph += data
    _add_settings(graph, as_of)
    with _queries_parsed_once():
        expanded = pyshacl.shacl_rules(graph, shacl_graph=rules, iterate_rules=True, inplace=False)
    return [(s, p, agree(o)) for s, p, o in _triples(expanded) if (s, p, o) not in graph]


def agree(term: Any) -> Any:
    """A message literal with its number agreement rendered (`netorg.plural`); other terms as is.

    Works on pyoxigraph and rdflib literals alike: the language tag chooses the plural rules.
    """
    import rdflib

    if isinstance(term, rdflib.Literal):
        text, language = str(term), term.language
    else:  # a pyoxigraph term: only a literal has a language
        text, language = getattr(term, "value", ""), getattr(term, "language", None)
    if not language or ", plural," not in text:
        return term
    from netorg.plural import render

    rendered = render(text, language)
    if isinstance(term, rdflib.Literal):
        return rdflib.Literal(rendered, lang=language)
    import pyoxigraph as ox

    return ox.Literal(rendered, language=language)


_NT_MESSAGE = re.compile(rb'^(.*?")(.*)("@([A-Za-z-]+) \.)$', re.MULTILINE)


def agree_ntriples(data: bytes) -> bytes:
    """`agree` on N-Triples lines (the batch path's derived triples)."""
    from netorg.plural import render

    def line(match: re.Match[bytes]) -> bytes:
        if b", plural," not in match[2]:
            return match[0]
        text = render(match[2].decode("utf-8"), match[4].decode("ascii"))
        return match[1] + text.encode("utf-8") + match[3]

    return _NT_MESSAGE.sub(line, data)


_TRANSLATED: dict[tuple[str, Any], Any] = {}


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    """Let rdflib parse each rule's query once, not once per focus node (parsing costs ~0.5 s).

    pySHACL hands rdflib the query text for every focus node; rdflib's SPARQL parser is slow, so
    the translated query is memoised by its text. Evaluation is rdflib's, unchanged.
    """
    from rdflib.plugins.sparql import processor

    parse, translate = processor.parseQuery, processor.translateQuery

    def translate_once(text: Any, base: Any = None, init_ns: Any = None) -> Any:
        key = (str(text), base)
        if key not in _TRANSLATED:
            _TRANSLATED[key] = translate(parse(str(text)), base, init_ns)
        return _TRANSLATED[key]

    processor.parseQuery, processor.translateQuery = str, translate_once
    try:
        yield
    finally:
        processor.parseQuery, processor.translateQuery = parse, translate


def _set_at_a_time(construct: str, target: str) -> str:
    """`$this` becomes ?this, bound by the target pattern placed first in the WHERE clause."""
    query = re.sub(r"[$?]this\b", "?this", construct)
    where = _where_brace(query)
    return query[: where + 1] + "\n" + target + "\n" + query[where + 1 :]


def _where_brace(query: str) -> int:
    """Index of the `{` that opens the WHERE clause of a CONSTRUCT (after its template)."""
    start = re.search(r"\bCONSTRUCT\b", query, re.IGNORECASE)
    if start is None:
        raise UnusableInput("a sh:SPARQLRule's sh:construct is not a CONSTRUCT query")
    depth, i, opened = 0, start.end(), False
    while i < len(query):
        char = query[i]
        if char == "#":
            i = query.find("\n", i) if "\n" in query[i:] else len(query)
            continue
        if char in "\"'":
            i = _after_string(query, i)
            continue
        if char == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", query[i:]):
            i = query.index(">", i) + 1
            continue
        if char == "{":
            if opened and depth == 0:
                return i
            depth, opened = depth + 1, True
        elif char == "}":
            depth -= 1
        i += 1
    raise UnusableInput("a sh:SPARQLRule's CONSTRUCT has no WHERE clause")


def _after_string(query: str, i: int) -> int:
    quote = query[i]
    long = query.startswith(quote * 3, i)
    end_mark = quote * 3 if long else quote
    j = i + len(end_mark)
    while j < len(query):
        if query[j] == "\\":
            j += 2
            continue
        if query.startswith(end_mark, j):
            return j + len(end_mark)
        j += 1
    return j


def _target_pattern(rules: rdflib.Graph, shape: Any) -> str:
    import rdflib

    sh = rdflib.Namespace(SH)
    branches = [f"?this <{RDF_TYPE}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {c.n3()} ."
                for c in rules.objects(shape, sh.targetClass)]
    branches += [f"?this {p.n3()} ?targetObject ."
                 for p in rules.objects(shape, sh.targetSubjectsOf)]
    branches += [f"?targetSubject {p.n3()} ?this ."
                 for p in rules.objects(shape, sh.targetObjectsOf)]
    nodes = [n.n3() for n in rules.objects(shape, sh.targetNode)]
    if nodes:
        branches.append(f"VALUES ?this {{ {' '.join(nodes)} }}")
    if not branches:
        raise UnusableInput(f"{shape}: a shape with rules needs a target")
    union = " UNION ".join("{ " + b + " }" for b in sorted(branches))
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _prefix_block(rules: rdflib.Graph, holder: Any) -> str:
    import rdflib

    sh = rdflib.Namespace(SH)
    if holder is None:
        return ""
    lines = []
    for declaration in rules.objects(holder, sh.declare):
        prefix = rules.value(declaration, sh.prefix)
        namespace = rules.value(declaration, sh.namespace)
        lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(lines)) + "\n"


def _order(rules: rdflib.Graph, node: Any) -> float:
    import rdflib

    value = rules.value(node, rdflib.URIRef(SH + "order"))
    return float(value.toPython()) if value is not None else 0.0


def _true(value: Any) -> bool:
    return value is not None and bool(value.toPython())


# -- the store the rules see ---------------------------------------------------------------------


@cache
def ontology_graph() -> rdflib.Graph:
    """The whole ontology (main file and its parts) as one rdflib graph, parsed once."""
    from netorg.rdf.read import read_graph
    from netorg.resources import ontology_files

    return read_graph(ontology_files())


@cache
def _ontology_ntriples() -> bytes:
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def _input_store(data: rdflib.Graph, as_of: int | None) -> pyoxigraph.Store:
    """The data, the ontology and the settings in one in-memory store."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(_ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    if as_of is not None:
        settings = ox.BlankNode("classificationSettings")
        store.extend([
            ox.Quad(settings, ox.NamedNode(RDF_TYPE), ox.NamedNode(f"{NS}ClassificationSettings")),
            ox.Quad(settings, ox.NamedNode(f"{NS}asOfYear"), ox.Literal(
                str(as_of), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ])
    return store


def _add_settings(graph: rdflib.Graph, as_of: int | None) -> None:
    import rdflib

    if as_of is not None:
        settings = rdflib.BNode()
        graph.add((settings, rdflib.RDF.type, rdflib.URIRef(f"{NS}ClassificationSettings")))
        graph.add((settings, rdflib.URIRef(f"{NS}asOfYear"), rdflib.Literal(as_of)))


def _triples(graph: Any) -> list[tuple]:
    if hasattr(graph, "quads"):
        return [(s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))]
    return list(graph)


# -- reading the answers back --------------------------------------------------------------------

CASES_QUERY = """
PREFIX netorg: <https://w3id.org/netorg#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?case ?name ?country ?declaredAs ?declared ?declaredCode ?founded WHERE {
    ?case a netorg:CaseStudy .
    OPTIONAL { ?case skos:prefLabel ?name }
    OPTIONAL { ?case netorg:foundingYear ?founded }
    OPTIONAL { ?case netorg:countryCode ?country }
    OPTIONAL { ?case netorg:declaredAs ?declaredAs }
    OPTIONAL { ?case netorg:declaredType ?declared
               OPTIONAL { ?declared netorg:code ?declaredCode } }
}
"""

FINDINGS_QUERY = """
PREFIX netorg: <https://w3id.org/netorg#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?finding ?kind ?aspect ?position ?about ?aboutName ?case ?supports ?code ?message ?source
WHERE {
    VALUES ?kind { netorg:Reason netorg:Conflict netorg:MissingFact netorg:Tension }
    ?finding a ?kind ; netorg:aspect ?aspectTerm ; netorg:about ?about .
    ?aspectTerm netorg:code ?aspect .
    OPTIONAL { ?aspectTerm netorg:position ?position }
    OPTIONAL { ?about skos:prefLabel ?aboutName }
    OPTIONAL {
        ?membership org:member ?about .
        ?case org:hasMembership|^org:organization ?membership .
        ?case a netorg:CaseStudy .
    }
    OPTIONAL { ?finding netorg:supports ?supports OPTIONAL { ?supports netorg:code ?code } }
    OPTIONAL { ?finding netorg:message ?message }
    OPTIONAL { ?finding prov:wasDerivedFrom ?source }
}
"""


def read_classification(store: pyoxigraph.Store) -> list[CaseClassification]:
    """Each case with its values, read from the findings the rules wrote about it."""
    cases: dict[str, CaseClassification] = {}
    for row in store.query(CASES_QUERY):
        iri = row["case"].value
        case = cases.setdefault(
            iri, CaseClassification(iri, _value(row, "name"), _value(row, "country")))
        case.declared_as = case.declared_as or _value(row, "declaredAs")
        case.declared = case.declared or _value(row, "declaredCode") or _value(row, "declared")
        founded = _value(row, "founded")
        if founded and founded.lstrip("+-").isdigit():
            case.founded = min(int(founded), case.founded or int(founded))
    findings = _findings(store)
    for finding, case_iri in findings:
        case = cases.get(case_iri)
        if case is None:
            continue
        {"reason": case.reasons, "conflict": case.conflicts, "missing": case.missing,
         "tension": case.tensions}[finding.kind].append(finding)
        if finding.kind != "reason" or finding.supports is None:
            continue
        if finding.about == case.case and finding.aspect in CASE_ASPECTS:
            if getattr(case, finding.aspect) is None and finding.supports_iri:
                case.values[finding.aspect] = finding.supports_iri
            setattr(case, finding.aspect, getattr(case, finding.aspect) or finding.supports)
        elif finding.about != case.case:
            case.sizes[finding.about] = finding.supports
    return [cases[iri] for iri in sorted(cases)]


COUNTED_ASPECTS = ("typology", "structure", "network_kind")

VALUES_QUERY = """
PREFIX netorg: <https://w3id.org/netorg#>
SELECT ?case ?aspect ?supports ?code WHERE {
    ?case a netorg:CaseStudy .
    OPTIONAL {
        ?finding a netorg:Reason ; netorg:about ?case ; netorg:aspect ?aspectTerm ;
            netorg:supports ?supports .
        ?aspectTerm netorg:code ?aspect .
        OPTIONAL { ?supports netorg:code ?code }
    }
}
"""

CONFLICTS_QUERY = """
PREFIX netorg: <https://w3id.org/netorg#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?finding ?about ?case WHERE {
    ?finding a netorg:Conflict ; netorg:aspect ?aspectTerm ; netorg:about ?about .
    ?aspectTerm netorg:code ?aspect .
    OPTIONAL {
        ?membership org:member ?about .
        ?case org:hasMembership|^org:organization ?membership .
        ?case a netorg:CaseStudy .
    }
}
"""


def classification_counts(store: pyoxigraph.Store) -> Counter[str] | None:
    """How many cases have each typology, structure and network kind, and how many a conflict.

    What `read_classification` would count, without reading every finding's messages and sources
    (a fifth of a batch chunk's time). None when a case has two values for one aspect or a
    conflict belongs to two cases: only the full read's ordering decides those.
    """
    values: dict[str, dict[str, set[str]]] = {}
    for row in store.query(VALUES_QUERY):
        aspects = values.setdefault(row["case"].value, {})
        aspect = _value(row, "aspect")
        if aspect in COUNTED_ASPECTS:
            aspects.setdefault(aspect, set()).add(_value(row, "code") or row["supports"].value)
    owners: dict[str, set[str]] = {}
    for row in store.query(CONFLICTS_QUERY):
        owners.setdefault(row["finding"].value, set()).add(
            _value(row, "case") or row["about"].value)
    if any(len(found) > 1 for found in owners.values()) or any(
            len(found) > 1 for aspects in values.values() for found in aspects.values()):
        return None
    conflicted = {case for found in owners.values() for case in found}
    counts: Counter[str] = Counter()
    for case, aspects in values.items():
        for aspect in COUNTED_ASPECTS:
            found = aspects.get(aspect)
            counts[f"{aspect}:{next(iter(found)) if found else None}"] += 1
        counts["conflicts"] += case in conflicted
    return counts


def counts_of(cases: Iterable[CaseClassification]) -> Counter[str]:
    """The counts `classification_counts` gives, from classifications read in full."""
    counts: Counter[str] = Counter()
    for case in cases:
        for aspect in COUNTED_ASPECTS:
            counts[f"{aspect}:{getattr(case, aspect)}"] += 1
        counts["conflicts"] += bool(case.conflicts)
    return counts


def _findings(store: pyoxigraph.Store) -> list[tuple[Finding, str]]:
    rows: dict[str, dict[str, Any]] = {}
    for row in store.query(FINDINGS_QUERY):
        iri = row["finding"].value
        entry = rows.setdefault(iri, {
            "kind": KINDS[row["kind"].value], "aspect": row["aspect"].value,
            "position": int(_value(row, "position") or 99), "about": row["about"].value,
            "about_name": _value(row, "aboutName") or row["about"].value,
            "case": _value(row, "case") or row["about"].value,
            "supports": _value(row, "code") or _value(row, "supports"),
            "supports_iri": _value(row, "supports"),
            "message": {}, "sources": set(),
        })
        message = row["message"]
        if message is not None:
            entry["message"][message.language or ""] = message.value
        if row["source"] is not None:
            entry["sources"].add(row["source"].value)
    found = [
        (Finding(iri, e["kind"], e["aspect"], e["about"], e["about_name"], e["supports"],
                 dict(sorted(e["message"].items())), tuple(sorted(e["sources"])),
                 e["supports_iri"]), e["case"],
         e["position"])
        for iri, e in rows.items()
    ]
    found.sort(key=lambda f: (f[1], f[2], f[0].about != f[1], f[0].about_name,
                              f[0].message.get("en", ""), f[0].iri))
    return [(finding, case) for finding, case, _ in found]


@cache
def term_labels() -> dict[str, dict[str, str]]:
    """The rdfs:label of every ontology term, by language: what people read instead of codes."""
    import rdflib

    labels: dict[str, dict[str, str]] = {}
    for term, label in sorted(ontology_graph().subject_objects(rdflib.RDFS.label)):
        if isinstance(label, rdflib.Literal) and label.language:
            labels.setdefault(str(term), {}).setdefault(label.language, str(label))
    return labels


def term_label(iri: str, lang: str) -> str:
    """A term's label in `lang` (else in English, else its IRI)."""
    labels = term_labels().get(iri, {})
    return labels.get(lang) or labels.get("en") or iri


def _value(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


# -- term conversion -----------------------------------------------------------------------------


def _quad(triple: tuple) -> Any:
    import pyoxigraph as ox

    return ox.Quad(*(to_oxigraph(t) for t in triple))






def _prefixes() -> dict[str, str]:
    from netorg.rdf.write import PREFIXES

    return PREFIXES
