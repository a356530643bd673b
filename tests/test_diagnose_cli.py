"""`netorg diagnose` from the outside: the census in both languages, JSON's columns, the
candidates written into the template that validate accepts and classify classifies, and
`netorg.diagnose()` from Python."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "diagnose"
MAPPING = ["--map", "id=siret", "--map", "unit=commune", "--map", "activity=naf",
           "--map", "jobs=effectif", "--map", "founded=creation", "--country", "FR"]
KEYS = {"unit", "unit_name", "level", "parent", "activity", "establishments", "jobs", "lq",
        "stars", "sme_share", "criteria", "candidate", "hint", "reasons"}


def netorg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netorg", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def census_json() -> list[dict]:
    done = netorg("diagnose", "--activity", "industry", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_has_the_contract_columns(census_json):
    assert len(census_json) == 1503  # every commune, for industry
    assert set(census_json[0]) >= KEYS
    first = census_json[0]
    assert first["candidate"] is True and first["level"] == "commune"
    assert first["hint"] in ("district", "firm_network", None)
    assert set(first["criteria"]) >= {"size_star", "specialisation_star", "focus_star"}
    assert first["criteria"]["specialisation_star"] is True and first["lq"] >= 2
    assert first["jobs"] is None  # the census gives no jobs by sector
    assert any(row["candidate"] is False for row in census_json)


def test_census_figures_are_the_hcp_counts(census_json):
    """A commune's industry establishments are the HCP's figure (sector_industry)."""
    import pandas as pd

    from netorg.diagnose.census import data_dir

    hcp = pd.read_csv(data_dir() / "economy" / "establishments.csv.gz", dtype={"code": str})
    hcp = hcp.set_index("code")["sector_industry"]
    for row in census_json[:20]:
        assert row["establishments"] == hcp[row["unit"]]


def test_table_in_french_has_no_english_word():
    done = netorg("diagnose", "--activity", "industry", "--top", "3", "--lang", "fr")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "Industrie : candidats par commune" in text
    assert "quotient de localisation" in text and "Étoile de spécialisation" in text
    assert "Conditions laissées à l'audit : relations interentreprises établies." in text
    for english in ("establishments", "Size star", "location quotient", "hint", "none"):
        assert english not in text, english


def test_table_in_english():
    done = netorg("diagnose", "--activity", "industry", "--top", "2", "--level", "commune")
    assert done.returncode == 0, done.stderr
    assert "Industry: candidates by commune" in done.stdout
    assert "Specialisation star: location quotient" in done.stdout


def test_out_writes_candidates_that_validate_and_classify(tmp_path):
    out = tmp_path / "candidates"
    done = netorg("diagnose", "--activity", "industry", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written = int(re.match(r"(\d+) candidate", done.stdout).group(1))
    rows = (out / "cases.csv").read_text(encoding="utf-8").splitlines()
    assert written >= 1 and len(rows) == written + 1
    assert ",candidate," in rows[1] and "lq=" in rows[1] and "hcp.ma" in rows[1]
    checked = netorg("validate", str(out))
    # conforms: no violation; the warnings (no member, no initiative) are what the audit must find
    assert f"conforms ({written} case studies): 0 violations" in checked.stdout, checked.stdout
    assert "The case study has no member" in checked.stdout
    classified = netorg("classify", str(out))
    assert classified.returncode == 0, classified.stderr
    assert "missing [composition] no member is recorded" in classified.stdout
    assert "missing [origin] initiative unknown" in classified.stdout


def test_register_with_a_column_mapping():
    done = netorg("diagnose", str(FIXTURES / "register.csv"), str(FIXTURES / "units.csv"),
                  *MAPPING, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {(r["unit"], r["activity"]): r for r in json.loads(done.stdout)}
    c1 = rows[("c1", "25.62")]
    # 8 of c1's 10 establishments, 12 of the country's 30: LQ (8 x 30) / (10 x 12) = 2
    assert c1["lq"] == 2.0 and c1["establishments"] == 8 and c1["candidate"] is True
    assert c1["profile_scope"] == "activity" and c1["jobs"] == 401


def test_python_api_returns_a_dataframe():
    import netorg

    frame = netorg.diagnose(level="province", activity="industry", top=5)
    assert list(frame.columns[:5]) == ["unit", "unit_name", "level", "parent", "activity"]
    assert len(frame) == 5 and (frame["level"] == "province").all()
    assert frame["stars"].is_monotonic_decreasing  # candidates first, then by stars and LQ


def test_unreachable_backend_is_one_line():
    done = netorg("diagnose", "--backend", "trino://127.0.0.1:9/none")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "trino://127.0.0.1:9/none" in lines[0], done.stderr
    done = netorg("diagnose", "--backend", "nowhere")
    assert done.returncode == 2 and "expected duckdb, spark or a URL" in done.stderr
