"""The batch path (split per case, chunks in worker processes) gives the single store's answers."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
import rdflib

from netorg.progress import progress
from netorg.resources import corpus_dir
from netorg.shacl.batch import split, validate_and_classify
from netorg.shacl.classify import (
    DERIVED_GRAPH,
    classification_counts,
    classify,
    counts_of,
    read_classification,
)
from netorg.shacl.validate import validate
from netorg.sheets.inputs import load_cases
from netorg.sheets.read import RejectedRows, read_tabular
from netorg.sheets.stream import case_id_of, write_ntriples

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate

FIXTURES = Path(__file__).parent / "fixtures"
CASE_FIXTURES = [FIXTURES / "cases", FIXTURES / "shapes" / "conforming"]


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated CSV template of 24 cases (10 to 50 members each)."""
    folder = tmp_path_factory.mktemp("generated")
    generate(24, folder, seed=11)
    return folder


def _same(batch, validation, classification) -> None:
    assert batch.validation.results == validation.results
    assert batch.validation.counts == validation.counts
    assert batch.classification.cases == classification.cases
    assert set(batch.classification.derived) == set(classification.derived)


@pytest.fixture(scope="session")
def fixture_runs():
    data = load_cases(CASE_FIXTURES)
    batch = validate_and_classify(CASE_FIXTURES, chunk_size=2, jobs=2)
    return data, batch


def test_batch_equals_single_store_on_every_fixture(fixture_runs) -> None:
    data, batch = fixture_runs
    assert batch.chunks > 3  # really split
    assert batch.cases == len(batch.classification.cases)
    _same(batch, validate(data), classify(data))


@pytest.mark.parametrize("as_of", [1990, 2015])
def test_batch_as_of_equals_single_store(as_of: int) -> None:
    paths = [FIXTURES / "cases" / "fixture-timeline.ttl", FIXTURES / "cases" / "fixture-pole.ttl"]
    batch = validate_and_classify(paths, validate=False, as_of=as_of, chunk_size=1, jobs=1)
    single = classify(load_cases(paths), as_of=as_of)
    assert batch.classification.cases == single.cases
    assert set(batch.classification.derived) == set(single.derived)


def test_batch_equals_pyshacl_validation_on_every_fixture(fixture_runs) -> None:
    data, batch = fixture_runs
    reference = validate(data, engine="pyshacl")
    assert [f.key() for f in batch.validation.results] == [f.key() for f in reference.results]


def test_batch_equals_single_store_on_generated_sample(sample: Path) -> None:
    batch = validate_and_classify([sample], chunk_size=5, jobs=2)
    data = read_tabular(sample)
    assert batch.cases == 24 and batch.chunks == 5
    _same(batch, validate(data), classify(data))


def test_batch_finds_a_broken_case(sample: Path, tmp_path: Path) -> None:
    broken = _copy(sample, tmp_path / "broken")
    rows = _rows(broken / "cases.csv")
    rows[7]["source"] = ""  # a case without a source: a violation of the shapes
    _write(broken / "cases.csv", rows)
    result = validate_and_classify([broken], classify=False, chunk_size=5, jobs=2)
    failing = {(f.case, f.constraint) for f in result.validation.results
               if f.severity == "violation"}
    case = f"https://w3id.org/netorg/case/{rows[7]['case_id']}"
    assert failing == {(case, "MinCountConstraintComponent")}


def test_batch_without_keeping_counts_and_writes_derived(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "derived.nt"
    lean = validate_and_classify([sample], chunk_size=6, jobs=2, keep=False, derived_out=out)
    full = validate_and_classify([sample], chunk_size=24, jobs=1)
    assert lean.validation is None and lean.classification is None
    written = rdflib.Graph().parse(out, format="nt")
    assert set(written) == set(full.classification.derived)
    assert lean.derived_triples == len(written)
    typologies = sum(v for k, v in lean.summary.items() if k.startswith("typology:"))
    assert typologies == 24
    assert lean.summary["info"] == full.validation.counts["info"]
    assert lean.summary == full.summary  # counted without reading the findings: same counts


def test_split_puts_each_case_in_one_chunk(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://example.org/x> <https://example.org/p> 1 .\n", encoding="utf-8")
    chunks = split([FIXTURES / "cases", extra], chunk_size=3)
    try:
        owners: dict[str, int] = {}
        for index, file in enumerate(chunks.files):
            cases = set()
            for line in file.read_text(encoding="utf-8").splitlines():
                case = case_id_of(line[1:line.index(">")])
                assert case is not None
                assert owners.setdefault(case, index) == index
                cases.add(case)
            assert len(cases) == chunks.sizes[index] <= 3
        assert chunks.shared is not None
        assert "example.org/x" in chunks.shared.read_text(encoding="utf-8")
    finally:
        chunks.close()
    assert not chunks.folder.exists()


@pytest.mark.parametrize("which", ["corpus", "fixtures", "generated"])
def test_counts_only_read_equals_the_full_read(which: str, sample: Path) -> None:
    store = _classified_store({"corpus": [corpus_dir()], "fixtures": CASE_FIXTURES,
                               "generated": [sample]}[which])
    counts = classification_counts(store)
    full = counts_of(read_classification(store))
    assert counts == full
    assert sum(v for k, v in full.items() if k.startswith("structure:")) > 1
    assert full["conflicts"] > 0 or which == "generated"


@pytest.mark.parametrize("which", ["corpus", "generated"])
def test_counting_findings_equals_the_full_report(which: str, sample: Path) -> None:
    from netorg.shacl.validate import count_findings, data_store

    data = load_cases([corpus_dir() if which == "corpus" else sample])
    counts = count_findings(data_store(data))
    assert counts == validate(data).counts
    assert counts["info"] > 0 and (counts["warning"] > 0 or which == "generated")


def test_counts_only_read_gives_way_when_an_aspect_has_two_values() -> None:
    import pyoxigraph as ox

    store = _classified_store([FIXTURES / "cases" / "fixture-pole.ttl"])
    assert classification_counts(store) is not None
    finding = next(iter(store.query(
        "PREFIX netorg: <https://w3id.org/netorg#> SELECT ?f ?case WHERE { ?f a netorg:Reason ;"
        " netorg:aspect netorg:TypologyAspect ; netorg:about ?case ; netorg:supports ?s }")))
    netorg = "https://w3id.org/netorg#"
    store.store.add(ox.Quad(finding["f"], ox.NamedNode(netorg + "supports"),
                            ox.NamedNode(netorg + "Cluster"), ox.NamedNode(DERIVED_GRAPH)))
    assert classification_counts(store) is None  # two typologies: only the full read can order


def _classified_store(paths: list[Path]):
    """A chunk's store after the rules, as the batch path reads it."""
    from netorg.shacl.batch import _store
    from netorg.shacl.classify import UnionView, derive_into_graph, load_rules

    store = _store(load_cases(paths).serialize(format="nt").encode(), b"", "classify")
    assert derive_into_graph(store, load_rules())
    return UnionView(store)


def _tricky_ntriples(sample: Path, tmp_path: Path) -> Path:
    """The sample as N-Triples with what the line split must not get wrong."""
    from netorg.cli import main

    plain = tmp_path / "plain.nt"
    assert main(["import", str(sample), "--out", str(plain)]) == 0
    lines = plain.read_text(encoding="utf-8").splitlines()
    case = "https://w3id.org/netorg/case/" + _rows(sample / "cases.csv")[3]["case_id"]
    escaped = case.replace("-", "\\u002D")
    assert escaped != case
    extra = [
        "# a comment", "", f"   <{case}> <https://example.org/indented> \"1\" .",
        f"<{escaped}> <https://example.org/escaped> \"2\" .",
        f"<{case}/z> <https://example.org/p> _:b1 .",
        "_:b1 <https://example.org/q> \"3\" .",
        "<https://example.org/elsewhere> <https://example.org/p> \"4\" .",
    ]
    tricky = tmp_path / "tricky.nt"
    tricky.write_text("\n".join(lines[:40] + extra + lines[40:]), encoding="utf-8")  # no last \n
    return tricky


def test_ntriples_split_routes_lines_as_the_parser_does(sample: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    tricky = _tricky_ntriples(sample, tmp_path)
    as_turtle = tmp_path / "tricky.ttl"  # N-Triples is Turtle: read by the parser, line by line
    as_turtle.write_bytes(tricky.read_bytes())
    fast, parsed = split([tricky], chunk_size=5), split([as_turtle], chunk_size=5)
    try:
        assert fast.sizes == parsed.sizes and fast.counts == parsed.counts
        for one, other in [*zip(fast.files, parsed.files, strict=True),
                           (fast.shared, parsed.shared)]:
            assert one is not None and other is not None
            assert set(ox.parse(path=str(one), format=ox.RdfFormat.N_TRIPLES)) == set(
                ox.parse(path=str(other), format=ox.RdfFormat.N_TRIPLES))
        assert "escaped" in fast.files[0].read_text(encoding="utf-8")
    finally:
        fast.close()
        parsed.close()


def test_ntriples_split_error_names_the_line(sample: Path, tmp_path: Path) -> None:
    from netorg.errors import UnusableInput

    tricky = _tricky_ntriples(sample, tmp_path)
    lines = tricky.read_text(encoding="utf-8").split("\n")
    lines[100] = lines[100].replace("> <", "> ", 1)  # a broken predicate the split does not read
    broken = tmp_path / "broken.nt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    before = broken.read_bytes()
    with pytest.raises(UnusableInput) as caught:
        validate_and_classify([broken], chunk_size=5, jobs=2)
    assert str(caught.value).startswith(f"{broken}:101:")
    assert "syntax error" in str(caught.value)
    assert broken.read_bytes() == before


# -- the streaming import ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["corpus", "generated"])
def test_streaming_import_gives_the_same_triples(which: str, sample: Path, tmp_path: Path) -> None:
    source = corpus_dir() if which == "corpus" else sample
    out = tmp_path / "data.nt"
    counts = write_ntriples(source, out)
    streamed = rdflib.Graph().parse(out, format="nt")
    reference = read_tabular(source)
    assert len(streamed) == len(reference) and set(streamed) == set(reference)
    assert counts["cases"] == len(set(reference.subjects(
        rdflib.RDF.type, rdflib.URIRef("https://w3id.org/netorg#CaseStudy"))))


def test_streaming_import_reports_the_same_rows_and_writes_nothing(
        sample: Path, tmp_path: Path) -> None:
    broken = _copy(sample, tmp_path / "broken")
    members = _rows(broken / "members.csv")
    members[3]["type"] = "entreprize"
    members[9]["from"] = "19x0"
    _write(broken / "members.csv", members)
    relations = _rows(broken / "relations.csv")
    relations[0]["target_member"] = "ghost"
    _write(broken / "relations.csv", relations)
    with pytest.raises(RejectedRows) as eager:
        read_tabular(broken)
    out = tmp_path / "out.nt"
    with pytest.raises(RejectedRows) as streamed:
        write_ntriples(broken, out)
    assert streamed.value.rows == eager.value.rows and len(eager.value.rows) == 3
    assert not out.exists()


def test_streaming_import_reports_bad_encoding_like_read_tabular(
        sample: Path, tmp_path: Path) -> None:
    broken = _copy(sample, tmp_path / "latin1")
    (broken / "relations.csv").write_bytes((broken / "relations.csv").read_bytes() + b"\xe9\n")
    with pytest.raises(RejectedRows) as eager:
        read_tabular(broken)
    with pytest.raises(RejectedRows) as streamed:
        write_ntriples(broken, tmp_path / "out.nt")
    assert streamed.value.rows == eager.value.rows
    assert "not valid UTF-8" in str(streamed.value)


def test_progress_is_silent_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with progress("working", total=3) as advance:
        for _ in range(3):
            advance(1)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


# -- helpers -------------------------------------------------------------------------------------


def _copy(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for file in source.glob("*.csv"):
        (target / file.name).write_bytes(file.read_bytes())
    return target


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("command", ["validate", "classify"])
def test_commands_take_the_batch_path_with_the_same_output(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    from netorg.cli import main

    path = str(FIXTURES / "cases")
    codes, outputs = [], []
    for jobs in ("1", "2"):
        codes.append(main([command, path, "--format", "json", "--jobs", jobs]))
        outputs.append(capsys.readouterr().out)
    assert codes[0] == codes[1]
    assert outputs[0] == outputs[1] and '"case"' in outputs[0]


def test_import_to_ntriples_streams_the_same_triples(tmp_path: Path) -> None:
    from netorg.cli import main

    assert main(["import", str(corpus_dir()), "--out", str(tmp_path / "corpus.nt")]) == 0
    streamed = rdflib.Graph().parse(tmp_path / "corpus.nt", format="nt")
    assert set(streamed) == set(read_tabular(corpus_dir()))
