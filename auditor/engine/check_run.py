"""What one run of a check produced: its status, why, its result table and the figures of its
finding rows, the same on every engine (``runner.Session`` on a case, ``spark.runner`` on
Spark). The figures come from one scan of the result, written here once for both engines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from auditor.db import q
from auditor.engine.checks import CheckSpec
from auditor.engine.coverage import TestCoverage
from auditor.engine.run_notes import RunNote, notes_text

Status = Literal["pass", "finding", "info", "not_run", "error", "cancelled"]


@dataclass(frozen=True)
class CheckRun:
    check: CheckSpec
    status: Status
    reason: str = ""
    result_table: str | None = None
    row_count: int = 0
    finding_rows: int = 0
    loans: int = 0
    borrowers: int = 0
    amount: Decimal | None = None
    duration_s: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)
    # For a check made of tests: each test, whether it ran and what it lacked when not.
    tests: tuple[TestCoverage, ...] = ()
    # ``reason`` as facts (not for an error, whose reason is the database's own message).
    notes: tuple[RunNote, ...] = ()

    def reason_in(self, lang: str) -> str:
        """``reason`` in ``lang`` ("en" or "zh"): written from ``notes`` when it has them."""
        if lang == "en" or not self.notes:
            return self.reason
        return notes_text(self.notes, lang, self.check)

    def summary(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"tests": [t.as_dict() for t in self.tests]} if self.tests else {}
        if self.notes:
            extra["notes"] = [n.as_dict() for n in self.notes]
        return {
            "id": self.check.id,
            "title": self.check.title,
            "family": self.check.family,
            "severity": self.check.severity,
            "status": self.status,
            "reason": self.reason,
            "rows": self.row_count,
            "finding_rows": self.finding_rows,
            "loans": self.loans,
            "borrowers": self.borrowers,
            "amount": str(self.amount) if self.amount is not None else None,
            "duration_s": round(self.duration_s, 3),
            "params": self.params,
            **extra,
        }


def finding_counts_sql(check: CheckSpec, table: str) -> str:
    """One scan of a result ``table``: its rows, then the finding rows, their distinct loans
    and borrowers, and the amount (the finding rule says which rows and columns)."""
    rule = check.finding
    if rule.rows == "none":
        return f"SELECT count(*) FROM {table}"
    where = "TRUE" if rule.rows == "all" else f"COALESCE({q(rule.rows)}, FALSE)"
    parts = [
        "count(*)",
        f"count(*) FILTER (WHERE {where})",
        f"count(DISTINCT {q(rule.loan)}) FILTER (WHERE {where})" if rule.loan else "0",
        f"count(DISTINCT {q(rule.borrower)}) FILTER (WHERE {where})" if rule.borrower else "0",
        f"sum({q(rule.amount)}) FILTER (WHERE {where})" if rule.amount else "NULL",
    ]
    return f"SELECT {', '.join(parts)} FROM {table}"


def finding_figures(
    check: CheckSpec, got: Sequence[Any]
) -> tuple[int, int, int, int, Decimal | None]:
    """The row of ``finding_counts_sql`` as (rows, finding rows, loans, borrowers, amount)."""
    if check.finding.rows == "none":
        return int(got[0]), 0, 0, 0, None
    amount = (
        Decimal(str(got[4]))
        if got[4] is not None
        else (Decimal(0) if check.finding.amount else None)
    )
    return int(got[0]), int(got[1]), int(got[2]), int(got[3]), amount
