from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from auditor.cli import main


def _copy(src: Path, tmp: Path) -> str:
    dst = tmp / "c.duckdb"
    dst.write_bytes(src.read_bytes())
    return str(dst)


def test_checks_lists_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    ids = [c["id"] for c in listed]
    assert "DLQ-06" in ids and "DQ-01" in ids
    dlq06 = next(c for c in listed if c["id"] == "DLQ-06")
    assert dlq06["severity"] == "high" and "loans" in dlq06["requires"]


def test_run_json_and_csv_out(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _copy(sample_case_path, tmp_path)
    out = tmp_path / "out"
    assert (
        main(
            [
                "run",
                case,
                "--check",
                "DLQ-06",
                "--check",
                "DLQ-08",
                "--json",
                "--param",
                "substandard_dpd=90",
                "--as-of",
                "2024-09-30",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    runs = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert runs["DLQ-06"]["status"] == "finding" and runs["DLQ-06"]["loans"] == 30
    assert runs["DLQ-06"]["params"]["substandard_dpd"] == {"value": 90, "source": "override"}
    assert runs["DLQ-06"]["params"]["as_of"]["value"] == "2024-09-30"
    assert runs["DLQ-08"]["status"] == "not_run"
    with (out / "DLQ-06.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30 and rows[0]["risk_class"] == "normal"
    assert not (out / "DLQ-08.csv").exists()


def test_run_family_prints_a_findings_table(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _copy(sample_case_path, tmp_path)
    assert main(["run", case, "--family", "data_quality", "--profile", "US"]) == 0
    text = capsys.readouterr().out
    assert "DQ-01   FINDING" in text and "DLQ-" not in text


def test_bad_arguments_are_command_line_errors(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong command line exits 2 (README), before any check runs."""
    case = _copy(sample_case_path, tmp_path)
    assert main(["run", case, "--check", "NOPE-1"]) == 2
    assert "unknown check ids: NOPE-1" in capsys.readouterr().err
    assert main(["run", case, "--check", "DLQ-06", "--param", "colour=red"]) == 2
    assert "colour" in capsys.readouterr().err
    assert main(["run", case, "--check", "DLQ-06", "--param", "substandard_dpd"]) == 2


def test_sql_is_sandboxed(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _copy(sample_case_path, tmp_path)
    assert (
        main(["sql", case, "SELECT funding_source, count(*) AS n FROM loans GROUP BY 1 ORDER BY 1"])
        == 0
    )
    text = capsys.readouterr().out
    assert "bank_partner" in text and "(3 rows)" in text
    target = tmp_path / "loans.csv"
    assert main(["sql", case, "SELECT * FROM loans", "--csv", str(target)]) == 0
    assert sum(1 for _ in target.open(encoding="utf-8")) == 20001
    assert main(["sql", case, "SELECT * FROM read_csv('/etc/passwd')"]) == 3
    assert "disabled" in capsys.readouterr().err
    assert main(["sql", case, "COPY loans TO '/tmp/leak.csv'"]) == 3
    assert not Path("/tmp/leak.csv").exists()


def test_report_command_writes_the_workbook(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    case = _copy(sample_case_path, tmp_path)
    out = tmp_path / "q3.xlsx"
    assert (
        main(
            [
                "report",
                case,
                "-o",
                str(out),
                "--family",
                "delinquency",
                "--max-evidence-rows",
                "5",
                "--title",
                "Q3 inspection",
                "--platform",
                "Sample",
                "--examiner",
                "A. Examiner",
            ]
        )
        == 0
    )
    assert "report written to" in capsys.readouterr().out
    wb = load_workbook(out)
    assert wb["Cover"]["A1"].value == "Q3 inspection"
    summary = {r[0]: r for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert set(summary) == {f"DLQ-{i:02d}" for i in range(1, 12)}
    assert summary["DLQ-06"][10] == "first 5 of 30 rows (capped by the user)"


def test_report_command_writes_the_report_in_chinese(
    sample_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    case = _copy(sample_case_path, tmp_path)
    out = tmp_path / "q3.xlsx"
    args = ["report", case, "-o", str(out), "--check", "DLQ-06", "--max-evidence-rows", "5"]
    assert main([*args, "--title", "三季度检查", "--lang", "zh"]) == 0
    assert "report written to" in capsys.readouterr().out
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["封面", "汇总", "DLQ-06"]
    assert wb["封面"]["A1"].value == "三季度检查"
    summary = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["DLQ-06"][10] == "仅列出全部 30 行中的前 5 行（由用户限定）"
    with pytest.raises(SystemExit):
        main([*args, "--lang", "fr"])
    assert "invalid choice: 'fr'" in capsys.readouterr().err
