"""A case as it stood in one year, in plain OWL, so that a reasoner can classify it too.

The snapshot of a case is a new individual typed netorg:CaseStudy, with org:hasMember to each active
member (typed with its classes), netorg:hasRecognition to each recognition in force, its
netorg:initiative, the composition and origin the SHACL rules derived, and the values of the
characteristics the case states itself (a form added to the typology may restrict one). Realising
it through the ontology's defined classes (HermiT) must give the same typology class as the SHACL
rules, and the
snapshot must be consistent: the ontology's own axioms (a knowledge organisation among the members
makes the partners varied; a public recognition or initiative makes the origin public) would clash
with a wrong composition or origin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from netorg.shacl.classify import ClassificationResult

# In force: no year given, or started by then (or no start) and not ended before (or no end).
SNAPSHOT_QUERY = """
PREFIX netorg: <https://w3id.org/netorg#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {
    ?snapshot a owl:NamedIndividual , netorg:CaseStudy ; org:hasMember ?member ;
        netorg:hasRecognition ?recognition ; netorg:initiative ?initiative ;
        netorg:hasComposition ?composition ; netorg:hasOrigin ?origin ; ?characteristic ?value .
    ?member a owl:NamedIndividual , ?memberType .
    ?recognition a owl:NamedIndividual , netorg:PublicRecognition .
}
WHERE {
    ?case a netorg:CaseStudy .
    BIND (IRI(CONCAT(STR(?case), "/snapshot/", ?suffix)) AS ?snapshot)
    {
        ?case org:hasMembership|^org:organization ?membership .
        ?membership org:member ?member .
        ?member a ?memberType .
        OPTIONAL { ?membership netorg:startYear ?start }
        OPTIONAL { ?membership netorg:endYear ?end }
        FILTER (?year < 0
            || ((!BOUND(?start) || ?start <= ?year) && (!BOUND(?end) || ?end >= ?year)))
    }
    UNION
    {
        ?case netorg:hasRecognition ?recognition .
        OPTIONAL { ?recognition netorg:startYear ?start }
        OPTIONAL { ?recognition netorg:endYear ?end }
        FILTER (?year < 0
            || ((!BOUND(?start) || ?start <= ?year) && (!BOUND(?end) || ?end >= ?year)))
    }
    UNION { ?case netorg:initiative ?initiative }
    UNION { ?case netorg:hasComposition ?composition }
    UNION { ?case netorg:hasOrigin ?origin }
    UNION { ?case ?characteristic ?value .
            ?characteristic rdfs:subPropertyOf+ netorg:characteristic }
}
"""


def snapshot_iri(case: str, as_of: int | None) -> str:
    return f"{case}/snapshot/{'all' if as_of is None else as_of}"


def snapshot(data: rdflib.Graph, result: ClassificationResult) -> rdflib.Graph:
    """The OWL snapshot of every case of `result` (classified from `data`) in its as-of year."""
    import rdflib

    from netorg.shacl.classify import ontology_graph

    source = rdflib.Graph()
    source += data
    source += result.derived
    # which properties are characteristics (the case's own values of them are copied)
    source += ontology_graph().triples((None, rdflib.RDFS.subPropertyOf, None))
    year = -1 if result.as_of is None else result.as_of
    suffix = "all" if result.as_of is None else str(result.as_of)
    rows = source.query(SNAPSHOT_QUERY, initBindings={
        "year": rdflib.Literal(year), "suffix": rdflib.Literal(suffix)})
    graph = rdflib.Graph()
    for triple in rows:
        graph.add(triple)
    return graph
