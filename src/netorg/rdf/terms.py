"""Convert RDF terms between rdflib and pyoxigraph, which the engines mix: rdflib reads and
writes, Oxigraph evaluates."""

from __future__ import annotations

from typing import Any

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (pyoxigraph terms pass through)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (anything else passes through); xsd:string is plain."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if not isinstance(term, ox.Literal):
        return term
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    # as the store holds it: rdflib would rewrite an ill-typed "2011-01-01"^^xsd:dateTime
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)
