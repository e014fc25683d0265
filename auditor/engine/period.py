"""The review period: from a start date to the as-of date, and the span of the data it must fit.

An inspection covers a period. Event checks (installments due, attempts, incidents, reports,
notices, charges) count the events whose date falls inside ``[from_date, as_of]``; stock
measures (buckets, balances) are taken at as-of and do not depend on the start. The start
defaults to the first day with data, so a run that names no period covers everything.

Dates far outside the data are refused rather than run: an as-of of 2999-12-31 (a typo) would
build monthly snapshots for ten centuries. The data's span is read from the event columns of
the canonical tables; a date may lie up to ``MARGIN_DAYS`` outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from auditor import db
from auditor.db import q
from auditor.engine.base import table_columns
from auditor.engine.params import ParamError

# The date of each kind of event in the canonical tables (DOMAIN.md).
EVENT_DATES: tuple[tuple[str, str], ...] = (
    ("loans", "disbursed_at"),
    ("installments", "due_date"),
    ("payments", "value_date"),
    ("repayment_attempts", "attempt_at"),
    ("incidents", "start_at"),
    ("charges", "assessed_at"),
    ("bureau_reports", "submitted_at"),
    ("notices", "sent_at"),
    ("reported_metrics", "period_end"),
    ("disputes", "received_at"),
)
MARGIN_DAYS = 366


@dataclass(frozen=True)
class DataSpan:
    first: dt.date
    last: dt.date

    def describe(self) -> str:
        return f"the data runs from {self.first} to {self.last}"


def data_span(conn: duckdb.DuckDBPyConnection) -> DataSpan | None:
    """The first and last day of any event in the case, or None for a case with no events."""
    parts = [
        f"SELECT CAST(min({q(c)}) AS DATE) AS lo, CAST(max({q(c)}) AS DATE) AS hi FROM {q(t)}"
        for t, c in EVENT_DATES
        if c in table_columns(conn, t)
    ]
    if not parts:
        return None
    row = db.one(conn, f"SELECT min(lo), max(hi) FROM ({' UNION ALL '.join(parts)})")
    if row is None or row[0] is None:
        return None
    return DataSpan(row[0], row[1])


def default_from_date(conn: duckdb.DuckDBPyConnection, as_of: dt.date) -> dt.date:
    """The first day with data (never after as-of)."""
    span = data_span(conn)
    return min(span.first, as_of) if span is not None else as_of


class PeriodError(ParamError):
    """A period refused, with what it was refused for (``kind`` and ``facts``, dates as ISO
    text), so that the refusal can be said in another language."""

    def __init__(self, message: str, kind: str, **facts: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.facts = facts


def check_period(span: DataSpan | None, from_date: dt.date | None, as_of: dt.date | None) -> None:
    """Refuse a period that ends before it starts, or dates far outside the data."""
    if from_date is not None and as_of is not None and from_date > as_of:
        raise PeriodError(
            f"the review period starts ({from_date}) after its as-of date ({as_of})",
            "period_reversed",
            from_date=str(from_date),
            as_of=str(as_of),
        )
    if span is None:
        return
    low = span.first - dt.timedelta(days=MARGIN_DAYS)
    high = span.last + dt.timedelta(days=MARGIN_DAYS)
    for name, value in (("as-of date", as_of), ("period start", from_date)):
        if value is not None and not low <= value <= high:
            raise PeriodError(
                f"the {name} {value} is far outside the data ({span.describe()}); "
                f"choose a date between {low} and {high}",
                "period_far",
                name="as_of" if name == "as-of date" else "from_date",
                value=str(value),
                first=str(span.first),
                last=str(span.last),
                low=str(low),
                high=str(high),
            )
