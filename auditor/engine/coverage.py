"""What each check can run on a case, and what it lacks: the one decision that the runner (run
or "not run") and the coverage report (``auditor coverage``, the desktop panel, the report's
Coverage sheet, the data request) share, so that they can never disagree.

A check needs what its ``requires`` names, plus what the base layer it reads is built from (the
loan base from loans and installments, the outage linkage from attempts and incidents, counted
notices from notices). A check made of tests (``[tests.<name>]`` in its header) also needs at
least one test whose own inputs are there: it runs those and says which it skipped.

A table is there when it was imported and holds rows. A column is there when some row holds a
value: every canonical column exists in an imported table, so an export that never filled one
is "needs table.column", never a pass computed on NULLs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from auditor import db
from auditor.db import q
from auditor.engine.base import NEEDS as LOAN_BASE_NEEDS
from auditor.engine.base import table_columns
from auditor.engine.checks import CheckSpec

# Base tables built from loans and installments (failure_reasons needs neither).
LOAN_BASE = ("installment_status", "loan_snapshot", "month_end", "apr", "outage_")
# What each derived input of the SQL is built from, added to the check's own requires.
DERIVED_NEEDS: tuple[tuple[tuple[str, ...], dict[str, tuple[str, ...]]], ...] = (
    (tuple(f"base.{t}" for t in LOAN_BASE), dict(LOAN_BASE_NEEDS)),
    (
        ("base.outage_",),
        {
            "repayment_attempts": ("attempt_id", "loan_id", "inst_no", "attempt_at", "status"),
            "incidents": ("incident_id", "start_at", "end_at"),
        },
    ),
    (("base.notices",), {"notices": ("notice_id", "notice_type", "sent_at")}),
)
Status = Literal["runs", "partial", "not_run"]
Requires = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Lack:
    """One missing input: a table (not imported, or imported with no rows) or a column no row
    fills."""

    table: str
    column: str | None = None
    empty: bool = False  # the table was imported but holds no rows

    def __str__(self) -> str:
        if self.column:
            return f"{self.table}.{self.column}"
        return f"{self.table} (empty)" if self.empty else self.table


@dataclass(frozen=True)
class TestCoverage:
    """One test of a check: whether its inputs are there, and what it lacks when not."""

    name: str
    title: str
    lacks: tuple[Lack, ...]

    @property
    def runs(self) -> bool:
        return not self.lacks

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "runs": self.runs,
            "lacks": [str(x) for x in self.lacks],
        }


@dataclass(frozen=True)
class CheckCoverage:
    check: CheckSpec
    lacks: tuple[Lack, ...]  # of the check itself: with any of these, nothing can run
    tests: tuple[TestCoverage, ...] = ()
    unfilled_optional: tuple[str, ...] = ()  # optional columns no row fills (table.column)

    @property
    def can_run(self) -> bool:
        return not self.lacks and (not self.tests or any(t.runs for t in self.tests))

    @property
    def status(self) -> Status:
        if not self.can_run:
            return "not_run"
        return "partial" if any(not t.runs for t in self.tests) else "runs"

    @property
    def skipped(self) -> tuple[TestCoverage, ...]:
        return tuple(t for t in self.tests if not t.runs) if self.can_run else ()

    def all_lacks(self) -> tuple[Lack, ...]:
        """Every input missing for the check to run whole: its own, then its tests', once."""
        out = list(self.lacks)
        for t in self.tests:
            out += [x for x in t.lacks if x not in out]
        return tuple(out)

    def missing(self) -> list[str]:
        """Why the check cannot run, as the parts of "needs ..." (empty when it can run)."""
        if self.lacks:
            return [str(x) for x in self.lacks]
        if self.can_run:
            return []
        return [" or ".join(f"{_listed(t.lacks)} ({t.title})" for t in self.tests)]

    def reason(self) -> str:
        missing = self.missing()
        return "needs " + ", ".join(missing) if missing else ""

    def gates(self) -> dict[str, bool]:
        """The value of each test's gate parameter: true when it runs."""
        return {t.gate: c.runs for t, c in zip(self.check.tests, self.tests, strict=True)}

    def skipped_tables(self) -> set[str]:
        """Tables missing whole for a skipped test: its note already names them."""
        return {x.table for t in self.skipped for x in t.lacks if x.column is None}

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.check.id,
            "title": self.check.title,
            "family": self.check.family,
            "status": self.status,
            "lacks": [str(x) for x in self.all_lacks()],
            "reason": self.reason(),
            "tests": [t.as_dict() for t in self.tests],
            "optional_not_filled": list(self.unfilled_optional),
        }


def _listed(lacks: Iterable[Lack]) -> str:
    return ", ".join(str(x) for x in lacks)


class DataFacts:
    """What a case holds: each table's columns, its rows and how many of them fill each
    column, read once per table (one scan counts every column).

    ``columns(table)`` and ``counts(table, columns)`` answer from wherever the data lives: a
    case's DuckDB connection (``DataFacts.of``) or another engine's tables."""

    def __init__(
        self,
        columns: Callable[[str], set[str]],
        counts: Callable[[str, list[str]], tuple[int, ...]],
    ) -> None:
        self._columns = columns
        self._counts = counts
        self._tables: dict[str, tuple[int, dict[str, int]] | None] = {}

    @classmethod
    def of(cls, conn: duckdb.DuckDBPyConnection) -> DataFacts:
        return cls(lambda t: table_columns(conn, t), lambda t, c: count_values(conn, t, c))

    def table(self, name: str) -> tuple[int, dict[str, int]] | None:
        """(rows, filled count per column) of ``name``; None when the case has no such table."""
        if name not in self._tables:
            have = sorted(self._columns(name))
            if not have:
                self._tables[name] = None
            else:
                got = self._counts(name, have)
                self._tables[name] = (int(got[0]), dict(zip(have, got[1:], strict=True)))
        return self._tables[name]

    def filled(self, table: str, column: str) -> bool:
        got = self.table(table)
        return got is not None and got[1].get(column, 0) > 0

    def lacks(self, requires: Requires) -> tuple[Lack, ...]:
        out: list[Lack] = []
        for table, cols in requires.items():
            got = self.table(table)
            if got is None:
                out.append(Lack(table))
            elif got[0] == 0:
                out.append(Lack(table, empty=True))
            else:
                out += [Lack(table, c) for c in cols if got[1].get(c, 0) == 0]
        return tuple(out)


def count_values(
    conn: duckdb.DuckDBPyConnection, table: str, columns: list[str]
) -> tuple[int, ...]:
    """Rows of ``table`` and, per column, how many hold a value."""
    parts = ["count(*)", *(f"count({q(c)})" for c in columns)]
    got = db.one(conn, f"SELECT {', '.join(parts)} FROM {db.table_ref(table)}")
    assert got is not None
    return tuple(int(n) for n in got)


def requirements(check: CheckSpec) -> dict[str, tuple[str, ...]]:
    """The check's own requires with what the base layer it reads is built from."""
    out = {t: tuple(c) for t, c in check.requires.items()}
    for markers, needs in DERIVED_NEEDS:
        if any(m in check.sql for m in markers):
            for table, cols in needs.items():
                have = out.get(table, ())
                out[table] = have + tuple(c for c in cols if c not in have)
    return out


def check_coverage(check: CheckSpec, facts: DataFacts) -> CheckCoverage:
    tests = tuple(TestCoverage(t.name, t.title, facts.lacks(t.requires)) for t in check.tests)
    unfilled = tuple(
        f"{table}.{c}" for table, cols in check.optional.items() for c in cols
        if not facts.filled(table, c)
    )  # fmt: skip
    return CheckCoverage(check, facts.lacks(requirements(check)), tests, unfilled)


def library_coverage(checks: Iterable[CheckSpec], facts: DataFacts) -> list[CheckCoverage]:
    return [check_coverage(c, facts) for c in checks]


def data_version(conn: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes whenever what ``DataFacts`` reads may have changed: an import, or a comparison
    of two exports (which writes the ``history`` tables without a source)."""
    rows = conn.execute(
        "SELECT schema_name, table_name, estimated_size, column_count FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name IN ('main', 'history') "
        "ORDER BY 1, 2"
    ).fetchall()
    return (db.count(conn, "SELECT coalesce(max(source_id), 0) FROM audit.sources"), *rows)
