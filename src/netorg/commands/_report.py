"""Options shared by `netorg validate` and `netorg classify`: how much to show, and the notices."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any

SEVERITIES = ("info", "warning", "violation")  # from the least to the most severe
SEVERITY_WORDS = {
    "en": {"violation": "VIOLATION", "warning": "WARNING", "info": "INFO"},
    "fr": {"violation": "VIOLATION", "warning": "AVERTISSEMENT", "info": "INFO"},
}


def add_report_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--min-severity", choices=SEVERITIES, default="info", dest="min_severity",
                        help=f"show only the {what} of this severity or above (default: info, "
                        "everything)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help=f"show no {what}, only the summary")


def at_least(severity: str, args: argparse.Namespace) -> bool:
    """Whether `severity` is at or above `--min-severity` (what the exit code counts)."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(args.min_severity)


def shown(severity: str, args: argparse.Namespace) -> bool:
    """Whether a finding of `severity` is shown under `--min-severity` and `--quiet`."""
    return not getattr(args, "quiet", False) and at_least(severity, args)


COLUMN = {"en": "column '{}'", "fr": "colonne « {} »"}


def where(location: Any, node: str | None = None, path: str | None = None,
          lang: str = "en") -> str:
    """`book.xlsx!cases:2: column 'nace'` for a cell; `node path (file.ttl)` for RDF."""
    from netorg.shacl.validate import show

    if location is not None and location.row is not None:
        text = location.where()
        colon = " : " if lang == "fr" else ": "
        return f"{text}{colon}{COLUMN[lang].format(location.column)}" if location.column else text
    named = " ".join(show(t) for t in (node, path) if t)
    if location is not None:
        return f"{named} ({location.file})" if named else location.file
    return named


def print_notices(notices: Iterable[Any], args: argparse.Namespace) -> None:
    """The warnings about the inputs and options, on standard error."""
    lang = getattr(args, "lang", "en")
    colon = " : " if lang == "fr" else ": "
    for notice in notices:
        if shown(notice.severity, args):
            print(f"{SEVERITY_WORDS[lang][notice.severity]}{colon}{notice.message(lang)}",
                  file=sys.stderr)


# what the spreadsheet commands count, in ICU plural syntax (netorg.plural)
NOUNS = {
    "en": {"cases": "{n, plural, one {# case} other {# cases}}",
           "members": "{n, plural, one {# member} other {# members}}",
           "relations": "{n, plural, one {# relation} other {# relations}}",
           "recognitions": "{n, plural, one {# recognition} other {# recognitions}}",
           "triples": "{n, plural, one {# triple} other {# triples}}",
           "problems": "{n, plural, one {# problem} other {# problems}}"},
    "fr": {"cases": "{n, plural, one {# cas} other {# cas}}",
           "members": "{n, plural, one {# membre} other {# membres}}",
           "relations": "{n, plural, one {# relation} other {# relations}}",
           "recognitions": "{n, plural, one {# reconnaissance} other {# reconnaissances}}",
           "triples": "{n, plural, one {# triplet} other {# triplets}}",
           "problems": "{n, plural, one {# problème} other {# problèmes}}"},
}


def counted(what: str, n: int, lang: str) -> str:
    """`n` things in agreement: "1 member", "0 membre", "3 relations"."""
    from netorg.plural import render

    return render(NOUNS[lang][what], lang, n=n)


def count_line(counts: dict[str, int], lang: str) -> str:
    """"3 cases, 1 member, ..." in `lang`."""
    return ", ".join(counted(what, n, lang) for what, n in counts.items())
