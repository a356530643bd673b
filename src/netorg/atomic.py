"""Write outputs atomically: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from netorg.errors import UnusableInput


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it over `target` only if the block succeeds.

    Missing parent folders are created; a target that is a folder, or a place where nothing can
    be written, is `UnusableInput` before any work is done. A device or a pipe (`/dev/stdout`) is
    written in place: replacing it would turn it into a plain file.
    """
    target = Path(target)
    if target.is_dir():
        raise UnusableInput(f"{target}: is a folder, not a file")
    if target.exists() and not target.is_file():  # /dev/null, /dev/stdout, a pipe: never replace
        with cannot_write(target):
            yield target
        return
    if target.is_symlink():  # replace the file the link names, and keep the link
        target = target.resolve()
    with cannot_write(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
    try:
        with out_of_space(target):
            yield tmp_path
        with cannot_write(target):
            os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


@contextmanager
def cannot_write(target: Path) -> Iterator[None]:
    """Turn an operating-system refusal to write `target` into one line that says why."""
    try:
        yield
    except OSError as exc:
        blocker = Path(exc.filename) if exc.filename else target.parent
        why = exc.strerror or type(exc).__name__
        if isinstance(exc, (FileExistsError, NotADirectoryError)) and blocker.is_file():
            why = f"{blocker} is a file, not a folder"
        raise UnusableInput(f"{target}: cannot write here ({why.lower()})") from None


@contextmanager
def out_of_space(target: Path) -> Iterator[None]:
    """A full disk (or quota, or file size limit) while writing `target`: one line, not a
    traceback; other errors pass as they are."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise
        raise UnusableInput(
            f"{target}: cannot write here ({(exc.strerror or 'no space left').lower()}); "
            "nothing was written"
        ) from None


def write_text(target: str | os.PathLike[str], text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


@cache
def _default_mode() -> int:
    """What `open()` would give a new file (0o666 less the umask), not mkstemp's private 0o600.

    Read once: `os.umask` can only be read by setting it, which other threads would see."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
