"""`netorg import`: turn a filled-in spreadsheet into Turtle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Turn a spreadsheet (a folder of CSV files or an .xlsx workbook) into Turtle."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="folder holding cases.csv (and members.csv, relations.csv, "
                        "recognitions.csv), or an .xlsx workbook with sheets of those names")
    parser.add_argument("--out", required=True, help="the Turtle file to write (atomically)")


def run(args: argparse.Namespace) -> int:
    from netorg.errors import UnusableInput
    from netorg.rdfout import write_turtle
    from netorg.tabular import RejectedRows, counts, read_tabular

    source, out = Path(args.source), Path(args.out)
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise UnusableInput(f"{out}: the output would overwrite the input")
    try:
        graph = read_tabular(source)
    except RejectedRows as rejected:
        for row in rejected.rows:
            print(row, file=sys.stderr)
        print(f"netorg import: {len(rejected.rows)} problem(s) in {source}; nothing written",
              file=sys.stderr)
        return rejected.exit_code
    write_turtle(graph, out)
    numbers = counts(graph)
    print(", ".join(f"{n} {what}" for what, n in numbers.items()) + f", {len(graph)} triples"
          f" -> {out}")
    return 0
