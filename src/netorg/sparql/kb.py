"""The knowledge base from Python: run the catalogue's questions, or any SPARQL, as DataFrames.

    >>> import netorg
    >>> kb = netorg.KnowledgeBase()                      # bundled ontology and corpus, embedded
    >>> kb.query("typology-matrix", lang="fr")
    >>> kb = netorg.KnowledgeBase(endpoint="http://localhost:7878/query")   # a remote store

On the embedded store the knowledge base is the default graph; on an endpoint it is the named
graph `graph` (by default the one `netorg load` fills), queried as the default graph.

`timeout` limits an endpoint's answer (60 s when not given) and, when given, a query on the
embedded store too (`netorg.sparql.deadline`). An ad hoc query (`run_sparql`) may not call
`SERVICE` on the embedded store, which would send a request to wherever the query says, unless
`federation` is true.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg.errors import UnusableInput
from netorg.sparql import catalogue
from netorg.sparql.results import Result, from_oxigraph

_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
# a SPARQL Update: its first keyword after the prologue (comments, BASE, PREFIX)
_UPDATE = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:BASE|PREFIX)\s+[^<]*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)

_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _calls_service(text: str) -> bool:
    """Whether a query holds a SERVICE pattern (rdflib's parser tells a keyword from a string;
    a query it cannot read that holds the word is taken to call one)."""
    if not _SERVICE.search(text):
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except Exception:  # oxigraph reads more than rdflib: be safe
        return True
    return "ServiceGraphPattern" in repr(parsed)


if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyoxigraph

    from netorg.sparql.endpoint import Endpoint


class KnowledgeBase:
    """The bundled knowledge base (or your own case files) on the embedded store or an endpoint."""

    def __init__(
        self,
        paths: Sequence[str | Path] | None = None,
        endpoint: str | Endpoint | None = None,
        graph: str | None = None,
        *,
        timeout: float | None = None,
        cache: bool = True,
        federation: bool = False,
    ) -> None:
        if paths is not None and endpoint is not None:
            raise UnusableInput("give case files or an endpoint, not both (`netorg load` first)")
        self.paths = None if paths is None else [Path(p) for p in paths]
        self.cache = cache
        self.timeout = timeout
        self.federation = federation
        self._store: pyoxigraph.Store | None = None
        self.endpoint: Endpoint | None = None
        if endpoint is not None:
            from netorg.sparql.endpoint import DEFAULT_GRAPH, Endpoint

            seconds = 60.0 if timeout is None else timeout
            self.endpoint = (
                endpoint if isinstance(endpoint, Endpoint)
                else Endpoint(endpoint, graph=graph or DEFAULT_GRAPH, timeout=seconds)
            )
        else:
            from netorg.sparql.deadline import check_seconds

            check_seconds(timeout)

    # -- the store --------------------------------------------------------------------------------

    @property
    def store(self) -> pyoxigraph.Store:
        """The embedded store, built (or read from the cache) on first use."""
        if self._store is None:
            from netorg.sparql.store import open_store

            self._store = open_store(self.paths, cache=self.cache)
        return self._store

    # -- questions --------------------------------------------------------------------------------

    def run(self, name: str, **params: Any) -> Result:
        """The answer to catalogue query `name`, with `params` bound by the engine."""
        query = catalogue.get(name)
        text = catalogue.with_values(query.text, catalogue.bind(query, params))
        if self.endpoint is not None:
            return self.endpoint.select(text)
        return self._local(text, query.path)

    def run_sparql(self, text: str, source: str = "query") -> Result:
        """The answer to any SELECT or ASK query; `source` names it in errors (file:line:col)."""
        if self.endpoint is not None:
            return self.endpoint.select(text)
        if not self.federation and _calls_service(text):
            raise UnusableInput(
                f"{source}: SERVICE sends a request to another endpoint; refused on the embedded "
                "store unless you ask for it (--federation)"
            )
        return self._local(text, source, located=True)

    def _local(self, text: str, where: object, located: bool = False) -> Result:
        from netorg.sparql.deadline import within

        store = self.store  # built (or read from the cache) here, not in the worker
        return within(self.timeout, lambda: self._answer(store, text, where, located), where)

    def _answer(self, store: pyoxigraph.Store, text: str, where: object, located: bool) -> Result:
        try:
            answer = store.query(text)
        except SyntaxError as exc:
            if _UPDATE.match(text):
                raise UnusableInput(
                    f"{where}: a SPARQL Update; only SELECT and ASK queries give a table"
                ) from None
            at = _ERROR_AT.match(str(exc)) if located else None
            if at:  # oxigraph says "error at line:column: what"
                located_at = f"{where}:{at[1]}:{at[2]}"
                raise UnusableInput(f"{located_at}: SPARQL syntax error: {at[3]}") from None
            raise UnusableInput(f"{where}: SPARQL syntax error: {exc}") from None
        except OSError as exc:  # a SERVICE that failed (with federation allowed)
            raise UnusableInput(f"{where}: {_first_line(exc)}") from None
        if not hasattr(answer, "variables") and type(answer).__name__ != "QueryBoolean":
            raise UnusableInput(f"{where}: only SELECT and ASK queries give a table")
        try:
            return from_oxigraph(answer)
        except OSError as exc:
            raise UnusableInput(f"{where}: {_first_line(exc)}") from None

    def query(self, name: str, **params: Any) -> pandas.DataFrame:
        """Catalogue query `name` as a DataFrame (columns = variables; str, int, float values)."""
        return self.run(name, **params).to_dataframe()

    def sparql(self, text: str) -> pandas.DataFrame:
        """Any SELECT or ASK query as a DataFrame."""
        return self.run_sparql(text).to_dataframe()

    def queries(self, lang: str = "en") -> pandas.DataFrame:
        """The catalogue: one row per query, with its question and parameters."""
        import pandas

        rows = [
            {
                "id": q.id,
                "summary": q.summary[lang],
                "question": q.question[lang],
                "params": ", ".join(p.name for p in q.params),
                "tags": ", ".join(q.tags),
            }
            for q in catalogue.load().values()
        ]
        return pandas.DataFrame(rows, columns=["id", "summary", "question", "params", "tags"])

    # -- validation and classification, delegated ------------------------------------------------

    def _case_paths(self) -> list[Path]:
        from netorg.sparql.store import default_data

        return list(self.paths) if self.paths is not None else default_data()

    def validate(self) -> Any:
        """Validate the case files with the SHACL shapes (`netorg.shacl.validate.validate`)."""
        from netorg.shacl.validate import validate
        from netorg.sheets.inputs import load_cases

        return validate(load_cases(self._case_paths()))

    def classify(self, as_of: int | None = None) -> Any:
        """Classify the case files (`netorg.shacl.classify.classify`), as they stood in `as_of`."""
        from netorg.shacl.classify import classify
        from netorg.sheets.inputs import load_cases

        return classify(load_cases(self._case_paths()), as_of=as_of)
