"""Findings in the user's terms: a spreadsheet with known bad cells gives findings at those cells,
in both languages, in text and JSON, through the one-store and the batch paths; RDF findings keep
their node and add the file; the options that filter and summarise; the notices about inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from netorg.cli import main
from tabular_helpers import base, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[1]


def bad_cells() -> dict:
    """BASE with a malformed NACE code on cases row 2 and no `formal` on relations row 4."""
    data = base()
    data["cases"][0]["nace"] = "25.6x"
    return data


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "my cases.xlsx", bad_cells())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "csv", bad_cells())


def json_results(capsys, *argv: str) -> list[dict]:
    main(["validate", "--format", "json", *argv])
    return json.loads(capsys.readouterr().out)["results"]


def test_workbook_findings_name_sheet_row_and_column_in_english(capsys, workbook) -> None:
    assert main(["validate", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert f"VIOLATION {workbook}!cases:2: column 'nace': Invalid NACE code \"25.6x\"" in out
    assert (f"INFO {workbook}!relations:4: column 'formal': Whether the relation is formal is "
            "not given") in out
    assert "case:valley netorg:naceCode" not in out  # the node is not what the user typed


def test_workbook_findings_in_french(capsys, workbook) -> None:
    assert main(["validate", "--lang", "fr", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert f"VIOLATION {workbook}!cases:2 : colonne « nace » : Code NACE invalide" in out
    assert f"INFO {workbook}!relations:4 : colonne « formal » :" in out


def test_json_location_of_each_bad_cell(capsys, workbook) -> None:
    results = json_results(capsys, str(workbook))
    nace = [r for r in results
            if (r["path"] or "").endswith("#naceCode") and r["severity"] == "violation"]
    assert [r["location"] for r in nace] == [
        {"file": str(workbook), "sheet": "cases", "row": 2, "column": "nace"}]
    formal = [r["location"] for r in results if (r["path"] or "").endswith("#isFormal")]
    assert {"file": str(workbook), "sheet": "relations", "row": 4, "column": "formal"} in formal
    assert all(r["location"] and r["location"]["row"] for r in results)


def test_csv_folder_findings_name_the_csv_file_and_row(capsys, folder) -> None:
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"VIOLATION {folder / 'cases.csv'}:2: column 'nace':" in out
    assert f"{folder / 'members.csv'}:4: column 'source':" in out


def test_batch_path_locates_the_same_cells(capsys, folder) -> None:
    one_store = json_results(capsys, "--jobs", "1", str(folder))
    batch = json_results(capsys, "--jobs", "2", str(folder))
    key = lambda r: (r["focus"], r["path"] or "", r["shape"])  # noqa: E731
    assert sorted(((key(r), r["location"]) for r in batch), key=str) == sorted(
        ((key(r), r["location"]) for r in one_store), key=str)
    assert any(r["location"]["column"] == "nace" for r in batch)


def test_rdf_findings_keep_the_node_and_add_the_file(capsys, tmp_path) -> None:
    source = ROOT / "tests" / "fixtures" / "cases" / "fixture-pole.ttl"
    results = json_results(capsys, str(source))
    assert results and all(r["location"] == {"file": str(source), "sheet": None, "row": None,
                                             "column": None} for r in results)
    main(["validate", str(source)])
    assert f"INFO case:fixture-pole netorg:foundingYear ({source}):" in capsys.readouterr().out


def test_classification_findings_name_the_row_they_rest_on(capsys, workbook) -> None:
    assert main(["classify", "--format", "json", str(workbook)]) == 0
    valley = next(c for c in json.loads(capsys.readouterr().out) if c["case"].endswith("/valley"))
    assert valley["location"] == {"file": str(workbook), "sheet": "cases", "row": 2,
                                  "column": None}
    where = {r["aspect"]: r["location"] for r in valley["reasons"]}
    assert where["size"]["sheet"] == "members" and where["size"]["row"] == 2  # Acme
    assert where["origin"]["sheet"] == "recognitions" and where["origin"]["row"] == 2
    main(["classify", "--lang", "fr", str(workbook)])
    out = " ".join(capsys.readouterr().out.split())  # the table wraps long lines
    assert f"car [taille] {workbook}!members:2 : « Acme » emploie 45 personnes" in out


# -- filtering and summarising ---------------------------------------------------------------------


def test_min_severity_hides_lesser_findings_and_says_how_many(capsys, folder) -> None:
    assert main(["validate", "--min-severity", "warning", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "INFO " not in out and "VIOLATION " in out and "WARNING " in out
    assert "not shown)" in out.splitlines()[-1]


def test_min_severity_violation_ignores_warnings_in_the_exit_code(capsys, tmp_path) -> None:
    data = base()
    data["cases"] = [data["cases"][0]]
    for sheet in ("members", "relations", "recognitions"):
        data[sheet] = [r for r in data[sheet] if r["case_id"] == "valley"]
    data["relations"] = data["relations"][:1]  # one relation and no pivot: a warning
    data["members"][0]["pivot"] = "non"
    folder = write_csv(tmp_path / "ok", data)
    assert main(["validate", "--min-severity", "violation", str(folder)]) == 0
    assert main(["validate", str(folder)]) == 1  # the same data has a warning


def test_quiet_prints_only_the_summary_and_keeps_the_exit_code(capsys, folder) -> None:
    assert main(["validate", "--quiet", str(folder)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("does not conform (3 case studies)")


def test_classify_summary_one_line_a_case_with_labels(capsys) -> None:
    corpus = ROOT / "cases" / "corpus"
    assert main(["classify", "--summary", "--lang", "fr", str(corpus)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    cases = (corpus / "cases.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    assert len(lines) == len(cases)
    aerospace = next(line for line in lines if line.startswith("aerospace-valley "))
    assert "typologie : pôle de compétitivité" in aerospace and "aucun conflit" in aerospace
    for code in ("pole", "firm_network", "network_of_firms", "competence", "[origin]"):
        assert f": {code} " not in " ".join(lines)


def test_classify_table_uses_labels_and_shows_firm_sizes(capsys, workbook) -> None:
    main(["classify", "--lang", "fr", str(workbook)])
    out = capsys.readouterr().out
    assert "pôle de compétitivité" in out and "firm_network" not in out
    assert "[origine]" in out and "[origin]" not in out
    assert "voir --format json" not in out and "[taille]" in out


def test_classify_min_severity_warning_keeps_conflicts_drops_reasons(capsys) -> None:
    conflict = ROOT / "tests" / "fixtures" / "cases" / "fixture-conflict.ttl"
    main(["classify", "--min-severity", "warning", str(conflict)])
    out = capsys.readouterr().out
    assert "CONFLICT [" in out and "because [" not in out


# -- notices about the inputs ----------------------------------------------------------------------


def test_a_case_id_from_two_inputs_is_a_warning(capsys, tmp_path) -> None:
    first = write_csv(tmp_path / "a", base())
    second = tmp_path / "b"
    shutil.copytree(first, second)
    assert main(["validate", "--min-severity", "warning", str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert (f"WARNING case_id 'valley' comes from 2 inputs ({first / 'cases.csv'}:2, "
            f"{second / 'cases.csv'}:2)") in out
    main(["classify", "--lang", "fr", str(first), str(second)])
    assert "AVERTISSEMENT : le case_id « valley » vient de 2 entrées" in capsys.readouterr().err
    main(["classify", str(first)])
    assert "comes from" not in capsys.readouterr().err


def test_as_of_before_every_founding_year_or_after_the_present(capsys, folder) -> None:
    main(["classify", "--as-of", "1800", str(folder)])
    err = capsys.readouterr().err
    assert "--as-of 1800 is before every founding year" in err and "1900" in err
    main(["classify", "--as-of", "2099", str(folder)])
    assert "is after the present year" in capsys.readouterr().err
    main(["classify", "--as-of", "2000", str(folder)])
    assert "--as-of" not in capsys.readouterr().err


# -- the import's own errors, in French ---------------------------------------------------------


def test_import_row_errors_in_french(capsys, tmp_path) -> None:
    data = base()
    data["members"][0]["type"] = "entreprize"
    data["cases"][0]["founded"] = "18x"
    source = write_xlsx(tmp_path / "bad.xlsx", data)
    assert main(["import", "--lang", "fr", str(source), "--out", str(tmp_path / "o.ttl")]) == 1
    err = capsys.readouterr().err
    assert f"{source}!cases:2 : colonne « founded » : année invalide « 18x »" in err
    assert f"{source}!members:2 : colonne « type » : type de membre inconnu « entreprize »" in err
    assert "netorg import : 2 problèmes dans" in err and "column" not in err
    assert main(["validate", "--lang", "fr", str(source)]) == 1
    assert "année invalide « 18x »" in capsys.readouterr().err


def test_classify_csv_gives_labels_in_the_users_language(capsys, workbook) -> None:
    import csv
    import io

    main(["classify", "--format", "csv", "--lang", "fr", str(workbook)])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    valley = next(r for r in rows if r["case"].endswith("/valley"))
    assert valley["typology"] == "pole" and valley["typology_label"] == "pôle de compétitivité"
    assert "[origine]" in valley["reasons"] and "[origin]" not in valley["reasons"]


def test_import_and_export_count_in_agreement(capsys, tmp_path) -> None:
    data = base()
    data["cases"] = data["cases"][2:]  # one case, no member, no relation
    for sheet in ("members", "relations", "recognitions"):
        data[sheet] = []
    source = write_csv(tmp_path / "one", data)
    assert main(["import", "--lang", "fr", str(source), "--out", str(tmp_path / "o.ttl")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 cas, 0 membre, 0 relation, 0 reconnaissance, ")
    assert main(["export", str(source), "--out", str(tmp_path / "x"), "--no-classification"]) == 0
    assert capsys.readouterr().out.startswith("1 case, 0 members, 0 relations, 0 recognitions ->")
