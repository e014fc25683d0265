"""A check's sheet: what it is, the parameters it ran with, and its rows as an Excel table.

Rows stream from the engine that ran the check (DuckDB, or Spark on a cluster) into openpyxl's
write-only sheets in batches, so memory does not grow with the result. Past Excel's row limit
the evidence continues on "<ID> (2)", "<ID> (3)", ..., each with its own header and table:
never cut silently. A cap on evidence rows, when the user
sets one, is stated on the sheet and in the Summary together with the full count.
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from auditor.engine.result_source import ResultSource, Row
from auditor.engine.runner import CheckRun
from auditor.errors import Cancelled
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

BATCH = 5_000
RowProgress = Callable[[int], None]  # rows written so far; raise Cancelled to stop


@dataclass(frozen=True)
class EvidenceSheets:
    sheets: list[str]  # the check's sheet and its continuations
    rows_written: int
    rows_total: int
    header_row: int  # on the first sheet
    columns: list[str]


def sheet_name(check_id: str, part: int = 1) -> str:
    return check_id if part == 1 else f"{check_id} ({part})"


def _table(ws: WriteOnlyWorksheet, name: str, columns: list[str], first: int, last: int) -> None:
    ref = f"A{first}:{get_column_letter(len(columns))}{max(last, first + 1)}"
    t = Table(displayName=name, ref=ref)
    t.tableColumns = [TableColumn(id=i + 1, name=str(c)) for i, c in enumerate(columns)]
    t.autoFilter = AutoFilter(ref=ref)
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # write-only mode warns even when the columns are given
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(t)


TEXT_WIDTH = 110  # long texts go over several rows so that sheets print one page wide


def _lines(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), TEXT_WIDTH) or [""]


def preamble_rows(run: CheckRun, capped: str) -> int:
    c = run.check
    return (
        3
        + len(_lines(c.description))
        + len(_lines(c.basis))
        + (1 if capped else 0)
        + 1
        + len(run.params)
        + 1
    )


def _preamble(ws: WriteOnlyWorksheet, run: CheckRun, capped: str) -> int:
    """Title, description, basis and parameters above the evidence; returns rows used."""
    c = run.check
    rows: list[list[object]] = [
        [cell(ws, f"{c.id} {c.title}", font=TITLE)],
        [
            cell(ws, "Status", font=BOLD),
            cell(ws, run.status),
            cell(ws, "Severity", font=BOLD),
            cell(ws, c.severity),
        ],
        *(
            [cell(ws, "What it shows" if i == 0 else "", font=BOLD), cell(ws, line)]
            for i, line in enumerate(_lines(c.description))
        ),
        *(
            [cell(ws, "Basis" if i == 0 else "", font=BOLD), cell(ws, line)]
            for i, line in enumerate(_lines(c.basis))
        ),
        [
            cell(ws, "Finding rows", font=BOLD),
            cell(ws, run.finding_rows),
            cell(ws, "Loans", font=BOLD),
            cell(ws, run.loans),
            cell(ws, "Borrowers", font=BOLD),
            cell(ws, run.borrowers),
            cell(ws, "Amount", font=BOLD),
            cell(ws, run.amount, "#,##0.00"),
        ],
    ]
    if capped:
        rows.append([cell(ws, "Evidence", font=BOLD), cell(ws, capped)])
    rows.append(
        [
            cell(ws, "Parameter", font=BOLD),
            cell(ws, "Value", font=BOLD),
            cell(ws, "Source", font=BOLD),
            cell(ws, "Basis", font=BOLD),
        ]
    )
    for name, p in run.params.items():
        rows.append(
            [
                cell(ws, name),
                cell(ws, p["value"]),
                cell(ws, p["source"]),
                cell(ws, p.get("basis", "")),
            ]
        )
    rows.append([])
    for r in rows:
        ws.append(r)
    return len(rows)


def write_evidence(
    wb: Workbook,
    source: ResultSource,
    run: CheckRun,
    *,
    max_rows: int | None,
    progress: RowProgress | None = None,
    rows_per_sheet: int = EXCEL_MAX_ROWS,
) -> EvidenceSheets:
    """Write the check's sheet(s). ``rows_per_sheet`` is Excel's limit (lower only in tests)."""
    assert run.result_table is not None
    total = run.row_count
    limit = total if max_rows is None else min(total, max_rows)
    capped = f"first {limit:,} of {total:,} rows (capped by the user)" if limit < total else ""
    percent = frozenset(run.check.percent_columns)
    desc = source.columns(run.result_table)
    columns = [name for name, _ in desc]
    formats = [number_format(kind, name, percent) for name, kind in desc]
    batches = source.batches(run.result_table, limit, BATCH)
    try:
        return _stream(
            wb, batches, run, columns, formats, capped, limit, total, progress, rows_per_sheet
        )
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # a half-read result is let go (DuckDB takes no new statement before)


def _stream(
    wb: Workbook,
    batches: Iterator[list[Row]],
    run: CheckRun,
    columns: list[str],
    formats: list[str | None],
    capped: str,
    limit: int,
    total: int,
    progress: RowProgress | None,
    rows_per_sheet: int,
) -> EvidenceSheets:
    tag = run.check.id.replace("-", "_")
    part, written, sheets = 0, 0, []
    ws: WriteOnlyWorksheet | None = None
    header_row = first_row = room = rows_on_sheet = 0
    styles: list[Any] = []
    pending: list[Row] = next(batches, [])
    while True:
        if ws is None or (room == 0 and pending):
            if ws is not None:
                _table(ws, f"T_{tag}_{part}", columns, first_row, first_row + rows_on_sheet)
            part += 1
            ws = wb.create_sheet(sheet_name(run.check.id, part))
            sheets.append(ws.title)
            # Sheet view and column widths must be set before the first row is written.
            first_row = (preamble_rows(run, capped) if part == 1 else 0) + 1
            header_row = header_row or first_row
            samples: list[Any] = pending[:50] or [(None,) * len(columns)]
            for i, col in enumerate(columns):
                ws.column_dimensions[get_column_letter(i + 1)].width = width_for(
                    col, [r[i] for r in samples]
                )
            ws.freeze_panes = f"A{first_row + 1}"
            if part == 1:
                used = _preamble(ws, run, capped)
                assert used + 1 == first_row
            ws.append([cell(ws, c, font=BOLD, fill=HEADER_FILL) for c in columns])
            styles = [style_template(ws, f) for f in formats]
            room = rows_per_sheet - first_row
            rows_on_sheet = 0
        assert ws is not None
        if not pending:
            break
        take = pending[:room]
        pending = pending[room:]
        for row in take:
            ws.append(row_cells(ws, row, styles))
        room -= len(take)
        rows_on_sheet += len(take)
        written += len(take)
        if progress:
            progress(written)
        if not pending:
            pending = next(batches, [])
    assert ws is not None
    _table(ws, f"T_{tag}_{part}", columns, first_row, first_row + rows_on_sheet)
    if written < limit:
        raise Cancelled("export stopped before all evidence rows were written")
    return EvidenceSheets(sheets, written, total, header_row, columns)
