"""The command line in the user's language: `--lang fr` gives French help and French parse errors.

netorg's help texts are written in English where the options are declared; `localise` replaces
each (descriptions, epilogs, group titles, help, metavars) by its entry in `locale/<lang>.po`, and
its help formatter says "usage: " in that language. argparse builds its own words ("positional
arguments", "the following arguments are required: %s") through gettext's `_` and `ngettext`, taken
from the gettext module when argparse is imported; `speaking` points those two names at the same
catalogue while a command line is parsed, and puts them back after. The language is the one
`--lang` asks for anywhere on the command line (`netorg --lang fr --help`, `netorg classify --help
--lang fr`), English by default: netorg does not follow the environment's locale, so that its
output, like its answers, depends only on its arguments.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

from netorg.messages import LANGUAGES, gettext, translations

HEADING = "%(heading)s:"  # how argparse writes a section's heading (the msgid of its form)


def requested(argv: Sequence[str]) -> str | None:
    """The language `--lang` asks for (the last one given), None when none is asked for or the
    value is not a language (argparse then says so)."""
    found = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        value = argv[i + 1] if token == "--lang" and i + 1 < len(argv) else None
        if token.startswith("--lang="):
            value = token.removeprefix("--lang=")
        if value in LANGUAGES:
            found = value
    return found


def localise(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """`parser` and its sub-commands, in place, with every text a person reads in `lang`."""
    if lang == "en":
        return parser
    parser.description = gettext(parser.description or "", lang) or None
    parser.epilog = gettext(parser.epilog or "", lang) or None
    parser.formatter_class = _formatter(parser.formatter_class, lang)
    for group in parser._action_groups:
        group.title = gettext(group.title or "", lang) or None
        group.description = gettext(group.description or "", lang) or None
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = gettext(action.help, lang)
        if shown := _shown_name(action):
            action.metavar = gettext(shown, lang)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = gettext(choice.help or "", lang) or None
            for sub in action.choices.values():
                localise(sub, lang)
    return parser


def _shown_name(action: argparse.Action) -> str | None:
    """The placeholder argparse shows for an action's value (its metavar, else its dest), None
    when it shows the choices or takes no value."""
    if isinstance(action.metavar, tuple) or action.nargs == 0:
        return None
    if action.metavar:
        return action.metavar
    if action.choices is not None or action.dest == argparse.SUPPRESS:
        return None
    return action.dest.upper() if action.option_strings else action.dest


@cache
def _formatter(base: type[argparse.HelpFormatter], lang: str) -> type[argparse.HelpFormatter]:
    """`base` saying "usage: " in `lang` whenever no other prefix is asked for, and writing a
    section's heading as the catalogue does (argparse appends its colon itself: French sets a
    space before it)."""
    usage_prefix = gettext("usage: ", lang)
    heading_form = gettext(HEADING, lang).removesuffix(":")

    class Formatter(base):  # type: ignore[valid-type, misc]
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, prefix or usage_prefix)

        def start_section(self, heading):
            super().start_section(heading_form % {"heading": heading} if heading else heading)

    Formatter.__name__ = f"{base.__name__}_{lang}"
    return Formatter


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's own messages in `lang` while the block runs (parsing, help, errors)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    catalogue = translations(lang)
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def argparse_text(text: str) -> str:
    """`text` in the language argparse speaks at the moment (for the messages of our own argument
    types, which argparse prints inside its own)."""
    return argparse._(text)  # type: ignore[attr-defined]
