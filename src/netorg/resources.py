"""Where the bundled knowledge base lives: beside the sources in a checkout, else in the wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def root() -> Path:
    """The folder that holds `ontology/`, `shapes/`, `queries/` and `cases/`."""
    bundled = _PACKAGE / "_data"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent.parent


def ontology_file() -> Path:
    return root() / "ontology" / "netorg.ttl"


def ontology_files() -> list[Path]:
    """Every Turtle file of the ontology: the main file plus any module under `ontology/parts/`."""
    parts = root() / "ontology" / "parts"
    extra = sorted(parts.glob("*.ttl")) if parts.is_dir() else []
    return [ontology_file(), *extra]


def shapes_dir() -> Path:
    return root() / "shapes"


def queries_dir() -> Path:
    return root() / "queries"


def checks_dir() -> Path:
    return root() / "ontology" / "checks"


def corpus_dir() -> Path:
    return root() / "cases" / "corpus"
