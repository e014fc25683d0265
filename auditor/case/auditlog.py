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


def entries(conn: duckdb.DuckDBPyConnection) -> list[LogEntry]:
    rows = conn.execute(
        "SELECT seq, logged_at, action, detail, app_version, prev_hash, hash FROM audit.log "
        "ORDER BY seq"
    ).fetchall()
    return [LogEntry(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]


@dataclass(frozen=True)
class Verification:
    ok: bool
    problems: tuple[str, ...]
    head: str
    count: int


def verify(conn: duckdb.DuckDBPyConnection) -> Verification:
    rows = conn.execute(
        "SELECT seq, logged_at, action, detail, app_version, prev_hash, hash FROM audit.log "
        "ORDER BY seq"
    ).fetchall()
    problems = []
    prev = GENESIS
    expected_seq = 1
    for seq, at, action, detail, ver, prev_hash, h in rows:
        if seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next entry is {seq})")
        if prev_hash != prev:
            problems.append(f"entry {seq} does not follow the entry before it (chain broken)")
        if _digest(prev_hash, seq, at, action, detail, ver) != h:
            problems.append(f"entry {seq} was changed after it was written (hash mismatch)")
        prev = h
        expected_seq = seq + 1
    return Verification(not problems, tuple(problems), prev, len(rows))
