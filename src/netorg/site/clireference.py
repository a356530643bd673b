"""The command-line reference page, generated from `netorg`'s own argument parser (handed in by
`netorg docs build`, since the site may not import the command layer): every sub-command, its
arguments and their help, so the page cannot drift from the code."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from netorg.site.markdown import escape, page, say, section, table


def cli_pages(parser: argparse.ArgumentParser | None, lang: str) -> Iterator[tuple[str, str]]:
    if parser is None:
        yield "reference/cli.md", page(say("page.cli", lang), say("cli.no_parser", lang) + "\n")
        return
    sections = [say("cli.intro", lang) + "\n", _usage(parser)]
    for name, sub in _subcommands(parser):
        sections.append(
            section(f"`netorg {name}`", command_text(sub), anchor=name.replace(" ", "-"))
        )
    yield "reference/cli.md", page(say("page.cli", lang), *sections)


def _subcommands(parser: argparse.ArgumentParser, prefix: str = ""):
    """(name, parser) of every sub-command, depth first (`docs`, then `docs build`, ...)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix}{name}"
                yield full, sub
                yield from _subcommands(sub, full + " ")


def command_text(parser: argparse.ArgumentParser) -> str:
    """The sub-command's description, usage and arguments, in the parser's own (English) words."""
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        names = ", ".join(f"`{o}`" for o in action.option_strings) or (
            f"`{action.metavar or action.dest}`"
        )
        if action.option_strings and action.nargs != 0:
            names += f" `{action.metavar or action.dest.upper()}`"
        default = (
            f"`{action.default}`"
            if action.default not in (None, False, True, argparse.SUPPRESS) and action.nargs != 0
            else ""
        )
        choices = ", ".join(f"`{c}`" for c in action.choices) if action.choices else ""
        help_text = escape((action.help or "") % {"default": action.default, "prog": parser.prog}
                           if action.help and "%(" in action.help else action.help or "")
        rows.append([names, help_text + (f" ({choices})" if choices else ""), default])
    usage = " ".join(parser.format_usage().split())
    body = f'<div lang="en" markdown>\n\n{escape(parser.description or "")}\n\n'
    body += f"```text\n{usage.removeprefix('usage: ')}\n```\n\n"
    if rows:
        body += table(["Argument", "What it does", "Default"], rows)
    return body + "\n</div>\n"


def _usage(parser: argparse.ArgumentParser) -> str:
    return f"```text\n{parser.format_help().strip()}\n```\n"
