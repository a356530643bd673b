"""`netorg classify` on the command line: formats, languages, exit codes, untouched inputs."""

from __future__ import annotations

import hashlib
import json

import rdflib

from classify_helpers import FIXTURES
from netorg.cli import main

KEYS = {"case", "name", "typology", "structure", "network_kind", "declared", "conflicts",
        "reasons", "composition", "origin", "missing", "as_of"}


def _run(capsys, *argv):
    code = main(["classify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_documented_keys_and_values(capsys):
    code, out, _ = _run(capsys, str(FIXTURES), "--format", "json")
    assert code == 0  # conflicts are results, not errors
    records = json.loads(out)
    assert all(set(r) >= KEYS for r in records)
    by_case = {r["case"].rsplit("/", 1)[1]: r for r in records}
    assert by_case["fixture-pole"]["typology"] == "pole"
    assert by_case["fixture-spl"]["structure"] == "firm_network"
    assert by_case["fixture-unclassifiable"]["typology"] is None
    assert by_case["fixture-conflict"]["conflicts"]
    assert {"aspect", "message"} <= set(by_case["fixture-pole"]["reasons"][0])


def test_as_of_and_french(capsys):
    code, out, _ = _run(capsys, str(FIXTURES / "fixture-timeline.ttl"), "--format", "json",
                        "--as-of", "1990", "--lang", "fr")
    [record] = json.loads(out)
    assert code == 0 and record["typology"] == "district" and record["as_of"] == 1990
    assert any("en vigueur en 1990" in r["message"] for r in record["reasons"])


def test_table_lists_cases_then_reasons(capsys):
    code, out, _ = _run(capsys, str(FIXTURES / "fixture-conflict.ttl"))
    assert code == 0
    assert "fixture-conflict" in out and "pole" in out and "CONFLICT [typology]" in out


def test_csv_has_one_row_per_case(capsys):
    code, out, _ = _run(capsys, str(FIXTURES), "--format", "csv")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("case,name,country,as_of,typology")
    assert len(lines) == 1 + len(list(FIXTURES.glob("*.ttl")))


def test_ttl_puts_derived_triples_in_a_named_graph(tmp_path, capsys):
    out_file = tmp_path / "classified.trig"
    code, out, _ = _run(capsys, str(FIXTURES / "fixture-spl.ttl"), "--format", "ttl",
                        "--out", str(out_file))
    assert code == 0 and out == ""
    dataset = rdflib.Dataset()
    dataset.parse(out_file, format="trig")
    derived = dataset.graph(rdflib.URIRef("https://w3id.org/netorg/derived"))
    case = rdflib.URIRef("https://w3id.org/netorg/case/fixture-spl")
    spl = rdflib.URIRef("https://w3id.org/netorg#LocalProductiveSystem")
    assert (case, rdflib.RDF.type, spl) in derived
    assert (case, rdflib.RDF.type, spl) not in dataset.default_graph
    assert len(dataset.default_graph) > 0


def test_syntax_error_names_file_line_and_column(tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix netorg: <https://w3id.org/netorg#> .\nnetorg:a netorg:b \n", "utf-8")
    code, _, err = _run(capsys, str(broken))
    assert code == 2
    assert f"{broken}:3:" in err or f"{broken}:2:" in err
    assert "Traceback" not in err


def test_missing_input_and_no_case_exit_2(tmp_path, capsys):
    assert _run(capsys, str(tmp_path / "nowhere.ttl"))[0] == 2
    empty = tmp_path / "empty.ttl"
    empty.write_text("<https://example.org/a> <https://example.org/b> 1 .\n", "utf-8")
    code, _, err = _run(capsys, str(empty))
    assert code == 2 and "no case study" in err


def test_inputs_are_not_modified(capsys):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in FIXTURES.glob("*.ttl")}
    _run(capsys, str(FIXTURES), "--format", "ttl")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in FIXTURES.glob("*.ttl")}
    assert before == after
