"""The query catalogue: one `.rq` file per competency question, described by its own header.

A header is a block of `#+ ` lines at the top of the file (grlc's habit) holding YAML: `id`,
`summary`, `question`, `params` (name, type, default, description), `returns` (what one row is),
`tags`, for tables that read better as a matrix, `pivot` (rows, columns, values), and for a column
whose values are codes the query writes itself (`BIND("broader" AS ?relation)`), `codes`: each
code's words. Every text a person reads (summary, question, returns, each description, each
code's words) is written `{en: ..., fr: ...}`, both required, so that `netorg query --list` and
`--describe`, its tables and the site speak the reader's language; the codes stay the answer's
values (CSV, JSON).
Parameters are bound by the engine, grlc's way: the query gets a one-row `VALUES` block at the head
of its outer `WHERE` group, written from RDF terms (pyoxigraph's `NamedNode` and `Literal`, which
validate IRIs and escape quotes, backslashes and line breaks), so a value is always one term, never
query text. The same text runs on the embedded store and on any endpoint, with the same meaning.
(pyoxigraph's own `substitutions=` would also do, but only for variables the query projects: it
would put `?lang` in every answer.) A parameter is thus visible to the outer group, its OPTIONALs
and their filters, not inside sub-queries or UNION branches' filters: catalogue queries keep them
there, and a test checks every query binds each parameter it declares.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg import CASE_NS, NS, WORK_NS
from netorg.errors import UnusableInput
from netorg.resources import queries_dir

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

PARAM_TYPES = ("iri", "string", "integer", "lang")
LANGUAGES = ("en", "fr")
# prefixes a user may write in an IRI parameter (`netorg:Cluster`, `case:prato`)
PREFIXES = {"netorg": NS, "case": CASE_NS, "work": WORK_NS}
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    description: str  # in English
    # language -> description, every language of LANGUAGES
    descriptions: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def describe(self, lang: str) -> str:
        """The description in `lang` (English for a language the catalogue is not written in)."""
        return self.descriptions.get(lang, self.description)


@dataclass(frozen=True)
class Query:
    id: str
    path: Path
    text: str
    summary: dict[str, str]
    question: dict[str, str]
    params: tuple[Param, ...]
    returns: dict[str, str]  # language -> what one row of the answer is
    tags: tuple[str, ...]
    pivot: dict[str, str] | None = None
    ordered: bool = field(default=False)
    # column -> code -> language -> words, for the codes the query writes in its answer
    codes: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict, compare=False)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def words(self, column: str, value: Any, lang: str) -> Any:
        """`value` of `column` as people read it in `lang`: a code's words, else the value."""
        said = self.codes.get(column, {}).get(value) if isinstance(value, str) else None
        return said[lang] if said else value


def parse(path: Path) -> Query:
    """Read one query file; a header lacking what the catalogue needs is unusable input."""
    import yaml

    text = path.read_text(encoding="utf-8")
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        header_lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise UnusableInput(f"{path}:{line}: header is not valid YAML: {exc}") from None
    if not isinstance(header, dict):
        raise UnusableInput(f"{path}:1: header must be a YAML mapping of `#+ ` lines")
    for key in ("id", "summary", "question", "returns"):
        if key not in header:
            raise UnusableInput(f"{path}:1: header has no `{key}`")
    if header["id"] != path.stem or not _NAME.match(str(header["id"])):
        raise UnusableInput(f"{path}:1: id {header['id']!r} must be the file name, in kebab-case")
    for key in ("summary", "question", "returns"):
        _check_languages(path, f"`{key}`", header[key])
    params = tuple(_param(path, raw) for raw in header.get("params") or [])
    codes = _codes(path, header.get("codes") or {})
    if not _WHERE.search(_code(text)):
        raise UnusableInput(f"{path}: the query must have an explicit `WHERE {{`")
    return Query(
        id=header["id"],
        path=path,
        text=text,
        summary=dict(header["summary"]),
        question=dict(header["question"]),
        params=params,
        returns={lang: str(text).strip() for lang, text in header["returns"].items()},
        tags=tuple(header.get("tags") or ()),
        pivot=header.get("pivot"),
        ordered=bool(re.search(r"\bORDER\s+BY\b", _code(text), re.IGNORECASE)),
        codes=codes,
    )


def _param(path: Path, raw: Any) -> Param:
    if not isinstance(raw, dict) or not {"name", "type", "default", "description"} <= set(raw):
        raise UnusableInput(f"{path}:1: each param needs name, type, default and description")
    if raw["type"] not in PARAM_TYPES:
        raise UnusableInput(
            f"{path}:1: param {raw['name']}: type {raw['type']!r} is not one of {PARAM_TYPES}"
        )
    _check_languages(path, f"param {raw['name']}: `description`", raw["description"])
    descriptions = {str(k): str(v).strip() for k, v in raw["description"].items()}
    return Param(
        str(raw["name"]), raw["type"], raw["default"], descriptions["en"], descriptions
    )


def _codes(path: Path, raw: Any) -> dict[str, dict[str, dict[str, str]]]:
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise UnusableInput(f"{path}:1: `codes` must map each column to its codes")
    for column, codes in raw.items():
        for code, said in codes.items():
            _check_languages(path, f"code {column}={code}", said)
    return {str(column): {str(code): {lang: str(said[lang]).strip() for lang in LANGUAGES}
                          for code, said in codes.items()} for column, codes in raw.items()}


def _check_languages(path: Path, what: str, value: Any) -> None:
    """A text the catalogue shows people must be given in every language of LANGUAGES."""
    if not isinstance(value, dict):
        raise UnusableInput(f"{path}:1: {what} must give `en` and `fr` ({{en: ..., fr: ...}})")
    missing = [lang for lang in LANGUAGES if not str(value.get(lang) or "").strip()]
    if missing or set(value) != set(LANGUAGES):
        detail = f"no `{'`, `'.join(missing)}`" if missing else "a language other than en and fr"
        raise UnusableInput(f"{path}:1: {what} must give exactly `en` and `fr` ({detail})")


@cache
def _catalogue(directory: Path) -> dict[str, Query]:
    return {path.stem: parse(path) for path in sorted(directory.glob("*.rq"))}


@cache
def _bundled() -> Path:
    return queries_dir().resolve()


def load(directory: Path | None = None) -> dict[str, Query]:
    """Every query of the catalogue by id, sorted by id."""
    # the bundled folder is resolved once: resolving it again cost a sub-millisecond query a
    # quarter of its time
    return _catalogue(directory.resolve() if directory else _bundled())


def get(name: str, directory: Path | None = None) -> Query:
    """The query called `name`; an unknown name is an error that suggests close ones."""
    catalogue = load(directory)
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.5)
    close += [q for q in catalogue if name in q and q not in close][: 3 - len(close)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `netorg query --list` lists them"
    raise UnusableInput(f"unknown query {name!r}{hint}")


def bind(query: Query, values: dict[str, Any]) -> dict[str, pyoxigraph.Term]:
    """Turn user values (or the defaults) into RDF terms, one per declared parameter."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        names = ", ".join(p.name for p in query.params) or "none"
        raise UnusableInput(
            f"query {query.id}: unknown parameter {', '.join(unknown)} (parameters: {names})"
        )
    return {
        p.name: term(p, values[p.name] if values.get(p.name) is not None else p.default, query.id)
        for p in query.params
    }


def term(param: Param, raw: Any, query_id: str = "") -> pyoxigraph.Term:
    """The RDF term for one value of `param`; a value of the wrong type is unusable input."""
    import pyoxigraph as ox

    where = f"query {query_id}: " if query_id else ""
    text = str(raw).strip()
    if param.type == "integer":
        if isinstance(raw, bool) or not _INTEGER.match(text):
            raise UnusableInput(f"{where}parameter {param.name}: {raw!r} is not an integer")
        return ox.Literal(int(text))
    if param.type == "lang":
        if not _LANG_TAG.match(text):
            raise UnusableInput(f"{where}parameter {param.name}: {raw!r} is not a language tag")
        return ox.Literal(text.lower())
    if param.type == "iri":
        prefix, _, local = text.partition(":")
        known = prefix in PREFIXES and not local.startswith("//")
        iri = PREFIXES[prefix] + local if known else text
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
            raise UnusableInput(f"{where}parameter {param.name}: {raw!r} is not an absolute IRI")
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise UnusableInput(
                f"{where}parameter {param.name}: {raw!r} is not an IRI: {exc}"
            ) from None
    return ox.Literal(str(raw))


def with_values(text: str, bindings: dict[str, pyoxigraph.Term]) -> str:
    """The query with a one-row `VALUES` block opening its outer `WHERE` group (grlc's way).

    Terms are written in their SPARQL syntax by pyoxigraph, which escapes quotes, backslashes and
    line breaks, so that any value stays one literal or one IRI.
    """
    if not bindings:
        return text
    end = _where_end(text)
    if end is None:
        raise UnusableInput("a query with parameters needs an explicit `WHERE {`")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(value) for value in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({row}) }}\n"
    return text[:end] + block + text[end:]


@lru_cache(maxsize=512)
def _where_end(text: str) -> int | None:
    """Where the outer `WHERE {` of a query text ends, found once per text."""
    match = _WHERE.search(_code(text))
    return None if match is None else match.end()


def _code(text: str) -> str:
    """The text with every comment line blanked (same length, so offsets still hold)."""
    return "\n".join(
        " " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n")
    )


def markdown_table(lang: str = "en", directory: Path | None = None) -> str:
    """The catalogue as a Markdown table (id, question, parameters), for the README and the site."""
    rows = ["| query | question | parameters |", "| --- | --- | --- |"]
    for query in load(directory).values():
        params = ", ".join(
            f"`{p.name}` ({p.type}, default `{p.default}`)" for p in query.params
        )
        question = query.question[lang].strip().replace("|", "\\|")
        rows.append(f"| `{query.id}` | {question} | {params or '—'} |")
    return "\n".join(rows) + "\n"
