"""Tensions: two derived classes for which the ontology's axioms state different characteristics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import rdflib

from classify_helpers import ORG, N, case, fixture, only
from netorg.shacl.classify import classify
from netorg.sheets.inputs import load_cases


def _district_with_a_pivot() -> rdflib.Graph:
    """The district fixture (firms only, started by the actors) whose first firm leads it."""
    graph = fixture("fixture-district.ttl")
    membership = rdflib.URIRef(f"{case('fixture-district')}/membership/a")
    graph.add((membership, ORG.role, N.PivotFirmRole))
    return graph


def test_a_district_around_a_pivot_firm_is_a_tension_on_two_characteristics():
    result = only(classify(_district_with_a_pivot()), "fixture-district")
    assert (result.typology, result.structure) == ("district", "firm_network")
    messages = sorted(t.message["en"] for t in result.tensions)
    assert len(messages) == 2
    assert all(t.aspect == "coherence" and t.kind == "tension" for t in result.tensions)
    assert "the ontology sets the orientation of relations to “horizontal” for “industrial " \
        "district” and to “vertical” for “firm-network”" in messages[0]
    assert "the ontology sets the source of the rules to “rules set by the milieu” for " \
        "“industrial district” and to “rules set formally by the partners” for " \
        "“firm-network”" in messages[1]
    french = sorted(t.message["fr"] for t in result.tensions)
    assert french[0].startswith("les faits le classent comme « district industriel » (aspect "
                                "typologie) et comme « firme-réseau » (aspect structure)")
    assert {t.supports for t in result.tensions} == {
        str(N.hasRelationOrientation), str(N.hasRuleSetting)}
    assert not result.conflicts  # a tension is not a conflict with the sources


def test_no_tension_when_the_derived_classes_agree():
    result = only(classify(fixture("fixture-district.ttl")), "fixture-district")
    assert (result.typology, result.structure) == ("district", "network_of_firms")
    assert result.tensions == []


def test_the_tension_is_read_from_the_axioms_not_from_code():
    """Drop the district's orientation axiom from the ontology the rules see: one tension left."""
    from netorg.shacl import classify as module

    data = _district_with_a_pivot()
    ontology = module.ontology_graph()
    [restriction] = [r for r in ontology.objects(N.IndustrialDistrict, rdflib.RDFS.subClassOf)
                     if (r, rdflib.OWL.onProperty, N.hasRelationOrientation) in ontology]
    # the data graph may carry ontology axioms; here it carries a lighter district
    ontology.remove((N.IndustrialDistrict, rdflib.RDFS.subClassOf, restriction))
    module._ontology_ntriples.cache_clear()
    try:
        result = only(classify(data), "fixture-district")
    finally:
        ontology.add((N.IndustrialDistrict, rdflib.RDFS.subClassOf, restriction))
        module._ontology_ntriples.cache_clear()
    assert [t.supports for t in result.tensions] == [str(N.hasRuleSetting)]


def _small_district_with_a_pivot() -> rdflib.Graph:
    """Two firms the actors brought together, one of them the pivot: no relation to measure."""
    text = """
    @prefix netorg: <https://w3id.org/netorg#> .
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix case: <https://w3id.org/netorg/case/> .
    case:small a netorg:CaseStudy ; skos:prefLabel "Small pivot district" ;
        netorg:initiative netorg:ActorInitiative ;
        org:hasMembership case:small\\/membership\\/lead , case:small\\/membership\\/sub .
    case:small\\/member\\/lead a netorg:Firm ; skos:prefLabel "Lead" .
    case:small\\/member\\/sub a netorg:Firm ; skos:prefLabel "Sub" .
    case:small\\/membership\\/lead a org:Membership ; org:organization case:small ;
        org:member case:small\\/member\\/lead ; org:role netorg:PivotFirmRole .
    case:small\\/membership\\/sub a org:Membership ; org:organization case:small ;
        org:member case:small\\/member\\/sub .
    """
    return rdflib.Graph().parse(data=text, format="turtle")


def test_engines_agree_on_a_tension_and_on_the_typology_extension():
    """One pySHACL run (slow to start) for a tension and for the milieu innovateur."""
    data = _small_district_with_a_pivot()
    data += load_cases([Path(__file__).parent / "fixtures" / "extension" / "milieu-case.ttl"])
    fast = classify(data, engine="oxigraph")
    reference = classify(data, engine="pyshacl")
    assert set(fast.derived) == set(reference.derived)
    assert fast.to_records("fr") == reference.to_records("fr")
    records = {r["case"].rsplit("/", 1)[-1]: r for r in fast.to_records("fr")}
    assert records["small"]["tensions"] and records["fixture-milieu"]["typology"] == "milieu"


def test_classify_shows_tensions_in_json_csv_and_table(tmp_path):
    path = tmp_path / "district.ttl"
    _district_with_a_pivot().serialize(destination=path, format="turtle")

    def run(*options: str) -> str:
        done = subprocess.run([sys.executable, "-m", "netorg", "classify", str(path), *options],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    [record] = json.loads(run("--format", "json", "--lang", "fr"))
    assert len(record["tensions"]) == 2
    assert record["tensions"][0]["aspect"] == "coherence"
    assert "tensions" in run("--format", "csv").splitlines()[0].split(",")
    table = run()
    assert table.count("TENSION [coherence]") == 2
