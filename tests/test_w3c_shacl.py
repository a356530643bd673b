"""The W3C SHACL test suite through netorg's default validator: right, or refused by name.

Every sht:Validate test of tests/fixtures/w3c-shacl has its expected outcome in expected.toml
(PASS, or REFUSED with the reason the compiler gives); a silent wrong report (FAIL) or a
traceback (ERROR) is never expected. The README's table of what the engine supports is this run's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import w3c_suite

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def found() -> dict[str, str]:
    return w3c_suite.outcomes()


def test_every_test_has_its_expected_outcome(found) -> None:
    expected = w3c_suite.expected()
    assert set(found) == set(expected)
    assert {n: o for n, o in found.items() if o != expected[n]} == {}


def test_no_silent_wrong_answer_and_enough_passes(found) -> None:
    kinds = [w3c_suite.kind(o) for o in found.values()]
    assert len(found) >= 120
    assert kinds.count("FAIL") == 0 and kinds.count("ERROR") == 0
    assert kinds.count("PASS") >= 100
    assert all(w3c_suite.kind(o) in ("PASS", "REFUSED") for o in w3c_suite.expected().values())


def test_readme_table_is_this_run(found) -> None:
    section = README.read_text(encoding="utf-8").split("<!-- w3c-shacl-table -->")
    assert len(section) == 3, "README lacks the W3C table between its two markers"
    assert section[1].strip() == w3c_suite.table(found)


def test_the_run_catches_a_wrong_report_and_a_traceback(monkeypatch) -> None:
    case = next(c for c in w3c_suite.cases() if c.name.endswith("#minCount-001"))
    assert w3c_suite.run(case) == "PASS"
    original = w3c_suite.expected_results

    def one_result_fewer(c):  # a broken fixture: the suite's report loses a result
        conforms, rows = original(c)
        rows.popitem()
        return conforms, rows

    monkeypatch.setattr(w3c_suite, "expected_results", one_result_fewer)
    assert w3c_suite.run(case).startswith("FAIL")
    import netorg.shacl.validate

    def crash(*_args):
        raise KeyError("severity")

    monkeypatch.setattr(netorg.shacl.validate, "validate_store", crash)
    assert w3c_suite.run(case).startswith("ERROR")
