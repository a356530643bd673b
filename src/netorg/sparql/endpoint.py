"""Remote SPARQL 1.1 endpoints: ask questions through SPARQLWrapper, push the knowledge base.

The knowledge base lives on a remote store in one named graph (`DEFAULT_GRAPH` unless told), which
queries read as their default graph (`default-graph-uri`). `load` replaces that graph whole, by a
Graph Store Protocol PUT where the store offers one, else by SPARQL Update: `INSERT DATA` in chunks
(that never split the triples of one blank node) into a temporary named graph of its own, whose
count is checked, then one `COPY` over the knowledge base's graph, checked by its count too. A
failure on the way drops the temporary graph and leaves the old graph as it was; two loads at once
each copy a whole graph, and a copy that another one interleaved with is redone, so nothing is
duplicated.

Credentials come from the environment, `NETORG_ENDPOINT_USER` and `NETORG_ENDPOINT_PASSWORD` (HTTP
Basic), or from the endpoint URL's `user:password@` part; they are sent only in the `Authorization`
header, through the one session of `netorg.sparql.http` (no redirect to another host), and no
message shows them.
Connection failures and HTTP 5xx answers are retried with exponential back-off, a bounded number
of times; a time-out is not retried (a slow store only gets slower). Every failure ends in one
`EndpointError` line naming the URL and, when there is one, the HTTP status.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from netorg.errors import EndpointError
from netorg.sparql import http
from netorg.sparql.results import Result, from_json

DEFAULT_GRAPH = "https://w3id.org/netorg/kb"
USER_ENV = "NETORG_ENDPOINT_USER"
PASSWORD_ENV = "NETORG_ENDPOINT_PASSWORD"
CHUNK_TRIPLES = 5000
SWAP_ATTEMPTS = 8
T = TypeVar("T")


class _Retryable(Exception):
    """A failure worth another try: the connection failed or the server erred (5xx)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Endpoint:
    """A SPARQL 1.1 endpoint and how to talk to it.

    `url` answers queries; `update_url` takes updates and `store_url` is the Graph Store Protocol
    service. Both are derived from Oxigraph's layout (`/query`, `/update`, `/store`) when not given.
    """

    url: str
    graph: str | None = DEFAULT_GRAPH
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.5
    login: tuple[str, str] | None = field(default=None, repr=False)  # from the URL, if any

    def __post_init__(self) -> None:
        for name in ("url", "update_url", "store_url"):
            url = getattr(self, name)
            if url is not None:
                _check_url(url)
                bare, login = http.split_credentials(url)
                setattr(self, name, bare)
                self.login = self.login or login
        if self.graph is not None:
            _check_graph(self.graph)
        if not 0 < self.timeout < float("inf"):  # also refuses NaN
            raise EndpointError(f"timeout {self.timeout:g}: expected a number of seconds above 0")
        if self.update_url is None:
            self.update_url = _sibling(self.url, "update") or self.url
        if self.store_url is None:
            self.store_url = _sibling(self.url, "store")

    # -- queries ----------------------------------------------------------------------------------

    def select(self, text: str, graph: bool = True) -> Result:
        """The answer to a SELECT or ASK query, read from the knowledge base's graph (`graph`)
        or from the whole store."""
        from SPARQLWrapper import JSON

        client = self._client(self.url, graph=graph)
        _set_query(client, text)
        client.setReturnFormat(JSON)
        client.setMethod("POST")
        if client.queryType not in ("SELECT", "ASK"):
            raise EndpointError(f"{self.url}: only SELECT and ASK queries give a table")
        body = self._with_retries(self.url, lambda: client.query().response.read())
        return _results(self.url, body)

    def construct(self, text: str) -> bytes:
        """The triples a CONSTRUCT or DESCRIBE query builds, as N-Triples."""
        from SPARQLWrapper import TURTLE

        client = self._client(self.url)
        client.setQuery(text)
        client.setReturnFormat(TURTLE)
        client.setMethod("POST")
        client.addCustomHttpHeader("Accept", "application/n-triples")
        return self._with_retries(self.url, lambda: client.query().response.read())

    def update(self, text: str) -> None:
        """Run a SPARQL Update on the update service."""
        from SPARQLWrapper import POST

        assert self.update_url is not None
        client = self._client(self.update_url, graph=False)
        client.setQuery(text)
        client.setMethod(POST)
        self._with_retries(self.update_url, lambda: client.query().response.read())

    def count(self) -> int:
        """How many triples the knowledge base's graph holds."""
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0] or 0)

    # -- plumbing ---------------------------------------------------------------------------------

    def _client(self, url: str, graph: bool = True) -> Any:
        from SPARQLWrapper import SPARQLWrapper

        client = SPARQLWrapper(url)
        client.timeout = self.timeout  # setTimeout() would round to whole seconds
        if graph and self.graph:
            client.addDefaultGraph(self.graph)
        http.install_in_sparqlwrapper()
        user, password = credentials(self.login)
        if user is not None:
            client.setCredentials(user, password or "")
        return client

    def _with_retries(self, url: str, call: Callable[[], T]) -> T:
        attempts = self.retries + 1
        for attempt in range(attempts):
            try:
                return _translated(url, call, self.timeout)
            except _Retryable as failure:
                if attempt + 1 == attempts:
                    tries = f" after {attempts} attempts" if attempts > 1 else ""
                    raise EndpointError(f"{failure.message}{tries}") from None
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover


def credentials(login: tuple[str, str] | None = None) -> tuple[str | None, str | None]:
    """The HTTP Basic credentials: the environment's, else the URL's (none: anonymous)."""
    if os.environ.get(USER_ENV) is not None or login is None:
        return os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    return login


def _set_query(client: Any, text: str) -> None:
    """Give SPARQLWrapper the query, with the query form read past every comment line.

    SPARQLWrapper finds the form (SELECT, ADD, ...) by searching the text once comments are
    removed, but its comment pattern eats the line break a following comment needs, so every
    other line of a block of comments stays in: a catalogue header saying "the mechanism it adds"
    made a SELECT look like an ADD. The form is read on the text with whole comment lines
    blanked; the query is sent as written."""
    with warnings.catch_warnings():  # it warns when it cannot tell the query's type
        warnings.simplefilter("ignore", RuntimeWarning)
        client.setQuery("\n".join("" if line.lstrip().startswith("#") else line
                                  for line in text.split("\n")))
        form = client.queryType
        client.setQuery(text)
    client.queryType = form


def _results(url: str, body: bytes) -> Result:
    """SPARQL JSON results, or one line naming the URL: HTML, garbage, `{}`, a binding without
    a type are not answers."""
    try:
        return from_json(json.loads(body.decode("utf-8")))
    except UnicodeDecodeError:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results (not UTF-8)") from None
    except json.JSONDecodeError:
        start = body.lstrip()[:1]
        what = "an HTML page" if start == b"<" else "not JSON"
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results ({what})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results ({exc})") from None


def _check_url(url: str) -> None:
    """An http(s) URL with a host, and nothing (spaces, control characters) urllib would refuse."""
    shown = http.shown(url) if "@" in url else url
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError when out of range
    except ValueError as exc:
        raise EndpointError(f"{shown}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{shown}: not an http(s) URL")
    if any(c.isspace() or ord(c) < 32 or c in "<>\"" for c in url):
        raise EndpointError(f"{shown}: not a valid URL (spaces or control characters)")


def _check_graph(graph: str) -> None:
    """An absolute IRI: it is written into SPARQL Update text, so it must be one term."""
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(graph)
    except ValueError as exc:
        raise EndpointError(f"graph {graph!r}: not an absolute IRI ({exc})") from None


def _sibling(url: str, service: str) -> str | None:
    """Oxigraph's sibling service of a `/query` URL (`/update`, `/store`), or None."""
    parts = urllib.parse.urlsplit(url)
    if not parts.path.rstrip("/").endswith("/query"):
        return None
    path = parts.path.rstrip("/")[: -len("query")] + service
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _translated(url: str, call: Callable[[], T], timeout: float) -> T:
    """Run `call`; turn what goes wrong into a retryable failure or one `EndpointError` line."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    statuses = {
        "QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
        "URITooLong": 414, "EndPointInternalError": 500,
    }
    try:
        return call()
    except SPARQLWrapperException as exc:
        status = statuses.get(type(exc).__name__, 0)
        detail = _first_line(str(exc).split("Response:", 1)[-1])
        message = f"{url}: HTTP {status}: {detail}" if status else f"{url}: {detail}"
        if status >= 500:
            raise _Retryable(message) from None
        raise EndpointError(message) from None
    except urllib.error.HTTPError as exc:
        message = f"{url}: HTTP {exc.code}: {_first_line(_body(exc)) or exc.reason}"
        if exc.code >= 500:
            raise _Retryable(message) from None
        raise EndpointError(message) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{url}: no answer within {timeout:g} s") from None
        raise _Retryable(f"{url}: unreachable ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise EndpointError(f"{url}: no answer within {timeout:g} s") from None
    except (ConnectionError, OSError) as exc:
        raise _Retryable(f"{url}: unreachable ({_reason(exc)})") from None
    except json.JSONDecodeError:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON") from None


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__


def _body(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read().decode("utf-8", "replace")
    except Exception:  # the body is a courtesy; the status says enough
        return ""


def _first_line(text: str) -> str:
    text = text.strip().strip("b'\"").replace("\\n", "\n").strip()
    return text.splitlines()[0].strip() if text else ""


# -- loading --------------------------------------------------------------------------------------


def load(endpoint: Endpoint, ntriples: bytes, method: str = "auto") -> str:
    """Replace the knowledge base's named graph with `ntriples`; return the method used.

    `method` is `gsp` (Graph Store Protocol PUT), `update` (SPARQL Update) or `auto` (GSP when the
    endpoint has a store service that accepts the PUT, else SPARQL Update).
    """
    if not endpoint.graph:
        raise EndpointError(f"{endpoint.url}: loading needs a named graph (--graph)")
    if method in ("auto", "gsp") and endpoint.store_url:
        try:
            _put(endpoint, ntriples)
            return "gsp"
        except EndpointError:
            if method == "gsp":
                raise
    elif method == "gsp":
        raise EndpointError(f"{endpoint.url}: no Graph Store Protocol URL (--store-url)")
    _load_by_update(endpoint, ntriples)
    return "update"


def _load_by_update(endpoint: Endpoint, ntriples: bytes) -> None:
    """Fill a temporary graph of this load's own, check its count, then copy it over the graph.

    A store may run two copies at once without isolation (Oxigraph does: both drop, both add, and
    blank nodes come twice), so the graph's count is checked after the copy, and the copy redone
    after a random pause until it holds; the temporary graph is dropped whatever happens.
    """
    temporary = f"urn:netorg:load:{uuid.uuid4()}"
    lines = {line for line in ntriples.decode("utf-8").splitlines() if line.strip()}
    try:
        for chunk in _chunks("\n".join(sorted(lines))):
            endpoint.update(f"INSERT DATA {{ GRAPH <{temporary}> {{\n{chunk}\n}} }}")
        held = _graph_count(endpoint, temporary)
        if held != len(lines):
            raise EndpointError(
                f"{endpoint.update_url}: the store holds {held} of the {len(lines)} triples sent; "
                f"<{endpoint.graph}> is left as it was"
            )
        for attempt in range(SWAP_ATTEMPTS):
            endpoint.update(f"COPY SILENT GRAPH <{temporary}> TO GRAPH <{endpoint.graph}>")
            if _graph_count(endpoint, str(endpoint.graph)) == len(lines):
                return
            time.sleep(random.uniform(0.05, 0.5) * (attempt + 1))  # another load copies too
        raise EndpointError(
            f"{endpoint.update_url}: <{endpoint.graph}> kept changing while it was replaced "
            "(another load at the same time?); load again"
        )
    finally:
        # the store may be gone: the graph it held is as it was, the temporary one unused
        with contextlib.suppress(EndpointError):
            endpoint.update(f"DROP SILENT GRAPH <{temporary}>")


def _graph_count(endpoint: Endpoint, graph: str) -> int:
    answer = endpoint.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", graph=False
    )
    return int(answer.rows[0][0] or 0)


def _put(endpoint: Endpoint, ntriples: bytes) -> None:
    assert endpoint.store_url is not None and endpoint.graph is not None
    query = urllib.parse.urlencode({"graph": endpoint.graph})
    url = f"{endpoint.store_url}?{query}"
    request = urllib.request.Request(
        url, data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    user, password = credentials(endpoint.login)
    if user is not None:
        request.add_header("Authorization", http.basic(user, password or ""))

    def send() -> None:
        with http.urlopen(request, timeout=endpoint.timeout) as response:
            response.read()

    endpoint._with_retries(endpoint.store_url, send)


def _chunks(ntriples: str, size: int | None = None) -> Iterator[str]:
    """N-Triples lines in chunks, keeping every triple that shares a blank node in one chunk.

    A blank node label is scoped to one INSERT DATA request: split across two, one node would
    become two.
    """
    size = size or CHUNK_TRIPLES
    lines = [line for line in ntriples.splitlines() if line.strip()]
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for index, line in enumerate(lines):
        for label in _blank_labels(line):
            if label in first_with:
                parent[root(index)] = root(first_with[label])
            else:
                first_with[label] = index
    groups: dict[int, list[str]] = {}
    for index, line in enumerate(lines):
        groups.setdefault(root(index), []).append(line)
    chunk: list[str] = []
    for group in groups.values():
        if chunk and len(chunk) + len(group) > size:
            yield "\n".join(chunk)
            chunk = []
        chunk.extend(group)
    if chunk:
        yield "\n".join(chunk)


def _blank_labels(line: str) -> list[str]:
    """Blank node labels of one N-Triples line (subject and object; never inside a literal)."""
    labels = []
    if line.startswith("_:"):
        labels.append(line.split(" ", 1)[0])
    stripped = line.rstrip().rstrip(".").rstrip()
    last = stripped.rsplit(" ", 1)[-1]
    if last.startswith("_:"):
        labels.append(last)
    return labels
