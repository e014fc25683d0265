"""Failure-reason categories as a base table: ``base.failure_reasons(reason, category)``.

From ``resources/failure_reasons.toml``, extended (and overridden) by an extra table
``failure_reason_map(reason, category)`` the examiner imported into the case. Reasons are
compared lower-cased and trimmed.
"""

from __future__ import annotations

import duckdb

from auditor.engine.base import table_columns
from auditor.resources import load_toml

CATEGORIES = ("technical", "borrower")


def reason_rows() -> list[tuple[str, str]]:
    raw = load_toml("failure_reasons.toml")
    return [(r.strip().lower(), cat) for cat in CATEGORIES for r in raw.get(cat, [])]


def ensure_failure_reasons(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("CREATE SCHEMA IF NOT EXISTS base")
    conn.execute(
        "CREATE OR REPLACE TABLE base.failure_reasons (reason VARCHAR PRIMARY KEY, "
        "category VARCHAR NOT NULL, origin VARCHAR NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO base.failure_reasons VALUES (?, ?, 'resources')",
        [list(r) for r in reason_rows()],
    )
    if {"reason", "category"} <= table_columns(conn, "failure_reason_map"):
        conn.execute("""INSERT OR REPLACE INTO base.failure_reasons
            SELECT DISTINCT lower(trim(CAST(reason AS VARCHAR))),
                   lower(trim(CAST(category AS VARCHAR))), 'failure_reason_map'
            FROM failure_reason_map
            WHERE lower(trim(CAST(category AS VARCHAR))) IN ('technical', 'borrower')""")
