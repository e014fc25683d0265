"""Every sheet row accounted for: title rows, the header, blank rows and rows of null markers
(counted, not silently skipped), cells beyond the header (rejected with them, never cut), and a
stored used range that lies about the sheet's size."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

from auditor.case.store import Case
from auditor.ingest.importer import import_file
from tests.ingest.helpers import parts, rejects, workbook, zip_with

HEAD = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"]


def test_null_marker_rows_are_blank_and_cells_beyond_the_header_are_rejected(
    case: Case, tmp_path: Path
) -> None:
    """Rows: title, blank, header, L1, "#N/A" only, "-" only, L2 with a cell in column F, L3.
    8 rows = 1 title + 1 header + 3 blank + 2 loaded + 1 rejected."""
    f = workbook(
        tmp_path / "l.xlsx",
        [
            ["借据明细"],
            [],
            HEAD,
            ["L1", "B1", "2024-01-01", 1000],
            ["#N/A"],
            ["-", None, "-"],
            ["L2", "B2", "2024-01-02", 2000, None, "stray"],
            ["L3", "B3", "2024-01-03", 3000],
        ],
    )
    r = import_file(case, f)
    assert parts(r) == (8, 1, 1, 3, 0, 0, 2, 1)
    assert rejects(case) == [(7, None, "cells beyond the header's last column")]
    value = case.conn.execute("SELECT value FROM audit.rejects").fetchall()[0][0]
    assert value == "F7=stray"
    blank = case.conn.execute(
        "SELECT source_row FROM audit.skipped_rows WHERE kind = 'blank' ORDER BY 1"
    ).fetchall()
    assert blank == [(2,), (5,), (6,)]


def test_merged_title_cells_and_a_two_row_header_block(case: Case, tmp_path: Path) -> None:
    """A merged group title above the real header is a title row; 4 rows = 1 title + 1 header
    + 2 loaded."""
    wb = Workbook()
    ws = wb.active
    ws.append(["借款信息", None, "放款信息", None])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:D1")
    ws.append(["借据号", "客户号", "放款日期", "借款金额"])
    ws.append(["L1", "B1", "2024-01-01", 1000])
    ws.append(["L2", "B2", "2024-01-02", 2000])
    f = tmp_path / "m.xlsx"
    wb.save(f)
    r = import_file(case, f)
    assert (r.table, parts(r)) == ("loans", (4, 1, 1, 0, 0, 0, 2, 0))


def test_a_stored_used_range_that_understates_the_sheet_loses_nothing(
    case: Case, tmp_path: Path
) -> None:
    """The sheet says A1:D2 but holds 4 rows and a fifth column: every row is read."""
    f = workbook(
        tmp_path / "d.xlsx",
        [
            HEAD,
            ["L1", "B1", "2024-01-01", 1000],
            ["L2", "B2", "2024-01-02", 2000],
            ["L3", "B3", "2024-01-03", 3000, "x"],
        ],
    )
    members = {}
    with zipfile.ZipFile(f) as zf:
        for n in zf.namelist():
            data = zf.read(n)
            if n == "xl/worksheets/sheet1.xml":
                start = data.index(b'<dimension ref="')
                end = data.index(b'"', start + 16)
                data = data[:start] + b'<dimension ref="A1:D2' + data[end:]
            members[n] = data
    lying = zip_with(tmp_path / "lying.xlsx", members)
    r = import_file(case, lying)
    assert parts(r) == (4, 0, 1, 0, 0, 0, 2, 1)


def test_a_sheet_whose_first_row_is_data_gets_generated_names(case: Case, tmp_path: Path) -> None:
    f = workbook(tmp_path / "n.xlsx", [[1, "2024-01-01", 100.5], [2, "2024-01-02", 7]])
    r = import_file(case, f, extra="side")
    assert parts(r) == (2, 0, 0, 0, 0, 0, 2, 0)
    assert case.conn.execute("SELECT column_1, column_3 FROM side ORDER BY 1").fetchall() == [
        (1, 100.5),
        (2, 7.0),
    ]
