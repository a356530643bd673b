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
        for header in WORDS[lang]["headers"]:
            table.add_column(header)
        style = {"error": "red", "warning": "yellow", "info": "cyan"}
        previous = None
        for finding in report.findings:
            if previous is not None and finding.check != previous:
                table.add_section()
            first = finding.check != previous
            table.add_row(
                finding.check if first else "",
                f"[{style[finding.severity]}]{WORDS[lang][finding.severity]}[/]" if first else "",
                escape(visible(finding.message_en if lang == "en" else finding.message_fr)),
            )
            previous = finding.check
        console.print(table)
    console.print(_summary(report, lang))


# the table's words and the summary's sentences, in ICU plural syntax (netorg.plural)
WORDS = {
    "en": {
        "headers": ("check", "severity", "message"),
        "error": "error", "warning": "warning", "info": "info",
        "counts": "{classes, plural, one {# class} other {# classes}}; {object} object, {datatype} "
                  "datatype and {annotation, plural, one {# annotation property} other {# "
                  "annotation properties}}; {individuals, plural, one {# named individual} other "
                  "{# named individuals}}; {concepts, plural, one {# SKOS concept} other {# SKOS "
                  "concepts}}; {works, plural, one {# work} other {# works}}; {axioms, plural, "
                  "one {# axiom} other {# axioms}} (triples)",
        "checked": "{checks, plural, one {# check} other {# checks}}: {errors, plural, one {# "
                   "error} other {# errors}}, {warnings, plural, one {# warning} other {# "
                   "warnings}}",
        "skipped": "reasoner skipped",
        "unsatisfiable": "HermiT: {n, plural, one {# unsatisfiable class} other {# unsatisfiable "
                         "classes}}",
        "consistent": "HermiT: consistent, every class satisfiable",
        "ok": "OK", "failed": "FAILED", "colon": ": ", "semicolon": "; ",
    },
    "fr": {
        "headers": ("contrôle", "gravité", "message"),
        "error": "erreur", "warning": "avertissement", "info": "info",
        "counts": "{classes, plural, one {# classe} other {# classes}} ; {properties, plural, "
                  "one {# propriété} other {# propriétés}} ({object} d'objet, {datatype} de "
                  "données, {annotation} d'annotation) ; {individuals, plural, one {# individu "
                  "nommé} other {# individus nommés}} ; {concepts, plural, one {# concept SKOS} "
                  "other {# concepts SKOS}} ; {works, plural, one {# œuvre} other {# œuvres}} ; "
                  "{axioms, plural, one {# axiome} other {# axiomes}} (triplets)",
        "checked": "{checks, plural, one {# contrôle} other {# contrôles}} : {errors, plural, "
                   "one {# erreur} other {# erreurs}}, {warnings, plural, one {# avertissement} "
                   "other {# avertissements}}",
        "skipped": "raisonneur non lancé",
        "unsatisfiable": "HermiT : {n, plural, one {# classe insatisfiable} other {# classes "
                         "insatisfiables}}",
        "consistent": "HermiT : ontologie cohérente, toutes les classes sont satisfiables",
        "ok": "OK", "failed": "ÉCHEC", "colon": " : ", "semicolon": " ; ",
    },
}


def _summary(report, lang: str = "en") -> str:
    from netorg.plural import render

    said, counts = WORDS[lang], report.counts
    numbers = {
        "classes": counts["classes"], "object": counts["object_properties"],
        "datatype": counts["datatype_properties"], "annotation": counts["annotation_properties"],
        "properties": counts["object_properties"] + counts["datatype_properties"]
        + counts["annotation_properties"], "individuals": counts["named_individuals"],
        "concepts": counts["skos_concepts"], "works": counts["works"], "axioms": counts["axioms"],
    }
    parts = render(said["counts"], lang, **numbers).format(**numbers)
    checked = render(said["checked"], lang, checks=len(report.checks), errors=report.errors,
                     warnings=report.warnings)
    reasoning = report.reasoning
    if reasoning is None:
        verdict = said["skipped"]
    elif not reasoning.consistent:
        verdict = f"[red]{reasoning.explanation}[/]"
    elif reasoning.unsatisfiable:
        verdict = (f"[red]{render(said['unsatisfiable'], lang, n=len(reasoning.unsatisfiable))}"
                   f"[/]{said['colon']}" + ", ".join(reasoning.unsatisfiable))
    else:
        verdict = f"{said['consistent']} ({_seconds(reasoning.seconds, lang)})"
    status = f"[green]{said['ok']}[/]" if report.ok else f"[red]{said['failed']}[/]"
    seconds = report.timings.get("total", 0.0)
    return (f"{status}{said['colon']}{parts}. {checked}{said['semicolon']}{verdict}. "
            f"{_seconds(seconds, lang)}.")


def _seconds(seconds: float, lang: str) -> str:
    text = f"{seconds:.1f} s"
    return text.replace(".", ",") if lang == "fr" else text
