"""`netorg check`: the ontology's quality gate (hygiene checks, then HermiT)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = ("Check the ontology: parsing, hygiene checks (labels, definitions, sources, declarations, "
        "hierarchy cycles, built-in vocabulary, metadata) and consistency with HermiT. "
        "Exits 1 on any error finding, inconsistency or unsatisfiable class.")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="ontology files or folders (default: the bundled ontology/netorg.ttl)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="a readable table (default) or JSON")
    parser.add_argument("--no-reasoner", action="store_true",
                        help="skip HermiT (no Java needed)")
    parser.add_argument("--profile", action="store_true",
                        help="also check the OWL 2 DL profile with the OWL API (libowlapi-java)")
    parser.add_argument("--java-memory", type=int, metavar="MB",
                        help="Java heap for HermiT in MB (default: $NETORG_JAVA_MEMORY, else 2000)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the messages in the table")


def run(args: argparse.Namespace) -> int:
    from netorg.ontology.check import run_checks

    paths = [Path(p) for p in args.paths] or None
    report = run_checks(paths, reasoner=not args.no_reasoner, profile=args.profile,
                        java_memory=args.java_memory)
    if args.format == "json":
        import json

        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(report, args.lang)
    return 0 if report.ok else 1


def _print_table(report, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from netorg.safe.text import visible

    console = Console(highlight=False)
    if not console.is_terminal:  # a pipe or a log: do not wrap messages at 80 columns
        console = Console(highlight=False, width=160)
    if report.findings:
        table = Table(title="netorg check", show_lines=False, expand=False)
        table.add_column("check")
        table.add_column("severity")
        table.add_column("message")
        style = {"error": "red", "warning": "yellow", "info": "cyan"}
        previous = None
        for finding in report.findings:
            if previous is not None and finding.check != previous:
                table.add_section()
            first = finding.check != previous
            table.add_row(
                finding.check if first else "",
                f"[{style[finding.severity]}]{finding.severity}[/]" if first else "",
                escape(visible(finding.message_en if lang == "en" else finding.message_fr)),
            )
            previous = finding.check
        console.print(table)
    console.print(_summary(report))


def _summary(report) -> str:
    counts = report.counts
    parts = [
        f"{counts['classes']} classes",
        f"{counts['object_properties']} object, {counts['datatype_properties']} datatype and "
        f"{counts['annotation_properties']} annotation properties",
        f"{counts['named_individuals']} named individuals",
        f"{counts['skos_concepts']} SKOS concepts",
        f"{counts['works']} works",
        f"{counts['axioms']} axioms (triples)",
    ]
    checked = f"{len(report.checks)} checks: {report.errors} errors, {report.warnings} warnings"
    reasoning = report.reasoning
    if reasoning is None:
        verdict = "reasoner skipped"
    elif not reasoning.consistent:
        verdict = f"[red]{reasoning.explanation}[/]"
    elif reasoning.unsatisfiable:
        verdict = f"[red]HermiT: {len(reasoning.unsatisfiable)} unsatisfiable classes[/]: " + (
            ", ".join(reasoning.unsatisfiable)
        )
    else:
        verdict = f"HermiT: consistent, every class satisfiable ({reasoning.seconds:.1f} s)"
    status = "[green]OK[/]" if report.ok else "[red]FAILED[/]"
    seconds = report.timings.get("total", 0.0)
    return f"{status}: {'; '.join(parts)}. {checked}; {verdict}. {seconds:.1f} s."
