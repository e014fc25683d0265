"""Small helpers over a DuckDB connection.

DuckDB 2 refuses new work on a connection while an ``execute`` result is only partly fetched
("connection has an unfinished result"), so single values are read with ``fetchall``, which
always finishes the result.
"""

from __future__ import annotations

from typing import Any

import duckdb


def one(conn: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> tuple[Any, ...] | None:
    """The first row of a query (the result is consumed whole), or None when it has none."""
    rows = (
        conn.execute(sql, params).fetchall() if params is not None else conn.execute(sql).fetchall()
    )
    return rows[0] if rows else None


def scalar(conn: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> Any:
    row = one(conn, sql, params)
    return row[0] if row else None


def count(conn: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> int:
    value = scalar(conn, sql, params)
    return int(value) if value is not None else 0


def q(name: str) -> str:
    """Quote an identifier for DuckDB."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A SQL string literal (only for text the app itself controls, never for user values)."""
    return "'" + text.replace("'", "''") + "'"


RESULTS_SCHEMA = "results"


def table_ref(name: str) -> str:
    """A quoted reference to ``name`` or ``schema.name`` (each part quoted)."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in name.split(".", 1))


def result_table(name: str) -> str:
    """Where a check's (or a query's) result rows are kept: a table in the case's ``results``
    schema, so that any cursor on the case can page through it while another runs a check."""
    return f"{RESULTS_SCHEMA}.{name}"
