"""The work the window hands to background workers, as plain functions of a Task.

Each takes what it needs as arguments (no widgets), so it can be tested without a window.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from auditor.case.info import TableInfo, profile_table, reject_rows
from auditor.case.store import Case
from auditor.db import q, table_ref
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun, Session
from auditor.errors import AuditorError, Cancelled
from auditor.ingest.importer import ImportResult, import_file
from auditor.ingest.mapping import MappingProfile
from auditor.report import ReportMeta, write_report
from auditor.report.workbook import ReportResult
from auditor.results.chart_data import ChartData, chart_data
from auditor.results.overview import OVERVIEW_CHECKS, Overview, overview
from auditor.workbook.workspace import RunRecord
from auditor.workbook.workspace_store import last_log_seq, runs_from_log, write_values
from ui.case_state import CONSOLE_PREFIX, CaseState
from ui.language import texts
from ui.workers import Task


@dataclass
class RunOutcome:
    records: list[RunRecord]
    charts: dict[str, ChartData | None]
    overview: Overview | None

    @property
    def runs(self) -> list[CheckRun]:
        return [r.run for r in self.records]


def run_checks(
    task: Task,
    state: CaseState,
    session: Session,
    specs: list[CheckSpec],
    earlier: dict[str, CheckRun],
) -> RunOutcome:
    """Run ``specs`` one after another on the main connection; stop at cancel. Each run is
    recorded with its audit-log entry (what makes it stale later). ``earlier`` are the runs
    already made, for the overview's figures."""
    records: list[RunRecord] = []
    charts: dict[str, ChartData | None] = {}
    with state.lock:
        for i, spec in enumerate(specs):
            task.check()
            task.progress(f"{spec.id} {texts(spec).title}", i / max(1, len(specs)))
            run = session.run(spec)
            if run.status == "cancelled":
                raise Cancelled(QCoreApplication.translate("Worker", "cancelled by the user"))
            records.append(RunRecord(run, last_log_seq(session.conn)))
            charts[spec.id] = chart_data(session.conn, run) if run.result_table else None
        merged = {**earlier, **{r.run.check.id: r.run for r in records}}
        ov = None
        if any(s.id in OVERVIEW_CHECKS for s in specs):
            ov = overview(session.conn, merged)
    task.progress("done", 1.0)
    return RunOutcome(records, charts, ov)


def charts_of(
    task: Task, state: CaseState, runs: list[CheckRun], with_overview: bool
) -> tuple[dict[str, ChartData | None], Overview | None]:
    """Chart data of runs read back from the case (after opening it), on a reader cursor:
    a running check does not hold them up."""
    cursor = state.cursor()
    try:
        out: dict[str, ChartData | None] = {}
        for run in runs:
            task.check()
            out[run.check.id] = chart_data(cursor, run) if run.result_table else None
        ov = overview(cursor, {r.check.id: r for r in runs}) if with_overview else None
        return out, ov
    finally:
        cursor.close()


def logged_runs(task: Task, state: CaseState, ids: list[str]) -> list[RunRecord]:
    """The runs of ``ids`` the audit log holds (after a cancelled batch: the checks it
    finished before the cancel are the case's, and shown)."""
    cursor = state.cursor()
    try:
        task.check()
        records, _imports = runs_from_log(cursor, state.library, [])
    finally:
        cursor.close()
    return [r for r in records if r.run.check.id in ids]


def save_workspace(task: Task, state: CaseState, values: dict[str, str]) -> None:
    """Write the workspace into the case (values made on the GUI thread, see
    ``workspace_store.workspace_values``)."""
    with state.lock:
        task.check()
        write_values(state.case.conn, values)


_console_ids = itertools.count(1)


def run_query(
    task: Task,
    state: CaseState,
    session: Session,
    sql: str,
    params: dict[str, Any] | None = None,
    drop: tuple[str, ...] = (),
) -> tuple[str, int, float]:
    """Run the console's query; its rows are kept under a name of their own, so the next
    query never replaces a table the grid is still reading. ``drop`` are console tables no
    longer shown."""
    started = time.perf_counter()
    with state.lock:
        task.check()
        table, rows = session.query(sql, params)
        # Renamed where the session put it (the in-memory scratch database, or the case).
        where = table.rsplit(".", 1)[0] if "." in table else ""
        mine = f"{CONSOLE_PREFIX}{next(_console_ids)}_{os.getpid()}"
        named = f"{where}.{mine}" if where else mine
        conn = session.conn
        conn.execute(f"DROP TABLE IF EXISTS {table_ref(named)}")
        conn.execute(f"ALTER TABLE {table_ref(table)} RENAME TO {q(mine)}")
        for old in drop:
            conn.execute(f"DROP TABLE IF EXISTS {table_ref(old)}")
    return named, rows, time.perf_counter() - started


def profile(task: Task, state: CaseState, name: str) -> TableInfo:
    with state.lock:
        task.check()
        return profile_table(state.case, name)


def export_report(
    task: Task,
    state: CaseState,
    session: Session,
    runs: list[CheckRun],
    path: Path,
    meta: ReportMeta,
    images: dict[str, bytes],
    not_yet_run: list[CheckSpec] | None = None,
    stale: dict[str, tuple[str, ...]] | None = None,
    mask: bool = True,
) -> ReportResult:
    with state.lock:
        return write_report(
            session,
            runs,
            path,
            meta=meta,
            images=images,
            progress=task.progress,
            cancel=task.stop,
            not_yet_run=not_yet_run or (),
            stale=stale or {},
            mask=mask,
        )


@dataclass
class ImportOutcome:
    results: list[ImportResult]
    rejects: dict[int, list[tuple[Any, ...]]]  # source id -> row, column, value, reason
    failures: list[str]  # "file: why", one per file that was not imported


def import_files(
    task: Task, case_path: Path, plan: list[tuple[Path, MappingProfile]]
) -> ImportOutcome:
    """Import each file on a fresh, unsandboxed connection (the caller has closed the case).
    Each file is its own transaction: one that fails leaves the case as it was before it, is
    reported with its reason, and the other files are still imported."""
    results: list[ImportResult] = []
    rejects: dict[int, list[tuple[Any, ...]]] = {}
    failures: list[str] = []
    with Case.open(case_path) as case:
        for i, (path, mapping) in enumerate(plan):
            task.check()

            def step(what: str, frac: float, i: int = i, name: str = path.name) -> None:
                task.progress(f"{name}: {what}", (i + frac) / len(plan))

            try:
                result = import_file(case, path, mapping=mapping, progress=step)
            except AuditorError as e:
                failures.append(f"{path.name}: {e}")
                continue
            results.append(result)
            rejects[result.source_id] = [
                (r["source_row"], r["column"], r["value"], r["reason"])
                for r in reject_rows(case, result.source_id, limit=2000)
            ]
    return ImportOutcome(results, rejects, failures)
