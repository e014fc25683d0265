"""Canonical tables a check can read whether or not the examiner imported them.

A platform may send no refunds or disputes export. A check that asks, say, "was this duplicate
debit refunded?" must still run: without a refunds export the answer is "no refund on record",
which is itself what the examiner reports. The check reads ``base.refunds``; this module makes
that a view of the imported table when there is one, and an empty table of the canonical
columns when there is not. It is a view, so a later import is seen at once.

The same views let a check made of independent tests (``[tests.<name>]``) bind on a case that
lacks a table only some of its tests read: those tests are skipped (their gates are false) and
the view of the missing table is simply empty. Any canonical table can be read this way, except
``notices``, whose ``base.notices`` adds the time a notice counts (``auditor.engine.notices``).
"""

from __future__ import annotations

import re

import duckdb

from auditor.case.schema import TABLES
from auditor.db import q
from auditor.engine.base import table_columns

OPTIONAL_TABLES = tuple(t for t in TABLES if t != "notices")


def optional_tables_in(sql: str) -> list[str]:
    """The canonical tables ``sql`` reads as ``base.<table>``."""
    return [t for t in OPTIONAL_TABLES if re.search(rf"\bbase\.{t}\b", sql)]


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
