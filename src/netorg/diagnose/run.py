"""`diagnose`: read the source, build the expressions, run them on the chosen engine, and return
one row per unit and activity with the columns of `netorg diagnose --format json`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from netorg.diagnose.model import Model, model
from netorg.diagnose.sources import Facts
from netorg.progress import progress

FIGURES = ("establishments", "jobs", "lq", "lq_parent", "focus", "stars", "sme_share",
           "mean_size", "large_share", "density", "founded_before_1981", "founded_before_1956",
           "support", "krugman", "hhi")
COLUMNS = ("unit", "unit_name", "level", "parent", "activity", *FIGURES, "profile_scope",
           "criteria", "candidate", "hint", "territory", "territory_level", "clearest_level",
           "members", "reasons")


def diagnose(
    sources: Sequence[str | Path] = (),
    level: str = "commune",
    activity: str | None = None,
    backend: str = "duckdb",
    lang: str = "en",
    top: int | None = None,
    candidates_only: bool = False,
    mapping: dict[str, str] | None = None,
    country: str | None = None,
    connection: object | None = None,
    size_scheme: str | None = None,
) -> pd.DataFrame:
    """Diagnose the bundled HCP 2024 census (no `sources`) or an establishment register (a
    register file and a units file, CSV or Parquet, read through `mapping`; a register whose
    `size_class` gives bands instead of jobs names their scheme in `size_scheme`, e.g. "sirene").

    Rows are those of `level` (and `activity` if given), candidates first, then by location
    quotient; `top` keeps that many per activity. `connection` reuses an Ibis connection.
    """
    m = model()
    with progress("diagnosing", total=4, unit="steps") as advance:
        facts = _facts(sources, m, mapping, country, size_scheme)
        advance(1)
        frame = compute(facts, m, level, activity, backend, top, candidates_only, connection)
        advance(2)
        frame = finish(frame, facts, m, lang)
        advance(1)
    return frame


def _facts(sources: Sequence[str | Path], m: Model, mapping: dict[str, str] | None,
           country: str | None, size_scheme: str | None = None) -> Facts:
    if not sources:
        from netorg.diagnose.census import facts

        return facts(m)
    from netorg.diagnose.register import facts

    return facts([Path(s) for s in sources], m, mapping or {}, country, size_scheme)


def expression(facts: Facts, m: Model, connection: object | None = None,
               level: str | None = None):
    """The whole diagnosis as Ibis expressions, rows of every level (or of `level`). With a
    `connection`, the source tables are loaded into it and the tables that several steps read
    (the ancestry, the summed cells, the indicators, the criteria) are materialised there once:
    an engine that inlines shared subexpressions (DuckDB) or does not share them (Spark) would
    otherwise recompute them for every join, and Spark's planner chokes on the whole plan."""
    import ibis

    from netorg.diagnose.aggregate import territories
    from netorg.diagnose.criteria import evaluate, with_references
    from netorg.diagnose.indicators import ancestry, indicators, same
    from netorg.diagnose.keys import decode, encode

    if connection is None:
        keep = same
        units = ibis.memtable(facts.units)
        cells, profile = ibis.memtable(facts.cells), ibis.memtable(facts.profile)
    else:
        keep = _keeper(connection)
        units, cells, profile = (_load(connection, name, table) for name, table in (
            ("units", facts.units), ("cells", facts.cells), ("profile", facts.profile)))
    units, cells, profile, keys = encode(units, cells, profile, keep)
    tree = keep(ancestry(units, depth=len(m.levels)))
    x = keep(indicators(cells, profile, units, m, tree, keep))
    x = keep(evaluate(x, units, m))
    return decode(with_references(territories(x, units, m, tree, level, keep), x, m), keys)


def _keeper(con: object):
    """How a shared table is materialised: a temporary table of the engine (`.cache()`). On
    Spark, a local checkpoint: a cached view is still expanded into every plan that reads it,
    and Catalyst's analyser ran out of memory on the diagnosis's plan even for three communes;
    a checkpoint is a leaf, computed once."""
    if getattr(con, "name", "") != "pyspark":
        return lambda table: table.cache()

    def checkpoint(table):
        import uuid

        name = f"netorg_step_{uuid.uuid4().hex[:8]}"
        con._session.sql(con.compile(table)).localCheckpoint().createOrReplaceTempView(name)
        return con.table(name)

    return checkpoint


def _load(con: object, name: str, table: object):
    """A temporary table of the engine (a temporary view on Spark, which writes no files)."""
    import uuid

    name = f"netorg_{name}_{uuid.uuid4().hex[:8]}"
    if getattr(con, "name", "") == "pyspark":
        import pyarrow as pa

        frame = table.to_pandas() if isinstance(table, pa.Table) else table
        import ibis

        schema = ibis.memtable(frame).schema()
        con._session.createDataFrame(frame.astype(object).where(frame.notna(), None)
                                     ).createOrReplaceTempView(name)
        return con.table(name).cast(dict(schema.items()))
    return con.create_table(name, table, temp=True)


def compute(facts: Facts, m: Model, level: str, activity: str | None, backend: str,
            top: int | None, candidates_only: bool, connection: object | None) -> pd.DataFrame:
    import ibis

    from netorg.diagnose.backends import connect

    con = connection or connect(backend)
    x = expression(facts, m, con, level)
    if activity:
        x = x.filter(x.activity == activity)
    if candidates_only:
        x = x.filter(x.candidate)
    x = _keeper(con)(x)
    # the order is computed on a narrow table and joined back: a window sorts every column
    order = [ibis.desc(x.candidate), ibis.desc(x.stars), ibis.desc(x.lq), x.unit]
    rank = x.select(o_unit=x.unit, o_activity=x.activity, _order=ibis.row_number().over(
        ibis.window(group_by=x.activity, order_by=order)))
    if top:
        rank = rank.filter(rank._order < top)
    x = x.join(rank, [x.unit == rank.o_unit, x.activity == rank.o_activity]).drop(
        "o_unit", "o_activity")
    frame = con.execute(x)
    return frame.sort_values(["activity", "_order"], kind="stable").reset_index(drop=True)


def finish(frame: pd.DataFrame, facts: Facts, m: Model, lang: str) -> pd.DataFrame:
    """The criteria as one mapping per row, the sentences, and the columns in contract order."""
    from netorg.diagnose.reasons import sentences

    codes = [c.code for c in m.criteria]
    met = frame[[f"met_{code}" for code in codes]].astype("boolean")
    met.columns = codes
    frame["criteria"] = met.astype(object).where(met.notna(), None).to_dict("records")
    frame["reasons"] = sentences(frame, m, lang)
    frame["jobs"] = frame["J"]
    for column in ("candidate",):
        frame[column] = frame[column].astype(bool)
    frame = frame.astype({"establishments": "int64", "stars": "int64", "members": "int64"})
    out = frame[list(COLUMNS)].copy()
    out.attrs["source"] = facts.source
    out.attrs["citation"] = facts.citation
    out.attrs["activity_labels"] = facts.activity_labels
    out.attrs["country"] = facts.country
    out.attrs["references"] = frame[[c for c in frame.columns if c.startswith("ref_")]]
    return out
