"""Lay sheets of rows out as files: a styled .xlsx workbook or a folder of CSV files.

Shared by the empty template and the export, which both hand it `{sheet: (header, rows)}`. Text
cells are written as text, never formulas (in CSV files through `netorg.safe.text.SafeWriter`), and
numbers (years, headcounts, coordinates) as numbers;
the columns of identifiers, codes and free text are formatted as text (`@`) down to the last row a
user may fill, so that a NACE code typed 30.30 stays 30.30 and an identifier keeps its leading
zeros. CSV files are all prepared before any is moved into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from netorg.atomic import cannot_write, out_of_space
from netorg.errors import UnusableInput
from netorg.safe.text import SafeWriter
from netorg.sheets.codes import vocabulary
from netorg.sheets.read import SHEETS, Column

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook

Sheet = tuple[list[str], list[list]]  # header, rows (text, or numbers for numeric columns)

NUMERIC_KINDS = ("year", "count", "latitude", "longitude")
TEXT_FORMAT = "@"
LAST_ROW = 10000  # how far down the formats and drop-down lists reach

FLAG_VALUES = ["yes", "no", "unknown"]


# -- the workbook ----------------------------------------------------------------------------------


def workbook(
    sheets: dict[str, Sheet],
    instructions: list[tuple[str, ...]] | None = None,
    derived_columns: dict[str, tuple[str, ...]] | None = None,
) -> Workbook:
    """A workbook with the given sheets, styled and with drop-down lists on controlled columns;
    `instructions`, when given, are the rows of a first sheet of that name."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import IllegalCharacterError
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    if instructions:
        first.title = "instructions"
        for row in instructions:
            first.append(row)
        for cell in first["A"]:
            if cell.value and cell.offset(0, 1).value is None:
                cell.font = Font(bold=True)
        first.column_dimensions["A"].width = 18
        for letter in "BCD":
            first.column_dimensions[letter].width = 60
    else:
        book.remove(first)
    lists = _lists_sheet(book)
    derived_columns = derived_columns or {}
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            try:
                sheet.append(row)
            except IllegalCharacterError:
                raise UnusableInput(
                    f"{name}: row {sheet.max_row + 1} holds a control character that a workbook "
                    "cannot store; export to a CSV folder instead"
                ) from None
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula, even when it starts with '='
        derived = set(derived_columns.get(name, ()))
        for cell in sheet[1]:
            italic = cell.value in derived
            cell.font = Font(bold=True, italic=italic, color="808080" if italic else None)
        sheet.freeze_panes = "A2"
        for index, title in enumerate(header, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
                12, min(40, len(title) + 4)
            )
        _validations(sheet, name, header, lists)
        _text_columns(sheet, name, header)
    book.move_sheet(lists, offset=len(book.sheetnames))
    return book


def _lists_sheet(book: Workbook) -> object:
    """A hidden sheet holding the controlled values that the drop-down lists point to."""
    sheet = book.create_sheet("lists")
    sheet.sheet_state = "hidden"
    return sheet


def choices(column: Column) -> list[str]:
    if column.kind == "flag":
        return FLAG_VALUES[:2] if column.name == "pivot" else FLAG_VALUES
    if column.kind == "term" and column.vocabulary:
        codes = vocabulary(column.vocabulary).codes()
        return codes if column.required else [*codes, "unknown"]
    return []


def _validations(sheet: object, name: str, header: list[str], lists: object) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for column in SHEETS[name]:
        listed = choices(column)
        if not listed or column.name not in header:
            continue
        list_col = sum(1 for cell in lists[1] if cell.value) + 1
        lists.cell(1, list_col, f"{name}.{column.name}")
        for i, choice in enumerate(listed, start=2):
            lists.cell(i, list_col, choice)
        letter = get_column_letter(list_col)
        validation = DataValidation(
            type="list",
            formula1=f"lists!${letter}$2:${letter}${len(listed) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # French labels are accepted too, so only warn
            errorTitle=column.name,
            error="Not a listed code; French or English labels are accepted too. / "
            "Code non listé ; les libellés français ou anglais sont acceptés aussi.",
        )
        target = get_column_letter(header.index(column.name) + 1)
        validation.add(f"{target}2:{target}{LAST_ROW}")
        sheet.add_data_validation(validation)



def _text_columns(sheet: object, name: str, header: list[str]) -> None:
    """Format as text every column that is not a number, the cells written and those to come."""
    from openpyxl.utils import get_column_letter

    numeric = {c.name for c in SHEETS.get(name, ()) if c.kind in NUMERIC_KINDS}
    for index, title in enumerate(header, start=1):
        if title in numeric:
            continue
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT  # type: ignore[attr-defined]
        for row in range(2, max(sheet.max_row, 1) + 1):  # type: ignore[attr-defined]
            sheet.cell(row, index).number_format = TEXT_FORMAT  # type: ignore[attr-defined]


# -- CSV folders -----------------------------------------------------------------------------------


def write_csv_folder(sheets: dict[str, Sheet], out: Path) -> None:
    """Write one CSV file per sheet into `out`, preparing all of them before moving any."""
    if out.exists() and not out.is_dir():
        raise UnusableInput(f"{out}: exists and is not a folder")
    with cannot_write(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with out_of_space(out):
            _write_sheets(sheets, staging)
        for sheet in sheets:
            if (out / f"{sheet}.csv").is_dir():
                raise UnusableInput(f"{out / f'{sheet}.csv'}: is a folder, not a file")
        with cannot_write(out):
            out.mkdir(exist_ok=True)
            for sheet in sheets:
                os.replace(staging / f"{sheet}.csv", out / f"{sheet}.csv")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_sheets(sheets: dict[str, Sheet], folder: Path) -> None:
    for sheet, (header, rows) in sheets.items():
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = SafeWriter(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
