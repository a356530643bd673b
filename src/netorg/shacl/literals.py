"""Literals as written, beside the store that cannot keep them.

Oxigraph stores a literal by value: "1962"^^xsd:int becomes "1962"^^xsd:integer, "46.070" and
"46.07" one decimal, "1e3"^^xsd:double "1000", and even a query's own literals are rewritten so.
SHACL speaks of RDF terms as written: sh:datatype xsd:integer fails on an xsd:int, two lexical
forms are two values for sh:maxCount, sh:pattern reads the text. So the subject-property pairs
that hold a literal the store would change (a numeric or boolean literal not in the store's
canonical form, or of an integer sub-datatype) are found on the data as parsed, and all their
objects are copied into the graph WRITTEN, each such literal encoded as its lexical form with the
datatype `WRITTEN_DATATYPE + <its datatype IRI>`, which the store keeps verbatim. The compiled
constraints read those pairs from WRITTEN instead of the default graph (netorg.shacl.compile,
`written=True`), and findings decode the values back, so messages show what the user wrote.
Clean data has no such pair and is validated by the ordinary queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

WRITTEN = "urn:netorg:written"
WRITTEN_DATATYPE = "urn:netorg:written:"
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
            "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
            "unsignedShort", "unsignedByte")
# the lexical forms the store keeps unchanged; any other form of these datatypes is rewritten
CANONICAL = {
    XSD + "integer": re.compile(r"0|-?[1-9][0-9]*"),
    XSD + "decimal": re.compile(r"(0|-?[1-9][0-9]*)(\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9]"),
    XSD + "boolean": re.compile(r"true|false"),
}
NEVER = re.compile(r"(?!)")
# doubles, floats, times and durations: always copied (the store reformats them)
OTHERS = ("decimal", "double", "float", "boolean", "dateTime", "time", "duration")
SENSITIVE = {XSD + name for name in (*INTEGERS, *OTHERS)}
# the end of a literal of a sensitive datatype (a literal prefix: searched at C speed), then
# the N-Triples line it ends
TYPED = re.compile(r'"\^\^<' + re.escape(XSD) + r'(?:' + "|".join((*INTEGERS, *OTHERS))
                   + r')> \.')
LINE = re.compile(r'(\S+) (<[^>]*>) "((?:[^"\\]|\\.)*)"\^\^<([^>]*)> \.')


def rewritten(lexical: str, datatype: str) -> bool:
    """Whether the store would hold this literal otherwise than written."""
    return datatype in SENSITIVE and not CANONICAL.get(datatype, NEVER).fullmatch(lexical)


def encode(term: Any) -> Any:
    """A pyoxigraph term the store keeps as written (sensitive literals encoded)."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal) and term.datatype.value in SENSITIVE:
        return ox.Literal(term.value, datatype=ox.NamedNode(WRITTEN_DATATYPE + term.datatype.value))
    return term


def decode(term: rdflib.term.Node) -> rdflib.term.Node:
    """An encoded literal (as rdflib) back to the literal the user wrote."""
    import rdflib

    datatype = getattr(term, "datatype", None)
    if datatype is not None and str(datatype).startswith(WRITTEN_DATATYPE):
        return rdflib.Literal(str(term), datatype=rdflib.URIRef(
            str(datatype).removeprefix(WRITTEN_DATATYPE)), normalize=False)
    return term


def add_written_from_graph(store: pyoxigraph.Store, data: rdflib.Graph, graph: Any = None) -> int:
    """Copy the pairs of `data` the store would rewrite into WRITTEN; how many pairs."""
    import rdflib

    from netorg.rdf.terms import to_oxigraph

    pairs = {(s, p) for s, p, o in data if isinstance(o, rdflib.Literal) and o.datatype is not None
             and rewritten(str(o), str(o.datatype))}
    _add(store, ((to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
                 for s, p in pairs for o in data.objects(s, p)))
    return len(pairs)


def add_written_from_ntriples(store: pyoxigraph.Store, text: bytes) -> int:
    """The same for N-Triples text: a regular expression finds the candidate lines at once."""
    import pyoxigraph as ox

    decoded = text.decode("utf-8")
    pairs = set()
    for hit in TYPED.finditer(decoded):
        line = LINE.match(decoded, decoded.rfind("\n", 0, hit.start()) + 1)
        if line and rewritten(_unescape(line[3]), line[4]):
            pairs.add((line[1], line[2]))
    if not pairs:
        return 0
    # every line of those pairs (their other objects too): split once, looked up in a set
    lines = "\n".join(line for line in decoded.splitlines()
                      if tuple(line.split(" ", 2)[:2]) in pairs)
    parsed = ox.parse(lines.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    _add(store, ((t.subject, t.predicate, t.object) for t in parsed))
    return len(pairs)


def written_properties(store: Any) -> frozenset[str]:
    """The properties of the pairs kept as written (none for clean data)."""
    rows = store.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH <{WRITTEN}> {{ ?s ?p ?o }} }}")
    return frozenset(row["p"].value for row in rows)


def _add(store: pyoxigraph.Store, triples: Iterable[tuple]) -> None:
    import pyoxigraph as ox

    graph = ox.NamedNode(WRITTEN)
    store.extend([ox.Quad(s, p, encode(o), graph) for s, p, o in triples])


def _unescape(lexical: str) -> str:
    return lexical if "\\" not in lexical else lexical.encode().decode("unicode_escape")
