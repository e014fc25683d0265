"""The two sides of a comparison of exports: where each side's tables are, what each table and
the export as a whole cover in time, and the fingerprints of the files each table came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from auditor import db
from auditor.db import q
from auditor.errors import AuditorError

DATE_COLUMN = {
    "loans": "disbursed_at",
    "installments": "due_date",
    "payments": "value_date",
    "repayment_attempts": "attempt_at",
    "incidents": "start_at",
    "charges": "assessed_at",
    "bureau_reports": "submitted_at",
    "notices": "sent_at",
    "disclosures": "captured_at",
    "refunds": "detected_at",
    "disputes": "received_at",
    "reported_metrics": "period_end",
}
# What an export's period is measured by: its repayment activity.
ACTIVITY = (("repayment_attempts", "attempt_at"), ("payments", "value_date"))


class CompareError(AuditorError):
    title = "Compare exports"


@dataclass(frozen=True)
class Side:
    """One export: a schema-qualified prefix for its tables and how to name it."""

    label: str
    catalog: str  # "" for the case itself, else the attached database's alias
    tables: dict[str, str]  # canonical table -> table name on this side
    fingerprints: dict[str, str]  # canonical table -> SHA-256 of its sources, comma-joined

    def ref(self, table: str) -> str:
        name = self.tables[table]
        return f"{q(self.catalog)}.main.{q(name)}" if self.catalog else f"main.{q(name)}"


def tables_in(conn: duckdb.DuckDBPyConnection, catalog: str) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = $d AND schema_name = 'main'",
        {"d": catalog or db.scalar(conn, "SELECT current_database()")},
    ).fetchall()
    return {r[0] for r in rows}


def side_columns(conn: duckdb.DuckDBPyConnection, side: Side, table: str) -> set[str]:
    catalog = side.catalog or db.scalar(conn, "SELECT current_database()")
    rows = conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = $d "
        "AND schema_name = 'main' AND table_name = $t",
        {"d": catalog, "t": side.tables[table]},
    ).fetchall()
    return {r[0] for r in rows}


def fingerprints(conn: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, str]:
    prefix = f"{q(catalog)}." if catalog else ""
    rows = conn.execute(
        f"SELECT target_table, string_agg(sha256, ',' ORDER BY source_id) "
        f"FROM {prefix}audit.sources GROUP BY target_table"
    ).fetchall()
    return {str(t): str(s) for t, s in rows}


def export_period(conn: duckdb.DuckDBPyConnection, side: Side) -> tuple[Any, Any]:
    """From the earliest dated row of any table to the last day of repayment activity (or,
    without any, the last dated row). Measured by activity, the end does not move when a
    platform deletes its latest incident or charge."""
    spans = [table_period(conn, side, t) for t in side.tables if t in DATE_COLUMN]
    starts = [s for s, _e in spans if s is not None]
    ends = [e for _s, e in spans if e is not None]
    end = max(ends) if ends else None
    for table, col in ACTIVITY:
        if table in side.tables:
            got = db.scalar(conn, f"SELECT max(CAST({q(col)} AS DATE)) FROM {side.ref(table)}")
            if got is not None:
                end = got
                break
    return (min(starts) if starts else None), end


def table_period(conn: duckdb.DuckDBPyConnection, side: Side, table: str) -> tuple[Any, Any]:
    col = DATE_COLUMN[table]
    got = db.one(
        conn,
        f"SELECT min(CAST({q(col)} AS DATE)), max(CAST({q(col)} AS DATE)) FROM {side.ref(table)}",
    )
    return (got[0], got[1]) if got else (None, None)


def common_period(o_start: Any, o_end: Any, n_start: Any, n_end: Any) -> tuple[dt.date, dt.date]:
    if None in (o_start, o_end, n_start, n_end):
        raise CompareError("an export has no dated activity to tell the period it covers")
    start, end = max(o_start, n_start), min(o_end, n_end)
    if start > end:
        raise CompareError(
            f"the exports cover no common period (old {o_start}..{o_end}, new {n_start}..{n_end})"
        )
    return start, end
