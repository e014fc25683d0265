"""The HIS- checks on Spark: they read the case's comparisons of two exports (schema
``history``), which a Spark run registers from the case whatever data it reads. Here the newer
export is the small sample with four edits made the way a rewritten re-export would carry them
(a paid date moved, a charge and an incident removed, a bureau report withdrawn), compared with
the sample as it was; every HIS- check then gives the same rows on both engines."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.engine.spark.runner import SparkChecks
from auditor.results.compare import compare_cases
from auditor.sample.platform import SampleResult
from tests.spark.compare import row_differences
from tests.spark.conftest import LOCAL, Outcome, outcomes

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EDITS = (
    "UPDATE installments SET paid_date = paid_date - 1 WHERE (loan_id, inst_no) = "
    "(SELECT (loan_id, inst_no) FROM installments WHERE paid_date IS NOT NULL "
    "ORDER BY loan_id, inst_no LIMIT 1)",
    "DELETE FROM charges WHERE charge_id = (SELECT min(charge_id) FROM charges)",
    "DELETE FROM incidents WHERE incident_id = (SELECT min(incident_id) FROM incidents)",
    "DELETE FROM bureau_reports WHERE report_id = (SELECT min(report_id) FROM bureau_reports)",
)


@pytest.fixture(scope="module")
def compared(
    small_sample: tuple[SampleResult, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    new = tmp_path_factory.mktemp("history") / "new.duckdb"
    shutil.copy(small_sample[1], new)
    with Case.open(new) as case:
        for sql in EDITS:
            case.conn.execute(sql)
        compare_cases(case.conn, small_sample[1], "edited re-export")
    return new


def test_the_history_checks_give_the_same_rows_on_both_engines(
    compared: Path,
    spark: SparkSession,
    library: dict[str, CheckSpec],
    tmp_path: Path,
) -> None:
    his = [s for s in library.values() if s.family == "history"]
    duck_path, spark_path = tmp_path / "duck.duckdb", tmp_path / "spark.duckdb"
    shutil.copy(compared, duck_path)
    shutil.copy(compared, spark_path)
    with Case.open(duck_path) as case:
        session = Session(case)
        duck: dict[str, Outcome] = outcomes(session, session.run_many(his))
    with Case.open(spark_path) as case:
        checks = SparkChecks(case, spark=spark, options=LOCAL)
        try:
            on_spark = outcomes(checks, checks.run_many(his))
        finally:
            checks.close()
    statuses = {i: o.run.status for i, o in duck.items()}
    assert statuses == {
        "HIS-01": "finding",
        "HIS-02": "finding",
        "HIS-03": "finding",
        "HIS-04": "finding",
        "HIS-05": "pass",
    }
    for cid, d in duck.items():
        s = on_spark[cid]
        assert (s.run.status, s.run.reason) == (d.run.status, d.run.reason), cid
        assert (s.run.row_count, s.run.finding_rows, s.run.amount) == (
            d.run.row_count,
            d.run.finding_rows,
            d.run.amount,
        ), cid
        names = [c for c, _ in d.columns]
        assert [c for c, _ in s.columns] == names, cid
        assert row_differences(names, d.rows, s.rows) == [], cid
