"""Import, export, import: the graph comes back isomorphic, on the corpus and on generated data."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF
from rdflib.compare import isomorphic

from netorg.resources import corpus_dir
from netorg.sheets.codes import vocabulary
from netorg.sheets.read import NETORG, read_tabular
from netorg.sheets.write import write_tabular
from tabular_helpers import base, write_csv, write_xlsx

FIXTURES = Path(__file__).parent / "fixtures"


def sources_under_test() -> list[Path]:
    corpus = corpus_dir()
    found = [corpus] if (corpus / "cases.csv").is_file() else []
    return [*found, FIXTURES / "tabular" / "example-valley",
            FIXTURES / "workbooks" / "hand-filled.xlsx"]


@pytest.mark.parametrize("source", sources_under_test(), ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["folder", "book.xlsx"])
def test_import_export_import_is_isomorphic(tmp_path: Path, source: Path, form: str) -> None:
    first = read_tabular(source)
    assert len(first) > 40
    out = tmp_path / form
    write_tabular(first, out)
    assert isomorphic(read_tabular(out), first)


def test_the_corpus_is_present_and_round_trips_with_every_case() -> None:
    corpus = corpus_dir()
    assert (corpus / "cases.csv").is_file(), "cases/corpus/ holds the real case studies"
    graph = read_tabular(corpus)
    assert len(set(graph.subjects(RDF.type, NETORG.CaseStudy))) >= 40


def test_a_lossy_writer_would_be_caught(tmp_path: Path) -> None:
    """The round trip compares whole graphs: dropping one cell on export breaks it."""
    first = read_tabular(write_csv(tmp_path / "src", base()))
    write_tabular(first, tmp_path / "out")
    members = tmp_path / "out" / "members.csv"
    members.write_text(members.read_text(encoding="utf-8").replace(",45,", ",,"), "utf-8")
    assert not isomorphic(read_tabular(tmp_path / "out"), first)


# -- generated workbooks ---------------------------------------------------------------------------

IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,7}", fullmatch=True)
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")),
        st.sampled_from([",", '"', "\n", ";", "'", " ", "é", "|"]),
    ),
    max_size=25,
)
YEARS = st.integers(1000, 2100)


def blank_or(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.just(""), strategy)


def values_of(name: str, required: bool = False) -> st.SearchStrategy[str]:
    """A vocabulary's codes and labels (as a French or English user writes them)."""
    words = []
    for term in vocabulary(name).terms:
        words += [term.code, *term.labels.values()]
    choices = st.sampled_from(words)
    return choices if required else st.one_of(choices, st.sampled_from(["", "unknown", "inconnu"]))


FLAGS = st.sampled_from(["", "yes", "no", "unknown", "oui", "non", "inconnu", "Oui"])
CITATIONS = TEXT.filter(lambda t: not t.strip().startswith("http"))
SOURCES = st.lists(
    st.one_of(IDS.map(lambda i: f"https://example.org/{i}"), CITATIONS), max_size=3
).map(" | ".join)


@st.composite
def periods(draw: st.DrawFn) -> tuple[str, str]:
    start = draw(blank_or(YEARS.map(str)))
    end = draw(blank_or(st.integers(int(start) if start else 1000, 2100).map(str)))
    return start, end


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    data: dict[str, list[dict[str, str]]] = {s: [] for s in
                                              ("cases", "members", "relations", "recognitions")}
    for case_id in draw(st.lists(IDS, min_size=1, max_size=3, unique=True)):
        data["cases"].append({
            "case_id": case_id, "name": draw(TEXT), "country": draw(
                blank_or(st.from_regex(r"[A-Za-z]{2}", fullmatch=True))),
            "region": draw(TEXT), "sector": draw(TEXT), "nace": draw(blank_or(st.sampled_from(
                ["13", "25.62", "26.1"]))), "initiative": draw(values_of("initiative")),
            "declared_type": draw(TEXT), "founded": draw(blank_or(YEARS.map(str))),
            "lat": draw(blank_or(st.decimals(-90, 90, places=4).map(str))),
            "lon": draw(blank_or(st.decimals(-180, 180, places=3).map(str))),
            "source": draw(SOURCES),
        })
        members = draw(st.lists(IDS, max_size=4, unique=True))
        for member_id in members:
            start, end = draw(periods())
            data["members"].append({
                "case_id": case_id, "member_id": member_id, "name": draw(TEXT),
                "type": draw(values_of("member_type", required=True)),
                "size": draw(values_of("size")),
                "employees": draw(blank_or(st.integers(0, 10**6).map(str))),
                "pivot": draw(st.sampled_from(["", "yes", "no", "oui", "non"])),
                "from": start, "to": end, "source": draw(SOURCES),
            })
        for _ in range(draw(st.integers(0, 4)) if members else 0):
            data["relations"].append({
                "case_id": case_id, "source_member": draw(st.sampled_from(members)),
                "target_member": draw(st.sampled_from(members)),
                "type": draw(values_of("relation_type", required=True)),
                "formal": draw(FLAGS), "market": draw(FLAGS), "source": draw(SOURCES),
            })
        for _ in range(draw(st.integers(0, 2))):
            start, end = draw(periods())
            data["recognitions"].append({
                "case_id": case_id, "label": draw(TEXT), "authority": draw(TEXT),
                "level": draw(values_of("level")), "from": start, "to": end,
                "source": draw(SOURCES),
            })
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets())
def test_generated_workbooks_round_trip(data: dict[str, list[dict[str, str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = read_tabular(write_csv(folder / "src", data))
        assert isomorphic(read_tabular(write_xlsx(folder / "src.xlsx", data)), first)
        for out in (folder / "out", folder / "out.xlsx"):
            write_tabular(first, out)
            assert isomorphic(read_tabular(out), first), out.name


def test_numbers_a_spreadsheet_would_round_are_kept_exactly(tmp_path: Path) -> None:
    """Years, headcounts and coordinates are written as numbers, except those a spreadsheet's
    double-precision numbers would change, which stay text: the round trip stays lossless."""
    data = base()
    data["members"][0]["employees"] = "123456789012345678901"
    data["cases"][0]["lat"] = "45.1234567890123456789"
    data["cases"][0]["lon"] = "-0.5"
    first = read_tabular(write_csv(tmp_path / "src", data))
    write_tabular(first, tmp_path / "out.xlsx")
    assert isomorphic(read_tabular(tmp_path / "out.xlsx"), first)
