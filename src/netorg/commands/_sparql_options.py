"""Options shared by `netorg query` and `netorg sparql`: where to ask, and how to print."""

from __future__ import annotations

import argparse
import sys
from typing import Any

FORMATS = ("table", "csv", "json")


def add_target_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="table",
        help="how to print the answer (default: table)",
    )
    parser.add_argument(
        "--endpoint", metavar="URL",
        help="a SPARQL 1.1 endpoint to ask instead of the embedded store (credentials from "
        "NETORG_ENDPOINT_USER and NETORG_ENDPOINT_PASSWORD)",
    )
    parser.add_argument(
        "--graph", metavar="IRI",
        help="on an endpoint, the named graph holding the knowledge base "
        "(default: https://w3id.org/netorg/kb, where `netorg load` puts it)",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, metavar="S",
        help="seconds to wait for the answer: an endpoint's (default: 60) or the embedded "
        "store's (default: no limit; with a limit the query runs in a worker process that is "
        "killed when the time is up)",
    )
    parser.add_argument(
        "--data", nargs="+", metavar="PATH",
        help="case files (RDF, CSV template folders, .xlsx) to ask about instead of the bundled "
        "corpus",
    )


def knowledge_base(args: argparse.Namespace) -> Any:
    from netorg.sparql.kb import KnowledgeBase

    return KnowledgeBase(
        paths=args.data, endpoint=args.endpoint, graph=args.graph, timeout=args.timeout,
        federation=getattr(args, "federation", False),
    )


def print_result(result: Any, fmt: str, title: str | None = None, pivot: Any = None,
                 lang: str = "en", query: Any = None, worded: bool = True) -> None:
    """The answer as CSV or JSON (codes and variable names: an interface), or as a table for
    people: a catalogue query's codes in words and, in French, headers in words and oui/non
    (`worded=False` keeps the headers of a query the user wrote)."""
    from netorg.sparql import results

    if fmt == "csv":
        sys.stdout.write(results.to_csv(result))
    elif fmt == "json":
        sys.stdout.write(results.to_json(result))
    else:
        if query is not None:
            result = results.in_words(result, query, lang)
        if pivot and result.rows:
            result = results.pivoted(result, **pivot)
        if lang != "en" and worded:
            result = _for_people(result, lang)
        sys.stdout.write(results.to_table(result, title=title, width=_width(), lang=lang))


def _for_people(result: Any, lang: str) -> Any:
    """Headers in words (the site's `column.*` words; `xIri` is the IRI of column x) and booleans
    as yes/no, in `lang`."""
    from netorg.messages import gettext
    from netorg.site.markdown import column
    from netorg.sparql.results import Result

    def header(name: str) -> str:
        if name.endswith("Iri") and len(name) > 3:
            return f"{column(name[:-3], lang)} (IRI)"
        return column(name, lang)

    def cell(value: Any) -> Any:
        return gettext("yes" if value else "no", lang) if isinstance(value, bool) else value

    rows = tuple(tuple(cell(v) for v in row) for row in result.rows)
    return Result(tuple(header(c) for c in result.columns), rows)


def _width() -> int:
    import shutil

    return max(80, shutil.get_terminal_size((120, 24)).columns)
