"""The Excel report of a Spark run: evidence streamed from the cluster in batches, with the same
cap and continuation sheets, and the same cells as the report of the same checks on DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.engine.spark.runner import SparkChecks
from auditor.report import ReportMeta, write_report
from auditor.sample.platform import SampleResult
from tests.spark.compare import same
from tests.spark.conftest import Outcome

CHECKS = ["DQ-06", "DLQ-02", "DSC-04", "OUT-01", "OUT-02"]
CAP, PER_SHEET = 120, 50


def cells(path: Path) -> dict[str, list[list[tuple[Any, str]]]]:
    """Every sheet's cells as (value, number format), the Cover's generation time left out."""
    wb = load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
        if ws.title == "Cover":
            rows = [r for r in rows if r and r[0][0] not in ("Generated at", "Notes", "")]
        out[ws.title] = rows
    return out


@pytest.fixture(scope="module")
def duckdb_report(
    small_sample: tuple[SampleResult, Path],
    library: dict[str, CheckSpec],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    folder = tmp_path_factory.mktemp("duck_report")
    shutil.copy(small_sample[1], folder / "case.duckdb")
    path = folder / "report.xlsx"
    with Case.open(folder / "case.duckdb") as case:
        session = Session(case)
        runs = session.run_many([library[c] for c in CHECKS])
        write_report(
            session,
            runs,
            path,
            meta=ReportMeta(),
            max_evidence_rows=CAP,
            rows_per_sheet=PER_SHEET,
            mask=False,
        )
    return path


def test_a_spark_report_streams_capped_evidence_onto_continuation_sheets(
    spark_small: tuple[SparkChecks, dict[str, Outcome]],
    duckdb_report: Path,
    tmp_path: Path,
) -> None:
    checks, outcomes = spark_small
    runs = [outcomes[c].run for c in CHECKS]
    path = tmp_path / "spark.xlsx"
    result = write_report(
        checks,
        runs,
        path,
        meta=ReportMeta(),
        max_evidence_rows=CAP,
        rows_per_sheet=PER_SHEET,
        mask=False,  # masking tokens are keyed per case: these are two copies
    )
    capped = [r for r in runs if r.row_count > CAP and r.status in ("finding", "info")]
    assert capped, "the cap is exercised"
    for r in runs:
        written = result.evidence_rows.get(r.check.id, 0)
        assert written == (min(r.row_count, CAP) if r.status in ("finding", "info") else 0)
    # 120 rows, 49 a sheet after the header: "<ID>", "<ID> (2)", "<ID> (3)".
    assert {f"{r.check.id} (3)" for r in capped} <= set(result.sheets)
    got, want = cells(path), cells(duckdb_report)
    assert list(got) == list(want)
    for sheet in want:
        assert len(got[sheet]) == len(want[sheet]), sheet
        for row_got, row_want in zip(got[sheet], want[sheet], strict=True):
            assert len(row_got) == len(row_want), sheet
            for (v, fmt), (w, wfmt) in zip(row_got, row_want, strict=True):
                assert fmt == wfmt, (sheet, v, w)
                assert same(v, w), (sheet, v, w)
