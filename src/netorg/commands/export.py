"""`netorg export`: write case studies back to the spreadsheet template."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = ("Write case studies (RDF files, folders or spreadsheets) as the spreadsheet template, "
        "rows in the order they were read, with the derived classification (labels, conflicts "
        "and reasons in --lang) as extra columns.")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kb", nargs="+", metavar="KB",
                        help="RDF files or folders, CSV template folders or .xlsx workbooks")
    parser.add_argument("--out", required=True,
                        help="a folder (CSV files) or a file ending in .xlsx")
    parser.add_argument("--no-classification", action="store_true",
                        help="leave out the derived classification columns")
    parser.add_argument("--as-of", type=int, metavar="YEAR",
                        help="classify with the memberships and recognitions in force that year")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the classification columns and of the messages")


def run(args: argparse.Namespace) -> int:
    from netorg.sheets.inputs import load_cases
    from netorg.sheets.origins import Origins
    from netorg.sheets.write import check_output, write_tabular

    out = Path(args.out)
    check_output(out, [Path(p) for p in args.kb])
    origins = Origins()
    graph = load_cases(args.kb, origins)
    derived = None if args.no_classification else _derived(graph, args.as_of, args)
    rows = write_tabular(graph, out, derived, args.lang, origins.position)
    from netorg.commands._report import count_line

    print(f"{count_line(rows, args.lang)} -> {out}")
    return 0


def _derived(graph, as_of, args):
    from netorg.errors import NetorgError

    try:
        from netorg.shacl.classify import classify
    except ImportError:
        raise NetorgError(
            "the classification (netorg.shacl.classify) is not available; "
            "use --no-classification to export without it"
        ) from None
    from netorg.commands._report import print_notices
    from netorg.shacl.locate import as_of_notices

    result = classify(graph, as_of=as_of)
    print_notices(as_of_notices(result), argparse.Namespace(min_severity="info", lang=args.lang))
    return result.derived
