"""The template: bilingual instructions, drop-down lists from the ontology, a worked example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF

from netorg.sheets.codes import vocabulary
from netorg.sheets.read import NETORG, SHEETS, read_tabular
from netorg.sheets.template import EXAMPLE_ID, instructions_markdown, write_template

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "template.xlsx"
    result = subprocess.run([sys.executable, "-m", "netorg", "template", "--out", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


def test_the_workbook_has_the_sheets_with_bold_frozen_headers(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "instructions"
    for sheet, columns in SHEETS.items():
        ws = book[sheet]
        assert [c.value for c in ws[1]] == [c.name for c in columns]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])


def _drop_downs(book: openpyxl.Workbook, sheet: str) -> dict[str, list[str]]:
    """Header name -> the values its drop-down list offers."""
    ws = book[sheet]
    header = {c.column_letter: c.value for c in ws[1]}
    found = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        target = str(validation.sqref).split(":")[0].rstrip("0123456789")
        sheet_name, cells = validation.formula1.split("!")
        start, end = cells.replace("$", "").split(":")
        values = [c.value for row in book[sheet_name][f"{start}:{end}"] for c in row]
        found[header[target]] = values
    return found


def test_controlled_columns_have_drop_downs_read_from_the_ontology(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    members = _drop_downs(book, "members")
    assert members["type"] == vocabulary("member_type").codes()
    assert "firm" in members["type"] and "university" in members["type"]
    assert members["size"][:4] == ["micro", "small", "medium", "large"]
    assert members["pivot"] == ["yes", "no"]
    relations = _drop_downs(book, "relations")
    assert relations["type"] == vocabulary("relation_type").codes()
    assert relations["formal"] == relations["market"] == ["yes", "no", "unknown"]
    assert _drop_downs(book, "recognitions")["level"][:-1] == vocabulary("level").codes()
    assert _drop_downs(book, "cases")["initiative"] == [*vocabulary("initiative").codes(),
                                                        "unknown"]
    assert book["lists"].sheet_state == "hidden"


def test_the_instructions_give_every_value_in_french_and_english(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["instructions"]
    rows = {tuple(c for c in row if c) for row in ws.iter_rows(values_only=True)}
    text = "\n".join(" ".join(map(str, row)) for row in rows)
    for name in ("member_type", "size", "relation_type", "level", "initiative"):
        for term in vocabulary(name).terms:
            assert (term.code, term.labels["fr"], term.labels["en"]) in {r[:3] for r in rows}
    for columns in SHEETS.values():
        for column in columns:
            assert column.name in text
    assert "Identifiant court du cas" in text and "Short identifier of the case" in text


def test_the_worked_example_imports_cleanly(template: Path) -> None:
    graph = read_tabular(template)
    cases = set(graph.subjects(RDF.type, NETORG.CaseStudy))
    assert [str(c).rsplit("/", 1)[1] for c in cases] == [EXAMPLE_ID]
    assert len(set(graph.subjects(RDF.type, NETORG.InterOrganisationalRelation))) == 2


def test_without_example_the_workbook_is_empty(tmp_path: Path) -> None:
    graph = read_tabular(write_template(tmp_path / "empty.xlsx", example=False))
    assert len(graph) == 0


def test_the_committed_csv_template_is_the_generated_one(tmp_path: Path) -> None:
    fresh = write_template(tmp_path / "template")
    committed = ROOT / "cases" / "template"
    names = sorted(p.name for p in fresh.iterdir())
    assert names == ["README.md", "cases.csv", "members.csv", "recognitions.csv",
                     "relations.csv"]
    for name in names:
        assert (committed / name).read_text(encoding="utf-8") == (
            fresh / name).read_text(encoding="utf-8"), f"regenerate cases/template/{name}"
    assert len(read_tabular(committed)) == 0


def test_the_markdown_instructions_list_the_french_labels() -> None:
    text = instructions_markdown()
    assert "| `subcontracting` | subcontracting | sous-traitance |" in text
    assert "| `university` | university | université |" in text


def test_the_instructions_speak_to_people_not_in_ontology_terms(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["instructions"]
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row and row[0]}
    text = "\n".join(" ".join(str(c) for c in row if c) for row in rows.values())
    for jargon in ("Datatype property", "Property that", "Propriété qui", "IRI de"):
        assert jargon not in text
    nace = rows["nace"]
    assert "free text" not in str(nace) and "NACE" in nace[2] and "30.30" in nace[2]


def test_identifier_and_code_columns_are_text_formatted(template: Path) -> None:
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(template)
    for sheet, names in (("cases", ("case_id", "nace", "country")), ("members", ("member_id",))):
        header = [c.value for c in book[sheet][1]]
        for name in names:
            letter = get_column_letter(header.index(name) + 1)
            assert book[sheet].column_dimensions[letter].number_format == "@", (sheet, name)
        founded = header.index("founded") + 1 if "founded" in header else None
        if founded:
            assert book[sheet].column_dimensions[get_column_letter(founded)].number_format != "@"
