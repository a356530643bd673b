"""Hostile and broken input: no request to anywhere the user did not name, no leaked credential, no
partial or duplicated graph, no traceback.

Every hostile file is written here, in the test's own folder. Each case asserts the documented exit
code and a message of one or two lines naming the file and place (or the URL), and, where the fault
was a request, that the listening server got none.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from netorg.cli import main
from netorg.sparql.endpoint import Endpoint

ROOT = Path(__file__).resolve().parents[1]
DISTRICT = ROOT / "tests" / "fixtures" / "cases" / "fixture-district.ttl"
CASE = "https://w3id.org/netorg/case/"
NETORG = "https://w3id.org/netorg#"
PREFIXES = (
    "@prefix netorg: <https://w3id.org/netorg#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.getbasetemp() / "hostile-cache"
    monkeypatch.setenv("NETORG_CACHE_DIR", str(folder))
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_clear_line(code: int, err: str, expected: int, *says: str) -> None:
    assert code == expected, err
    assert "Traceback" not in err
    assert 1 <= len(err.strip().splitlines()) <= 2, err
    for text in says:
        assert text in err, err


def case_turtle(name: str = "Evil case", case_id: str = "evil", extra: str = "") -> str:
    return PREFIXES + (
        f"<{CASE}{case_id}> a netorg:CaseStudy ; skos:prefLabel {json.dumps(name)} ;\n"
        f'    netorg:countryCode "FR" ; dcterms:source "A source." {extra}.\n'
    )


# -- a server that records what reaches it ------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers with the class's `answer` (status, headers, body); records every request."""

    answer: tuple[int, dict[str, str], bytes] = (200, {}, b"")
    seen: list[tuple[str, str, dict[str, str]]]

    def _answer(self) -> None:
        type(self).seen.append((self.command, self.path, dict(self.headers)))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = type(self).answer
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(status: int = 200, headers: dict[str, str] | None = None, body: bytes = b""
            ) -> Iterator[tuple[str, list]]:
    handler = type("Handler", (Recorder,), {"seen": [], "answer": (status, headers or {}, body)})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- one safe RDF parser ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["classify"],
                                     ["query", "typology-matrix", "--data"]],
                         ids=["validate", "classify", "query"])
def test_a_jsonld_context_given_by_url_is_never_fetched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with serving(body=b'{"@context": {"name": "http://www.w3.org/2004/02/skos/core#prefLabel"}}',
                 headers={"Content-Type": "application/ld+json"}) as (url, seen):
        doc = tmp_path / "case.jsonld"
        doc.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": f"{CASE}x",
                                   "name": "x"}), encoding="utf-8")
        code, _, err = run([*command, doc], capsys)
    assert seen == [], "netorg fetched the remote context"
    one_clear_line(code, err, 2, "case.jsonld", "@context given by URL or file is not loaded")


def test_a_jsonld_context_given_by_file_is_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = tmp_path / "context.jsonld"
    context.write_text(json.dumps({"@context": {"@vocab": NETORG}}), encoding="utf-8")
    doc = tmp_path / "case.jsonld"
    doc.write_text(json.dumps({"@context": context.as_uri(), "@id": f"{CASE}x",
                               "@type": "CaseStudy"}), encoding="utf-8")
    code, _, err = run(["validate", doc], capsys)
    one_clear_line(code, err, 2, "case.jsonld", "not loaded")


def test_a_billion_laughs_rdfxml_file_is_refused_at_once(tmp_path: Path) -> None:
    entities = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10)
    )
    bomb = tmp_path / "laughs.rdf"
    bomb.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 "lol">\n{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:s="http://www.w3.org/2004/02/skos/core#">\n'
        f'<rdf:Description rdf:about="{CASE}x"><s:prefLabel>&lol9;</s:prefLabel>'
        "</rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "netorg", "validate", str(bomb)],
                            capture_output=True, text=True, timeout=120)
    one_clear_line(result.returncode, result.stderr, 2, "laughs.rdf:2:", "DTD")


def test_an_external_entity_in_rdfxml_reads_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = tmp_path / "xxe.rdf"
    xxe.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:s="http://www.w3.org/2004/02/skos/core#">\n'
        f'<rdf:Description rdf:about="{CASE}x"><s:prefLabel>&x;</s:prefLabel>'
        "</rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    code, out, err = run(["classify", "--format", "json", xxe], capsys)
    one_clear_line(code, err, 2, "xxe.rdf:2:", "DTD")
    assert "TOP-SECRET" not in out + err


BROKEN_TURTLE = {
    "space.ttl": (f"<{CASE}a b> <{NETORG}countryCode> \"FR\" .\n", "space.ttl:1:"),
    "escaped.ttl": (f"<{CASE}a\\u003E> <{NETORG}countryCode> \"FR\" .\n", "escaped.ttl:1:"),
    "base.ttl": ("@base <not a base> .\n<x> <http://e/p> <http://e/o> .\n", "base.ttl:1:"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_TURTLE))
@pytest.mark.parametrize("command", ["validate", "classify", "export"])
def test_broken_turtle_iris_are_located_syntax_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    text, place = BROKEN_TURTLE[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    extra = ["--out", tmp_path / "out"] if command == "export" else []
    code, _, err = run([command, path, *extra], capsys)
    one_clear_line(code, err, 2, place, "syntax error")
    assert not (tmp_path / "out").exists()


def test_a_file_holding_only_a_bom_is_empty_and_a_bom_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bom = tmp_path / "bom.ttl"
    bom.write_bytes(b"\xef\xbb\xbf\n")
    code, _, err = run(["validate", bom], capsys)
    one_clear_line(code, err, 2, "bom.ttl: empty file")
    with_bom = tmp_path / "with-bom.ttl"
    with_bom.write_bytes(b"\xef\xbb\xbf" + DISTRICT.read_bytes())
    code, out, err = run(["validate", with_bom], capsys)
    assert code == 0 and "conforms (1 case study)" in out, err


def test_a_file_whose_name_is_not_utf8_is_read(tmp_path: Path, cache: Path) -> None:
    """Run as a subprocess with the name as bytes: a failure report must not carry the name's
    surrogates (pytest-xdist cannot send them)."""
    path = os.fsencode(tmp_path) + b"/caf\xe9.ttl"
    Path(os.fsdecode(path)).write_bytes(DISTRICT.read_bytes())
    env = {**os.environ, "NETORG_CACHE_DIR": str(cache)}
    for argv in ([b"validate", path], [b"query", b"typology-matrix", b"--data", path]):
        result = subprocess.run([sys.executable.encode(), b"-m", b"netorg", *argv],
                                capture_output=True, timeout=300, env=env)
        err = result.stderr.decode("utf-8", "backslashreplace")
        assert result.returncode == 0, ascii(err)
        assert b"conforms (1 case study)" in result.stdout or b"industrial district" in \
            result.stdout


def test_owl_imports_are_never_followed_by_the_reasoner_or_the_owl_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(body=b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>",
                 headers={"Content-Type": "application/rdf+xml"}) as (url, seen):
        onto = tmp_path / "mine.ttl"
        onto.write_text(
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            f"<https://example.org/mine> a owl:Ontology ; owl:imports <{url}/other.owl> , "
            "<file:///etc/passwd> .\n<https://example.org/mine#A> a owl:Class .\n",
            encoding="utf-8")
        _, out, err = run(["check", "--format", "json", "--profile", onto], capsys)
    assert seen == [], "an owl:imports was followed"
    assert "Traceback" not in err
    report = json.loads(out)
    ignored = sorted(f["term"] for f in report["findings"] if f["check"] == "imports-not-followed")
    assert ignored == ["file:///etc/passwd", f"{url}/other.owl"]
    assert report["reasoner"] is not None


# -- one safe HTTP session -------------------------------------------------------------------------

EMPTY_ANSWER = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'


def test_a_redirect_to_another_host_gets_no_credentials(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETORG_ENDPOINT_USER", "ada")
    monkeypatch.setenv("NETORG_ENDPOINT_PASSWORD", "s3cret")
    with serving(body=EMPTY_ANSWER, headers={"Content-Type": "application/sparql-results+json"}
                 ) as (elsewhere, stolen):
        other = elsewhere.replace("127.0.0.1", "localhost") + "/sparql"
        with serving(302, {"Location": other}) as (url, seen):
            code, _, err = run(["query", "typology-matrix", "--endpoint", f"{url}/query"],
                               capsys)
    assert stolen == [], "the redirect was followed to another host"
    assert seen and seen[0][2].get("Authorization")  # the named endpoint got them
    one_clear_line(code, err, 2, f"{url}/query", "redirected to another host")
    assert "s3cret" not in err


def test_credentials_in_the_url_are_sent_as_a_header_and_never_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETORG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("NETORG_ENDPOINT_PASSWORD", raising=False)
    closed = f"http://ada:s3cret@127.0.0.1:{free_port()}/query"
    code, _, err = run(["query", "typology-matrix", "--endpoint", closed, "--timeout", "2"], capsys)
    one_clear_line(code, err, 2, "unreachable")
    assert "s3cret" not in err and "ada" not in err
    with serving(body=EMPTY_ANSWER, headers={"Content-Type": "application/sparql-results+json"}
                 ) as (url, seen):
        secret_url = url.replace("http://", "http://ada:s3cret@") + "/query"
        endpoint = Endpoint(secret_url)
        assert endpoint.select("SELECT ?x WHERE { ?x ?p ?o }").rows == ()
    assert seen[-1][2]["Authorization"] == "Basic " + base64.b64encode(b"ada:s3cret").decode()
    assert "s3cret" not in repr(endpoint) + endpoint.url


GARBAGE = {
    "html": (b"<!DOCTYPE html><html><body>Please log in</body></html>", "an HTML page"),
    "bytes": (b"\xff\xfe\x00garbage", "not UTF-8"),
    "empty-object": (b"{}", "'head'"),
    "binding-without-type": (b'{"head": {"vars": ["x"]}, "results": {"bindings": '
                             b'[{"x": {"value": "1"}}]}}', "'type'"),
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_an_answer_that_is_not_sparql_json_is_one_line(
    capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    body, says = GARBAGE[kind]
    with serving(body=body, headers={"Content-Type": "application/sparql-results+json"}) as (
        url, _
    ):
        code, _, err = run(["query", "typology-matrix", "--endpoint", f"{url}/query"], capsys)
    one_clear_line(code, err, 2, f"{url}/query", "not SPARQL JSON results", says)


# -- one safe CSV writer, and terminal-safe text ---------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "\tTab", "'=already quoted"]


def test_exported_csv_cells_are_never_formulas_and_import_back_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    import rdflib

    source = tmp_path / "evil.ttl"
    source.write_text(
        "".join(case_turtle(name, f"c{i}") for i, name in enumerate(FORMULAS)), encoding="utf-8")
    out = tmp_path / "sheets"
    code, _, err = run(["export", source, "--out", out], capsys)
    assert code == 0, err
    with (out / "cases.csv").open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert sorted(names) == sorted("'" + name for name in FORMULAS)
    back = tmp_path / "back.ttl"
    code, _, err = run(["import", out, "--out", back], capsys)
    assert code == 0, err
    labels = rdflib.Graph().parse(back).objects(None, rdflib.SKOS.prefLabel)
    # as from a workbook, leading and trailing blanks of a cell are not kept (the tab)
    assert sorted(str(label) for label in labels) == sorted(name.strip() for name in FORMULAS)


def test_query_and_classify_csv_cells_are_never_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "evil.ttl"
    source.write_text(case_turtle(FORMULAS[0]), encoding="utf-8")
    query = tmp_path / "names.rq"
    query.write_text("SELECT ?name WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> "
                     "?name . FILTER(STRSTARTS(?name, '=')) }", encoding="utf-8")
    code, out, err = run(["sparql", query, "--data", source, "--format", "csv"], capsys)
    assert code == 0, err
    quoted = '"\'=HYPERLINK(""http://evil.example/"",""click"")"'
    assert out.splitlines()[1] == quoted
    code, out, err = run(["classify", source, "--format", "csv"], capsys)
    assert code == 0, err
    assert f",{quoted}," in out and '"=HYPERLINK' not in out


def test_control_characters_reach_no_terminal_and_are_a_violation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "escape.ttl"
    source.write_text(case_turtle("Red\x1b[31m alert\x07"), encoding="utf-8")
    query = tmp_path / "names.rq"
    query.write_text("SELECT ?name WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> "
                     "?name }", encoding="utf-8")
    for argv in (["classify", source], ["sparql", query, "--data", source],
                 ["query", "cases-by-class", "--data", source]):
        code, out, err = run(argv, capsys)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out, argv
    assert "Red\\x1b[31m alert\\x07" in run(["classify", source], capsys)[1]
    code, out, err = run(["validate", source], capsys)
    assert code == 1 and "\x1b" not in out
    assert "control character" in out and "skos:prefLabel" in out


def test_undeclared_terms_on_untyped_subjects_are_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.ttl"
    typo.write_text(PREFIXES + f"<{CASE}x> a netorg:Clustr .\n<{CASE}y> netorg:founded 1990 .\n",
                    encoding="utf-8")
    for engine in ("oxigraph", "pyshacl"):
        code, out, err = run(["validate", typo, "--engine", engine], capsys)
        assert code == 1, err
        assert "netorg:Clustr" in out and "netorg:founded" in out, engine
        assert "does not conform" in out


# -- SPARQL on the embedded store ------------------------------------------------------------------


def test_service_is_refused_on_the_embedded_store_unless_federation_is_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(500) as (url, seen):
        query = tmp_path / "service.rq"
        query.write_text(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
                         encoding="utf-8")
        code, _, err = run(["sparql", query, "--data", DISTRICT], capsys)
        one_clear_line(code, err, 2, "service.rq", "SERVICE", "--federation")
        assert seen == []
        code, _, err = run(["sparql", query, "--data", DISTRICT, "--federation"], capsys)
        one_clear_line(code, err, 2, "service.rq", "500")
        assert seen, "--federation did not let the SERVICE call go"


def test_a_literal_that_says_service_is_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = tmp_path / "word.rq"
    query.write_text('SELECT ("SERVICE <http://x/>" AS ?w) WHERE {}', encoding="utf-8")
    code, out, err = run(["sparql", query, "--data", DISTRICT, "--format", "csv"], capsys)
    assert code == 0 and "SERVICE" in out, err


def test_timeout_is_honoured_on_the_embedded_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = tmp_path / "endless.rq"
    query.write_text(SLOW, encoding="utf-8")
    started = time.monotonic()
    code, _, err = run(["sparql", query, "--data", DISTRICT, "--timeout", "1"], capsys)
    one_clear_line(code, err, 2, "endless.rq", "no answer within 1 s")
    assert time.monotonic() - started < 60


def test_a_query_file_without_end_is_capped(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["sparql", "/dev/zero"], capsys)
    one_clear_line(code, err, 2, "/dev/zero", "more than")


# -- outputs ------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [
    ["classify", str(DISTRICT), "--out", "/dev/full"],
    ["classify", str(DISTRICT), "--format", "csv", "--out", "/dev/full"],
    ["import", str(ROOT / "tests" / "fixtures" / "tabular" / "example-valley"), "--out",
     "/dev/full"],
], ids=["classify-table", "classify-csv", "import"])
def test_a_full_disk_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(argv, capsys)
    one_clear_line(code, err, 2, "/dev/full", "no space left")


def test_a_full_disk_mid_write_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    out = tmp_path / "cases.ttl"
    real = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if self.name.startswith(".cases.ttl"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full)
    code, _, err = run(["classify", DISTRICT, "--format", "ttl", "--out", out], capsys)
    one_clear_line(code, err, 2, "cases.ttl", "no space left")
    assert list(tmp_path.iterdir()) == []


# -- spreadsheets ----------------------------------------------------------------------------------


def template_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    book = tmp_path / "book.xlsx"
    assert run(["template", "--out", book, "--no-example"], capsys)[0] == 0
    return book


def rewrite_part(book: Path, part: str, change) -> None:
    with zipfile.ZipFile(book) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def sheet_part(book: Path, sheet: str) -> str:
    import openpyxl

    index = openpyxl.load_workbook(book).sheetnames.index(sheet) + 1
    return f"xl/worksheets/sheet{index}.xml"


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
], ids=["entity-bomb", "xxe"])
def test_a_workbook_with_a_dtd_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doctype: str
) -> None:
    book = template_workbook(tmp_path, capsys)
    part = sheet_part(book, "cases")

    def poison(xml: bytes) -> bytes:
        if not xml.startswith(b"<?xml"):
            return doctype.encode() + xml
        head, sep, rest = xml.partition(b"?>")
        return head + sep + doctype.encode() + rest

    rewrite_part(book, part, poison)
    code, _, err = run(["validate", book], capsys)
    one_clear_line(code, err, 2, f"book.xlsx!{part}:", "DTD")


def test_a_workbook_that_inflates_without_end_is_refused_before_it_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = template_workbook(tmp_path, capsys)
    opened: list[object] = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("xl/media/zeros.bin", "w") as handle:
        block = bytes(1 << 20)
        for _ in range(300):  # 300 MB of zeros, a 1.3 MB file
            handle.write(block)
    assert book.stat().st_size < 5 << 20
    code, _, err = run(["validate", book], capsys)
    one_clear_line(code, err, 2, "book.xlsx: the workbook inflates to")
    assert opened == []


def test_a_formula_with_no_saved_value_is_named_by_sheet_and_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    book = template_workbook(tmp_path, capsys)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["cases"]
    header = [cell.value for cell in sheet[1]]
    values = {"case_id": "x", "name": '=CONCAT("Val", "ley")', "country": "FR", "source": "S."}
    for name, value in values.items():
        sheet.cell(2, header.index(name) + 1, value)
    workbook.save(book)  # openpyxl saves formulas without a computed value
    letter = openpyxl.utils.get_column_letter(header.index("name") + 1)
    code, _, err = run(["validate", book], capsys)
    one_clear_line(code, err, 2, f"book.xlsx!cases!{letter}2", "formula", "no saved value")


def csv_folder(tmp_path: Path, rows: list[str]) -> Path:
    from netorg.sheets.read import SHEETS

    folder = tmp_path / "sheet"
    folder.mkdir()
    header = ",".join(c.name for c in SHEETS["cases"] if c.in_header)
    (folder / "cases.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_a_long_csv_cell_is_read_and_a_huge_one_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = "a" * 200_000
    folder = csv_folder(tmp_path, [f"x,{long_name},FR,,,,,,,,,S."])
    code, _, err = run(["import", folder, "--out", tmp_path / "x.ttl"], capsys)
    assert code == 0, err
    assert long_name in (tmp_path / "x.ttl").read_text(encoding="utf-8")
    huge = tmp_path / "huge"
    huge.mkdir()
    shutil.copy(folder / "cases.csv", huge / "cases.csv")
    with (huge / "cases.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"y,{'b' * 1_100_000},FR,,,,,,,,,S.\n")
    code, _, err = run(["import", huge, "--out", tmp_path / "y.ttl"], capsys)
    one_clear_line(code, err, 2, "huge/cases.csv:3:", "1,048,576 characters")
    assert not (tmp_path / "y.ttl").exists()


def test_a_short_csv_row_is_rejected_with_its_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = csv_folder(tmp_path, ["x,Good,FR,,,,,,,,,S.", "y,Cut short"])
    code, _, err = run(["import", folder, "--out", tmp_path / "x.ttl"], capsys)
    one_clear_line(code, err, 1, "sheet/cases.csv:3: column 'country'", "2 of the 12 cells")
    assert not (tmp_path / "x.ttl").exists()


# -- the store cache -------------------------------------------------------------------------------


def test_a_truncated_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netorg.sheets import inputs
    from netorg.sparql import store

    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache"))
    whole = len(store.open_store([DISTRICT]))
    cached = next((tmp_path / "cache").glob("kb-*.nt"))
    built: list[object] = []
    real = inputs.load_cases
    monkeypatch.setattr(inputs, "load_cases", lambda paths: (built.append(paths), real(paths))[1])
    data = cached.read_bytes()
    lines = data.splitlines(keepends=True)
    for cut in (b"".join(lines[: len(lines) // 2]), data[: len(data) // 2 + 7]):
        cached.write_bytes(cut)  # at a line's end (fewer triples), then in a line
        assert len(store.open_store([DISTRICT])) == whole
    assert len(built) == 2
    assert len(store.open_store([DISTRICT])) == whole and len(built) == 2  # whole again


def test_a_hidden_file_read_as_data_is_part_of_the_cache_key(tmp_path: Path) -> None:
    from netorg.sheets.inputs import load_cases
    from netorg.sparql import store

    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(DISTRICT, folder / "district.ttl")
    hidden = folder / ".extra.ttl"
    hidden.write_text(case_turtle("Hidden one", "hidden"), encoding="utf-8")
    assert len(set(load_cases([folder]).subjects())) > 1  # the loaders read it
    key = store.cache_key([folder])
    hidden.write_text(case_turtle("Hidden two", "hidden"), encoding="utf-8")
    assert store.cache_key([folder]) != key


# -- parallel runs: signals and workers ------------------------------------------------------------


def test_jobs_never_start_more_workers_than_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netorg.shacl import batch

    folder = tmp_path / "three"
    folder.mkdir()
    for i in range(3):
        (folder / f"c{i}.ttl").write_text(case_turtle(f"Case {i}", f"c{i}"), encoding="utf-8")
    started: list[int] = []
    real = batch._context

    class Counting:
        def __init__(self) -> None:
            self.context = real()

        def Pool(self, processes: int, **kwargs: object):
            started.append(processes)
            return self.context.Pool(processes=processes, **kwargs)

    monkeypatch.setattr(batch, "_context", Counting)
    found = batch.validate_and_classify([folder], jobs=12, chunk_size=1)
    assert found.chunks == 3 and started == [3]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _as_a_shell_starts_it() -> None:
    """The command starts as an interactive shell starts it: SIGINT and SIGTERM unblocked, with
    their default actions. A child inherits an ignored or blocked signal across exec, and the test
    process may hold one from its harness or a library another test loaded (in the whole suite the
    SIGINT run once ended with exit 0, the signal never seen; alone it always passed)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.fixture(scope="module")
def many_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    folder = tmp_path_factory.mktemp("many")
    generate(750, folder, seed=5)  # three chunks of 250 cases
    return folder


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize(("signum", "code", "word"), [(signal.SIGTERM, 143, "terminated"),
                                                       (signal.SIGINT, 130, "interrupted")],
                         ids=["sigterm", "sigint"])
def test_a_signal_during_a_parallel_run_ends_the_workers_and_leaves_nothing(
    tmp_path: Path, many_cases: Path, signum: int, code: int, word: str
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "netorg", "classify", "--jobs", "2", str(many_cases),
         "--format", "csv", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temporary), "NETORG_CACHE_DIR": str(tmp_path / "c")},
        preexec_fn=_as_a_shell_starts_it,
    )
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = children(process.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(0.5)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert "Traceback" not in err and f"netorg classify: {word}" in err
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)], "a worker runs on"
    assert list(temporary.iterdir()) == [], "a temporary folder was left"
    assert not out.exists()


# -- atomic remote loads ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server is not installed (pip install oxigraph)"
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind",
         f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("oxigraph did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def graphs(server: str) -> dict[str, int]:
    query = urllib.parse.quote("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                               "GROUP BY ?g")
    request = urllib.request.Request(f"{server}/query?query={query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.load(response)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in answer["results"]["bindings"]}


@contextmanager
def failing_proxy(server: str, after: int) -> Iterator[str]:
    """Forwards to `server`, but answers 500 to every INSERT DATA after the first `after`."""
    inserts = {"n": 0}

    class Proxy(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if b"INSERT+DATA" in body or b"INSERT DATA" in body:
                inserts["n"] += 1
                if inserts["n"] > after:
                    self.send_response(500)
                    self.send_header("Content-Length", "6")
                    self.end_headers()
                    self.wfile.write(b"broken")
                    return
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() in ("content-type", "accept", "authorization")}
            request = urllib.request.Request(f"{server}{self.path}", data=body or None,
                                             method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, data, kind = response.status, response.read(), response.headers.get(
                        "Content-Type", "text/plain")
            except urllib.error.HTTPError as error:
                status, data, kind = error.code, error.read(), "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _forward

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_server_failing_after_the_first_chunk_keeps_the_old_graph(
    oxigraph: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import netorg.sparql.endpoint as endpoint

    graph = "https://w3id.org/netorg/test-atomic"
    assert main(["load", "--endpoint", f"{oxigraph}/query", "--graph", graph, "--data",
                 str(DISTRICT)]) == 0
    before = graphs(oxigraph)
    monkeypatch.setattr(endpoint, "CHUNK_TRIPLES", 500)  # several chunks
    with failing_proxy(oxigraph, after=1) as proxy:
        code, _, err = run(["load", "--endpoint", f"{proxy}/query", "--graph", graph,
                            "--method", "update", "--data", DISTRICT], capsys)
    one_clear_line(code, err, 2, "HTTP 500")
    assert graphs(oxigraph) == before, "a partial graph, or a temporary one, was left"


def test_two_loads_at_once_duplicate_nothing(
    oxigraph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netorg.sparql.endpoint as endpoint
    from netorg.sparql.store import dump, open_store

    graph = "https://w3id.org/netorg/test-concurrent"
    triples = dump(open_store([DISTRICT]))  # the ontology's blank nodes included
    expected = len({line for line in triples.decode().splitlines() if line.strip()})
    monkeypatch.setattr(endpoint, "CHUNK_TRIPLES", 500)
    failures: list[BaseException] = []

    def load() -> None:
        try:
            endpoint.load(endpoint.Endpoint(f"{oxigraph}/query", graph=graph), triples, "update")
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert failures == []
    held = graphs(oxigraph)
    assert held[graph] == expected
    assert not [g for g in held if g.startswith("urn:netorg:load:")]
