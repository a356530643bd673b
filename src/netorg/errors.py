"""The errors a user can cause, each with its documented exit code.

The command line prints `str(error)` on one line and exits with `error.exit_code`; no
traceback reaches the user for bad input.
"""

from __future__ import annotations

OK = 0
FINDINGS = 1
UNUSABLE = 2
INTERRUPTED = 130  # Ctrl-C (SIGINT), as shells report it: 128 + 2
TERMINATED = 143  # SIGTERM: 128 + 15


class NetorgError(Exception):
    """An error the user can fix; its message says what is wrong and where."""

    exit_code = UNUSABLE


class UnusableInput(NetorgError):
    """Input that cannot be read at all: bad syntax, missing file, unknown name."""

    exit_code = UNUSABLE


class EndpointError(NetorgError):
    """A SPARQL endpoint that is down, too slow or refuses the request."""

    exit_code = UNUSABLE


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every `finally` runs: workers are ended,
    temporary files removed, and no output is left half written."""


def raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def where(path: object, line: int | None = None, column: int | None = None) -> str:
    """Format a location the way compilers do (`file:line:column`), so editors can jump to it."""
    text = str(path)
    if line is not None:
        text += f":{line}"
        if column is not None:
            text += f":{column}"
    return text
