"""Every item of the concept checklist (`shared/concepts.md`) is held by named terms.

The table below is curated by hand: it says, for each item of the checklist, which term(s) of the
ontology hold it. The test proves those terms exist with one label and one definition in French
and in English, and a source.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDFS, SKOS

from netorg.rdf.read import read_graph
from netorg.resources import ontology_files

N = "https://w3id.org/netorg#"

COVERAGE: dict[str, list[str]] = {
    # 1. Coordination forms: the market - network - hierarchy continuum
    "1 market": ["Market", "PriceMechanism"],
    "1 hierarchy": ["Hierarchy", "AuthorityMechanism"],
    "1 network organisation (Maillat, Quévit & Senn)": [
        "NetworkOrganisation", "UncertaintyReduction", "StrategicInteractionOrigin",
    ],
    "1 Williamson: intermediate forms, transaction-cost compromise": [
        "IntermediateForm", "MarketHierarchyContinuum", "TransactionCoordinationCostTradeOff",
    ],
    "1 Lecoq: market-network-hierarchy triptych": ["MarketNetworkHierarchyTriptych"],
    "1 intermediate form": ["IntermediateForm", "MixedMarketHierarchyMechanism"],
    "1 hybrid form and its elements": [
        "HybridForm", "HybridFormElements", "Flexibility", "KnowHowAcquisitionAndTransmission",
        "LearningProcess", "TrustBetweenPartners", "Reciprocity", "Solidarity",
    ],
    "1 network as resource creation": [
        "NetworkAsResourceCreationMode", "NetworkAsResourceAllocationMode",
    ],
    # 2. The two forms of network organisation
    "2 firm-network and pivot firm": [
        "FirmNetwork", "PivotFirmRole", "VerticalOrientation", "RulesSetByPartners",
        "ExplicitLongTermContracts", "ProductiveProjectPrimary", "PivotFirmPresent",
    ],
    "2 principles of the firm-network": [
        "FirmNetworkPrinciples", "FirmNetworkPrincipleSolidarity",
        "FirmNetworkPrincipleMutualTrustAndKnowledge", "FirmNetworkPrincipleReciprocity",
        "FirmNetworkPrincipleCompetenceBasedDivisionOfLabour",
        "FirmNetworkPrincipleBroadCooperation", "FirmNetworkPrincipleStableContractualRelations",
    ],
    "2 network of firms": [
        "NetworkOfFirms", "HorizontalOrientation", "RulesSetByMilieu", "NoPivotFirm",
        "ProductiveProjectSecondary", "ThirdItaly",
    ],
    "2 territorial dimension decisive": ["TerritoryDecisive", "TerritorialDimension"],
    "2 non-contractual proximity interdependencies": ["NonContractualInterdependencies"],
    # 3. Typology (Table 1, Defélix et al., 2006)
    "3 origin of the collaboration": ["hasOrigin", "ActorsOrigin", "PublicOrigin"],
    "3 composition of the partners": ["hasComposition", "FirmsOnly", "VariedOrganisations"],
    "3 the four cells": [
        "IndustrialDistrict", "LocalProductiveSystem", "Cluster", "CompetitivenessPole",
    ],
    "3 pooling of means (Bonneveux & Saulquin)": ["PoolingOfMeansAndEfforts"],
    "3 proximity effect (Grossetti)": ["GeographicProximityEffect"],
    "3 motives to collaborate": [
        "MotivesForInterFirmCollaboration", "MotiveCostSharing", "MotiveComplementaryAssets",
        "MotiveOrganisationalLearning", "ResourceAndCompetenceBasedView",
    ],
    "3 competence vs dependence network (Håkansson)": [
        "CompetenceNetwork", "DependenceNetwork", "DoingTogether", "HavingItDone",
        "SwedishSchoolOfIndustrialMarketing",
    ],
    # 4. Experiences analysed
    "4 Marshallian district": [
        "MarshallianIndustrialDistrict", "IncreasingReturnsBeyondScaleEconomies",
        "SkillsInTheAir",
    ],
    "4 Marshall's three advantages": [
        "MarshallAdvantages", "MarshallAdvantageLocalLabourMarket",
        "MarshallAdvantageSpecialisedInputs", "MarshallAdvantageCirculationOfIdeas",
    ],
    "4 Marshall's threats": [
        "MarshallThreats", "MarshallThreatFallingTransportCosts", "MarshallThreatFallingDemand",
        "MarshallThreatInconsistentExternalEconomyStrategies",
        "MarshallThreatExternalEconomiesSpillover", "MarshallThreatInnovationInertia",
    ],
    "4 Italian district (Becattini)": [
        "ItalianIndustrialDistrict", "SocioTerritorialEntity", "CommunityOfPeople",
        "PopulationOfFirms", "CommunityFirmOsmosis", "IndustrialAtmosphere", "PhaseSpecialisation",
        "LocalisedDivisionOfLabour", "DistrictIdentifiableProduct", "SingleIndustrialBranch",
    ],
    "4 SPL of the Grenoble school": [
        "LocalisedProductionSystem", "GrenobleSchool", "ProximitySpaceAroundTrades",
        "InformalRelationsPositiveExternalities", "DominantTradeWithSeveralBranches",
        "LargeFirmSmeRelations", "PlaceToTerritoryShift", "SpaceAsPlace", "SpaceAsTerritory",
    ],
    "4 Perroux: the SPL as active unit": [
        "PerrouxActiveUnitSenses", "PerrouxSenseCoordinationPlace", "PerrouxSenseInnovationPlace",
        "PerrouxSensePoliticalDecisionUnit",
    ],
    "4 relations and flows between units": [
        "InterUnitRelationForms", "FormalRelation", "InformalRelation", "MaterialRelation",
        "ImmaterialRelation", "MarketRelation", "NonMarketRelation", "InterUnitFlows",
        "MaterialFlow", "ServiceFlow", "LabourFlow", "TechnologyFlow", "KnowledgeFlow",
    ],
    "4 Courlet, Pecqueur & Soulage": [
        "ProximityOfProblems", "CoordinationOfExpectationsAndActions",
        "InsufficiencyOfGeographicProximity", "SystemOfBelonging",
        "CollectiveRulesAndRepresentations",
    ],
    # 5. Identifying a network
    "5 identification method": [
        "DisaggregatedTerritorialStatistics", "SuccessiveAggregationDelimitation",
        "QualitativeAuditDiagnosis",
    ],
    "5 four identification aspects": [
        "NetworkIdentificationAspects", "IdentificationAspectGeographicConcentration",
        "IdentificationAspectHistoricalConstruct", "IdentificationAspectProductiveArticulation",
        "IdentificationAspectSocioEconomicConditions",
    ],
    # 6. Key factors for SMEs
    "6 pressures": [
        "CompetitivePressures", "PressureOpeningOfMarkets", "PressureRealTimeInformation",
        "PressureNewClientSupplierRelations", "IncreasedFirmVulnerability",
    ],
    "6 Soh (2003)": ["SohTechnologicalCollaborationFinding"],
    "6 eleven benefits": [
        "NetworkBenefitsForSmes", "NetworkBenefitFasterOpening",
        "NetworkBenefitOtherwiseImpossibleActions", "NetworkBenefitCooperationSpeed",
        "NetworkBenefitScaleEconomiesThroughPooling", "NetworkBenefitAboveAverageGrowth",
        "NetworkBenefitStrongInnovationCapacity", "NetworkBenefitKnowHowAndShorterLearning",
        "NetworkBenefitReactivityToChange", "NetworkBenefitTechnologicalTopLevel",
        "NetworkBenefitHigherCreationRate", "NetworkBenefitLowerDisappearanceRate",
    ],
    "6 five territorial prerequisites": [
        "TerritorialPrerequisites", "TerritorialPrerequisiteDenseSmeFabric",
        "TerritorialPrerequisiteStrongSpecialisation",
        "TerritorialPrerequisiteSignificantSmeWeight",
        "TerritorialPrerequisiteInterFirmRelations", "TerritorialPrerequisiteSharedCulture",
    ],
    "6 cooperation on any territory vs networks": [
        "InterFirmCooperationOnAnyTerritory", "HighlySpecialisedFabricRequirement",
        "CollectiveActionThemes", "CollectiveActionQuality", "CollectiveActionEnvironment",
        "CollectiveActionByProducts", "CollectiveActionEdi", "CollectiveActionTechnologyWatch",
        "CollectiveActionExport",
    ],
    "6 twelve steps": [
        "NetworkSetupSteps", "SetupStepTerritorialDiagnosis",
        "SetupStepIdentificationOfFirmsAndLeaders", "SetupStepSectorStrategicStudy",
        "SetupStepConsultationMeeting", "SetupStepAwarenessMeeting",
        "SetupStepCollectiveActionProgramme", "SetupStepFeasibilityStudies",
        "SetupStepProgrammeProposal", "SetupStepContractualisation",
        "SetupStepSteeringCommitteeAndFacilitator", "SetupStepSupportOfManufacturers",
        "SetupStepMonitoringAndEvaluation",
    ],
    "6 actors who lead or facilitate": [
        "NetworkSupportActors", "ActorEconomicDevelopmentStructures", "ActorBusinessGroupings",
        "ActorProfessionalGroupings", "ActorConsularChambers",
        "ActorTechnopolesAndTechnologyPoles", "ActorMediators", "ActorLongTermFunders",
    ],
    "6 key success factors": [
        "KeySuccessFactors", "SuccessFactorsBeforeProject", "SuccessFactorsDuringProject",
        "SuccessFactorsGroupComposition", "SuccessFactorsProgressiveCollaboration",
        "SuccessFactorsSupportingStructureQuality", "SuccessFactorConsensualFieldWithPilotFirm",
        "SuccessFactorWinWinExplanation", "SuccessFactorEvenKnowledge",
        "SuccessFactorSharedObjectivesGroup", "SuccessFactorTrustAndFacilitation",
        "SuccessFactorJointStrategicOrientation", "SuccessFactorVolunteering",
        "SuccessFactorPartnerReliability", "SuccessFactorRecognisedLeaders",
        "SuccessFactorExpressedNeedsFirst", "SuccessFactorLightCommitmentsFirst",
        "SuccessFactorFacilitatorProfessionalism", "SuccessFactorFacilitatorBalancingSkills",
        "SuccessFactorImpactEvaluation",
    ],
    # 7. Conclusion
    "7 conditions for cross-fertilisation": [
        "CrossFertilisationConditions", "SpaceOfTrust", "ConversationalSpace",
    ],
    "7 three planes of key factors": [
        "KeyFactorPlanes", "KeyFactorPlanePeople", "KeyFactorPlaneOrganisationalContext",
        "KeyFactorPlaneDecisionProcesses",
    ],
    "7 sustainable development vs a-territorial firms": [
        "NetworkAsSustainableDevelopmentPromoter", "ATerritorialFirm",
    ],
    # 8. Actors and relations
    "8 firm sizes": ["SME", "MicroFirm", "SmallFirm", "MediumFirm", "LargeFirm"],
    "8 size thresholds as sourced data": [
        "EURecommendation2003", "EU2003Micro", "EU2003Small", "EU2003Medium", "EU2003Large",
        "MoroccoSMECharter2002", "Morocco2002SME",
    ],
    "8 other organisations": [
        "University", "ResearchCentre", "TrainingCentre", "PublicAuthority", "Chamber",
        "DevelopmentAgency", "ProfessionalAssociation", "FinancialInstitution", "Technopole",
    ],
    "8 inter-firm relations": [
        "Subcontracting", "Partnership", "EquityParticipation", "Cooperation", "Competition",
        "Supply", "JointResearch",
    ],
}

WORKS = [
    "MaillatQuevitSenn1993", "Williamson1991", "Lecoq", "Defelix2006", "BonneveuxSaulquin2009",
    "Grossetti2004", "PacheParaponaris1993", "CombeVerzat1998", "BarthelemyFulconisMothe2001",
    "Hakansson2001", "Marshall1890", "Becattini1992", "CourletSoulage1994",
    "CourletPecqueurSoulage1993", "Courlet", "Pecqueur", "Perroux", "Soh2003",
    "MarghichErrabih2016",
]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return read_graph(ontology_files())


def _one_per_language(graph: rdflib.Graph, term: rdflib.URIRef, prop: rdflib.URIRef) -> bool:
    langs = [o.language for o in graph.objects(term, prop) if isinstance(o, rdflib.Literal)]
    return sorted(langs) == ["en", "fr"]


@pytest.mark.parametrize("item", sorted(COVERAGE))
def test_checklist_item_is_held_by_defined_terms(ontology: rdflib.Graph, item: str) -> None:
    problems = []
    for local in COVERAGE[item]:
        term = rdflib.URIRef(N + local)
        if (term, None, None) not in ontology:
            problems.append(f"{local}: not in the ontology")
            continue
        if not _one_per_language(ontology, term, RDFS.label):
            problems.append(f"{local}: needs exactly one rdfs:label in fr and in en")
        if not _one_per_language(ontology, term, SKOS.definition):
            problems.append(f"{local}: needs exactly one skos:definition in fr and in en")
        if (term, DCTERMS.source, None) not in ontology:
            problems.append(f"{local}: no dcterms:source")
    assert not problems, problems


@pytest.mark.parametrize("work", WORKS)
def test_every_cited_work_is_described(ontology: rdflib.Graph, work: str) -> None:
    iri = rdflib.URIRef("https://w3id.org/netorg/work/" + work)
    assert (iri, DCTERMS.creator, None) in ontology
    assert (iri, DCTERMS.bibliographicCitation, None) in ontology


def test_a_broken_table_entry_is_caught(ontology: rdflib.Graph) -> None:
    """The check above can fail: a term that does not exist is reported."""
    term = rdflib.URIRef(N + "NoSuchTermAnywhere")
    assert (term, None, None) not in ontology
    assert not _one_per_language(ontology, term, RDFS.label)
