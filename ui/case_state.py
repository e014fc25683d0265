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
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.engine.base import default_as_of
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.period import default_from_date
from auditor.engine.runner import CheckRun, Session


@dataclass
class CaseFacts:
    """What the tree and the overview show about the data, read in a worker."""

    tables: list[tuple[str, int, int]] = field(default_factory=list)  # name, rows, rejected
    sources: list[dict[str, Any]] = field(default_factory=list)
    as_of: dt.date | None = None
    from_date: dt.date | None = None  # the first day with data: the review period's default
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
        self.from_date: dt.date | None = None
        self.runs: dict[str, CheckRun] = {}
        self.notes: dict[str, str] = {}

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.reader.cursor()

    def session(self, overrides: dict[str, str] | None = None) -> Session:
        """A session on the main connection; as-of is passed so nothing resolves on the
        database from the GUI thread."""
        return Session(
            self.case,
            profile=self.profile,
            overrides=overrides,
            as_of=self.as_of,
            from_date=self.from_date,
        )

    def close(self) -> None:
        self.reader.close()
        self.case.close()


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
    as_of = default_as_of(conn)
    return CaseFacts(tables, sources, as_of, default_from_date(conn, as_of), ver.count, ver.ok)


def log_rows(conn: duckdb.DuckDBPyConnection, limit: int = 500) -> list[tuple[Any, ...]]:
    """The newest audit-log entries: sequence, time, action, detail."""
    return [(e.seq, e.at, e.action, e.detail) for e in auditlog.entries(conn)[-limit:]][::-1]
