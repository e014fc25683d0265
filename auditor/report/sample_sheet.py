"""The sample sheet: what was sampled and how, the projection once reviewed, and the items with
the reviewer's columns (tested, exception, note), in the report and as a standalone XLSX.

The reviewer fills the three columns (yes/no, yes/no, free text) and hands the file back;
``sample_readback`` reads it. The sheet names its sample and the SHA-256 of the selection, so a
file is never read back onto another sample.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.db import table_ref
from auditor.report.cells import (
    BOLD,
    HEADER_FILL,
    PERCENT,
    TITLE,
    cell,
    print_setup,
    row_cells,
    style_template,
    width_for,
)
from auditor.report.workbook_io import save_atomically
from auditor.results.masking import Masker
from auditor.results.sample_records import SampleRecord, sample_record, samples
from auditor.results.sample_review import Projection, describe, project, stored_dispositions

REVIEW_COLUMNS = ("Tested (yes/no)", "Exception (yes/no)", "Reviewer note")
KEY_COLUMN = "sample_no"
SELECTION_LABEL = "Selection SHA-256"
SAMPLE_LABEL = "Sample"
MAX_CELL = 32_000  # Excel keeps at most 32,767 characters in a cell
# Lines the app writes itself (no personal data can be in them), left unmasked.
APP_LINES = {SELECTION_LABEL, "Selection (population rows)", "Seed", "Random numbers", "Drawn at"}


def sheet_title(sample_id: int) -> str:
    return f"Sample {sample_id}"


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _description(record: SampleRecord, masker: Masker | None) -> list[tuple[str, Any]]:
    lines = []
    stratum_rule = None
    if masker is not None and record.detail["plan"].get("stratify_by"):
        stratum_rule = masker.cell_rule(str(record.detail["plan"]["stratify_by"]))
    for label, value in describe(record):
        if isinstance(value, str) and len(value) > MAX_CELL:
            value = value[: MAX_CELL - 60] + " … (complete in the case's audit log)"
        if masker is not None and isinstance(value, str) and label not in APP_LINES:
            if label.startswith("Stratum ") and stratum_rule is not None:
                label = "Stratum " + str(stratum_rule(label[len("Stratum ") :]))
            value = masker.text(value)
        lines.append((label, value))
    return lines


def write_sample_sheet(
    ws: WriteOnlyWorksheet,
    conn: duckdb.DuckDBPyConnection,
    record: SampleRecord,
    masker: Masker | None = None,
) -> int:
    """Write one sample to ``ws``; returns the number of items written."""
    dispositions = {d.sample_no: d for d in stored_dispositions(conn, record.sample_id)}
    projection: Projection | None = (
        project(conn, record, list(dispositions.values())) if dispositions else None
    )
    desc = conn.execute(f"DESCRIBE {table_ref(record.result_table)}").fetchall()
    columns = [str(d[0]) for d in desc]
    types = [str(d[1]) for d in desc]
    header = [columns[0], *REVIEW_COLUMNS, *columns[1:]]
    result = conn.execute(
        f"SELECT * FROM {table_ref(record.result_table)} ORDER BY {KEY_COLUMN}"
    ).fetchall()
    rows = [tuple(r) for r in result]
    if masker is not None:
        mask = masker.row_masker(columns, types)
        stratify_by = record.detail["plan"].get("stratify_by")
        rule = masker.cell_rule(str(stratify_by)) if stratify_by else None
        i = columns.index("stratum")
        masked = []
        for original in rows:
            row = mask(original)
            if rule is not None and original[i] is not None:  # masked like its own column
                row = (*row[:i], rule(original[i]), *row[i + 1 :])
            masked.append(row)
        rows = masked
    widths = [
        8.0,
        16.0,
        18.0,
        40.0,
        *(width_for(c, [r[i] for r in rows[:50]]) for i, c in enumerate(columns[1:], start=1)),
    ]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.column_dimensions["B"].width = max(ws.column_dimensions["B"].width or 0, 28)
    lines = _description(record, masker)
    if projection is not None:
        lines += [("Review", "")] + [(k, v) for k, v in projection.lines()]
        lines += [
            (
                f"Stratum {s.stratum}",
                f"{s.exceptions} exceptions in {s.tested} tested; rate {s.rate:.2%}, "
                f"upper limit {s.upper_limit:.2%}",
            )
            for s in projection.strata
        ]
    ws.freeze_panes = f"B{len(lines) + 5}"
    print_setup(ws)  # before the first row: a write-only sheet writes its setup first
    ws.append([cell(ws, f"{sheet_title(record.sample_id)}: {record.population}", font=TITLE)])
    for label, value in lines:
        fmt = PERCENT if "rate" in label.lower() or "upper limit at" in label.lower() else None
        ws.append([cell(ws, label, font=BOLD), cell(ws, value, fmt)])
    ws.append([])
    ws.append(
        [
            cell(
                ws,
                "Reviewer: for each item write yes or no under Tested and Exception, and a note; "
                "then read this file back into the case (auditor sample-review).",
            )
        ]
    )
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in header])
    styles = [style_template(ws, "#,##0.00" if t.startswith("DECIMAL") else None) for t in types]
    for row in rows:
        d = dispositions.get(int(row[0]))
        review = (
            [_yes_no(d.tested), _yes_no(d.exception if d.tested else None), d.note or None]
            if d is not None
            else [None, None, None]
        )
        values = row_cells(ws, tuple(row), styles)
        ws.append([values[0], *review, *values[1:]])
    return len(rows)


def write_sample_sheets(
    wb: Workbook, conn: duckdb.DuckDBPyConnection, masker: Masker | None = None
) -> list[str]:
    """A sheet for every sample drawn in the case; returns their names."""
    names = []
    for record in samples(conn):
        ws = wb.create_sheet(sheet_title(record.sample_id))
        write_sample_sheet(ws, conn, record, masker)
        names.append(ws.title)
    return names


def write_sample_file(
    conn: duckdb.DuckDBPyConnection, sample_id: int, path: Path, masker: Masker | None = None
) -> Path:
    """The sample alone as an XLSX for the reviewer, written atomically."""
    record = sample_record(conn, sample_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(sample_id))
    try:
        write_sample_sheet(ws, conn, record, masker)
        wb.properties.creator = "lending-auditor"
        wb.properties.title = sheet_title(sample_id)
        save_atomically(wb, path)
    except BaseException:
        with contextlib.suppress(Exception):
            ws.close()
        raise
    return path
