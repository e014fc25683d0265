"""The workspace kept in the case, and the runs read back from the case's audit log.

What the examiner wrote (properties, checks open, parameters, notes, dispositions, custom
queries: the workbook document) and where they were (drill-down and console history) is kept in
the case's ``workspace`` schema, so reopening the case, or importing into it, loses nothing.

Runs are not copied there: every run is an entry of the audit log (status, counts, parameter
values) and its rows stay in the case's ``results`` schema. The latest entry of each check whose
result table still holds exactly the rows the entry counted is the check's run; imports logged
after it make it stale. So a case whose checks were run from the command line opens with
them too. The stored document is someone else's text when the case came from someone else: it
is read as a workbook (custom SQL checked, unknown checks skipped), and a document that does
not read is reported and left out, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.engine.checks import CheckSpec
from auditor.engine.run_notes import notes_from_dicts
from auditor.engine.runner import CheckRun
from auditor.errors import AuditorError
from auditor.workbook.document import Workbook, custom_check, parse, to_toml
from auditor.workbook.workspace import ImportStamp, Location, RunRecord, Workspace

SCHEMA = "workspace"
DDL = (
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
)
STATE_FORMAT = "1"
OUTCOMES_WITH_ROWS = ("pass", "finding", "info")

TEXT = {
    "unreadable": "the workspace saved in the case could not be read ({error}); it starts empty",
    "gone": "the result of {check} is no longer in the case; run it again",
    "changed": "the result table of {check} no longer matches its logged run; run it again",
    "unknown": "a run of {check}, a check this release does not know, is left out",
}


@dataclass(frozen=True)
class CaseWorkspace:
    """What a case holds of the workspace, read in a worker and handed to the window."""

    workbook: Workbook | None = None
    open_checks: tuple[str, ...] = ()
    history: tuple[Location, ...] = ()
    position: int = -1
    sql_history: tuple[str, ...] = ()
    runs: tuple[RunRecord, ...] = ()
    imports: tuple[ImportStamp, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def apply_to(self, ws: Workspace) -> None:
        """Restore into ``ws``: the document first, then runs, imports and histories."""
        if self.workbook is not None:
            ws.open_checks = []
            ws.apply_workbook(self.workbook)
            ws.open_checks = [c for c in self.open_checks if c] or ws.open_checks
            ws.events.checks.emit()
        ws.set_imports(self.imports)
        ws.record_runs(self.runs)
        ws.history = list(self.history)
        ws.position = min(self.position, len(ws.history) - 1)
        ws.sql_history = list(self.sql_history)
        ws.events.navigation.emit()
        ws.events.sql_history.emit()
        ws.modified = False


# --- writing -----------------------------------------------------------------------------


def _location_doc(loc: Location) -> dict[str, Any]:
    return {
        "kind": loc.kind,
        "title": loc.title,
        "check_id": loc.check_id,
        "sql": loc.sql,
        "params": {k: _jsonable(v) for k, v in loc.params.items()},
    }


def _jsonable(v: Any) -> Any:
    return v if isinstance(v, str | int | float | bool) or v is None else str(v)


def workspace_values(ws: Workspace, case_name: str) -> dict[str, str]:
    """The rows the case keeps of the workspace (made where the workspace lives, so a worker
    writing them never reads a model the GUI is changing)."""
    return {
        "format": STATE_FORMAT,
        "workbook": to_toml(ws.to_workbook(case_name)),
        "open_checks": json.dumps(ws.open_checks),
        "navigation": json.dumps(
            {"position": ws.position, "history": [_location_doc(h) for h in ws.history]},
            ensure_ascii=False,
        ),
        "sql_history": json.dumps(ws.sql_history, ensure_ascii=False),
    }


def write_values(conn: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    """Write the rows into the case, in one transaction."""
    conn.execute("BEGIN")
    try:
        for ddl in DDL:
            conn.execute(ddl)
        conn.executemany(
            f"INSERT OR REPLACE INTO {SCHEMA}.state VALUES (?, ?)", list(values.items())
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def save_to_case(conn: duckdb.DuckDBPyConnection, ws: Workspace, case_name: str) -> None:
    """Write the workspace into the case (one transaction)."""
    write_values(conn, workspace_values(ws, case_name))


# --- reading -----------------------------------------------------------------------------


def _stored(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    present = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = 'state'",
        {"s": SCHEMA},
    )
    if not present:
        return {}
    return dict(conn.execute(f"SELECT key, value FROM {SCHEMA}.state").fetchall())


def _locations(raw: Any) -> tuple[list[Location], int]:
    if not isinstance(raw, dict) or not isinstance(raw.get("history"), list):
        return [], -1
    out = []
    for h in raw["history"]:
        if isinstance(h, dict) and h.get("kind") in ("check", "query"):
            raw_params = h.get("params")
            params: dict[str, Any] = raw_params if isinstance(raw_params, dict) else {}
            out.append(
                Location(
                    h["kind"],
                    str(h.get("title", "")),
                    str(h.get("check_id", "")),
                    str(h.get("sql", "")),
                    dict(params),
                )
            )
    position = raw.get("position")
    return out, position if isinstance(position, int) and position < len(out) else len(out) - 1


def read_from_case(
    conn: duckdb.DuckDBPyConnection, library: dict[str, CheckSpec], case_path: Path
) -> CaseWorkspace:
    """The workspace kept in the case and the runs its audit log records. ``library`` gets
    the custom queries of the stored workbook added (the runs of those are read too)."""
    warnings: list[str] = []
    stored = _stored(conn)
    workbook = None
    open_checks: list[str] = []
    history: list[Location] = []
    position = -1
    sql_history: list[str] = []
    if "workbook" in stored:
        try:
            opened = parse(stored["workbook"], f"{case_path.name} (workspace)", set(library))
            workbook = opened.workbook
            warnings += opened.warnings
            open_checks = [str(c) for c in json.loads(stored.get("open_checks", "[]"))]
            history, position = _locations(json.loads(stored.get("navigation", "{}")))
            sql_history = [str(s) for s in json.loads(stored.get("sql_history", "[]"))]
        except (AuditorError, ValueError, TypeError) as e:
            warnings.append(TEXT["unreadable"].format(error=e))
            workbook = None
    if workbook is not None:
        for q in workbook.custom_queries:
            library[q.id] = custom_check(q)
        known = set(library)
        open_checks = [c for c in open_checks if c in known]
    runs, imports = runs_from_log(conn, library, warnings)
    return CaseWorkspace(
        workbook,
        tuple(open_checks),
        tuple(history),
        position,
        tuple(sql_history),
        tuple(runs),
        tuple(imports),
        tuple(warnings),
    )


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _run(spec: CheckSpec, d: dict[str, Any], table: str | None) -> CheckRun:
    params = d.get("params")
    return CheckRun(
        spec,
        d.get("status", "error"),
        str(d.get("reason", "")),
        table,
        int(d.get("rows", 0) or 0),
        int(d.get("finding_rows", 0) or 0),
        int(d.get("loans", 0) or 0),
        int(d.get("borrowers", 0) or 0),
        _amount(d.get("amount")),
        float(d.get("duration_s", 0.0) or 0.0),
        params if isinstance(params, dict) else {},
        notes=notes_from_dicts(d.get("notes")),
    )


def runs_from_log(
    conn: duckdb.DuckDBPyConnection, library: dict[str, CheckSpec], warnings: list[str]
) -> tuple[list[RunRecord], list[ImportStamp]]:
    """The latest logged run of each check whose result is still in the case, and every
    import, in log order."""
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    imports: list[ImportStamp] = []
    for e in auditlog.entries(conn):
        d = e.detail if isinstance(e.detail, dict) else {}
        if e.action == "import":
            imports.append(
                ImportStamp(
                    e.seq,
                    Path(str(d.get("file", ""))).name,
                    str(d.get("table", "")),
                    int(d.get("rows_loaded", 0) or 0),
                )
            )
        elif e.action == "check_run" and d.get("status") != "cancelled" and "id" in d:
            latest[str(d["id"])] = (e.seq, d)
    tables = {
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = $s",
            {"s": db.RESULTS_SCHEMA},
        ).fetchall()
    }
    runs = []
    for check_id, (seq, d) in latest.items():
        spec = library.get(check_id)
        if spec is None:
            if not check_id.startswith("CQ-"):
                warnings.append(TEXT["unknown"].format(check=check_id))
            continue
        table = None
        if d.get("status") in OUTCOMES_WITH_ROWS:
            name = check_id.replace("-", "_")
            if name not in tables:
                warnings.append(TEXT["gone"].format(check=check_id))
                continue
            table = db.result_table(name)
            if db.count(conn, f"SELECT count(*) FROM {db.table_ref(table)}") != d.get("rows"):
                warnings.append(TEXT["changed"].format(check=check_id))
                continue
        runs.append(RunRecord(_run(spec, d, table), seq))
    order = list(library)
    runs.sort(key=lambda r: order.index(r.run.check.id) if r.run.check.id in order else 0)
    return runs, imports


def last_log_seq(conn: duckdb.DuckDBPyConnection) -> int:
    """The newest audit-log entry's number (a run just made is that entry)."""
    return db.count(conn, "SELECT coalesce(max(seq), 0) FROM audit.log")
