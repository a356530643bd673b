"""The fast engine (Oxigraph, set at a time) derives exactly what pySHACL derives."""

from __future__ import annotations

import pytest

from classify_helpers import all_fixtures, fixture
from netorg.classify import classify


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


def test_unknown_engine_is_refused():
    from netorg.errors import UnusableInput

    with pytest.raises(UnusableInput, match="unknown engine"):
        classify(fixture("fixture-district.ttl"), engine="jena")
