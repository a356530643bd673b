"""`netorg validate`: exit codes, formats, languages, located syntax errors, untouched inputs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from netorg.cli import main
from netorg.resources import corpus_dir

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALLEY = FIXTURES / "conforming" / "valley.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def write_variant(tmp_path: Path, old: str, new: str, name: str = "case.ttl") -> Path:
    text = VALLEY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def broken_name(tmp_path: Path) -> Path:
    """The valley case with its name removed: one violation."""
    return write_variant(tmp_path, 'skos:prefLabel "Vallée exemple du décolletage"@fr ;', "")


@pytest.fixture
def no_region(tmp_path: Path) -> Path:
    """The valley case without a region: one info, which does not fail."""
    return write_variant(tmp_path, 'netorg:region "Haute-Savoie" ;', "")


def test_conforming_case_exits_0(capsys) -> None:
    assert main(["validate", str(FIXTURES / "conforming")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("conforms (2 case studies): 0 violations, 0 warnings, 0 infos")


def test_violation_exits_1_and_names_case_path_and_message(capsys, broken_name) -> None:
    assert main(["validate", str(broken_name)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "# case:valley"
    assert out[1] == (f"VIOLATION case:valley skos:prefLabel ({broken_name}): "
                      "The case study has no name.")
    assert out[-1].startswith("does not conform (1 case study): 1 violation, 0 warnings, 0 infos")


def test_infos_alone_exit_0(capsys, no_region) -> None:
    assert main(["validate", str(no_region)]) == 0
    out = capsys.readouterr().out
    assert f"INFO case:valley netorg:region ({no_region}): The region is not given." in out


def test_warning_exits_1(capsys, tmp_path) -> None:
    path = write_variant(tmp_path, "netorg:initiative netorg:ActorInitiative ;", "")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "netorg:hasRecognition case:valley\\/recognition\\/1 .", "."), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert f"WARNING case:valley ({path}): No initiative and no public recognition" in (
        capsys.readouterr().out)


def test_french_messages(capsys, broken_name) -> None:
    assert main(["validate", "--lang", "fr", str(broken_name)]) == 1
    out = capsys.readouterr().out
    assert (f"VIOLATION case:valley skos:prefLabel ({broken_name}) : L'étude de cas n'a pas de "
            "nom") in out
    assert "non conforme (1 étude de cas) : 1 violation, 0 avertissement, 0 info" in out


def test_json_format(capsys, broken_name) -> None:
    assert main(["validate", "--format", "json", str(broken_name)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conforms"] is False
    assert data["counts"] == {"violation": 1, "warning": 0, "info": 0}
    [result] = data["results"]
    assert result["focus"] == "https://w3id.org/netorg/case/valley"
    assert result["path"] == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert result["severity"] == "violation"
    assert result["message_fr"].startswith("L'étude de cas n'a pas de nom")
    assert result["shape"].endswith("#case-name")


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_ttl_format_is_the_shacl_report_and_stable(capsys, broken_name, engine) -> None:
    assert main(["validate", "--format", "ttl", "--engine", engine, str(broken_name)]) == 1
    first = capsys.readouterr().out
    main(["validate", "--format", "ttl", "--engine", "oxigraph", str(broken_name)])
    assert capsys.readouterr().out == first  # same text whatever the engine and the run
    graph = rdflib.Graph().parse(data=first, format="turtle")
    [result] = graph.subjects(rdflib.RDF.type, SH.ValidationResult)
    assert graph.value(result, SH.resultSeverity) == SH.Violation
    assert graph.value(result, SH.sourceConstraintComponent) == SH.MinCountConstraintComponent


def test_syntax_error_is_located_without_traceback(tmp_path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <https://example.org/> .\nx:a x:b x:c ;\n  x:d .\nx:e x:f\n",
                   encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "netorg", "validate", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"netorg validate: {bad}:3:7: syntax error")


def test_missing_input_exits_2(capsys, tmp_path) -> None:
    assert main(["validate", str(tmp_path / "nowhere.ttl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_inputs_are_not_modified(broken_name) -> None:
    before = hashlib.sha256(broken_name.read_bytes()).hexdigest()
    stamp = broken_name.stat().st_mtime_ns
    for fmt in ("text", "json", "ttl"):
        main(["validate", "--format", fmt, str(broken_name)])
    assert hashlib.sha256(broken_name.read_bytes()).hexdigest() == before
    assert broken_name.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in broken_name.parent.iterdir()) == ["case.ttl"]


def test_corpus_has_no_violation() -> None:
    """The real corpus (CSV) is usable: warnings and infos are allowed, violations are not."""
    from netorg.shacl.validate import validate
    from netorg.sheets.inputs import load_cases

    data = load_cases([corpus_dir()])
    report = validate(data)
    violations = [f"{f.focus} {f.path}: {f.message_en}" for f in report.results
                  if f.severity == "violation"]
    assert violations == []
    assert report.conforms
    reference = validate(data, engine="pyshacl")
    assert {f.key() for f in report.results} == {f.key() for f in reference.results}


def test_each_case_is_headed_by_its_name_in_the_language(capsys, tmp_path) -> None:
    data = tmp_path / "named.ttl"
    data.write_text("""@prefix netorg: <https://w3id.org/netorg#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/netorg/case/valley> a netorg:CaseStudy ; netorg:countryCode "FR" ;
    skos:prefLabel "Vallée de l'Arve"@fr , "Arve Valley"@en .
""", encoding="utf-8")
    main(["validate", str(data), "--lang", "fr"])
    assert capsys.readouterr().out.splitlines()[0] == "# Vallée de l'Arve · case:valley"
    main(["validate", str(data)])
    assert capsys.readouterr().out.splitlines()[0] == "# Arve Valley · case:valley"
