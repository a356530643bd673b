"""The command-line reference page, generated from `netorg`'s own argument parser (handed in by
`netorg docs build`, since the site may not import the command layer): every sub-command, its
arguments and their help, so the page cannot drift from the code. The parser comes as a function
of the language (`netorg.cli.build_parser`), so the French page shows the French help; a parser
handed in as it is speaks English, and the page says so."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

from netorg.site.markdown import escape, page, say, section, table

Parser = argparse.ArgumentParser | Callable[[str], argparse.ArgumentParser]


def cli_pages(cli: Parser | None, lang: str) -> Iterator[tuple[str, str]]:
    if cli is None:
        yield "reference/cli.md", page(say("page.cli", lang), say("cli.no_parser", lang) + "\n")
        return
    parser, text_lang = (cli(lang), lang) if callable(cli) else (cli, "en")
    intro = say("cli.intro" if text_lang == lang else "cli.intro_english", lang)
    sections = [intro + "\n", _usage(parser, text_lang, lang)]
    for name, sub in _subcommands(parser):
        sections.append(section(f"`netorg {name}`", command_text(sub, text_lang, lang),
                                anchor=name.replace(" ", "-")))
    yield "reference/cli.md", page(say("page.cli", lang), *sections)


def _subcommands(parser: argparse.ArgumentParser, prefix: str = ""):
    """(name, parser) of every sub-command, depth first (`docs`, then `docs build`, ...)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix}{name}"
                yield full, sub
                yield from _subcommands(sub, full + " ")


def command_text(parser: argparse.ArgumentParser, text_lang: str = "en", lang: str = "en") -> str:
    """The sub-command's description, usage and arguments, in the parser's own words (written in
    `text_lang`, on a page in `lang`)."""
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
    usage = " ".join(parser.format_usage().split())  # "usage: netorg x ...", in its language
    usage = usage[usage.find(parser.prog):]
    body = f'<div lang="{text_lang}" markdown>\n\n{escape(parser.description or "")}\n\n'
    body += f"```text\n{usage}\n```\n\n"
    if rows:
        header = [say(f"cli.{word}", lang) for word in ("argument", "what_it_does", "default")]
        body += table(header, rows)
    return body + "\n</div>\n"


def _usage(parser: argparse.ArgumentParser, text_lang: str, lang: str) -> str:
    block = f"```text\n{parser.format_help().strip()}\n```\n"
    if text_lang == lang:
        return block
    return f'<div lang="{text_lang}" markdown>\n\n{block}\n</div>\n'

