"""The case's append-only audit log, each entry chained to the one before by SHA-256.

Every import, check run and export appends an entry. An entry's hash covers its own content and
the previous entry's hash, so editing or deleting an entry breaks every hash after it, and
``verify`` says where. What the chain cannot show on its own is the removal of the newest entries;
the head hash printed by ``auditor log`` can be noted outside the case (in the report) to close
that gap.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from auditor import __version__

GENESIS = "0" * 64

LOG_DDL = """
CREATE TABLE IF NOT EXISTS audit.log (
  seq INTEGER NOT NULL,
  logged_at TIMESTAMP NOT NULL,
  action VARCHAR NOT NULL,
  detail VARCHAR NOT NULL,
  app_version VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
)"""


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: datetime
    action: str
    detail: dict[str, Any]
    app_version: str
    prev_hash: str
    hash: str


def _digest(prev_hash: str, seq: int, at: datetime, action: str, detail: str, ver: str) -> str:
    payload = json.dumps(
        [prev_hash, seq, at.isoformat(timespec="microseconds"), action, detail, ver],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    conn: duckdb.DuckDBPyConnection, action: str, detail: dict[str, Any], at: datetime | None = None
) -> LogEntry:
    """Append one entry; runs inside the caller's transaction when there is one."""
    at = (at or datetime.now()).replace(tzinfo=None)
    rows = conn.execute("SELECT seq, hash FROM audit.log ORDER BY seq DESC LIMIT 1").fetchall()
    last = rows[0] if rows else None
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    h = _digest(prev, seq, at, action, text, __version__)
    conn.execute(
        "INSERT INTO audit.log VALUES ($seq, $at, $action, $detail, $ver, $prev, $hash)",
        {
            "seq": seq,
            "at": at,
            "action": action,
            "detail": text,
            "ver": __version__,
            "prev": prev,
            "hash": h,
        },
    )
    return LogEntry(seq, at, action, detail, __version__, prev, h)


LOG_COLUMNS = {
    "seq": "INTEGER",
    "logged_at": "TIMESTAMP",
    "action": "VARCHAR",
    "detail": "VARCHAR",
    "app_version": "VARCHAR",
    "prev_hash": "VARCHAR",
    "hash": "VARCHAR",
}
# Every column read as text, so an edited value or a retyped column is reported, never raised;
# in the order the entries were appended (rowid), so a renumbered entry shows where it stands.
_READ = (
    "SELECT CAST(seq AS VARCHAR), CAST(logged_at AS VARCHAR), CAST(action AS VARCHAR), "
    "CAST(detail AS VARCHAR), CAST(app_version AS VARCHAR), CAST(prev_hash AS VARCHAR), "
    "CAST(hash AS VARCHAR) FROM audit.log ORDER BY rowid"
)


def _log_columns(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = conn.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE schema_name = 'audit' AND table_name = 'log'"
    ).fetchall()
    return {str(n): str(t) for n, t in rows}


def _raw_rows(conn: duckdb.DuckDBPyConnection) -> list[tuple[str | None, ...]]:
    if set(_log_columns(conn)) < set(LOG_COLUMNS):
        return []
    return [tuple(r) for r in conn.execute(_READ).fetchall()]


def _detail(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text is not None else None
    except ValueError:
        value = None
    return value if isinstance(value, dict) else {"unreadable detail": text}


def entries(conn: duckdb.DuckDBPyConnection) -> list[LogEntry]:
    """The entries as written, read leniently: a value someone altered is shown as it is
    (``verify`` says what is wrong with it)."""
    out = []
    for i, (seq, at, action, detail, ver, prev, h) in enumerate(_raw_rows(conn), start=1):
        out.append(
            LogEntry(
                _int(seq) or i,
                _timestamp(at) or datetime.min,
                action or "",
                _detail(detail),
                ver or "",
                prev or "",
                h or "",
            )
        )
    return out


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _timestamp(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Verification:
    ok: bool
    problems: tuple[str, ...]
    head: str
    count: int
    first_bad: str = ""  # the first entry that fails (or what is wrong with the log itself)


def verify(conn: duckdb.DuckDBPyConnection) -> Verification:
    """Check the chain entry by entry; never raises on a tampered log. Finds edited, deleted,
    duplicated or reordered entries, malformed values (a seq that is not a number, a time that
    is not a time, NULLs, a detail that is not JSON), a retyped column and a dropped table."""
    columns = _log_columns(conn)
    if not columns:
        return Verification(False, ("the audit log table audit.log is missing (dropped)",),
                            GENESIS, 0, "the audit log table")  # fmt: skip
    problems: list[str] = []
    for name, kind in LOG_COLUMNS.items():
        if name not in columns:
            problems.append(f"audit.log has no column {name} (the table was altered)")
        elif columns[name] != kind:
            problems.append(
                f"audit.log column {name} is {columns[name]}, not {kind} (the table was altered)"
            )
    if any("has no column" in p for p in problems):
        return Verification(False, tuple(problems), GENESIS, 0, "the audit log table")
    rows = _raw_rows(conn)
    first_entry = ""
    prev = GENESIS
    expected_seq = 1
    for position, (seq_text, at_text, action, detail, ver, prev_hash, h) in enumerate(rows, 1):
        seq = _int(seq_text)
        name = f"entry {seq}" if seq is not None else f"entry at position {position}"
        found = _entry_problems(seq_text, at_text, action, detail, ver, prev_hash, h, prev)
        if seq is not None and seq < expected_seq:
            found.insert(0, "appears more than once, or out of order")
        elif seq is not None and seq != expected_seq:
            found.insert(0, f"entry {expected_seq} is missing before it")
        for problem in found:
            problems.append(f"{name}: {problem}")
        if found and not first_entry:
            first_entry = name
        prev = h or ""
        expected_seq = (seq if seq is not None else expected_seq) + 1
    first = first_entry or ("the audit log table" if problems else "")
    return Verification(not problems, tuple(problems), prev, len(rows), first)


def _entry_problems(
    seq_text: str | None,
    at_text: str | None,
    action: str | None,
    detail: str | None,
    ver: str | None,
    prev_hash: str | None,
    h: str | None,
    prev: str,
) -> list[str]:
    found = []
    fields = {"seq": seq_text, "logged_at": at_text, "action": action, "detail": detail,
              "app_version": ver, "prev_hash": prev_hash, "hash": h}  # fmt: skip
    empty = [k for k, v in fields.items() if v is None]
    if empty:
        found.append(f"{', '.join(empty)} empty (NULL)")
    seq, at = _int(seq_text), _timestamp(at_text)
    if seq_text is not None and seq is None:
        found.append(f"seq {seq_text!r} is not a whole number")
    if at_text is not None and at is None:
        found.append(f"logged_at {at_text!r} is not a time")
    if detail is not None and "unreadable detail" in _detail(detail):
        found.append("detail is not a JSON object")
    if prev_hash != prev:
        found.append("does not follow the entry before it (chain broken)")
    if seq is not None and at is not None and not empty:
        assert action is not None and detail is not None and ver is not None
        if _digest(str(prev_hash), seq, at, action, detail, ver) != h:
            found.append("was changed after it was written (hash mismatch)")
    return found
