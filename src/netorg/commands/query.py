"""`netorg query`: ask one of the catalogue's competency questions by name."""

from __future__ import annotations

import argparse
import sys

from netorg.commands._sparql_options import add_target_options, knowledge_base, print_result
from netorg.errors import UnusableInput

HELP = "answer a question of the query catalogue (`--list` to see them all)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the query's id, e.g. `typology-matrix`")
    parser.add_argument("--list", action="store_true", help="list the catalogue and exit")
    parser.add_argument(
        "--describe", action="store_true",
        help="say what the query asks, its parameters and what one row of its answer is, and exit",
    )
    parser.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE",
        help="a parameter of the query (repeatable); IRIs may use the netorg:, case: and work: "
        "prefixes",
    )
    parser.add_argument(
        "--lang", choices=("en", "fr"), help="language of labels and messages (default: en)"
    )
    add_target_options(parser)


def run(args: argparse.Namespace) -> int:
    from netorg.sparql import catalogue

    lang = args.lang or "en"
    if args.list:
        return _list(lang, args.format)
    if not args.name:
        raise UnusableInput("name a query, or use --list to see them")
    query = catalogue.get(args.name)
    if args.describe:
        return _describe(query, lang, args.format)
    params = dict(_pair(raw) for raw in args.param)
    if args.lang and query.param("lang"):
        params.setdefault("lang", args.lang)
    result = knowledge_base(args).run(query.id, **params)
    title = query.question[lang] if args.format == "table" else None
    print_result(result, args.format, title=title, pivot=query.pivot, lang=lang, query=query)
    return 0


def _pair(raw: str) -> tuple[str, str]:
    key, sep, value = raw.partition("=")
    if not sep or not key.strip():
        raise UnusableInput(f"--param {raw!r}: expected KEY=VALUE")
    return key.strip(), value


def _describe(query, lang: str, fmt: str) -> int:
    """The query's header in `lang`: as JSON, or as a few lines a person reads."""
    import json

    from netorg.messages import gettext

    params = [
        {"name": p.name, "type": p.type, "default": p.default, "description": p.describe(lang)}
        for p in query.params
    ]
    if fmt == "json":
        document = {"query": query.id, "question": query.question[lang],
                    "summary": query.summary[lang], "params": params,
                    "returns": query.returns[lang], "tags": list(query.tags)}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    colon = " : " if lang == "fr" else ": "
    lines = [f"{query.id}{colon}{query.question[lang]}", query.summary[lang], ""]
    if params:
        lines.append(gettext("parameters", lang) + colon.rstrip())
        default = gettext("default", lang)
        lines += [f"  {p['name']} ({p['type']}, {default} {p['default']}){colon}"
                  f"{p['description']}" for p in params]
    lines.append(f"{gettext('answer', lang)}{colon}{query.returns[lang]}")
    print("\n".join(lines))
    return 0


def _list(lang: str, fmt: str) -> int:
    from netorg.sparql import catalogue
    from netorg.sparql.results import Result

    rows = tuple(
        (q.id, q.summary[lang], " ".join(p.name for p in q.params))
        for q in catalogue.load().values()
    )
    columns = ("query", "summary", "params")  # the CSV and JSON keys; the table's are in words
    if fmt == "table":
        from netorg.messages import gettext

        columns = tuple(gettext(column, lang) for column in columns)
    print_result(Result(columns, rows), fmt, lang=lang)
    return 0 if rows else sys.exit(2)
