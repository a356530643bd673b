"""The embedded store is cached: a second run reads one file; any change to a source rebuilds."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from netorg.errors import UnusableInput
from netorg.resources import ontology_files
from netorg.sheets import inputs
from netorg.sparql import store

FIXTURE = Path(__file__).parent / "fixtures" / "cases" / "fixture-pole.ttl"
EXTRA = (
    "\n<https://w3id.org/netorg/case/added> a <https://w3id.org/netorg#CaseStudy> ;\n"
    '    <http://www.w3.org/2004/02/skos/core#prefLabel> "Added later" .\n'
)


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache"))
    data = tmp_path / "cases"
    data.mkdir()
    shutil.copy(FIXTURE, data / FIXTURE.name)
    calls: list[list] = []
    real = inputs.load_cases

    def counting(paths):
        calls.append(list(paths))
        return real(paths)

    monkeypatch.setattr(inputs, "load_cases", counting)
    return {"data": data, "calls": calls, "cache": tmp_path / "cache"}


def _open(data: Path) -> tuple[int, float]:
    started = time.perf_counter()
    kb = store.open_store([data])
    return len(kb), time.perf_counter() - started


def test_second_run_reads_the_cache_without_parsing(sources: dict) -> None:
    cold_size, cold = _open(sources["data"])
    assert len(sources["calls"]) == 1
    assert len(list(sources["cache"].glob("kb-*.nt"))) == 1
    warm_size, warm = _open(sources["data"])
    assert len(sources["calls"]) == 1, "the loader ran again on a warm cache"
    assert warm_size == cold_size
    assert warm < cold


def test_changing_a_case_file_rebuilds(sources: dict) -> None:
    _open(sources["data"])
    with (sources["data"] / FIXTURE.name).open("a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    rebuilt = store.open_store([sources["data"]])
    assert len(sources["calls"]) == 2
    assert rebuilt.query('ASK { ?case ?label "Added later" }')
    assert len(list(sources["cache"].glob("kb-*.nt"))) == 2


def test_changing_the_ontology_changes_the_key(
    sources: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = store.cache_key([sources["data"]])
    copies = []
    for path in ontology_files():
        copies.append(tmp_path / path.name)
        shutil.copy(path, copies[-1])
    monkeypatch.setattr(store, "ontology_files", lambda: copies)
    assert store.cache_key([sources["data"]]) == key  # same bytes, same key
    with copies[0].open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert store.cache_key([sources["data"]]) != key


def test_without_cache_nothing_is_written(sources: dict) -> None:
    kb = store.open_store([sources["data"]], cache=False)
    assert len(kb) > 0
    assert not sources["cache"].exists()


def test_missing_data_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="no such file or folder"):
        store.open_store([tmp_path / "nowhere"])


def test_knowledge_base_delegates_validation_and_classification() -> None:
    from rdflib import RDF, URIRef

    from netorg import NS, KnowledgeBase

    kb = KnowledgeBase(paths=[FIXTURE], cache=False)
    assert kb.validate().conforms is True
    derived = kb.classify().derived
    poles = set(derived.subjects(RDF.type, URIRef(f"{NS}CompetitivenessPole")))
    assert poles and all(str(case).startswith("https://w3id.org/netorg/case/") for case in poles)
    assert kb.query("cases-by-class")["case"].tolist() == sorted(str(c) for c in poles)
