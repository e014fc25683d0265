from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from auditor.case.info import reject_rows
from auditor.case.store import Case
from auditor.errors import ImportFailed
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_xlsx_with_title_block_serial_dates_and_excel_row_numbers(
    case: Case, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["还款计划导出"],
        ["导出时间：2024-07-01"],
        [],
        ["借据号", "期数", "应还日期", "应还本金"],
        ["L1", 1, datetime(2024, 1, 2), 100.5],
        ["L1", 2, 45324, 100],  # an unformatted Excel serial date: 2024-02-02
        [],
        ["L2", 1, "bad", 100],  # Excel row 8
    ]
    f = _workbook(tmp_path / "inst.xlsx", {"Sheet1": rows})
    r = import_file(case, f)
    assert (r.table, r.format, r.rows_read, r.rows_loaded, r.rows_rejected) == (
        "installments",
        "xlsx",
        3,
        2,
        1,
    )
    assert case.conn.execute(
        "SELECT due_date, principal_due FROM installments ORDER BY inst_no"
    ).fetchall() == [(date(2024, 1, 2), Decimal("100.50")), (date(2024, 2, 2), Decimal("100.00"))]
    (rej,) = reject_rows(case)
    assert (rej["source_row"], rej["column"], rej["value"]) == (8, "due_date", "bad")
    assert case.sources()[0].format == "xlsx"
    hdr = case.conn.execute("SELECT header_row, sheet FROM audit.sources").fetchall()
    assert hdr == [(4, "Sheet1")]


def test_xlsx_named_sheet_is_read(case: Case, tmp_path: Path) -> None:
    f = _workbook(
        tmp_path / "two.xlsx",
        {
            "说明": [["本文件包含两张表"]],
            "事件": [
                ["incident_id", "start_at", "end_at"],
                ["I1", "2024-01-01 09:00", "2024-01-01 10:00"],
            ],
        },
    )
    profile = parse_profile('[read]\nsheet = "事件"\n')
    r = import_file(case, f, mapping=profile)
    assert (r.table, r.rows_loaded) == ("incidents", 1)
    with pytest.raises(ImportFailed, match=r"no sheet 'x'.*说明, 事件"):
        import_file(case, f, mapping=parse_profile('[read]\nsheet = "x"\n'))


def test_damaged_workbook_is_refused_with_its_name(case: Case, tmp_path: Path) -> None:
    f = tmp_path / "broken.xlsx"
    f.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(ImportFailed, match=r"broken\.xlsx"):
        import_file(case, f)
    assert case.sources() == []


def test_parquet_is_read_natively_with_row_positions(case: Case, tmp_path: Path) -> None:
    f = tmp_path / "pay.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT * FROM (VALUES
        ('P1', 'L1', DATE '2024-01-02', 10.5::DECIMAL(18,2)),
        ('P2', 'L1', DATE '2024-01-03', -1::DECIMAL(18,2)),
        ('P1', 'L2', DATE '2024-01-04', 3::DECIMAL(18,2)))
        t(payment_id, loan_id, value_date, amount)) TO '{f}' (FORMAT parquet)""")
    r = import_file(case, f)
    assert (r.table, r.rows_read, r.rows_loaded, r.rows_rejected) == ("payments", 3, 1, 2)
    got = {(x["source_row"], x["reason"].split(":")[0]) for x in reject_rows(case)}
    assert got == {(2, "zero or negative value"), (3, "duplicate key")}


def test_extra_table_keeps_identifiers_as_text_and_infers_the_rest(
    case: Case, tmp_path: Path
) -> None:
    f = tmp_path / "branches.csv"
    f.write_text(
        "code,opened,staff,score,active,name\n007,2020-01-01,12,1.5,true,东城\n"
        "010,2021-06-30,8,2,false,西城\n",
        encoding="utf-8",
    )
    r = import_file(case, f, extra="branches")
    assert (r.kind, r.rows_read, r.rows_loaded) == ("extra", 2, 2)
    types = dict(
        case.conn.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name='branches'"
        ).fetchall()
    )
    assert types == {
        "code": "VARCHAR",
        "opened": "DATE",
        "staff": "BIGINT",
        "score": "DOUBLE",
        "active": "BOOLEAN",
        "name": "VARCHAR",
    }
    assert case.conn.execute("SELECT code FROM branches ORDER BY 1").fetchall() == [
        ("007",),
        ("010",),
    ]
    with pytest.raises(ImportFailed, match="already has a table named 'branches'"):
        import_file(case, f, extra="branches")
    with pytest.raises(ImportFailed, match="reserved"):
        import_file(case, f, extra="loans")
