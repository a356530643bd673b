"""Progress bars for long operations, shown only when stderr is a terminal.

Tests, pipes and CI see nothing. Any module can wrap a long loop:

    with progress("validating", total=len(chunks), unit="cases") as advance:
        for chunk in chunks:
            ...
            advance(len(chunk))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[float], None]
QUIET_ENV = "NETORG_NO_PROGRESS"


def enabled() -> bool:
    """Bars are drawn only for a person watching: stderr is a terminal and not switched off."""
    return sys.stderr.isatty() and not os.environ.get(QUIET_ENV)


@contextmanager
def progress(description: str, total: float | None = None, unit: str = "") -> Iterator[Advance]:
    """Yield `advance(n)`; a rich bar on stderr when `enabled()`, else a no-op."""
    if not enabled():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TextColumn(unit), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def _nothing(_n: float = 1) -> None:
    return None
