"""The catalogue's headers, parameter binding and the refusal of bad values and injections."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from netorg.cli import main
from netorg.errors import UnusableInput
from netorg.sparql import catalogue
from netorg.sparql.results import from_oxigraph

QUERIES = catalogue.load()


def test_catalogue_has_at_least_32_questions() -> None:
    assert len(QUERIES) >= 32


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_is_complete_and_every_param_is_used(name: str) -> None:
    query = QUERIES[name]
    assert query.path.name == f"{query.id}.rq"
    for lang in ("en", "fr"):
        assert query.summary[lang].strip() and query.question[lang].strip()
    assert query.returns and query.tags
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    for param in query.params:
        assert re.search(rf"\?{param.name}\b", body), f"{name}: ?{param.name} is never used"
        catalogue.term(param, param.default)  # the default is a value of the declared type
    if "rdfs:label" in body:
        assert query.param("lang") is not None and query.param("lang").default == "en"


def test_a_header_without_question_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rq"
    bad.write_text("#+ id: broken\n#+ summary: {en: a, fr: b}\n#+ returns: x\n"
                   "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match=r"broken\.rq:1: header has no `question`"):
        catalogue.parse(bad)


def test_a_param_of_unknown_type_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "bad-type.rq"
    bad.write_text(
        "#+ id: bad-type\n#+ summary: {en: a, fr: b}\n#+ question: {en: a, fr: b}\n"
        "#+ returns: {en: x, fr: x}\n"
        "#+ params:\n#+   - {name: x, type: float, default: 1, description: {en: d, fr: d}}\n"
        "SELECT * WHERE { ?s ?p ?x }\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match="type 'float' is not one of"):
        catalogue.parse(bad)


def test_unknown_query_suggests_close_names(capsys) -> None:
    assert main(["query", "typology-matrx"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "unknown query 'typology-matrx'" in err and "typology-matrix" in err


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("from", "2005.5", "is not an integer"),
        ("to", "soon", "is not an integer"),
        ("lang", "en fr", "is not a language tag"),
    ],
)
def test_value_of_the_wrong_type_is_a_one_line_error(capsys, param, value, message) -> None:
    assert main(["query", "cases-active-in-period", "--param", f"{param}={value}"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err and param in err


def test_bad_iri_and_unknown_param_are_refused() -> None:
    query = QUERIES["compare-forms"]
    with pytest.raises(UnusableInput, match=r"formA.*not an absolute IRI"):
        catalogue.bind(query, {"formA": "not an iri"})
    with pytest.raises(UnusableInput, match=r"formA.*not an IRI"):
        catalogue.bind(query, {"formA": "http://x/a> } DROP ALL #"})
    with pytest.raises(UnusableInput, match="unknown parameter colour"):
        catalogue.bind(query, {"colour": "red"})


def test_prefixed_iris_are_expanded() -> None:
    bound = catalogue.bind(QUERIES["compare-forms"], {"formA": "netorg:Cluster"})
    assert bound["formA"] == ox.NamedNode("https://w3id.org/netorg#Cluster")


INJECTION = 'x" } } DELETE WHERE { ?s ?p ?o } #'


def test_injection_stays_one_harmless_literal() -> None:
    store = ox.Store()
    subject, predicate = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    store.add(ox.Quad(subject, predicate, ox.Literal("district")))
    before = len(store)
    query = QUERIES["search-terms"]
    text = catalogue.with_values(query.text, catalogue.bind(query, {"text": INJECTION}))
    assert text.count("DELETE") == 1  # only inside the escaped literal
    probe = ("SELECT ?text WHERE { VALUES (?text) { (" + str(ox.Literal(INJECTION)) + ") } }")
    assert from_oxigraph(store.query(probe)).rows == ((INJECTION,),)
    answer = from_oxigraph(store.query(text))
    assert answer.rows == ()
    assert len(store) == before


def test_injection_through_the_knowledge_base_changes_nothing(kb_for_injection) -> None:
    before = len(kb_for_injection.store)
    for name in ("search-terms", "cases-by-sector"):
        assert kb_for_injection.query(name, text=INJECTION).empty
    assert kb_for_injection.query("concept-definition", term=INJECTION).empty
    assert len(kb_for_injection.store) == before


@pytest.fixture(scope="module")
def kb_for_injection(tmp_path_factory):
    from netorg import KnowledgeBase

    fixture = Path(__file__).parent / "fixtures" / "cases" / "model-example.ttl"
    return KnowledgeBase(paths=[fixture], cache=False)


def test_values_block_opens_the_outer_where_group() -> None:
    query = QUERIES["typology-matrix"]
    text = catalogue.with_values(query.text, catalogue.bind(query, {"lang": "fr"}))
    head, _, tail = text.partition("WHERE {")
    assert tail.lstrip().startswith('VALUES (?lang) { ("fr") }')
    assert "VALUES" not in head


def test_markdown_table_lists_every_query() -> None:
    table = catalogue.markdown_table()
    for name in QUERIES:
        assert f"| `{name}` |" in table
    assert "| `typology-matrix` | Which form of network organisation" in table


def test_readme_lists_the_catalogue_as_generated() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "## Asking questions: the query catalogue" in readme
    assert catalogue.markdown_table() in readme, "README's catalogue table is out of date"
