"""The open case as the desktop app holds it: the database, who may use which connection,
the check library, the profile and as-of chosen, and the latest run of each check.

Threads and connections: every statement that writes (checks, the SQL console, report export)
runs in a worker on the case's main connection, one at a time under ``lock``, so the base
tables are never rebuilt twice at once. The GUI thread never touches that connection: grids
and the tree read through cursors made from ``reader``, a connection that never runs anything
itself, so making a cursor never waits for a running check. Importing needs file access,
which the sandbox forbids for the life of the database instance: the app closes the case
(every cursor included), imports on a fresh connection, and opens it again.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.case.store import Case
from auditor.engine.base import default_as_of
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.engines import EngineChoice
from auditor.engine.runner import CheckRun, Session
from auditor.engine.spark.session import SparkOptions
from auditor.errors import AuditorError


@dataclass
class CaseFacts:
    """What the tree and the overview show about the data, read in a worker."""

    tables: list[tuple[str, int, int]] = field(default_factory=list)  # name, rows, rejected
    sources: list[dict[str, Any]] = field(default_factory=list)
    as_of: dt.date | None = None
    log_entries: int = 0
    log_verified: bool = True


class CaseState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.case = Case.open(path)
        self.case.lock_down()
        self.reader = self.case.conn.cursor()
        self.lock = threading.Lock()
        self.library: dict[str, CheckSpec] = {c.id: c for c in load_library()}
        self.profile = "CN"
        self.as_of: dt.date | None = None
        self.runs: dict[str, CheckRun] = {}
        self.notes: dict[str, str] = {}
        self.engine = read_engine(self.case.conn)
        self.engine_session: Session | None = None  # Spark, once started (start_engine)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.reader.cursor()

    def session(self, overrides: dict[str, str] | None = None) -> Session:
        """A session on the main connection; as-of is passed so nothing resolves on the
        database from the GUI thread. On Spark: the started engine, with these settings."""
        if self.engine.name == "duckdb":
            return Session(self.case, profile=self.profile, overrides=overrides, as_of=self.as_of)
        if self.engine_session is None:
            raise AuditorError(
                "Spark has not started for this case (see the status bar); wait, or choose "
                "the DuckDB engine",
                "Engine",
            )
        as_of = {"as_of": self.as_of.isoformat()} if self.as_of else {}
        return self.engine_session.derive({**(overrides or {}), **as_of}, self.profile)

    def resolver(self) -> Session:
        """Resolves parameters (whichever engine runs them): never touches Spark."""
        return Session(self.case, profile=self.profile, as_of=self.as_of)

    def set_engine(self, choice: EngineChoice) -> None:
        """Remember the engine with the case; a running Spark engine is let go."""
        self.stop_engine()
        self.engine = choice
        save_engine(self.case.conn, choice)

    def start_engine(self) -> str:
        """Start Spark for this case (slow: run it in a worker, under ``lock``). Results come
        back into the case, where the grid, charts and overview read them."""
        if self.engine.name == "duckdb" or self.engine_session is not None:
            return self.engine.describe()
        self.engine_session = self.engine.open(self.case, profile=self.profile, land_results=True)
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
    """The engine chosen for this case in an earlier session (DuckDB when none was)."""
    raw = db.scalar(conn, "SELECT value FROM audit.meta WHERE key = $k", {"k": ENGINE_KEY})
    if not raw:
        return EngineChoice()
    try:
        saved = json.loads(raw)
        if saved.get("name") != "spark":
            return EngineChoice()
        return EngineChoice("spark", SparkOptions(remote=saved.get("remote") or None))
    except (ValueError, AttributeError, AuditorError):
        return EngineChoice()


def save_engine(conn: duckdb.DuckDBPyConnection, choice: EngineChoice) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO audit.meta VALUES ($k, $v)",
        {"k": ENGINE_KEY, "v": json.dumps({"name": choice.name, "remote": choice.spark.remote})},
    )


def read_facts(conn: duckdb.DuckDBPyConnection) -> CaseFacts:
    """Table sizes, sources, reject counts, the default as-of and the log's state."""
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
    ver = auditlog.verify(conn)
    return CaseFacts(tables, sources, default_as_of(conn), ver.count, ver.ok)


def log_rows(conn: duckdb.DuckDBPyConnection, limit: int = 500) -> list[tuple[Any, ...]]:
    """The newest audit-log entries: sequence, time, action, detail."""
    return [(e.seq, e.at, e.action, e.detail) for e in auditlog.entries(conn)[-limit:]][::-1]
