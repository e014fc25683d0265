"""The open case as the desktop app holds it: the database, who may use which connection, and
the check library. What the examiner has open and has written is not here: it is the
workspace model (``auditor.workbook.workspace``), which outlives a reconnect.

Threads and connections: every statement that writes (checks, the SQL console, report export,
saving the workspace) runs in a worker on the case's main connection, one at a time under
``lock``, so the base tables are never rebuilt twice at once. The GUI thread never touches that
connection: grids and the tree read through cursors made from ``reader``, a connection that
never runs anything itself, so making a cursor never waits for a running check. Opening a case
happens in a worker too (``open_state``). Importing needs file access, which the sandbox forbids
for the life of the database instance: the app closes the case (every cursor included),
imports on a fresh connection, and opens it again.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from PySide6.QtCore import QCoreApplication

from auditor import db
from auditor.case import auditlog
from auditor.case.store import Case
from auditor.db import RESULTS_SCHEMA, table_ref
from auditor.engine.base import default_as_of
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.engines import EngineChoice
from auditor.engine.period import default_from_date
from auditor.engine.runner import Session
from auditor.engine.spark.session import SparkOptions
from auditor.errors import AuditorError
from auditor.workbook.workspace_store import CaseWorkspace, read_from_case


@dataclass
class CaseFacts:
    """What the tree and the overview show about the data, read in a worker."""

    tables: list[tuple[str, int, int]] = field(default_factory=list)  # name, rows, rejected
    sources: list[dict[str, Any]] = field(default_factory=list)
    as_of: dt.date | None = None
    from_date: dt.date | None = None  # the first day with data: the review period's default
    log_entries: int = 0
    log_verified: bool = True
    columns: dict[str, list[str]] = field(default_factory=dict)  # for SQL completion


class CaseState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.case = Case.open(path)
        self.case.lock_down()
        self.reader = self.case.conn.cursor()
        self.lock = threading.Lock()
        self.library: dict[str, CheckSpec] = {c.id: c for c in load_library()}
        self.engine = read_engine(self.case.conn)
        self.engine_session: Session | None = None  # Spark, once started (start_engine)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.reader.cursor()

    def session(
        self,
        profile: str,
        as_of: dt.date | None,
        from_date: dt.date | None = None,
        overrides: dict[str, str] | None = None,
    ) -> Session:
        """A session on the main connection. Pass as-of and the period's start whenever they
        are known: then nothing resolves on the database from the GUI thread."""
        return Session(
            self.case, profile=profile, overrides=overrides, as_of=as_of, from_date=from_date
        )

    def run_session(
        self,
        profile: str,
        as_of: dt.date | None,
        from_date: dt.date | None = None,
        overrides: dict[str, str] | None = None,
    ) -> Session:
        """The session checks run in: on the case, or on the Spark engine the case chose
        (started: ``start_engine``), with these settings."""
        if self.engine.name == "duckdb":
            return self.session(profile, as_of, from_date, overrides)
        if self.engine_session is None:
            raise AuditorError(
                QCoreApplication.translate(
                    "CaseState",
                    "Spark has not started for this case yet (see the status bar): wait, or "
                    "choose the DuckDB engine",
                ),
                QCoreApplication.translate("CaseState", "Engine"),
            )
        period = {k: str(v) for k, v in (("as_of", as_of), ("from_date", from_date)) if v}
        return self.engine_session.derive({**(overrides or {}), **period}, profile)

    def set_engine(self, choice: EngineChoice) -> None:
        """Remember the engine with the case; a running Spark engine is let go."""
        self.stop_engine()
        self.engine = choice
        save_engine(self.case.conn, choice)

    def start_engine(self) -> str:
        """Start Spark for this case (slow: run it in a worker, under ``lock``). Its results
        come back into the case, where the grid, charts and overview read them."""
        if self.engine.name != "duckdb" and self.engine_session is None:
            self.engine_session = self.engine.open(self.case, land_results=True)
        return self.engine.describe()

    def stop_engine(self) -> None:
        close = getattr(self.engine_session, "close", None)
        if close is not None:
            close()
        self.engine_session = None

    def close(self) -> None:
        self.stop_engine()
        self.reader.close()
        self.case.close()


ENGINE_KEY = "desktop_engine"


def read_engine(conn: duckdb.DuckDBPyConnection) -> EngineChoice:
    """The engine chosen for this case in an earlier session (DuckDB when none was, or when
    what was kept cannot be read)."""
    raw = db.scalar(conn, "SELECT value FROM audit.meta WHERE key = $k", {"k": ENGINE_KEY})
    try:
        saved = json.loads(raw) if raw else {}
        if not isinstance(saved, dict) or saved.get("name") != "spark":
            return EngineChoice()
        return EngineChoice("spark", SparkOptions(remote=saved.get("remote") or None))
    except (ValueError, AuditorError):
        return EngineChoice()


def save_engine(conn: duckdb.DuckDBPyConnection, choice: EngineChoice) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO audit.meta VALUES ($k, $v)",
        {"k": ENGINE_KEY, "v": json.dumps({"name": choice.name, "remote": choice.spark.remote})},
    )


@dataclass
class OpenedCase:
    """All the window needs to show a case, read in one worker."""

    state: CaseState
    facts: CaseFacts
    log: list[tuple[Any, ...]]
    workspace: CaseWorkspace


def open_state(path: Path) -> OpenedCase:
    """Open the case, read its facts, its log and the workspace kept in it (a worker's job:
    opening a large case reads for seconds)."""
    state = CaseState(path)
    try:
        with state.lock:
            cursor = state.cursor()
            try:
                drop_leftovers(cursor)
                facts = read_facts(cursor)
                log = log_rows(cursor)
                kept = read_from_case(cursor, state.library, path)
            finally:
                cursor.close()
    except BaseException:
        state.close()
        raise
    return OpenedCase(state, facts, log, kept)


CONSOLE_PREFIX = "console_"  # results.console_N: what the SQL console shows


def drop_leftovers(conn: duckdb.DuckDBPyConnection) -> None:
    """Tables a grid or the console wrote and a session that crashed left behind."""
    for (name,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = $s AND ("
        "starts_with(table_name, 'view_') OR starts_with(table_name, 'sort_') "
        "OR starts_with(table_name, $console))",
        {"s": RESULTS_SCHEMA, "console": CONSOLE_PREFIX},
    ).fetchall():
        conn.execute(f"DROP TABLE IF EXISTS {table_ref(RESULTS_SCHEMA + '.' + name)}")


def read_facts(conn: duckdb.DuckDBPyConnection) -> CaseFacts:
    """Table sizes, sources, reject counts, the default as-of, the log's state and the
    columns of every table (for the console's completion)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"
        ).fetchall()
    ]
    rejected = dict(
        conn.execute(
            "SELECT s.target_table, sum(s.rows_rejected) FROM audit.sources s GROUP BY 1"
        ).fetchall()
    )
    tables = [
        (
            n,
            int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0]),
            int(rejected.get(n, 0) or 0),
        )
        for n in names
    ]
    cols = [d[0] for d in conn.execute("SELECT * FROM audit.sources LIMIT 0").description]
    sources = [
        dict(zip(cols, r, strict=True))
        for r in conn.execute("SELECT * FROM audit.sources ORDER BY source_id").fetchall()
    ]
    columns: dict[str, list[str]] = {}
    for schema, table, column in conn.execute(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
        "WHERE schema_name IN ('main', 'base', 'results') AND NOT starts_with(table_name, '__') "
        "ORDER BY schema_name, table_name, column_index"
    ).fetchall():
        name = table if schema == "main" else f"{schema}.{table}"
        columns.setdefault(name, []).append(column)
    ver = auditlog.verify(conn)
    as_of = default_as_of(conn)
    start = default_from_date(conn, as_of)
    return CaseFacts(tables, sources, as_of, start, ver.count, ver.ok, columns)


def log_rows(conn: duckdb.DuckDBPyConnection, limit: int = 500) -> list[tuple[Any, ...]]:
    """The newest audit-log entries: sequence, time, action, detail."""
    return [(e.seq, e.at, e.action, e.detail) for e in auditlog.entries(conn)[-limit:]][::-1]
