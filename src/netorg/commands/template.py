"""`netorg template`: write the empty spreadsheet template with its instructions."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = ("Write the empty case-study template: an .xlsx workbook (instructions in French and "
        "English, drop-down lists, one worked example) or a folder of CSV files.")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True,
                        help="a file ending in .xlsx, or a folder for the CSV template")
    parser.add_argument("--no-example", action="store_true",
                        help="leave out the worked example rows of the workbook")


def run(args: argparse.Namespace) -> int:
    from netorg.sheets.template import write_template

    out = write_template(Path(args.out), example=not args.no_example)
    from netorg.messages import translate

    print(translate(f"template -> {out}", args.lang))
    return 0
