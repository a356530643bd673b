"""Each classification rule on fixtures that meet it and on edited fixtures that do not."""

from __future__ import annotations

import re

import pytest
import rdflib

from classify_helpers import ORG, N, all_fixtures, case, fixture, member, messages, only
from netorg.shacl.classify import classify


@pytest.fixture(scope="module")
def everything():
    return classify(all_fixtures())


# -- a case of each typology class, structure and kind, with reasons in both languages ----------

EXPECTED = {
    # case id: (typology, structure, network kind), as designed in the fixture's header comment
    "fixture-district": ("district", "network_of_firms", "competence"),
    "fixture-spl": ("spl", "firm_network", "dependence"),
    "fixture-cluster": ("cluster", "firm_network", "competence"),
    "fixture-pole": ("pole", "network_of_firms", "dependence"),
}


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_each_class_is_derived_with_reasons_in_both_languages(everything, case_id):
    result = only(everything, case_id)
    assert (result.typology, result.structure, result.network_kind) == EXPECTED[case_id]
    for aspect in ("composition", "origin", "typology", "structure", "network_kind"):
        reasons = [f for f in result.reasons if f.aspect == aspect]
        assert reasons, aspect
        for reason in reasons:
            assert set(reason.message) == {"en", "fr"}
            assert reason.message["en"] != reason.message["fr"]
    assert not result.missing and not result.conflicts


def test_varied_reason_names_the_member_and_its_type_label(everything):
    pole = only(everything, "fixture-pole")
    assert 'member “Université Fictive” is of type university, so the partners are varied ' \
        "organisations" in messages(pole.reasons, "composition", "en")
    assert "le membre « Centre technique fictif » est de type « centre de recherche », donc les " \
        "partenaires sont des organisations variées" in messages(pole.reasons, "composition", "fr")


def test_firms_only_reason_counts_firms_and_support_organisations(everything):
    [reason] = messages(only(everything, "fixture-district").reasons, "composition", "en")
    assert reason == ("all 5 members are firms or support organisations (4 firms, 1 support "
                      "organisation), so the partners are all firms")
    [french] = messages(only(everything, "fixture-district").reasons, "composition", "fr")
    assert french == ("les 5 membres sont des entreprises ou des structures d'appui "
                      "(4 entreprises, 1 structure d'appui), donc les partenaires sont tous des "
                      "entreprises")


def test_recognition_reason_cites_label_authority_level_and_year(everything):
    [reason] = messages(only(everything, "fixture-spl").reasons, "origin", "en")
    assert reason == ("recognised as “Système productif local” by “DATAR” (State level) from 1999, "
                      "so the collaboration is recognised and reinforced by public authorities")


def test_typology_reason_cites_both_values_and_the_source(everything):
    [en] = messages(only(everything, "fixture-cluster").reasons, "typology", "en")
    assert "“wanted by the actors”" in en and "“varied organisations”" in en
    assert en.endswith("so it is a cluster (source: Defélix et al. (2006))")


def test_centralisation_reason_gives_the_measure_and_the_hub(everything):
    [en] = messages(only(everything, "fixture-spl").reasons, "structure", "en")
    assert "is 1.00 (threshold 0.5) around the firm “Décolletage Central”" in en
    [ring] = messages(only(everything, "fixture-district").reasons, "structure", "en")
    assert "is 0.00, below the threshold of 0.5" in ring


def test_majority_reason_gives_the_counts(everything):
    [en] = messages(only(everything, "fixture-pole").reasons, "network_kind", "en")
    assert en.startswith("5 of the 6 relations")


def test_findings_have_deterministic_iris_under_the_case(everything):
    pattern = re.compile(r"^https://w3id\.org/netorg/case/[^/]+/finding/[a-z_]+/[0-9a-f]{12}$")
    findings = [f for c in everything.cases for f in c.reasons + c.conflicts + c.missing]
    assert findings and all(pattern.match(f.iri) for f in findings)
    again = classify(all_fixtures())
    assert set(again.derived) == set(everything.derived)


def test_every_finding_rests_on_facts(everything):
    for result in everything.cases:
        for finding in result.reasons + result.conflicts + result.missing:
            assert finding.derived_from, finding.iri


# -- composition ---------------------------------------------------------------------------------


def test_a_knowledge_member_makes_a_district_a_cluster():
    data = fixture("fixture-district.ttl")
    chamber = member("fixture-district", "chamber")
    data.remove((chamber, rdflib.RDF.type, N.Chamber))
    data.add((chamber, rdflib.RDF.type, N.TrainingCentre))
    result = only(classify(data), "fixture-district")
    assert (result.composition, result.typology) == ("varied", "cluster")


def test_a_member_of_another_type_leaves_the_composition_missing():
    data = fixture("fixture-district.ttl")
    chamber = member("fixture-district", "chamber")
    data.remove((chamber, rdflib.RDF.type, N.Chamber))
    data.add((chamber, rdflib.RDF.type, N.OtherOrganisation))
    result = only(classify(data), "fixture-district")
    assert result.composition is None and result.typology is None
    [missing] = messages(result.missing, "composition", "en")
    assert "“Camera di commercio” is of type other organisation" in missing
    assert messages(result.missing, "typology", "fr")


def test_support_organisations_alone_leave_the_composition_missing():
    data = fixture("fixture-district.ttl")
    for member_id in "abcd":
        data.remove((member("fixture-district", member_id), rdflib.RDF.type, N.Firm))
        data.add((member("fixture-district", member_id), rdflib.RDF.type, N.Chamber))
    result = only(classify(data), "fixture-district")
    assert result.composition is None
    assert "no member is a firm" in messages(result.missing, "composition", "en")[0]


# -- origin --------------------------------------------------------------------------------------


def test_public_initiative_without_recognition_is_public():
    data = fixture("fixture-district.ttl")
    data.set((case("fixture-district"), N.initiative, N.PublicInitiative))
    result = only(classify(data), "fixture-district")
    assert (result.origin, result.typology) == ("public", "spl")


def test_unknown_initiative_without_recognition_is_missing():
    data = fixture("fixture-district.ttl")
    data.remove((case("fixture-district"), N.initiative, None))
    result = only(classify(data), "fixture-district")
    assert result.origin is None and result.typology is None
    assert messages(result.missing, "origin", "en") == [
        "initiative unknown and no public recognition recorded, so the origin of the "
        "collaboration is unknown"]


def test_unclassifiable_case_reports_each_missing_fact(everything):
    result = only(everything, "fixture-unclassifiable")
    assert (result.typology, result.structure, result.network_kind) == (None, None, None)
    assert {f.aspect for f in result.missing} == {
        "composition", "origin", "typology", "structure", "network_kind"}
    assert not result.reasons


# -- time ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "typology"), [
    (1990, "district"), (2000, "spl"), (2005, "spl"), (2007, "pole"), (None, "pole")])
def test_as_of_changes_the_class(year, typology):
    result = only(classify(fixture("fixture-timeline.ttl"), as_of=year), "fixture-timeline")
    assert result.typology == typology


def test_as_of_reasons_name_the_year():
    result = only(classify(fixture("fixture-timeline.ttl"), as_of=1990), "fixture-timeline")
    [origin] = messages(result.reasons, "origin", "en")
    assert "no public recognition is in force in 1990" in origin
    assert "en vigueur en 1990" in messages(result.reasons, "origin", "fr")[0]


# -- structure -----------------------------------------------------------------------------------


def test_a_star_around_a_non_firm_is_a_network_of_firms():
    data = fixture("fixture-spl.ttl")
    hub = member("fixture-spl", "hub")
    data.remove((hub, rdflib.RDF.type, N.Firm))
    data.add((hub, rdflib.RDF.type, N.University))
    result = only(classify(data), "fixture-spl")
    assert result.structure == "network_of_firms"
    assert "the most central member is not a firm" in messages(result.reasons, "structure", "en")[0]


def test_the_pivot_firm_decides_without_centralisation():
    data = fixture("fixture-district.ttl")
    membership = rdflib.URIRef(str(case("fixture-district")) + "/membership/a")
    data.add((membership, ORG.role, N.PivotFirmRole))
    result = only(classify(data), "fixture-district")
    assert result.structure == "firm_network"
    [structure] = messages(result.reasons, "structure", "en")
    assert "“Maglificio A” is declared the pivot firm" in structure


def test_a_pivot_that_left_no_longer_counts():
    data = fixture("fixture-cluster.ttl")
    membership = rdflib.URIRef(str(case("fixture-cluster")) + "/membership/lead")
    data.add((membership, N.endYear, rdflib.Literal(2000)))
    assert only(classify(data, as_of=1999), "fixture-cluster").structure == "firm_network"
    after = only(classify(data, as_of=2010), "fixture-cluster")
    assert after.structure is None  # the other three share one relation: too few to measure
    assert messages(after.missing, "structure", "en")


def test_too_few_linked_members_leave_the_structure_missing(everything):
    result = only(everything, "fixture-conflict")
    assert result.structure is None
    assert "only 3 members are linked" in messages(result.missing, "structure", "en")[0]


def test_competition_does_not_link_members():
    data = fixture("fixture-district.ttl")
    for n in (1, 2, 3, 4):
        relation = rdflib.URIRef(f"{case('fixture-district')}/relation/{n}")
        data.set((relation, N.relationType, N.Competition))
    result = only(classify(data), "fixture-district")
    assert result.structure is None and result.network_kind is None


# -- network kind --------------------------------------------------------------------------------


def test_a_tie_leaves_the_kind_missing():
    data = fixture("fixture-district.ttl")
    for n in (1, 2):
        data.set((rdflib.URIRef(f"{case('fixture-district')}/relation/{n}"), N.relationType,
                  N.Subcontracting))
    result = only(classify(data), "fixture-district")
    assert result.network_kind is None
    assert "no collaboration logic holds a strict majority of the 4 relations" in messages(
        result.missing, "network_kind", "en")[0]


def test_subcontracting_majority_is_a_dependence_network():
    data = fixture("fixture-district.ttl")
    for n in (1, 2, 3):
        data.set((rdflib.URIRef(f"{case('fixture-district')}/relation/{n}"), N.relationType,
                  N.Subcontracting))
    assert only(classify(data), "fixture-district").network_kind == "dependence"


# -- declared type and conflicts -----------------------------------------------------------------


def test_declared_cluster_that_is_a_pole_is_a_conflict(everything):
    result = only(everything, "fixture-conflict")
    assert (result.typology, result.declared) == ("pole", "cluster")
    [en] = messages(result.conflicts, "typology", "en")
    assert en.startswith(
        "its sources call it “Cluster” but the facts make it a competitiveness pole: ")
    [fr] = messages(result.conflicts, "typology", "fr")
    assert "mais les faits en font un pôle de compétitivité" in fr


def test_declared_as_its_own_class_is_no_conflict(everything):
    for case_id in ("fixture-district", "fixture-spl", "fixture-cluster", "fixture-pole"):
        assert not only(everything, case_id).conflicts


def test_declared_subclass_of_the_derived_class_is_no_conflict():
    data = fixture("fixture-district.ttl")
    data.set((case("fixture-district"), N.declaredType, N.ItalianIndustrialDistrict))
    assert not only(classify(data), "fixture-district").conflicts


def test_declared_structure_that_differs_is_a_conflict():
    data = fixture("fixture-district.ttl")
    data.set((case("fixture-district"), N.declaredType, N.FirmNetwork))
    result = only(classify(data), "fixture-district")
    assert [f.aspect for f in result.conflicts] == ["structure"]


# -- firm sizes ----------------------------------------------------------------------------------


def test_sizes_under_the_eu_definition(everything):
    result = only(everything, "fixture-size-eu")
    assert result.sizes == {
        str(member("fixture-size-eu", "micro")): "micro",
        str(member("fixture-size-eu", "small")): "small",
        str(member("fixture-size-eu", "large")): "large",
    }
    [conflict] = messages(result.conflicts, "size", "en")
    assert "“Großunternehmen” a medium-sized enterprise but its 300 employees make it a large" \
        in conflict


def test_sizes_under_the_moroccan_definition(everything):
    result = only(everything, "fixture-size-morocco")
    assert result.sizes == {str(member("fixture-size-morocco", "sme")): "sme",
                            str(member("fixture-size-morocco", "large")): "large"}
    assert [f.about for f in result.conflicts] == [str(member("fixture-size-morocco", "large"))]
    assert any("Moroccan SME charter (2002)" in m for m in messages(result.reasons, "size", "en"))


def test_sizes_elsewhere_fall_back_to_the_reference_definition(everything):
    result = only(everything, "fixture-size-fallback")
    assert result.sizes == {str(member("fixture-size-fallback", "studio")): "small"}
    [en] = messages(result.reasons, "size", "en")
    assert "reference definition: none is held for CA" in en


def test_no_headcount_no_size():
    data = fixture("fixture-size-fallback.ttl")
    data.remove((member("fixture-size-fallback", "studio"), N.employees, None))
    assert only(classify(data), "fixture-size-fallback").sizes == {}
