"""The command line on Spark: run and report with --engine spark over a Parquet dataset, results
written back as Parquet, run-workbook on Spark, and the refusals a user can act on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import openpyxl
import pytest

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.cli import main
from auditor.engine.spark.runner import SparkChecks
from auditor.engine.spark.tables import SparkDataError
from auditor.sample.platform import SampleResult
from auditor.workbook.document import CustomQuery, Workbook, save, sources_of
from tests.spark.conftest import LOCAL

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SPARK = ["--engine", "spark", "--spark-master", "local[2]"]
PER_PRODUCT = "SELECT product_id, count(*) AS loans FROM loans GROUP BY 1 ORDER BY 1"


def _summaries(text: str) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if k != "duration_s"} for r in json.loads(text)]


def test_run_on_spark_prints_what_duckdb_prints_and_writes_results_back(
    spark: SparkSession,
    small_sample: tuple[SampleResult, Path],
    small_dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    checks = ["--check", "DQ-05", "--check", "OUT-09", "--check", "DLQ-06"]
    duck_case = tmp_path / "duck.duckdb"
    shutil.copy(small_sample[1], duck_case)
    assert main(["run", str(duck_case), *checks, "--json"]) == 0
    want = _summaries(capsys.readouterr().out)
    lake = tmp_path / "lake"
    shutil.copytree(small_dataset, lake)
    record = tmp_path / "record.duckdb"  # a new case: with --data it keeps only the record
    code = main(["run", str(record), *checks, "--json", *SPARK, "--data", str(lake),
                 "--write-results"])  # fmt: skip
    assert code == 0
    assert _summaries(capsys.readouterr().out) == want
    results = Path(str(lake.resolve()) + "_results")
    conn = duckdb.connect()
    for r in want:
        files = f"{results / str(r['id'])}/*.parquet"
        assert conn.execute(f"SELECT count(*) FROM '{files}'").fetchall()[0][0] == r["rows"]
    with Case.open(record) as case:
        log = auditlog.entries(case.conn)
    assert [e.action for e in log][-4:] == ["spark_session", "check_run", "check_run", "check_run"]
    assert log[-4].detail["fingerprint"] and "Parquet dataset" in log[-4].detail["data"]


def test_run_workbook_on_spark_reports_the_workbooks_checks_and_queries(
    spark: SparkSession,
    small_sample: tuple[SampleResult, Path],
    tmp_path: Path,
) -> None:
    with Case.open(small_sample[1]) as case:
        sources = sources_of(case.conn)
    wb = Workbook(
        title="On the cluster",
        checks=["OUT-07", "DQ-05"],
        check_params={"OUT-07": {"refund_max_days": "30"}},
        custom_queries=[CustomQuery("CQ-01", "Loans per product", PER_PRODUCT)],
        sources=sources,
    )
    wb_path = save(wb, tmp_path / "w.auditwb")
    report = tmp_path / "r.xlsx"
    data = str(small_sample[0].directory)
    assert main(["run-workbook", str(wb_path), "--data", data, "-o", str(report), *SPARK]) == 0
    book = openpyxl.load_workbook(report, read_only=True)
    cover = "\n".join(str(c) for row in book["Cover"].iter_rows(values_only=True) for c in row if c)
    assert "Engine: Spark local (local[2])" in cover and "copied to Parquet for Spark" in cover
    rows = list(book["CQ-01"].iter_rows(values_only=True))
    header = rows.index(("product_id", "loans"))
    products = {r[0]: r[1] for r in rows[header + 1 :] if r[0]}
    with Case.open(report.with_suffix(".duckdb")) as case:
        want = dict(
            case.conn.execute("SELECT product_id, count(*) FROM loans GROUP BY 1").fetchall()
        )
    assert products == want
    params = "\n".join(
        str(c) for row in book["OUT-07"].iter_rows(values_only=True) for c in row if c
    )
    assert "Refund within (days): 30 (set by the examiner)" in params


def test_the_engine_options_say_what_is_wrong(tmp_path: Path, small_dataset: Path) -> None:
    case = tmp_path / "c.duckdb"
    assert main(["run", str(case), "--data", str(small_dataset)]) == 3  # needs --engine spark
    assert main(["run", str(case), "--engine", "spark", "--spark-remote", "http://x:1",
                 "--data", str(small_dataset)]) == 3  # fmt: skip
    assert main(["run", str(case), "--engine", "spark", "--data", str(tmp_path / "none")]) == 3


def test_a_dataset_whose_types_need_a_guess_is_refused_and_missing_columns_are_not_run(
    spark: SparkSession, small_sample: tuple[SampleResult, Path], tmp_path: Path
) -> None:
    conn = duckdb.connect()
    conn.execute(f"ATTACH '{small_sample[1]}' AS c (READ_ONLY)")
    bad = tmp_path / "bad"
    (bad / "loans").mkdir(parents=True)
    conn.execute(
        "COPY (SELECT * REPLACE (CAST(contract_principal AS VARCHAR) AS contract_principal) "
        f"FROM c.main.loans) TO '{bad / 'loans' / 'x.parquet'}' (FORMAT parquet)"
    )
    record = tmp_path / "record.duckdb"
    with (
        Case.open(record, create=True) as case,
        pytest.raises(SparkDataError, match="loans: column contract_principal is stored as string"),
    ):
        SparkChecks(case, data=bad, spark=spark, options=LOCAL)
    thin = tmp_path / "thin"
    for table in ("loans", "installments"):
        (thin / table).mkdir(parents=True)
        drop = " EXCLUDE (risk_class)" if table == "loans" else ""
        conn.execute(
            f"COPY (SELECT *{drop} FROM c.main.{table}) TO '{thin / table / 'x.parquet'}' "
            "(FORMAT parquet)"
        )
    with Case.open(tmp_path / "thin.duckdb", create=True) as case:
        checks = SparkChecks(case, data=thin, spark=spark, options=LOCAL)
        from auditor.engine.checks import load_library

        library = {s.id: s for s in load_library()}
        runs = {i: checks.run(library[i]) for i in ("DLQ-06", "OUT-01", "DQ-05")}
        checks.close()
    assert runs["DLQ-06"].status == "not_run" and "loans.risk_class" in runs["DLQ-06"].reason
    assert runs["OUT-01"].status == "not_run" and "repayment_attempts" in runs["OUT-01"].reason
    assert runs["DQ-05"].status == "finding"
