"""One set of expressions, two engines: DuckDB and a local Spark session give the same diagnosis,
every indicator to the last digit and every criterion's verdict, on a generated register and on
the bundled HCP 2024 census (every level, every sector).

Spark is slow to start, so the module shares one session (`local[2]`, no UI, one shuffle
partition) and the whole diagnosis of every level is collected in one action per engine (Spark
also runs one job per materialised step: see `run._keeper`).
"""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from diagnose_helpers import generated
from netorg.diagnose.model import model
from netorg.diagnose.run import expression

KEY = ["unit", "activity"]
# a few hundred rows: compiling code for each stage costs more than running it (on the first,
# cold run about 50 s against 34 s on a loaded machine); results do not depend on these
SMALL_DATA = {"spark.sql.adaptive.enabled": "false", "spark.sql.codegen.wholeStage": "false",
              "spark.sql.codegen.factoryMode": "NO_CODEGEN"}


def _collect(con, facts, m) -> pd.DataFrame:
    frame = con.execute(expression(facts, m, con))
    return frame.sort_values(KEY).reset_index(drop=True)


def _values(frame: pd.DataFrame) -> dict[str, list]:
    """Each column as plain Python values (missing as None): the engines' dtypes differ (a
    column of nulls is object in one and float in the other), their values must not."""
    return {c: frame[c].astype(object).where(frame[c].notna(), None).tolist()
            for c in frame.columns}


@pytest.fixture(scope="module")
def tables() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """source -> (DuckDB's table, Spark's table), one Spark session for both sources."""
    from netorg.diagnose import census
    from netorg.diagnose.backends import connect

    m = model()
    sources = {"register": generated(district=120), "census": census.facts(m)}
    duck = {name: _collect(ibis.duckdb.connect(), facts, m) for name, facts in sources.items()}
    spark = connect("spark")
    for key, value in SMALL_DATA.items():
        spark._session.conf.set(key, value)
    try:
        return {name: (duck[name], _collect(spark, facts, m)) for name, facts in sources.items()}
    finally:
        spark._session.stop()


@pytest.fixture(params=["register", "census"])
def both(request, tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    return tables[request.param]


def test_the_register_is_not_trivial(tables):
    duck, _ = tables["register"]
    levels = set(duck["level"])
    assert {"commune", "cercle", "province", "region", "country"} <= levels
    assert duck["candidate"].sum() > 0
    climbed = duck[duck["candidate"] & (duck["territory"] != duck["unit"])]
    assert len(climbed) > 0  # successive aggregation is exercised, not only the indicators


def test_duckdb_and_spark_give_the_same_table(both):
    duck, spark = both
    assert list(spark.columns) == list(duck.columns)
    assert len(spark) == len(duck)
    d, s = _values(duck), _values(spark)
    differing = [c for c in duck.columns if d[c] != s[c]]
    assert differing == [], {c: next((a, b) for a, b in zip(d[c], s[c], strict=True) if a != b)
                             for c in differing}
    met = [c for c in duck.columns if c.startswith("met_")]
    assert met and all(d[c] == s[c] for c in met)
    assert len(duck) > 100 and duck["establishments"].sum() > 0  # not an empty comparison
