"""A real Oxigraph server answers every catalogue query as the embedded store does; a server that
is down, slow or failing gives one line, after a bounded number of retries."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from netorg import KnowledgeBase
from netorg.cli import main
from netorg.errors import EndpointError
from netorg.sparql import catalogue
from netorg.sparql.endpoint import DEFAULT_GRAPH, Endpoint, load
from netorg.sparql.results import same_answer
from netorg.sparql.store import dump, open_store
from queries_helpers import CacheEnv, shared_cache

pytestmark = pytest.mark.server
QUERIES = catalogue.load()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Iterator[Path]:
    with CacheEnv(shared_cache(tmp_path_factory)) as folder:
        yield folder


@pytest.fixture(scope="module")
def server(tmp_path_factory, cache) -> Iterator[str]:
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server is not installed (pip install oxigraph)"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("oxigraph did not start") from None
                time.sleep(0.1)
        assert main(["load", "--endpoint", url]) == 0
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def embedded(cache) -> KnowledgeBase:
    kb = KnowledgeBase()
    assert len(kb.store) > 0  # built (or read from the cache) while the cache folder is set
    return kb


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_answers_the_same_on_the_server(server, embedded, name: str) -> None:
    remote = KnowledgeBase(endpoint=server)
    for lang in ("en", "fr"):
        params = {"lang": lang} if QUERIES[name].param("lang") else {}
        here, there = embedded.run(name, **params), remote.run(name, **params)
        assert here.rows, f"{name}: no rows on the embedded store"
        assert same_answer(here, there, ordered=QUERIES[name].ordered), name


def test_loading_twice_replaces_the_graph(server, capsys) -> None:
    endpoint = Endpoint(server)
    first = endpoint.count()
    assert main(["load", "--endpoint", server]) == 0
    assert "Graph Store Protocol" in capsys.readouterr().out
    assert endpoint.count() == first
    assert main(["load", "--endpoint", server, "--method", "update"]) == 0
    assert "SPARQL Update" in capsys.readouterr().out
    assert endpoint.count() == first
    # blank nodes were kept whole across INSERT DATA chunks: the typology still reads back
    matrix = KnowledgeBase(endpoint=server).run("typology-matrix")
    assert len(matrix.rows) == 4


def test_update_loading_in_small_chunks_keeps_blank_nodes(server, cache) -> None:
    graph = "https://w3id.org/netorg/test-chunks"
    endpoint = Endpoint(server, graph=graph)
    triples = dump(open_store())
    import netorg.sparql.endpoint as module

    updates: list[str] = []
    real_update = endpoint.update
    endpoint.update = lambda text: (updates.append(text), real_update(text))[1]
    original = module.CHUNK_TRIPLES
    module.CHUNK_TRIPLES = 500
    try:
        load(endpoint, triples, method="update")
    finally:
        module.CHUNK_TRIPLES = original
    assert len(updates) > 10 and updates[0].startswith("INSERT DATA { GRAPH <urn:netorg:load:")
    assert updates[-2].startswith("COPY SILENT GRAPH <urn:netorg:load:")
    assert updates[-1].startswith("DROP SILENT GRAPH <urn:netorg:load:")
    assert endpoint.count() == Endpoint(server, graph=DEFAULT_GRAPH).count()
    assert len(KnowledgeBase(endpoint=endpoint).run("compare-typology-forms").rows) > 0


def test_the_named_graph_is_what_queries_read(server) -> None:
    empty = KnowledgeBase(endpoint=server, graph="https://w3id.org/netorg/nothing-here")
    assert empty.run("typology-matrix").rows == ()


def test_a_refused_query_is_one_line_with_its_status(server, tmp_path: Path, capsys) -> None:
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    assert main(["sparql", str(query), "--endpoint", server]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "HTTP 400" in err and server in err


def test_sparql_command_reads_standard_input(server, monkeypatch, capsys) -> None:
    import io

    text = "PREFIX netorg: <https://w3id.org/netorg#> ASK { netorg:Cluster ?p ?o }"
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["sparql", "-", "--endpoint", server, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"answer": True}]


# -- failing servers ------------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """A handler whose class attributes say how to answer and record what came."""

    status = 500
    delay = 0.0
    seen: ClassVar[list[dict]] = []

    def _answer(self) -> None:
        type(self).seen.append(dict(self.headers))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        time.sleep(self.delay)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}' if self.status == 200 \
            else b"internal failure\nwith a second line"
        try:
            self.send_response(self.status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (time-out)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_server() -> Iterator[tuple[str, type[Recorder]]]:
    handler = type("Handler", (Recorder,), {"seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_server_that_is_down(capsys) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    endpoint = Endpoint(url, retries=2, backoff=0.01)
    with pytest.raises(EndpointError, match=r"unreachable .*after 3 attempts"):
        endpoint.select("ASK {}")
    started = time.monotonic()
    assert main(["query", "typology-matrix", "--endpoint", url]) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and url in err and "unreachable" in err


def test_a_slow_server_times_out_without_retrying(fake_server) -> None:
    url, handler = fake_server
    handler.status, handler.delay = 200, 3.0
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"no answer within 0\.5 s") as failure:
        Endpoint(url, timeout=0.5, retries=3, backoff=0.01).select("ASK {}")
    assert time.monotonic() - started < 2.5
    assert url in str(failure.value) and len(handler.seen) == 1


def test_a_failing_server_is_retried_then_reported(fake_server) -> None:
    url, handler = fake_server
    handler.status = 500
    with pytest.raises(EndpointError) as failure:
        Endpoint(url, retries=3, backoff=0.01).select("SELECT ?x WHERE { ?x ?p ?o }")
    assert len(handler.seen) == 4
    message = str(failure.value)
    assert "\n" not in message and url in message and "HTTP 500" in message
    assert "after 4 attempts" in message


def test_a_503_is_retried_too(fake_server) -> None:
    url, handler = fake_server
    handler.status = 503
    with pytest.raises(EndpointError, match="HTTP 503"):
        Endpoint(url, retries=1, backoff=0.01).select("ASK {}")
    assert len(handler.seen) == 2


def test_credentials_come_from_the_environment(fake_server, monkeypatch) -> None:
    url, handler = fake_server
    handler.status = 200
    monkeypatch.setenv("NETORG_ENDPOINT_USER", "ada")
    monkeypatch.setenv("NETORG_ENDPOINT_PASSWORD", "s3cret")
    assert Endpoint(url).select("SELECT ?x WHERE { ?x ?p ?o }").rows == ()
    expected = "Basic " + base64.b64encode(b"ada:s3cret").decode()
    assert handler.seen[-1].get("Authorization") == expected


def test_chunks_never_split_a_blank_node() -> None:
    from netorg.sparql.endpoint import _chunks

    lines = [f"<http://e/s{i}> <http://e/p> <http://e/o> ." for i in range(10)]
    lines[3] = "<http://e/a> <http://e/p> _:b1 ."
    lines[8] = '_:b1 <http://e/q> "_:not a node" .'
    chunks = [chunk.splitlines() for chunk in _chunks("\n".join(lines), size=3)]
    assert sorted(line for chunk in chunks for line in chunk) == sorted(lines)
    holder = [chunk for chunk in chunks if lines[3] in chunk]
    assert len(holder) == 1 and lines[8] in holder[0]
