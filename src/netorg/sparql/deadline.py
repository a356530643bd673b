"""A time limit for the embedded store, which has none of its own.

pyoxigraph cannot stop a query once it runs, so a query with a limit runs in a forked child
process that holds a copy of the store; the answer comes back through a pipe, and when the time is
up the child is killed: nothing of it runs on. Where `fork` is missing (Windows), the limit is not
enforced and the query runs in the process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import TypeVar

from netorg.errors import NetorgError, UnusableInput

T = TypeVar("T")


def check_seconds(seconds: float | None) -> None:
    if seconds is not None and not 0 < seconds < float("inf"):  # also refuses NaN
        raise UnusableInput(f"timeout {seconds:g}: expected a number of seconds above 0")


def within(seconds: float | None, work: Callable[[], T], what: object) -> T:
    """`work()`'s result, or `UnusableInput` once `seconds` have passed (the child is killed)."""
    check_seconds(seconds)
    if seconds is None or "fork" not in multiprocessing.get_all_start_methods():
        return work()
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sending), daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise UnusableInput(
                f"{what}: no answer within {seconds:g} s on the embedded store (the query was "
                "stopped); give more time with --timeout, or narrow the query"
            )
        try:
            kind, value = receiving.recv()
        except EOFError:
            raise UnusableInput(f"{what}: the query's worker ended without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if kind == "error":
        raise value
    return value


def _child(work: Callable[[], object], sending: object) -> None:
    try:
        message: tuple[str, object] = ("ok", work())
    except NetorgError as error:
        message = ("error", error)
    except BaseException as error:
        message = ("error", UnusableInput(f"{type(error).__name__}: {error}"))
    try:
        sending.send(message)  # type: ignore[attr-defined]
    except (pickle.PicklingError, TypeError, OSError):
        pass
    finally:
        os._exit(0)
