"""The data request: reopened from the written workbook, it asks for exactly what the checks
lack, in Chinese and English, and what it asks for imports by itself when sent back."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from auditor.case import auditlog
from auditor.case.dictionary import dictionary
from auditor.case.fingerprint import sha256_file
from auditor.case.store import Case
from auditor.engine.checks import load_library
from auditor.engine.coverage import DataFacts, library_coverage
from auditor.ingest.importer import import_file
from auditor.report.data_request import CHECKS_SHEET, REQUEST_SHEET, write_data_request
from tests.coverage.partial import build

HEADER = "数据表 Table"


def write(case_path: Path, out: Path) -> None:
    with Case.open(case_path) as case:
        coverage = library_coverage(load_library(), DataFacts.of(case.conn))
        write_data_request(case.conn, coverage, out, case_name="c.duckdb", generated_at="T")


def request_rows(path: Path) -> tuple[list[list[Any]], list[tuple[str, ...]], list[list[Any]]]:
    """(rows of the request table, its table heading rows, rows of the checks sheet)."""
    wb = load_workbook(path)
    assert wb.sheetnames == [REQUEST_SHEET, CHECKS_SHEET]
    sheet = [list(r) for r in wb[REQUEST_SHEET].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(sheet) if r and r[0] == HEADER)
    body = []
    for r in sheet[start + 1 :]:
        if not any(r):
            break  # the table ends at the first blank row
        body.append(r)
    headings = [tuple(r[:3]) for r in body if r[3] is None]
    columns = [r for r in body if r[3] is not None]
    checks = [list(r) for r in wb[CHECKS_SHEET].iter_rows(min_row=4, values_only=True)]
    return columns, headings, checks


def test_a_loan_file_alone_asks_for_every_other_table(tmp_path: Path) -> None:
    case_path = build(tmp_path / "c.duckdb", ["loans"])
    out = tmp_path / "request.xlsx"
    write(case_path, out)
    columns, headings, checks = request_rows(out)
    # Every table some check reads, in the schema's order; not loans (imported, every column
    # a check judges filled), not refunds (OUT-07 reads them as none when absent).
    assert [h[2] for h in headings] == [
        "installments",
        "payments",
        "repayment_attempts",
        "incidents",
        "charges",
        "bureau_reports",
        "notices",
        "disclosures",
        "disputes",
        "reported_metrics",
        "loan_funding",
    ]
    assert headings[1] == ("还款流水表", "Payments", "payments")
    row = next(r for r in columns if r[0] == "还款流水表" and r[2] == "attempt_id")
    doc = dictionary()["payments"].column("attempt_id")
    assert row == [
        "还款流水表",
        "扣款请求号",
        "attempt_id",
        "整表未提供 table not received",
        doc.meaning_zh,
        doc.meaning_en,
        "文本",
        "text",
        "D20240415093000017",
        None,
        "DLQ-11 (unposted_debit, late_value_date, split_debit)",
    ]
    status = next(r for r in columns if r[0] == "扣款记录表" and r[2] == "status")
    assert status[6:10] == [
        "文本；取值：成功、失败、处理中、冲正",
        "text; one of: success, failed, pending, reversed",
        "失败",
        "是 yes",
    ]
    retry = next(r for r in columns if r[0] == "扣款记录表" and r[2] == "retry_of")
    assert retry[10] == "如有请一并提供 used when present"
    funding = [
        r for r in columns if r[2] in ("loan_id", "funder_id") and r[0] == "联合贷款出资明细表"
    ]
    assert [(r[1], r[10]) for r in funding] == [("loan_id", "DLQ-08"), ("funder_id", "DLQ-08")]
    by_check = {r[0]: r for r in checks}
    assert by_check["DQ-04"][2] == "部分运行 runs in part"
    assert by_check["DQ-04"][4].startswith(
        "installments: 应还款日在放款日当天或之前的期次 Installments due on or before "
        "disbursement (缺少 needs installments)"
    )
    assert by_check["DQ-04"][1] == "日期先后顺序错误 Dates out of order"
    assert by_check["DQ-05"][2:4] == ["无法运行 cannot run", "installments"]
    assert "DSC-07" not in by_check  # runs in full on a loan file
    with Case.open(case_path, read_only=True) as case:
        entry = auditlog.entries(case.conn)[-1]
    assert entry.action == "data_request"
    assert entry.detail["sha256"] == sha256_file(out) and entry.detail["columns"] == len(columns)


def test_a_column_never_filled_is_asked_for_alone(tmp_path: Path) -> None:
    case_path = tmp_path / "c.duckdb"
    build(case_path, ["loans", "installments", "payments"])
    with Case.open(case_path) as case:  # an export whose payments name no attempt
        case.conn.execute("UPDATE payments SET attempt_id = NULL")
    out = tmp_path / "request.xlsx"
    write(case_path, out)
    columns, _, _ = request_rows(out)
    payments = [r for r in columns if r[0] == "还款流水表"]
    assert [(r[2], r[3], r[10]) for r in payments] == [
        (
            "attempt_id",
            "字段未提供或全部为空 column missing or never filled",
            "DLQ-11 (unposted_debit, late_value_date, split_debit)",
        )
    ]


def test_a_full_case_asks_only_for_a_second_export(tmp_path: Path) -> None:
    case_path = build(tmp_path / "c.duckdb")
    out = tmp_path / "request.xlsx"
    write(case_path, out)
    sheet = [list(r) for r in load_workbook(out)[REQUEST_SHEET].iter_rows(values_only=True)]
    texts = [str(c) for r in sheet for c in r if c is not None]
    assert "无需补充数据。 Nothing to request: every check can run." in texts
    note = next(t for t in texts if t.startswith("同一批数据的第二次导出"))
    assert "HIS-01, HIS-02, HIS-03, HIS-04, HIS-05" in note


def test_what_the_request_asks_for_imports_by_itself(tmp_path: Path) -> None:
    """A file per table with the request's headers and examples: the importer recognises the
    table and every column from the headers alone, and every example loads as a value."""
    with Case.open(tmp_path / "c.duckdb", create=True) as case:
        for name, doc in dictionary().items():
            if not doc.canonical:
                continue
            f = tmp_path / f"{name}.csv"
            with f.open("w", newline="", encoding="utf-8") as fh:
                out = csv.writer(fh)
                out.writerow([c.zh for c in doc.columns.values()])
                out.writerow([c.example for c in doc.columns.values()])
            result = import_file(case, f)
            assert (result.table, result.rows_loaded, result.rows_rejected) == (name, 1, 0)
            row = case.conn.execute(f'SELECT * FROM "{name}"').fetchone()
            assert row is not None and None not in row, name
        rate = case.conn.execute("SELECT contract_rate_annual FROM loans").fetchone()
        assert rate == (0.1825,)  # "18.25%" in the request's example
