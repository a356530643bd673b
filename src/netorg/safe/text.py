"""Text that leaves netorg safely: CSV cells a spreadsheet will not run, terminal text that cannot
move the cursor or change colours.

CSV (the OWASP rule against formula injection): a cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading apostrophe, so that a spreadsheet shows it as text instead of
running it. So that the round trip stays lossless, a cell that already starts with an apostrophe
followed by one of those characters (or by another apostrophe) gets one too, and reading a CSV
cell back (`netorg import`, `validate`, `classify`) takes exactly one such apostrophe off.
Numbers given as numbers (a query's integers and decimals) are left alone: a number is no formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value and (
        value.startswith(FORMULA_STARTS) or _escaped(value)
    ):
        return QUOTE + value
    return value


def from_csv_cell(text: str) -> str:
    """The value a CSV cell written by `csv_cell` stands for (other text is left alone)."""
    return text[1:] if _escaped(text) else text


def _escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == QUOTE and text[1] in (*FORMULA_STARTS, QUOTE)


class SafeWriter:
    """`csv.writer` whose every cell passes through `csv_cell`."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def visible(text: str) -> str:
    """Text for a terminal: control characters (ESC above all) shown as `\\x1b`, never sent.

    Tabs and newlines stay; everything else below 0x20, DEL and the C1 controls are escaped."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
