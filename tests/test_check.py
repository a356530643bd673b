"""`netorg check`: every hygiene check catches its broken fixture, the CLI's exit codes and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netorg.cli import main
from netorg.errors import UnusableInput
from netorg.ontology.check import check_graph, load_checks, run_checks
from netorg.rdf.read import read_graph
from netorg.resources import ontology_files

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "check" / "base.ttl"
BROKEN = FIXTURES / "broken"
NETORG = "https://w3id.org/netorg#"
WORK = "https://w3id.org/netorg/work/"

# broken fixture (named for the check it breaks) -> the terms the check must name. The defect is
# described in the fixture's first comment line.
EXPECTED_TERMS = {
    "missing-label": {NETORG + "NoEnglishLabel"},
    "duplicate-label": {NETORG + "TwoEnglishLabels"},
    "shared-label": {NETORG + "Lookalike", NETORG + "Gadget"},
    "missing-definition": {NETORG + "NoFrenchDefinition"},
    "duplicate-definition": {NETORG + "TwoFrenchDefinitions"},
    "missing-source": {NETORG + "Unsourced"},
    "undefined-source": {NETORG + "BadlySourced"},
    "work-metadata": {WORK + "Uncited2020"},
    "work-title": {WORK + "Untitled2020"},
    "whitespace": {NETORG + "Spaced"},
    "label-in-definition": {NETORG + "Widget"},
    "undeclared-term": {NETORG + "Ghost"},
    "undeclared-property": {"https://example.org/vocab#colour"},
    "undeclared-class": {"http://xmlns.com/foaf/0.1/Person"},
    "object-property-domain-range": {NETORG + "touches"},
    "property-kind-mismatch": {NETORG + "nickname"},
    "hierarchy-cycle": {NETORG + "Chicken", NETORG + "Egg"},
    "illegal-builtin": {"http://www.w3.org/2000/01/rdf-schema#subClasOf"},
    "missing-defined-by": {NETORG + "Orphan"},
    "ontology-metadata": {"https://example.org/bare"},
}

# Checks the bundled ontology already passes while others complete it (labels, definitions and
# the bibliography are still being written); test_bundled_ontology_passes_every_check is the goal.
STRUCTURAL = [
    "missing-label", "duplicate-label", "missing-definition", "duplicate-definition",
    "missing-source", "whitespace", "undeclared-term", "undeclared-property", "undeclared-class",
    "object-property-domain-range", "property-kind-mismatch", "hierarchy-cycle",
    "illegal-builtin", "missing-defined-by", "ontology-metadata",
]


@pytest.fixture(scope="session")
def checks():
    return load_checks()


@pytest.fixture(scope="session")
def bundled_report(checks):
    return run_checks(checks=checks)


def test_every_check_has_a_broken_fixture(checks):
    ids = {check.id for check in checks}
    fixtures = {p.stem for p in BROKEN.glob("*.ttl")} - {"syntax-error"}
    assert ids == fixtures == set(EXPECTED_TERMS)


def test_check_headers_are_complete_and_bilingual(checks):
    for check in checks:
        assert check.severity in {"error", "warning", "info"}, check.id
        assert check.summary_en and check.summary_fr and check.summary_en != check.summary_fr
        assert "{term}" in check.message_en and "{term}" in check.message_fr, check.id


def test_base_fixture_passes_every_check(checks):
    report = run_checks([BASE], checks=checks)
    assert report.findings == []
    assert report.ok


@pytest.mark.parametrize("check_id", sorted(EXPECTED_TERMS))
def test_check_catches_its_broken_fixture(check_id, checks):
    report = run_checks([BASE, BROKEN / f"{check_id}.ttl"], checks=checks)
    assert {f.check for f in report.findings} == {check_id}, "breaks exactly its own check"
    assert {f.term for f in report.findings} == EXPECTED_TERMS[check_id]
    severity = next(c.severity for c in checks if c.id == check_id)
    assert {f.severity for f in report.findings} == {severity}
    if severity == "error":
        assert report.errors == len(report.findings) and not report.ok
    else:
        assert report.errors == 0 and report.ok, "a warning alone does not fail the check"
    for finding in report.findings:
        assert finding.message_en and finding.message_fr
        assert finding.message_en != finding.message_fr


def test_messages_name_the_defect():
    report = run_checks([BASE, BROKEN / "missing-label.ttl"])
    (finding,) = report.findings
    assert finding.detail == {"lang": "en"}
    assert finding.message_en == "netorg:NoEnglishLabel has no rdfs:label in @en"
    spaced = run_checks([BASE, BROKEN / "whitespace.ttl"]).findings[0]
    assert '"badly  spaced"' in spaced.message_en  # the stray spaces are shown, not collapsed


def test_rdflib_engine_agrees_with_oxigraph(checks):
    """The queries are plain SPARQL 1.1: both engines return the same findings."""
    graph = read_graph([BASE, BROKEN / "label-in-definition.ttl", BROKEN / "missing-label.ttl"])
    wanted = {"label-in-definition", "shared-label", "missing-label"}
    quick = [c for c in checks if c.id in wanted]
    oxigraph = check_graph(graph, quick, engine="oxigraph").findings
    rdflib = check_graph(graph, quick, engine="rdflib").findings
    assert sorted(map(repr, oxigraph)) == sorted(map(repr, rdflib))
    assert len(oxigraph) == 2


def test_syntax_error_names_file_line_and_column():
    with pytest.raises(UnusableInput) as caught:
        run_checks([BROKEN / "syntax-error.ttl"])
    assert str(caught.value).startswith(f"{BROKEN / 'syntax-error.ttl'}:6:1: syntax error")


def test_a_check_file_without_severity_is_unusable(tmp_path):
    header = "#+ id: bad\n#+ summary_en: x\n#+ summary_fr: y\n"
    (tmp_path / "bad.rq").write_text(header + "SELECT * {}\n")
    with pytest.raises(UnusableInput, match=r"bad\.rq:1:1: header lacks #\+ severity"):
        load_checks(tmp_path)


@pytest.mark.parametrize("check_id", STRUCTURAL)
def test_bundled_ontology_passes_structural_check(check_id, bundled_report):
    assert [f.message_en for f in bundled_report.by_check(check_id)] == []


def test_bundled_ontology_passes_every_check(bundled_report):
    assert [f.message_en for f in bundled_report.findings if f.severity == "error"] == []


@pytest.mark.reasoner
def test_owl_api_profile_check_names_the_undeclared_class(checks):
    report = run_checks([BASE, BROKEN / "undeclared-class.ttl"], checks=checks, profile=True)
    profile = report.by_check("owl2-dl-profile")
    assert [(f.term, f.detail["kind"]) for f in profile] == [
        ("http://xmlns.com/foaf/0.1/Person", "UseOfUndeclaredClass")
    ]
    assert report.timings["profile"] > 0


def test_counts_describe_the_bundled_ontology(bundled_report):
    counts = bundled_report.counts
    graph = read_graph(ontology_files())
    assert counts["axioms"] == len(graph)
    assert counts["classes"] >= 4 and counts["object_properties"] >= 2  # the typology at least
    assert set(counts) == {
        "classes", "object_properties", "datatype_properties", "annotation_properties",
        "named_individuals", "skos_concepts", "works", "axioms",
    }


# -- the command line ------------------------------------------------------------------------------


def test_cli_exit_1_and_json_on_findings(capsys):
    code = main(["check", str(BASE), str(BROKEN / "missing-source.ttl"), "--no-reasoner",
                 "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {"errors", "warnings", "findings", "counts", "reasoner", "seconds"} <= set(out)
    assert out["errors"] == 1 and out["reasoner"] is None
    assert out["findings"][0]["check"] == "missing-source"
    assert out["findings"][0]["term"] == NETORG + "Unsourced"


def test_cli_table_groups_findings_and_summarises(capsys):
    code = main(["check", str(BASE), str(BROKEN / "hierarchy-cycle.ttl"), "--no-reasoner",
                 "--lang", "fr"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("hierarchy-cycle") == 1  # one group heading for both findings
    assert "netorg:Chicken est son propre ancêtre" in out
    assert "3 classes" in out and "axiomes (triplets)" in out and "ÉCHEC" in out


def test_cli_exit_2_on_syntax_error(capsys):
    code = main(["check", str(BROKEN / "syntax-error.ttl"), "--no-reasoner"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and ":6:1: syntax error" in err


def test_cli_exit_2_on_missing_file(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nowhere.ttl"), "--no-reasoner"]) == 2
    assert "no such file" in capsys.readouterr().err

