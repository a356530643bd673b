"""`netorg diagnose`: find candidate networks in establishment statistics (the paper's first
step, the territorial diagnosis) and, with `--out`, write them as candidates to audit."""

from __future__ import annotations

import argparse

from netorg.commands import positive_int

HELP = ("Territorial diagnosis: location quotients, cluster stars, SME share, historical depth "
        "and support environment of every unit and activity of the bundled HCP 2024 census (or "
        "of an establishment register), with the candidates each activity's figures point to.")
LEVELS = ("commune", "cercle", "province", "region")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="an establishment register and its table of territorial units (CSV "
                        "or Parquet); default: the HCP 2024 census of Morocco")
    parser.add_argument("--level", choices=LEVELS, default="commune",
                        help="the level of the units listed (default: commune)")
    parser.add_argument("--activity", metavar="CODE", help="only this activity")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="a readable table of the candidates (default), or every unit as CSV "
                        "or JSON")
    parser.add_argument("--out", metavar="FOLDER",
                        help="write the candidates as case studies of the template (`cases.csv` …)")
    parser.add_argument("--backend", default="duckdb", metavar="duckdb|spark|URL",
                        help="the engine that computes: duckdb (default), spark (a local session) "
                        "or an Ibis backend URL")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of headers, values and reasons")
    parser.add_argument("--top", type=positive_int, metavar="N",
                        help="at most N units per activity (default: 10 in the table, all "
                        "otherwise)")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                        help="register column for a field (`id`, `unit`, `activity`, `jobs`, "
                        "`size_class`, `founded`; `code`, `name`, `level`, `parent`, "
                        "`population`)")
    parser.add_argument("--size-scheme", metavar="SCHEME",
                        help="the scheme of a register's size classes (`--map size_class=COLUMN`)"
                        ", one of the ontology's netorg:SizeBandScheme codes: sirene (INSEE's "
                        "tranches d'effectif), hcp")
    parser.add_argument("--country", metavar="CC",
                        help="ISO country code of a register (chooses the SME definition)")


def run(args: argparse.Namespace) -> int:
    from netorg.diagnose.output import render
    from netorg.diagnose.run import diagnose

    mapping = _mapping(args.map)
    top = args.top or (10 if args.format == "table" and not args.out else None)
    frame = diagnose(args.sources, level=args.level, activity=args.activity,
                     backend=args.backend, lang=args.lang, top=top,
                     candidates_only=args.format == "table" or bool(args.out),
                     mapping=mapping, country=args.country, size_scheme=args.size_scheme)
    if args.out:
        from pathlib import Path

        from netorg.diagnose.cases import write_candidates

        counts = write_candidates(frame, Path(args.out), args.lang)
        print(_written(counts, args.out, args.lang))
        return 0
    print(render(frame, args.format, args.lang), end="")
    return 0


def _mapping(pairs: list[str]) -> dict[str, str]:
    from netorg.errors import UnusableInput

    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise UnusableInput(f"--map {pair}: expected FIELD=COLUMN")
        mapping[field.strip()] = column.strip()
    return mapping


def _written(counts: dict[str, int], out: str, lang: str) -> str:
    n = counts.get("cases", 0)
    if lang == "fr":
        plural = "s" if n > 1 else ""
        return f"{n} candidat{plural} à auditer écrit{plural} dans {out}"
    return f"{n} candidate{'s' if n != 1 else ''} to audit written to {out}"
