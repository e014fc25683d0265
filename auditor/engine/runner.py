"""Running checks and ad-hoc SQL on a case, sandboxed, with typed outcomes.

A ``Session`` locks the case down (no file, network or extension access), resolves each check's
parameters (override, else profile, else default), builds the base layer for the run's as-of,
and runs each check into a temporary result table. The outcome is one of pass, finding, info (a
metric with no pass/fail), not run (naming what is missing), error or cancelled: never a silent
empty result. Results stay in DuckDB; callers page, chart or export from ``relation()``.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.case.store import Case
from auditor.db import q
from auditor.engine.apr import ensure_apr
from auditor.engine.base import base_available, default_as_of, ensure_base, table_columns
from auditor.engine.checks import CheckSpec, QuerySpecError, assert_single_select
from auditor.engine.optional import ensure_optional, optional_tables_in
from auditor.engine.outage import ensure_outage
from auditor.engine.params import AUTO, ParamError, ParamSpec, ParamValue, ResolvedParams
from auditor.engine.profiles import Profile, load_profile
from auditor.engine.reasons import ensure_failure_reasons
from auditor.engine.result_source import DuckDBResults, ResultSource

Status = Literal["pass", "finding", "info", "not_run", "error", "cancelled"]
ProgressFn = Callable[[int, int, str], None]
BASE_PARAMS = {
    "as_of": ParamSpec("as_of", "date", AUTO, "As of", "Inspection date"),
    "amt_tolerance": ParamSpec(
        "amt_tolerance",
        "decimal",
        "0",
        "Amount tolerance",
        "Unpaid residue still counted as cleared",
    ),
    "incident_buffer_min": ParamSpec(
        "incident_buffer_min",
        "int",
        30,
        "Incident buffer (min)",
        "Minutes added on each side of an incident window",
    ),
    "remedy_days": ParamSpec(
        "remedy_days",
        "int",
        3,
        "Remedy window (days)",
        "Days after a disruption within which paying counts as prompt",
    ),
}
OUTAGE_PARAMS = ("incident_buffer_min", "remedy_days")
# Base tables built from loans and installments (failure_reasons needs neither).
LOAN_BASE = ("installment_status", "loan_snapshot", "month_end", "apr", "outage_")


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

    def summary(self) -> dict[str, Any]:
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
        }


class Session:
    def __init__(
        self,
        case: Case,
        *,
        profile: Profile | str | None = None,
        overrides: Mapping[str, str] | None = None,
        as_of: dt.date | str | None = None,
    ) -> None:
        case.lock_down()
        self.case = case
        self.conn = case.conn
        self.profile = profile if isinstance(profile, Profile) else load_profile(profile)
        self.overrides = dict(overrides or {})
        if as_of is not None:
            self.overrides["as_of"] = str(as_of)
        self._cancel = threading.Event()

    engine = "duckdb"

    @property
    def results(self) -> ResultSource:
        """The rows of this session's results, for the report and exports."""
        return DuckDBResults(self.conn)

    def data_as_of(self) -> dt.date:
        """The default as-of: the latest repayment activity in the data checked."""
        return default_as_of(self.conn)

    def table_columns(self, table: str) -> set[str]:
        return table_columns(self.conn, table)

    def count_values(self, table: str, columns: list[str]) -> tuple[int, ...]:
        """Rows of ``table`` and, per column, how many hold a value."""
        counts = db.one(
            self.conn,
            "SELECT count(*), "
            + ", ".join(f"count({q(c)})" for c in columns)
            + f" FROM {q(table)}",
        )
        assert counts is not None
        return tuple(int(n) for n in counts)

    def derive(self, overrides: Mapping[str, str], profile: Profile | str | None = None) -> Session:
        """This session (same case, engine and results) with more parameter overrides, and
        another profile when one is given."""
        other = copy.copy(self)
        other.overrides = {**self.overrides, **overrides}
        if profile is not None:
            other.profile = profile if isinstance(profile, Profile) else load_profile(profile)
        return other

    # --- parameters -------------------------------------------------------------------

    def _resolve_one(self, spec: ParamSpec) -> ParamValue:
        if spec.name in self.overrides:
            return ParamValue(spec.coerce(self.overrides[spec.name]), "override")
        if spec.name in self.profile.params:
            pv = self.profile.params[spec.name]
            return ParamValue(spec.coerce(pv.value), "profile", f"{pv.basis} [{pv.mark}]")
        if spec.type == "date" and spec.default == AUTO:
            return ParamValue(self.data_as_of(), "case")
        return ParamValue(spec.coerce(spec.default), "default")

    def base_params(self) -> dict[str, ParamValue]:
        return {name: self._resolve_one(spec) for name, spec in BASE_PARAMS.items()}

    def resolve(self, check: CheckSpec) -> ResolvedParams:
        base = self.base_params()
        values = {
            p.name: base[p.name] if p.name in base else self._resolve_one(p) for p in check.params
        }
        return ResolvedParams(values)

    def check_overrides(self, checks: Sequence[CheckSpec]) -> None:
        """An override naming no parameter of the chosen checks is a mistake: say so."""
        known = set(BASE_PARAMS) | {p.name for c in checks for p in c.params}
        unknown = sorted(set(self.overrides) - known)
        if unknown:
            raise ParamError(
                f"no chosen check has a parameter {', '.join(unknown)}; "
                f"parameters: {', '.join(sorted(known))}"
            )

    # --- running ----------------------------------------------------------------------

    def missing_inputs(self, check: CheckSpec) -> list[str]:
        """Tables and columns the check needs that the case lacks. A canonical column exists
        in every imported table, so a column counts as present only when it holds a value:
        an export without it is "not run", not a pass computed on NULLs."""
        missing = []
        for table, cols in check.requires.items():
            have = self.table_columns(table)
            if not have:
                missing.append(table)
                continue
            absent = [c for c in cols if c not in have]
            present = [c for c in cols if c in have]
            if present:
                counts = self.count_values(table, present)
                if counts[0] == 0:
                    missing.append(f"{table} (empty)")
                    continue
                absent += [c for c, n in zip(present, counts[1:], strict=True) if n == 0]
            missing += [f"{table}.{c}" for c in absent]
        return missing

    def run(self, check: CheckSpec) -> CheckRun:
        started = time.perf_counter()
        try:
            params = self.resolve(check)
        except ParamError as e:
            return CheckRun(check, "error", str(e))
        base = _describe(self.base_params())
        if "base.outage_" not in check.sql:
            base = {k: v for k, v in base.items() if k not in OUTAGE_PARAMS}
        described = {**base, **params.describe()}
        missing = self.missing_inputs(check)
        if missing:
            return self._log(
                CheckRun(check, "not_run", "needs " + ", ".join(missing), params=described)
            )
        table = db.result_table(check.id.replace("-", "_"))
        try:
            if self._cancel.is_set():
                raise duckdb.InterruptException("cancelled before start")
            if any(f"base.{t}" in check.sql for t in LOAN_BASE):
                if not base_available(self.conn):
                    return self._log(
                        CheckRun(check, "not_run", "needs loans and installments", params=described)
                    )
                bp = self.base_params()
                ensure_base(self.conn, bp["as_of"].value, bp["amt_tolerance"].value)
                if "base.apr" in check.sql:
                    ensure_apr(self.conn)
                if "base.outage_" in check.sql:
                    ensure_outage(
                        self.conn, bp["incident_buffer_min"].value, bp["remedy_days"].value
                    )
            if "base.failure_reasons" in check.sql:
                ensure_failure_reasons(self.conn)
            present = ensure_optional(self.conn, optional_tables_in(check.sql))
            note = "; ".join(
                f"no {name} export imported: read as none" for name, ok in present.items() if not ok
            )
            self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {db.RESULTS_SCHEMA}")
            self.conn.execute(
                f"CREATE OR REPLACE TABLE {db.table_ref(table)} AS {check.sql}", params.bind()
            )
            counts = self._finding_counts(check, table)
        except duckdb.InterruptException:
            return self._log(
                CheckRun(
                    check,
                    "cancelled",
                    "cancelled by the user",
                    duration_s=time.perf_counter() - started,
                    params=described,
                )
            )
        except duckdb.Error as e:
            return self._log(
                CheckRun(
                    check,
                    "error",
                    str(e).split("\n")[0],
                    duration_s=time.perf_counter() - started,
                    params=described,
                )
            )
        rows, findings, loans, borrowers, amount = counts
        status: Status = (
            "info" if check.finding.rows == "none" else "finding" if findings else "pass"
        )
        return self._log(
            CheckRun(
                check,
                status,
                note,
                table,
                rows,
                findings,
                loans,
                borrowers,
                amount,
                time.perf_counter() - started,
                described,
            )
        )

    def _finding_counts(
        self, check: CheckSpec, table: str
    ) -> tuple[int, int, int, int, Decimal | None]:
        got = db.one(self.conn, finding_counts_sql(check, db.table_ref(table)))
        assert got is not None
        return finding_figures(check, got)

    def _log(self, run: CheckRun) -> CheckRun:
        auditlog.append(
            self.conn,
            "check_run",
            {k: v for k, v in run.summary().items() if k not in ("title", "family")},
        )
        return run

    def run_many(
        self, checks: Sequence[CheckSpec], progress: ProgressFn | None = None
    ) -> list[CheckRun]:
        self.check_overrides(checks)
        out = []
        for i, check in enumerate(checks):
            if progress:
                progress(i, len(checks), check.id)
            out.append(self.run(check))
        if progress:
            progress(len(checks), len(checks), "")
        return out

    def interrupt(self) -> None:
        """Stop the running statement (from any thread) and every check after it."""
        self._cancel.set()
        self.conn.interrupt()

    def relation(self, run: CheckRun) -> duckdb.DuckDBPyRelation:
        if run.result_table is None:
            raise QuerySpecError(f"{run.check.id} has no result ({run.status})")
        return self.conn.sql(f"SELECT * FROM {db.table_ref(run.result_table)}")

    # --- ad-hoc SQL -------------------------------------------------------------------

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple[str, int]:
        """Run one read-only SELECT into the result table ``results.adhoc``; returns it and
        its row count. Raises QuerySpecError for anything but a single SELECT."""
        assert_single_select(sql, "the query")
        table = db.result_table("adhoc")
        try:
            self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {db.RESULTS_SCHEMA}")
            self.conn.execute(
                f"CREATE OR REPLACE TABLE {db.table_ref(table)} AS {sql}", dict(params or {})
            )
        except duckdb.InterruptException as e:
            from auditor.errors import Cancelled

            raise Cancelled("query cancelled") from e
        except duckdb.Error as e:
            raise QuerySpecError(str(e).split("\n")[0]) from e
        return table, db.count(self.conn, f"SELECT count(*) FROM {db.table_ref(table)}")


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


def _describe(values: dict[str, ParamValue]) -> dict[str, Any]:
    return ResolvedParams(values).describe()
