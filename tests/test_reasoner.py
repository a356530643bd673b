"""HermiT through owlready2: consistency, unsatisfiable classes, realisation, Java and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from netorg.errors import UnusableInput
from netorg.ontology.reasoner import java_memory_mb, realise, reason
from netorg.rdf.read import read_graph
from netorg.resources import ontology_file

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "check" / "base.ttl"
NETORG = rdflib.Namespace("https://w3id.org/netorg#")
CASE = rdflib.URIRef("https://w3id.org/netorg/case/test-district")

pytestmark = pytest.mark.reasoner


@pytest.fixture(scope="session")
def inconsistent():
    return reason(read_graph([BASE, FIXTURES / "reasoner" / "inconsistent.ttl"]))


@pytest.fixture(scope="session")
def unsatisfiable():
    return reason(read_graph([BASE, FIXTURES / "reasoner" / "unsatisfiable.ttl"]))


def test_inconsistent_fixture_is_inconsistent_and_explained(inconsistent):
    assert inconsistent.consistent is False and not inconsistent.ok
    assert "inconsistent" in inconsistent.explanation
    # the clash: FirstGadget is typed by two disjoint classes
    for axiom_part in ("FirstGadget", "Gizmo", "disjointWith"):
        assert axiom_part in inconsistent.explanation
    assert inconsistent.explanation.count("\n") == 0


def test_unsatisfiable_fixture_names_the_empty_class(unsatisfiable):
    assert unsatisfiable.consistent is True
    assert unsatisfiable.unsatisfiable == [str(NETORG.Impossible)]
    assert not unsatisfiable.ok


def test_bundled_ontology_is_consistent_and_realises_a_district():
    """One HermiT run (Java is slow to start): consistency, satisfiability and realisation.

    A network organisation wanted by the actors whose partners are all firms is a district.
    """
    graph = read_graph([ontology_file()])
    graph.add((CASE, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
    graph.add((CASE, rdflib.RDF.type, NETORG.NetworkOrganisation))
    graph.add((CASE, NETORG.hasOrigin, NETORG.ActorsOrigin))
    graph.add((CASE, NETORG.hasComposition, NETORG.FirmsOnly))
    bundled = reason(graph, with_types=True)
    assert bundled.consistent, bundled.explanation
    assert bundled.unsatisfiable == []

    classes = bundled.types[str(CASE)]
    assert str(NETORG.IndustrialDistrict) in classes
    assert str(NETORG.NetworkOrganisation) in classes  # indirect classes are given too
    for other in ("LocalProductiveSystem", "Cluster", "CompetitivenessPole"):
        assert str(NETORG[other]) not in classes
    assert str(NETORG.CollaborationOrigin) in bundled.types[str(NETORG.ActorsOrigin)]
    assert "http://www.w3.org/2002/07/owl#Thing" not in bundled.types[str(NETORG.ActorsOrigin)]


def test_realise_gives_direct_and_indirect_classes_with_the_memory_asked():
    import owlready2.reasoning

    types = realise(read_graph([BASE, FIXTURES / "reasoner" / "unsatisfiable.ttl"]),
                    java_memory=1200)
    assert types[str(NETORG.FirstGadget)] == {str(NETORG.Gadget)}
    assert owlready2.reasoning.JAVA_MEMORY == 1200


def test_java_memory_comes_from_option_then_environment(monkeypatch):
    monkeypatch.setenv("NETORG_JAVA_MEMORY", "700")
    assert java_memory_mb(None) == 700
    assert java_memory_mb(300) == 300
    monkeypatch.setenv("NETORG_JAVA_MEMORY", "lots")
    with pytest.raises(UnusableInput, match="NETORG_JAVA_MEMORY"):
        java_memory_mb(None)
    monkeypatch.delenv("NETORG_JAVA_MEMORY")
    assert java_memory_mb(None) == 2000


def _netorg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netorg", *args], capture_output=True, text=True,
        env=env, timeout=300,
    )


def test_cli_exit_0_and_reasoner_json_on_a_clean_ontology():
    result = _netorg("check", str(BASE), "--format", "json", "--java-memory", "512")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["errors"] == 0 and out["findings"] == []
    assert out["reasoner"]["consistent"] is True and out["reasoner"]["unsatisfiable"] == []
    assert out["reasoner"]["seconds"] > 0 and out["seconds"] >= out["reasoner"]["seconds"]


def test_missing_java_is_one_line_and_exit_2(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path), "JAVA_HOME": str(tmp_path / "nowhere")}
    result = _netorg("check", str(BASE), env=env)
    assert result.returncode == 2
    assert result.stderr == (
        "netorg check: Java not found: the HermiT reasoner needs a Java runtime "
        "(apt-get install default-jre-headless)\n"
    )
    assert result.stdout == ""


def test_hermit_agrees_with_lecoqs_continuum():
    """The paper's prose, asked of HermiT in one run (Marghich & Errabih 2016, after Lecoq).

    The network organisation is the set of intermediate forms, so a network organisation is an
    intermediate form (the old axioms made the two disjoint); market and hierarchy are its polar
    special cases, so a market and a hierarchy are network organisations (the old axioms declared
    them disjoint); a network organisation that integrates trust between partners is a hybrid form,
    and a pure market is not. Every class stays satisfiable.
    """
    graph = read_graph([ontology_file()])
    individuals = {
        "a-network": [NETORG.NetworkOrganisation],
        "a-market": [NETORG.Market],
        "a-hierarchy": [NETORG.Hierarchy],
        "a-trusting-network": [NETORG.NetworkOrganisation],
    }
    for name, classes in individuals.items():
        iri = NETORG[name]
        graph.add((iri, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
        for cls in classes:
            graph.add((iri, rdflib.RDF.type, cls))
    trusting = NETORG["a-trusting-network"]
    graph.add((trusting, NETORG.integratesElement, NETORG.TrustBetweenPartners))
    verdict = reason(graph, with_types=True)
    assert verdict.consistent, verdict.explanation
    assert verdict.unsatisfiable == []

    def types(name: str) -> set[str]:
        return verdict.types[str(NETORG[name])]

    assert str(NETORG.IntermediateForm) in types("a-network")
    for pole in ("a-market", "a-hierarchy"):
        assert {str(NETORG.NetworkOrganisation), str(NETORG.IntermediateForm)} <= types(pole)
        assert str(NETORG.HybridForm) not in types(pole)
    assert str(NETORG.HybridForm) in types("a-trusting-network")
    assert str(NETORG.HybridForm) not in types("a-network")
    assert str(NETORG.Hierarchy) not in types("a-market")
