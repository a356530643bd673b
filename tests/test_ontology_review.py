"""What a reader of the economic-geography literature corrected in the ontology (issue 14).

Each check is a function over the ontology graph that returns the problems it finds; each is shown
to find the problem on a graph broken on purpose.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from netorg.rdf.read import read_graph
from netorg.resources import ontology_files

N = rdflib.Namespace("https://w3id.org/netorg#")
WORK = rdflib.Namespace("https://w3id.org/netorg/work/")

# the terms of the data model and of the classification: netorg's own, cited to netorg
MODELLING_TERMS = [
    "code", "declaredType", "supports", "message", "position", "Thesaurus", "characteristic",
    "CharacteristicValue", "CaseStudy", "countryCode", "region", "sector", "naceCode",
    "foundingYear", "declaredAs", "OtherOrganisation", "InterOrganisationalRelation",
    "hasRelation", "relationType", "authorityLevel", "GovernmentLevel", "SupranationalLevel",
    "StateLevel", "RegionalLevel", "LocalLevel", "asOfYear", "ClassificationSettings", "Finding",
    "Reason", "Conflict", "MissingFact", "Tension", "about", "aspect", "ClassificationAspect",
    "StructureAspect", "CoherenceAspect", "ClassificationCriterion", "threshold",
    "minimumMembers", "isReferenceDefinition", "derivedSizeClass", "governingBody",
    "factsCheckedOn",
    # the territorial diagnosis (ontology/parts/diagnosis.ttl)
    "CandidateToAudit", "TerritorialLevel", "unitNoun", "DiagnosticIndicator",
    "DiagnosticCriterion", "DiagnosisRule", "formula", "foundedBefore", "perUnits", "indicator",
    "relativeToCountry", "informsAspect", "informsCharacteristic", "requiresCriterion", "metText",
    "unmetText", "unknownText", "diagnosisFact",
]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return read_graph(ontology_files())


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    copy += graph
    return copy


def _label(graph: rdflib.Graph, term, lang: str) -> str:
    return next(str(v) for v in graph.objects(term, RDFS.label) if v.language == lang)


def modelling_terms_not_cited_to_netorg(graph: rdflib.Graph) -> list[str]:
    return [t for t in MODELLING_TERMS
            if set(graph.objects(N[t], DCTERMS.source)) != {WORK.Netorg}]


def value_classes_named_otherwise(graph: rdflib.Graph) -> list[str]:
    """A characteristic and the class of its values bear one name: "X" and "X (value)"."""
    problems = []
    for prop in graph.transitive_subjects(RDFS.subPropertyOf, N.characteristic):
        value_class = graph.value(prop, RDFS.range)
        if prop == N.characteristic or value_class is None:
            continue
        for lang, word in (("en", "value"), ("fr", "valeur")):
            if _label(graph, value_class, lang) != f"{_label(graph, prop, lang)} ({word})":
                problems.append(f"{value_class} @{lang}")
    return problems


def work_years_contradicted(graph: rdflib.Graph) -> list[str]:
    """A year in a work's IRI is its dcterms:issued and the year its labels give."""
    problems = []
    for work in graph.subjects(RDF.type, DCTERMS.BibliographicResource):
        found = re.search(r"(\d{4})$", str(work))
        if not found:
            continue
        year = found.group(1)
        issued = graph.value(work, DCTERMS.issued)
        labels = [str(v) for v in graph.objects(work, RDFS.label)]
        if issued is None or str(issued) != year or not all(year in lab for lab in labels):
            problems.append(str(work))
    return problems


def test_modelling_terms_cite_netorg(ontology):
    assert modelling_terms_not_cited_to_netorg(ontology) == []
    assert (WORK.Netorg, DCTERMS.title, None) in ontology
    broken = _copy(ontology)
    broken.set((N.CaseStudy, DCTERMS.source, WORK.MarghichErrabih2016))
    assert modelling_terms_not_cited_to_netorg(broken) == ["CaseStudy"]


def test_a_property_and_its_values_bear_one_name(ontology):
    assert value_classes_named_otherwise(ontology) == []
    broken = _copy(ontology)
    broken.remove((N.PivotFirmPresence, RDFS.label, None))
    broken.add((N.PivotFirmPresence, RDFS.label, rdflib.Literal("firm centrality", lang="en")))
    broken.add((N.PivotFirmPresence, RDFS.label,
                rdflib.Literal("centralité d'une entreprise", lang="fr")))
    assert len(value_classes_named_otherwise(broken)) == 2


def test_no_work_iri_asserts_a_year_its_record_denies(ontology):
    assert work_years_contradicted(ontology) == []
    broken = _copy(ontology)
    broken.remove((WORK.Williamson1991, DCTERMS.issued, None))
    assert work_years_contradicted(broken) == [str(WORK.Williamson1991)]


def test_technopole_centres_are_support_organisations(ontology):
    supers = set(ontology.transitive_objects(N.Technopole, RDFS.subClassOf))
    assert N.SupportOrganisation in supers and N.KnowledgeOrganisation not in supers
    # the member type no longer takes the name of the territorial form
    assert _label(ontology, N.Technopole, "fr") == "centre de technopôle"


def test_examples_and_umbrella_terms_are_not_synonyms(ontology):
    assert "keiretsu" not in {str(v) for v in ontology.objects(N.FirmNetwork, SKOS.altLabel)}
    assert any("keiretsu" in str(v) for v in ontology.objects(N.FirmNetwork, SKOS.example))
    assert "réseau d'entreprises" not in {
        str(v) for v in ontology.objects(N.NetworkOfFirms, SKOS.altLabel)}
    assert (N.SohTechnologicalCollaborationFinding, RDFS.seeAlso, N.Finding) not in ontology


def test_the_two_spls_are_linked_and_both_answer_to_spl(ontology):
    assert (N.LocalProductiveSystem, RDFS.subClassOf, N.LocalisedProductionSystem) in ontology
    for spl in (N.LocalProductiveSystem, N.LocalisedProductionSystem):
        assert rdflib.Literal("SPL", lang="en") in set(ontology.objects(spl, SKOS.altLabel))
    assert _label(ontology, N.LocalisedProductionSystem, "en") == "localised productive system"


def test_misattributions_are_sourced_to_who_says_it(ontology):
    threats = sorted(ontology.objects(N.MarshallThreats, SKOS.member),
                     key=lambda t: int(ontology.value(t, N.position)))
    assert [int(ontology.value(t, N.position)) for t in threats] == [1, 2, 3, 4, 5]
    for term in (N.MarshallThreats, *threats):
        assert ontology.value(term, DCTERMS.source) == WORK.MarghichErrabih2016
        assert (term, RDFS.seeAlso, WORK.Marshall1890) in ontology
    for sense in ontology.objects(N.PerrouxActiveUnitSenses, SKOS.member):
        assert ontology.value(sense, DCTERMS.source) == WORK.MarghichErrabih2016
        assert (sense, RDFS.seeAlso, WORK.Perroux) in ontology
    assert ontology.value(N.IndustrialAtmosphere, DCTERMS.source) == WORK.Marshall1890
    assert (N.IndustrialAtmosphere, RDFS.seeAlso, WORK.Becattini1992) in ontology
    assert WORK.Pecqueur in set(ontology.objects(N.GrenobleSchool, DCTERMS.source))


def test_no_calqued_definitions_remain(ontology):
    """The review's kinds: a value defined as "Rang où…", "Poids où…", "Étendue où…"."""
    calques = re.compile(r"^(Rang|Poids|Étendue|Centralité|Lien|Fondement|Tissu) où|"
                         r"^(Rank|Weight|Breadth|Firm centrality|Tie|Foundation|Fabric) in which")
    found = [str(s) for s, d in ontology.subject_objects(SKOS.definition) if calques.search(str(d))]
    assert found == []
    assert calques.search("Rang où le réseau est géré")  # the pattern catches the old wording
