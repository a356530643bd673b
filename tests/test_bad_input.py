"""Bad input gets a clear error and loses nothing, for every command.

Each case runs `netorg` on a broken input or a bad output place and asserts the documented exit
code, a message of one or two lines on stderr that names the file (and line and column where
there is one), no traceback, and that no input file changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netorg.cli import main

ROOT = Path(__file__).resolve().parents[1]
DISTRICT = ROOT / "tests" / "fixtures" / "cases" / "fixture-district.ttl"
VALLEY = ROOT / "tests" / "fixtures" / "tabular" / "example-valley"
CLOSED = "http://127.0.0.1:9/query"  # nothing listens on the discard port


def inputs(folder: Path) -> None:
    """The broken (and a few good) inputs the cases name, written into `folder`."""
    (folder / "good.ttl").write_bytes(DISTRICT.read_bytes())
    (folder / "empty.ttl").write_bytes(b"")
    (folder / "blank.ttl").write_bytes(b"  \n\n")
    (folder / "bad.rdf").write_text("<a", encoding="utf-8")
    (folder / "emptydir").mkdir()
    (folder / "out.xlsx").mkdir()  # a folder where a workbook should go
    (folder / "bad.rq").write_text("SELEC ?x WHERE {", encoding="utf-8")
    (folder / "latin1.rq").write_bytes(b'SELECT * WHERE { ?s ?p "caf\xe9" }')
    (folder / "update.rq").write_text(
        "PREFIX a: <http://a/>\n# drop it all\nDELETE WHERE { ?s ?p ?o }", encoding="utf-8"
    )
    shutil.copytree(VALLEY, folder / "valley")
    (folder / "mine").mkdir()
    (folder / "mine" / "README.md").write_text("# my project\n", encoding="utf-8")
    # hostile and broken inputs (see also test_hostile_input.py)
    (folder / "bom.ttl").write_bytes(b"\xef\xbb\xbf  \n")
    (folder / "space.ttl").write_text("<https://w3id.org/netorg/case/a b> <http://e/p> 1 .\n",
                                      encoding="utf-8")
    (folder / "base.ttl").write_text("@base <not a base> .\n<x> <http://e/p> 1 .\n",
                                     encoding="utf-8")
    (folder / "remote.jsonld").write_text(
        '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x", "name": "x"}',
        encoding="utf-8")
    (folder / "laughs.rdf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&b;</rdf:RDF>\n',
        encoding="utf-8")
    (folder / "service.rq").write_text(f"SELECT * WHERE {{ SERVICE <{CLOSED}> {{ ?s ?p ?o }} }}",
                                       encoding="utf-8")
    shutil.copytree(VALLEY, folder / "short")
    with (folder / "short" / "cases.csv").open("a", encoding="utf-8") as handle:
        handle.write("cut,Cut short\n")


# (id, arguments with {d} for the folder, exit code, what stderr must say)
CASES: list[tuple[str, list[str], int, list[str]]] = [
    # empty or missing RDF
    ("check-empty-file", ["check", "--no-reasoner", "{d}/empty.ttl"], 2, ["empty.ttl: empty file"]),
    ("check-empty-folder", ["check", "--no-reasoner", "{d}/emptydir"], 2,
     ["emptydir: no RDF file"]),
    ("check-rdfxml-syntax", ["check", "--no-reasoner", "{d}/bad.rdf"], 2,
     ["bad.rdf: syntax error: tag not closed"]),
    ("validate-empty-file", ["validate", "{d}/empty.ttl"], 2, ["empty.ttl: empty file"]),
    ("validate-blank-file", ["validate", "{d}/blank.ttl"], 2, ["blank.ttl: empty file"]),
    ("validate-empty-folder", ["validate", "{d}/emptydir"], 2,
     ["emptydir: no RDF file, CSV template"]),
    ("classify-empty-file", ["classify", "{d}/empty.ttl"], 2, ["empty.ttl: empty file"]),
    ("query-data-empty-file", ["query", "typology-matrix", "--data", "{d}/empty.ttl"], 2,
     ["empty.ttl: empty file"]),
    ("query-data-empty-folder", ["query", "typology-matrix", "--data", "{d}/emptydir"], 2,
     ["emptydir: no RDF file"]),
    ("export-empty-file", ["export", "{d}/empty.ttl", "--out", "{d}/exported"], 2,
     ["empty.ttl: empty file"]),
    # --as-of
    ("classify-as-of-negative", ["classify", "--as-of=-5", "{d}/good.ttl"], 2,
     ["-5: not a year"]),
    ("classify-as-of-huge", ["classify", "--as-of", "99999", "{d}/good.ttl"], 2,
     ["99999: not a year"]),
    ("export-as-of-zero", ["export", "{d}/good.ttl", "--as-of", "0", "--out", "{d}/exported"], 2,
     ["0: not a year"]),
    # outputs: a folder, under a file, over an input
    ("classify-out-folder", ["classify", "{d}/good.ttl", "--out", "{d}/emptydir"], 2,
     ["emptydir: is a folder"]),
    ("classify-out-over-input", ["classify", "{d}/good.ttl", "--format", "ttl", "--out",
                                 "{d}/good.ttl"], 2, ["good.ttl: the output would overwrite"]),
    ("import-out-folder", ["import", "{d}/valley", "--out", "{d}/emptydir"], 2,
     ["emptydir: is a folder"]),
    ("import-out-under-file", ["import", "{d}/valley", "--out", "{d}/good.ttl/x.ttl"], 2,
     ["x.ttl: cannot write here", "good.ttl is a file, not a folder"]),
    ("import-out-over-its-csv", ["import", "{d}/valley", "--out", "{d}/valley/cases.csv"], 2,
     ["cases.csv: the output would overwrite the input"]),
    ("export-out-xlsx-folder", ["export", "{d}/good.ttl", "--out", "{d}/out.xlsx"], 2,
     ["out.xlsx: is a folder"]),
    ("export-out-under-file", ["export", "{d}/good.ttl", "--out", "{d}/good.ttl/sheets"], 2,
     ["good.ttl is a file, not a folder"]),
    ("template-over-filled-csv", ["template", "--out", "{d}/valley"], 2,
     ["valley/cases.csv: holds data rows"]),
    ("template-over-foreign-readme", ["template", "--out", "{d}/mine"], 2,
     ["mine/README.md: exists and is not the template's"]),
    ("template-out-under-file", ["template", "--out", "{d}/good.ttl/t.xlsx"], 2,
     ["good.ttl is a file, not a folder"]),
    ("template-out-xlsx-folder", ["template", "--out", "{d}/out.xlsx"], 2,
     ["out.xlsx: is a folder"]),
    # query files
    ("sparql-not-utf8", ["sparql", "{d}/latin1.rq"], 2, ["latin1.rq:1:28: not valid UTF-8"]),
    ("sparql-folder", ["sparql", "{d}/emptydir"], 2, ["emptydir: is a folder"]),
    ("sparql-syntax-located", ["sparql", "{d}/bad.rq", "--data", str(DISTRICT)], 2,
     ["bad.rq:1:", "SPARQL syntax error"]),
    ("sparql-update", ["sparql", "{d}/update.rq", "--data", str(DISTRICT)], 2,
     ["update.rq: a SPARQL Update"]),
    # endpoints (refused before any connection)
    ("query-endpoint-space", ["query", "typology-matrix", "--endpoint", "http://127.0.0.1:9/q q"],
     2, ["http://127.0.0.1:9/q q: not a valid URL"]),
    ("query-endpoint-port", ["query", "typology-matrix", "--endpoint", "http://127.0.0.1:99999/q"],
     2, ["99999/q: not a valid URL"]),
    ("query-timeout-negative", ["query", "typology-matrix", "--endpoint", CLOSED,
                                "--timeout", "-1"], 2, ["timeout -1"]),
    ("query-timeout-nan", ["query", "typology-matrix", "--endpoint", CLOSED, "--timeout", "nan"],
     2, ["timeout nan"]),
    ("query-graph-not-iri", ["query", "typology-matrix", "--endpoint", CLOSED, "--graph", "a b"],
     2, ["graph 'a b': not an absolute IRI"]),
    ("load-graph-injection", ["load", "--endpoint", CLOSED, "--graph", "urn:x> } ; DROP ALL #",
                              "--method", "update"], 2, ["not an absolute IRI"]),
    ("load-store-url", ["load", "--endpoint", CLOSED, "--store-url", "nope"], 2,
     ["nope: not an http(s) URL"]),
    # hostile and broken inputs (see also test_hostile_input.py)
    ("validate-bom-only", ["validate", "{d}/bom.ttl"], 2, ["bom.ttl: empty file"]),
    ("classify-iri-with-space", ["classify", "{d}/space.ttl"], 2,
     ["space.ttl:1:1: syntax error: Invalid IRI code point ' '"]),
    ("export-broken-base", ["export", "{d}/base.ttl", "--out", "{d}/exported"], 2,
     ["base.ttl:1:7: syntax error"]),
    ("validate-remote-jsonld-context", ["validate", "{d}/remote.jsonld"], 2,
     ["remote.jsonld: syntax error: a JSON-LD @context given by URL or file is not loaded"]),
    ("check-rdfxml-dtd", ["check", "--no-reasoner", "{d}/laughs.rdf"], 2,
     ["laughs.rdf:2: a DTD or an XML entity declaration is refused"]),
    ("import-short-row", ["import", "{d}/short", "--out", "{d}/exported"], 1,
     ["short/cases.csv:", "column 'country': the row has 2 of the"]),
    ("sparql-service", ["sparql", "{d}/service.rq", "--data", str(DISTRICT)], 2,
     ["service.rq: SERVICE sends a request", "--federation"]),
    ("sparql-dev-zero", ["sparql", "/dev/zero"], 2, ["/dev/zero: more than 16,777,216 bytes"]),
    ("classify-out-dev-full", ["classify", "{d}/good.ttl", "--out", "/dev/full"], 2,
     ["/dev/full: cannot write here (no space left on device)"]),
    # docs (refused before any page is generated)
    ("docs-build-out-file", ["docs", "build", "--out", "{d}/good.ttl"], 2,
     ["good.ttl: exists and is not a folder"]),
    ("docs-serve-port", ["docs", "serve", "--no-build", "--port", "99999"], 2, ["port 99999"]),
    ("docs-serve-nothing-built", ["docs", "serve", "--no-build", "--out", "{d}/emptydir"], 2,
     ["emptydir: no built site here"]),
    # diagnose (more in test_diagnose_bad_input.py)
    ("diagnose-empty-register", ["diagnose", "{d}/empty.ttl", "{d}/blank.ttl"], 2,
     ["expected exactly one table of units"]),
]


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store cache for the session: the knowledge base of one case is built once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture()
def folder(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETORG_CACHE_DIR", str(cache))

    def served(*args: object, **kwargs: object) -> None:
        raise AssertionError("the docs were served although the input is unusable")

    monkeypatch.setattr("http.server.HTTPServer.serve_forever", served)  # fail, never hang
    data = tmp_path / "data"
    data.mkdir()
    inputs(data)
    return data


@pytest.mark.parametrize(("argv", "code", "says"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_line_and_loses_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, says: list[str]
) -> None:
    before = digests(folder)
    got, err = run([a.replace("{d}", str(folder)) for a in argv], capsys)
    assert got == code, err
    assert "Traceback" not in err
    assert 1 <= len(err.strip().splitlines()) <= 2, err
    for text in says:
        assert text in err
    assert digests(folder) == before, "an input file changed"
    assert not (folder / "exported").exists(), "an output was written for unusable input"


def test_a_folder_that_cannot_be_written_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (simulated: the tests may run as root, who may write anywhere)."""

    def refuse(*args: object, dir: str = "", **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/.tmp")

    monkeypatch.setattr("netorg.atomic.tempfile.mkstemp", refuse)
    out = folder / "ro" / "cases.ttl"
    code, err = run(["import", str(folder / "valley"), "--out", str(out)], capsys)
    assert code == 2 and "Traceback" not in err
    assert f"{out}: cannot write here (permission denied)" in err
    assert not out.exists()


def test_an_unwritable_cache_costs_no_answer(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETORG_CACHE_DIR", str(folder / "good.ttl"))  # a file, not a folder
    code, err = run(["query", "typology-matrix", "--data", str(folder / "good.ttl"),
                     "--format", "json"], capsys)
    assert code == 0, err
    assert (folder / "good.ttl").read_bytes() == DISTRICT.read_bytes()


def test_a_pipe_as_input_is_refused_and_as_output_stays_a_pipe(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Replacing `/dev/null` or `/dev/stdout` with a plain file would break the machine."""
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    code, err = run(["validate", str(pipe)], capsys)
    assert code == 2 and f"{pipe}: neither a file nor a folder" in err

    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, err = run(["import", str(folder / "valley"), "--out", str(pipe)], capsys)
    reader.join(timeout=10)
    assert code == 0, err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert received and b"case:example-valley" in received[0]


def test_an_output_through_a_symlink_keeps_the_link(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = folder / "real.csv"
    link = folder / "link.csv"
    link.symlink_to(target)
    for _ in range(2):  # created through the link, then replaced through it
        code, err = run(["classify", str(folder / "good.ttl"), "--format", "csv", "--out",
                         str(link)], capsys)
        assert code == 0, err
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("case,")


def test_an_atomic_output_gets_ordinary_permissions(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not mkstemp's private 0600: a new file follows the umask, a replaced one keeps its mode."""
    out = folder / "cases.ttl"
    umask = os.umask(0o022)
    try:
        assert run(["import", str(folder / "valley"), "--out", str(out)], capsys)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        assert run(["import", str(folder / "valley"), "--out", str(out)], capsys)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_a_template_may_be_written_again_over_an_empty_one(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guard against losing rows does not stop regenerating `cases/template/`."""
    out = folder / "template"
    for _ in range(2):
        code, err = run(["template", "--out", str(out)], capsys)
        assert code == 0, err
    assert (out / "cases.csv").read_text(encoding="utf-8").startswith("case_id,")


def test_a_filled_workbook_is_not_replaced_by_the_template(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = folder / "cases.xlsx"
    assert run(["template", "--out", str(book)], capsys)[0] == 0
    before = book.read_bytes()
    code, err = run(["template", "--out", str(book)], capsys)
    assert code == 2 and f"{book}: exists; the empty template would replace it" in err
    assert book.read_bytes() == before


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_the_real_command_line_names_bad_bytes_without_a_traceback(
    folder: Path, how: str
) -> None:
    """One run through the installed entry point, with real standard input."""
    query = folder / "latin1.rq"
    argv = [sys.executable, "-m", "netorg", "sparql", str(query) if how == "file" else "-"]
    result = subprocess.run(argv, input=query.read_bytes(), capture_output=True, timeout=60,
                            env={**os.environ, "NETORG_CACHE_DIR": str(folder / "cache")})
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err
    assert ":1:28: not valid UTF-8 (byte 0xe9)" in err


def test_every_command_has_a_case() -> None:
    from netorg.cli import COMMANDS

    tried = {argv[0] for _, argv, _, _ in CASES}
    assert tried == set(COMMANDS)



@pytest.mark.parametrize("argv, message", [
    (["validate", "--jobs", "0"], "0: expected 1 or more"),
    (["classify", "--jobs", "2", "--as-of", "-5"], "not a year"),
    (["validate", "--jobs", "2"], "empty file"),
])
def test_parallel_path_refuses_bad_input_too(tmp_path, argv, message) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "netorg", *argv, str(empty)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
