"""The Spark session a run uses: a Spark Connect server (``sc://host:port``) or a local one.

Settings that make Spark read the SQL as DuckDB does, whatever the cluster's defaults:
timestamps without time zone (``TIMESTAMP`` means wall-clock time, as in the canonical tables),
the session time zone UTC (so the few conversions through an instant change nothing), ANSI mode
(errors where DuckDB errors instead of silent NULLs), and no SQL directly on files (the
sandbox: a query reads the tables the run registered, nothing else).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.resources import resource

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Read like DuckDB; asked of every session, local or remote.
SQL_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.runSQLOnFiles": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


class SparkUnavailable(AuditorError):
    title = "Spark engine"


@dataclass(frozen=True)
class SparkOptions:
    """How to reach Spark. ``remote`` is a Spark Connect URL; without one a local session runs
    in this process with ``master`` (``local[N]``: N worker threads)."""

    remote: str | None = None
    master: str = "local[*]"
    shuffle_partitions: int | None = None  # local default: 2 per core
    driver_memory: str = "4g"
    java_options: str = ""  # more JVM options for the local session's driver
    conf: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        return f"Spark Connect {self.remote}" if self.remote else f"Spark local ({self.master})"


def require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError as e:
        raise SparkUnavailable(
            "the Spark engine needs pyspark: pip install 'lending-auditor[spark]'"
        ) from e


def _log_config() -> str:
    """A log4j2 setting that keeps Spark's own logging to real errors (not on our stdout)."""
    path = resource("spark-log4j2.properties")
    return f"-Dlog4j2.configurationFile=file:{path}"


def spark_session(options: SparkOptions) -> SparkSession:
    """The session for ``options`` (an active one with the same master is reused)."""
    require_pyspark()
    from pyspark.sql import SparkSession

    try:
        if options.remote:
            if not options.remote.startswith("sc://"):
                raise SparkUnavailable(
                    f"--spark-remote {options.remote!r}: give a Spark Connect URL, sc://HOST:PORT"
                )
            builder: Any = SparkSession.builder.remote(options.remote)
            spark = builder.getOrCreate()
        else:
            cores = os.cpu_count() or 2
            # Local Python workers (APR's mapInPandas) run this interpreter, with this install.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            builder = (
                SparkSession.builder.master(options.master)
                .appName("lending-auditor")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.memory", options.driver_memory)
                .config(
                    "spark.driver.extraJavaOptions",
                    f"{_log_config()} {options.java_options}".strip(),
                )
                .config(
                    "spark.sql.shuffle.partitions",
                    str(options.shuffle_partitions or 2 * cores),
                )
            )
            for key, value in {**SQL_CONF, **options.conf}.items():
                builder = builder.config(key, value)
            spark = builder.getOrCreate()
    except SparkUnavailable:
        raise
    except Exception as e:  # the JVM or the server did not come up: say why, in one line
        raise SparkUnavailable(f"cannot start {options.describe()}: {_first_line(e)}") from e
    for logger in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        # PySpark logs every failed query with its plan; the engine reports it in one line.
        logging.getLogger(logger).disabled = True
    configure(spark, options)
    return spark


def configure(spark: SparkSession, options: SparkOptions) -> None:
    """The settings that make Spark read the SQL as DuckDB does (and the caller's own)."""
    for key, value in {**SQL_CONF, **options.conf}.items():
        try:
            spark.conf.set(key, value)
        except Exception as e:
            raise SparkUnavailable(
                f"{options.describe()} refused the setting {key}={value}: {_first_line(e)}"
            ) from e


def run_session(spark: SparkSession, options: SparkOptions) -> SparkSession:
    """A session of its own for one run, over the same Spark context and cache: its temporary
    views (the tables, the base layer, the results, all named as the SQL names them) and its
    SQL settings cannot collide with another run's in this process (the desktop's engine, a
    command, a test). A Spark Connect client is already a session of its own."""
    if options.remote:
        return spark
    own = spark.newSession()
    partitions = spark.conf.get("spark.sql.shuffle.partitions")
    if partitions:
        own.conf.set("spark.sql.shuffle.partitions", partitions)
    configure(own, options)
    return own


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
