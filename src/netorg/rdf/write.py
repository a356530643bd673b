"""Write RDF as stable, sorted Turtle with netorg's prefixes, so that diffs are readable."""

from __future__ import annotations

from pathlib import Path

import rdflib

from netorg import CASE_NS, NS, WORK_NS
from netorg.atomic import write_text

PREFIXES: dict[str, str] = {
    "netorg": NS,
    "case": CASE_NS,
    "work": WORK_NS,
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def turtle(graph: rdflib.Graph) -> str:
    """Turtle with subjects, predicates and objects sorted (rdflib's `longturtle`)."""
    out = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    out += graph
    return out.serialize(format="longturtle")


def write_turtle(graph: rdflib.Graph, path: str | Path) -> None:
    """Write `graph` to `path` atomically: readers see the old file or the whole new one."""
    write_text(path, turtle(graph))
