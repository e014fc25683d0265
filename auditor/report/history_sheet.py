"""The report's "Export comparison" sheet: the two exports compared, their fingerprints and the
common period, the counts per table, then every difference (table, change, loan, record,
column, old value, new value), when the case holds a comparison (``auditor compare``)."""

from __future__ import annotations

import json

import duckdb
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from auditor import db
from auditor.engine.check_text import translate_value
from auditor.glossary import glossary
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell, print_setup, row_cells
from auditor.report.lang import sheet, words, yes_no
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


TEXT = {
    "en": {
        "title": "Comparison of two exports",
        "labels": (
            "Compared at", "Older export", "Newer export", "Period both cover",
            "Older fingerprints", "Newer fingerprints", "Tables in one export only",
        ),
        "none": "none",
        "head": (
            "Table", "Old rows", "New rows", "Added", "Removed", "Changed rows",
            "Changed values", "Outside the period",
        ),
        "differences": "Differences in the common period: {total:,}",
        "listed": " (first {shown:,} listed; all are in the case)",
    },
    "zh": {
        "title": "两次导出数据的比对",
        "labels": (
            "比对时间", "较早的导出数据", "较新的导出数据", "两次导出共同覆盖的期间",
            "较早导出的源文件指纹", "较新导出的源文件指纹", "仅在一次导出中出现的数据表",
        ),
        "none": "无",
        "head": (
            "数据表", "原行数", "新行数", "新增", "删除", "改动行数", "改动值数", "期间之外",
        ),
        "differences": "共同覆盖期间内的差异：{total:,} 处",
        "listed": "（列出前 {shown:,} 处；全部保存在案卷中）",
    },
}  # fmt: skip


def write_history_sheet(
    wb: Workbook, conn: duckdb.DuckDBPyConnection, masker: Masker | None = None, lang: str = "en"
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
    text = words(TEXT, lang)
    ws = wb.create_sheet(sheet("comparison", lang))
    print_setup(ws)  # before the first row: a write-only sheet writes its setup first
    for i, w in enumerate((20, 14, 16, 24, 22, 36, 36, 12), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.append([cell(ws, text["title"], font=TITLE)])
    masked = masker.text if masker is not None else str
    values = (
        run[0],
        masked(str(run[1])),
        masked(str(run[2])),
        f"{run[3]} .. {run[4]}",
        json.dumps(detail.get("old_fingerprints", {})),
        json.dumps(detail.get("new_fingerprints", {})),
        ", ".join(detail.get("skipped", [])) or text["none"],
    )
    for label, value in zip(text["labels"], values, strict=True):
        ws.append([cell(ws, label, font=BOLD), cell(ws, value, "yyyy-mm-dd hh:mm:ss")])
    ws.append([])
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in text["head"]])
    for row in conn.execute(f"SELECT * FROM {SCHEMA}.summary ORDER BY table_name").fetchall():
        ws.append([cell(ws, v) for v in row])
    ws.append([])
    total = db.count(conn, f"SELECT count(*) FROM {SCHEMA}.differences")
    shown = min(total, MAX_LISTED)
    ws.append(
        [
            cell(
                ws,
                str(text["differences"]).format(total=total)
                + (str(text["listed"]).format(shown=shown) if shown < total else ""),
                font=BOLD,
            )
        ]
    )
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in _diff_labels(lang)])
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
    coded_values = glossary().values if lang == "zh" else {}
    coded = [(i, coded_values[c]) for i, c in enumerate(DIFF_COLUMNS) if c in coded_values]
    for row in result:
        cells = list(mask(row) if mask else row)
        for i, table in coded:
            if isinstance(cells[i], str):
                cells[i] = translate_value(table, cells[i])
        ws.append(row_cells(ws, tuple(cells), styles, yes_no(lang)))
    return ws.title


def _diff_labels(lang: str) -> tuple[str, ...]:
    """The differences' headings: the column names as they are in English (as before), their
    glossary labels in Chinese."""
    if lang != "zh":
        return DIFF_COLUMNS
    return tuple(glossary().column(c) or c for c in DIFF_COLUMNS)
