"""Comparing two exports of one platform: rows added, removed and changed, table by table.

Two cases (the older export's case attached read-only to the newer one), or two tables of one
case (an older import kept beside the current table). Rows are matched by the canonical table's
key; values are compared column by column with ``IS DISTINCT FROM`` after casting both sides to
the canonical type. Only what lies in the period both exports cover counts: a row dated after
the older export ended is new data, not a rewritten past (those rows are counted, not listed).

The differences are written into the newer case, schema ``history``, so that checks can read
them like any table (the ``HIS-`` family in ``queries/history``) and the report and the desktop
show them:

- ``history.runs``: the comparison (both sides, their fingerprints, the common period);
- ``history.summary``: per table, rows on each side, added, removed, changed, and out of period;
- ``history.changes``: one row per changed value: table, loan, record key, column, old and new;
- ``history.<table>_removed`` and ``history.<table>_added``: whole rows, typed as the table is;
- ``history.differences``: all of the above in one list.

Each row also carries both sides' source fingerprints (SHA-256 of the files the table came
from). A new comparison replaces the previous one in the case.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.case.schema import TABLES, Table
from auditor.db import lit, q
from auditor.results.compare_sides import (
    DATE_COLUMN,
    CompareError,
    Side,
    common_period,
    export_period,
    fingerprints,
    side_columns,
    table_period,
    tables_in,
)

SCHEMA = "history"
OLD_ALIAS = "compare_old"


@dataclass(frozen=True)
class TableDiff:
    table: str
    old_rows: int
    new_rows: int
    added: int
    removed: int
    changed_rows: int
    changed_values: int
    outside_period: int


@dataclass(frozen=True)
class Comparison:
    old: str
    new: str
    period_start: dt.date
    period_end: dt.date
    tables: tuple[TableDiff, ...]
    skipped: tuple[str, ...]
    seconds: float

    @property
    def differences(self) -> int:
        return sum(t.added + t.removed + t.changed_rows for t in self.tables)


def _side_select(table: Table, side: Side, have: set[str]) -> str:
    cols = ", ".join(
        f"TRY_CAST({q(c.name)} AS {c.sql_type}) AS {q(c.name)}"
        if c.name in have
        else f"CAST(NULL AS {c.sql_type}) AS {q(c.name)}"
        for c in table.columns
    )
    return f"SELECT {cols} FROM {side.ref(table.name)}"


def _diff_table(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    old: Side,
    new: Side,
    start: dt.date,
    end: dt.date,
) -> TableDiff:
    t = table.name
    o_cols, n_cols = side_columns(conn, old, t), side_columns(conn, new, t)
    compared = [c.name for c in table.columns if c.name in o_cols and c.name in n_cols]
    keys = list(table.key)
    values = [c for c in compared if c not in keys]
    date = DATE_COLUMN[t]
    on = " AND ".join(f"o.{q(k)} IS NOT DISTINCT FROM n.{q(k)}" for k in keys)
    in_period = (
        f"({{a}}.{q(date)} IS NULL OR CAST({{a}}.{q(date)} AS DATE) BETWEEN {lit(str(start))} "
        f"AND {lit(str(end))})"
    )
    rest = [k for k in keys if k != "loan_id"]
    record_key = (
        " || '|' || ".join(f"coalesce(CAST(o.{q(k)} AS VARCHAR), '')" for k in rest)
        if rest
        else "NULL"
    )
    loan = "o.loan_id" if "loan_id" in table.column_names else "CAST(NULL AS VARCHAR)"
    fp_old, fp_new = lit(old.fingerprints.get(t, "")), lit(new.fingerprints.get(t, ""))
    with_sides = (
        f"WITH o AS ({_side_select(table, old, o_cols)}), n AS ({_side_select(table, new, n_cols)})"
    )
    h = f"{SCHEMA}.{q(t + '_removed')}"
    conn.execute(
        f"CREATE OR REPLACE TABLE {h} AS {with_sides} SELECT o.*, "
        f"CAST(o.{q(date)} AS DATE) AS period_date, {fp_old} AS old_sources, "
        f"{fp_new} AS new_sources FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE {on}) "
        f"AND {in_period.format(a='o')}"
    )
    h_add = f"{SCHEMA}.{q(t + '_added')}"
    conn.execute(
        f"CREATE OR REPLACE TABLE {h_add} AS {with_sides} SELECT n.*, "
        f"CAST(n.{q(date)} AS DATE) AS period_date, {fp_old} AS old_sources, "
        f"{fp_new} AS new_sources FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE {on}) "
        f"AND {in_period.format(a='n')}"
    )
    outside = db.count(
        conn,
        f"{with_sides} SELECT (SELECT count(*) FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE "
        f"{on}) AND NOT {in_period.format(a='o')}) + (SELECT count(*) FROM n WHERE NOT EXISTS "
        f"(SELECT 1 FROM o WHERE {on}) AND NOT {in_period.format(a='n')})",
    )
    if values:
        # One join: the matched rows with any difference, then one select per column over
        # those few rows (not a join per column).
        differs = " OR ".join(f"o.{q(c)} IS DISTINCT FROM n.{q(c)}" for c in values)
        sides = ", ".join(f"o.{q(c)} AS {q('o:' + c)}, n.{q(c)} AS {q('n:' + c)}" for c in values)
        joined = (
            f"j AS MATERIALIZED (SELECT {loan} AS loan_id, {record_key} AS record_key, "
            f"CAST(o.{q(date)} AS DATE) AS period_date, {sides} FROM o JOIN n ON {on} "
            f"WHERE ({differs}) AND {in_period.format(a='o')})"
        )
        per_column = " UNION ALL ".join(
            f"SELECT {lit(t)} AS table_name, loan_id, record_key, {lit(c)} AS column_name, "
            f"CAST({q('o:' + c)} AS VARCHAR) AS old_value, "
            f"CAST({q('n:' + c)} AS VARCHAR) AS new_value, period_date, "
            f"{fp_old} AS old_sources, {fp_new} AS new_sources FROM j "
            f"WHERE {q('o:' + c)} IS DISTINCT FROM {q('n:' + c)}"
            for c in values
        )
        conn.execute(f"INSERT INTO {SCHEMA}.changes {with_sides}, {joined} {per_column}")
    got = db.one(
        conn,
        f"SELECT count(*), count(DISTINCT (loan_id, record_key)) FROM {SCHEMA}.changes "
        "WHERE table_name = $t",
        {"t": t},
    )
    assert got is not None
    return TableDiff(
        t,
        db.count(conn, f"SELECT count(*) FROM {old.ref(t)}"),
        db.count(conn, f"SELECT count(*) FROM {new.ref(t)}"),
        db.count(conn, f"SELECT count(*) FROM {h_add}"),
        db.count(conn, f"SELECT count(*) FROM {h}"),
        int(got[1]),
        int(got[0]),
        outside,
    )


CHANGES_DDL = f"""CREATE OR REPLACE TABLE {SCHEMA}.changes (
  table_name VARCHAR, loan_id VARCHAR, record_key VARCHAR, column_name VARCHAR,
  old_value VARCHAR, new_value VARCHAR, period_date DATE, old_sources VARCHAR,
  new_sources VARCHAR)"""


def _empty_side_tables(conn: duckdb.DuckDBPyConnection, table: Table) -> None:
    """A table not compared still gets its (empty) history tables, so every HIS check can
    run after any comparison and say there is nothing."""
    for part in ("removed", "added"):
        name = f"{SCHEMA}.{q(table.name + '_' + part)}"
        cols = ", ".join(f"{q(c.name)} {c.sql_type}" for c in table.columns)
        conn.execute(
            f"CREATE OR REPLACE TABLE {name} ({cols}, period_date DATE, old_sources VARCHAR, "
            "new_sources VARCHAR)"
        )


def _differences_view(conn: duckdb.DuckDBPyConnection) -> None:
    parts = [
        "SELECT table_name, 'changed' AS change, loan_id, record_key, column_name, old_value, "
        f"new_value, period_date, old_sources, new_sources FROM {SCHEMA}.changes"
    ]
    for t, table in TABLES.items():
        rest = [k for k in table.key if k != "loan_id"]
        rk = " || '|' || ".join(f"coalesce(CAST({q(k)} AS VARCHAR), '')" for k in rest) or "NULL"
        loan = "loan_id" if "loan_id" in table.column_names else "CAST(NULL AS VARCHAR)"
        for part, old, new in (
            ("removed", "'present'", "'absent'"),
            ("added", "'absent'", "'present'"),
        ):
            parts.append(
                f"SELECT {lit(t)}, {lit(part)}, {loan}, {rk}, NULL, {old}, {new}, period_date, "
                f"old_sources, new_sources FROM {SCHEMA}.{q(t + '_' + part)}"
            )
    conn.execute(  # a table, not a view: the desktop grid pages it by rowid
        f"CREATE OR REPLACE TABLE {SCHEMA}.differences AS SELECT * FROM ("
        + " UNION ALL ".join(parts)
        + ") ORDER BY table_name, change, loan_id NULLS FIRST, record_key, column_name"
    )


def _run(
    conn: duckdb.DuckDBPyConnection,
    old: Side,
    new: Side,
    period: tuple[dt.date, dt.date],
    detail: dict[str, Any],
) -> Comparison:
    started = time.perf_counter()
    start, end = period
    common = [t for t in TABLES if t in old.tables and t in new.tables]
    skipped = tuple(t for t in TABLES if (t in old.tables) != (t in new.tables))
    conn.execute("BEGIN")
    try:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        conn.execute(CHANGES_DDL)
        diffs = []
        for t, table in TABLES.items():
            _empty_side_tables(conn, table)
            if t in common:
                diffs.append(_diff_table(conn, table, old, new, start, end))
        _differences_view(conn)
        conn.execute(
            f"CREATE OR REPLACE TABLE {SCHEMA}.summary AS SELECT * FROM (VALUES "
            + ", ".join(
                f"({lit(d.table)}, {d.old_rows}, {d.new_rows}, {d.added}, {d.removed}, "
                f"{d.changed_rows}, {d.changed_values}, {d.outside_period})"
                for d in diffs
            )
            + ") AS s(table_name, old_rows, new_rows, added, removed, changed_rows, "
            "changed_values, outside_period)"
            if diffs
            else f"CREATE OR REPLACE TABLE {SCHEMA}.summary (table_name VARCHAR, old_rows BIGINT, "
            "new_rows BIGINT, added BIGINT, removed BIGINT, changed_rows BIGINT, "
            "changed_values BIGINT, outside_period BIGINT)"
        )
        result = Comparison(
            old.label, new.label, start, end, tuple(diffs), skipped, time.perf_counter() - started
        )
        record = {
            **detail,
            "old": old.label,
            "new": new.label,
            "old_fingerprints": old.fingerprints,
            "new_fingerprints": new.fingerprints,
            "period_start": str(start),
            "period_end": str(end),
            "tables": {
                d.table: {
                    "added": d.added,
                    "removed": d.removed,
                    "changed_rows": d.changed_rows,
                    "changed_values": d.changed_values,
                    "outside_period": d.outside_period,
                }
                for d in diffs
            },
            "skipped": list(skipped),
        }
        conn.execute(
            f"CREATE OR REPLACE TABLE {SCHEMA}.runs AS SELECT now()::TIMESTAMP AS compared_at, "
            "$old AS old_export, $new AS new_export, $start AS period_start, $end AS period_end, "
            "$detail AS detail",
            {
                "old": old.label,
                "new": new.label,
                "start": start,
                "end": end,
                "detail": json.dumps(record, ensure_ascii=False, default=str),
            },
        )
        auditlog.append(conn, "compare", record)
        conn.execute("COMMIT")
    except duckdb.Error as e:
        conn.execute("ROLLBACK")
        raise CompareError(
            f"the comparison failed, the case is as it was: {str(e).splitlines()[0]}"
        ) from e
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return result


def compare_cases(conn: duckdb.DuckDBPyConnection, old_path: Path, new_label: str) -> Comparison:
    """Compare the case at ``old_path`` (attached read-only) with the case of ``conn``."""
    if not old_path.is_file():
        raise CompareError(f"no case database at {old_path}")
    try:
        conn.execute(f"ATTACH {lit(str(old_path))} AS {OLD_ALIAS} (READ_ONLY)")
    except duckdb.Error as e:
        raise CompareError(f"cannot open {old_path} read-only: {str(e).splitlines()[0]}") from e
    try:
        old_tables = tables_in(conn, OLD_ALIAS)
        has_meta = db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = $d "
            "AND schema_name = 'audit' AND table_name = 'sources'",
            {"d": OLD_ALIAS},
        )
        if not has_meta:
            raise CompareError(f"{old_path} is not a case database (no record of its sources)")
        new_tables = tables_in(conn, "")
        old = Side(
            str(old_path),
            OLD_ALIAS,
            {t: t for t in TABLES if t in old_tables},
            fingerprints(conn, OLD_ALIAS),
        )
        new = Side(new_label, "", {t: t for t in TABLES if t in new_tables}, fingerprints(conn, ""))
        if not set(old.tables) & set(new.tables):
            raise CompareError(f"{old_path} and {new_label} have no canonical table in common")
        o_start, o_end = export_period(conn, old)
        n_start, n_end = export_period(conn, new)
        period = common_period(o_start, o_end, n_start, n_end)
        return _run(conn, old, new, period, {"mode": "two cases"})
    finally:
        conn.execute(f"DETACH {OLD_ALIAS}")


def compare_tables(
    conn: duckdb.DuckDBPyConnection, old_table: str, new_table: str, canonical: str
) -> Comparison:
    """Compare two tables of one case holding two imports of the canonical table
    ``canonical`` (columns matched by canonical name). The period is the older import's own
    date range."""
    if canonical not in TABLES:
        raise CompareError(f"{canonical!r} is not a canonical table; tables: {', '.join(TABLES)}")
    have = tables_in(conn, "")
    for name in (old_table, new_table):
        if name not in have:
            raise CompareError(f"the case has no table {name!r}")
    prints = fingerprints(conn, "")
    old = Side(old_table, "", {canonical: old_table}, {canonical: prints.get(old_table, "")})
    new = Side(new_table, "", {canonical: new_table}, {canonical: prints.get(new_table, "")})
    key_missing = [
        k
        for k in TABLES[canonical].key
        for side in (old, new)
        if k not in side_columns(conn, side, canonical)
    ]
    if key_missing:
        raise CompareError(
            f"{old_table} and {new_table} must both hold the key of {canonical} "
            f"({', '.join(TABLES[canonical].key)}); missing: {', '.join(sorted(set(key_missing)))}"
        )
    start, end = table_period(conn, old, canonical)
    if start is None:
        raise CompareError(f"{old_table} has no dated rows ({DATE_COLUMN[canonical]})")
    return _run(conn, old, new, (start, end), {"mode": "one case", "table": canonical})
