"""One local Spark session for every Spark test, and the sample platform at a modest size run
once on each engine.

The sample here has 3,000 loans (the default is 20,000): every check still has rows to compare,
and most planted truths still hold, while the Spark run stays short. Two worker threads and two
shuffle partitions (adaptive execution off, so they stay two): enough to exercise the exchanges
between partitions, little to schedule. Arrow batches of 1,000 rows, so that APR's batches split
loans and the carry-over is exercised. On data this small Spark's time goes to planning and to
the JVM compiling itself: the quick JIT tier and the serial collector cut that by a third.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from auditor.case.parquet import export_parquet
from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun, Session
from auditor.engine.spark.runner import SparkChecks
from auditor.engine.spark.session import SparkOptions, spark_session
from auditor.sample.build import build_sample_case
from auditor.sample.platform import SampleResult

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SMALL_LOANS = 3_000
LOCAL = SparkOptions(
    master="local[2]",
    shuffle_partitions=2,
    driver_memory="2g",
    java_options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    conf={
        "spark.sql.adaptive.enabled": "false",
        "spark.sql.execution.arrow.maxRecordsPerBatch": "1000",
    },
)


@dataclass(frozen=True)
class Outcome:
    """A check's run and its result rows on one engine."""

    run: CheckRun
    columns: list[tuple[str, str]]  # name, DuckDB type name
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        names = [c for c, _ in self.columns]
        return [dict(zip(names, r, strict=True)) for r in self.rows]


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """The Spark tests fail without Java, never skip: CI installs a runtime (.ci/run)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("the Spark engine's tests need a Java 17+ runtime (java on PATH or JAVA_HOME)")
    session = spark_session(LOCAL)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def small_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleResult, Path]:
    sample, case_path, _ = build_sample_case(
        tmp_path_factory.mktemp("small_sample"), loans=SMALL_LOANS
    )
    return sample, case_path


@pytest.fixture(scope="session")
def small_dataset(
    small_sample: tuple[SampleResult, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The small sample's tables as a Parquet dataset (export-parquet's layout)."""
    out = tmp_path_factory.mktemp("dataset") / "lake"
    copy = out.parent / "for_export.duckdb"
    shutil.copy(small_sample[1], copy)
    with Case.open(copy) as case:
        export_parquet(case, out)
    return out


def outcomes(session: Session, runs: list[CheckRun]) -> dict[str, Outcome]:
    out = {}
    for run in runs:
        cols: list[tuple[str, str]] = []
        rows: list[tuple[Any, ...]] = []
        if run.result_table:
            cols = session.results.columns(run.result_table)
            rows = [r for batch in session.results.batches(run.result_table) for r in batch]
        out[run.check.id] = Outcome(run, cols, rows)
    return out


@pytest.fixture(scope="session")
def duckdb_small(
    small_sample: tuple[SampleResult, Path],
    library: dict[str, CheckSpec],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Outcome]:
    copy = tmp_path_factory.mktemp("duck_runs") / "case.duckdb"
    shutil.copy(small_sample[1], copy)
    with Case.open(copy) as case:
        session = Session(case)
        return outcomes(session, session.run_many(list(library.values())))


@pytest.fixture(scope="session")
def spark_small(
    spark: SparkSession,
    small_sample: tuple[SampleResult, Path],
    small_dataset: Path,
    library: dict[str, CheckSpec],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SparkChecks, dict[str, Outcome]]]:
    """Every check on Spark, over the Parquet dataset; the case (a copy) keeps the record."""
    copy = tmp_path_factory.mktemp("spark_runs") / "case.duckdb"
    shutil.copy(small_sample[1], copy)
    with Case.open(copy) as case:
        checks = SparkChecks(case, data=small_dataset, spark=spark, options=LOCAL)
        yield checks, outcomes(checks, checks.run_many(list(library.values())))
        checks.close()
