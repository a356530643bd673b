"""Broken registers: one line per rejected row (file, row, column), exit 1; an unusable file,
exit 2; nothing computed from a broken register."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "diagnose"
MAPPING = ["--map", "id=siret", "--map", "unit=commune", "--map", "activity=naf",
           "--map", "jobs=effectif", "--map", "founded=creation"]


def run(register: Path, units: Path, *options: str) -> subprocess.CompletedProcess:
    """`netorg diagnose` on a register and its units, with the mapping (MAPPING by default)."""
    return subprocess.run([sys.executable, "-m", "netorg", "diagnose", str(register), str(units),
                           *(options or MAPPING), "--format", "json"], capture_output=True,
                          text=True, timeout=300)


def _copies(tmp_path: Path, register: str) -> tuple[Path, Path]:
    """The fixture register and units copied into tmp_path (tests edit the copies)."""
    shutil.copy(FIXTURES / register, tmp_path / register)
    shutil.copy(FIXTURES / "units.csv", tmp_path / "units.csv")
    return tmp_path / register, tmp_path / "units.csv"


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    return _copies(tmp_path, "register.csv")


def _replace_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_fixture_is_accepted(files):
    done = run(*files)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("line", "text", "column", "reason"), [
    (2, "e001,c9,25.62,3,1957", "commune", "unknown unit 'c9'"),
    (3, "e002,c1,25.62,-4,1964", "effectif", "negative jobs '-4'"),
    (4, "e003,c1,25.62,many,1971", "effectif", "jobs 'many' is not a whole number"),
    (5, "e001,c1,25.62,3,1978", "siret", "duplicate identifier 'e001' (first on row 2)"),
    (6, "e005,c1,25..62,3,1985", "naf", "activity code '25..62' is not of the NACE"),
    (7, "e006,c1,,3,1992", "naf", "empty activity"),
    (8, "e007,c1, 25.62,12,1999", "naf", "activity code ' 25.62' is not of the NACE"),
    (2, "e001,,25.62,3,1957", "commune", "empty unit"),
    (3, "e002,c1,25.62,12,1864.5", "creation", "founded '1864.5' is not a whole number"),
    (4, "e003,c1,25.62,60,2971", "creation", "founded '2971' is outside 1000-2100"),
])
def test_a_bad_register_row_is_located(files, line, text, column, reason):
    register, units = files
    _replace_line(register, line, text)
    done = run(register, units)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"netorg diagnose: {register}:{line}: column '{column}': {reason}")
    assert done.stdout == ""


@pytest.mark.parametrize(("line", "text", "reason"), [
    (4, "P1,Province 1,province,R9,", "parent 'R9' is not a unit of this table"),
    (3, "R1,Region,region,P1,", "is in a circular chain of parents"),
])
def test_a_bad_unit_is_located(files, line, text, reason):
    register, units = files
    _replace_line(units, line, text)
    done = run(register, units)
    assert done.returncode == 1, done.stderr
    assert f"{units}:" in done.stderr and "column 'parent'" in done.stderr
    assert reason in done.stderr


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("effectif", -4, "negative jobs '-4'"),
    ("creation", 812, "founded '812' is outside 1000-2100"),
    ("siret", "e001", "duplicate identifier 'e001' (first on row 1)"),
])
def test_a_bad_row_of_a_typed_parquet_register_is_located(files, field, value, reason):
    """Parquet keeps its integer columns: they are checked as numbers, not as text."""
    import pandas as pd

    register, units = files
    frame = pd.read_csv(register, dtype={"siret": str, "naf": str})
    frame.loc[3, field] = value
    parquet = register.with_suffix(".parquet")
    frame.to_parquet(parquet, index=False)
    assert str(pd.read_parquet(parquet)["effectif"].dtype) == "int64"
    done = run(parquet, units)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [f"netorg diagnose: {parquet}:4: column '{field}': {reason}"], done.stderr


def test_a_file_without_the_needed_column_is_unusable(files):
    register, units = files
    register.write_text("siret,town,naf\ne1,c1,25.62\n", encoding="utf-8")
    done = run(register, units)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"netorg diagnose: {register}: no column 'commune' for unit "
                                   "(map one with --map unit=COLUMN)")


def test_a_missing_file_is_unusable(files, tmp_path):
    _, units = files
    done = run(tmp_path / "nothing.csv", units)
    assert done.returncode == 2 and "no such file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


SIZES = ["--map", "id=siret", "--map", "unit=commune", "--map", "activity=naf",
         "--map", "size_class=tranche", "--map", "founded=creation", "--country", "FR"]


def run_sizes(register: Path, units: Path, *extra: str) -> subprocess.CompletedProcess:
    return run(register, units, *SIZES, *extra)


@pytest.fixture()
def sized_files(tmp_path: Path) -> tuple[Path, Path]:
    return _copies(tmp_path, "register_sizes.csv")


def test_the_sized_fixture_is_accepted(sized_files):
    done = run_sizes(*sized_files, "--size-scheme", "sirene")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("text", "code"), [
    ("e005,c1,25.62,99,1985", "99"),
    ("e005,c1,25.62,1,1985", "1"),  # SIRENE writes 01: a code that lost its zero is not one
    ("e005,c1,25.62,size_1,1985", "size_1"),  # an HCP code is not a SIRENE code
])
def test_an_unknown_size_class_is_located(sized_files, text, code):
    register, units = sized_files
    _replace_line(register, 6, text)
    done = run_sizes(register, units, "--size-scheme", "sirene")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"netorg diagnose: {register}:6: column 'tranche': size class "
                               f"'{code}' is not a code of the sirene scheme (NN, 00, 01,")
    assert done.stdout == ""


def test_size_classes_need_a_known_scheme(sized_files):
    done = run_sizes(*sized_files)
    assert done.returncode == 2
    assert done.stderr.strip() == ("netorg diagnose: a register with size classes needs "
                                   "--size-scheme (one of: hcp, sirene)")
    done = run_sizes(*sized_files, "--size-scheme", "ateco")
    assert done.returncode == 2
    assert "--size-scheme ateco: unknown scheme (expected one of: hcp, sirene)" in done.stderr


@pytest.mark.parametrize("line, text, reason", [
    (3, "e002,c1,25.62,12,1864.5", "l'année de création « 1864.5 » n'est pas un nombre entier"),
    (5, "e004,zz,25.62,3,1990", "unité inconnue « zz » (absente de la table des unités)"),
    (2, "e001,c1,,3,1957", "activité vide"),
])
def test_register_errors_read_in_french(files, line, text, reason):
    register, units = files
    _replace_line(register, line, text)
    done = run(register, units, *MAPPING, "--lang", "fr")
    assert done.returncode == 1, done.stderr
    column = {3: "creation", 5: "commune", 2: "naf"}[line]
    assert done.stderr.strip() == (
        f"netorg diagnose : {register}:{line} : colonne « {column} » : {reason}")


def test_an_unknown_scheme_reads_in_french(sized_files):
    done = run_sizes(*sized_files, "--size-scheme", "ateco", "--lang", "fr")
    assert done.returncode == 2
    assert done.stderr.strip() == ("netorg diagnose : --size-scheme ateco : barème inconnu "
                                   "(attendu : hcp, sirene)")
