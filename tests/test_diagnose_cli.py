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


def test_census_sme_share_is_the_hcp_bands_under_the_ceiling(census_json):
    """The census's size bands, now read from the ontology, give the figures they gave: a
    commune's SME share is its establishments of 1 to 49 jobs over all its sized ones (Morocco's
    ceiling, 200, falls inside the 50+ band, which therefore does not count as SME); the share
    of establishments of 50 jobs or more is the 50+ band's."""
    import pandas as pd

    from netorg.diagnose.census import data_dir

    hcp = pd.read_csv(data_dir() / "economy" / "establishments.csv.gz", dtype={"code": str})
    hcp = hcp.set_index("code")
    small = ["size_1", "size_2_3", "size_4_9", "size_10_49"]
    for row in census_json[:20]:
        bands = hcp.loc[row["unit"]]
        sized = bands[small].sum() + bands["size_50_plus"]
        assert row["sme_share"] == pytest.approx(bands[small].sum() / sized, abs=1e-9)
        assert row["large_share"] == pytest.approx(bands["size_50_plus"] / sized, abs=1e-9)


def test_register_with_size_classes_and_no_jobs():
    """SIRENE's tranche codes (--size-scheme sirene), no jobs column: c1's 8 establishments of
    25.62 are in tranches 02, 11, 21, 32, 01, 02, 11, 21; under the EU ceiling of 250 all but
    the 250-499 one are SMEs (7 / 8), three start at 50 or more (3 / 8); jobs stay unknown."""
    done = netorg("diagnose", str(FIXTURES / "register_sizes.csv"), str(FIXTURES / "units.csv"),
                  "--map", "id=siret", "--map", "unit=commune", "--map", "activity=naf",
                  "--map", "size_class=tranche", "--map", "founded=creation", "--country", "FR",
                  "--size-scheme", "sirene", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {(r["unit"], r["activity"]): r for r in json.loads(done.stdout)}
    c1 = rows[("c1", "25.62")]
    assert c1["sme_share"] == 0.875 and c1["large_share"] == 0.375
    assert c1["jobs"] is None and c1["mean_size"] is None
    assert c1["criteria"]["sme_fabric"] is not None  # the band answers the SME criterion
    # c2's 9 of 47.11: NN, 21, 32, 00, 31, 11, 21, 32, 01: 7 SMEs (200-249 is one: its upper
    # bound is the ceiling), 5 of 50 or more
    c2 = rows[("c2", "47.11")]
    assert c2["sme_share"] == pytest.approx(7 / 9) and c2["large_share"] == pytest.approx(5 / 9)
    # c1's 47.11: a 10,000+ establishment and one whose tranche is blank (size unknown)
    assert rows[("c1", "47.11")]["sme_share"] == 0.0
    assert rows[("c1", "47.11")]["large_share"] == 1.0


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
