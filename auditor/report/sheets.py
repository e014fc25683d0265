"""The report's fixed sheets: Cover, Summary, Provenance and Data quality."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor import __version__
from auditor.case import auditlog
from auditor.case.store import Case
from auditor.engine.runner import CheckRun
from auditor.report.cells import (
    BOLD,
    HEADER_FILL,
    LINK,
    MONEY,
    SEVERITY_FILL,
    STATUS_FILL,
    TITLE,
    cell,
)
from auditor.report.import_accounting import write_import_accounting
from auditor.results.masking import Masker

REJECT_EXAMPLES = 3


@dataclass(frozen=True)
class ReportMeta:
    title: str = "Inspection report"
    platform: str = ""
    examiner: str = ""
    # Lines for the cover's notes: the workbook re-run, sources new or unchanged, the
    # examiner's notes per check.
    notes: tuple[str, ...] = ()


def case_fingerprint(case: Case) -> str:
    """SHA-256 over the imported sources (name, fingerprint, rows loaded, in import order):
    the same data gives the same fingerprint, whatever was run on it since."""
    parts = [[s.file_name, s.sha256, s.target_table, s.rows_loaded] for s in case.sources()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_cover(
    ws: WriteOnlyWorksheet,
    case: Case,
    meta: ReportMeta,
    runs: list[CheckRun],
    profile: str,
    generated_at: str,
    personal_data: str = "",
) -> None:
    _widths(ws, [28, 90])
    as_of = next((r.params["as_of"]["value"] for r in runs if "as_of" in r.params), "")
    start = next((r.params["from_date"]["value"] for r in runs if "from_date" in r.params), "")
    rows: list[tuple[str, Any]] = [
        ("Inspection", meta.title),
        ("Platform", meta.platform),
        ("As of", as_of),
        ("Review period", f"{start} to {as_of} (events in it; stocks at as-of)" if start else ""),
        ("Jurisdiction profile", profile),
        ("Examiner", meta.examiner),
        ("Application", f"lending-auditor {__version__}"),
        ("Generated at", generated_at),
        ("Case database", case.path.name),
        ("Case fingerprint (SHA-256)", case_fingerprint(case)),
        ("Checks run", len(runs)),
        ("Checks with findings", sum(1 for r in runs if r.status == "finding")),
        ("Personal data", personal_data),
    ]
    ws.append([cell(ws, meta.title, font=TITLE)])
    ws.append([])
    for k, v in rows:
        ws.append([cell(ws, k, font=BOLD), cell(ws, v)])
    for i, note in enumerate(meta.notes):
        ws.append([cell(ws, "Notes" if i == 0 else "", font=BOLD), cell(ws, note, wrap=True)])
    ws.append([])
    ws.append(
        [
            cell(
                ws,
                "Every figure can be re-performed from the Provenance sheet: the source "
                "files with their SHA-256, the SQL of each check as run and its "
                "parameter values.",
                wrap=True,
            )
        ]
    )


SUMMARY_HEADER = [
    "ID",
    "Title",
    "Family",
    "Severity",
    "Status",
    "Finding rows",
    "Loans",
    "Borrowers",
    "Amount",
    "Evidence",
    "Basis",
]


def write_summary(
    ws: WriteOnlyWorksheet,
    runs: list[CheckRun],
    sheets: dict[str, str],
    evidence_note: dict[str, str],
) -> None:
    _widths(ws, [9, 60, 13, 10, 10, 13, 10, 10, 16, 40, 80])
    ws.freeze_panes = "A2"
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in SUMMARY_HEADER])
    for r in runs:
        c = r.check
        first = cell(ws, c.id)
        if c.id in sheets:
            first.hyperlink = Hyperlink(ref="", location=f"'{sheets[c.id]}'!A1")
            first.font = LINK
        note = evidence_note.get(c.id, r.reason)
        ws.append(
            [
                first,
                cell(ws, c.title),
                cell(ws, c.family),
                cell(ws, c.severity, fill=SEVERITY_FILL[c.severity]),
                cell(ws, r.status, fill=STATUS_FILL[r.status]),
                cell(ws, r.finding_rows),
                cell(ws, r.loans),
                cell(ws, r.borrowers),
                cell(ws, r.amount, MONEY),
                cell(ws, note),
                cell(ws, c.basis),
            ]
        )


def write_provenance(
    ws: WriteOnlyWorksheet, case: Case, runs: list[CheckRun], masker: Masker | None = None
) -> None:
    text = masker.text if masker is not None else str
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
                cell(ws, text(r.check.sql), wrap=True),
                cell(ws, text(params), wrap=True),
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
                    cell(ws, text(json.dumps(e.detail, ensure_ascii=False, sort_keys=True))),
                    cell(ws, e.hash),
                ]
            )


def write_data_quality(
    ws: WriteOnlyWorksheet, conn: duckdb.DuckDBPyConnection, masker: Masker | None = None
) -> None:
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
               list((coalesce(CAST(source_row AS VARCHAR), '?'), coalesce(column_name, ''),
                     coalesce(left(value, 80), ''))
                    ORDER BY source_row, column_name)[1:{REJECT_EXAMPLES}] AS examples
        FROM audit.rejects GROUP BY file, reason ORDER BY file, n DESC, reason""").fetchall()
    if not rows:
        ws.append([cell(ws, "No rows were rejected.")])
    for file, reason, n, examples in rows:
        shown = []
        for ex in examples:
            row, column, value = (ex[k] for k in ex) if isinstance(ex, dict) else ex
            if masker is not None and value:
                value = (masker.cell_rule(column) or masker.any)(value)
            shown.append(f"row {row}, {column}: {value}")
        ws.append([cell(ws, file), cell(ws, reason), cell(ws, n), cell(ws, "; ".join(shown))])
    write_import_accounting(ws, conn, None if masker is None else masker.any)
