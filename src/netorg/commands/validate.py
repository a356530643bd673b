"""`netorg validate`: check case studies against the validation shapes."""

from __future__ import annotations

import argparse

from netorg.commands import positive_int
from netorg.commands._report import SEVERITY_WORDS, add_report_options, at_least, shown, where

HELP = ("Validate case studies (RDF files, folders, CSV template folders, .xlsx workbooks) against "
        "the SHACL shapes, with the ontology in view. Each finding names the sheet, row and column "
        "it was typed in (the node and the file for RDF). Exits 0 when no violation and no warning "
        "is shown, 1 when one is (infos alone do not fail), 2 when the input is unusable.")

NOUNS = {  # ICU plural syntax, rendered by netorg.plural
    "en": {"violation": "{n, plural, one {# violation} other {# violations}}",
           "warning": "{n, plural, one {# warning} other {# warnings}}",
           "info": "{n, plural, one {# info} other {# infos}}",
           "cases": "{n, plural, one {# case study} other {# case studies}}"},
    "fr": {"violation": "{n, plural, one {# violation} other {# violations}}",
           "warning": "{n, plural, one {# avertissement} other {# avertissements}}",
           "info": "{n, plural, one {# info} other {# infos}}",
           "cases": "{n, plural, one {# étude de cas} other {# études de cas}}"},
}
COLON = {"en": ": ", "fr": " : "}
NO_CASE = {"en": "(no case study)", "fr": "(hors étude de cas)"}
INPUTS = {"en": "inputs", "fr": "entrées"}
HIDDEN = {"en": "{n, plural, one {# not shown} other {# not shown}}",
          "fr": "{n, plural, one {# non affiché} other {# non affichés}}"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="case studies: Turtle/JSON-LD files, folders, CSV template folders, "
                        ".xlsx workbooks")
    parser.add_argument("--format", choices=("text", "json", "ttl"), default="text",
                        help="text (default): one line per finding, grouped by case; json; "
                        "ttl: the SHACL validation report as RDF")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the messages in text output")
    parser.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                        help="oxigraph (default, fast) or pyshacl (the reference); same findings")
    parser.add_argument("--jobs", type=positive_int, metavar="N",
                        help="worker processes for large inputs "
                        "(netorg.shacl.batch; 1: never split)")
    add_report_options(parser, "findings")


def run(args: argparse.Namespace) -> int:
    from netorg.shacl import batch
    from netorg.shacl.locate import duplicate_notices, locate_report
    from netorg.shacl.validate import validate
    from netorg.sheets.inputs import load_cases
    from netorg.sheets.origins import Origins

    origins = Origins()
    if batch.wanted(args.paths, args.jobs, args.engine):  # many cases: split per case, in parallel
        found = batch.validate_and_classify(args.paths, classify=False, origins=origins,
                                            jobs=args.jobs or batch.DEFAULT_JOBS)
        report, data = found.validation, None
    else:
        data = load_cases(args.paths, origins)
        report = validate(data, engine=args.engine)
    report = locate_report(report, origins)
    notices = duplicate_notices(origins)
    if args.format == "json":
        import json

        document = report.to_json()
        document["results"] = [r for r, f in zip(document["results"], report.results, strict=True)
                               if shown(f.severity, args)]
        document["notices"] = [n.to_json() for n in notices if shown(n.severity, args)]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif args.format == "ttl":
        print(sorted_turtle(report.graph), end="")
    else:
        cases = _case_count(data) if data is not None else found.cases
        names = _case_names(data, args.lang) if data is not None else {}
        print(text_report(report, args.lang, cases=cases, args=args, notices=notices,
                          names=names))
    failing = [f for f in [*report.results, *notices]
               if f.severity != "info" and at_least(f.severity, args)]
    return 1 if failing else 0


def text_report(report, lang: str = "en", cases: int | None = None,
                args: argparse.Namespace | None = None, notices=(),
                names: dict[str, str] | None = None) -> str:
    """One line per finding (`SEVERITY where: message`), grouped by case, then a summary.

    `where` is the cell (`book.xlsx!cases:2: column 'nace'`) for a spreadsheet, the node and
    path (and the file) for RDF. Each case is headed by its name, when `names` has it, and its id.
    """
    from netorg.safe.text import visible

    args = args or argparse.Namespace(min_severity="info", quiet=False)
    lines: list[str] = []
    for notice in notices:
        if shown(notice.severity, args):
            if not lines:
                lines.append(f"# {INPUTS[lang]}")
            lines.append(f"{SEVERITY_WORDS[lang][notice.severity]} {notice.message(lang)}")
    previous: object = object()
    for finding in report.results:
        if not shown(finding.severity, args):
            continue
        if finding.case != previous:
            if lines:
                lines.append("")
            lines.append(f"# {_heading(finding.case, names or {}, lang)}")
            previous = finding.case
        place = where(finding.location, finding.focus, finding.path, lang)
        severity = SEVERITY_WORDS[lang][finding.severity]
        line = visible(f"{severity} {place}{COLON[lang]}{finding.message(lang)}")
        if line != lines[-1]:  # one value can break several constraints of one shape
            lines.append(line)
    if lines:
        lines.append("")
    lines.append(summary(report, lang, cases, args, notices))
    return "\n".join(lines)


def _heading(case: str | None, names: dict[str, str], lang: str) -> str:
    from netorg.safe.text import visible
    from netorg.shacl.validate import show

    if not case:
        return NO_CASE[lang]
    return f"{visible(names[case])} · {show(case)}" if case in names else show(case)


def _case_names(data, lang: str) -> dict[str, str]:
    """Each case study's name in `lang` (else in any language), for the headings."""
    from rdflib import RDF, SKOS, Literal, URIRef

    from netorg import NS

    names: dict[str, str] = {}
    for case in data.subjects(RDF.type, URIRef(NS + "CaseStudy")):
        labels = [o for o in data.objects(case, SKOS.prefLabel) if isinstance(o, Literal)]
        chosen = [o for o in labels if o.language == lang] or sorted(labels)
        if chosen:
            names[str(case)] = str(chosen[0])
    return names


def summary(report, lang: str, cases: int | None, args: argparse.Namespace | None = None,
            notices=()) -> str:
    from netorg.plural import render

    totals = dict(report.counts)
    totals["warning"] = totals.get("warning", 0) + sum(n.severity == "warning" for n in notices)
    hidden = 0
    if args is not None and not args.quiet:
        hidden = sum(n for s, n in totals.items() if not shown(s, args))
    counts = ", ".join(render(NOUNS[lang][s], lang, n=n) for s, n in totals.items())
    if hidden:
        counts += f" ({render(HIDDEN[lang], lang, n=hidden)})"
    scope = f" ({render(NOUNS[lang]['cases'], lang, n=cases)})" if cases is not None else ""
    verdict = {
        ("en", True): "conforms", ("en", False): "does not conform",
        ("fr", True): "conforme", ("fr", False): "non conforme",
    }[(lang, report.conforms)]
    seconds = f"{report.seconds:.2f} s"
    if lang == "fr":
        seconds = seconds.replace(".", ",")  # the French decimal comma
    return f"{verdict}{scope}{COLON[lang]}{counts} [{report.engine}, {seconds}]"


def sorted_turtle(graph) -> str:
    """Turtle whose text does not change from run to run (stable blank nodes, sorted)."""
    return graph.serialize(format="longturtle")


def _case_count(data) -> int:
    import rdflib

    from netorg import NS

    case_class = rdflib.URIRef(NS + "CaseStudy")
    return len(set(data.subjects(rdflib.RDF.type, case_class)))
