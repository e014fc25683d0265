"""``auditor coverage`` and ``auditor data-request`` from the command line, and the report's
Coverage sheet, on a partial case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.cli import main
from auditor.engine.checks import load_library
from auditor.engine.runner import Session
from auditor.report import write_report
from tests.coverage.partial import AS_OF, build


@pytest.fixture
def loans_only(tmp_path: Path) -> Path:
    return build(tmp_path / "c.duckdb", ["loans"])


def test_coverage_json(loans_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", str(loans_only), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"] == {"runs": 4, "partial": 4, "not_run": 43}
    checks = {c["id"]: c for c in doc["checks"]}
    assert len(checks) == len(load_library())
    dq04 = checks["DQ-04"]
    assert dq04["status"] == "partial" and dq04["reason"] == ""
    assert [(t["name"], t["runs"], t["lacks"]) for t in dq04["tests"]] == [
        ("installments", False, ["installments"]),
        ("payments", False, ["payments"]),
        ("attempts", False, ["repayment_attempts"]),
        ("closed", True, []),
        ("incidents", False, ["incidents"]),
    ]
    assert dq04["lacks"] == ["installments", "payments", "repayment_attempts", "incidents"]
    assert checks["DSC-07"]["status"] == "runs" and checks["DSC-07"]["lacks"] == []
    dlq06 = checks["DLQ-06"]
    assert dlq06["status"] == "not_run" and dlq06["reason"] == "needs installments"


def test_coverage_text_and_a_family(loans_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", str(loans_only), "--family", "data_quality"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("12 checks, 3 can run in full, 1 in part, 8 cannot run")
    assert "DQ-04   in part  Dates out of order" in out
    assert "skipped incidents: Incidents that end before they start (needs incidents)" in out
    assert "auditor data-request" in out
    assert main(["coverage", str(loans_only), "--check", "XX-99"]) == 2
    assert "unknown check ids: XX-99" in capsys.readouterr().err


def test_data_request_from_the_command_line(
    loans_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "request.xlsx"
    assert main(["data-request", str(loans_only), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"{out}: ") and "for the 47 checks that cannot run in full" in said
    assert load_workbook(out).sheetnames == ["数据需求 Data request", "检查项 Checks"]
    assert main(["data-request", str(loans_only), "-o", str(tmp_path)]) == 2  # a folder
    assert "is a folder" in capsys.readouterr().err


def test_the_report_has_a_coverage_sheet(loans_only: Path, tmp_path: Path) -> None:
    with Case.open(loans_only) as case:
        session = Session(case, as_of=AS_OF)
        runs = session.run_many(load_library())
        write_report(session, runs, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[-1] == "Coverage"
    rows = [list(r) for r in wb["Coverage"].iter_rows(values_only=True)]
    assert rows[1][0].startswith("51 checks: 4 can run in full, 4 in part, 43 cannot run")
    table = {r[0]: r for r in rows[4:]}
    assert table["DLQ-10"][3:] == [
        "in part",
        "Term by the contracted periods, for loans with no schedule",
        "Term to the last due date of the schedule (needs installments)",
        "installments",
    ]
    assert table["DSC-07"][3:6] == ["yes", None, None]
    assert table["OUT-01"][3] == "no" and table["OUT-01"][6] == "repayment_attempts, incidents"
    summary = {r[0]: r for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert "skipped: Term to the last due date of the schedule (needs installments)" in str(
        summary["DLQ-10"]
    )
