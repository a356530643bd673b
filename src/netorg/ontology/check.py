"""The ontology's quality gate: hygiene checks as SPARQL files, counts, and (optionally) HermiT.

Each check is a SELECT query in `ontology/checks/` whose `#+` header gives its id, severity and
bilingual summary and message; every row it returns is one finding about the term in `?term`.
Adding a check is adding a file. The queries run on Oxigraph, which is many times faster than
rdflib's SPARQL engine on the same graph (see `engine`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg.errors import UnusableInput

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from netorg.ontology.reasoner import Reasoning

SEVERITIES = ("error", "warning", "info")
NETORG = "https://w3id.org/netorg#"
_HEADER = re.compile(r"^#\+\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_REQUIRED = ("id", "severity", "summary_en", "summary_fr")


@dataclass(frozen=True)
class Check:
    """One hygiene rule, read from the header of its query file."""

    id: str
    severity: str
    summary_en: str
    summary_fr: str
    message_en: str
    message_fr: str
    query: str
    path: Path


@dataclass(frozen=True)
class Finding:
    """One offending term: which check, how grave, what term, and what the query returned."""

    check: str
    severity: str
    term: str
    detail: dict[str, str]
    message_en: str
    message_fr: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "term": self.term,
            "detail": self.detail,
            "message_en": self.message_en,
            "message_fr": self.message_fr,
        }


@dataclass
class Report:
    """What `netorg check` found: findings, counts of the ontology's terms, timings (seconds)."""

    findings: list[Finding]
    counts: dict[str, int]
    timings: dict[str, float]
    checks: list[Check] = field(default_factory=list)
    reasoning: Reasoning | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """No error finding, and (if the reasoner ran) consistent with every class satisfiable."""
        reasoner_ok = self.reasoning is None or self.reasoning.ok
        return self.errors == 0 and reasoner_ok

    def by_check(self, check_id: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check_id]

    def to_dict(self) -> dict[str, Any]:
        reasoner = None if self.reasoning is None else self.reasoning.to_dict()
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts,
            "reasoner": reasoner,
            "timings": self.timings,
            "seconds": round(self.timings.get("total", 0.0), 3),
        }


def load_checks(folder: Path | None = None) -> list[Check]:
    """Read every `*.rq` of the checks folder, in file-name order; a bad header is unusable."""
    from netorg.resources import checks_dir

    folder = folder or checks_dir()
    checks = [_read_check(path) for path in sorted(folder.glob("*.rq"))]
    if not checks:
        raise UnusableInput(f"{folder}: no check (*.rq) found")
    return checks


def run_checks(
    paths: Sequence[Path] | None = None,
    *,
    reasoner: bool = False,
    profile: bool = False,
    java_memory: int | None = None,
    checks: Sequence[Check] | None = None,
) -> Report:
    """Parse the ontology (default: the bundled one), run every check, then if asked the OWL 2 DL
    profile check of the OWL API (`profile`) and HermiT (`reasoner`)."""
    from netorg.rdf.read import read_graph
    from netorg.resources import ontology_files

    started = time.perf_counter()
    graph = read_graph(list(paths) if paths else ontology_files())
    parsed = time.perf_counter() - started
    report = check_graph(graph, checks)
    report.timings["parse"] = round(parsed, 3)
    report.findings.extend(_imports_findings(graph))
    if profile:
        t0 = time.perf_counter()
        report.findings.extend(_profile_findings(graph, java_memory))
        report.timings["profile"] = round(time.perf_counter() - t0, 3)
    if reasoner:
        from netorg.ontology.reasoner import reason

        report.reasoning = reason(graph, java_memory=java_memory)
        report.timings["reasoner"] = round(report.reasoning.seconds, 3)
    report.timings["total"] = round(time.perf_counter() - started, 3)
    return report


def check_graph(
    graph: rdflib.Graph, checks: Sequence[Check] | None = None, *, engine: str = "oxigraph"
) -> Report:
    """Run the checks on an already parsed graph (`engine`: "oxigraph" or "rdflib")."""
    started = time.perf_counter()
    checks = list(checks) if checks is not None else load_checks()
    select = _oxigraph_select(graph) if engine == "oxigraph" else _rdflib_select(graph)
    prefixes = _prefixes(graph)
    findings: list[Finding] = []
    timings: dict[str, float] = {}
    for check in checks:
        t0 = time.perf_counter()
        for row in select(check):
            findings.append(_finding(check, row, prefixes))
        timings[f"check:{check.id}"] = round(time.perf_counter() - t0, 4)
    timings["checks"] = round(time.perf_counter() - started, 3)
    return Report(findings, count_terms(graph), timings, checks)


def count_terms(graph: rdflib.Graph) -> dict[str, int]:
    """How many of each kind of netorg term the graph declares, and its size in triples."""
    from rdflib import OWL, RDF, SKOS, URIRef

    kinds = {
        "classes": [OWL.Class],
        "object_properties": [OWL.ObjectProperty],
        "datatype_properties": [OWL.DatatypeProperty],
        "annotation_properties": [OWL.AnnotationProperty],
        "named_individuals": [OWL.NamedIndividual],
        "skos_concepts": [SKOS.Concept],
        "works": [URIRef("http://purl.org/dc/terms/BibliographicResource")],
    }
    counts = {}
    for name, types in kinds.items():
        subjects = {s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
        own = {s for s in subjects if name == "works" or str(s).startswith(NETORG)}
        counts[name] = len(own)
    counts["axioms"] = len(graph)
    return counts


def _imports_findings(graph: rdflib.Graph) -> list[Finding]:
    """A warning per `owl:imports`: never followed (no connection, no file the user did not name),
    so the reasoner and the profile check see the named files alone."""
    from netorg.ontology.reasoner import imports_of

    return [
        Finding(
            check="imports-not-followed", severity="warning", term=iri, detail={"import": iri},
            message_en=f"owl:imports <{iri}> is not followed: netorg checks the files you name "
            "and nothing they import; name the imported file too if it should be checked",
            message_fr=f"owl:imports <{iri}> n'est pas suivi : netorg vérifie les fichiers "
            "nommés et rien de ce qu'ils importent ; nommez aussi le fichier importé s'il doit "
            "être vérifié",
        )
        for iri in imports_of(graph)
    ]


def _profile_findings(graph: rdflib.Graph, java_memory: int | None) -> list[Finding]:
    from netorg.ontology.profile import check_profile

    prefixes = _prefixes(graph)
    findings = []
    for kind, term, text in check_profile(graph, java_memory=java_memory).violations:
        shown = _short(term, prefixes)
        findings.append(Finding(
            check="owl2-dl-profile", severity="error", term=term,
            detail={"kind": kind, "value": text},
            message_en=f"{shown}: not in OWL 2 DL ({kind}): {text}",
            message_fr=f"{shown} : hors du profil OWL 2 DL ({kind}) : {text}",
        ))
    return findings


# -- reading check files ---------------------------------------------------------------------------


def _read_check(path: Path) -> Check:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            break
        match = _HEADER.match(line)
        if not match:
            raise UnusableInput(f"{path}:{number}:1: bad header line (expected `#+ key: value`)")
        header[match.group(1)] = match.group(2)
    missing = [key for key in _REQUIRED if not header.get(key)]
    if missing:
        raise UnusableInput(f"{path}:1:1: header lacks {', '.join('#+ ' + m for m in missing)}")
    if header["id"] != path.stem:
        raise UnusableInput(f"{path}:1:1: `#+ id: {header['id']}` differs from the file name")
    if header["severity"] not in SEVERITIES:
        raise UnusableInput(
            f"{path}: severity {header['severity']!r} is not one of {', '.join(SEVERITIES)}"
        )
    return Check(
        id=header["id"],
        severity=header["severity"],
        summary_en=header["summary_en"],
        summary_fr=header["summary_fr"],
        message_en=header.get("message_en", "{term}: " + header["summary_en"]),
        message_fr=header.get("message_fr", "{term} : " + header["summary_fr"]),
        query=text,
        path=path,
    )


# -- running queries -------------------------------------------------------------------------------


def _oxigraph_select(graph: rdflib.Graph):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)

    def select(check: Check) -> list[dict[str, str]]:
        try:
            solutions = store.query(check.query)
        except SyntaxError as exc:
            raise UnusableInput(f"{check.path}: SPARQL syntax error: {exc}") from None
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None and str(value.value) != "":
                    row[name] = str(value.value)
            rows.append(row)
        return rows

    return select


def _rdflib_select(graph: rdflib.Graph):
    def select(check: Check) -> list[dict[str, str]]:
        result = graph.query(check.query)
        names = [str(v) for v in result.vars or []]
        return [
            {n: str(row[n]) for n in names if row[n] is not None and str(row[n]) != ""}
            for row in result
        ]

    return select


# -- formatting findings ---------------------------------------------------------------------------


def _finding(check: Check, row: dict[str, str], prefixes: list[tuple[str, str]]) -> Finding:
    term = row.get("term", "")
    detail = {k: v for k, v in row.items() if k != "term"}
    shown = {k: _short(v, prefixes) for k, v in row.items()}
    return Finding(
        check=check.id,
        severity=check.severity,
        term=term,
        detail=detail,
        message_en=_fill(check.message_en, shown),
        message_fr=_fill(check.message_fr, shown),
    )


def _fill(template: str, values: dict[str, str]) -> str:
    """Put the row's values into a `{name}` template; `@{lang}` vanishes when there is no language.

    Spaces left by empty values are collapsed, but the values themselves are kept as they are
    (a whitespace finding must show the stray spaces).
    """
    text = re.sub(r"@(\{\w+\})", lambda m: "@" + m.group(1) if values.get(m.group(1)[1:-1]) else "",
                  template)
    text = re.sub(r"\{(\w+)\}", lambda m: m.group(0) if values.get(m.group(1)) else "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)


def _prefixes(graph: rdflib.Graph) -> list[tuple[str, str]]:
    """The file's own prefixes, longest namespace first, to print `netorg:Firm` not the full IRI."""
    pairs = [(str(ns), prefix) for prefix, ns in graph.namespaces() if prefix]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _short(value: str, prefixes: list[tuple[str, str]]) -> str:
    for namespace, prefix in prefixes:
        if value.startswith(namespace) and re.fullmatch(r"[\w.-]*", value[len(namespace):]):
            return f"{prefix}:{value[len(namespace):]}"
    return value
