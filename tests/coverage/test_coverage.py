"""Coverage: which checks a partial case lets run, which tests of a multi-test check ran or were
skipped, and that coverage and the runner never disagree (they share one decision).

The cases are built from the tiny platform of ``tests.coverage.partial``; its docstring gives
the planted rows each partial run must find."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, QuerySpecError, load_library, parse_check
from auditor.engine.coverage import CheckCoverage, DataFacts, library_coverage, requirements
from auditor.engine.runner import CheckRun, Session
from tests.coverage.partial import AS_OF, build, cut

LIBRARY = load_library()
BY_ID = {c.id: c for c in LIBRARY}


def run_all(path: Path) -> tuple[list[CheckCoverage], dict[str, CheckRun], dict[str, list[Any]]]:
    """Coverage of the library on the case, then every check run, with its result rows."""
    with Case.open(path) as case:
        coverage = library_coverage(LIBRARY, DataFacts.of(case.conn))
        session = Session(case, as_of=AS_OF)
        runs = {r.check.id: r for r in session.run_many(LIBRARY)}
        rows = {
            i: session.relation(r).fetchall() if r.result_table else [] for i, r in runs.items()
        }
    return coverage, runs, rows


def ran(runs: dict[str, CheckRun]) -> set[str]:
    return {i for i, r in runs.items() if r.status != "not_run"}


def ran_tests(run: CheckRun) -> list[str]:
    return [t.name for t in run.tests if t.runs]


def assert_agree(coverage: list[CheckCoverage], runs: dict[str, CheckRun]) -> None:
    """Coverage says "not run" exactly when the run was not run, with the same reason, and
    names the same tests as run and skipped."""
    for cov in coverage:
        run = runs[cov.check.id]
        assert run.status != "error", (cov.check.id, run.reason)
        assert (cov.status == "not_run") == (run.status == "not_run"), cov.check.id
        assert run.tests == cov.tests, cov.check.id
        if run.status == "not_run":
            assert run.reason == cov.reason(), cov.check.id


def test_loans_only(tmp_path: Path) -> None:
    coverage, runs, rows = run_all(build(tmp_path / "c.duckdb", ["loans"]))
    assert_agree(coverage, runs)
    # Before checks asked for the least they need, only DSC-07 ran on a loan file (and the
    # loan file's plausibility checks DQ-08, DQ-11 and DQ-12, which read it alone).
    assert ran(runs) == {"DQ-04", "DQ-08", "DQ-11", "DQ-12", "DLQ-10", "DSC-01", "DSC-03", "DSC-07"}
    assert ran_tests(runs["DQ-04"]) == ["closed"]
    assert ran_tests(runs["DLQ-10"]) == ["contract"]
    assert ran_tests(runs["DSC-01"]) == ran_tests(runs["DSC-03"]) == ["contracts"]
    # C closed before it was disbursed; B is a bullet loan over 24 periods (24 x 30.4375 =
    # 730.5 days, rounded to 731);
    # C shows no APR; B shows one with no method; A was paid 50 less than contracted.
    assert [(r[0], r[1]) for r in rows["DQ-04"]] == [("loan closed before disbursement", "C")]
    assert [(r[0], r[5]) for r in rows["DLQ-10"]] == [("B", 731)]
    assert [(r[0], r[1], r[5]) for r in rows["DSC-01"]] == [("loans", "P1", 1)]
    assert [(r[0], r[1], r[5]) for r in rows["DSC-03"]] == [("loans", "P2", 1)]
    assert runs["DQ-04"].reason.startswith(
        "skipped: Installments due on or before disbursement (needs installments); "
        "skipped: Payments before disbursement (needs payments)"
    )
    dq03 = runs["DQ-03"]
    assert dq03.reason == (
        "needs installments (Installments that ask for nothing) or charges (Charges of zero)"
    )
    assert runs["DQ-05"].reason == "needs installments"


def test_loans_installments_and_payments(tmp_path: Path) -> None:
    path = build(tmp_path / "c.duckdb", ["loans", "installments", "payments"])
    coverage, runs, rows = run_all(path)
    assert_agree(coverage, runs)
    assert ran(runs) == {
        *("DQ-01", "DQ-02", "DQ-03", "DQ-04", "DQ-05", "DQ-06"),
        *("DQ-08", "DQ-09", "DQ-10", "DQ-11", "DQ-12"),
        *("DLQ-01", "DLQ-02", "DLQ-03", "DLQ-04", "DLQ-05", "DLQ-06", "DLQ-09", "DLQ-10"),
        *("DLQ-11", "DSC-01", "DSC-03", "DSC-04", "DSC-05", "DSC-07"),
    }
    assert ran_tests(runs["DQ-01"]) == ["installments", "payments"]
    assert [(r[0], r[1]) for r in rows["DQ-01"]] == [("installments", "Z#1"), ("payments", "PZ")]
    assert ran_tests(runs["DQ-03"]) == ["installments"]
    assert ran_tests(runs["DQ-04"]) == ["installments", "payments", "closed"]
    assert ran_tests(runs["DLQ-10"]) == ["schedule", "contract"]
    # Only the split debit test can run without attempts and charges: T2 posted twice.
    assert ran_tests(runs["DLQ-11"]) == ["split_debit"]
    assert [(r[0], r[1]) for r in rows["DLQ-11"]] == [
        ("debit posted as more than one payment", "P3")
    ]
    assert "skipped: Late charges on installments cleared on time (needs charges)" in (
        runs["DLQ-11"].reason
    )
    assert "no payments export imported" not in runs["DLQ-11"].reason


def test_attempts_without_incidents(tmp_path: Path) -> None:
    path = build(tmp_path / "c.duckdb", ["loans", "installments", "repayment_attempts"])
    coverage, runs, rows = run_all(path)
    assert_agree(coverage, runs)
    outage = {i for i in ran(runs) if i.startswith("OUT-")}
    assert outage == {"OUT-03", "OUT-08"}
    assert ran_tests(runs["OUT-08"]) == ["consecutive", "presentments", "unauthorised"]
    assert [(r[0], r[1]) for r in rows["OUT-08"]] == [
        ("auto-debit with no authorisation on file", "C")
    ]
    for check in ("OUT-01", "OUT-02", "OUT-10"):
        assert runs[check].reason.startswith("needs incidents"), check
    assert runs["OUT-09"].reason == "needs charges"
    assert ran_tests(runs["DQ-01"]) == ["installments", "attempts"]
    assert ran_tests(runs["DLQ-11"]) == []  # it needs payments or charges for each test
    assert runs["DLQ-11"].status == "not_run"


def test_a_column_never_filled_skips_the_test_that_judges_it(
    full_fixture: Path, tmp_path: Path
) -> None:
    """Without the gate, an export with no authorisation ids would make every platform
    auto-debit a finding, and one with no attempt ids on its payments every successful debit."""
    path = cut(
        full_fixture,
        tmp_path / "c.duckdb",
        ["loans", "installments", "payments", "repayment_attempts", "charges"],
        {"repayment_attempts": ["authorization_id"], "payments": ["attempt_id"]},
    )
    coverage, runs, rows = run_all(path)
    assert_agree(coverage, runs)
    out08 = runs["OUT-08"]
    assert ran_tests(out08) == ["consecutive", "presentments"]
    assert (
        "skipped: Auto-debits with no authorisation on file (needs "
        "repayment_attempts.authorization_id)"
    ) in out08.reason
    assert rows["OUT-08"] == [] and out08.status == "pass"
    dlq11 = runs["DLQ-11"]
    assert ran_tests(dlq11) == ["late_charge"]
    skipped = {t.name: [str(x) for x in t.lacks] for t in dlq11.tests if not t.runs}
    assert skipped == {
        "unposted_debit": ["payments.attempt_id"],
        "late_value_date": ["payments.attempt_id"],
        "split_debit": ["payments.attempt_id"],
    }
    assert all(r[0] == "late charge on an installment cleared on time" for r in rows["DLQ-11"])


def test_the_harm_scorecard_without_charges_or_bureau_reports(
    full_fixture: Path, tmp_path: Path
) -> None:
    """OUT-11 counts the harm chain from attempts and incidents alone; the refund due and the
    reports to correct are unknown (NULL), not zero."""
    keep = ["loans", "installments", "repayment_attempts", "incidents"]
    path = cut(full_fixture, tmp_path / "c.duckdb", keep)
    coverage, runs, _rows = run_all(path)
    assert_agree(coverage, runs)
    run = runs["OUT-11"]
    assert ran_tests(run) == ["harm", "notice"]
    with Case.open(path) as case:
        session = Session(case, as_of=AS_OF)
        got = session.run(BY_ID["OUT-11"])
        table = session.relation(got)
        result = [dict(zip(table.columns, r, strict=True)) for r in table.fetchall()]
    # I2 (an unannounced outage, 07:50-08:30 on 2024-02-05) holds T3's failure, 30 minutes
    # buffer; I1 (maintenance 07:30-10:00 on 2024-03-05) holds T5's.
    assert [(r["incident_id"], r["failed_in_window"]) for r in result] == [
        ("I2", 1),
        ("I1", 1),
        ("ALL", 2),
    ]
    assert all(r["refund_due"] is None and r["reports_to_correct"] is None for r in result)


def test_coverage_reads_each_table_once_per_state_of_the_data(tmp_path: Path) -> None:
    path = build(tmp_path / "c.duckdb", ["loans"])
    with Case.open(path) as case:
        counted: list[str] = []
        session = Session(case, as_of=AS_OF)
        original = session.count_values

        def counting(table: str, columns: list[str]) -> tuple[int, ...]:
            counted.append(table)
            return original(table, columns)

        session.count_values = counting  # type: ignore[method-assign]
        for spec in LIBRARY:
            session.coverage(spec)
        assert counted == ["loans"]  # the only table the case holds; read once
        f = tmp_path / "inst.csv"
        f.write_text("loan_id,inst_no,due_date,principal_due\nA,1,2024-02-01,100\n")
    from auditor.ingest.importer import import_file

    with Case.open(path) as case:
        import_file(case, f, table="installments")
        session = Session(case, as_of=AS_OF)
        assert session.coverage(BY_ID["DQ-05"]).status == "runs"


EACH_TEST = [(c.id, t.name) for c in LIBRARY for t in c.tests]


@pytest.mark.parametrize(("check_id", "test_name"), EACH_TEST)
def test_each_test_runs_on_its_own_inputs(
    full_fixture: Path, tmp_path: Path, check_id: str, test_name: str
) -> None:
    """A case holding only what the check itself needs and what this one test needs: the
    check runs (no error: every table only a test reads binds as an empty base view), this
    test runs, and any other test that runs needs nothing the case lacks."""
    spec = BY_ID[check_id]
    test = next(t for t in spec.tests if t.name == test_name)
    keep: dict[str, set[str]] = {}
    for requires in (requirements(spec), test.requires):
        for table, cols in requires.items():
            keep.setdefault(table, set()).update(cols)
    emptied = {
        table: sorted(set(cols) - keep[table])
        for other in spec.tests
        if other is not test
        for table, cols in other.requires.items()
        if table in keep
    }
    path = cut(full_fixture, tmp_path / "c.duckdb", keep, emptied)
    with Case.open(path) as case:
        session = Session(case, as_of=AS_OF)
        coverage = session.coverage(spec)
        run = session.run(spec)
    assert run.status not in ("error", "not_run"), run.reason
    assert run.tests == coverage.tests
    for t, got in zip(spec.tests, run.tests, strict=True):
        if t is test:
            assert got.runs
        elif got.runs:
            assert all(set(c) <= keep.get(tb, set()) for tb, c in t.requires.items()), t.name


def test_every_test_can_be_skipped(full_fixture: Path) -> None:
    """A test that asked for nothing beyond its check would never be skipped and need not be
    a test, unless the check has a test that always runs by design (its core figures)."""
    always = {(c.id, t.name) for c in LIBRARY for t in c.tests if not t.requires}
    assert always == {
        ("DQ-06", "numbers"),
        ("DSC-08", "overdue_cost"),
        ("DSC-11", "retention"),
        ("OUT-08", "consecutive"),
        ("OUT-09", "repeated"),
        ("OUT-11", "harm"),
    }


HEADER = """-- id = "X-01"
-- title = "t"
-- family = "data_quality"
-- severity = "info"
-- period = "export"
-- description = "d"
-- basis = "b"
-- requires = { loans = ["loan_id"] }
"""
FOOTER = """-- [finding]
-- rows = "none"
-- [chart]
-- kind = "table"
"""


@pytest.mark.parametrize(
    ("tests", "sql", "why"),
    [
        (
            '-- [tests.pay]\n-- title = "p"\n-- requires = { payments = ["payment_id"] }\n',
            "SELECT payment_id FROM base.payments",
            "declared but not used: ['test_pay']",
        ),
        ("", "SELECT 1 AS x WHERE $test_pay", "used but not declared: ['test_pay']"),
        (
            '-- [tests.pay]\n-- title = "p"\n-- requires = { payments = ["payment_id"] }\n',
            "SELECT payment_id FROM payments WHERE $test_pay",
            "read it as base.payments",
        ),
        (
            '-- [tests.pay]\n-- title = "p"\n-- requires = { loan_funding = ["loan_id"] }\n',
            "SELECT 1 AS x WHERE $test_pay",
            "not a canonical table",
        ),
        (
            '-- [tests.Pay]\n-- title = "p"\n-- requires = {}\n',
            "SELECT 1 AS x WHERE $test_Pay",
            "lower case",
        ),
        ("-- [tests.pay]\n-- requires = {}\n", "SELECT 1 AS x WHERE $test_pay", "exactly title"),
        (
            '-- [params.test_x]\n-- type = "bool"\n-- default = true\n-- label = "x"\n',
            "SELECT 1 AS x WHERE $test_x",
            "is a test's gate",
        ),
    ],
)
def test_the_loader_refuses_a_test_header_that_does_not_fit(tests: str, sql: str, why: str) -> None:
    with pytest.raises(QuerySpecError, match=why.replace("[", r"\[").replace("]", r"\]")):
        parse_check(HEADER + tests + FOOTER + sql, "x.sql")


def test_a_check_copied_as_a_custom_query_keeps_its_gates_as_parameters() -> None:
    spec = BY_ID["DQ-01"]
    gates = spec.gate_params()
    assert [(p.name, p.type, p.default) for p in gates] == [
        ("test_installments", "bool", True),
        ("test_payments", "bool", True),
        ("test_attempts", "bool", True),
        ("test_charges", "bool", True),
    ]


def spec_tables(spec: CheckSpec) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for requires in (requirements(spec), spec.optional, *(t.requires for t in spec.tests)):
        for table, cols in requires.items():
            out.setdefault(table, set()).update(cols)
    return out


def test_every_table_and_column_a_check_reads_is_in_the_data_dictionary() -> None:
    from auditor.case.dictionary import dictionary

    docs = dictionary()
    for spec in LIBRARY:
        for table, cols in spec_tables(spec).items():
            if table.startswith("history."):
                continue  # made by comparing two exports, not asked of a platform
            assert table in docs, (spec.id, table)
            assert cols <= set(docs[table].columns), (spec.id, table, cols)
