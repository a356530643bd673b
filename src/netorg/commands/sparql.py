"""`netorg sparql`: run an ad hoc SELECT or ASK query on the knowledge base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netorg.commands._sparql_options import add_target_options, knowledge_base, print_result
from netorg.errors import UnusableInput

HELP = "run a SPARQL SELECT or ASK query from a file (or - for standard input)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE|-", help="the query file, or - for standard input")
    add_target_options(parser)


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            raise UnusableInput(f"{path}: no such file")
        text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise UnusableInput(f"{args.file}: empty query")
    print_result(knowledge_base(args).run_sparql(text), args.format)
    return 0
