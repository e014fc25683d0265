"""The case database: one DuckDB file per inspection.

It holds the canonical tables (schema ``main``), any extra tables the examiner brought, and the
case's own records in schema ``audit``: the sources imported (with fingerprints), the rejected
rows with their reasons, and the hash-chained audit log.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import duckdb

from auditor import __version__, db
from auditor.case import auditlog
from auditor.case.accounting import ACCOUNTING_DDL, ensure_tables
from auditor.errors import CaseError, UsageError

CASE_FORMAT = 1
STAGE_PREFIX = "__import_"  # an import's staging table (see importer._stage_canonical)

SCHEMA_DDL = [
    "CREATE SCHEMA IF NOT EXISTS audit",
    """CREATE TABLE IF NOT EXISTS audit.meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS audit.sources (
      source_id INTEGER NOT NULL,
      path VARCHAR NOT NULL,
      file_name VARCHAR NOT NULL,
      size_bytes BIGINT NOT NULL,
      sha256 VARCHAR NOT NULL,
      format VARCHAR NOT NULL,
      encoding VARCHAR,
      delimiter VARCHAR,
      sheet VARCHAR,
      header_row INTEGER,
      preamble VARCHAR,
      target_table VARCHAR NOT NULL,
      kind VARCHAR NOT NULL,
      mapping VARCHAR NOT NULL,
      rows_read BIGINT NOT NULL,
      rows_loaded BIGINT NOT NULL,
      rows_rejected BIGINT NOT NULL,
      imported_at TIMESTAMP NOT NULL,
      duration_s DOUBLE NOT NULL,
      app_version VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS audit.rejects (
      source_id INTEGER NOT NULL,
      file VARCHAR NOT NULL,
      source_row BIGINT,
      column_name VARCHAR,
      value VARCHAR,
      reason VARCHAR NOT NULL
    )""",
    auditlog.LOG_DDL,
    *ACCOUNTING_DDL,
]


def drop_stale_stages(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop staging tables: after an import, or left by one whose process was killed (then the
    checkpoint gives their space back, so a killed import leaves the case file as it was)."""
    stale = conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        f"AND starts_with(table_name, '{STAGE_PREFIX}')"
    ).fetchall()
    for (name,) in stale:
        conn.execute(f'DROP TABLE IF EXISTS main."{name}"')
    if stale:
        conn.execute("CHECKPOINT")


class CaseFormatError(CaseError):
    """The file has the case's records, but their format mark is not this release's."""


_SIZE = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """What one sandboxed session may use: DuckDB's memory limit (beyond it, work spills to
    disk or fails with an out-of-memory error) and the size its spill files may reach.
    Defaults come from AUDITOR_MEMORY_LIMIT and AUDITOR_TEMP_LIMIT, else 4GB and 10GB."""

    memory: str = ""
    temp: str = ""

    def __post_init__(self) -> None:
        for name, value in (("memory limit", self.memory), ("temp limit", self.temp)):
            if value and not _SIZE.match(value):
                raise UsageError(f"{name} {value!r}: write a size such as 512MB or 4GB")

    @classmethod
    def default(cls) -> Limits:
        return cls(
            os.environ.get("AUDITOR_MEMORY_LIMIT", "4GB"),
            os.environ.get("AUDITOR_TEMP_LIMIT", "10GB"),
        )


@dataclass(frozen=True)
class SourceRecord:
    source_id: int
    path: str
    file_name: str
    size_bytes: int
    sha256: str
    format: str
    encoding: str | None
    target_table: str
    kind: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    imported_at: datetime


class Case:
    """An open case database. Use as a context manager, or call ``close``."""

    def __init__(
        self, path: Path, conn: duckdb.DuckDBPyConnection, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.sandboxed = False
        self.limits: Limits | None = None
        # Set by ``interrupt``: work that checks it between statements stops too.
        self.cancel = threading.Event()

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, read_only: bool = False) -> Case:
        """Open (or, with ``create``, make) a case. A DuckDB file that is not a case is
        refused without a write; ``read_only`` opens for reading alone (info, rejects, log)."""
        path = Path(path)
        if not create and not path.exists():
            raise CaseError(f"no case database at {path}")
        if path.exists() and path.is_dir():
            raise CaseError(f"{path} is a folder, not a case database")
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise CaseError(f"cannot create case database {path}: {e.strerror}") from e
        case = cls(path, _connect(path, read_only=read_only), read_only=read_only)
        try:
            case._ensure_schema(create)
        except BaseException:
            case.conn.close()
            raise
        _open_cases.add(case)
        return case

    def _ensure_schema(self, create: bool) -> None:
        c = self.conn
        is_case = db.count(
            c,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' "
            "AND table_name = 'meta'",
        )
        if is_case:
            try:
                row = db.one(c, "SELECT value FROM audit.meta WHERE key = 'case_format'")
            except duckdb.Error:
                row = None
            if row is None or str(row[0]) != str(CASE_FORMAT):
                found = "none" if row is None else repr(row[0])
                raise CaseFormatError(
                    f"{self.path} is not a case database of format {CASE_FORMAT}: its case "
                    f"format is {found} (the case's records were altered, or it comes from "
                    "another release)"
                )
            if not self.read_only:
                drop_stale_stages(c)
                clean_spill(self.path)
                ensure_tables(c)  # a case from before the record accounting gets its tables
            return
        holds = db.count(
            c,
            "SELECT (SELECT count(*) FROM duckdb_tables() WHERE NOT internal) + "
            "(SELECT count(*) FROM duckdb_views() WHERE NOT internal)",
        )
        if holds or not create or self.read_only:
            raise CaseError(
                f"{self.path} is not a case database (a DuckDB file without the case's audit "
                "records); it was left unchanged"
            )
        c.execute("BEGIN")
        for ddl in SCHEMA_DDL:
            c.execute(ddl)
        c.executemany(
            "INSERT INTO audit.meta VALUES (?, ?)",
            [
                ("case_format", str(CASE_FORMAT)),
                ("created_at", datetime.now().isoformat()),
                ("created_by_version", __version__),
            ],
        )
        auditlog.append(c, "case_created", {"path": str(self.path)})
        c.execute("COMMIT")

    def lock_down(self, limits: Limits | None = None) -> None:
        """Sandbox every later statement: no file, network or extension access, memory and
        spill within ``limits``, and no way back. Checks, the SQL console and workbook queries
        from someone else run only after this; it cannot be undone while the case is open
        (DuckDB refuses to re-enable it). Ad-hoc results go to an in-memory database attached
        as ``scratch``, so a console query never grows the case file."""
        if self.sandboxed:
            return
        self.limits = limits or self.limits or Limits.default()
        for setting, value in (
            ("memory_limit", self.limits.memory),
            ("max_temp_directory_size", self.limits.temp),
        ):
            if value:
                self.conn.execute(f"SET {setting} = {db.lit(value)}")
        self.conn.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {SCRATCH}")
        self._lock()
        self.sandboxed = True

    def interrupt(self) -> None:
        """Stop the running statement (from any thread) and mark the case cancelled."""
        self.cancel.set()
        with contextlib.suppress(duckdb.Error):  # already closed: nothing runs on it
            self.conn.interrupt()

    def _lock(self) -> None:
        for setting in (
            "enable_external_access = false",
            "autoinstall_known_extensions = false",
            "autoload_known_extensions = false",
            "allow_community_extensions = false",
            "lock_configuration = true",
        ):
            self.conn.execute(f"SET {setting}")

    @contextmanager
    def file_access_only(
        self, files: Sequence[Path], folders: Sequence[Path] = ()
    ) -> Iterator[None]:
        """Run the block on a fresh connection that can open only ``files`` and ``folders``
        (besides the case itself), then reconnect as before.

        An import evaluates mapping expressions that may come from someone else's profile or
        workbook; they run with every other file closed. DuckDB keeps such settings for the life
        of the database instance, so the case is reconnected before and after: no other
        connection to it may be open in this process meanwhile.
        """
        was_sandboxed = self.sandboxed
        if self.read_only:
            raise CaseError(f"{self.path} is open for reading only")
        self._reconnect()
        try:
            paths = sorted({str(p) for f in files for p in (Path(f), Path(f).resolve())})
            dirs = sorted({str(Path(d).resolve()) + "/" for d in folders})
            for setting, value in (("allowed_paths", paths), ("allowed_directories", dirs)):
                self.conn.execute(f"SET {setting} = $v", {"v": value})
            self._lock()
            yield
        finally:
            self._reconnect()
            if was_sandboxed:
                self.lock_down()

    def _reconnect(self) -> None:
        self.conn.close()
        self.conn = _connect(self.path)
        self.sandboxed = False

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Case:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- what the case holds -------------------------------------------------------------

    def tables(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
            "AND NOT temporary AND NOT starts_with(table_name, '__') ORDER BY table_name"
        ).fetchall()
        return [r[0] for r in rows]

    def has_table(self, name: str) -> bool:
        return name in self.tables()

    def row_count(self, name: str) -> int:
        return db.count(self.conn, f'SELECT count(*) FROM "{name}"')

    def sources(self) -> list[SourceRecord]:
        rows = self.conn.execute(
            "SELECT source_id, path, file_name, size_bytes, sha256, format, encoding, "
            "target_table, kind, rows_read, rows_loaded, rows_rejected, imported_at "
            "FROM audit.sources ORDER BY source_id"
        ).fetchall()
        return [SourceRecord(*r) for r in rows]

    def next_source_id(self) -> int:
        return db.count(self.conn, "SELECT coalesce(max(source_id), 0) + 1 FROM audit.sources")


SCRATCH = "scratch"  # the in-memory database for ad-hoc results (see ``lock_down``)
_open_cases: weakref.WeakSet[Case] = weakref.WeakSet()


def interrupt_open_cases() -> None:
    """Interrupt every case this process has open (Ctrl-C on the command line)."""
    for case in list(_open_cases):
        case.interrupt()


def clean_spill(path: Path) -> int:
    """Remove DuckDB's spill files left in ``<case>.tmp/`` by a process that was killed (or
    ran out of space); returns how many. Called with the case's write lock held, so no live
    process of ours is using them."""
    folder = path.with_name(path.name + ".tmp")
    if not folder.is_dir():
        return 0
    removed = 0
    for f in folder.iterdir():
        if f.is_file() and f.name.startswith("duckdb_temp"):
            f.unlink(missing_ok=True)
            removed += 1
    with contextlib.suppress(OSError):  # not empty: something else lives there; leave it
        folder.rmdir()
    return removed


def _connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as e:
        raise CaseError(f"cannot open case database {path}: {e}") from e
    except OSError as e:
        raise CaseError(f"cannot open case database {path}: {e.strerror}") from e
    if db.scalar(conn, "SELECT current_setting('lock_configuration')") is True:
        # Another connection of this program holds the database instance, sandboxed.
        conn.close()
        raise CaseError(
            f"{path} is still open on another connection in this program (sandboxed); close "
            "it first"
        )
    conn.execute("SET enable_progress_bar = false")  # DuckDB would draw on our stdout
    return conn
