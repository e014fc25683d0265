"""Writing the Excel audit report: a pure function of the case, the runs and chart images.

The workbook is written in openpyxl's write-only (streaming) mode into a temporary file in the
target folder and renamed into place only when complete: a failed or cancelled export leaves no
half-written report and keeps the previous one. Cell contents depend only on the case, the runs
and the images, except the generation time on the Cover, so two reports can be compared.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter

from auditor.case import auditlog
from auditor.case.fingerprint import sha256_file
from auditor.engine.runner import CheckRun, Session
from auditor.errors import AuditorError, Cancelled
from auditor.report.cells import EXCEL_MAX_ROWS, print_setup
from auditor.report.charts import make_chart, write_chart_data
from auditor.report.evidence import write_evidence
from auditor.report.sheets import (
    ReportMeta,
    write_cover,
    write_data_quality,
    write_provenance,
    write_summary,
)

ReportProgress = Callable[[str, float], None]


class ExportError(AuditorError):
    title = "Report export"


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sheets: list[str]
    evidence_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _has_evidence(run: CheckRun) -> bool:
    return run.result_table is not None and run.row_count > 0 and run.status in ("finding", "info")


class _Progress:
    """Row-level progress over the whole export, and the cancel check between batches."""

    def __init__(self, report: ReportProgress, total: int, cancel: threading.Event | None):
        self.report, self.total, self.cancel, self.done = report, max(total, 1), cancel, 0

    def for_check(self, check_id: str) -> Callable[[int], None]:
        def tick(written: int) -> None:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("report export cancelled; no file was written")
            self.report(f"writing {check_id}", min(0.95, (self.done + written) / self.total * 0.9))

        return tick


def write_report(
    session: Session,
    runs: list[CheckRun],
    path: Path | str,
    *,
    meta: ReportMeta | None = None,
    images: Mapping[str, bytes] | None = None,
    max_evidence_rows: int | None = None,
    progress: ReportProgress | None = None,
    cancel: threading.Event | None = None,
    rows_per_sheet: int = EXCEL_MAX_ROWS,
) -> ReportResult:
    """Write the report of ``runs`` to ``path``; raises Cancelled or ExportError, leaving any
    earlier file at ``path`` untouched."""
    started = time.perf_counter()
    report = progress or (lambda _what, _frac: None)
    total = sum(
        min(r.row_count, max_evidence_rows or r.row_count) for r in runs if _has_evidence(r)
    )
    wb = Workbook(write_only=True)
    try:
        names, evidence = _fill(
            wb,
            session,
            runs,
            meta or ReportMeta(),
            images or {},
            max_evidence_rows,
            _Progress(report, total, cancel),
            rows_per_sheet,
        )
        _save_atomically(wb, Path(path))
    except BaseException:
        for ws in wb.worksheets:  # let the streaming sheets close their temporary files
            with contextlib.suppress(Exception):
                ws.close()
        raise
    auditlog.append(
        session.conn,
        "report",
        {
            "file": str(path),
            "sha256": sha256_file(Path(path)),
            "checks": [r.check.id for r in runs],
            "evidence_rows": evidence,
        },
    )
    report("done", 1.0)
    return ReportResult(Path(path), names, evidence, time.perf_counter() - started)


def _fill(
    wb: Workbook,
    session: Session,
    runs: list[CheckRun],
    meta: ReportMeta,
    images: Mapping[str, bytes],
    max_evidence_rows: int | None,
    tracker: _Progress,
    rows_per_sheet: int,
) -> tuple[list[str], dict[str, int]]:
    case, conn = session.case, session.conn
    generated = datetime.now().isoformat(timespec="seconds")
    write_cover(wb.create_sheet("Cover"), case, meta, runs, session.profile.name, generated)
    firsts = {r.check.id: r.check.id for r in runs if _has_evidence(r)}
    notes = {}
    for r in runs:
        if _has_evidence(r) and max_evidence_rows is not None and r.row_count > max_evidence_rows:
            notes[r.check.id] = (
                f"first {max_evidence_rows:,} of {r.row_count:,} rows (capped by the user)"
            )
    write_summary(wb.create_sheet("Summary"), runs, firsts, notes)
    chart_ws = None
    chart_row = 1
    evidence: dict[str, int] = {}
    for r in runs:
        if not _has_evidence(r):
            continue
        sheets = write_evidence(
            wb,
            session.results,
            r,
            max_rows=max_evidence_rows,
            progress=tracker.for_check(r.check.id),
            rows_per_sheet=rows_per_sheet,
        )
        evidence[r.check.id] = sheets.rows_written
        tracker.done += sheets.rows_written
        first = next(ws for ws in wb.worksheets if ws.title == sheets.sheets[0])
        anchor_col = get_column_letter(len(sheets.columns) + 2)
        if chart_ws is None:
            chart_ws = wb.create_sheet("Chart data")
        block = write_chart_data(chart_ws, session.results, r, chart_row)
        if block is not None:
            chart_row += block.rows + 3
            chart = make_chart(r, chart_ws, block)
            if chart is not None:
                first.add_chart(chart, f"{anchor_col}{sheets.header_row}")
        if r.check.id in images:
            img = Image(io.BytesIO(images[r.check.id]))
            first.add_image(img, f"{anchor_col}{sheets.header_row + 20}")
    tracker.report("provenance", 0.96)
    write_provenance(wb.create_sheet("Provenance"), case, runs)
    write_data_quality(wb.create_sheet("Data quality"), conn)
    if chart_ws is not None:  # keep Chart data after the check sheets, before Provenance
        wb._sheets.remove(chart_ws)
        wb._sheets.insert(len(wb._sheets) - 2, chart_ws)
    for ws in wb.worksheets:
        print_setup(ws)
    return [ws.title for ws in wb.worksheets], evidence


def _save_atomically(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        tmp.replace(path)
    except OSError as e:
        raise ExportError(f"cannot write the report {path}: {e.strerror}") from e
    finally:
        tmp.unlink(missing_ok=True)


def sheets_needed(rows: int, rows_per_sheet: int = EXCEL_MAX_ROWS) -> int:
    return max(1, math.ceil(rows / (rows_per_sheet - 1)))
