"""The typology is extended in Turtle alone: the milieu innovateur, and a form beside the cases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from classify_helpers import N
from netorg.shacl.classify import classify
from netorg.sheets.inputs import load_cases

EXTENSION = Path(__file__).parent / "fixtures" / "extension"
MILIEU = "https://w3id.org/netorg/case/fixture-milieu"


def _milieu() -> rdflib.Graph:
    return load_cases([EXTENSION / "milieu-case.ttl"])


def test_a_milieu_innovateur_is_typed_with_the_most_specific_class_only():
    result = classify(_milieu())
    [case] = result.cases
    assert case.typology == "milieu"
    types = set(result.derived.objects(rdflib.URIRef(MILIEU), rdflib.RDF.type))
    assert N.MilieuInnovateur in types and N.Cluster not in types
    [reason] = [r for r in case.reasons if r.aspect == "typology"]
    assert reason.message["en"].endswith(
        "and innovation dynamic “collective learning of the milieu”, so it is an innovative milieu "
        "(source: Maillat, Quévit & Senn (1993))")
    assert not case.conflicts  # its sources say "cluster": the milieu refines the cluster cell


def test_without_the_third_fact_the_same_case_is_a_cluster():
    data = _milieu()
    data.remove((rdflib.URIRef(MILIEU), N.hasInnovationDynamic, None))
    [case] = classify(data).cases
    assert case.typology == "cluster"


def _classify_cli(*paths: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "netorg", "classify", *map(str, paths),
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_form_added_in_a_turtle_file_classifies_without_python():
    [record] = _classify_cli(EXTENSION / "technopole-form.ttl")
    assert record["typology"] == "territorial_technopole"
    assert any("site “planned science park”" in r["message"] for r in record["reasons"])


def test_the_added_form_needs_its_own_restriction(tmp_path: Path):
    text = (EXTENSION / "technopole-form.ttl").read_text(encoding="utf-8")
    edited = tmp_path / "no-site.ttl"
    edited.write_text(text.replace("    ex:hasSite ex:PlannedSciencePark ;\n", ""),
                      encoding="utf-8")
    [record] = _classify_cli(edited)
    assert record["typology"] == "pole"


@pytest.mark.reasoner
def test_hermit_puts_the_milieu_under_the_cluster_not_in_the_pole():
    from netorg.ontology.reasoner import reason
    from netorg.shacl.classify import ontology_graph

    graph = rdflib.Graph()
    graph += ontology_graph()
    for name, values in {
        "with-learning": (N.ActorsOrigin, N.VariedOrganisations, N.CollectiveLearningInTheMilieu),
        "without-learning": (N.ActorsOrigin, N.VariedOrganisations, None),
    }.items():
        iri = N[name]
        graph.add((iri, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
        graph.add((iri, rdflib.RDF.type, N.NetworkOrganisation))
        graph.add((iri, N.hasOrigin, values[0]))
        graph.add((iri, N.hasComposition, values[1]))
        if values[2] is not None:
            graph.add((iri, N.hasInnovationDynamic, values[2]))
    verdict = reason(graph, with_types=True)
    assert verdict.consistent and verdict.unsatisfiable == []
    assert {str(N.MilieuInnovateur), str(N.Cluster)} <= verdict.types[str(N["with-learning"])]
    assert str(N.CompetitivenessPole) not in verdict.types[str(N["with-learning"])]
    assert str(N.Cluster) in verdict.types[str(N["without-learning"])]
    assert str(N.MilieuInnovateur) not in verdict.types[str(N["without-learning"])]
