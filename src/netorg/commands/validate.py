"""`netorg validate`: check case studies against the validation shapes."""

from __future__ import annotations

import argparse

from netorg.commands import positive_int

HELP = ("Validate case studies (RDF files, folders, CSV template folders, .xlsx workbooks) against "
        "the SHACL shapes, with the ontology in view. Exits 0 when there is no violation and no "
        "warning, 1 when there is any (infos alone do not fail), 2 when the input is unusable.")

SEVERITY_WORDS = {
    "en": {"violation": "VIOLATION", "warning": "WARNING", "info": "INFO"},
    "fr": {"violation": "VIOLATION", "warning": "AVERTISSEMENT", "info": "INFO"},
}
COUNT_WORDS = {
    "en": {"violation": ("violation", "violations"), "warning": ("warning", "warnings"),
           "info": ("info", "infos")},
    "fr": {"violation": ("violation", "violations"), "warning": ("avertissement", "avertissements"),
           "info": ("info", "infos")},
}
NO_CASE = {"en": "(no case study)", "fr": "(hors étude de cas)"}


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


def run(args: argparse.Namespace) -> int:
    from netorg.shacl import batch
    from netorg.shacl.validate import validate
    from netorg.sheets.inputs import load_cases

    if batch.wanted(args.paths, args.jobs, args.engine):  # many cases: split per case, in parallel
        found = batch.validate_and_classify(args.paths, classify=False,
                                            jobs=args.jobs or batch.DEFAULT_JOBS)
        report, data = found.validation, None
    else:
        data = load_cases(args.paths)
        report = validate(data, engine=args.engine)
    if args.format == "json":
        import json

        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif args.format == "ttl":
        print(sorted_turtle(report.graph), end="")
    else:
        cases = _case_count(data) if data is not None else found.cases
        print(text_report(report, args.lang, cases=cases))
    failing = report.counts["violation"] + report.counts["warning"]
    return 1 if failing else 0


def text_report(report, lang: str = "en", cases: int | None = None) -> str:
    """One line per finding (`SEVERITY node path: message`), grouped by case, then a summary."""
    from netorg.shacl.validate import show

    lines: list[str] = []
    previous: object = object()
    for finding in report.results:
        if finding.case != previous:
            if lines:
                lines.append("")
            lines.append(f"# {show(finding.case) if finding.case else NO_CASE[lang]}")
            previous = finding.case
        where = show(finding.focus) + (f" {show(finding.path)}" if finding.path else "")
        line = f"{SEVERITY_WORDS[lang][finding.severity]} {where}: {finding.message(lang)}"
        if line != lines[-1]:  # one value can break several constraints of one shape
            lines.append(line)
    if lines:
        lines.append("")
    lines.append(summary(report, lang, cases))
    return "\n".join(lines)


def summary(report, lang: str, cases: int | None) -> str:
    counts = ", ".join(
        f"{n} {COUNT_WORDS[lang][s][0 if n == 1 else 1]}" for s, n in report.counts.items()
    )
    scope = ""
    if cases is not None:
        noun = ("case study", "case studies") if lang == "en" else ("étude de cas", "études de cas")
        scope = f" ({cases} {noun[0 if cases == 1 else 1]})"
    verdict = {
        ("en", True): "conforms", ("en", False): "does not conform",
        ("fr", True): "conforme", ("fr", False): "non conforme",
    }[(lang, report.conforms)]
    return f"{verdict}{scope}: {counts} [{report.engine}, {report.seconds:.2f} s]"


def sorted_turtle(graph) -> str:
    """Turtle whose text does not change from run to run (stable blank nodes, sorted)."""
    return graph.serialize(format="longturtle")


def _case_count(data) -> int:
    import rdflib

    from netorg import NS

    case_class = rdflib.URIRef(NS + "CaseStudy")
    return len(set(data.subjects(rdflib.RDF.type, case_class)))
