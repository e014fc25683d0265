"""The base layer: derived tables every check stands on, built from the canonical tables.

Schema ``base`` of the case holds, for one as-of date:

- ``installment_status``: per installment the amount due, when it was cleared (from the
  payments when they were imported, else from the installments' own paid columns), and its days
  past due at as-of, current and ever;
- ``loan_snapshot``: per loan disbursed by as-of, outstanding principal, DPD and ever-DPD;
- ``month_end``: the same per loan at every month end from the first disbursement to as-of.

Conventions (DOMAIN.md): an installment is cleared when the money paid against it reaches the
amount due less ``amt_tolerance``, on the value date of that payment. DPD at a date is 0 when
the installment is not yet due or is cleared by then, else the days since the due date, so
paid on the due date is DPD 0 and paid the next day is ever-DPD 1. Loan DPD is the maximum over
its installments. The layer is rebuilt when as-of, the tolerance or the imported data change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal

import duckdb

from auditor import db
from auditor.case import auditlog

BASE_TABLES = ("installment_status", "loan_snapshot", "month_end")
NEEDS = {
    "loans": ("loan_id", "borrower_id", "disbursed_at", "contract_principal"),
    "installments": ("loan_id", "inst_no", "due_date", "principal_due"),
}


# The columns a table has (empty when the table is absent). The SQL below is written once and
# run by DuckDB on a case, or transpiled for Spark, which answers this from its own tables.
Columns = Callable[[str], set[str]]
# Where the default as-of comes from, in order: the latest attempt, payment, or due date so far.
AS_OF_SOURCES = (
    ("repayment_attempts", "max(CAST(attempt_at AS DATE))"),
    ("payments", "max(value_date)"),
    ("installments", "max(due_date) FILTER (WHERE due_date <= current_date)"),
)


@dataclass(frozen=True)
class BaseState:
    as_of: str
    amt_tolerance: str
    clearing: str  # "payments" or "installments"
    data_version: int  # the newest source id when built


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Columns of ``table`` (in ``main``) or ``schema.table``; empty when it does not exist."""
    schema, _, name = table.rpartition(".")
    rows = conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t "
        "AND database_name = current_database()",
        {"s": schema or "main", "t": name},
    ).fetchall()
    return {r[0] for r in rows}


def columns_of(source: duckdb.DuckDBPyConnection | Columns) -> Columns:
    if isinstance(source, duckdb.DuckDBPyConnection):
        conn = source
        return lambda table: table_columns(conn, table)
    return source


def default_as_of(conn: duckdb.DuckDBPyConnection) -> dt.date:
    """The latest day with repayment activity: attempts, else payments, else the last due date
    before today, else today."""
    for table, expr in AS_OF_SOURCES:
        if table_columns(conn, table):
            value = db.scalar(conn, f"SELECT {expr} FROM {table}")
            if value is not None:
                return value
    return dt.date.today()


def base_available(source: duckdb.DuckDBPyConnection | Columns) -> bool:
    columns = columns_of(source)
    return all(set(cols) <= columns(t) for t, cols in NEEDS.items())


def clearing_source(source: duckdb.DuckDBPyConnection | Columns) -> str:
    cols = columns_of(source)("payments")
    return "payments" if {"loan_id", "inst_no", "value_date", "amount"} <= cols else "installments"


def installment_status_sql(source: duckdb.DuckDBPyConnection | Columns, clearing: str) -> str:
    columns = columns_of(source)
    icols = columns("installments")

    def opt(col: str) -> str:
        return f"COALESCE(i.{col}, 0)" if col in icols else "0"

    due = (
        f"SELECT i.loan_id, i.inst_no, i.due_date, {opt('grace_days')} AS grace_days, "
        f"i.principal_due, i.principal_due + {opt('interest_due')} + {opt('fee_due')} "
        "AS amount_due FROM installments i"
    )
    if clearing == "payments":
        pcols = columns("payments")
        alloc = (
            "COALESCE(p.alloc_principal + COALESCE(p.alloc_interest, 0) + "
            "COALESCE(p.alloc_fee, 0), p.amount)"
            if "alloc_principal" in pcols
            else "p.amount"
        )
        cleared = f"""
          cum AS (SELECT p.loan_id, p.inst_no, p.value_date,
                         sum({alloc}) OVER (PARTITION BY p.loan_id, p.inst_no ORDER BY p.value_date
                                            ROWS UNBOUNDED PRECEDING) AS cum_paid
                  FROM payments p WHERE p.inst_no IS NOT NULL),
          cleared AS (SELECT d.loan_id, d.inst_no, min(c.value_date) AS cleared_date
                      FROM due d JOIN cum c USING (loan_id, inst_no)
                      WHERE c.cum_paid >= d.amount_due - $tol GROUP BY ALL)"""
    else:
        paid_sum = " + ".join(
            f"COALESCE(i.{c}, 0)"
            for c in ("paid_principal", "paid_interest", "paid_fee")
            if c in icols
        )
        enough = f"({paid_sum}) >= d.amount_due - $tol" if paid_sum else "TRUE"
        has_paid = "paid_date" in icols
        paid_date = "i.paid_date" if has_paid else "CAST(NULL AS DATE)"
        paid_cond = "i.paid_date IS NOT NULL" if has_paid else "FALSE"
        cleared = f"""
          cleared AS (SELECT d.loan_id, d.inst_no, {paid_date} AS cleared_date
                      FROM due d JOIN installments i USING (loan_id, inst_no)
                      WHERE {paid_cond} AND {enough})"""
    return f"""
      WITH due AS ({due}),{cleared}
      SELECT d.*, c.cleared_date,
        CASE WHEN d.due_date >= $as_of OR c.cleared_date <= $as_of THEN 0
             ELSE date_diff('day', d.due_date, $as_of) END AS dpd,
        CASE WHEN d.due_date >= $as_of THEN 0
             WHEN c.cleared_date <= $as_of THEN greatest(date_diff('day', d.due_date,
                                                                   c.cleared_date), 0)
             ELSE date_diff('day', d.due_date, $as_of) END AS dpd_ever
      FROM due d LEFT JOIN cleared c USING (loan_id, inst_no)"""


def _loan_cols(source: duckdb.DuckDBPyConnection | Columns) -> str:
    have = columns_of(source)("loans")
    wanted = (
        "product_id",
        "lender_type",
        "funding_source",
        "channel",
        "region",
        "repayment_type",
        "term_periods",
        "risk_class",
        "charged_off_at",
        "closed_at",
        "pool_id",
        "contract_rate_annual",
    )
    from auditor.case.schema import TABLES

    out = []
    for c in wanted:
        typ = TABLES["loans"].column(c).sql_type
        out.append(f"l.{c}" if c in have else f"CAST(NULL AS {typ}) AS {c}")
    return ", ".join(out)


def loan_snapshot_sql(source: duckdb.DuckDBPyConnection | Columns) -> str:
    return f"""
      WITH per_loan AS (
        SELECT loan_id,
               sum(principal_due) FILTER (WHERE cleared_date <= $as_of) AS repaid,
               max(dpd) AS dpd, max(dpd_ever) AS dpd_ever
        FROM base.installment_status GROUP BY loan_id)
      SELECT l.loan_id, l.borrower_id, {_loan_cols(source)}, l.contract_principal,
        l.disbursed_at,
        l.contract_principal - COALESCE(s.repaid, 0) AS outstanding,
        COALESCE(s.dpd, 0) AS dpd, COALESCE(s.dpd_ever, 0) AS dpd_ever,
        COALESCE(l.charged_off_at <= $as_of, FALSE) AS charged_off
      FROM loans l LEFT JOIN per_loan s USING (loan_id)
      WHERE CAST(l.disbursed_at AS DATE) <= $as_of"""


MONTH_END_SQL = """
  WITH months AS (
    SELECT CAST(last_day(CAST(d AS DATE)) AS DATE) AS month_end
    FROM range(CAST(date_trunc('month', (SELECT min(disbursed_at) FROM loans)) AS TIMESTAMP),
               CAST($as_of AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(d)
    WHERE last_day(CAST(d AS DATE)) <= $as_of),
  per_loan AS (
    SELECT m.month_end, s.loan_id,
      sum(s.principal_due) FILTER (WHERE s.cleared_date <= m.month_end) AS repaid,
      max(CASE WHEN s.due_date < m.month_end AND (s.cleared_date IS NULL
                 OR s.cleared_date > m.month_end)
               THEN date_diff('day', s.due_date, m.month_end) END) AS dpd,
      max(CASE WHEN s.due_date < m.month_end THEN
            CASE WHEN s.cleared_date <= m.month_end
                 THEN greatest(date_diff('day', s.due_date, s.cleared_date), 0)
                 ELSE date_diff('day', s.due_date, m.month_end) END END) AS dpd_ever
    FROM months m JOIN base.installment_status s
      ON s.due_date < m.month_end OR s.cleared_date <= m.month_end
    GROUP BY ALL)
  SELECT m.month_end, l.loan_id, l.funding_source, l.product_id, l.contract_principal,
    CAST(date_trunc('month', l.disbursed_at) AS DATE) AS vintage,
    date_diff('month', CAST(date_trunc('month', l.disbursed_at) AS DATE), m.month_end) AS mob,
    l.contract_principal - COALESCE(p.repaid, 0) AS outstanding,
    COALESCE(p.dpd, 0) AS dpd, COALESCE(p.dpd_ever, 0) AS dpd_ever,
    COALESCE(l.charged_off_at <= m.month_end, FALSE) AS charged_off
  FROM months m
  JOIN base.loan_snapshot l ON CAST(l.disbursed_at AS DATE) <= m.month_end
  LEFT JOIN per_loan p ON p.month_end = m.month_end AND p.loan_id = l.loan_id"""


def _current_state(conn: duckdb.DuckDBPyConnection) -> BaseState | None:
    raw = db.scalar(conn, "SELECT value FROM audit.meta WHERE key = 'base_state'")
    return BaseState(**json.loads(raw)) if raw else None


def ensure_base(
    conn: duckdb.DuckDBPyConnection, as_of: dt.date, amt_tolerance: Decimal = Decimal(0)
) -> BaseState:
    """Build the base layer for ``as_of`` unless it is already built for it and this data."""
    if not base_available(conn):
        missing = [
            f"{t}.{c}" for t, cols in NEEDS.items() for c in cols if c not in table_columns(conn, t)
        ]
        raise LookupError("the base layer needs " + ", ".join(missing))
    state = BaseState(
        as_of.isoformat(),
        str(amt_tolerance),
        clearing_source(conn),
        db.count(conn, "SELECT coalesce(max(source_id), 0) FROM audit.sources"),
    )
    if (
        _current_state(conn) == state
        # The three tables this builds, by name: the schema also holds APR, the outage
        # linkage and the optional tables, and counting those made every check rebuild it.
        and db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'base' "
            "AND table_name IN ('installment_status', 'loan_snapshot', 'month_end')",
        )
        == 3
    ):
        return state
    params = {"as_of": as_of, "tol": amt_tolerance}
    conn.execute("BEGIN")
    try:
        conn.execute("CREATE SCHEMA IF NOT EXISTS base")
        conn.execute(
            "CREATE OR REPLACE TABLE base.installment_status AS "
            + installment_status_sql(conn, state.clearing),
            params,
        )
        conn.execute(
            "CREATE OR REPLACE TABLE base.loan_snapshot AS " + loan_snapshot_sql(conn),
            {"as_of": as_of},
        )
        conn.execute("CREATE OR REPLACE TABLE base.month_end AS " + MONTH_END_SQL, {"as_of": as_of})
        conn.execute(
            "INSERT OR REPLACE INTO audit.meta VALUES ('base_state', $s)",
            {"s": json.dumps(asdict(state))},
        )
        auditlog.append(conn, "base_built", asdict(state))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return state
