"""The Data quality sheet's account of each import: every record of every source accounted for
(title, header, blank, comment, filtered, loaded, rejected against the file's own count), the
unit decided for each rate and money column with its evidence, the columns kept unmapped, the
import's warnings and the first skipped lines with their text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell

SKIPPED_SHOWN = 20  # per source; the counts above are exact


def _heading(ws: WriteOnlyWorksheet, title: str, headers: tuple[str, ...]) -> None:
    ws.append([])
    ws.append([cell(ws, title, font=TITLE)])
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in headers])


def write_import_accounting(
    ws: WriteOnlyWorksheet,
    conn: duckdb.DuckDBPyConnection,
    mask: Callable[[Any], Any] | None = None,
) -> None:
    """``mask``: the report's masking of personal data, applied to the skipped lines' text."""
    _heading(
        ws,
        "Every record of every source, accounted for",
        ("File", "Records", "Title", "Header", "Blank", "Comment", "Filtered out", "Loaded",
         "Rejected", "Balanced", "Counted by", "Notes"),
    )  # fmt: skip
    rows = conn.execute(
        """SELECT s.file_name, a.records, a.preamble, a.header, a.blank, a.comment, a.filtered,
                  a.loaded, a.rejected, a.counted_by, a.notes
           FROM audit.sources s LEFT JOIN audit.source_accounting a USING (source_id)
           ORDER BY s.source_id"""
    ).fetchall()
    for name, *counts, by, notes in rows:
        if counts[0] is None:
            ws.append([cell(ws, name), cell(ws, "not recorded (imported by an earlier version)")])
            continue
        balanced = sum(counts[1:]) == counts[0]
        ws.append(
            [cell(ws, name), *(cell(ws, int(n)) for n in counts),
             cell(ws, "yes" if balanced else "NO"), cell(ws, by), cell(ws, notes or "")]
        )  # fmt: skip
    units = conn.execute(
        """SELECT s.file_name, c.target_column, c.source_column, c.unit, c.unit_evidence
           FROM audit.source_columns c JOIN audit.sources s USING (source_id)
           WHERE c.unit IS NOT NULL AND NOT (c.unit = 'units' AND c.unit_by = 'default')
           ORDER BY c.source_id, c.position"""
    ).fetchall()
    _heading(ws, "Units decided", ("File", "Column", "Source column", "Unit", "Evidence"))
    if not units:
        ws.append([cell(ws, "No rate or money column needed a unit decision.")])
    for row in units:
        ws.append([cell(ws, v) for v in row])
    kept = conn.execute(
        """SELECT s.file_name, c.source_column, c.kept_in
           FROM audit.source_columns c JOIN audit.sources s USING (source_id)
           WHERE c.kept_in IS NOT NULL ORDER BY c.source_id, c.position"""
    ).fetchall()
    _heading(ws, "Source columns kept unmapped", ("File", "Source column", "Kept in"))
    if not kept:
        ws.append([cell(ws, "Every source column was mapped.")])
    for row in kept:
        ws.append([cell(ws, v) for v in row])
    warnings = conn.execute(
        """SELECT s.file_name, w.column_name, w.warning FROM audit.import_warnings w
           JOIN audit.sources s USING (source_id) ORDER BY w.source_id"""
    ).fetchall()
    _heading(ws, "Import warnings", ("File", "Column", "Warning"))
    if not warnings:
        ws.append([cell(ws, "No import warnings.")])
    for row in warnings:
        ws.append([cell(ws, v) for v in row])
    skipped = conn.execute(
        f"""SELECT file_name, source_row, kind, text FROM (
              SELECT s.file_name, k.source_row, k.kind, k.text, s.source_id,
                     row_number() OVER (PARTITION BY k.source_id ORDER BY k.source_row) AS n
              FROM audit.skipped_rows k JOIN audit.sources s USING (source_id))
            WHERE n <= {SKIPPED_SHOWN} ORDER BY source_id, source_row"""
    ).fetchall()
    _heading(ws, "Lines that held no data (first of each file)", ("File", "Row", "Kind", "Text"))
    for name, row_no, kind, text in skipped:
        shown = mask(text) if mask is not None and text else text
        ws.append([cell(ws, name), cell(ws, row_no), cell(ws, kind), cell(ws, shown)])
