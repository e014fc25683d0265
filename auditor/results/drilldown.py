"""Drill-down: the SQL that lists the rows behind a number in a check's result.

The harm chain (OUT-11) answers per incident and in total; each of its numbers has the query
that lists what it counts: the failed attempts in the window, the linked and harmed
installments, the harmed borrowers, the charges making up the refund due, the negative reports
still to correct. The SQL is plain and shown to the examiner, who can re-perform or adapt it;
it reads the same base tables the check read, with the check's own parameter values. Any other
result row naming a loan drills to that loan's ledger. Values are bound parameters
(``$incident``, ``$loan``, ``$buffer``), never pasted into the SQL text.
"""

from __future__ import annotations

from typing import Any

from auditor.engine.runner import CheckRun

OVERDUE_CHARGES = "('penalty_interest', 'late_fee', 'default_fee', 'failed_payment_fee')"


Drill = tuple[str, str, dict[str, Any]]  # title, SQL, bound parameters


def _harm_chain(run: CheckRun, row: dict[str, Any], column: str) -> Drill | None:
    inc = row.get("incident_id")
    every = inc in (None, "ALL")
    label = "all incidents and unlogged failures" if every else str(inc)
    params: dict[str, Any] = {} if every else {"incident": str(inc)}
    only = "" if every else " AND h.incident_id = $incident"
    harmed = f"WHERE h.harmed{only}"
    if column == "failed_in_window":
        buffer = int(run.params.get("incident_buffer_min", {}).get("value", 30))
        where = "" if every else " AND w.incident_id = $incident"
        return (
            f"Failed attempts in the window of {label}",
            "SELECT DISTINCT a.*\nFROM repayment_attempts a\nJOIN incidents w\n"
            "  ON a.attempt_at >= w.start_at - to_minutes(CAST($buffer AS BIGINT))\n"
            " AND a.attempt_at <= w.end_at + to_minutes(CAST($buffer AS BIGINT))\n"
            f"WHERE a.status = 'failed'{where}\nORDER BY a.attempt_at, a.attempt_id",
            {**params, "buffer": buffer},
        )
    if column == "linked_installments":
        where = "" if every else "WHERE h.incident_id = $incident\n"
        return (
            f"Installments with an outage-linked failure, {label}",
            f"SELECT h.*\nFROM base.outage_installments h\n{where}ORDER BY h.loan_id, h.inst_no",
            params,
        )
    if column == "harmed_installments":
        return (
            f"Harmed installments, {label}",
            "SELECT h.*, l.borrower_id\nFROM base.outage_installments h\n"
            f"LEFT JOIN loans l USING (loan_id)\n{harmed}\nORDER BY h.loan_id, h.inst_no",
            params,
        )
    if column == "harmed_borrowers":
        return (
            f"Harmed borrowers, {label}",
            "SELECT l.borrower_id, count(*) AS harmed_installments,\n"
            "       min(h.due_date) AS first_due, max(h.due_date) AS last_due\n"
            "FROM base.outage_installments h\nJOIN loans l USING (loan_id)\n"
            f"{harmed}\nGROUP BY l.borrower_id\nORDER BY l.borrower_id",
            params,
        )
    if column == "refund_due":
        return (
            f"Charges to refund, {label}",
            "SELECT h.incident_id, c.*\nFROM base.outage_installments h\n"
            "JOIN charges c ON c.loan_id = h.loan_id AND c.inst_no = h.inst_no\n"
            f"{harmed}\n  AND c.charge_type IN {OVERDUE_CHARGES}\n"
            "  AND c.waived_at IS NULL AND c.refunded_at IS NULL\n"
            "  AND CAST(c.assessed_at AS DATE) >= h.due_date\nORDER BY c.loan_id, c.charge_id",
            params,
        )
    if column == "reports_to_correct":
        return (
            f"Negative bureau reports to correct, {label}",
            "SELECT DISTINCT h.incident_id, b.*\nFROM base.outage_installments h\n"
            "JOIN bureau_reports b ON b.loan_id = h.loan_id\n"
            f"{harmed}\n  AND b.is_negative\n"
            "  AND CAST(b.submitted_at AS DATE) > h.due_date\n"
            "  AND CAST(b.submitted_at AS DATE) <= h.cleared_date + 1\n"
            "  AND NOT EXISTS (SELECT 1 FROM bureau_reports c\n"
            "                  WHERE c.supersedes_report_id = b.report_id)\n"
            "ORDER BY b.loan_id, b.report_id",
            params,
        )
    return None


def drill_sql(run: CheckRun, row: dict[str, Any], column: str) -> Drill | None:
    """(title, SQL, parameters) listing the rows behind ``row[column]``; None when the value
    has no rows behind it to list."""
    if run.check.id == "OUT-11":
        got = _harm_chain(run, row, column)
        if got is not None:
            return got
    loan = row.get("loan_id")
    if loan is not None:
        return loan_ledger(str(loan))
    return None


def loan_ledger(loan: str) -> Drill:
    """A loan's installments with their status at the as-of (the ledger)."""
    return (
        f"Ledger of loan {loan}",
        "SELECT s.*\nFROM base.installment_status s\nWHERE s.loan_id = $loan\nORDER BY s.inst_no",
        {"loan": loan},
    )
