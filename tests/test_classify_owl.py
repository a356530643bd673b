"""HermiT, through the ontology's defined classes, puts each case where the SHACL rules put it."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from classify_helpers import AS_OF_YEARS, all_fixtures
from netorg.ontology.snapshot import snapshot, snapshot_iri
from netorg.shacl.classify import classify, ontology_graph
from netorg.sheets.inputs import load_cases

EXTENSION = Path(__file__).parent / "fixtures" / "extension"

TYPOLOGY_CLASSES = """
PREFIX netorg: <https://w3id.org/netorg#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class ?code WHERE {
    ?class owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first/owl:onProperty
        /rdfs:subPropertyOf netorg:typologyDimension ;
        netorg:code ?code .
}
"""

BROADER = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?narrower ?broader WHERE { ?narrower rdfs:subClassOf+ ?broader }
"""


def most_specific(classes: set[str]) -> set[str]:
    """The classes of a set that no other class of the set is a sub-class of."""
    pairs = {(str(n), str(b)) for n, b in ontology_graph().query(BROADER)}
    return {c for c in classes if not any((other, c) in pairs for other in classes)}


@pytest.fixture(scope="session")
def realised():
    """Every fixture in every as-of year: SHACL's typology, and HermiT's, in one JVM run."""
    from netorg.ontology.reasoner import realise

    data = all_fixtures()
    graph = rdflib.Graph()
    graph += ontology_graph()
    expected: dict[str, str | None] = {}
    for year in AS_OF_YEARS:
        result = classify(data, as_of=year)
        graph += snapshot(data, result)
        expected |= {snapshot_iri(c.case, year): c.typology for c in result.cases}
    # the worked extension of the typology (a milieu innovateur refines the cluster cell)
    milieu = load_cases([EXTENSION / "milieu-case.ttl"])
    result = classify(milieu)
    graph += snapshot(milieu, result)
    expected |= {snapshot_iri(c.case, None): c.typology for c in result.cases}
    return expected, realise(graph)


@pytest.mark.reasoner
def test_hermit_agrees_with_the_shacl_typology(realised):
    expected, inferred = realised
    codes = {str(c): str(code) for c, code in ontology_graph().query(TYPOLOGY_CLASSES)}
    assert {"district", "spl", "cluster", "pole", "milieu"} <= set(codes.values())
    disagreements = {}
    for individual, typology in expected.items():
        found = {codes[c] for c in most_specific(inferred.get(individual, set()) & set(codes))}
        if found != ({typology} if typology else set()):
            disagreements[individual] = (typology, found)
    assert not disagreements
    assert {t for t in expected.values() if t} == {"district", "spl", "cluster", "pole", "milieu"}


@pytest.mark.reasoner
def test_a_wrong_composition_makes_the_snapshot_inconsistent():
    from netorg.ontology.reasoner import realise

    data = all_fixtures()
    result = classify(data)
    graph = rdflib.Graph()
    graph += ontology_graph()
    shot = snapshot(data, result)
    netorg = rdflib.Namespace("https://w3id.org/netorg#")
    pole = rdflib.URIRef(snapshot_iri("https://w3id.org/netorg/case/fixture-pole", None))
    shot.set((pole, netorg.hasComposition, netorg.FirmsOnly))  # it has a university
    graph += shot
    with pytest.raises(Exception, match="inconsistent"):
        realise(graph)
