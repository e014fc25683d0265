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
TEXT = {
    "en": {
        "records": "Every record of every source, accounted for",
        "records_header": (
            "File", "Records", "Title", "Header", "Blank", "Comment", "Filtered out", "Loaded",
            "Rejected", "Balanced", "Counted by", "Notes",
        ),
        "not_recorded": "not recorded (imported by an earlier version)",
        "yes": "yes",
        "no": "NO",
        "units": "Units decided",
        "units_header": ("File", "Column", "Source column", "Unit", "Evidence"),
        "no_units": "No rate or money column needed a unit decision.",
        "kept": "Source columns kept unmapped",
        "kept_header": ("File", "Source column", "Kept in"),
        "all_mapped": "Every source column was mapped.",
        "warnings": "Import warnings",
        "warnings_header": ("File", "Column", "Warning"),
        "no_warnings": "No import warnings.",
        "skipped": "Lines that held no data (first of each file)",
        "skipped_header": ("File", "Row", "Kind", "Text"),
    },
    "zh": {
        "records": "各源文件的每一条记录均有着落",
        "records_header": (
            "文件", "记录数", "标题行", "表头行", "空行", "注释行", "筛除", "导入", "拒绝",
            "是否平衡", "计数方式", "备注",
        ),
        "not_recorded": "未记录（由较早版本导入）",
        "yes": "是",
        "no": "否",
        "units": "计量单位的判定",
        "units_header": ("文件", "字段", "源字段", "单位", "判定依据"),
        "no_units": "没有需要判定单位的利率或金额字段。",
        "kept": "未映射而保留的源字段",
        "kept_header": ("文件", "源字段", "保留位置"),
        "all_mapped": "所有源字段均已映射。",
        "warnings": "导入警告",
        "warnings_header": ("文件", "字段", "警告"),
        "no_warnings": "没有导入警告。",
        "skipped": "不含数据的行（每个文件列出前若干行）",
        "skipped_header": ("文件", "行号", "类型", "内容"),
    },
}  # fmt: skip


def _heading(ws: WriteOnlyWorksheet, title: str, headers: tuple[str, ...]) -> None:
    ws.append([])
    ws.append([cell(ws, title, font=TITLE)])
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in headers])


def write_import_accounting(
    ws: WriteOnlyWorksheet,
    conn: duckdb.DuckDBPyConnection,
    mask: Callable[[Any], Any] | None = None,
    lang: str = "en",
) -> None:
    """``mask``: the report's masking of personal data, applied to the skipped lines' text."""
    text = TEXT["zh"] if lang == "zh" else TEXT["en"]
    _heading(ws, str(text["records"]), tuple(text["records_header"]))
    rows = conn.execute(
        """SELECT s.file_name, a.records, a.preamble, a.header, a.blank, a.comment, a.filtered,
                  a.loaded, a.rejected, a.counted_by, a.notes
           FROM audit.sources s LEFT JOIN audit.source_accounting a USING (source_id)
           ORDER BY s.source_id"""
    ).fetchall()
    for name, *counts, by, notes in rows:
        if counts[0] is None:
            ws.append([cell(ws, name), cell(ws, text["not_recorded"])])
            continue
        balanced = sum(counts[1:]) == counts[0]
        ws.append(
            [cell(ws, name), *(cell(ws, int(n)) for n in counts),
             cell(ws, text["yes"] if balanced else text["no"]), cell(ws, by), cell(ws, notes or "")]
        )  # fmt: skip
    units = conn.execute(
        """SELECT s.file_name, c.target_column, c.source_column, c.unit, c.unit_evidence
           FROM audit.source_columns c JOIN audit.sources s USING (source_id)
           WHERE c.unit IS NOT NULL AND NOT (c.unit = 'units' AND c.unit_by = 'default')
           ORDER BY c.source_id, c.position"""
    ).fetchall()
    _heading(ws, str(text["units"]), tuple(text["units_header"]))
    if not units:
        ws.append([cell(ws, text["no_units"])])
    for row in units:
        ws.append([cell(ws, v) for v in row])
    kept = conn.execute(
        """SELECT s.file_name, c.source_column, c.kept_in
           FROM audit.source_columns c JOIN audit.sources s USING (source_id)
           WHERE c.kept_in IS NOT NULL ORDER BY c.source_id, c.position"""
    ).fetchall()
    _heading(ws, str(text["kept"]), tuple(text["kept_header"]))
    if not kept:
        ws.append([cell(ws, text["all_mapped"])])
    for row in kept:
        ws.append([cell(ws, v) for v in row])
    warnings = conn.execute(
        """SELECT s.file_name, w.column_name, w.warning FROM audit.import_warnings w
           JOIN audit.sources s USING (source_id) ORDER BY w.source_id"""
    ).fetchall()
    _heading(ws, str(text["warnings"]), tuple(text["warnings_header"]))
    if not warnings:
        ws.append([cell(ws, text["no_warnings"])])
    for row in warnings:
        ws.append([cell(ws, v) for v in row])
    skipped = conn.execute(
        f"""SELECT file_name, source_row, kind, text FROM (
              SELECT s.file_name, k.source_row, k.kind, k.text, s.source_id,
                     row_number() OVER (PARTITION BY k.source_id ORDER BY k.source_row) AS n
              FROM audit.skipped_rows k JOIN audit.sources s USING (source_id))
            WHERE n <= {SKIPPED_SHOWN} ORDER BY source_id, source_row"""
    ).fetchall()
    _heading(ws, str(text["skipped"]), tuple(text["skipped_header"]))
    for name, row_no, kind, text in skipped:
        shown = mask(text) if mask is not None and text else text
        ws.append([cell(ws, name), cell(ws, row_no), cell(ws, kind), cell(ws, shown)])
