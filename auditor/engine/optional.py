"""Optional canonical tables a check can read whether or not the examiner imported them.

A platform may send no refunds or disputes export. A check that asks, say, "was this duplicate
debit refunded?" must still run: without a refunds export the answer is "no refund on record",
which is itself what the examiner reports. The check reads ``base.refunds``; this module makes
that a view of the imported table when there is one, and an empty table of the canonical
columns when there is not. It is a view, so a later import is seen at once.
"""

from __future__ import annotations

import duckdb

from auditor.case.schema import TABLES
from auditor.db import q
from auditor.engine.base import table_columns

OPTIONAL_TABLES = ("refunds", "disputes")


def optional_tables_in(sql: str) -> list[str]:
    return [t for t in OPTIONAL_TABLES if f"base.{t}" in sql]


def optional_sql(name: str, have: set[str]) -> str:
    """The canonical columns of ``name`` from the imported table (``have``: its columns), or no
    rows at all when nothing was imported."""
    cols = ", ".join(
        (q(c.name) if c.name in have else f"CAST(NULL AS {c.sql_type})") + f" AS {q(c.name)}"
        for c in TABLES[name].columns
    )
    source = f"FROM main.{q(name)}" if have else "WHERE FALSE"
    return f"SELECT {cols} {source}"


def ensure_optional(conn: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, bool]:
    """Create ``base.<name>`` for each name; returns which were imported (True) or empty."""
    conn.execute("CREATE SCHEMA IF NOT EXISTS base")
    present: dict[str, bool] = {}
    for name in names:
        have = table_columns(conn, name)
        conn.execute(f"CREATE OR REPLACE VIEW base.{q(name)} AS {optional_sql(name, have)}")
        present[name] = bool(have)
    return present
