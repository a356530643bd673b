"""`netorg classify`: place each case study in the typology, with its reasons and conflicts."""

from __future__ import annotations

import argparse
from typing import Any

from netorg.commands import positive_int
from netorg.commands._report import add_report_options, print_notices, shown, where

HELP = ("Classify case studies (RDF files, folders, CSV template folders, .xlsx workbooks): "
        "typology (district, SPL, cluster, pôle), structure (firm-network or network of firms), "
        "network kind (competence or dependence), firm sizes, each with its reasons in French or "
        "English, the conflicts with the type the sources declare, and the tensions between "
        "derived classes whose characteristics the ontology sets apart. Conflicts are results: the "
        "command exits 0 unless the input is unusable (2).")

AS_OF = {"en": "as of", "fr": "au"}
HEADERS = {
    "en": ("case", "name", "typology", "structure", "kind", "conflicts"),
    "fr": ("cas", "nom", "typologie", "structure", "nature", "conflits"),
}
KIND_WORDS = {
    "en": {"reason": "because", "conflict": "CONFLICT", "missing": "missing", "tension": "TENSION"},
    "fr": {"reason": "car", "conflict": "CONFLIT", "missing": "manque", "tension": "TENSION"},
}
# how severe each kind of finding is, for --min-severity: a reason explains, a missing fact or a
# conflict asks the researcher to look again
KIND_SEVERITY = {"reason": "info", "missing": "warning", "conflict": "warning",
                 "tension": "warning"}
# the tag of each aspect, as the table's headers name them
ASPECT_WORDS = {
    "en": {"typology": "typology", "structure": "structure", "network_kind": "network kind",
           "composition": "composition", "origin": "origin", "size": "size",
           "coherence": "coherence"},
    "fr": {"typology": "typologie", "structure": "structure", "network_kind": "nature du réseau",
           "composition": "composition", "origin": "origine", "size": "taille",
           "coherence": "cohérence"},
}
CONFLICTS = {"en": "{n, plural, =0 {no conflict} one {# conflict} other {# conflicts}}",
             "fr": "{n, plural, =0 {aucun conflit} one {# conflit} other {# conflits}}"}
COLON = {"en": ": ", "fr": " : "}
SEMICOLON = {"en": "; ", "fr": " ; "}
CSV_FIELDS = ("case", "name", "country", "as_of", "typology", "structure", "network_kind",
              "composition", "origin", "declared", "declared_as", "conflicts", "missing", "reasons",
              # the values as people read them, in --lang
              "typology_label", "structure_label", "network_kind_label", "composition_label",
              "origin_label", "tensions")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="case studies: Turtle/JSON-LD files, folders, CSV template folders, "
                        ".xlsx workbooks")
    parser.add_argument("--as-of", type=int, metavar="YEAR", dest="as_of",
                        help="classify each case as it stood in YEAR: only the memberships and "
                        "public recognitions in force that year count")
    parser.add_argument("--format", choices=("table", "csv", "json", "ttl"), default="table",
                        help="table (default): a table, then each case's reasons; csv: one row "
                        "per case; json: one object per case; ttl: TriG with the input in the "
                        "default graph and the derived triples in <https://w3id.org/netorg/derived>")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the reasons")
    parser.add_argument("--out", metavar="FILE",
                        help="write the output to FILE (atomically) instead of standard output")
    parser.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                        help="oxigraph (default, fast) or pyshacl (the reference); same results")
    parser.add_argument("--jobs", type=positive_int, metavar="N",
                        help="worker processes for large inputs "
                        "(netorg.shacl.batch; 1: never split)")
    parser.add_argument("--summary", action="store_true",
                        help="one line a case: its class on each aspect and its conflicts")
    add_report_options(parser, "reasons, missing facts and conflicts (info: reasons; warning: "
                       "missing facts, conflicts)")


def run(args: argparse.Namespace) -> int:
    from netorg.errors import UnusableInput
    from netorg.shacl import batch
    from netorg.shacl.classify import classify
    from netorg.shacl.locate import as_of_notices, duplicate_notices, locate_classification
    from netorg.sheets.inputs import load_cases
    from netorg.sheets.origins import Origins

    origins = Origins()
    if args.format != "ttl" and batch.wanted(args.paths, args.jobs, args.engine):
        result = batch.validate_and_classify(  # many cases: split per case, in parallel
            args.paths, validate=False, as_of=args.as_of, origins=origins,
            jobs=args.jobs or batch.DEFAULT_JOBS).classification
    else:
        data = load_cases(args.paths, origins)
        result = classify(data, as_of=args.as_of, engine=args.engine)
    if not result.cases:
        raise UnusableInput(f"{' '.join(args.paths)}: no case study (netorg:CaseStudy) found")
    result = locate_classification(result, origins)
    print_notices([*duplicate_notices(origins), *as_of_notices(result)], args)
    if args.summary:
        text = "".join(summary_line(case, args.lang) + "\n" for case in result.cases)
    elif args.format == "table":
        text = table(result, args.lang, args)
    elif args.format == "json":
        import json

        text = json.dumps(result.to_records(args.lang), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = csv_text(result, args.lang)
    else:
        text = trig(data, result)
    if args.out:
        from netorg.atomic import write_text
        from netorg.sheets.inputs import refuse_overwrite

        refuse_overwrite(args.out, args.paths)
        write_text(args.out, text)
    else:
        print(text, end="")
    return 0


def table(result: Any, lang: str, args: argparse.Namespace | None = None) -> str:
    """A rich table of the cases (values by their labels in `lang`), then each case's conflicts,
    missing facts and reasons, firm sizes included, each with the row it is about."""
    import io

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from netorg.safe.text import visible

    args = args or argparse.Namespace(min_severity="info", quiet=False)
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, highlight=False, soft_wrap=False)
    title = f"netorg classify ({AS_OF[lang]} {result.as_of})" if result.as_of else "netorg classify"
    grid = Table(title=title)
    for header in HEADERS[lang]:
        grid.add_column(header, overflow="fold")
    for case in result.cases:
        grid.add_row(*(escape(visible(cell)) for cell in (
            _short(case.case), case.name or "", case.label("typology", lang) or "-",
            case.label("structure", lang) or "-", case.label("network_kind", lang) or "-",
            str(len(case.conflicts)))))
    console.print(grid)
    words = KIND_WORDS[lang]
    for case in result.cases:
        lines = []
        for kind, findings in (("conflict", case.conflicts), ("tension", case.tensions),
                               ("missing", case.missing), ("reason", case.reasons)):
            if not shown(KIND_SEVERITY[kind], args):
                continue
            for finding in findings:
                elsewhere = finding.location and finding.location != case.location
                place = where(finding.location, lang=lang) if elsewhere else ""
                message = finding.message.get(lang) or finding.message.get("en", "")
                lines.append(visible(f"  {words[kind]} [{_aspect(finding.aspect, lang)}] "
                                     f"{place + COLON[lang] if place else ''}{message}"))
        if lines:
            at = f" {escape(where(case.location, lang=lang))}" if case.location else ""
            name = visible(case.name or _short(case.case))
            console.print(f"\n[bold]{escape(name)}[/bold] "
                          f"({escape(visible(_short(case.case)))}){at}", markup=True)
            for line in lines:
                console.print(line, markup=False)
    return buffer.getvalue()


def summary_line(case: Any, lang: str) -> str:
    """One line: the case, its value on each aspect (labels in `lang`) and its conflicts."""
    from netorg.plural import render
    from netorg.shacl.classify import CASE_ASPECTS

    parts = [f"{_aspect(aspect, lang)}{COLON[lang]}{case.label(aspect, lang) or '-'}"
             for aspect in CASE_ASPECTS]
    conflicts = render(CONFLICTS[lang], lang, n=len(case.conflicts))
    if case.conflicts:
        conflicts += COLON[lang] + " | ".join(
            f.message.get(lang) or f.message.get("en", "") for f in case.conflicts)
    name = f" ({case.name})" if case.name else ""
    return f"{_short(case.case)}{name}{COLON[lang]}" + SEMICOLON[lang].join([*parts, conflicts])


def _aspect(code: str, lang: str) -> str:
    return ASPECT_WORDS[lang].get(code, code)


def csv_text(result: Any, lang: str) -> str:
    import csv
    import io

    from netorg.safe.text import csv_cell

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in result.to_records(lang):
        row = {k: record.get(k) for k in CSV_FIELDS}
        for key in ("conflicts", "missing", "reasons", "tensions"):
            row[key] = " | ".join(f"[{_aspect(f['aspect'], lang)}] {f['message']}"
                                  for f in record[key])
        for aspect, label in record["labels"].items():
            row[f"{aspect}_label"] = label
        # the one CSV rule (netorg.safe.text): no cell a spreadsheet would run as a formula
        writer.writerow({k: csv_cell("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def trig(data: Any, result: Any) -> str:
    """The input in the default graph, the derived triples in the named graph, sorted."""
    import rdflib

    from netorg.rdf.write import PREFIXES
    from netorg.shacl.classify import DERIVED_GRAPH

    dataset = rdflib.Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    default = dataset.default_context
    for triple in data:
        default.add(triple)
    derived = dataset.graph(rdflib.URIRef(DERIVED_GRAPH))
    for triple in result.derived:
        derived.add(triple)
    return dataset.serialize(format="trig")


def _short(iri: str) -> str:
    from netorg import CASE_NS

    return iri[len(CASE_NS):] if iri.startswith(CASE_NS) else iri
