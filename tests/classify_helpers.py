"""Shared by the classification tests: the fixtures, read once, and small graph edits."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rdflib

from netorg import CASE_NS, NS
from netorg.sheets.inputs import load_cases

FIXTURES = Path(__file__).parent / "fixtures" / "cases"
N = rdflib.Namespace(NS)
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
AS_OF_YEARS = (None, 1990, 2000, 2005, 2007)


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.ttl"))


@cache
def _parsed(name: str) -> rdflib.Graph:
    return load_cases([FIXTURES / name])


def fixture(name: str) -> rdflib.Graph:
    """A fresh copy of one fixture, safe to edit."""
    graph = rdflib.Graph()
    graph += _parsed(name)
    return graph


def all_fixtures() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in fixture_files():
        graph += _parsed(path.name)
    return graph


def case(case_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(CASE_NS + case_id)


def member(case_id: str, member_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{CASE_NS}{case_id}/member/{member_id}")


def only(result, case_id: str):
    """The classification of one case of a result."""
    [found] = [c for c in result.cases if c.case == CASE_NS + case_id]
    return found


def messages(findings, aspect: str, lang: str) -> list[str]:
    return [f.message[lang] for f in findings if f.aspect == aspect]
