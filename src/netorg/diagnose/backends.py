"""Where the expressions run: DuckDB in the process (default), a local Spark session, or any
engine Ibis reaches through a URL (`trino://…`, `bigquery://…`, `duckdb:///file.db`, …)."""

from __future__ import annotations

from typing import Any

from netorg.errors import UnusableInput

SPARK_MASTER = "local[2]"


class BackendError(UnusableInput):
    """A backend that cannot be reached or is not installed: one line naming it, exit 2."""


def connect(backend: str = "duckdb") -> Any:
    """An Ibis connection for `duckdb`, `spark` or a backend URL."""
    import ibis

    try:
        if backend == "duckdb":
            return duckdb()
        if backend == "spark":
            session = spark_session()  # first: it silences pyspark before Ibis imports it
            return ibis.pyspark.connect(session)
        if "://" not in backend:
            raise BackendError(f"backend {backend!r}: expected duckdb, spark or a URL such as "
                               "trino://host:8080/catalog")
        return ibis.connect(backend)
    except BackendError:
        raise
    except Exception as error:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise BackendError(f"backend {_safe(backend)}: cannot connect ({first[:200]})") from None


def duckdb() -> Any:
    """An in-process DuckDB that need not keep the order rows were inserted in (every result of
    the diagnosis is sorted explicitly), and that prints no progress bar of its own on stderr
    (it did, on long queries: netorg's bar and one-line errors are the only output there)."""
    import ibis

    con = ibis.duckdb.connect(preserve_insertion_order=False)
    con.raw_sql("SET enable_progress_bar = false")
    return con


def spark_session() -> Any:
    """A local Spark session without its web UI (the tests and a laptop need no port), that
    logs errors only: its warnings (and pyspark's about the pandas version, for every
    conversion) are not the user's to read on every run."""
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark(\.|$)")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master(SPARK_MASTER).appName("netorg-diagnose")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.default.parallelism", "2")
               .config("spark.sql.session.timeZone", "UTC")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def _safe(url: str) -> str:
    """The URL without a password, if it holds one."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
