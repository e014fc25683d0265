"""The outage linkage of DOMAIN.md as base tables: which failures were the platform's, and whom
they harmed.

``base.outage_attempts``: failed attempts that are outage-linked: failed for a technical reason
(``base.failure_reasons``), or inside an incident window widened by ``incident_buffer_min`` and
not failed for a borrower-side reason (domain-rules 7.2: an insufficient-funds failure is the
borrower's even during an outage). Each keeps the incident whose window holds it, and when the
disruption ended (the incident's end, or the attempt itself for an unlogged technical failure).

``base.outage_installments``: installments with an outage-linked failed attempt from the day
before the due date to the end of grace; ``harmed`` when the installment was then cleared late
but within ``remedy_days`` after the disruption ended: the borrower paid as soon as the
platform worked, yet the installment went overdue.

Every join on time is a pure range join (no equality beside it), which DuckDB runs as a fast
inequality join; the installment match is an equality join with the window as a filter.
"""

from __future__ import annotations

import json

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.engine.reasons import ensure_failure_reasons

ATTEMPTS_SQL = """
CREATE OR REPLACE TABLE base.outage_attempts AS
WITH failed AS (
  SELECT a.attempt_id, a.loan_id, a.inst_no, a.attempt_at, a.initiated_by, a.channel,
         a.failure_reason, r.category
  FROM repayment_attempts a
  LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
  WHERE a.status = 'failed'),
windows AS (
  SELECT incident_id, kind, end_at,
         start_at - to_minutes(CAST($buffer AS BIGINT)) AS lo,
         end_at + to_minutes(CAST($buffer AS BIGINT)) AS hi
  FROM incidents),
in_window AS (
  -- Joined on the base table itself, as OUT-01 does: so DuckDB plans an inequality join
  -- (IEJoin). Over the materialised CTE above it chose a merge join on one bound and a filter
  -- on the other, which grows with attempts x windows.
  SELECT a.attempt_id, arg_max(w.incident_id, w.end_at) AS incident_id, max(w.end_at) AS end_at
  FROM repayment_attempts a JOIN windows w ON a.attempt_at >= w.lo AND a.attempt_at <= w.hi
  WHERE a.status = 'failed'
  GROUP BY a.attempt_id)
SELECT f.*, w.incident_id, COALESCE(w.end_at, f.attempt_at) AS disruption_end
FROM failed f LEFT JOIN in_window w USING (attempt_id)
WHERE f.category = 'technical'
   OR (w.incident_id IS NOT NULL AND f.category IS DISTINCT FROM 'borrower')
"""

INSTALLMENTS_SQL = """
CREATE OR REPLACE TABLE base.outage_installments AS
WITH linked AS (
  SELECT o.loan_id, o.inst_no, o.attempt_id, o.incident_id, o.disruption_end, s.due_date,
         s.grace_days, s.cleared_date
  FROM base.outage_attempts o
  JOIN base.installment_status s ON s.loan_id = o.loan_id AND s.inst_no = o.inst_no
  WHERE CAST(o.attempt_at AS DATE) BETWEEN s.due_date - 1 AND s.due_date + s.grace_days)
SELECT loan_id, inst_no, any_value(due_date) AS due_date, any_value(grace_days) AS grace_days,
       any_value(cleared_date) AS cleared_date, count(*) AS linked_attempts,
       arg_max(incident_id, disruption_end) AS incident_id,
       max(disruption_end) AS disruption_end,
       COALESCE(any_value(cleared_date) > any_value(due_date) + any_value(grace_days)
         AND any_value(cleared_date) <= CAST(max(disruption_end) AS DATE) + $remedy, FALSE)
         AS harmed
FROM linked
GROUP BY loan_id, inst_no
"""


def ensure_outage(conn: duckdb.DuckDBPyConnection, buffer_min: int, remedy_days: int) -> None:
    """Build the outage base tables unless built for these settings and this data."""
    state = json.dumps(
        {
            "buffer": buffer_min,
            "remedy": remedy_days,
            "data": db.count(conn, "SELECT coalesce(max(source_id), 0) FROM audit.sources"),
            "base": db.scalar(conn, "SELECT value FROM audit.meta WHERE key = 'base_state'"),
        }
    )
    have = db.scalar(conn, "SELECT value FROM audit.meta WHERE key = 'outage_state'")
    if have == state:
        return
    conn.execute("BEGIN")
    try:
        ensure_failure_reasons(conn)
        conn.execute(ATTEMPTS_SQL, {"buffer": buffer_min})
        conn.execute(INSTALLMENTS_SQL, {"remedy": remedy_days})
        conn.execute("INSERT OR REPLACE INTO audit.meta VALUES ('outage_state', $s)", {"s": state})
        auditlog.append(conn, "outage_built", json.loads(state))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
