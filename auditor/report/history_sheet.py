"""The report's "Export comparison" sheet: the two exports compared, their fingerprints and the
common period, the counts per table, then every difference (table, change, loan, record,
column, old value, new value), when the case holds a comparison (``auditor compare``)."""

from __future__ import annotations

import json

import duckdb
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from auditor import db
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell, print_setup, row_cells
from auditor.results.compare import SCHEMA
from auditor.results.masking import Masker

SHEET = "Export comparison"
MAX_LISTED = 100_000  # differences listed; the HIS sheets and the case hold them all
DIFF_COLUMNS = (
    "table_name",
    "change",
    "loan_id",
    "record_key",
    "column_name",
    "old_value",
    "new_value",
    "period_date",
)


def has_comparison(conn: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = 'runs' "
            "AND database_name = current_database()",
            {"s": SCHEMA},
        )
    )


def write_history_sheet(
    wb: Workbook, conn: duckdb.DuckDBPyConnection, masker: Masker | None = None
) -> str | None:
    """Write the sheet when the case holds a comparison; returns its name."""
    if not has_comparison(conn):
        return None
    run = db.one(
        conn,
        f"SELECT compared_at, old_export, new_export, period_start, period_end, detail "
        f"FROM {SCHEMA}.runs",
    )
    if run is None:
        return None
    detail = json.loads(run[5])
    ws = wb.create_sheet(SHEET)
    print_setup(ws)  # before the first row: a write-only sheet writes its setup first
    for i, w in enumerate((20, 14, 16, 24, 22, 36, 36, 12), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.append([cell(ws, "Comparison of two exports", font=TITLE)])
    text = masker.text if masker is not None else str
    for label, value in (
        ("Compared at", run[0]),
        ("Older export", text(str(run[1]))),
        ("Newer export", text(str(run[2]))),
        ("Period both cover", f"{run[3]} .. {run[4]}"),
        ("Older fingerprints", json.dumps(detail.get("old_fingerprints", {}))),
        ("Newer fingerprints", json.dumps(detail.get("new_fingerprints", {}))),
        ("Tables in one export only", ", ".join(detail.get("skipped", [])) or "none"),
    ):
        ws.append([cell(ws, label, font=BOLD), cell(ws, value, "yyyy-mm-dd hh:mm:ss")])
    ws.append([])
    head = ("Table", "Old rows", "New rows", "Added", "Removed", "Changed rows",
            "Changed values", "Outside the period")  # fmt: skip
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in head])
    for row in conn.execute(f"SELECT * FROM {SCHEMA}.summary ORDER BY table_name").fetchall():
        ws.append([cell(ws, v) for v in row])
    ws.append([])
    total = db.count(conn, f"SELECT count(*) FROM {SCHEMA}.differences")
    shown = min(total, MAX_LISTED)
    ws.append(
        [
            cell(
                ws,
                f"Differences in the common period: {total:,}"
                + (f" (first {shown:,} listed; all are in the case)" if shown < total else ""),
                font=BOLD,
            )
        ]
    )
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in DIFF_COLUMNS])
    result = conn.execute(
        f"SELECT {', '.join(DIFF_COLUMNS)} FROM {SCHEMA}.differences "
        f"ORDER BY table_name, change, loan_id, record_key, column_name LIMIT {shown}"
    ).fetchall()
    mask = (
        masker.row_masker(list(DIFF_COLUMNS), ["VARCHAR"] * 7 + ["DATE"])
        if masker is not None
        else None
    )
    styles = [None] * len(DIFF_COLUMNS)
    for row in result:
        ws.append(row_cells(ws, mask(row) if mask else tuple(row), styles))
    return ws.title
