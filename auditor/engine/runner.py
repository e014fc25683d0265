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
from decimal import Decimal
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.case.store import SCRATCH, Case, Limits
from auditor.engine.apr import ensure_apr
from auditor.engine.base import base_available, default_as_of, ensure_base, table_columns
from auditor.engine.check_run import CheckRun, Status, finding_counts_sql, finding_figures
from auditor.engine.checks import CheckSpec, QuerySpecError, assert_single_select
from auditor.engine.coverage import (
    LOAN_BASE,
    CheckCoverage,
    DataFacts,
    check_coverage,
    count_values,
    data_version,
)
from auditor.engine.notices import ensure_notices
from auditor.engine.optional import ensure_optional, optional_tables_in
from auditor.engine.outage import ensure_outage
from auditor.engine.params import AUTO, ParamError, ParamSpec, ParamValue, ResolvedParams
from auditor.engine.period import DataSpan, PeriodError, check_period, data_span
from auditor.engine.profiles import Profile, load_profile
from auditor.engine.reasons import ensure_failure_reasons
from auditor.engine.result_source import DuckDBResults, ResultSource
from auditor.engine.run_notes import RunNote, coverage_notes, notes_text, reason_notes
from auditor.errors import Cancelled

ProgressFn = Callable[[int, int, str], None]
BASE_PARAMS = {
    "as_of": ParamSpec("as_of", "date", AUTO, "As of", "Inspection date"),
    "from_date": ParamSpec(
        "from_date",
        "date",
        AUTO,
        "From",
        "Start of the review period (default: the first day with data)",
    ),
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
CANCELLED = (RunNote("cancelled"),)
__all__ = [
    "LOAN_BASE",
    "OUTAGE_PARAMS",
    "CheckRun",
    "Session",
    "Status",
    "finding_counts_sql",
    "finding_figures",
    "run_notes",
]


class Session:
    def __init__(
        self,
        case: Case,
        *,
        profile: Profile | str | None = None,
        overrides: Mapping[str, str] | None = None,
        as_of: dt.date | str | None = None,
        from_date: dt.date | str | None = None,
        limits: Limits | None = None,
    ) -> None:
        case.lock_down(limits)
        self.case = case
        self.conn = case.conn
        self.profile = profile if isinstance(profile, Profile) else load_profile(profile)
        self.overrides = dict(overrides or {})
        if as_of is not None:
            self.overrides["as_of"] = str(as_of)
        if from_date is not None:
            self.overrides["from_date"] = str(from_date)
        self._cancel = threading.Event()
        self._base: tuple[Any, dict[str, ParamValue]] | None = None
        self._facts: tuple[tuple[Any, ...], DataFacts] | None = None

    engine = "duckdb"

    @property
    def results(self) -> ResultSource:
        """The rows of this session's results, for the report and exports."""
        return DuckDBResults(self.conn)

    def derive(self, overrides: Mapping[str, str], profile: Profile | str | None = None) -> Session:
        """This session (same case, engine and results) with more parameter overrides, and
        another profile when one is given."""
        other = copy.copy(self)
        other.overrides = {**self.overrides, **overrides}
        other._base = None
        if profile is not None:
            other.profile = profile if isinstance(profile, Profile) else load_profile(profile)
        return other

    # --- what the data holds -----------------------------------------------------------

    def data_as_of(self) -> dt.date:
        """The default as-of: the latest repayment activity in the data checked."""
        return default_as_of(self.conn)

    def data_span(self) -> DataSpan | None:
        """The first and last day of any event in the data checked."""
        return data_span(self.conn)

    def data_version(self) -> Any:
        """Changes whenever the data checked does (an import)."""
        return data_version(self.conn)

    def table_columns(self, table: str) -> set[str]:
        return table_columns(self.conn, table)

    def count_values(self, table: str, columns: list[str]) -> tuple[int, ...]:
        """Rows of ``table`` and, per column, how many hold a value."""
        return count_values(self.conn, table, columns)

    def facts(self) -> DataFacts:
        """What the case holds, read once per state of the data."""
        version = self.data_version()
        if self._facts is None or self._facts[0] != version:
            self._facts = (version, DataFacts(self.table_columns, self.count_values))
        return self._facts[1]

    def coverage(self, check: CheckSpec) -> CheckCoverage:
        """Whether ``check`` can run on the case, which of its tests, and what it lacks: the
        decision ``run`` acts on."""
        return check_coverage(check, self.facts())

    # --- parameters -------------------------------------------------------------------

    def _resolve_one(self, spec: ParamSpec) -> ParamValue:
        if spec.name in self.overrides:
            return ParamValue(spec.coerce(self.overrides[spec.name]), "override")
        if spec.name in self.profile.params:
            pv = self.profile.params[spec.name]
            return ParamValue(spec.coerce(pv.value), "profile", f"{pv.basis} [{pv.mark}]")
        if spec.type == "date" and spec.default == AUTO:
            if spec.name == "from_date":
                as_of = self._resolve_one(BASE_PARAMS["as_of"]).value
                span = self.data_span()
                return ParamValue(min(span.first, as_of) if span else as_of, "case")
            return ParamValue(self.data_as_of(), "case")
        return ParamValue(spec.coerce(spec.default), "default")

    def base_params(self) -> dict[str, ParamValue]:
        """The run-level parameters (as-of, review period, tolerances), resolved once per
        state of the data; raises ParamError for a bad value or a period far off the data."""
        version = self.data_version()
        if self._base is not None and self._base[0] == version:
            return self._base[1]
        values = self._base_values()
        start, end = values["from_date"], values["as_of"]
        if start.value > end.value:
            check_period(None, start.value, end.value)
        given = [v.source != "case" for v in (start, end)]
        if any(given):  # a date taken from the data itself is never far from it
            check_period(
                self.data_span(),
                start.value if given[0] else None,
                end.value if given[1] else None,
            )
        self._base = (version, values)
        return values

    def _base_values(self) -> dict[str, ParamValue]:
        """The run-level values, resolved but not checked against the data: no query runs
        when as-of and the period start are given (the desktop asks from its GUI thread)."""
        return {name: self._resolve_one(spec) for name, spec in BASE_PARAMS.items()}

    def period(self) -> tuple[dt.date, dt.date]:
        """The review period: (from_date, as_of)."""
        base = self.base_params()
        return base["from_date"].value, base["as_of"].value

    def validate(self, checks: Sequence[CheckSpec]) -> None:
        """Every value the chosen checks would bind, checked before anything runs: a bad
        override, an unknown parameter or a period far off the data raises ParamError."""
        self.check_overrides(checks)
        self.base_params()
        for check in checks:
            self.resolve(check)

    def resolve(self, check: CheckSpec) -> ResolvedParams:
        base = self._base_values()
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
        """What keeps the check from running at all (the parts of its "needs ..."): tables
        and columns it lacks, or, for a check made of tests, what each of them lacks."""
        return self.coverage(check).missing()

    def unfilled_optional(self, check: CheckSpec) -> list[str]:
        """The check's optional columns that the export never fills (``table.column``)."""
        return list(self.coverage(check).unfilled_optional)

    def prepare(self, check: CheckSpec) -> tuple[ResolvedParams, dict[str, Any]] | CheckRun:
        """The check's resolved parameters and their description (the run-level ones it uses
        beside its own), or the refused run when a value or the period is wrong. One step for
        every engine, so a refusal reads the same on each."""
        try:
            params = self.resolve(check)
            base = _describe(self.base_params())
        except PeriodError as e:  # said from its facts, so in any language
            refused = (RunNote(e.kind, facts=tuple(e.facts.items())),)
            return CheckRun(check, "error", str(e), notes=refused)
        except ParamError as e:
            return CheckRun(check, "error", str(e))
        if "base.outage_" not in check.sql:
            base = {k: v for k, v in base.items() if k not in OUTAGE_PARAMS}
        if "from_date" not in params.values:
            base.pop("from_date", None)  # a stock measure: the period start does not apply
        return params, {**base, **params.describe()}

    def run(self, check: CheckSpec) -> CheckRun:
        started = time.perf_counter()
        prepared = self.prepare(check)
        if isinstance(prepared, CheckRun):
            return prepared
        params, described = prepared
        coverage = self.coverage(check)
        if not coverage.can_run:
            lacking = reason_notes(coverage)
            return self._log(
                CheckRun(
                    check,
                    "not_run",
                    notes_text(lacking, "en"),
                    params=described,
                    tests=coverage.tests,
                    notes=lacking,
                )
            )
        table = db.result_table(check.id.replace("-", "_"))
        try:
            if self._cancel.is_set() or self.case.cancel.is_set():
                raise duckdb.InterruptException("cancelled before start")
            if any(f"base.{t}" in check.sql for t in LOAN_BASE):
                if not base_available(self.conn):
                    no_base = (RunNote("needs_base"),)
                    return self._log(
                        CheckRun(
                            check,
                            "not_run",
                            notes_text(no_base, "en"),
                            params=described,
                            notes=no_base,
                        )
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
            by_sent = "base.notices" in check.sql and not ensure_notices(self.conn)
            notes = run_notes(coverage, present, by_sent)
            note = notes_text(notes, "en")
            self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {db.RESULTS_SCHEMA}")
            self.conn.execute(
                f"CREATE OR REPLACE TABLE {db.table_ref(table)} AS {check.sql}",
                {**params.bind(), **coverage.gates()},
            )
            counts = self._finding_counts(check, table)
        except duckdb.InterruptException:
            return self._log(
                CheckRun(
                    check,
                    "cancelled",
                    notes_text(CANCELLED, "en"),
                    duration_s=time.perf_counter() - started,
                    params=described,
                    notes=CANCELLED,
                )
            )
        except duckdb.Error as e:
            why = (
                out_of_memory(self.case)
                if isinstance(e, duckdb.OutOfMemoryException)
                else str(e).split("\n")[0]
            )
            return self._log(
                CheckRun(
                    check,
                    "error",
                    why,
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
                coverage.tests,
                tuple(notes),
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
        self.validate(checks)
        out = []
        for i, check in enumerate(checks):
            if progress:
                progress(i, len(checks), check.id)
            out.append(self.run(check))
            if self.case.cancel.is_set():
                raise Cancelled("cancelled by the user")
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
        """Run one read-only SELECT into the result table ``scratch.adhoc`` (an in-memory
        database: an ad-hoc result never grows the case); returns it and its row count.
        Raises QuerySpecError for anything but a single SELECT or when it fails."""
        assert_single_select(sql, "the query")
        table = f"{SCRATCH}.adhoc"
        try:
            if self.case.cancel.is_set():
                raise duckdb.InterruptException("cancelled before start")
            self.conn.execute(
                f"CREATE OR REPLACE TABLE {db.table_ref(table)} AS {sql}", dict(params or {})
            )
        except duckdb.InterruptException as e:
            raise Cancelled("query cancelled") from e
        except duckdb.OutOfMemoryException as e:
            raise QuerySpecError(out_of_memory(self.case)) from e
        except duckdb.Error as e:
            raise QuerySpecError(str(e).split("\n")[0]) from e
        return table, db.count(self.conn, f"SELECT count(*) FROM {db.table_ref(table)}")


def run_notes(
    coverage: CheckCoverage, present: Mapping[str, bool], notices_by_sent: bool
) -> list[RunNote]:
    """What a run says beside its result, as facts (rendered per language), on either engine:
    optional exports read as none, the tests skipped, notices counted from their sending."""
    notes = [  # a table a skipped test lacks is named by the test's own note
        RunNote("no_export", name=name)
        for name, ok in present.items()
        if not ok and name not in coverage.skipped_tables()
    ]
    notes += coverage_notes(coverage)
    if notices_by_sent:
        notes.append(RunNote("notices_by_sent"))
    return notes


def out_of_memory(case: Case) -> str:
    limits = case.limits or Limits.default()
    return (
        f"the query needs more than the memory limit ({limits.memory}) and spill space "
        f"({limits.temp}) allow; narrow it, or raise --memory-limit / --temp-limit"
    )


def _describe(values: dict[str, ParamValue]) -> dict[str, Any]:
    return ResolvedParams(values).describe()
