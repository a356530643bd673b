"""`netorg export` writes the template back, with the derived classification, atomically."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from netorg.errors import UnusableInput
from netorg.sheets.codes import vocabulary
from netorg.sheets.read import NETORG, read_tabular
from netorg.sheets.write import DERIVED_COLUMNS, check_output, tables, write_tabular
from tabular_helpers import base, snapshot, write_csv

CASE = "https://w3id.org/netorg/case/"


def label(name: str, iri: URIRef, lang: str = "en") -> str:
    """The label of a derived value, read from the ontology as the export reads it."""
    return next(t.label(lang) for t in vocabulary(name).terms if t.iri == iri)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def derived_graph() -> rdflib.Graph:
    """What the classification adds, in the format agreed with it."""
    derived = rdflib.Graph()
    valley = URIRef(f"{CASE}valley")
    derived.add((valley, RDF.type, NETORG.Cluster))
    derived.add((valley, RDF.type, NETORG.NetworkOfFirms))
    derived.add((valley, RDF.type, NETORG.CompetenceNetwork))
    derived.add((valley, RDF.type, NETORG.CaseStudy))  # not a derived column: ignored
    derived.add((valley, NETORG.hasComposition, NETORG.VariedOrganisations))
    derived.add((valley, NETORG.hasOrigin, NETORG.ActorsOrigin))
    conflict = BNode()
    derived.add((conflict, RDF.type, NETORG.Conflict))
    derived.add((conflict, NETORG.about, valley))
    message = Literal("Declared an SPL, derived a cluster.", lang="en")
    derived.add((conflict, NETORG.message, message))
    derived.add((conflict, NETORG.message, Literal("Déclaré SPL, déduit cluster.", lang="fr")))
    derived.add((URIRef(f"{CASE}valley/member/acme"), NETORG.derivedSizeClass, NETORG.SmallFirm))
    return derived


def test_rows_are_sorted_and_values_written_as_codes(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    write_tabular(graph, tmp_path / "out")
    cases = read_csv(tmp_path / "out" / "cases.csv")
    assert [row["case_id"] for row in cases] == ["pole", "solo", "valley"]
    members = read_csv(tmp_path / "out" / "members.csv")
    assert [(r["case_id"], r["member_id"]) for r in members] == sorted(
        (r["case_id"], r["member_id"]) for r in members)
    acme = next(r for r in members if (r["case_id"], r["member_id"]) == ("valley", "acme"))
    # typed as entreprise, petite, oui in the source
    assert (acme["type"], acme["size"], acme["pivot"]) == ("firm", "small", "yes")
    relations = read_csv(tmp_path / "out" / "relations.csv")
    assert [r["type"] for r in relations if r["case_id"] == "valley"] == [
        "joint_rd", "subcontracting"]  # numbered 1, 2 in the source, kept in that order


def test_the_derived_classification_fills_extra_columns_ignored_on_import(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    for out in (tmp_path / "out", tmp_path / "out.xlsx"):
        write_tabular(graph, out, derived_graph())
        assert isomorphic(read_tabular(out), graph)
    cases = {r["case_id"]: r for r in read_csv(tmp_path / "out" / "cases.csv")}
    valley = cases["valley"]
    # labels (in English by default), never codes; the reasons column is empty: none was derived
    assert [valley[c] for c in DERIVED_COLUMNS["cases"]] == [
        label("typology", NETORG.Cluster), label("structure", NETORG.NetworkOfFirms),
        label("network_kind", NETORG.CompetenceNetwork),
        label("composition", NETORG.VariedOrganisations), label("origin", NETORG.ActorsOrigin),
        "Declared an SPL, derived a cluster.", ""]
    assert "varied" not in valley.values() and "network_of_firms" not in valley.values()
    assert all(cases["pole"][c] == "" for c in DERIVED_COLUMNS["cases"])
    members = {(r["case_id"], r["member_id"]): r
               for r in read_csv(tmp_path / "out" / "members.csv")}
    assert members["valley", "acme"]["derived_size"] == label("size", NETORG.SmallFirm)
    assert members["valley", "uni"]["derived_size"] == ""
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    header = [c.value for c in book["cases"][1]]
    assert header[-7:] == list(DERIVED_COLUMNS["cases"])


def test_without_classification_there_are_no_derived_columns(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    header, _ = tables(graph)["cases"]
    assert "typology" not in header


def test_a_failure_mid_write_leaves_the_previous_folder_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    out = tmp_path / "out"
    write_tabular(graph, out, None)
    before = snapshot(out)
    smaller = rdflib.Graph()
    smaller += graph
    smaller.remove((URIRef(f"{CASE}valley"), None, None))
    calls = {"n": 0}
    real_writer = csv.writer

    def failing_writer(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_writer(*args, **kwargs)

    monkeypatch.setattr(csv, "writer", failing_writer)  # what SafeWriter wraps
    with pytest.raises(OSError, match="disk full"):
        write_tabular(smaller, out)
    assert calls["n"] == 3
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]  # no leftovers


def test_a_failure_mid_write_leaves_the_previous_workbook_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    out = tmp_path / "out.xlsx"
    write_tabular(graph, out)
    before = out.read_bytes()

    def half_save(self, filename):
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_save)
    with pytest.raises(OSError, match="disk full"):
        write_tabular(graph, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "src"]


def test_export_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "src", base())
    with pytest.raises(UnusableInput, match="would overwrite the input"):
        check_output(folder, [folder])
    check_output(tmp_path / "elsewhere", [folder])  # fine


def test_cli_export_round_trips_and_leaves_inputs_untouched(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "src", base())
    before = snapshot(folder)
    out = tmp_path / "book.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "netorg", "export", str(folder), "--out", str(out),
         "--no-classification"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 cases, 5 members, 3 relations, 2 recognitions")
    assert isomorphic(read_tabular(out), read_tabular(folder))
    assert snapshot(folder) == before
    again = subprocess.run(
        [sys.executable, "-m", "netorg", "export", str(folder), "--out", str(folder),
         "--no-classification"], capture_output=True, text=True, check=False)
    assert again.returncode == 2 and "would overwrite the input" in again.stderr
    assert snapshot(folder) == before


def test_a_control_character_cannot_go_into_a_workbook(tmp_path: Path) -> None:
    data = base()
    data["cases"][0]["name"] = "bell\x07"
    graph = read_tabular(write_csv(tmp_path / "src", data))
    with pytest.raises(UnusableInput, match="control character"):
        write_tabular(graph, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
    write_tabular(graph, tmp_path / "out")  # a CSV folder holds it
    assert isomorphic(read_tabular(tmp_path / "out"), graph)


def _is_table_1_cell(iri) -> bool:
    """A typology class whose definition restricts typology dimensions only."""
    import rdflib

    from netorg.shacl.classify import ontology_graph

    ask = """
    PREFIX owl: <http://www.w3.org/2002/07/owl#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    ASK { ?class owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first/owl:onProperty ?p .
          FILTER NOT EXISTS { ?p rdfs:subPropertyOf <https://w3id.org/netorg#typologyDimension> } }
    """
    found = ontology_graph().query(ask, initBindings={"class": rdflib.URIRef(str(iri))})
    return not found.askAnswer


def test_the_corpus_exports_with_its_classification_and_round_trips(tmp_path: Path) -> None:
    from netorg.resources import corpus_dir
    from netorg.shacl.classify import classify

    graph = read_tabular(corpus_dir())
    derived = classify(graph).derived
    write_tabular(graph, tmp_path / "out", derived)
    cases = read_csv(tmp_path / "out" / "cases.csv")
    typologies = {row["typology"] for row in cases}
    # every cell of Table 1 (a form that refines a cell, such as the milieu innovateur, need not
    # occur in the corpus)
    cells = {t.label("en") for t in vocabulary("typology").terms if _is_table_1_cell(t.iri)}
    assert len(cells) == 4 and cells <= typologies
    assert all(row["reasons"] for row in cases)
    assert any(row["conflicts"] for row in cases)
    assert any(row["derived_size"] for row in read_csv(tmp_path / "out" / "members.csv"))
    assert isomorphic(read_tabular(tmp_path / "out"), graph)


def test_export_keeps_the_input_row_order(tmp_path: Path, capsys) -> None:
    from netorg.cli import main

    data = base()
    data["cases"].reverse()
    data["members"].reverse()
    source = write_csv(tmp_path / "src", data)
    assert main(["export", str(source), "--out", str(tmp_path / "out"), "--no-classification"]) == 0
    assert [r["case_id"] for r in read_csv(tmp_path / "out" / "cases.csv")] == [
        r["case_id"] for r in data["cases"]]
    assert [(r["case_id"], r["member_id"]) for r in read_csv(tmp_path / "out" / "members.csv")] == [
        (r["case_id"], r["member_id"]) for r in data["members"]]


def test_export_writes_numbers_as_numbers_and_codes_as_text(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    write_tabular(graph, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    header = [c.value for c in book["cases"][1]]
    valley = {h: c for h, c in zip(header, book["cases"][4], strict=False)}
    assert valley["case_id"].value == "valley"
    assert (valley["founded"].value, valley["founded"].data_type) == (1900, "n")
    assert valley["lat"].data_type == "n" and float(valley["lat"].value) == 46.07
    assert (valley["nace"].value, valley["nace"].number_format) == ("25.62", "@")
    members = book["members"]
    names = [c.value for c in members[1]]
    employees = members.cell(2, names.index("employees") + 1)
    assert employees.data_type == "n" and isinstance(employees.value, int)
    # the text format reaches the rows still to be typed in, so that 30.30 stays 30.30
    for name in ("case_id", "nace"):
        letter = openpyxl.utils.get_column_letter(header.index(name) + 1)
        assert book["cases"].column_dimensions[letter].number_format == "@"


def test_export_in_french_writes_french_labels_and_reasons(tmp_path: Path, capsys) -> None:
    from netorg.cli import main

    source = write_csv(tmp_path / "src", base())
    assert main(["export", str(source), "--out", str(tmp_path / "out"), "--lang", "fr"]) == 0
    valley = next(r for r in read_csv(tmp_path / "out" / "cases.csv") if r["case_id"] == "valley")
    assert valley["composition"] == label("composition", NETORG.VariedOrganisations, "fr")
    assert "donc" in valley["reasons"] and "so it is" not in valley["reasons"]
