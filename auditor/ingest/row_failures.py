"""Rows that fail after staging, put on record: text values holding a NUL byte, rows on which a
mapping expression or the profile's row filter fails (with DuckDB's reason and the row's source
text), and the one-line summary of a source's first reject that the import prints."""

from __future__ import annotations

import duckdb

from auditor import db
from auditor.db import q
from auditor.ingest.conversion import unmapped_name
from auditor.ingest.expr_failures import Failure
from auditor.ingest.rejects import number_rows
from auditor.ingest.staging import SourceView


def nul_values(conn: duckdb.DuckDBPyConnection, table: object, stage_name: str) -> list[Failure]:
    """Rows of a file holding NUL bytes whose text values hold one: rejected (a NUL never
    ends up inside an identifier), flagged in the stage."""
    from auditor.case.schema import Table

    assert isinstance(table, Table)
    out: list[Failure] = []
    for col in table.columns:
        if col.kind != "text" or col.enum:
            continue
        rows = conn.execute(
            f"SELECT rowid, replace({q(col.name)}, chr(0), '<NUL>') FROM {stage_name} "
            f"WHERE __ok AND contains({q(col.name)}, chr(0))"
        ).fetchall()
        why = "a NUL byte in the value (a damaged export?)"
        out += [Failure(int(r[0]), col.name, why, str(r[1])[:200]) for r in rows]
    if out:
        conn.execute(
            f"UPDATE {stage_name} SET __ok = FALSE WHERE rowid IN (SELECT unnest($r))",
            {"r": sorted({f.rid for f in out})},
        )
    return out


def record_failures(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    stage_name: str,
    failures: tuple[Failure, ...],
    source_id: int,
    label: str,
    offsets: str,
    has_offsets: bool,
) -> None:
    """Rows on which a mapping expression or the row filter failed, with DuckDB's reason."""
    if not failures:
        return
    into = f"__fail_{stage_name}"
    rids = sorted({f.rid for f in failures})
    number_rows(
        conn, view, stage_name, offsets, has_offsets, f"rowid IN (SELECT unnest({rids!r}))", into
    )
    carried = {
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = $t",
            {"t": stage_name},
        ).fetchall()
    }
    names = [unmapped_name(i) for i in range(len(view.headers))]
    if all(n in carried for n in names):
        values = "[" + ", ".join(q(n) for n in names) + "]"
        joined = f"array_to_string(list_transform({values}, lambda x: coalesce(x, '')), ' | ')"
        text = f"left({joined}, 2000)"
    else:
        text = "NULL"
    rows = {
        rid: (row, t)
        for rid, row, t in conn.execute(f"SELECT __rid, __row, {text} FROM {into}").fetchall()
    }
    records = []
    for f in failures:
        row, text_value = rows.get(f.rid, (None, None))
        by_profile = f.key.startswith(("columns.", "where"))
        why = f"the mapping's {f.key} fails on this row: {f.message}" if by_profile else f.message
        value = f.value if f.value is not None else text_value
        records.append((source_id, label, row, f.key, value, why))
    conn.executemany("INSERT INTO audit.rejects VALUES (?, ?, ?, ?, ?, ?)", records)


def first_reject(conn: duckdb.DuckDBPyConnection, source_id: int) -> str:
    row = db.one(
        conn,
        "SELECT source_row, column_name, reason FROM audit.rejects WHERE source_id = $s "
        "ORDER BY source_row NULLS LAST LIMIT 1",
        {"s": source_id},
    )
    if row is None:
        return ""
    r, c, why = row
    where = f"row {r}" + (f", column {c}" if c else "")
    return f"; first reject: {where}: {why}"
