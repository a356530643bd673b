"""A property path written in SPARQL (as findings carry it) back to SHACL's RDF form.

SHACL §3.6.2.4: a result's sh:resultPath is a SHACL property path, so a report written as RDF
holds `[ sh:zeroOrMorePath ex:p ]`, not the text `(<p>)*`. rdflib's SPARQL parser reads the text
into rdflib.paths objects; each kind maps to one SHACL form (SHACL §2.3.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib
    from rdflib.term import Node

SH = "http://www.w3.org/ns/shacl#"
REPEATS = {"*": "zeroOrMorePath", "+": "oneOrMorePath", "?": "zeroOrOnePath"}


def path_node(text: str, graph: rdflib.Graph) -> Node:
    """Add the SHACL form of the SPARQL path `text` to `graph`; its node."""
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(f"SELECT * WHERE {{ ?this {text} ?value }}")
    (_, path, _), = _triples(query.algebra)
    return _add(path, graph)


def _triples(node: object) -> list:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if "triples" in node:
            return node["triples"]
        for child in node.values():
            if found := _triples(child):
                return found
    return []


def _add(path: object, graph: rdflib.Graph) -> Node:
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath

    if isinstance(path, URIRef):
        return path
    node = BNode()
    if isinstance(path, SequencePath):
        Collection(graph, node, [_add(p, graph) for p in path.args])
    elif isinstance(path, AlternativePath):
        members = BNode()
        Collection(graph, members, [_add(p, graph) for p in path.args])
        graph.add((node, URIRef(SH + "alternativePath"), members))
    elif isinstance(path, InvPath):
        graph.add((node, URIRef(SH + "inversePath"), _add(path.arg, graph)))
    elif isinstance(path, MulPath):
        graph.add((node, URIRef(SH + REPEATS[path.mod]), _add(path.path, graph)))
    else:  # a negated property set cannot come from a SHACL path
        raise ValueError(f"not a SHACL property path: {path}")
    return node
