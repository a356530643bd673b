"""OWL class axioms in plain words ("every firm-network has orientation of relations: vertical").

Each restriction becomes a clause in the page's language from the templates of site/words.yml; the
axioms themselves are read from the ontology graph, never restated here.
"""

from __future__ import annotations

from collections.abc import Iterator

import rdflib
from rdflib import OWL, RDF, RDFS, BNode
from rdflib.collection import Collection

from netorg.site.markdown import Links, say

CARDINALITIES = {
    OWL.minCardinality: "min",
    OWL.minQualifiedCardinality: "min",
    OWL.maxCardinality: "max",
    OWL.maxQualifiedCardinality: "max",
    OWL.cardinality: "exactly",
    OWL.qualifiedCardinality: "exactly",
}


def clause(graph: rdflib.Graph, node: rdflib.term.Node, links: Links) -> str:
    """One class expression as a verb phrase: 'has X: Y', 'is a Z', ..."""
    lang = links.lang
    if not isinstance(node, BNode):
        return say("clause.is_a", lang, value=links.term(node))
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        p = links.term(prop)
        if (value := graph.value(node, OWL.hasValue)) is not None:
            return say("clause.has_value", lang, property=p, value=_value(value, links))
        if (value := graph.value(node, OWL.someValuesFrom)) is not None:
            return say("clause.some", lang, property=p, value=expression(graph, value, links))
        if (value := graph.value(node, OWL.allValuesFrom)) is not None:
            return say("clause.only", lang, property=p, value=expression(graph, value, links))
        for predicate, bound in CARDINALITIES.items():
            if (count := graph.value(node, predicate)) is not None:
                text = say(f"clause.{bound}", lang, property=p, n=int(count))
                on_class = graph.value(node, OWL.onClass) or graph.value(node, OWL.onDataRange)
                if on_class is not None:
                    text += " " + say("clause.of_type", lang, value=links.term(on_class))
                return text
    return say("clause.is_a", lang, value=expression(graph, node, links))


def expression(graph: rdflib.Graph, node: rdflib.term.Node, links: Links) -> str:
    """A class expression as a noun phrase (named class, union, intersection, enumeration)."""
    if not isinstance(node, BNode):
        return links.term(node)
    for prop, joiner in ((OWL.unionOf, "word.or"), (OWL.intersectionOf, "word.and")):
        if (head := graph.value(node, prop)) is not None:
            parts = [expression(graph, item, links) for item in Collection(graph, head)]
            return f" {say(joiner, links.lang)} ".join(parts)
    if (head := graph.value(node, OWL.oneOf)) is not None:
        return ", ".join(links.term(item) for item in Collection(graph, head))
    if graph.value(node, OWL.onProperty) is not None:
        return say("word.something_that", links.lang, clause=clause(graph, node, links))
    return "…"


def restrictions(
    graph: rdflib.Graph, cls: rdflib.term.Node, links: Links, subject: rdflib.term.Node = None
) -> list[str]:
    """The anonymous superclasses of `cls` as sentences about `subject` (default `cls`), e.g.
    'Every X has ...' (a subclass inherits them)."""
    subject = links.term(subject if subject is not None else cls)
    return sorted(
        say("sentence.every", links.lang, subject=subject, clause=clause(graph, sup, links))
        for sup in _sorted(graph.objects(cls, RDFS.subClassOf))
        if isinstance(sup, BNode)
    )


def definitions(graph: rdflib.Graph, cls: rdflib.term.Node, links: Links) -> list[list[str]]:
    """Each owl:equivalentClass of `cls` as the list of conditions it sets."""
    found = []
    for equivalent in _sorted(graph.objects(cls, OWL.equivalentClass)):
        if not isinstance(equivalent, BNode):
            found.append([say("clause.is_a", links.lang, value=links.term(equivalent))])
        elif (head := graph.value(equivalent, OWL.intersectionOf)) is not None:
            found.append([clause(graph, item, links) for item in Collection(graph, head)])
        elif (head := graph.value(equivalent, OWL.oneOf)) is not None:
            items = ", ".join(links.term(item) for item in Collection(graph, head))
            found.append([say("clause.one_of", links.lang, values=items)])
        else:
            found.append([clause(graph, equivalent, links)])
    return sorted(found)


def general_axioms(graph: rdflib.Graph, cls: rdflib.term.Node, links: Links) -> list[str]:
    """General class axioms whose condition starts from `cls`: 'Every X that ... has ...'."""
    found = []
    for axiom in _sorted(graph.subjects(RDF.type, OWL.Class)):
        head = graph.value(axiom, OWL.intersectionOf)
        if (
            not isinstance(axiom, BNode)
            or head is None
            or graph.value(axiom, RDFS.subClassOf) is None
        ):
            continue
        items = list(Collection(graph, head))
        if cls not in items:
            continue
        conditions = f" {say('word.and', links.lang)} ".join(
            clause(graph, item, links) for item in items if item != cls
        )
        for consequence in graph.objects(axiom, RDFS.subClassOf):
            found.append(
                say(
                    "sentence.every_that",
                    links.lang,
                    subject=links.term(cls),
                    condition=conditions,
                    clause=clause(graph, consequence, links),
                )
            )
    return sorted(found)


def values_stated(graph: rdflib.Graph, prop: rdflib.term.Node) -> Iterator[tuple]:
    """(class, value) for each `owl:hasValue` restriction on `prop` that a named class states."""
    for restriction in graph.subjects(OWL.onProperty, prop):
        value = graph.value(restriction, OWL.hasValue)
        if value is None:
            continue
        for cls in graph.subjects(RDFS.subClassOf, restriction):
            yield cls, value
        for listed in _lists_holding(graph, restriction):
            for intersection in graph.subjects(OWL.intersectionOf, listed):
                for cls in graph.subjects(OWL.equivalentClass, intersection):
                    yield cls, value


def _lists_holding(graph: rdflib.Graph, item: rdflib.term.Node) -> Iterator[rdflib.term.Node]:
    for cell in graph.subjects(RDF.first, item):
        head = cell
        while (previous := graph.value(None, RDF.rest, head)) is not None:
            head = previous
        yield head


def _value(value: rdflib.term.Node, links: Links) -> str:
    if isinstance(value, rdflib.Literal):
        return f"`{value}`"
    return links.term(value)


def _sorted(nodes) -> list:
    return sorted(set(nodes), key=str)
