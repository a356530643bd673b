"""Each competency question gives the paper's answer on the bundled knowledge base."""

from __future__ import annotations

import pytest

from netorg import NS, KnowledgeBase
from netorg.cli import main
from netorg.sparql import catalogue
from queries_helpers import CacheEnv, shared_cache

QUERIES = catalogue.load()


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    with CacheEnv(shared_cache(tmp_path_factory)):
        base = KnowledgeBase()
        assert len(base.store) > 0  # built (or read) while the cache folder is set
    return base


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_answers_with_rows_in_both_languages(kb: KnowledgeBase, name: str) -> None:
    for lang in ("en", "fr"):
        params = {"lang": lang} if QUERIES[name].param("lang") else {}
        frame = kb.query(name, **params)
        assert len(frame) > 0, f"{name} ({lang}) gave no row"
        assert list(frame.columns) == list(kb.run(name, **params).columns)
        assert not any(isinstance(v, str) and v.startswith("_:") for v in frame.to_numpy().ravel())


def test_typology_matrix_is_table_1_cell_by_cell(kb: KnowledgeBase) -> None:
    # Table 1 of Marghich & Errabih (2016), after Defélix et al. (2006): rows are the partners'
    # composition, columns the origin of the collaboration.
    table_1 = [
        ("firms only", "wanted by the actors", "industrial district"),
        ("firms only", "recognised and reinforced by public authorities",
         "local productive system"),
        ("varied organisations", "wanted by the actors", "cluster"),
        ("varied organisations", "recognised and reinforced by public authorities",
         "competitiveness pole"),
    ]
    rows = kb.run("typology-matrix")
    assert [r[:3] for r in rows.rows] == table_1
    french = kb.run("typology-matrix", lang="fr")
    assert [r[2] for r in french.rows] == [
        "district industriel", "système productif local", "cluster", "pôle de compétitivité"]


def test_typology_matrix_prints_as_a_matrix(capsys, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    with CacheEnv(shared_cache(tmp_path_factory)):
        assert main(["query", "typology-matrix"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "firms only" in line]
    assert len(lines) == 1
    assert lines[0].index("industrial district") < lines[0].index("local productive system")
    header = next(line for line in out.splitlines() if "wanted by the actors" in line)
    assert "recognised and reinforced by public authorities" in header
    assert out.rstrip().endswith("2 rows")


def test_twelve_steps_in_order(kb: KnowledgeBase) -> None:
    steps = kb.run("setup-steps")
    assert steps.column("position") == list(range(1, 13))
    items = steps.column("item")
    assert items[0] == "territorial diagnosis"
    assert "monitoring" in items[-1] and "evaluation" in items[-1]
    assert kb.run("setup-steps", lang="fr").column("item")[0].startswith("diagnostic")


@pytest.mark.parametrize(
    ("name", "count"),
    [("marshall-advantages", 3), ("sme-benefits", 11), ("territorial-prerequisites", 5),
     ("marshall-threats", 5), ("identification-aspects", 4), ("hybrid-form-elements", 6),
     ("becattini-district-features", 8), ("courlet-spl-features", 5),
     ("perroux-active-unit-senses", 3), ("inter-unit-relation-forms", 6), ("inter-unit-flows", 5),
     ("competitive-pressures", 3), ("collective-action-themes", 6),
     ("cross-fertilisation-conditions", 2), ("key-factor-planes", 3)],
)
def test_paper_lists_have_the_papers_length(kb: KnowledgeBase, name: str, count: int) -> None:
    result = kb.run(name)
    assert len(result.rows) == count
    assert all(result.column("definition"))


def test_marshall_threats_are_the_papers_reading_in_the_papers_order(kb: KnowledgeBase) -> None:
    threats = kb.run("marshall-threats").records()
    assert [t["position"] for t in threats] == [1, 2, 3, 4, 5]
    assert "transport" in threats[0]["item"] and "inertia" in threats[4]["item"]
    assert {t["source"] for t in threats} == {"Marghich & Errabih (2016)"}


def test_perroux_senses_in_the_papers_order(kb: KnowledgeBase) -> None:
    senses = kb.run("perroux-active-unit-senses").column("item")
    assert "coordination" in senses[0] and "innovation" in senses[1]
    assert "political decision" in senses[2]


def test_hybrid_forms_integrate_what_intermediate_forms_do_not(kb: KnowledgeBase) -> None:
    rows = kb.run("compare-intermediate-hybrid-forms").records()
    intermediate = {r["ingredient"] for r in rows if r["form"] == "intermediate form"}
    hybrid = {r["ingredient"] for r in rows if r["form"] == "hybrid form"}
    assert {"price", "authority"} <= intermediate
    assert {"trust between partners", "reciprocity", "solidarity", "flexibility"} <= hybrid
    assert not hybrid & {"price", "authority"}


def test_cooperation_on_any_territory_against_the_specialised_network(kb: KnowledgeBase) -> None:
    notions = kb.run("compare-cooperation-network").records()
    assert "any territory" in notions[0]["notion"]
    assert "specialised fabric" in notions[1]["notion"]
    views = kb.run("compare-resource-modes").column("view")
    assert "allocation" in views[0] and "creation" in views[1]
    spaces = kb.run("compare-space-place-territory", lang="fr").column("view")
    assert spaces[:2] == ["espace lieu", "espace territoire"]


def test_tensions_name_the_corpus_cases_around_a_pivot_in_the_district_cell(
        kb: KnowledgeBase) -> None:
    tensions = kb.run("case-tensions").records()
    cases = {r["case"].rsplit("/", 1)[-1] for r in tensions}
    assert cases == {"benetton-network", "toyota-keiretsu"}
    assert {r["characteristic"] for r in tensions} == {"orientation of relations",
                                                       "source of the rules"}


def test_spl_reaches_both_the_cell_and_courlets_concept(kb: KnowledgeBase) -> None:
    labels = set(kb.run("search-terms", text="SPL").column("label"))
    assert {"local productive system", "localised productive system"} <= labels


def test_who_said_it(kb: KnowledgeBase) -> None:
    said = {r["notion"]: r for r in kb.run("who-said-it").records()}  # "atmosphère industrielle"
    assert said["industrial atmosphere"]["source"] == "Marshall (1890)"
    assert said["industrial atmosphere"]["reading"] == "Becattini (1992)"
    # Becattini's osmosis names Marshall's atmosphere in its definition, and is Becattini's
    assert said["community-firm osmosis"]["source"] == "Becattini (1992)"
    threat = kb.run("who-said-it", text="inertie de l'innovation").records()
    assert [(r["source"], r["reading"]) for r in threat] == [
        ("Marghich & Errabih (2016)", "Marshall (1890)")]
    network = {r["source"] for r in kb.run("who-said-it", text="partenaires préférentiels")
               .records()}
    assert "Maillat, Quévit & Senn (1993)" in network
    readings = {(r["notion"], r["reads"]) for r in kb.run("paper-readings").records()}
    assert ("threats to the Marshallian industrial district", "Marshall (1890)") in readings
    assert any(reads == "Perroux (1975)" for _, reads in readings)


def test_marshall_advantages_are_labour_inputs_ideas(kb: KnowledgeBase) -> None:
    items = kb.run("marshall-advantages").column("item")
    assert "labour" in items[0] and "inputs" in items[1] and "ideas" in items[2]


def test_success_factors_grouped_before_and_during(kb: KnowledgeBase) -> None:
    result = kb.run("success-factors")
    stages = list(dict.fromkeys(result.column("stage")))
    assert len(stages) == 2 and "before" in stages[0] and "while" in stages[1]
    before = [r for r in result.records() if r["stage"] == stages[0]]
    during = [r for r in result.records() if r["stage"] == stages[1]]
    assert len(before) == 6 and all(r["group"] is None for r in before)
    assert "pilot firm" in before[0]["factor"]
    assert len({r["group"] for r in during}) == 3 and all(r["group"] for r in during)


def test_firm_network_versus_network_of_firms(kb: KnowledgeBase) -> None:
    answer = kb.run("compare-firm-network-network-of-firms")
    rows = {r["characteristic"]: r for r in answer.records()}
    assert (rows["orientation of relations"]["first"], rows["orientation of relations"]["second"]) \
        == ("vertical", "horizontal")
    rules = rows["source of the rules"]
    assert "partners" in rules["first"] and "milieu" in rules["second"]
    assert rows["presence of a pivot firm"]["first"] == "around a pivot firm"
    assert rows["role of the territory"]["same"] is True
    assert rows["orientation of relations"]["same"] is False


def test_comparison_inherits_and_covers_typology_dimensions(kb: KnowledgeBase) -> None:
    answer = kb.run("compare-marshallian-italian-districts")
    rows = {r["characteristic"]: r for r in answer.records()}
    # both inherit the district's cell of Table 1 from netorg:IndustrialDistrict
    assert rows["origin of the collaboration"]["first"] == "wanted by the actors"
    assert rows["origin of the collaboration"]["same"] is True
    assert rows["source of increasing returns"]["second"] == "localised division of labour"
    assert rows["social embedding"]["first"] == "skill in the air"


def test_compare_forms_takes_any_two_forms(kb: KnowledgeBase) -> None:
    default = kb.run("compare-forms")
    swapped = kb.run("compare-forms", formA=f"{NS}CompetitivenessPole",
                     formB="netorg:IndustrialDistrict")
    assert [(r[2], r[3]) for r in default.rows] == [(r[3], r[2]) for r in swapped.rows]
    kinds = kb.run("compare-competence-dependence").records()
    logic = next(r for r in kinds if r["characteristic"] == "collaboration logic")
    assert (logic["first"], logic["second"]) == ("doing together", "having it done")


def test_district_spl_cluster_pole_side_by_side(kb: KnowledgeBase) -> None:
    forms = list(dict.fromkeys(kb.run("compare-typology-forms").column("form")))
    assert forms == ["industrial district", "local productive system", "cluster",
                     "competitiveness pole"]


def test_forms_sharing_a_value(kb: KnowledgeBase) -> None:
    shared = {(r["other"], r["value"]) for r in kb.run("forms-sharing-value").records()}
    # the paper's cells, and the milieu innovateur that refines the cluster cell
    assert shared == {("cluster", "wanted by the actors"),
                      ("local productive system", "firms only"),
                      ("innovative milieu", "wanted by the actors")}
    public = kb.run("forms-with-value", value="netorg:PublicOrigin").column("form")
    assert public == ["local productive system", "competitiveness pole"]


def test_concept_definition_source_and_relations(kb: KnowledgeBase) -> None:
    found = kb.run("concept-definition", term="Firme-réseau", lang="fr").records()
    assert found and found[0]["label"] == "firme-réseau"
    assert "firme pivot" in found[0]["definition"]
    assert "Marghich" in found[0]["citation"]
    source = kb.run("concept-source", concept="netorg:ItalianIndustrialDistrict").records()
    assert source[0]["source"].startswith("Becattini") and "Becattini" in source[0]["citation"]
    relations = kb.run("concept-relations", concept="netorg:IndustrialDistrict").records()
    pairs = {(r["relation"], r["other"]) for r in relations}
    assert ("narrower", "Marshallian industrial district") in pairs
    assert ("broader", "network organisation") in pairs


def test_works_cited_and_what_they_contribute(kb: KnowledgeBase) -> None:
    works = {r["work"]: r["terms"] for r in kb.run("works-cited").records()}
    assert works["Marghich & Errabih (2016)"] == max(works.values())
    terms = kb.run("work-terms", work="work:Becattini1992").column("term")
    assert "Italian industrial district" in terms


def test_search_is_by_label_in_any_language(kb: KnowledgeBase) -> None:
    english = set(kb.run("search-terms", text="distretto").column("label"))
    assert "industrial district" in english


def test_case_queries_follow_their_parameters(kb: KnowledgeBase) -> None:
    poles = kb.run("cases-by-class").column("case")
    clusters = kb.run("cases-by-class", **{"class": "netorg:Cluster"}).column("case")
    assert poles and clusters and not set(poles) & set(clusters)
    moroccan = kb.run("cases-by-country", country="ma").column("case")
    assert moroccan == kb.run("cases-by-country", country="MA").column("case")
    assert not set(moroccan) & set(kb.run("cases-by-country", country="IT").column("case"))
    early = set(kb.run("cases-active-in-period", **{"from": 1850, "to": 1900}).column("case"))
    later = set(kb.run("cases-active-in-period", **{"from": 2005, "to": 2010}).column("case"))
    assert early != later


def test_members_pivots_and_smes(kb: KnowledgeBase) -> None:
    members = kb.run("case-members").records()
    pivots = [m for m in members if m["role"] == "pivot firm"]
    assert pivots and {p["member"] for p in pivots} <= set(kb.run("pivot-firms").column("firm"))
    smes = kb.run("smes-in-poles").records()
    assert all(r["size"] in {"micro enterprise", "small enterprise", "medium-sized enterprise",
                             "SME"} for r in smes)


def test_counts_add_up_to_the_cases(kb: KnowledgeBase) -> None:
    total = len(kb.run("case-classification").rows)
    assert sum(kb.run("counts-by-class-and-country").column("cases")) == total
    assert sum(kb.run("counts-by-structure-and-kind").column("cases")) == total


def test_conflicts_name_cases_whose_class_differs(kb: KnowledgeBase) -> None:
    conflicts = kb.run("case-conflicts").records()
    assert conflicts and all(r["conflict"] and r["declared"] for r in conflicts)
    order = [f"{NS}{name}Level" for name in ("Supranational", "State", "Regional", "Local")]
    levels = kb.run("recognitions-by-level").column("levelIri")
    assert levels and levels == sorted(levels, key=order.index)


# -- the queries rewritten to stay linear at 100 000 cases, against a count made by hand ----------

ORG = "http://www.w3.org/ns/org#"


def _objects(kb: KnowledgeBase, subject, predicate: str) -> list:
    import pyoxigraph as ox

    return [q.object for q in kb.store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _year(kb: KnowledgeBase, node, which: str) -> int | None:
    found = _objects(kb, node, f"{NS}{which}Year")
    return int(found[0].value) if found else None


@pytest.mark.parametrize("start, end", [(1850, 1900), (1990, 2000), (2006, 2006), (2012, 2020)])
def test_cases_active_in_period_are_those_with_an_overlapping_period(
        kb: KnowledgeBase, start: int, end: int) -> None:
    import pyoxigraph as ox

    expected = set()
    for quad in kb.store.quads_for_pattern(None, ox.NamedNode(f"{NS}countryCode"), None):
        case = quad.subject
        founded = _year(kb, case, "founding")
        periods = (_objects(kb, case, f"{ORG}hasMembership")
                   + _objects(kb, case, f"{NS}hasRecognition"))
        if (founded is None or founded <= end) and any(
                (_year(kb, p, "start") or 0) <= end and (_year(kb, p, "end") or 9999) >= start
                for p in periods):
            expected.add(case.value)
    found = set(kb.run("cases-active-in-period", **{"from": start, "to": end}).column("case"))
    assert found and found == expected


def test_case_findings_are_about_the_case_or_its_members(kb: KnowledgeBase) -> None:
    import pyoxigraph as ox

    case = ox.NamedNode("https://w3id.org/netorg/case/aerospace-valley")
    members = [m for ms in _objects(kb, case, f"{ORG}hasMembership")
               for m in _objects(kb, ms, f"{ORG}member")]
    about = {q.subject for node in (case, *members)
             for q in kb.store.quads_for_pattern(None, ox.NamedNode(f"{NS}about"), node)}
    english = {(f.value, m.value) for f in about for m in _objects(kb, f, f"{NS}message")
               if m.language == "en"}
    rows = kb.run("case-findings", case=case.value).records()
    assert len(rows) == len(english) > 3
    assert {r["message"] for r in rows} == {message for _, message in english}


def test_relations_by_type_count_every_typed_relation(kb: KnowledgeBase) -> None:
    import pyoxigraph as ox

    typed = {q.subject for q in kb.store.quads_for_pattern(
        None, ox.NamedNode(f"{NS}relationType"), None)}
    rows = kb.run("relations-by-type").records()
    assert sum(int(r["relations"]) for r in rows) == len(typed) > 10


# -- the typology class of each case, as the listing queries give it -------------------------------

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
LISTINGS = ("case-classification", "case-conflicts", "cases-active-in-period", "cases-by-country",
            "cases-by-sector", "pivot-firms")


def _typology_classes(kb: KnowledgeBase) -> set:
    """Classes equivalent to an intersection holding a restriction on a typology dimension."""
    import pyoxigraph as ox

    dimensions = {q.subject for q in kb.store.quads_for_pattern(
        None, ox.NamedNode(f"{RDFS}subPropertyOf"), ox.NamedNode(f"{NS}typologyDimension"))}
    found = set()
    for quad in kb.store.quads_for_pattern(None, ox.NamedNode(f"{OWL}equivalentClass"), None):
        for items in _objects(kb, quad.object, f"{OWL}intersectionOf"):
            while items != ox.NamedNode(f"{RDF}nil"):
                for item in _objects(kb, items, f"{RDF}first"):
                    if set(_objects(kb, item, f"{OWL}onProperty")) & dimensions:
                        found.add(quad.subject)
                items = _objects(kb, items, f"{RDF}rest")[0]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", LISTINGS)
def test_listings_give_each_row_once_with_the_cases_typology_class(
        kb: KnowledgeBase, name: str, lang: str) -> None:
    import pyoxigraph as ox

    typology = _typology_classes(kb)
    cells = {f"{NS}{name}" for name in (
        "IndustrialDistrict", "LocalProductiveSystem", "Cluster", "CompetitivenessPole")}
    assert cells <= {c.value for c in typology}  # the four cells of Table 1, at the least
    rows = kb.run(name, lang=lang).records()
    assert rows and len({tuple(r.items()) for r in rows}) == len(rows), f"{name} repeats a row"
    for row in rows:
        case = ox.NamedNode(row["case"])
        labels = {label.value for cls in set(_objects(kb, case, f"{RDF}type")) & typology
                  for label in _objects(kb, cls, f"{RDFS}label") if label.language == lang}
        assert ({row["typology"]} if row["typology"] else set()) == labels, (name, row["case"])
