"""Every validation constraint fires on its violating fixture, and only there; both engines agree.

The violating fixtures are SPARQL Updates of the conforming case studies (fixtures/shapes/
violations.toml). Each variant gets its own IRI space (case/v{n}/...), so all of them are validated
in one run per engine and the findings are sorted back to their variant by IRI.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import rdflib

from netorg.errors import UnusableInput
from netorg.shacl.compile import compile_shapes
from netorg.shacl.validate import load_shapes, validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
CASE = "https://w3id.org/netorg/case/"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
VAL = "https://w3id.org/netorg/shapes/validation#"
PREFIXES = """PREFIX netorg: <https://w3id.org/netorg#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
VARIANTS = tomllib.loads((FIXTURES / "violations.toml").read_text(encoding="utf-8"))["variant"]
CONFORMING = "".join(p.read_text(encoding="utf-8")
                     for p in sorted((FIXTURES / "conforming").glob("*.ttl")))


def variant_graph(n: int) -> rdflib.Graph:
    """Variant n (0 = the conforming cases untouched) in its own IRI space case/v{n}/."""
    base = f"{CASE}v{n}/"
    graph = rdflib.Graph(bind_namespaces="none")
    graph.parse(data=CONFORMING.replace(CASE, base), format="turtle")
    if n:
        graph.update(f"BASE <{base}>\n{PREFIXES}{VARIANTS[n - 1]['update']}")
    return graph


def expected(n: int) -> set[str]:
    return set(VARIANTS[n - 1]["expect"]) if n else set()


@pytest.fixture(scope="session")
def all_variants() -> rdflib.Graph:
    union = rdflib.Graph(bind_namespaces="none")
    for n in range(len(VARIANTS) + 1):
        union += variant_graph(n)
    return union


@pytest.fixture(scope="session")
def reports(all_variants):
    return {engine: validate(all_variants, engine=engine) for engine in ("oxigraph", "pyshacl")}


def by_variant(report) -> dict[int, set[str]]:
    """Findings of each variant, as the fixtures write them: "shape component severity focus"."""
    found: dict[int, set[str]] = {}
    for finding in report.results:
        number, focus = finding.focus.removeprefix(CASE).split("/", 1)
        shape = finding.shape.removeprefix(VAL)
        component = finding.constraint.removesuffix("ConstraintComponent")
        line = f"{shape} {component} {finding.severity} {focus}"
        found.setdefault(int(number[1:]), set()).add(line)
    return found


@pytest.mark.parametrize("n", range(len(VARIANTS) + 1),
                         ids=["conforming"] + [v["name"] for v in VARIANTS])
def test_variant_has_exactly_its_findings(reports, n: int) -> None:
    assert by_variant(reports["oxigraph"]).get(n, set()) == expected(n)


def test_engines_agree_on_every_fixture(reports) -> None:
    oxigraph = {f.key() for f in reports["oxigraph"].results}
    pyshacl = {f.key() for f in reports["pyshacl"].results}
    assert oxigraph == pyshacl
    assert len(oxigraph) >= len(VARIANTS)  # each variant contributes at least one finding
    assert reports["oxigraph"].counts == reports["pyshacl"].counts


def test_pyrudof_agrees_on_every_fixture(reports, all_variants) -> None:
    # a third, independent engine (Rust, SPARQL mode): the same (focus, path, shape) set
    from rudof_engine import netorg_keys, rudof_keys

    ours = netorg_keys(reports["oxigraph"])
    assert ours == netorg_keys(reports["pyshacl"])
    assert rudof_keys(all_variants) == ours
    assert len(ours) >= len(VARIANTS)


def test_three_engines_agree_on_the_corpus() -> None:
    from netorg.resources import corpus_dir
    from netorg.sheets.inputs import load_cases
    from rudof_engine import netorg_keys, rudof_keys

    data = load_cases([corpus_dir()])
    ours = netorg_keys(validate(data))
    assert len(ours) > 100
    assert ours == netorg_keys(validate(data, engine="pyshacl")) == rudof_keys(data)


def test_each_finding_names_the_case_its_node_belongs_to(reports) -> None:
    # members, memberships, relations and recognitions are grouped under their case study (of
    # the same variant; a node two cases link belongs to the first of them by IRI)
    for engine, report in reports.items():
        within = [f for f in report.results if f.case and f.focus != f.case]
        assert len(within) >= 5, engine
        for finding in within:
            variant = finding.focus.removeprefix(CASE).split("/")[0]
            assert finding.case.removeprefix(CASE).split("/")[0] == variant, (engine, finding)
    assert ({(f.focus, f.case) for f in reports["oxigraph"].results}
            == {(f.focus, f.case) for f in reports["pyshacl"].results})


def test_every_constraint_has_a_violating_fixture() -> None:
    covered = {" ".join(e.split()[:3]) for v in VARIANTS for e in v["expect"]}
    constraints = {
        f"{str(c.shape).removeprefix(VAL)} {c.component.removesuffix('ConstraintComponent')} "
        f"{str(c.severity).removeprefix(str(SH)).lower()}"
        for c in compile_shapes(load_shapes())
    }
    assert constraints - covered == set()
    assert covered - constraints == set()  # and the fixtures name no stale shape or severity


def test_messages_are_bilingual_and_filled(reports) -> None:
    for finding in reports["oxigraph"].results:
        assert finding.message_en and finding.message_fr
        assert finding.message_en != finding.message_fr
        assert "{?" not in finding.message_en + finding.message_fr


def test_every_shape_is_named_described_and_has_a_severity() -> None:
    shapes = load_shapes()
    for constraint in compile_shapes(shapes):
        shape = constraint.shape
        for prop in (SH.name, SH.description):
            langs = {o.language for o in shapes.objects(shape, prop)}
            assert {"en", "fr"} <= langs, f"{shape} lacks {prop} in both languages"
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
        assert {m.language for m in constraint.messages} == {"en", "fr"}, shape


def test_conforming_fixtures_have_no_finding_at_all() -> None:
    for engine in ("oxigraph", "pyshacl"):
        report = validate(variant_graph(0), engine=engine)
        assert report.results == [] and report.conforms


def test_typo_in_a_class_name_is_named() -> None:
    n = next(i for i, v in enumerate(VARIANTS, 1) if "netorg:Clustr" in v["name"])
    report = validate(variant_graph(n))
    vocabulary = [f for f in report.results if f.shape.endswith("VocabularyShape")]
    assert len(vocabulary) == 1 and vocabulary[0].severity == "violation"
    assert "netorg:Clustr" in vocabulary[0].message_en
    assert "netorg:Clustr" in vocabulary[0].message_fr
    assert not report.conforms


def test_unknown_member_type_is_a_violation() -> None:
    n = next(i for i, v in enumerate(VARIANTS, 1) if "netorg:Entreprise" in v["name"])
    report = validate(variant_graph(n))
    shapes = {f.shape.removeprefix(VAL): f for f in report.results}
    assert shapes["MemberTypeShape"].value == f"<{CASE}v{n}/valley/member/beta>"
    assert "netorg:Entreprise" in shapes["VocabularyShape"].message_en
    assert report.counts["violation"] == 2


def test_report_graph_uses_the_shacl_vocabulary(reports) -> None:
    graph = reports["oxigraph"].graph
    report = graph.value(predicate=rdflib.RDF.type, object=SH.ValidationReport, any=False)
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    results = list(graph.objects(report, SH.result))
    assert len(results) == len(reports["oxigraph"].results)
    for result in results:
        assert graph.value(result, SH.focusNode) is not None
        assert graph.value(result, SH.sourceShape) is not None
        assert graph.value(result, SH.resultSeverity) in (SH.Violation, SH.Warning, SH.Info)
        assert {m.language for m in graph.objects(result, SH.resultMessage)} == {"en", "fr"}


def test_a_shape_outside_the_compiled_subset_is_refused() -> None:
    shapes = rdflib.Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:node <urn:s> ] .""")
    with pytest.raises(UnusableInput, match="recursive shapes"):
        validate(rdflib.Graph(), shapes=shapes)
    query = "SELECT $this WHERE { $this <urn:p> ?v . MINUS { $this <urn:q> ?v } }"
    shapes = rdflib.Graph().parse(format="turtle", data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:sparql [ sh:select "{query}" ] .""")
    with pytest.raises(UnusableInput, match="SHACL forbids MINUS"):
        validate(rdflib.Graph(), shapes=shapes)


def test_unknown_engine_is_unusable_input() -> None:
    with pytest.raises(UnusableInput, match="engine"):
        validate(rdflib.Graph(), engine="jena")


def test_counting_findings_equals_the_full_report(all_variants, reports) -> None:
    """The batch path's counts-only validation counts what the full report lists."""
    from netorg.shacl.validate import count_findings, data_store

    counts = count_findings(data_store(all_variants))
    assert counts == reports["oxigraph"].counts
    assert min(counts.values()) > 0  # every severity is exercised
    # two findings that differ only by their value are two
    twice = rdflib.Graph(bind_namespaces="none") + all_variants
    twice.parse(data=f"PREFIX netorg: <https://w3id.org/netorg#> "
                     f"<{CASE}v0/valley> a netorg:Clustr , netorg:Distrikt .", format="turtle")
    found = validate(twice).counts
    assert count_findings(data_store(twice)) == found
    assert found["violation"] == reports["oxigraph"].counts["violation"] + 2
