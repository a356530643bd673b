"""Query answers as plain Python rows, whichever engine gave them, and their printed forms.

The embedded store yields pyoxigraph terms and a remote endpoint SPARQL JSON; both become the same
rows of `str`, `int`, `float`, `bool` or `None`, so that answers can be compared across engines.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from netorg.messages import translations

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from netorg.sparql.catalogue import Query

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    f"{XSD}{name}"
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte", "gYear",
    )
}
_FLOATS = {f"{XSD}decimal", f"{XSD}double", f"{XSD}float"}

Value = str | int | float | bool | None


@dataclass(frozen=True)
class Result:
    """The answer to a SELECT (columns and rows) or an ASK (one column `answer`)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    def records(self) -> list[dict[str, Value]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_dataframe(self) -> pandas.DataFrame:
        import pandas

        return pandas.DataFrame(list(self.rows), columns=list(self.columns), dtype=object)


def literal_value(value: str, datatype: str | None) -> Value:
    """A literal's Python value: numbers and booleans as such, anything else as its text."""
    try:
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _FLOATS:
            return float(value)
    except ValueError:
        return value
    if datatype == f"{XSD}boolean":
        return value in ("true", "1")
    return value


def from_oxigraph(solutions: Any) -> Result:
    """Rows from pyoxigraph's answer to a SELECT or an ASK."""
    import pyoxigraph as ox

    if isinstance(solutions, (bool, ox.QueryBoolean)):
        return Result(("answer",), ((bool(solutions),),))
    columns = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(_ox_value(solution[name]) for name in columns) for solution in solutions)
    return Result(columns, rows)


def _ox_value(term: Any) -> Value:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def from_json(answer: dict[str, Any]) -> Result:
    """Rows from a SPARQL 1.1 JSON results document (SELECT or ASK)."""
    if "boolean" in answer:
        return Result(("answer",), ((bool(answer["boolean"]),),))
    columns = tuple(answer["head"]["vars"])
    rows = tuple(
        tuple(_json_value(binding.get(name)) for name in columns)
        for binding in answer["results"]["bindings"]
    )
    return Result(columns, rows)


def _json_value(cell: dict[str, str] | None) -> Value:
    if cell is None:
        return None
    if cell["type"] in ("literal", "typed-literal"):
        return literal_value(cell["value"], cell.get("datatype"))
    if cell["type"] == "bnode":
        return f"_:{cell['value']}"
    return cell["value"]


def same_answer(a: Result, b: Result, ordered: bool) -> bool:
    """Whether two answers agree: row for row if the query orders them, as multisets otherwise.

    Blank node labels differ between stores, so they are compared as blank nodes, not by label.
    """
    if a.columns != b.columns or len(a.rows) != len(b.rows):
        return False
    rows_a = [_anonymous(row) for row in a.rows]
    rows_b = [_anonymous(row) for row in b.rows]
    if ordered:
        return rows_a == rows_b
    return sorted(rows_a, key=repr) == sorted(rows_b, key=repr)


def _anonymous(row: tuple[Value, ...]) -> tuple[Value, ...]:
    return tuple("_:" if isinstance(v, str) and v.startswith("_:") else v for v in row)


# -- printed forms -------------------------------------------------------------------------------


def to_csv(result: Result) -> str:
    from netorg.safe.text import SafeWriter

    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return out.getvalue()


def to_json(result: Result) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"


def pivoted(result: Result, rows: str, columns: str, values: str) -> Result:
    """The long answer (one row per cell) laid out as a matrix, in the order the rows come."""
    row_keys: list[Value] = []
    col_keys: list[Value] = []
    cells: dict[tuple[Value, Value], list[str]] = {}
    for record in result.records():
        r, c = record[rows], record[columns]
        if r not in row_keys:
            row_keys.append(r)
        if c not in col_keys:
            col_keys.append(c)
        if record[values] is not None:
            cells.setdefault((r, c), []).append(str(record[values]))
    header = (rows, *(str(c) for c in col_keys))
    body = tuple(
        (r, *("; ".join(cells.get((r, c), [])) or None for c in col_keys)) for r in row_keys
    )
    return Result(tuple(str(h) for h in header), body)


def in_words(result: Result, query: Query, lang: str) -> Result:
    """The answer with the codes the query writes (its header's `codes`) in words of `lang`, for
    people; the answer itself (CSV, JSON) keeps the codes."""
    if not query.codes:
        return result
    rows = tuple(tuple(query.words(c, v, lang) for c, v in zip(result.columns, row, strict=True))
                 for row in result.rows)
    return Result(result.columns, rows)


def to_table(result: Result, title: str | None = None, width: int | None = None,
             lang: str = "en") -> str:
    """A table for people, drawn by rich, wrapping long cells rather than cutting them; the count
    of rows under it in `lang`."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from netorg.safe.text import visible

    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    for name in result.columns:
        table.add_column(visible(name), overflow="fold")
    for row in result.rows:
        table.add_row(*("" if v is None else visible(str(v)) for v in row))
    console = Console(width=width or 120, record=True, file=io.StringIO(), color_system=None)
    console.print(table)
    n = len(result.rows)
    summary = translations(lang).ngettext("%d row", "%d rows", n) % n
    return console.export_text() + summary + "\n"
