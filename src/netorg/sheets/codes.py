"""The controlled values of the spreadsheet template, read from the ontology.

A value is a term that carries `netorg:code`. A cell may name it by its code or by any of its
labels (`rdfs:label`, `skos:altLabel`) in any language, ignoring case, accents, hyphens and
underscores, so that `entreprise`, `Université` and `sous traitance` are understood. Nothing here
lists the values themselves: each vocabulary is a SPARQL pattern over the ontology.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pyoxigraph
import rdflib

from netorg import NS
from netorg.resources import ontology_files

PREFIXES = f"""PREFIX netorg: <{NS}>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# vocabulary -> the graph pattern that selects its terms (each must also carry netorg:code)
PATTERNS: dict[str, str] = {
    # what cells may say
    "member_type": "?term rdfs:subClassOf+ org:FormalOrganization .",
    "size": "?term a netorg:SizeClass .",
    "relation_type": "?term a netorg:RelationType .",
    "level": "?term a netorg:GovernmentLevel .",
    "initiative": "?term a netorg:Initiative .",
    "case_status": "?term rdfs:subClassOf netorg:CaseStudy .",
    # what the classification derives (written by `netorg export` as extra columns)
    "typology": "?term owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first/owl:onProperty"
    "/rdfs:subPropertyOf netorg:typologyDimension .",
    "structure": "?term rdfs:subClassOf/owl:onProperty netorg:hasPivotFirmPresence .",
    "network_kind": "?term rdfs:subClassOf/owl:onProperty netorg:hasCollaborationLogic .",
    "composition": "?term a netorg:PartnerComposition .",
    "origin": "?term a netorg:CollaborationOrigin .",
}

# Spreadsheet words for yes, no and "the sources do not say"; these are not ontology terms.
BOOLEANS: dict[str, bool | None] = {
    "yes": True, "oui": True, "true": True, "vrai": True,
    "no": False, "non": False, "false": False, "faux": False,
    "unknown": None, "inconnu": None, "inconnue": None,
}
UNKNOWN = frozenset(word for word, value in BOOLEANS.items() if value is None)


@dataclass(frozen=True)
class Term:
    iri: rdflib.URIRef
    code: str
    labels: dict[str, str]  # language -> rdfs:label
    position: int | None

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.code


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]
    keys: dict[str, tuple[Term, ...]]  # normalised code or label -> the terms it names

    def codes(self) -> list[str]:
        return [term.code for term in self.terms]

    def resolve(self, text: str) -> Term:
        """The term a cell names; `LookupError` with a readable reason when there is none."""
        found = self.keys.get(normalise(text), ())
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(term.code for term in found)
            raise LookupError(f"ambiguous value {text!r} (it names {names}; write the code)")
        raise LookupError(f"expected one of: {', '.join(self.codes())}")

    def code_of(self, iri: rdflib.term.Node) -> str | None:
        return next((term.code for term in self.terms if term.iri == iri), None)


def normalise(text: str) -> str:
    """Fold case and accents, and treat hyphens, underscores and apostrophes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-_'’]+", " ", bare).strip()


def boolean(text: str) -> bool | None:
    """`True`, `False` or `None` (unknown) for a yes/no cell; `LookupError` otherwise."""
    key = normalise(text)
    if key not in BOOLEANS:
        raise LookupError("expected one of: yes, no, unknown (or oui, non, inconnu)")
    return BOOLEANS[key]


def is_unknown(text: str) -> bool:
    return normalise(text) in UNKNOWN


@cache
def ontology() -> pyoxigraph.Store:
    """The ontology and its parts in an in-memory Oxigraph store (parsed once; far faster than
    rdflib)."""
    store = pyoxigraph.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary of the template, read once from the ontology."""
    names = _names(ontology())
    return {name: _vocabulary(name, pattern, names) for name, pattern in PATTERNS.items()}


def vocabulary(name: str) -> Vocabulary:
    return vocabularies()[name]


def definitions(term: str) -> dict[str, str]:
    """The `skos:definition` of a term by language (to explain a spreadsheet column)."""
    query = f"{PREFIXES}SELECT ?text WHERE {{ <{term}> skos:definition ?text }}"
    return {row["text"].language or "": row["text"].value for row in ontology().query(query)}


def term_labels(term: str) -> dict[str, str]:
    """The `rdfs:label` of a term by language (to name a spreadsheet column for people)."""
    query = f"{PREFIXES}SELECT ?text WHERE {{ <{term}> rdfs:label ?text }}"
    return {row["text"].language or "": row["text"].value for row in ontology().query(query)}


Names = dict[str, list[tuple[str, str]]]  # term -> (property local name, text)


def _names(store: pyoxigraph.Store) -> Names:
    """The labels and alternative labels of every term that has a code."""
    query = f"""{PREFIXES}
SELECT ?term ?property ?name WHERE {{
  ?term netorg:code ?code ; ?property ?name .
  FILTER(?property IN (rdfs:label, skos:altLabel))
}}"""
    names: Names = {}
    for row in store.query(query):
        kind = "label" if row["property"].value.endswith("#label") else "altLabel"
        names.setdefault(row["term"].value, []).append((kind, row["name"]))
    return names


def _vocabulary(name: str, pattern: str, names: Names) -> Vocabulary:
    query = f"""{PREFIXES}
SELECT DISTINCT ?term ?code ?position WHERE {{
  {pattern}
  ?term netorg:code ?code .
  FILTER(isIRI(?term))
  OPTIONAL {{ ?term netorg:position ?position }}
}}"""
    terms = []
    for row in ontology().query(query):
        iri = row["term"].value
        labels = {
            text.language or "": text.value for kind, text in names.get(iri, []) if kind == "label"
        }
        position = int(row["position"].value) if row["position"] is not None else None
        terms.append(Term(rdflib.URIRef(iri), row["code"].value, labels, position))
    terms.sort(key=lambda term: (term.position is None, term.position or 0, term.code))
    keys: dict[str, tuple[Term, ...]] = {}
    for term in terms:
        spellings = {term.code, *(text.value for _, text in names.get(str(term.iri), []))}
        for key in {normalise(spelling) for spelling in spellings}:
            keys[key] = (*keys.get(key, ()), term)
    # a code always wins over another term's label
    for term in terms:
        keys[normalise(term.code)] = (term,)
    return Vocabulary(name, tuple(terms), keys)
