"""A result table (or a view of it) as an Excel file of its own: the desktop grid's export.

One sheet, the columns by their labels over an Excel table with filters, money and rates
formatted, rows streamed in write-only mode. Past Excel's row limit the rows continue on the
next sheet, never cut silently. Written to a temporary name and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
from openpyxl import Workbook

from auditor.db import table_ref
from auditor.report.cells import (
    BOLD,
    EXCEL_MAX_ROWS,
    HEADER_FILL,
    TITLE,
    cell,
    number_format,
    row_cells,
    style_template,
    width_for,
)
from auditor.report.printing import page_setup
from auditor.report.workbook_io import ExportError

BATCH = 5_000


def write_result_xlsx(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    path: Path,
    labels: dict[str, str],
    percent_columns: frozenset[str] = frozenset(),
    title: str = "",
    rows_per_sheet: int = EXCEL_MAX_ROWS,
) -> int:
    """Write ``table`` to ``path``; returns the rows written."""
    from openpyxl.utils import get_column_letter

    desc = conn.execute(f"DESCRIBE {table_ref(table)}").fetchall()
    columns = [str(d[0]) for d in desc]
    formats = [number_format(str(d[1]), str(d[0]), percent_columns) for d in desc]
    result = conn.execute(f"SELECT * FROM {table_ref(table)}")
    wb = Workbook(write_only=True)
    written, part = 0, 0
    batch = result.fetchmany(BATCH)
    room = 0
    ws = None
    while True:
        if ws is None or (room == 0 and batch):
            part += 1
            ws = wb.create_sheet("Rows" if part == 1 else f"Rows ({part})")
            page_setup(ws)
            for i, col in enumerate(columns):
                sample = [r[i] for r in batch[:50]]
                ws.column_dimensions[get_column_letter(i + 1)].width = width_for(
                    labels.get(col, col), sample
                )
            used = 0
            if title and part == 1:
                ws.append([cell(ws, title, font=TITLE)])
                used = 1
            ws.append([cell(ws, labels.get(c, c), font=BOLD, fill=HEADER_FILL) for c in columns])
            ws.freeze_panes = f"A{used + 2}"
            ws.print_title_rows = f"{used + 1}:{used + 1}"
            styles = [style_template(ws, f) for f in formats]
            room = rows_per_sheet - used - 1
        if not batch:
            break
        take, batch = batch[:room], batch[room:]
        for row in take:
            ws.append(row_cells(ws, row, styles))
        room -= len(take)
        written += len(take)
        if not batch:
            batch = result.fetchmany(BATCH)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        tmp.replace(path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror}") from e
    finally:
        tmp.unlink(missing_ok=True)
    return written
