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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netorg",
        description="The knowledge base of network organisation: check the ontology, validate and "
        "classify case studies, import and export spreadsheets, query, build the docs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"netorg {__version__}")
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
        # the whole parser too, from which `netorg docs build` writes the command-line reference
        command.set_defaults(_run=module.run, _netorg_parser=parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 0
    previous = _on_sigterm(raise_terminated)
    try:
        return int(args._run(args) or 0)
    except NetorgError as error:
        from netorg.messages import translate

        lang = getattr(args, "lang", "en")
        print(f"netorg {args.command}: {translate(str(error), lang)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"netorg {args.command}: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Terminated:
        print(f"netorg {args.command}: terminated", file=sys.stderr)
        return TERMINATED
    except BrokenPipeError:
        return 0
    finally:
        _on_sigterm(previous)


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
