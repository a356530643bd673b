"""Shared set-up for the query, store and endpoint tests: one knowledge-base cache per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netorg.sparql.store import CACHE_ENV


def shared_cache(factory: pytest.TempPathFactory) -> Path:
    """A cache folder shared by the xdist workers of one run, so the corpus is classified once."""
    folder = factory.getbasetemp().parent / "netorg-kb-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class CacheEnv:
    """Point NETORG_CACHE_DIR at a folder for the length of a fixture."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.before = os.environ.get(CACHE_ENV)

    def __enter__(self) -> Path:
        os.environ[CACHE_ENV] = str(self.folder)
        return self.folder

    def __exit__(self, *exc: object) -> None:
        if self.before is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = self.before
