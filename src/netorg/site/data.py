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


def gather(workdir: Path) -> SiteData:
    """Read and compute everything once; `workdir` receives the spreadsheet template."""
    ontology = ontology_graph()
    corpus = corpus_graph()
    data = SiteData(
        ontology=ontology,
        corpus=corpus,
        records=classification_records(corpus),
        queries=catalogue(),
        shapes=shapes_graph(),
        template=spreadsheet_template(workdir),
    )
    data.terms = term_index(ontology)
    return data


def ontology_graph() -> rdflib.Graph:
    from netorg.rdf.read import read_graph

    return read_graph(ontology_files())


def corpus_graph() -> rdflib.Graph:
    from netorg.sheets.inputs import load_cases
    from netorg.sparql.store import default_data

    paths = default_data()
    return load_cases(paths) if paths else rdflib.Graph()


def classification_records(corpus: rdflib.Graph) -> dict[str, list[dict[str, Any]]]:
    from netorg.shacl.classify import classify

    result = classify(corpus)
    return {lang: list(result.to_records(lang)) for lang in LANGS}


def catalogue() -> list[Query]:
    """Every catalogue query with its answer on the embedded knowledge base, defaults bound and
    the labels in each language where the query takes a `lang` parameter."""
    from netorg import KnowledgeBase
    from netorg.sparql.catalogue import load

    kb = KnowledgeBase()
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


def texts(graph: rdflib.Graph, node: rdflib.term.Node, prop: URIRef, lang: str) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop) if getattr(v, "language", None) == lang)


def position(graph: rdflib.Graph, node: rdflib.term.Node) -> int:
    value = graph.value(node, NETORG.position)
    return int(value) if value is not None else 10**6


def queries_using(queries: list[Query], iri: URIRef) -> list[Query]:
    """The catalogue queries whose text names the term, prefixed (`netorg:X`) or in full."""
    return [query for query in queries if iri in query.terms]
