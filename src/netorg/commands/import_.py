"""`netorg import`: turn a filled-in spreadsheet into Turtle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Turn a spreadsheet (a folder of CSV files or an .xlsx workbook) into Turtle."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="folder holding `cases.csv` (and `members.csv`, "
                        "`relations.csv`, `recognitions.csv`), or an .xlsx workbook with sheets of "
                        "those names")
    parser.add_argument("--out", required=True, help="the Turtle file to write (atomically); "
                        "a .nt file is written as N-Triples, streamed row by row (for large "
                        "folders of CSV files)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the messages")


def run(args: argparse.Namespace) -> int:
    from netorg.commands._report import count_line, counted
    from netorg.rdf.write import write_turtle
    from netorg.sheets.inputs import refuse_overwrite
    from netorg.sheets.read import RejectedRows, counts, read_tabular

    source, out = Path(args.source), Path(args.out)
    refuse_overwrite(out, [source], rdf=False)
    try:
        if out.suffix.lower() == ".nt":  # streamed: no graph in memory (netorg.sheets.stream)
            from netorg.sheets.stream import write_ntriples

            streamed = write_ntriples(source, out)
            print(f"{count_line(dict(streamed), args.lang)} -> {out}")
            return 0
        graph = read_tabular(source)
    except RejectedRows as rejected:
        from netorg.messages import gettext, translate

        for row in rejected.rows:
            print(translate(str(row), args.lang), file=sys.stderr)
        said = {"en": "{problems} in {source}; nothing written",
                "fr": "{problems} dans {source} ; rien n'a été écrit"}[args.lang]
        problems = counted("problems", len(rejected.rows), args.lang)
        line = gettext("netorg %(command)s: %(message)s", args.lang)
        message = said.format(problems=problems, source=source)
        print(line % {"command": "import", "message": message}, file=sys.stderr)
        return rejected.exit_code
    write_turtle(graph, out)
    numbers = {**counts(graph), "triples": len(graph)}
    print(f"{count_line(numbers, args.lang)} -> {out}")
    return 0
