"""The report's fixed sheets: Cover, Summary, Provenance and Data quality."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import duckdb
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell

REJECT_EXAMPLES = 3


@dataclass(frozen=True)
class DispositionLine:
    """A finding the examiner confirmed or dismissed, as the cover lists it."""

    check: str
    key: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class ReportMeta:
    title: str = "Inspection report"
    platform: str = ""
    examiner: str = ""
    # Lines for the cover's notes: the workbook re-run, sources new or unchanged, the
    # examiner's notes per check.
    notes: tuple[str, ...] = ()
    reviewer: str = ""
    period_start: dt.date | None = None
    conclusion: str = ""
    final: bool = False  # a report for signing: every check run on the current data
    dispositions: tuple[DispositionLine, ...] = ()


def case_fingerprint(case: Case) -> str:
    """SHA-256 over the imported sources (name, fingerprint, rows loaded, in import order):
    the same data gives the same fingerprint, whatever was run on it since."""
    parts = [[s.file_name, s.sha256, s.target_table, s.rows_loaded] for s in case.sources()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_provenance(ws: WriteOnlyWorksheet, case: Case, runs: list[CheckRun]) -> None:
    _widths(ws, [26, 40, 68, 14, 14, 14, 60])
    ws.append([cell(ws, "Source files", font=TITLE)])
    ws.append(
        [
            cell(ws, h, font=BOLD, fill=HEADER_FILL)
            for h in (
                "Table",
                "File",
                "SHA-256",
                "Rows read",
                "Rows loaded",
                "Rows rejected",
                "Mapping used",
            )
        ]
    )
    mappings = dict(case.conn.execute("SELECT source_id, mapping FROM audit.sources").fetchall())
    for s in case.sources():
        ws.append(
            [
                cell(ws, s.target_table),
                cell(ws, s.path),
                cell(ws, s.sha256),
                cell(ws, s.rows_read),
                cell(ws, s.rows_loaded),
                cell(ws, s.rows_rejected),
                cell(ws, mappings.get(s.source_id, ""), wrap=True),
            ]
        )
    ws.append([])
    ws.append([cell(ws, "Checks as run", font=TITLE)])
    ws.append(
        [
            cell(ws, h, font=BOLD, fill=HEADER_FILL)
            for h in (
                "Check",
                "Status",
                "SQL (exactly as run; $name are the parameters)",
                "Parameters",
            )
        ]
    )
    for r in runs:
        params = "; ".join(f"{k} = {v['value']} ({v['source']})" for k, v in r.params.items())
        ws.append(
            [
                cell(ws, r.check.id),
                cell(ws, r.status),
                cell(ws, r.check.sql, wrap=True),
                cell(ws, params, wrap=True),
            ]
        )
    ws.append([])
    ws.append([cell(ws, "Audit log: the case's imports", font=TITLE)])
    ver = auditlog.verify(case.conn)
    ws.append(
        [
            cell(ws, "Chain", font=BOLD),
            cell(ws, "verified" if ver.ok else "DOES NOT VERIFY: " + "; ".join(ver.problems)),
        ]
    )
    ws.append(
        [
            cell(ws, h, font=BOLD, fill=HEADER_FILL)
            for h in ("Entry", "Logged at", "Action", "Detail", "Hash")
        ]
    )
    for e in auditlog.entries(case.conn):
        if e.action in ("case_created", "import"):
            ws.append(
                [
                    cell(ws, e.seq),
                    cell(ws, e.at, "yyyy-mm-dd hh:mm:ss"),
                    cell(ws, e.action),
                    cell(ws, json.dumps(e.detail, ensure_ascii=False, sort_keys=True)),
                    cell(ws, e.hash),
                ]
            )


def write_data_quality(ws: WriteOnlyWorksheet, conn: duckdb.DuckDBPyConnection) -> None:
    _widths(ws, [28, 60, 12, 80])
    ws.append([cell(ws, "Rows rejected at import, by file and reason", font=TITLE)])
    ws.append(
        [
            cell(ws, h, font=BOLD, fill=HEADER_FILL)
            for h in ("File", "Reason", "Rows", "Examples (row, column: value)")
        ]
    )
    rows = conn.execute(f"""
        SELECT file, reason, count(*) AS n,
               list('row ' || coalesce(CAST(source_row AS VARCHAR), '?') || ', '
                    || coalesce(column_name, '') || ': ' || coalesce(left(value, 80), '')
                    ORDER BY source_row, column_name)[1:{REJECT_EXAMPLES}] AS examples
        FROM audit.rejects GROUP BY file, reason ORDER BY file, n DESC, reason""").fetchall()
    if not rows:
        ws.append([cell(ws, "No rows were rejected.")])
    for file, reason, n, examples in rows:
        ws.append([cell(ws, file), cell(ws, reason), cell(ws, n), cell(ws, "; ".join(examples))])
