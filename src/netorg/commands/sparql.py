"""`netorg sparql`: run an ad hoc SELECT or ASK query on the knowledge base."""

from __future__ import annotations

import argparse
import sys

from netorg.commands._sparql_options import add_target_options, knowledge_base, print_result
from netorg.errors import UnusableInput

HELP = "run a SPARQL SELECT or ASK query from a file (or - for standard input)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE|-", help="the query file, or - for standard input")
    add_target_options(parser)
    parser.add_argument(
        "--federation", action="store_true",
        help="let SERVICE patterns send requests to other endpoints (refused by default on the "
        "embedded store, so that a query file cannot make netorg call anywhere)",
    )


def run(args: argparse.Namespace) -> int:
    from netorg.sheets.inputs import read_text

    source = "<stdin>" if args.file == "-" else args.file
    text = _stdin(source) if args.file == "-" else read_text(args.file)
    if not text.strip():
        raise UnusableInput(f"{source}: empty query")
    result = knowledge_base(args).run_sparql(text, source=source)
    print_result(result, args.format, lang=args.lang, worded=False)
    return 0


def _stdin(source: str) -> str:
    """Standard input as UTF-8, whatever the locale says; a text stream (a test's) as it is."""
    from netorg.sheets.inputs import TEXT_LIMIT, decode, read_at_most

    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:
        return sys.stdin.read(TEXT_LIMIT)
    return decode(read_at_most(binary, TEXT_LIMIT, source), source)
