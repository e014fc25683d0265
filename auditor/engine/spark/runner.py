"""Running the check library on Spark, behind the same interface as a case session.

``SparkChecks`` is a ``Session``: parameters resolve the same way (override, profile, default;
as-of from the data), every run is logged in the case's audit log, and the outcome is the same
``CheckRun``. What differs is where the work happens: the tables, the base layer and each
check's result live on the cluster; a check's SQL is transpiled (``transpile.to_spark``) and
run with its parameters bound; its summary (rows, finding rows, loans, borrowers, amount) is
computed there from the same SQL as on a case; the rows reach the report or an export through
``results`` in bounded batches, and can be written back as Parquet in full.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import db
from auditor.case import auditlog
from auditor.case.store import Case, Limits
from auditor.engine.base import AS_OF_SOURCES
from auditor.engine.checks import CheckSpec, QuerySpecError, assert_single_select
from auditor.engine.optional import optional_tables_in
from auditor.engine.period import EVENT_DATES, DataSpan
from auditor.engine.profiles import Profile
from auditor.engine.result_source import DuckDBResults, ResultSource, Row
from auditor.engine.run_notes import RunNote, notes_text, reason_notes
from auditor.engine.runner import (
    CANCELLED,
    LOAN_BASE,
    CheckRun,
    Session,
    Status,
    finding_counts_sql,
    finding_figures,
    run_notes,
)
from auditor.engine.spark.base import SparkBase
from auditor.engine.spark.session import SparkOptions, run_session, spark_session
from auditor.engine.spark.shared import split_shared
from auditor.engine.spark.tables import (
    SparkTables,
    case_sources,
    check_location,
    load_case,
    load_dataset,
    register_history,
    register_sources,
)
from auditor.engine.spark.transpile import TranspileError
from auditor.errors import Cancelled

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Spark type names as DuckDB names them, for the report's number formats.
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "smallint": "SMALLINT",
    "tinyint": "TINYINT",
    "double": "DOUBLE",
    "float": "FLOAT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp_ntz": "TIMESTAMP",
    "timestamp": "TIMESTAMP",
}


def result_view(table: str) -> str:
    """``results.DLQ_01`` -> the Spark view holding it."""
    return table.replace(".", "__", 1)


class SparkResults:
    """The result tables of a Spark run, read through the ``ResultSource`` interface."""

    def __init__(self, checks: SparkChecks) -> None:
        self.checks = checks

    def _frame(self, table: str) -> DataFrame:
        frame = self.checks.frames.get(table)
        if frame is None:
            raise QuerySpecError(f"no Spark result {table} in this run")
        return frame

    def columns(self, table: str) -> list[tuple[str, str]]:
        return [
            (f.name, duckdb_type(f.dataType.simpleString()))
            for f in self._frame(table).schema.fields
        ]

    def fetch(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        frame = self.checks.base.sql(sql, dict(params or {}), "the result query")
        return [tuple(r) for r in frame.collect()]

    def batches(
        self, table: str, limit: int | None = None, size: int = 5_000, first: str | None = None
    ) -> Iterator[list[Row]]:
        from pyspark.sql import functions as F

        frame = self._frame(table)
        if first is not None:  # the rows where ``first`` is true first, each side as computed
            order = "__auditor_order"
            frame = (
                frame.withColumn(order, F.monotonically_increasing_id())
                .orderBy(F.coalesce(F.col(f"`{first}`"), F.lit(False)).desc(), F.col(order))
                .drop(order)
            )
        if limit is not None:
            frame = frame.limit(int(limit))
        batch: list[Row] = []
        for row in frame.toLocalIterator(prefetchPartitions=True):
            batch.append(tuple(row))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


def duckdb_type(spark_type: str) -> str:
    if spark_type.startswith("decimal"):
        return spark_type.upper()
    if spark_type.startswith(("array", "struct", "map")):
        return spark_type.upper()
    return DUCKDB_TYPES.get(spark_type, spark_type.upper())


class SparkChecks(Session):
    """Checks on Spark over the tables of ``data`` (a Parquet dataset) or of ``case``."""

    engine = "spark"

    def __init__(
        self,
        case: Case,
        *,
        options: SparkOptions | None = None,
        data: str | Path | None = None,
        profile: Profile | str | None = None,
        overrides: Mapping[str, str] | None = None,
        as_of: dt.date | str | None = None,
        from_date: dt.date | str | None = None,
        limits: Limits | None = None,
        write_results: str | Path | None = None,
        spark: SparkSession | None = None,
        land_results: bool = False,
    ) -> None:
        self.options = options or SparkOptions()
        if data is not None:
            check_location(str(data))  # before starting Spark for nothing
        shared = spark if spark is not None else spark_session(self.options)
        self.spark = run_session(shared, self.options)
        if data is not None:
            self.tables: SparkTables = load_dataset(self.spark, str(data))
        else:
            self.tables = load_case(self.spark, case, remote=bool(self.options.remote))
        if "audit.sources" not in self.tables.views:  # the dataset has no record of its own
            register_sources(self.tables, case_sources(case))
        register_history(self.tables, case)
        super().__init__(
            case,
            profile=profile,
            overrides=overrides,
            as_of=as_of,
            from_date=from_date,
            limits=limits,
        )
        partitions = int(self.spark.conf.get("spark.sql.shuffle.partitions") or 8)
        self.base = SparkBase(self.tables, partitions)
        self.frames: dict[str, DataFrame] = {}
        self.shared: dict[str, list[tuple[str, DataFrame]]] = {}  # result -> its shared CTEs
        self.write_results = str(write_results) if write_results else None
        # The desktop pages, charts and drills into results in the case: bring them home.
        self.land_results = land_results
        self._as_of: dt.date | None = None
        self._span: tuple[DataSpan | None] | None = None
        auditlog.append(
            self.conn,
            "spark_session",
            {
                "engine": self.describe(),
                "data": self.tables.origin,
                "fingerprint": self.tables.fingerprint,
                "tables": {t: len(c) for t, c in self.tables.schema.items()},
                "notes": self.tables.notes,
            },
        )

    def describe(self) -> str:
        return f"{self.options.describe()}, Spark {self.spark.version}"

    # --- what the data holds -----------------------------------------------------------

    @property
    def results(self) -> ResultSource:
        if self.land_results:
            return DuckDBResults(self.conn)
        return SparkResults(self)

    def data_version(self) -> Any:
        """The tables were read when the session started: they do not change under it."""
        return (self.tables.origin, self.tables.fingerprint)

    def data_span(self) -> DataSpan | None:
        if self._span is None:
            parts = [
                f"SELECT CAST(min({c}) AS DATE) AS lo, CAST(max({c}) AS DATE) AS hi FROM {t}"
                for t, c in EVENT_DATES
                if c in self.tables.columns(t)
            ]
            row = None
            if parts:
                sql = f"SELECT min(lo), max(hi) FROM ({' UNION ALL '.join(parts)}) AS s"
                row = self.base.sql(sql, {}, "the data's span").collect()[0]
            self._span = (DataSpan(row[0], row[1]) if row and row[0] is not None else None,)
        return self._span[0]

    def table_columns(self, table: str) -> set[str]:
        return self.tables.columns(table)

    def count_values(self, table: str, columns: list[str]) -> tuple[int, ...]:
        return self.tables.count_values(table, columns)

    def data_as_of(self) -> dt.date:
        if self._as_of is None:
            self._as_of = dt.date.today()
            for table, expr in AS_OF_SOURCES:
                if self.tables.columns(table):
                    value = self.base.sql(f"SELECT {expr} FROM {table}", {}, "as-of").collect()
                    if value and value[0][0] is not None:
                        self._as_of = value[0][0]
                        break
        return self._as_of

    # --- running ------------------------------------------------------------------------

    def run(self, check: CheckSpec) -> CheckRun:
        started = time.perf_counter()
        prepared = self.prepare(check)
        if isinstance(prepared, CheckRun):
            return prepared
        params, described = prepared
        coverage = self.coverage(check)
        if not coverage.can_run:
            lacking = tuple(reason_notes(coverage))
            return self._log(
                CheckRun(
                    check,
                    "not_run",
                    notes_text(lacking, "en"),
                    params=described,
                    tests=coverage.tests,
                    notes=lacking,
                )
            )
        table = db.result_table(check.id.replace("-", "_"))

        def done(status: Status, reason: str, said: tuple[RunNote, ...] = ()) -> CheckRun:
            return self._log(
                CheckRun(
                    check,
                    status,
                    reason,
                    duration_s=time.perf_counter() - started,
                    params=described,
                    notes=said,
                )
            )

        try:
            if self._cancel.is_set() or self.case.cancel.is_set():
                raise Cancelled("cancelled before start")
            if any(f"base.{t}" in check.sql for t in LOAN_BASE):
                if not self.base.available():
                    no_base = (RunNote("needs_base"),)
                    return done("not_run", notes_text(no_base, "en"), no_base)
                bp = self.base_params()
                self.base.ensure_base(bp["as_of"].value, bp["amt_tolerance"].value)
                if "base.apr" in check.sql:
                    self.base.ensure_apr()
                if "base.outage_" in check.sql:
                    self.base.ensure_outage(
                        bp["incident_buffer_min"].value, bp["remedy_days"].value
                    )
            if "base.failure_reasons" in check.sql:
                self.base.ensure_failure_reasons()
            present = self.base.ensure_optional(optional_tables_in(check.sql))
            by_sent = "base.notices" in check.sql and not self.base.ensure_notices()
            notes = run_notes(coverage, present, by_sent)
            frame = self._keep(
                table,
                self._check_frame(check, table, {**params.bind(), **coverage.gates()}),
            )
            rows, findings, loans, borrowers, amount = self._summary(check, table)
        except TranspileError as e:
            return done("error", str(e))
        except Cancelled:
            return done("cancelled", notes_text(CANCELLED, "en"), CANCELLED)
        except Exception as e:
            if self._cancel.is_set():
                return done("cancelled", notes_text(CANCELLED, "en"), CANCELLED)
            return done("error", _spark_error(e))
        try:
            if self.write_results:
                frame.write.mode("overwrite").parquet(
                    f"{self.write_results.rstrip('/')}/{check.id}"
                )
            if self.land_results:
                self._land(table)
        except Exception as e:
            return done("error", f"the result could not be kept: {_spark_error(e)}")
        status: Status = (
            "info" if check.finding.rows == "none" else "finding" if findings else "pass"
        )
        return self._log(
            CheckRun(
                check,
                status,
                notes_text(notes, "en"),
                table,
                rows,
                findings,
                loans,
                borrowers,
                amount,
                time.perf_counter() - started,
                described,
                coverage.tests,
                tuple(notes),
            )
        )

    def _check_frame(self, check: CheckSpec, table: str, values: dict[str, Any]) -> DataFrame:
        """The check's result, its CTEs read more than once computed once each (``shared``):
        cached under views of their own, kept as long as the result they feed."""
        origin = check.origin or check.id
        parts, rest = split_shared(check.sql, origin)
        self._drop_shared(table)
        views: dict[str, str] = {}
        for part in parts:
            view = f"{result_view(table)}__{part.name}"
            shared = self.base.sql(part.sql, values, origin, extra=views).persist()
            shared.createOrReplaceTempView(view)
            self.shared.setdefault(table, []).append((view, shared))
            views[part.name] = view
        return self.base.sql(rest, values, origin, extra=views)

    def _drop_shared(self, table: str) -> None:
        for view, frame in self.shared.pop(table, []):
            frame.unpersist()
            self.spark.catalog.dropTempView(view)

    def _keep(self, table: str, frame: DataFrame) -> DataFrame:
        """Cache a result as the view of ``table``; timestamps as wall-clock, as DuckDB's."""
        from pyspark.sql import functions as F

        cols = [
            F.col(f"`{f.name}`").cast("timestamp_ntz").alias(f.name)
            if f.dataType.simpleString() == "timestamp"
            else F.col(f"`{f.name}`")
            for f in frame.schema.fields
        ]
        old = self.frames.pop(table, None)
        if old is not None:
            old.unpersist()
        frame = frame.select(*cols).persist()
        frame.createOrReplaceTempView(result_view(table))
        self.frames[table] = frame
        self.base.tables.views[table.lower()] = result_view(table)
        return frame

    def _land(self, table: str) -> None:
        """Stream a result into the case's ``results`` schema in Arrow batches."""
        import pyarrow as pa
        from pyspark.sql.pandas.types import to_arrow_schema

        frame = self.frames[table]
        schema = to_arrow_schema(frame.schema)
        self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {db.RESULTS_SCHEMA}")
        self.conn.execute(f"DROP TABLE IF EXISTS {db.table_ref(table)}")
        created = False
        for rows in SparkResults(self).batches(table, None, 50_000):
            batch = pa.Table.from_pylist(
                [dict(zip(schema.names, r, strict=True)) for r in rows], schema
            )
            self.conn.register("__landing", batch)
            try:
                verb = "INSERT INTO {t} SELECT * FROM __landing"
                if not created:
                    verb = "CREATE TABLE {t} AS SELECT * FROM __landing"
                self.conn.execute(verb.format(t=db.table_ref(table)))
                created = True
            finally:
                self.conn.unregister("__landing")
        if not created:
            empty = pa.Table.from_pylist([], schema)
            self.conn.register("__landing", empty)
            try:
                self.conn.execute(f"CREATE TABLE {db.table_ref(table)} AS SELECT * FROM __landing")
            finally:
                self.conn.unregister("__landing")

    def _summary(self, check: CheckSpec, table: str) -> tuple[int, int, int, int, Decimal | None]:
        """Computed on the cluster, from the same SQL as on a case (which also fills the
        cache of the result)."""
        got = self.base.sql(finding_counts_sql(check, table), {}, f"{check.id} summary").collect()
        return finding_figures(check, tuple(got[0]))

    def interrupt(self) -> None:
        self._cancel.set()
        try:
            self.spark.interruptAll()
        except Exception:
            self.spark.sparkContext.cancelAllJobs()

    def relation(self, run: CheckRun) -> Any:
        raise QuerySpecError(f"{run.check.id}: Spark results are read through results")

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[str, int]:
        assert_single_select(sql, "the query")
        table = db.result_table("adhoc")
        try:
            frame = self._keep(table, self.base.sql(sql, dict(params or {}), "the query"))
            rows = frame.count()
            if self.land_results:
                self._land(table)
            return table, rows
        except TranspileError:
            raise
        except Exception as e:
            raise QuerySpecError(_spark_error(e)) from e

    def close(self) -> None:
        for table in list(self.shared):
            self._drop_shared(table)
        for frame in self.frames.values():
            frame.unpersist()
        self.frames.clear()
        self.base.close()
        self.tables.close()


def _spark_error(e: BaseException) -> str:
    text = str(e).strip()
    line = text.splitlines()[0] if text else type(e).__name__
    return line[:500]
