"""Read the spreadsheet template (a folder of CSV files or an .xlsx workbook) into RDF.

The graph follows the case-study data model of the ontology (section 9; IRI patterns in
tests/fixtures/cases/model-example.ttl). Every cell is checked; every rejected row is reported with
its file (or workbook!sheet), row as a spreadsheet shows it (header = row 1), column and reason, and
nothing is returned unless every row is accepted.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from netorg import CASE_NS, NS
from netorg.errors import FINDINGS, NetorgError, UnusableInput
from netorg.safe.text import from_csv_cell
from netorg.sheets.codes import boolean, is_unknown, vocabulary

if TYPE_CHECKING:  # pragma: no cover
    from netorg.sheets.origins import Origins

NETORG = rdflib.Namespace(NS)
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
GEO = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

SOURCE_SEPARATOR = " | "
YEARS = (1000, 2100)
WORKBOOK_LIMIT = 256 << 20  # bytes a workbook may inflate to (its XML parts, unzipped)
FIELD_LIMIT = 1 << 20  # characters in one CSV cell (Python's csv module stops at 131,072)
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")


@dataclass(frozen=True)
class Column:
    """One column of the template: how its cells are read and which property they fill."""

    name: str
    kind: str  # id, ref, text, country, year, date, count, latitude, longitude, term, flag, sources
    prop: URIRef | None = None
    vocabulary: str | None = None
    required: bool = False  # a value is required in every row
    in_header: bool = True  # False: the column may be left out of the header
    en: str = ""  # meaning when no ontology property describes it
    fr: str = ""


def _col(name: str, kind: str, prop: URIRef | None = None, **more: object) -> Column:
    return Column(name, kind, prop, **more)  # type: ignore[arg-type]


SOURCE_HELP = {
    "en": "Sources: URLs or citations, several separated by ' | '.",
    "fr": "Sources : URL ou références, plusieurs séparées par ' | '.",
}

# sheet -> its columns, in template order. The derived columns written by `netorg export` are not
# listed here: they (and any other extra column) are ignored on import.
SHEETS: dict[str, tuple[Column, ...]] = {
    "cases": (
        _col("case_id", "id", required=True,
             en="Short identifier of the case (letters, digits, '-', '_', '.'); part of its IRI.",
             fr="Identifiant court du cas (lettres, chiffres, '-', '_', '.') ; entre dans son "
             "IRI."),
        _col("name", "text", SKOS.prefLabel,
             en="Name of the case.", fr="Nom du cas."),
        _col("country", "country", NETORG.countryCode),
        _col("region", "text", NETORG.region),
        _col("sector", "text", NETORG.sector),
        _col("nace", "text", NETORG.naceCode),
        _col("initiative", "term", NETORG.initiative, vocabulary="initiative"),
        _col("declared_type", "text", NETORG.declaredAs),
        _col("governance", "text", NETORG.governingBody, in_header=False),
        _col("founded", "year", NETORG.foundingYear),
        _col("lat", "latitude", GEO.lat, en="Latitude, decimal degrees (WGS84), -90 to 90.",
             fr="Latitude en degrés décimaux (WGS84), de -90 à 90."),
        _col("lon", "longitude", GEO.long, en="Longitude, decimal degrees (WGS84), -180 to 180.",
             fr="Longitude en degrés décimaux (WGS84), de -180 à 180."),
        _col("source", "sources", DCTERMS.source, **SOURCE_HELP),
        _col("checked", "date", NETORG.factsCheckedOn, in_header=False),
        _col("status", "term", RDF.type, vocabulary="case_status", in_header=False,
             en="candidate when a territorial diagnosis found the case and an audit must "
             "confirm it; empty otherwise.",
             fr="candidate quand un diagnostic territorial a repéré le cas et qu'un audit doit "
             "le confirmer ; vide sinon."),
        _col("facts", "text", NETORG.diagnosisFact, in_header=False,
             en="Figures of the territorial diagnosis that found the case (code=value; …), "
             "written by netorg diagnose.",
             fr="Chiffres du diagnostic territorial qui a repéré le cas (code=valeur ; …), "
             "écrits par netorg diagnose."),
    ),
    "members": (
        _col("case_id", "ref", required=True, en="The case (a case_id of the cases sheet).",
             fr="Le cas (un case_id de la feuille cases)."),
        _col("member_id", "id", required=True,
             en="Short identifier of the member within its case; part of its IRI.",
             fr="Identifiant court du membre dans son cas ; entre dans son IRI."),
        _col("name", "text", SKOS.prefLabel, en="Name of the member.", fr="Nom du membre."),
        _col("type", "term", RDF.type, vocabulary="member_type", required=True,
             en="Kind of organisation.", fr="Nature de l'organisation."),
        _col("size", "term", NETORG.sizeClass, vocabulary="size"),
        _col("employees", "count", NETORG.employees),
        _col("pivot", "flag", ORG.role,
             en="yes when the sources call the member the pivot (lead) firm of the case.",
             fr="oui quand les sources font du membre la firme pivot du cas."),
        _col("from", "year", NETORG.startYear,
             en="First year of membership.", fr="Première année d'adhésion."),
        _col("to", "year", NETORG.endYear,
             en="Last year of membership; empty while it lasts.",
             fr="Dernière année d'adhésion ; vide tant qu'elle dure."),
        _col("source", "sources", DCTERMS.source, in_header=False, **SOURCE_HELP),
    ),
    "relations": (
        _col("case_id", "ref", required=True, en="The case (a case_id of the cases sheet).",
             fr="Le cas (un case_id de la feuille cases)."),
        _col("source_member", "ref", NETORG.relationSource, required=True),
        _col("target_member", "ref", NETORG.relationTarget, required=True),
        _col("type", "term", NETORG.relationType, vocabulary="relation_type", required=True),
        _col("formal", "flag", NETORG.isFormal),
        _col("market", "flag", NETORG.isMarket),
        _col("source", "sources", DCTERMS.source, in_header=False, **SOURCE_HELP),
    ),
    "recognitions": (
        _col("case_id", "ref", required=True, en="The case (a case_id of the cases sheet).",
             fr="Le cas (un case_id de la feuille cases)."),
        _col("label", "text", NETORG.recognitionLabel),
        _col("authority", "text", NETORG.authority),
        _col("level", "term", NETORG.authorityLevel, vocabulary="level"),
        _col("from", "year", NETORG.startYear,
             en="First year of the recognition.", fr="Première année de la reconnaissance."),
        _col("to", "year", NETORG.endYear,
             en="Last year of the recognition; empty while it lasts.",
             fr="Dernière année de la reconnaissance ; vide tant qu'elle dure."),
        _col("source", "sources", DCTERMS.source, in_header=False, **SOURCE_HELP),
    ),
}
REQUIRED_SHEET = "cases"


# -- errors ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}"
        return f"{where}: column '{self.column}': {self.reason}" if self.column else (
            f"{where}: {self.reason}"
        )


class RejectedRows(NetorgError):
    """Rows of a spreadsheet that cannot be turned into RDF; `.rows` lists them all."""

    exit_code = FINDINGS

    def __init__(self, rows: list[RowError]) -> None:
        self.rows = rows
        super().__init__("\n".join(str(row) for row in rows))


class CellError(ValueError):
    """A cell's value is unusable; the message is the reason shown to the user."""


# -- reading sheets --------------------------------------------------------------------------------


@dataclass
class Table:
    """The rows of one sheet as text, keyed by lower-case header, with spreadsheet row numbers."""

    label: str  # what errors name: a CSV file path, or workbook.xlsx!sheet
    header: list[str] = field(default_factory=list)
    # a list, or (lazy reading) an iterator that is read once, as the rows are turned into RDF
    rows: Iterable[tuple[int, dict[str, str]]] = field(default_factory=list)
    usable: bool = True


def read_tables(source: Path, lazy: bool = False) -> tuple[dict[str, Table], list[RowError]]:
    """Every sheet of the template found in `source`; problems with whole files are returned.

    `lazy` leaves the rows of CSV files on disk, read one at a time as they are used (so that a
    million rows never sit in memory); each file's encoding is still checked first, so the errors
    are the same.
    """
    if source.suffix.lower() == ".xlsx":
        raw = _workbook_sheets(source)
        lazy = False
    elif source.is_dir():
        raw = _csv_sheets(source, lazy)
    else:
        raise UnusableInput(f"{source}: neither a folder of CSV files nor an .xlsx workbook")
    errors: list[RowError] = []
    tables: dict[str, Table] = {}
    for sheet, (label, records) in raw.items():
        table = Table(label)
        try:
            if lazy:
                _check_encoding(Path(label))
            _fill(table, records, SHEETS[sheet], errors, lazy, ragged=source.is_dir())
        except UnicodeDecodeError as exc:
            errors.append(RowError(label, *_decode_position(exc)))
            table.usable = False
        tables[sheet] = table
    return tables, errors


Records = Iterator[tuple[int, list[str]]]


def _fill(table: Table, records: Records, columns: tuple[Column, ...], errors: list,
          lazy: bool = False, ragged: bool = False) -> None:
    """Read the header, then the rows; with `ragged`, a row shorter than the header (a CSV line
    that lost cells) is an error at the first missing column, not a row padded with blanks."""
    header_row = next(records, None)
    if header_row is None:
        table.usable = False
        errors.append(RowError(table.label, 1, None, "no header row"))
        return
    table.header = [cell.strip().lower() for cell in header_row[1]]
    seen: set[str] = set()
    for name in table.header:
        if name and name in seen:
            errors.append(RowError(table.label, 1, name, "column appears twice in the header"))
            table.usable = False
        seen.add(name)
    for column in columns:
        if column.in_header and column.name not in seen:
            errors.append(RowError(table.label, 1, column.name, "missing required column"))
            table.usable = False
    rows = _rows(table.header, records, (table.label, errors) if ragged else None)
    table.rows = rows if lazy else list(rows)


def _rows(header: list[str], records: Records, ragged: tuple[str, list] | None = None
          ) -> Iterator[tuple[int, dict[str, str]]]:
    for number, cells in records:
        values = {name: _clean(cell) for name, cell in zip(header, cells, strict=False) if name}
        if not any(values.values()):
            continue
        if ragged is not None and len(cells) < len(header):
            label, errors = ragged
            missing = header[len(cells)] or f"#{len(cells) + 1}"
            errors.append(RowError(label, number, missing, (
                f"the row has {len(cells)} of the {len(header)} cells of the header (a "
                "separator or a quote lost?); the row is not read")))
            continue
        yield number, values


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def _csv_sheets(folder: Path, lazy: bool = False) -> dict[str, tuple[str, Records]]:
    if not (folder / f"{REQUIRED_SHEET}.csv").is_file():
        raise UnusableInput(f"{folder}: no {REQUIRED_SHEET}.csv (not a spreadsheet source)")
    found = {}
    for sheet in SHEETS:
        path = folder / f"{sheet}.csv"
        if path.is_file():
            found[sheet] = (str(path), _csv_stream(path) if lazy else _csv_records(path))
    return found


def _csv_stream(path: Path) -> Records:
    """The records of a CSV file read from disk as they are used (same dialect guess)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first_line = handle.readline()
        handle.seek(0)
        delimiter = ";" if "," not in first_line and ";" in first_line else ","
        yield from _csv_rows(csv.reader(handle, delimiter=delimiter), path)


def _check_encoding(path: Path, block: int = 1 << 22) -> None:
    """Raise the UnicodeDecodeError that decoding the whole file would raise, block by block."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(block):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        path.read_bytes().decode("utf-8-sig")  # raises the error with whole-file offsets
        raise


def _csv_records(path: Path) -> Records:
    data = path.read_bytes()
    text = data.decode("utf-8-sig")  # a UnicodeDecodeError is reported by the caller
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if "," not in first_line and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from _csv_rows(reader, path)


def _csv_rows(reader: Iterator[list[str]], path: Path) -> Records:
    """Numbered records, each cell as `netorg.safe.text.csv_cell` wrote it back to its value; a
    field too long for the CSV reader is one located error."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    number = 1
    try:
        for cells in reader:
            yield number, [from_csv_cell(cell) for cell in cells]
            number += 1
    except csv.Error as exc:
        raise UnusableInput(
            f"{path}:{number}: unreadable CSV ({exc}; a cell holds at most "
            f"{FIELD_LIMIT:,} characters)"
        ) from None


def _decode_position(exc: UnicodeDecodeError) -> tuple[int, None, str]:
    data = exc.object if isinstance(exc.object, bytes) else b""
    line = data.count(b"\n", 0, exc.start) + 1
    byte = data[exc.start] if exc.start < len(data) else 0
    return line, None, (
        f"not valid UTF-8 (byte 0x{byte:02x} at offset {exc.start}); save the file as UTF-8"
    )


def _workbook_sheets(path: Path) -> dict[str, tuple[str, Records]]:
    import openpyxl

    _refuse_unsafe_workbook(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for unreadable files
        raise UnusableInput(f"{path}: cannot open the workbook ({exc})") from None
    names = {name.strip().lower(): name for name in book.sheetnames}
    if REQUIRED_SHEET not in names:
        raise UnusableInput(f"{path}: no sheet named '{REQUIRED_SHEET}' (not a netorg workbook)")
    return {
        sheet: (f"{path}!{sheet}",
                _sheet_records(book[names[sheet]], formulas[names[sheet]], f"{path}!{sheet}"))
        for sheet in SHEETS
        if sheet in names
    }


def _refuse_unsafe_workbook(path: Path) -> None:
    """Before openpyxl opens it: at most `WORKBOOK_LIMIT` bytes once inflated (a zip bomb would
    fill the memory), and no DTD in any of its XML parts (entity bombs, external entities)."""
    import zipfile

    from netorg.safe.xmlguard import dtd_line

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            inflated = sum(part.file_size for part in parts)
            if inflated > WORKBOOK_LIMIT:
                raise UnusableInput(
                    f"{path}: the workbook inflates to {inflated:,} bytes, more than the "
                    f"{WORKBOOK_LIMIT:,} netorg reads; split it, or use a folder of CSV files"
                )
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with archive.open(part) as handle:
                        line = dtd_line(handle)
                    if line is not None:
                        raise UnusableInput(
                            f"{path}!{part.filename}:{line}: a DTD or an XML entity declaration "
                            "is refused (it can expand without end or read other files)"
                        )
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnusableInput(f"{path}: cannot open the workbook ({exc})") from None


def _sheet_records(sheet: object, formulas: object, label: str) -> Records:
    """The rows as text; a formula with no saved value (a workbook written by a program that
    computes nothing) is refused at its cell rather than read as an empty one."""
    try:
        yield from _checked_rows(sheet, formulas, label)
    except NetorgError:
        raise
    except Exception as exc:  # openpyxl reads a sheet's XML as it goes: zip, XML, value errors
        raise UnusableInput(f"{label}: cannot read the sheet ({exc})") from None


def _checked_rows(sheet: object, formulas: object, label: str) -> Records:
    rows = zip(sheet.iter_rows(), formulas.iter_rows(), strict=False)  # type: ignore[attr-defined]
    for number, (cells, written) in enumerate(rows, start=1):
        for cell, source in zip(cells, written, strict=False):
            if cell.value is None and isinstance(source.value, str) and (
                source.value.startswith("=")
            ):
                raise UnusableInput(
                    f"{label}!{source.coordinate}: a formula ({source.value[:40]}) with no saved "
                    "value; open and save the workbook in a spreadsheet program, or type the value"
                )
        yield number, [_cell_text(cell.value) for cell in cells]


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


# -- cells -----------------------------------------------------------------------------------------


def parse_year(text: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", text) or not YEARS[0] <= int(text) <= YEARS[1]:
        raise CellError(f"bad year {text!r} (expected an integer from {YEARS[0]} to {YEARS[1]})")
    return int(text)


def parse_date(text: str) -> datetime.date:
    """An ISO 8601 calendar date, YYYY-MM-DD; a workbook date cell reads as YYYY-MM-DDT00:00:00."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(T00:00:00)?", text)
    try:
        day = datetime.date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        day = None
    if day is None or not YEARS[0] <= day.year <= YEARS[1]:
        raise CellError(f"bad date {text!r} (expected YYYY-MM-DD, a year from {YEARS[0]} to "
                        f"{YEARS[1]})")
    return day


def parse_count(text: str) -> int:
    digits = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not digits.isdigit():
        raise CellError(f"bad number {text!r} (expected a whole number of 0 or more)")
    return int(digits)


def parse_degrees(text: str, limit: int) -> Decimal:
    number = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        value = Decimal(number)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not -limit <= value <= limit:
        raise CellError(f"bad number {text!r} (expected decimal degrees from {-limit} to {limit})")
    return value


def decimal_literal(value: Decimal) -> Literal:
    """xsd:decimal in canonical form, so that 46.070 and 46.07 are the same term."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def parse_country(text: str) -> str:
    if re.fullmatch(r"[A-Za-z]{2}(\s*[|,;/]\s*[A-Za-z]{2})+", text):  # a cross-border case
        raise CellError(f"several countries {text!r} (one country sets the size thresholds of "
                        "the firms: give the country of the main site or coordinating body, and "
                        "name the others in the region column)")
    if not re.fullmatch(r"[A-Za-z]{2}", text):
        raise CellError(f"bad country {text!r} (expected an ISO 3166-1 alpha-2 code such as FR)")
    return text.upper()


def parse_term(text: str, column: Column) -> URIRef | None:
    if _is_unknown(text) and not column.required:
        return None
    try:
        return _resolve(column.vocabulary or "", text)
    except LookupError as exc:
        what = column.vocabulary.replace("_", " ") if column.vocabulary else column.name
        reason = str(exc)
        raise CellError(
            reason if reason.startswith("ambiguous") else f"unknown {what} {text!r} ({reason})"
        ) from None


@lru_cache(maxsize=4096)
def _resolve(name: str, text: str) -> URIRef:
    """A cell's term; cached, since a million rows repeat a few dozen values."""
    return vocabulary(name).resolve(text).iri


_is_unknown = lru_cache(maxsize=4096)(is_unknown)


def parse_flag(text: str) -> bool | None:
    try:
        return boolean(text)
    except LookupError as exc:
        raise CellError(f"bad value {text!r} ({exc})") from None


def parse_sources(text: str) -> list[rdflib.term.Identifier]:
    """Split on ' | ': a bar with blanks (or an end) on both sides; 'a|b' stays one source."""
    parts = re.split(r"(?<!\S)\|(?!\S)", text)
    return [source_term(part.strip()) for part in parts if part.strip()]


def source_term(text: str) -> rdflib.term.Identifier:
    """An http(s) URL that is a valid IRI becomes an IRI; anything else stays a citation."""
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
        return URIRef(text)
    return Literal(text)


def parse_id(text: str) -> str:
    if not ID_PATTERN.fullmatch(text):
        raise CellError(
            f"bad identifier {text!r} (use letters, digits, '-', '_', '.', starting with a "
            "letter or digit)"
        )
    return text


def case_iri(case_id: str) -> URIRef:
    return URIRef(f"{CASE_NS}{case_id}")


def part_iri(case_id: str, part: str, key: str | int) -> URIRef:
    return URIRef(f"{CASE_NS}{case_id}/{part}/{key}")


# -- rows to triples -------------------------------------------------------------------------------


@dataclass
class Reader:
    """Turns the tables of one source into triples, collecting every row error on the way."""

    tables: dict[str, Table]
    errors: list[RowError]
    # where the triples go: an rdflib graph, or anything with the same `add((s, p, o))`
    graph: rdflib.Graph = field(default_factory=rdflib.Graph)
    cases: dict[str, int] = field(default_factory=dict)  # case_id -> row
    members: dict[tuple[str, str], int] = field(default_factory=dict)  # (case, member) -> row
    counters: dict[tuple[str, str], int] = field(default_factory=dict)  # (sheet, case) -> n
    # (sheet, case, n) -> row of each relation and recognition (netorg.sheets.origins)
    rows: dict[tuple[str, str, int], int] = field(default_factory=dict)
    row: int = 0  # the row being turned into triples

    def run(self) -> rdflib.Graph:
        steps: dict[str, Callable[[dict[str, object]], None]] = {
            "cases": self.case,
            "members": self.member,
            "relations": self.relation,
            "recognitions": self.recognition,
        }
        for sheet, step in steps.items():
            table = self.tables.get(sheet)
            if table is None or not table.usable:
                continue
            for number, values in table.rows:
                self.row = number
                cells = self.cells(table, sheet, number, values)
                if cells is not None:
                    step(cells)
        return self.graph

    def cells(
        self, table: Table, sheet: str, number: int, values: dict[str, str]
    ) -> dict[str, object] | None:
        """Parse every cell of a row; report each bad cell; None when any is bad."""
        parsed: dict[str, object] = {}
        ok = True
        for column in SHEETS[sheet]:
            text = values.get(column.name, "")
            try:
                parsed[column.name] = self.cell(column, text, sheet)
            except CellError as exc:
                self.errors.append(RowError(table.label, number, column.name, str(exc)))
                ok = False
        for first, last in (("from", "to"),):
            start, end = parsed.get(first), parsed.get(last)
            if isinstance(start, int) and isinstance(end, int) and start > end:
                reason = f"year {end} is before 'from' ({start})"
                self.errors.append(RowError(table.label, number, last, reason))
                ok = False
        # identifiers are remembered even on a bad row, so that later rows are not misreported
        self.remember(table, sheet, number, parsed, values)
        return parsed if ok else None

    def cell(self, column: Column, text: str, sheet: str) -> object:
        if not text:
            if column.required:
                raise CellError("missing value" + _choices(column))
            return None
        kind = column.kind
        if kind in ("id", "ref"):
            return parse_id(text)
        if kind == "text":
            return text
        if kind == "country":
            return parse_country(text)
        if kind == "year":
            return parse_year(text)
        if kind == "date":
            return parse_date(text)
        if kind == "count":
            return parse_count(text)
        if kind in ("latitude", "longitude"):
            return parse_degrees(text, 90 if kind == "latitude" else 180)
        if kind == "term":
            return parse_term(text, column)
        if kind == "flag":
            return parse_flag(text)
        if kind == "sources":
            return parse_sources(text)
        raise AssertionError(f"unknown column kind {kind} in sheet {sheet}")

    def remember(
        self, table: Table, sheet: str, number: int, parsed: dict, values: dict[str, str]
    ) -> None:
        if sheet == "cases" and values.get("case_id"):
            case_id = values["case_id"]
            if case_id in self.cases:
                reason = f"duplicate case_id {case_id!r} (first on row {self.cases[case_id]})"
                self.errors.append(RowError(table.label, number, "case_id", reason))
                parsed["case_id"] = None
            else:
                self.cases[case_id] = number
            return
        case_id = parsed.get("case_id")
        if not isinstance(case_id, str):
            return
        cases_table = self.tables.get("cases")
        if cases_table is not None and cases_table.usable and case_id not in self.cases:
            reason = f"unknown case_id {case_id!r} (not in {cases_table.label})"
            self.errors.append(RowError(table.label, number, "case_id", reason))
            parsed["case_id"] = None
            return
        if sheet == "members" and isinstance(parsed.get("member_id"), str):
            # interned: a million members share a few thousand case ids and a few member ids
            key = (sys.intern(case_id), sys.intern(parsed["member_id"]))
            if key in self.members:
                reason = (
                    f"duplicate member_id {key[1]!r} in case {case_id!r} "
                    f"(first on row {self.members[key]})"
                )
                self.errors.append(RowError(table.label, number, "member_id", reason))
                parsed["member_id"] = None
            else:
                self.members[key] = number
        if sheet == "relations":
            members_table = self.tables.get("members")
            members_usable = members_table is None or members_table.usable
            for name in ("source_member", "target_member"):
                member = parsed.get(name)
                if isinstance(member, str) and members_usable and (case_id, member) not in (
                    self.members
                ):
                    where = members_table.label if members_table else "members"
                    reason = f"unknown member {member!r} (not a member of {case_id!r} in {where})"
                    self.errors.append(RowError(table.label, number, name, reason))
                    parsed[name] = None

    def case(self, cells: dict[str, object]) -> None:
        if not isinstance(cells["case_id"], str):
            return
        case = case_iri(cells["case_id"])
        self.graph.add((case, RDF.type, NETORG.CaseStudy))
        for column in SHEETS["cases"]:
            self.put(case, column, cells.get(column.name))

    def member(self, cells: dict[str, object]) -> None:
        case_id, member_id = cells["case_id"], cells["member_id"]
        if not (isinstance(case_id, str) and isinstance(member_id, str)):
            return
        case = case_iri(case_id)
        member = part_iri(case_id, "member", member_id)
        membership = part_iri(case_id, "membership", member_id)
        add = self.graph.add
        add((case, ORG.hasMembership, membership))
        add((membership, RDF.type, ORG.Membership))
        add((membership, ORG.organization, case))
        add((membership, ORG.member, member))
        if cells["pivot"]:
            add((membership, ORG.role, NETORG.PivotFirmRole))
        for column in SHEETS["members"]:
            if column.name in ("from", "to"):
                self.put(membership, column, cells.get(column.name))
            elif column.kind not in ("id", "ref", "flag"):
                self.put(member, column, cells.get(column.name))

    def relation(self, cells: dict[str, object]) -> None:
        self.numbered("relations", "relation", NETORG.InterOrganisationalRelation,
                      NETORG.hasRelation, cells)

    def recognition(self, cells: dict[str, object]) -> None:
        self.numbered("recognitions", "recognition", NETORG.PublicRecognition,
                      NETORG.hasRecognition, cells)

    def numbered(
        self, sheet: str, part: str, cls: URIRef, link: URIRef, cells: dict[str, object]
    ) -> None:
        """Relations and recognitions are numbered 1, 2, ... in row order within their case."""
        case_id = cells["case_id"]
        if not isinstance(case_id, str):
            return
        n = self.counters[(sheet, case_id)] = self.counters.get((sheet, case_id), 0) + 1
        self.rows[(sheet, case_id, n)] = self.row
        node = part_iri(case_id, part, n)
        self.graph.add((case_iri(case_id), link, node))
        self.graph.add((node, RDF.type, cls))
        for column in SHEETS[sheet]:
            value = cells.get(column.name)
            if column.kind == "ref" and column.prop is not None and isinstance(value, str):
                self.graph.add((node, column.prop, part_iri(case_id, "member", value)))
            elif column.kind != "ref":
                self.put(node, column, value)

    def put(self, subject: URIRef, column: Column, value: object) -> None:
        if value is None or column.prop is None or column.kind in ("id", "ref"):
            return
        add = self.graph.add
        if column.kind == "sources":
            for source in value:  # type: ignore[attr-defined]
                add((subject, column.prop, source))
        elif isinstance(value, URIRef):
            add((subject, column.prop, value))
        elif column.kind == "count":
            add((subject, column.prop, Literal(value, datatype=XSD.nonNegativeInteger)))
        elif isinstance(value, Decimal):
            add((subject, column.prop, decimal_literal(value)))
        else:
            add((subject, column.prop, Literal(value)))


def _choices(column: Column) -> str:
    if column.vocabulary:
        return f" (expected one of: {', '.join(vocabulary(column.vocabulary).codes())})"
    return ""


def read_tabular(source: Path, origins: Origins | None = None) -> rdflib.Graph:
    """The cases of a spreadsheet source as RDF; `RejectedRows` lists every bad row.

    `source` is a folder holding `cases.csv` (and optionally `members.csv`, `relations.csv`,
    `recognitions.csv`) or an .xlsx workbook with sheets of the same names. `origins`, when
    given, learns the row each case, member, relation and recognition was read from.
    """
    source = Path(source)
    if not source.exists():
        raise UnusableInput(f"{source}: no such file or folder")
    tables, errors = read_tables(source)
    reader = Reader(tables, errors)
    graph = reader.run()
    if errors:
        raise RejectedRows(sorted(errors, key=_error_order(tables)))
    if origins is not None:
        origins.add_sheets(sheet_files(source, tables), reader)
    return graph


def sheet_files(source: Path, tables: dict[str, Table]) -> dict[str, str]:
    """The file each sheet was read from: its CSV file, or the workbook."""
    return {sheet: table.label.rsplit("!", 1)[0] if source.suffix.lower() == ".xlsx"
            else table.label for sheet, table in tables.items()}


def _error_order(tables: dict[str, Table]) -> Callable[[RowError], tuple]:
    order = {table.label: i for i, table in enumerate(tables.values())}
    return lambda error: (order.get(error.file, len(order)), error.row)


def counts(graph: rdflib.Graph) -> dict[str, int]:
    """How many cases, members, relations and recognitions a graph holds."""
    kinds = {
        "cases": NETORG.CaseStudy,
        "members": ORG.Membership,
        "relations": NETORG.InterOrganisationalRelation,
        "recognitions": NETORG.PublicRecognition,
    }
    return {name: len(set(graph.subjects(RDF.type, cls))) for name, cls in kinds.items()}
