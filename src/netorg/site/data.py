"""Gather what the documentation site shows: the ontology, the corpus and its classification, the
query catalogue with each query's result on the corpus, the shapes.

Everything comes from the knowledge base's own files and libraries, so the site cannot drift from
them; this module is the one place where the docs build calls the rest of netorg.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from netorg import CASE_NS, NS
from netorg.errors import NetorgError
from netorg.resources import ontology_files, shapes_dir

NETORG = rdflib.Namespace(NS)
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")

LANGS = ("en", "fr")
# the folder of the site each kind of term gets its page in
KINDS = ("classes", "properties", "individuals", "concepts")


@dataclass
class Query:
    """One catalogue query (`netorg.sparql.catalogue.Query`) and its answer on the corpus, per
    language."""

    entry: Any
    # language -> netorg.sparql.results.Result
    results: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def text(self) -> str:
        return self.entry.text

    @cached_property
    def terms(self) -> set[URIRef]:
        """The netorg terms the query's text names."""
        names = re.findall(r"netorg:([A-Za-z_][\w-]*)", self.text)
        names += re.findall(rf"<{re.escape(NS)}([^>]+)>", self.text)
        return {URIRef(NS + name.rstrip(".-")) for name in names}


@dataclass
class SiteData:
    ontology: rdflib.Graph
    corpus: rdflib.Graph
    records: dict[str, list[dict[str, Any]]]  # language -> classification records
    queries: list[Query]
    shapes: rdflib.Graph
    template: Path | None = None
    terms: dict[URIRef, tuple[str, str]] = field(default_factory=dict)  # iri -> (kind, slug)
    cache: dict[str, Any] = field(default_factory=dict)  # what pages of both languages share

    def case_iris(self) -> list[URIRef]:
        return sorted(set(self.corpus.subjects(RDF.type, NETORG.CaseStudy)))


def gather(workdir: Path, cases: list[Path] | None = None) -> SiteData:
    """Read and compute everything once; `workdir` receives the spreadsheet template. `cases`
    are the case files the site shows (None: the bundled corpus)."""
    ontology = ontology_graph()
    corpus = corpus_graph(cases)
    data = SiteData(
        ontology=ontology,
        corpus=corpus,
        records=classification_records(corpus),
        queries=catalogue(cases),
        shapes=shapes_graph(),
        template=spreadsheet_template(workdir),
    )
    data.terms = term_index(ontology)
    return data


def ontology_graph() -> rdflib.Graph:
    from netorg.rdf.read import read_graph

    return read_graph(ontology_files())


def corpus_graph(cases: list[Path] | None = None) -> rdflib.Graph:
    from netorg.sheets.inputs import load_cases
    from netorg.sparql.store import default_data

    paths = default_data() if cases is None else cases
    return load_cases(paths) if paths else rdflib.Graph()


def site_cases(extra: list[Path], corpus: bool) -> list[Path] | None:
    """The case files of a site: the bundled corpus (unless left out) and the user's own; None
    when that is the bundled corpus alone."""
    from netorg.sparql.store import default_data

    if corpus and not extra:
        return None
    return [*(default_data() if corpus else []), *extra]


PREFIXES = (
    ("org", "http://www.w3.org/ns/org#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)


def ontology_graph_prefixes() -> tuple[tuple[str, str], ...]:
    """The prefixes of the vocabularies netorg reuses, as its Turtle binds them."""
    return PREFIXES


def ontology_iri(graph: rdflib.Graph) -> URIRef:
    """The owl:Ontology the graph declares (the namespace's base IRI when there is none)."""
    found = sorted(o for o in graph.subjects(RDF.type, OWL.Ontology) if isinstance(o, URIRef))
    return found[0] if found else URIRef(NS.rstrip("#"))


def classification_records(corpus: rdflib.Graph) -> dict[str, list[dict[str, Any]]]:
    from netorg.shacl.classify import classify

    result = classify(corpus)
    return {lang: list(result.to_records(lang)) for lang in LANGS}


def catalogue(cases: list[Path] | None = None) -> list[Query]:
    """Every catalogue query with its answer on the site's cases (None: the bundled knowledge
    base), defaults bound and the labels in each language where the query takes `lang`."""
    from netorg.sparql.catalogue import load
    from netorg.sparql.kb import KnowledgeBase

    kb = KnowledgeBase(cases)
    queries = []
    for entry in load().values():
        query = Query(entry)
        try:
            for lang in LANGS:
                params = {"lang": lang} if entry.param("lang") is not None else {}
                query.results[lang] = kb.run(entry.id, **params)
        except NetorgError as error:
            query.error = str(error)
        queries.append(query)
    return queries


def shapes_graph() -> rdflib.Graph:
    from netorg.rdf.read import read_graph

    files = sorted(shapes_dir().glob("*.ttl")) if shapes_dir().is_dir() else []
    return read_graph(files) if files else rdflib.Graph()


def spreadsheet_template(workdir: Path) -> Path:
    from netorg.sheets.template import write_template

    out = workdir / "netorg-template.xlsx"
    write_template(out)
    return out


def term_index(graph: rdflib.Graph) -> dict[URIRef, tuple[str, str]]:
    """Each netorg term and the folder its page goes in (a concept wins over an individual)."""
    index: dict[URIRef, tuple[str, str]] = {}
    kinds = {
        "classes": [OWL.Class],
        "properties": [OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty],
        "individuals": [OWL.NamedIndividual],
        "concepts": [SKOS.Concept, SKOS.Collection, SKOS.ConceptScheme],
    }
    for kind, types in kinds.items():
        for rdf_type in types:
            for term in graph.subjects(RDF.type, rdf_type):
                if (
                    isinstance(term, URIRef)
                    and str(term).startswith(NS)
                    and len(str(term)) > len(NS)
                ):
                    index[term] = (kind, slug(term))
    return index


def slug(iri: URIRef) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def case_of(node: rdflib.term.Node) -> URIRef | None:
    """The case a corpus node belongs to, read from the IRI pattern `case/{id}[/...]`."""
    text = str(node)
    if not text.startswith(CASE_NS):
        return None
    return URIRef(CASE_NS + text[len(CASE_NS) :].split("/", 1)[0])


def case_slug(iri: URIRef) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", str(iri)[len(CASE_NS) :])


def label(graph: rdflib.Graph, node: rdflib.term.Node, lang: str) -> str:
    """The node's label in `lang` (rdfs:label, skos:prefLabel, then any), else its local name."""
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        values = list(graph.objects(node, prop))
        for value in values:
            if getattr(value, "language", None) == lang:
                return str(value)
        for value in values:
            if getattr(value, "language", None) in (None, ""):
                return str(value)
    if isinstance(node, URIRef):
        return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return str(node)


def text(graph: rdflib.Graph, node: rdflib.term.Node, prop: URIRef, lang: str) -> str | None:
    """The value of `prop` in `lang` (or without language), None if there is none."""
    values = list(graph.objects(node, prop))
    for value in values:
        if getattr(value, "language", None) == lang:
            return str(value)
    for value in values:
        if isinstance(value, rdflib.Literal) and not value.language:
            return str(value)
    return None


def text_in(
    graph: rdflib.Graph, node: rdflib.term.Node, prop: URIRef, lang: str
) -> tuple[str, str | None] | None:
    """The value of `prop` and its language: in `lang`, else without language (None), else in
    another language (so that a page can say the fact exists in that language only)."""
    values = [v for v in graph.objects(node, prop) if isinstance(v, rdflib.Literal)]
    for wanted in (lang, None):
        for value in sorted(values, key=str):
            if (value.language or None) == wanted:
                return str(value), wanted
    others = sorted(values, key=lambda v: (v.language != "en", str(v)))
    return (str(others[0]), others[0].language) if others else None


def texts(graph: rdflib.Graph, node: rdflib.term.Node, prop: URIRef, lang: str) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop) if getattr(v, "language", None) == lang)


def position(graph: rdflib.Graph, node: rdflib.term.Node) -> int:
    value = graph.value(node, NETORG.position)
    return int(value) if value is not None else 10**6


def queries_using(queries: list[Query], iri: URIRef) -> list[Query]:
    """The catalogue queries whose text names the term, prefixed (`netorg:X`) or in full."""
    return [query for query in queries if iri in query.terms]
