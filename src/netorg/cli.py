"""The `netorg` command: a thin dispatcher over one module per sub-command.

Each module in `netorg.commands` defines `HELP`, `configure(parser)` and `run(args) -> int`, and
imports heavy libraries only inside `run`, so that `netorg --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from netorg import __version__
from netorg.errors import INTERRUPTED, TERMINATED, NetorgError, Terminated, raise_terminated

# sub-command -> module in netorg.commands (the order is the order of `netorg --help`)
COMMANDS: dict[str, str] = {
    "check": "check",
    "validate": "validate",
    "classify": "classify",
    "import": "import_",
    "export": "export",
    "template": "template",
    "diagnose": "diagnose",
    "query": "query",
    "sparql": "sparql",
    "load": "load",
    "docs": "docs",
}

EPILOG = """exit codes: 0 ok, 1 findings (errors in the data or the ontology), 2 unusable input
(unreadable file, syntax error, unknown name, unreachable endpoint), 130 interrupted (Ctrl-C),
143 terminated (SIGTERM); interrupted or terminated, netorg leaves no partial output.
Documentation: README.md and the site built by `netorg docs build`."""


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The whole command line, its help in `lang` (netorg.commands._language)."""
    from netorg.commands._language import localise

    parser = argparse.ArgumentParser(
        prog="netorg",
        description="The knowledge base of network organisation: check the ontology, validate and "
        "classify case studies, import and export spreadsheets, query, build the docs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"netorg {__version__}")
    parser.add_argument(
        "--lang", choices=("en", "fr"), default=argparse.SUPPRESS,
        help="language of the help and of the messages (default: en); a sub-command's --lang "
        "does the same",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = _command_module(module_name)
        if module is None:
            continue
        command = sub.add_parser(
            name, help=module.HELP, description=module.HELP, epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(command)
        _with_lang(command)
        # the whole parser too, in each language, from which `netorg docs build` writes the
        # command-line reference
        command.set_defaults(_run=module.run, _netorg_parser=build_parser)
    return localise(parser, lang)


def _with_lang(parser: argparse.ArgumentParser) -> None:
    """Every command and sub-command takes `--lang` (those that print little, for their messages
    and their help)."""
    if "--lang" not in parser._option_string_actions:
        parser.add_argument("--lang", choices=("en", "fr"), default="en",
                            help="language of the messages")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _with_lang(sub)


def main(argv: Sequence[str] | None = None) -> int:
    from netorg.commands._language import requested, speaking
    from netorg.messages import translate

    argv = sys.argv[1:] if argv is None else list(argv)
    lang = requested(argv) or "en"
    with speaking(lang):
        parser = build_parser(lang)
        args = parser.parse_args(argv)
    if lang != "en" and hasattr(args, "lang"):
        args.lang = lang  # `netorg --lang fr classify ...`: the sub-command speaks it too
    if not getattr(args, "_run", None):
        parser.print_help()
        return 0
    previous = _on_sigterm(raise_terminated)
    try:
        return int(args._run(args) or 0)
    except NetorgError as error:
        _say(args.command, translate(str(error), lang), lang)
        return error.exit_code
    except KeyboardInterrupt:
        _say(args.command, translate("interrupted", lang), lang)
        return INTERRUPTED
    except Terminated:
        _say(args.command, translate("terminated", lang), lang)
        return TERMINATED
    except BrokenPipeError:
        return 0
    finally:
        _on_sigterm(previous)


def _say(command: str, message: str, lang: str) -> None:
    """One line on standard error, `netorg <command>: <message>` as `lang` punctuates it."""
    from netorg.messages import gettext

    line = gettext("netorg %(command)s: %(message)s", lang)
    print(line % {"command": command, "message": message}, file=sys.stderr)


def _on_sigterm(handler: object) -> object:
    """Install `handler` for SIGTERM (main thread only); return the one it replaces."""
    import signal
    import threading

    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)  # type: ignore[arg-type]


def _command_module(module_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"netorg.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"netorg.commands.{module_name}":
            return None
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
