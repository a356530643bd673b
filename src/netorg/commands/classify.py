"""`netorg classify`: place each case study in the typology, with its reasons and conflicts."""

from __future__ import annotations

import argparse
from typing import Any

from netorg.commands import positive_int

HELP = ("Classify case studies (RDF files, folders, CSV template folders, .xlsx workbooks): "
        "typology (district, SPL, cluster, pôle), structure (firm-network or network of firms), "
        "network kind (competence or dependence), firm sizes, each with its reasons in French or "
        "English, and the conflicts with the type the sources declare. Conflicts are results: the "
        "command exits 0 unless the input is unusable (2).")

AS_OF = {"en": "as of", "fr": "au"}
HEADERS = {
    "en": ("case", "name", "typology", "structure", "kind", "conflicts"),
    "fr": ("cas", "nom", "typologie", "structure", "nature", "conflits"),
}
KIND_WORDS = {
    "en": {"reason": "because", "conflict": "CONFLICT", "missing": "missing"},
    "fr": {"reason": "car", "conflict": "CONFLIT", "missing": "manque"},
}
CSV_FIELDS = ("case", "name", "country", "as_of", "typology", "structure", "network_kind",
              "composition", "origin", "declared", "declared_as", "conflicts", "missing", "reasons")


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


def run(args: argparse.Namespace) -> int:
    from netorg.errors import UnusableInput
    from netorg.shacl import batch
    from netorg.shacl.classify import classify
    from netorg.sheets.inputs import load_cases

    if args.format != "ttl" and batch.wanted(args.paths, args.jobs, args.engine):
        result = batch.validate_and_classify(  # many cases: split per case, in parallel
            args.paths, validate=False, as_of=args.as_of,
            jobs=args.jobs or batch.DEFAULT_JOBS).classification
    else:
        data = load_cases(args.paths)
        result = classify(data, as_of=args.as_of, engine=args.engine)
    if not result.cases:
        raise UnusableInput(f"{' '.join(args.paths)}: no case study (netorg:CaseStudy) found")
    if args.format == "table":
        text = table(result, args.lang)
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


def table(result: Any, lang: str) -> str:
    """A rich table of the cases, then each case's reasons, conflicts and missing facts."""
    import io

    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, highlight=False, soft_wrap=False)
    title = f"netorg classify ({AS_OF[lang]} {result.as_of})" if result.as_of else "netorg classify"
    grid = Table(title=title)
    for header in HEADERS[lang]:
        grid.add_column(header, overflow="fold")
    for case in result.cases:
        grid.add_row(_short(case.case), case.name or "", case.typology or "-",
                     case.structure or "-", case.network_kind or "-", str(len(case.conflicts)))
    console.print(grid)
    words = KIND_WORDS[lang]
    for case in result.cases:
        console.print(f"\n[bold]{case.name or _short(case.case)}[/bold] ({_short(case.case)})",
                      markup=True)
        for kind, findings in (("conflict", case.conflicts), ("missing", case.missing),
                               ("reason", case.reasons)):
            for finding in findings:
                if kind == "reason" and finding.aspect not in _case_aspects():
                    continue  # firm sizes: counted below, listed by --format json
                message = finding.message.get(lang, "")
                console.print(f"  {words[kind]} [{finding.aspect}] {message}", markup=False)
        sizes = len(case.sizes)
        if sizes:
            line = (f"  {sizes} firm size(s) derived (see --format json)" if lang == "en"
                    else f"  {sizes} taille(s) d'entreprise déduite(s) (voir --format json)")
            console.print(line, markup=False)
    return buffer.getvalue()


def csv_text(result: Any, lang: str) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in result.to_records(lang):
        row = {k: record.get(k) for k in CSV_FIELDS}
        for key in ("conflicts", "missing", "reasons"):
            row[key] = " | ".join(f"[{f['aspect']}] {f['message']}" for f in record[key])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
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


def _case_aspects() -> tuple[str, ...]:
    from netorg.shacl.classify import CASE_ASPECTS

    return CASE_ASPECTS


def _short(iri: str) -> str:
    from netorg import CASE_NS

    return iri[len(CASE_NS):] if iri.startswith(CASE_NS) else iri
