"""`netorg docs build|serve`: the documentation site, generated from the knowledge base."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "build the documentation site (both languages) or preview it locally"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="generate the pages and build the site with mkdocs (strict mode)",
        description="Generate every page from the ontology, shapes, queries and corpus, then "
        "build the English and French sites with mkdocs-material in strict mode.",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the HTML goes (default: site/build/)",
    )
    _cases_options(build)
    build.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="let mkdocs warnings pass (broken links stay warnings)",
    )
    serve = actions.add_parser(
        "serve",
        help="build, then serve the site on 127.0.0.1 for a local preview",
        description="Build the site, then serve it on the loopback interface until Ctrl-C.",
    )
    serve.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the HTML goes (default: site/build/)",
    )
    _cases_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument(
        "--no-build", dest="build", action="store_false", help="serve what is already built"
    )


def _cases_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        nargs="+",
        type=Path,
        default=[],
        metavar="PATH",
        help="your own case studies (RDF files or folders, CSV template folders, .xlsx "
        "workbooks): the site shows them, with the bundled corpus unless --no-corpus",
    )
    parser.add_argument(
        "--no-corpus",
        dest="corpus",
        action="store_false",
        help="leave the bundled corpus out: the site shows only the cases of --data",
    )


def run(args: argparse.Namespace) -> int:
    from netorg.site.build import build_site, serve_site

    options = {
        "cases": args.data,
        "corpus": args.corpus,
        "cli": getattr(args, "_netorg_parser", None),
    }
    if args.action == "build":
        from netorg.messages import translate

        report = build_site(args.out, strict=args.strict, **options)
        print(translate(report.summary(), args.lang))
        for warning in report.warnings:
            print(translate(f"warning: {warning}", args.lang))
        return 0
    try:
        serve_site(args.out, port=args.port, build=args.build, **options)
    except KeyboardInterrupt:
        return 0
    return 0
