"""Spreadsheets become RDF in the ontology's terms; each bad row is named by file, row, column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.compare import isomorphic

from netorg.errors import UnusableInput
from netorg.sheets.read import NETORG, ORG, RejectedRows, RowError, read_tabular
from tabular_helpers import base, snapshot, write_csv, write_xlsx

FIXTURES = Path(__file__).parent / "fixtures"
CASE = "https://w3id.org/netorg/case/"


def netorg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netorg", *args], capture_output=True, text=True, check=False
    )


def rejected(source: Path) -> list[RowError]:
    with pytest.raises(RejectedRows) as caught:
        read_tabular(source)
    assert str(caught.value) == "\n".join(str(row) for row in caught.value.rows)
    assert caught.value.exit_code == 1
    return caught.value.rows


def test_the_base_source_imports_cleanly(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    assert len(set(graph.subjects(RDF.type, NETORG.CaseStudy))) == 3
    assert len(set(graph.subjects(RDF.type, ORG.Membership))) == 5
    agency = URIRef(f"{CASE}pole/member/agency")
    assert (agency, RDF.type, NETORG.DevelopmentAgency) in graph


def test_the_model_example_is_what_its_csv_gives() -> None:
    """The fixture CSV gives exactly the data model's example, but for the two noted differences."""
    graph = read_tabular(FIXTURES / "tabular" / "example-valley")
    model = rdflib.Graph().parse(FIXTURES / "cases" / "model-example.ttl")
    # declared_type stays a literal on import (the classification resolves it), and a headcount is
    # an xsd:nonNegativeInteger (the ontology's range) where the Turtle fixture wrote 45
    model.remove((None, NETORG.declaredType, None))
    acme = URIRef(f"{CASE}example-valley/member/acme")
    model.set((acme, NETORG.employees, Literal(45, datatype=XSD.nonNegativeInteger)))
    assert isomorphic(graph, model)


def test_french_values_are_resolved_through_the_ontology_labels(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    valley = URIRef(f"{CASE}valley")
    acme, uni = URIRef(f"{CASE}valley/member/acme"), URIRef(f"{CASE}valley/member/uni")
    assert (acme, RDF.type, NETORG.Firm) in graph  # entreprise
    assert (uni, RDF.type, NETORG.University) in graph  # université
    assert (acme, NETORG.sizeClass, NETORG.SmallFirm) in graph  # petite
    assert (URIRef(f"{CASE}pole/member/etat"), RDF.type, NETORG.PublicAuthority) in graph  # État
    rel1, rel2 = URIRef(f"{CASE}valley/relation/1"), URIRef(f"{CASE}valley/relation/2")
    assert (rel1, NETORG.relationType, NETORG.JointResearch) in graph  # R&D conjointe
    assert (rel2, NETORG.relationType, NETORG.Subcontracting) in graph  # sous-traitance
    assert (rel1, NETORG.isFormal, Literal(True)) in graph  # oui
    assert not list(graph.objects(rel1, NETORG.isMarket))  # inconnu: no triple
    assert (URIRef(f"{CASE}valley/recognition/1"), NETORG.authorityLevel,
            NETORG.StateLevel) in graph  # État, as a level
    assert (URIRef(f"{CASE}pole/recognition/1"), NETORG.authorityLevel,
            NETORG.RegionalLevel) in graph  # région
    assert (URIRef(f"{CASE}valley/membership/acme"), ORG.role, NETORG.PivotFirmRole) in graph
    assert not list(graph.objects(URIRef(f"{CASE}valley/membership/uni"), ORG.role))
    assert (valley, NETORG.declaredAs, Literal("système productif local")) in graph
    assert not list(graph.objects(valley, NETORG.declaredType))


def test_cells_become_typed_values(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", base()))
    valley, pole = URIRef(f"{CASE}valley"), URIRef(f"{CASE}pole")
    geo = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    assert graph.value(valley, geo.lat) == Literal("46.07", datatype=XSD.decimal)
    assert graph.value(valley, NETORG.foundingYear) == Literal(1900)
    assert graph.value(pole, NETORG.countryCode) == Literal("MA")  # "ma", upper-cased
    assert not list(graph.objects(pole, NETORG.initiative))  # unknown: no triple
    sources = set(graph.objects(valley, rdflib.DCTERMS.source))
    assert sources == {URIRef("https://example.org/s1"), Literal("A citation, with a comma")}
    assert graph.value(URIRef(f"{CASE}pole/member/acme"), NETORG.employees) == Literal(
        1200, datatype=XSD.nonNegativeInteger)  # "1 200"
    assert not list(graph.objects(URIRef(f"{CASE}pole/member/acme"), NETORG.sizeClass))
    assert graph.value(pole, rdflib.SKOS.prefLabel) == Literal("Pôle\nsur deux lignes")
    rel2 = URIRef(f"{CASE}valley/relation/2")
    assert graph.value(rel2, rdflib.DCTERMS.source) == Literal("Interview, 2010")
    assert graph.value(rel2, NETORG.relationSource) == URIRef(f"{CASE}valley/member/uni")


# each kind of bad row: (sheet, row index in BASE, column, bad value, expected words in the reason)
BAD_CELLS = [
    ("members", 0, "type", "entreprize", "unknown member type 'entreprize' (expected one of:"),
    ("relations", 1, "type", "alliance", "unknown relation type 'alliance'"),
    ("recognitions", 1, "level", "galactic", "unknown level 'galactic'"),
    ("cases", 0, "initiative", "aliens", "unknown initiative 'aliens'"),
    ("members", 1, "size", "huge", "unknown size 'huge'"),
    ("relations", 0, "formal", "maybe", "bad value 'maybe'"),
    ("cases", 0, "founded", "19x9", "bad year '19x9'"),
    ("members", 0, "from", "3000", "bad year '3000'"),
    ("members", 1, "to", "2001", "year 2001 is before 'from' (2006)"),
    ("members", 0, "employees", "-3", "bad number '-3'"),
    ("members", 0, "employees", "about 40", "bad number 'about 40'"),
    ("cases", 0, "lat", "123.4", "bad number '123.4'"),
    ("cases", 0, "checked", "2026-13-01", "bad date '2026-13-01' (expected YYYY-MM-DD"),
    ("cases", 0, "checked", "1/12/2026", "bad date '1/12/2026'"),
    ("cases", 0, "checked", "3026-01-01", "bad date '3026-01-01'"),
    ("cases", 0, "lon", "east", "bad number 'east'"),
    ("cases", 0, "country", "FRA", "bad country 'FRA'"),
    ("relations", 0, "target_member", "ghost", "unknown member 'ghost'"),
    ("members", 4, "case_id", "nowhere", "unknown case_id 'nowhere'"),
    ("recognitions", 0, "case_id", "nowhere", "unknown case_id 'nowhere'"),
    ("members", 1, "member_id", "acme", "duplicate member_id 'acme' in case 'valley'"),
    ("cases", 2, "case_id", "valley", "duplicate case_id 'valley' (first on row 2)"),
    ("members", 0, "type", "", "missing value (expected one of:"),
    ("cases", 2, "case_id", "a b", "bad identifier 'a b'"),
]


@pytest.mark.parametrize(("sheet", "index", "column", "value", "reason"), BAD_CELLS)
@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_each_bad_cell_is_one_located_error(
    tmp_path: Path, sheet: str, index: int, column: str, value: str, reason: str, form: str
) -> None:
    data = base()
    if (sheet, column, value) == ("members", "member_id", "acme"):
        data["relations"] = [r for r in data["relations"] if "uni" not in r.values()]
    data[sheet][index][column] = value
    source = (write_csv(tmp_path / "src", data) if form == "csv"
              else write_xlsx(tmp_path / "book.xlsx", data))
    [error] = rejected(source)
    label = f"{source / f'{sheet}.csv'}" if form == "csv" else f"{source}!{sheet}"
    assert (error.file, error.row, error.column) == (label, index + 2, column)
    assert reason in error.reason
    assert str(error).startswith(f"{label}:{index + 2}: column '{column}': ")


def test_governance_and_check_date_are_read_as_text_and_xsd_date(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    data = base()
    data["cases"][0].update(governance="Association du pôle", checked="2026-12-01")
    valley = URIRef(f"{CASE}valley")
    graph = read_tabular(write_csv(tmp_path / "src", data))
    assert graph.value(valley, NETORG.governingBody) == Literal("Association du pôle")
    assert graph.value(valley, NETORG.factsCheckedOn) == Literal(datetime.date(2026, 12, 1))
    assert graph.value(valley, NETORG.factsCheckedOn).datatype == XSD.date
    book_path = write_xlsx(tmp_path / "book.xlsx", data)  # a real date cell, as LibreOffice saves
    book = openpyxl.load_workbook(book_path)
    sheet = book["cases"]
    column = [c.value for c in sheet[1]].index("checked") + 1
    sheet.cell(row=2, column=column).value = datetime.datetime(2026, 12, 1)
    book.save(book_path)
    assert read_tabular(book_path).value(valley, NETORG.factsCheckedOn) == Literal(
        datetime.date(2026, 12, 1))


def test_all_bad_rows_are_reported_at_once(tmp_path: Path) -> None:
    data = base()
    data["members"][0]["type"] = "entreprize"
    data["members"][3]["from"] = "20O1"
    data["relations"][2]["source_member"] = "ghost"
    rows = rejected(write_csv(tmp_path / "src", data))
    assert [(r.file.rsplit("/", 1)[1], r.row, r.column) for r in rows] == [
        ("members.csv", 2, "type"), ("members.csv", 5, "from"),
        ("relations.csv", 4, "source_member"),
    ]


def test_a_quoted_newline_does_not_shift_row_numbers(tmp_path: Path) -> None:
    data = base()
    data["cases"][0]["name"] = "line one\nline two\nline three"
    data["cases"][1]["founded"] = "later"
    [error] = rejected(write_csv(tmp_path / "src", data))
    assert (error.row, error.column) == (3, "founded")


def test_a_missing_column_names_the_file_and_the_column(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "src", base())
    members = folder / "members.csv"
    lines = members.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",employees,", ",staff,")
    members.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [error] = rejected(folder)
    assert str(error) == f"{members}:1: column 'employees': missing required column"


def test_latin1_bytes_are_reported_as_wrong_encoding(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "src", base())
    cases = folder / "cases.csv"
    text = cases.read_text(encoding="utf-8")
    cases.write_bytes(text.encode("latin-1"))  # "Vallée" on line 2 is now byte 0xe9
    [error] = rejected(folder)
    offset = text.encode("latin-1").index(b"\xe9")
    assert str(error) == (
        f"{cases}:2: not valid UTF-8 (byte 0xe9 at offset {offset}); save the file as UTF-8"
    )


def test_a_utf8_bom_and_semicolons_are_accepted(tmp_path: Path) -> None:
    plain = read_tabular(write_csv(tmp_path / "plain", base()))
    folder = write_csv(tmp_path / "excel", base())
    for path in folder.glob("*.csv"):
        import csv
        import io

        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    assert isomorphic(read_tabular(folder), plain)


def test_xlsx_and_csv_give_the_same_graph(tmp_path: Path) -> None:
    from_csv = read_tabular(write_csv(tmp_path / "src", base()))
    from_xlsx = read_tabular(write_xlsx(tmp_path / "book.xlsx", base()))
    assert len(from_csv) > 80
    assert isomorphic(from_csv, from_xlsx)


def test_only_cases_is_required(tmp_path: Path) -> None:
    graph = read_tabular(write_csv(tmp_path / "src", {"cases": base()["cases"]}))
    assert len(set(graph.subjects(RDF.type, NETORG.CaseStudy))) == 3


def test_unusable_sources_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnusableInput, match=r"no cases\.csv"):
        read_tabular(tmp_path / "empty")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip file")
    with pytest.raises(UnusableInput, match="cannot open the workbook"):
        read_tabular(tmp_path / "broken.xlsx")
    result = netorg("import", str(tmp_path / "broken.xlsx"), "--out", str(tmp_path / "x.ttl"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.ttl").exists()


def test_the_cli_prints_one_line_per_bad_row_and_writes_nothing(tmp_path: Path) -> None:
    data = base()
    data["members"][0]["type"] = "entreprize"
    data["relations"][0]["target_member"] = "ghost"
    folder = write_csv(tmp_path / "src", data)
    before = snapshot(folder)
    out = tmp_path / "out.ttl"
    result = netorg("import", str(folder), "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{folder / 'members.csv'}:2: column 'type': unknown member type")
    assert lines[1].startswith(f"{folder / 'relations.csv'}:2: column 'target_member': unknown")
    assert len(lines) == 3 and "nothing written" in lines[2]
    assert not out.exists()
    assert snapshot(folder) == before


def test_the_cli_writes_sorted_stable_turtle_and_a_summary(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "src", base())
    before = snapshot(folder)
    out = tmp_path / "out.ttl"
    result = netorg("import", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 cases, 5 members, 3 relations, 2 recognitions, ")
    first = out.read_bytes()
    assert isomorphic(rdflib.Graph().parse(out), read_tabular(folder))
    assert netorg("import", str(folder), "--out", str(out)).returncode == 0
    assert out.read_bytes() == first  # stable
    assert snapshot(folder) == before  # input untouched


def test_a_failed_import_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("# previous\n", encoding="utf-8")
    data = base()
    data["cases"][0]["founded"] = "never"
    assert netorg("import", str(write_csv(tmp_path / "src", data)), "--out",
                  str(out)).returncode == 1
    assert out.read_text(encoding="utf-8") == "# previous\n"


def test_a_workbook_filled_in_libreoffice_imports() -> None:
    """Written by LibreOffice Calc: numbers typed as numbers, French values, sheets reordered."""
    book = FIXTURES / "workbooks" / "hand-filled.xlsx"
    before = book.read_bytes()
    graph = read_tabular(book)
    assert book.read_bytes() == before
    case = URIRef(f"{CASE}vallee-exemple")
    assert graph.value(case, NETORG.foundingYear) == Literal(1900)
    assert graph.value(case, NETORG.countryCode) == Literal("FR")
    assert graph.value(case, NETORG.initiative) == NETORG.ActorInitiative
    geo = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    assert graph.value(case, geo.lat) == Literal("46.0725", datatype=XSD.decimal)
    decol2 = URIRef(f"{CASE}vallee-exemple/member/decol-2")
    assert graph.value(decol2, rdflib.SKOS.prefLabel) == Literal('Usinage "Arve"\nsite de Cluses')
    assert graph.value(decol2, NETORG.employees) == Literal(240, datatype=XSD.nonNegativeInteger)
    assert (URIRef(f"{CASE}vallee-exemple/member/cci"), RDF.type, NETORG.Chamber) in graph
    assert (URIRef(f"{CASE}grappe-test/member/labo"), RDF.type, NETORG.ResearchCentre) in graph
    rel = URIRef(f"{CASE}grappe-test/relation/1")
    assert graph.value(rel, NETORG.relationType) == NETORG.JointResearch
    assert len(set(graph.subjects(RDF.type, ORG.Membership))) == 6
