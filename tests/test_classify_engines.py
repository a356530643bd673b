"""The fast engine (Oxigraph, set at a time) derives exactly what pySHACL derives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from classify_helpers import all_fixtures, fixture
from netorg.shacl.classify import classify
from netorg.sheets.inputs import load_cases

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate


def _same(data, as_of=None):
    fast = classify(data, as_of=as_of, engine="oxigraph")
    reference = classify(data, as_of=as_of, engine="pyshacl")
    assert len(fast.derived) > 0
    assert set(fast.derived) == set(reference.derived)
    assert fast.to_records("fr") == reference.to_records("fr")


def test_engines_agree_on_every_fixture():
    _same(all_fixtures())


def test_engines_agree_as_of_a_year():
    for year in (1990, 2005):  # one test, so that rdflib parses the rules once
        _same(fixture("fixture-timeline.ttl"), as_of=year)


def test_engines_agree_on_a_generated_sample(tmp_path: Path):
    # generated cases copy real profiles (member types, membership periods, relations). pySHACL
    # takes ~10 s a case and grows with the square of the cases, so a 1 000-case comparison (hours)
    # is not in the suite: `benchmarks/run.py` compares the answers at the sizes it runs pySHACL
    generate(3, tmp_path, seed=5)
    _same(load_cases([tmp_path]), as_of=1995)  # as of a year: every time condition is at work


def test_unknown_engine_is_refused():
    from netorg.errors import UnusableInput

    with pytest.raises(UnusableInput, match="unknown engine"):
        classify(fixture("fixture-district.ttl"), engine="jena")
