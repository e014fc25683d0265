"""Source columns that no canonical column takes: kept beside their rows, never dropped.

A loans export with 55 columns maps a dozen onto ``loans``; the other 43 (到手金额 before an
alias knew it, 初始评级, 年龄...) stay queryable in ``unmapped.<table>_<source id>``: one row per
loaded row, keyed by source and row number and carrying the canonical key (``loan_id``), so a
query joins them back::

    SELECT l.*, u."初始评级" FROM loans l JOIN unmapped.loans_1 u USING (loan_id)

Each column is typed only when that loses nothing (the extra tables' rule).
"""

from __future__ import annotations

import duckdb

from auditor.case.schema import Table
from auditor.db import q
from auditor.ingest.conversion import unmapped_name
from auditor.ingest.extra_tables import comment_on, create_typed

SCHEMA = "unmapped"


def side_table_name(table: str, source_id: int) -> str:
    return f"{table}_{source_id}"


def keep_unmapped(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    source_id: int,
    rows: str,
    positions: tuple[int, ...],
    names: tuple[str, ...],
    file_label: str,
) -> tuple[str, dict[int, str]]:
    """Create the side table from ``rows`` (the loaded rows, numbered ``__row``); returns its
    qualified name and, per source position, the column that keeps it. ``names`` are the
    source's column names, by position."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    name = f"{SCHEMA}.{q(side_table_name(table.name, source_id))}"
    keys = [k for k in table.key]
    taken = {"source_id", "source_row", *keys}
    out_names = []
    for i in positions:
        n = names[i]
        while n.lower() in {t.lower() for t in taken}:
            n = n + "_src"
        taken.add(n)
        out_names.append(n)
    lead = ", ".join([f"{source_id} AS source_id", "__row AS source_row", *(q(k) for k in keys)])
    create_typed(
        conn,
        name,
        rows,
        tuple(unmapped_name(i) for i in positions),
        tuple(out_names),
        "TRUE",
        lead=lead,
    )
    comment_on(conn, name, f"columns of {file_label} that no column of {table.name} takes")
    return f"{SCHEMA}.{side_table_name(table.name, source_id)}", dict(
        zip(positions, out_names, strict=True)
    )
