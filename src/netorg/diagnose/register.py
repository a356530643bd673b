"""An establishment register (one row per establishment: identifier, territorial unit, activity
code, jobs or size class, founding year) and its table of territorial units (code, name, level,
parent, population), CSV or Parquet, read through a column mapping so that INSEE's SIRENE stock
file or ISTAT's ASIA need no rewriting.

Every row is checked before anything is computed, by expressions run in DuckDB: unknown units,
parents that are missing or circular, jobs that are negative or not whole numbers, size classes
that are not codes of the chosen scheme (netorg:SizeBandScheme, e.g. SIRENE's tranches), duplicate
identifiers, activity codes of the wrong form, empty activities. Each rejected row is one line
(file, row, column, reason) and the command exits 1; a file that cannot be read at all, or that
lacks a needed column, exits 2.

The register is read once: one pass sums it by unit and activity into the cells the indicators
start from and counts, per cell, the rows whose jobs or year are rejected; the activities and
units are checked on those cells and the identifiers by one distinct count. Only when something
is wrong are the rows listed, check by check (`_register_errors`), which then costs a pass each.
"""

from __future__ import annotations

import csv
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from netorg.diagnose.backends import duckdb
from netorg.diagnose.model import Model, settles
from netorg.diagnose.sources import Facts
from netorg.errors import UnusableInput
from netorg.sheets.read import RejectedRows, RowError

REGISTER_FIELDS = ("id", "unit", "activity", "jobs", "size_class", "founded")
UNIT_FIELDS = ("code", "name", "level", "parent", "population")
REQUIRED = {"register": ("unit", "activity"), "units": ("code", "level", "parent")}
# A NACE section letter, a NACE/NAF/ATECO division, group or class (25, 25.6, 25.62, 25.62A,
# 25.62.00), or a coarser sector written as a lower-case word (industry, commerce)
ACTIVITY_PATTERN = r"^([A-U]|[0-9]{2}(\.[0-9]{1,2}([A-Z]|\.[0-9]{1,2})?)?|[a-z][a-z_]*)$"
WHOLE = r"^[+-]?[0-9]+$"
ROOT = "_all"
YEARS = (1000, 2100)
LIMIT = 200  # rejected rows listed at most per check
SUSPECT = ("bad_jobs", "low_jobs", "bad_size", "bad_founded", "low_founded")  # rejected, per cell


def facts(paths: list[Path], model: Model, mapping: dict[str, str], country: str | None,
          size_scheme: str | None = None) -> Facts:
    register_path, units_path = _roles(paths, mapping)
    register = _read(register_path, _columns(mapping, REGISTER_FIELDS), REQUIRED["register"])
    units = _read(units_path, _columns(mapping, UNIT_FIELDS), REQUIRED["units"])
    bands = _bands(model, size_scheme, "size_class" in register.column_names, country)
    con = duckdb()
    r, u = ibis.memtable(register), ibis.memtable(units)
    errors = _unit_errors(con, u, units_path, model, mapping)
    tally = con.create_table(f"netorg_tally_{id(r):x}", _tally(r, model, country, bands),
                             temp=True)
    if errors or _suspect(con, tally, r, u):  # only then is the register read check by check
        errors += _register_errors(con, r, u, register_path, mapping, bands, size_scheme)
    if errors:
        raise RejectedRows(sorted(errors, key=lambda e: (e.file, e.row, e.column or "")))
    table = _units_table(con.execute(u), country)
    cells = con.to_pyarrow(tally.drop(*SUSPECT))
    profile = con.to_pyarrow(_profile(ibis.memtable(cells), model))
    return Facts(units=table, cells=cells, profile=profile, country=country,
                 source=" | ".join(str(p) for p in (register_path, units_path)),
                 citation=f"{register_path.name}, {units_path.name}")


# -- reading ---------------------------------------------------------------------------------------


def _columns(mapping: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    """field -> the column of the file that holds it (the field's own name by default)."""
    return {field: mapping.get(field, field) for field in fields}


def _header(path: Path) -> list[str]:
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, pa.ArrowException) as error:
        raise UnusableInput(f"{path}: cannot be read ({_first_line(error)})") from None


def _roles(paths: list[Path], mapping: dict[str, str]) -> tuple[Path, Path]:
    """Which file is the register and which the table of units (the one with level and parent)."""
    if len(paths) != 2:
        raise UnusableInput("a register needs two files: the establishments and the table of "
                            f"territorial units (got {len(paths)})")
    for path in paths:
        if not path.is_file():
            raise UnusableInput(f"{path}: no such file")
    wanted = {mapping.get("level", "level"), mapping.get("parent", "parent")}
    is_units = [wanted <= set(_header(path)) for path in paths]
    if is_units.count(True) != 1:
        raise UnusableInput(f"{paths[0]}, {paths[1]}: expected exactly one table of units with "
                            f"columns {', '.join(sorted(wanted))} (map them with --map)")
    return (paths[1], paths[0]) if is_units[0] else (paths[0], paths[1])


def _read(path: Path, columns: dict[str, str], required: tuple[str, ...]) -> pa.Table:
    """The mapped columns as text (Parquet numbers kept), renamed to their fields, with `_row`,
    the row as the user sees it (the line in a CSV file, header on line 1)."""
    header = _header(path)
    for field in required:
        if columns[field] not in header:
            raise UnusableInput(f"{path}: no column {columns[field]!r} for {field} (map one with "
                                f"--map {field}=COLUMN)")
    present = {field: column for field, column in columns.items() if column in header}
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path, columns=list(dict.fromkeys(present.values())))
            first = 1
        else:
            from pyarrow import csv as pacsv

            options = pacsv.ConvertOptions(
                include_columns=list(dict.fromkeys(present.values())),
                column_types={c: pa.string() for c in present.values()},
                strings_can_be_null=True)
            table = pacsv.read_csv(path, convert_options=options)
            first = 2
    except (OSError, pa.ArrowException) as error:
        raise UnusableInput(f"{path}: cannot be read ({_first_line(error)})") from None
    arrays = {field: table[column] for field, column in present.items()}
    arrays["_row"] = pa.array(range(first, first + table.num_rows), pa.int64())
    return pa.table(arrays)


def _bands(model: Model, scheme: str | None, given: bool, country: str | None
           ) -> ir.Table | None:
    """The chosen scheme's bands as a table (code; whether a band is SME, large: 1 or 0, large
    missing when the threshold falls inside a band of the scheme), or None without size classes."""
    schemes = model.size_schemes()
    if scheme is not None and scheme not in schemes:
        raise UnusableInput(f"--size-scheme {scheme}: unknown scheme (expected one of: "
                            f"{', '.join(schemes)})")
    if not given:
        return None
    if scheme is None:
        raise UnusableInput("a register with size classes needs --size-scheme (one of: "
                            f"{', '.join(schemes)})")
    bands = model.size_bands(scheme)
    ceiling = model.sme_ceiling(country)
    large = model.indicators["large_share"].jobs_at_least or ceiling
    answered = settles(bands, large)
    return ibis.memtable(pa.table({
        "b_code": pa.array([band.code for band in bands], pa.string()),
        "b_sme": pa.array([int(band.is_sme(ceiling)) for band in bands], pa.int64()),
        "b_large": pa.array([int(band.is_large(large)) if answered else None for band in bands],
                            pa.int64()),
    }))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


# -- checks ----------------------------------------------------------------------------------------


def _found(con, expr: ir.Table, path: Path, column: str, reason: ir.StringValue) -> list[RowError]:
    rows = con.execute(expr.select(row=expr._row, reason=reason).order_by("row").limit(LIMIT))
    return [RowError(str(path), int(row), column, text)  # the rows to show, at most LIMIT
            for row, text in zip(rows["row"], rows["reason"], strict=True)]


def _text(value: ir.Value) -> ir.StringValue:
    return value.cast("string")


def _unit_errors(con, u: ir.Table, path: Path, model: Model,
                 mapping: dict[str, str]) -> list[RowError]:
    col = _columns(mapping, UNIT_FIELDS)
    errors = []
    code = _text(u.code)
    dup = u.mutate(n=ibis.row_number().over(ibis.window(group_by=code, order_by=u._row)),
                   first=u._row.min().over(ibis.window(group_by=code)))
    errors += _found(con, dup.filter(dup.n > 0), path, col["code"],
                     "duplicate unit " + _quoted(dup.code) + " (first on row "
                     + dup.first.cast("string") + ")")
    levels = [level.code for level in model.levels]
    bad_level = u.filter(u.level.isnull() | ~u.level.isin(levels))
    errors += _found(con, bad_level, path, col["level"], "unknown level "
                     + _quoted(bad_level.level.fill_null("")) + " (expected one of: "
                     + ", ".join(levels) + ")")
    view = u.view()
    codes = view.select(known=_text(view.code)).distinct()
    parent = _text(u.parent)
    has_parent = parent.notnull() & (parent.strip() != "")
    missing = u.filter(has_parent).anti_join(codes, _text(u.parent) == codes.known)
    errors += _found(con, missing, path, col["parent"], "parent " + _quoted(missing.parent)
                     + " is not a unit of this table")
    errors += _cycles(con, u, path, col["parent"], depth=len(levels))
    return errors


def _cycles(con, u: ir.Table, path: Path, column: str, depth: int) -> list[RowError]:
    """Units whose chain of parents has not ended after as many steps as there are levels."""
    walk = u.select("_row", code=_text(u.code), up=_text(u.parent))
    for _ in range(depth + 1):
        view = u.view()
        links = view.select(l_code=_text(view.code), l_parent=_text(view.parent))
        step = walk.left_join(links, walk.up == links.l_code)
        walk = step.select(step._row, step.code, up=step.l_parent)
    looping = walk.filter(walk.up.notnull() & (walk.up.strip() != ""))
    return _found(con, looping, path, column, "unit " + _quoted(looping.code)
                  + " is in a circular chain of parents")


def _register_errors(con, r: ir.Table, u: ir.Table, path: Path, mapping: dict[str, str],
                     bands: ir.Table | None, scheme: str | None) -> list[RowError]:
    col = _columns(mapping, REGISTER_FIELDS)
    errors = []
    activity = _text(r.activity)
    empty = r.filter(activity.isnull() | (activity.strip() == ""))
    errors += _found(con, empty, path, col["activity"], ibis.literal("empty activity"))
    wrong = r.filter(activity.notnull() & (activity.strip() != "")
                     & ~activity.re_search(ACTIVITY_PATTERN))
    errors += _found(con, wrong, path, col["activity"], "activity code "
                     + _quoted(wrong.activity) + " is not of the NACE, NAF or ATECO form "
                     "(C, 25, 25.6, 25.62, 25.62A, 25.62.00) nor a sector word (industry)")
    codes = u.select(known=_text(u.code)).distinct()
    unknown = r.filter(_text(r.unit).notnull()).anti_join(codes, _text(r.unit) == codes.known)
    errors += _found(con, unknown, path, col["unit"], "unknown unit " + _quoted(unknown.unit)
                     + " (not in the table of units)")
    blank_unit = r.filter(_text(r.unit).isnull() | (_text(r.unit).strip() == ""))
    errors += _found(con, blank_unit, path, col["unit"], ibis.literal("empty unit"))
    if "jobs" in r.columns:
        errors += _number_errors(con, r, "jobs", path, col["jobs"], minimum=0)
    if bands is not None:
        wrong_size = _size_flag(r, bands)
        codes = con.execute(bands.b_code)
        errors += _found(con, r.filter(wrong_size), path, col["size_class"], "size class "
                         + _quoted(r.size_class) + f" is not a code of the {scheme} scheme ("
                         + ", ".join(codes) + ")")
    if "founded" in r.columns:
        errors += _number_errors(con, r, "founded", path, col["founded"], minimum=YEARS[0],
                                 maximum=YEARS[1])
    if "id" in r.columns:
        key = _text(r.id)
        dup = r.filter(key.notnull()).mutate(
            n=ibis.row_number().over(ibis.window(group_by=key, order_by=r._row)),
            first=r._row.min().over(ibis.window(group_by=key)))
        errors += _found(con, dup.filter(dup.n > 0), path, col["id"], "duplicate identifier "
                         + _quoted(dup.id) + " (first on row " + dup.first.cast("string") + ")")
    return errors


def _number_errors(con, r: ir.Table, field: str, path: Path, column: str, minimum: int,
                   maximum: int | None = None) -> list[RowError]:
    bad, low = _number_flags(r, field, minimum, maximum)
    errors = _found(con, r.filter(bad), path, column, f"{field} " + _quoted(r[field])
                    + " is not a whole number")
    if maximum is None:
        reason = f"negative {field} " + _quoted(r[field])
    else:
        reason = f"{field} " + _quoted(r[field]) + f" is outside {minimum}-{maximum}"
    return errors + _found(con, r.filter(low), path, column, reason)


def _number_flags(r: ir.Table, field: str, minimum: int, maximum: int | None
                  ) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whether a row's `field` is given but not a whole number, and whether it is out of range:
    the one definition the summing pass counts and the listing of rejected rows filters by."""
    value = _whole(r[field])
    if r[field].type().is_integer():
        given = r[field].notnull()
        bad = ibis.literal(False)
    else:
        text = _text(r[field]).strip()
        given = text.notnull() & (text != "")
        bad = given & value.isnull()
    out = value < minimum if maximum is None else (value < minimum) | (value > maximum)
    return bad, given & value.notnull() & out


def _size_code(r: ir.Table) -> ir.StringValue:
    """A row's size class as written, missing when blank (the size is then unknown)."""
    text = _text(r.size_class)
    return ibis.ifelse(text.strip() == "", ibis.null("string"), text)


def _size_flag(r: ir.Table, bands: ir.Table) -> ir.BooleanValue:
    """Whether a row's size class is given but not a code of the scheme."""
    code = _size_code(r)
    return code.notnull() & ~code.isin(bands.b_code)


def _whole(value: ir.Value) -> ir.IntegerValue:
    """The whole number a cell holds, missing if it holds none (a typed Parquet integer column
    is taken as it is; text is stripped and read only if it is digits: DuckDB would round
    '2.5' to 3)."""
    if value.type().is_integer():
        return value.cast("int64")
    text = _text(value).strip()
    return ibis.ifelse(text.re_search(WHOLE), text.try_cast("int64"), ibis.null("int64"))


def _quoted(value: ir.Value) -> ir.StringValue:
    return "'" + _text(value).fill_null("") + "'"


# -- summing ---------------------------------------------------------------------------------------


def _units_table(units: pd.DataFrame, country: str | None) -> pd.DataFrame:
    """The units with a country at the root (added when the table has none)."""
    frame = pd.DataFrame({
        "code": units["code"].astype(str), "name": units.get("name", units["code"]),
        "level": units["level"].astype(str),
        "parent": units["parent"].where(units["parent"].astype(str).str.strip() != "", None),
        "population": pd.to_numeric(units.get("population"), errors="coerce").astype("Int64")
        if "population" in units else pd.array([pd.NA] * len(units), dtype="Int64"),
    })
    frame["name"] = frame["name"].fillna(frame["code"]).astype(str)
    if (frame["level"] == "country").sum() == 1:
        return frame
    root = pd.DataFrame({"code": [ROOT], "name": [country or ROOT], "level": ["country"],
                         "parent": [None], "population": pd.array([pd.NA], dtype="Int64")})
    frame["parent"] = frame["parent"].where(frame["parent"].notna(), ROOT)
    return pd.concat([frame, root], ignore_index=True)


def _tally(r: ir.Table, model: Model, country: str | None, bands: ir.Table | None) -> ir.Table:
    """One pass over the register: the cells (establishments, jobs, counts by size and founding
    date, per unit and activity as written) and, per cell, the rows whose jobs, size class or
    founding year would be rejected (`SUSPECT`).

    A row's size is its jobs, else its size class's band: SME when the band lies under the
    ceiling, large when it starts at the threshold or above; a cell's large count (and jobs) is
    missing when a sized row cannot tell it."""
    ceiling = model.sme_ceiling(country)
    large = model.indicators["large_share"].jobs_at_least or ceiling
    jobs = _whole(r.jobs) if "jobs" in r.columns else ibis.null("int64")
    founded = _whole(r.founded) if "founded" in r.columns else ibis.null("int64")
    years = {f"before_{i.founded_before}": i.founded_before for i in model.indicators.values()
             if i.founded_before is not None}
    none = (ibis.literal(False), ibis.literal(False))
    bad_jobs, low_jobs = _number_flags(r, "jobs", 0, None) if "jobs" in r.columns else none
    bad_year, low_year = (_number_flags(r, "founded", *YEARS) if "founded" in r.columns
                          else none)
    flag = lambda cond: ibis.ifelse(cond, 1, 0).cast("int64")  # noqa: E731
    row = {"unit": _text(r.unit), "activity": _text(r.activity), "jobs": jobs,
           "founded": founded, "bad_jobs": bad_jobs, "low_jobs": low_jobs,
           "bad_size": ibis.literal(False), "bad_founded": bad_year, "low_founded": low_year,
           "is_sized": jobs.notnull(), "is_sme": flag(jobs < ceiling),
           "is_large": flag(jobs >= large)}
    if bands is not None:
        r = r.left_join(bands, _size_code(r) == bands.b_code)
        band_known = r.b_code.notnull()
        row |= {"bad_size": _size_code(r).notnull() & ~band_known,
                "is_sized": jobs.notnull() | band_known,
                "is_sme": _jobs_or(jobs, flag(jobs < ceiling), r.b_sme),
                "is_large": _jobs_or(jobs, flag(jobs >= large), r.b_large)}
    x = r.select(**row)
    sized = flag(x.is_sized).sum()
    large_unknown = flag(x.is_sized & x.is_large.isnull()).sum()
    return x.group_by(["unit", "activity"]).aggregate(
        establishments=x.count(), jobs=_if_all(x.jobs.count() == sized, x.jobs.sum()),
        sized=sized, sme=x.is_sme.sum().fill_null(0),
        large=_if_all(large_unknown == 0, x.is_large.sum().fill_null(0)),
        dated=x.founded.count(),
        **{name: flag(x.founded < year).sum() for name, year in years.items()},
        **{name: flag(x[name]).sum() for name in SUSPECT})


def _jobs_or(jobs: ir.IntegerValue, by_jobs: ir.IntegerValue, by_band: ir.IntegerValue
            ) -> ir.IntegerValue:
    """A row's flag from its jobs when given, else from its band (missing without either)."""
    return ibis.ifelse(jobs.notnull(), by_jobs, by_band)


def _if_all(complete: ir.BooleanValue, value: ir.IntegerValue) -> ir.IntegerValue:
    return ibis.ifelse(complete, value, ibis.null("int64"))


def _suspect(con, tally: ir.Table, r: ir.Table, u: ir.Table) -> bool:
    """Whether any row would be rejected: read from the cells (every unit and activity as
    written) and one count of distinct identifiers, not row by row. Every check of
    `_register_errors` is covered, so a clean register is never read twice."""
    codes = u.select(known=_text(u.code)).distinct()
    t = tally.left_join(codes, tally.unit == codes.known)
    activity, unit = t.activity, t.unit
    odd = (activity.isnull() | (activity.strip() == "") | ~activity.re_search(ACTIVITY_PATTERN)
           | unit.isnull() | (unit.strip() == "") | t.known.isnull()
           | (sum((t[name] for name in SUSPECT), ibis.literal(0)) > 0))
    if con.execute(t.filter(odd).count()) > 0:
        return True
    if "id" not in r.columns:
        return False
    key = _text(r.id)
    return con.execute(key.count() - key.nunique()) > 0


def _profile(cells: ir.Table, model: Model) -> ir.Table:
    counts = ["jobs", "sized", "sme", "large", "dated",
              *[f"before_{i.founded_before}" for i in model.indicators.values()
                if i.founded_before is not None]]
    unknown = lambda c: (cells[c].isnull() & (cells.sized > 0)).any()  # noqa: E731
    profile = cells.group_by("unit").aggregate(
        establishments=cells.establishments.sum(),
        **{c: _if_all(~unknown(c), cells[c].sum()) for c in counts})
    # a register has no public-service or non-profit establishments: the criterion stays unknown
    return profile.mutate(public=ibis.null("int64"), nonprofit=ibis.null("int64"))
