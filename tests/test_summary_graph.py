"""The counting queries read the summary graph and answer what counts over the full graph say.

`tests/fixtures/full-graph-queries/` holds each counting query as it was before the summary graph
(counting every case at query time); the catalogue's text reads the cells `add_summary` wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from netorg import KnowledgeBase
from netorg.sparql import catalogue
from netorg.sparql.store import add_summary, build, source_files, summary_queries
from queries_helpers import CacheEnv, shared_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate

FULL_GRAPH = Path(__file__).parent / "fixtures" / "full-graph-queries"
COUNTING = sorted(path.stem for path in FULL_GRAPH.glob("*.rq"))


def _rows(store, text: str) -> list[tuple]:
    return [tuple(None if v is None else v.value for v in row) for row in store.query(text)]


def _both(store, name: str, lang: str) -> tuple[list[tuple], list[tuple]]:
    """The catalogue query's rows (from the cells) and the full-graph count's rows."""
    query = catalogue.get(name)
    bindings = catalogue.bind(query, {"lang": lang})
    full = (FULL_GRAPH / f"{name}.rq").read_text(encoding="utf-8")
    return (_rows(store, catalogue.with_values(query.text, bindings)),
            _rows(store, catalogue.with_values(full, bindings)))


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    with CacheEnv(shared_cache(tmp_path_factory)):
        return KnowledgeBase().store


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary-sample")
    generate(40, folder, seed=5)
    return build([folder])


def test_every_counting_query_has_its_summary_and_reference() -> None:
    assert sorted(path.stem for path in summary_queries()) == COUNTING
    assert len(COUNTING) == 4
    for name in COUNTING:
        assert "qb:dataSet" in catalogue.get(name).text  # reads the cells, not every case


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", COUNTING)
def test_summary_answer_equals_the_full_graph_count_on_the_corpus(corpus_store, name, lang) -> None:
    ours, full = _both(corpus_store, name, lang)
    assert ours and ours == full


@pytest.mark.parametrize("name", COUNTING)
def test_summary_answer_equals_the_full_graph_count_on_a_generated_sample(
        generated_store, name) -> None:
    ours, full = _both(generated_store, name, "en")
    assert ours and ours == full
    if name == "counts-by-class-and-country":  # every case in one cell, none twice
        assert sum(int(row[2]) for row in ours) == 40


def test_a_case_added_after_the_summary_shows_in_the_full_count_only(tmp_path) -> None:
    # the comparison can fail: the cells count what the store held when they were written
    folder = tmp_path / "sample"
    generate(6, folder, seed=3)
    store = build([folder])
    before, _ = _both(store, "counts-by-class-and-country", "en")
    store.update("""PREFIX netorg: <https://w3id.org/netorg#>
        INSERT DATA { <https://w3id.org/netorg/case/late> a netorg:CaseStudy ;
                      netorg:countryCode "ZZ" }""")
    ours, full = _both(store, "counts-by-class-and-country", "en")
    assert ours == before and ours != full
    assert (None, "ZZ", "1") in full


def test_summary_queries_are_in_the_cache_key() -> None:
    assert summary_queries()
    assert set(summary_queries()) <= set(source_files([]))  # a changed summary query rebuilds


def test_summary_written_twice_is_the_same_cells(generated_store) -> None:
    triples = len(generated_store)
    assert add_summary(generated_store) > 0
    assert len(generated_store) == triples  # cells are named by their values
