"""Every check, and the base layer's edges, against the hand-worked fixture (see fixture.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun, Session
from tests.checks.fixture import AS_OF, build


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("fixture"))


@pytest.fixture
def session(fixture_path: Path, tmp_path: Path) -> Iterator[Session]:
    copy = tmp_path / "f.duckdb"
    copy.write_bytes(fixture_path.read_bytes())
    with Case.open(copy) as case:
        yield Session(case, as_of=AS_OF)


def run(
    session: Session, spec: CheckSpec, **overrides: str
) -> tuple[CheckRun, list[dict[str, Any]]]:
    session.overrides.update(overrides)
    r = session.run(spec)
    assert r.status != "error", r.reason
    rows: list[dict[str, Any]] = []
    if r.result_table:
        rel = session.relation(r)
        rows = [dict(zip(rel.columns, x, strict=True)) for x in rel.fetchall()]
    return r, rows


def status_rows(session: Session, lib: dict[str, CheckSpec]) -> dict[tuple[str, int], Any]:
    run(session, lib["DLQ-01"])  # builds the base layer
    got = session.conn.execute(
        "SELECT loan_id, inst_no, cleared_date, dpd, dpd_ever FROM base.installment_status"
    ).fetchall()
    return {(r[0], r[1]): r[2:] for r in got}


def test_dpd_edges(session: Session, library: dict[str, CheckSpec]) -> None:
    s = status_rows(session, library)
    assert s[("A", 1)] == (date(2024, 2, 1), 0, 0)  # paid on the due date: DPD 0
    assert s[("A", 2)] == (date(2024, 3, 2), 0, 1)  # paid one day late: ever-DPD 1
    assert s[("A", 3)] == (None, 0, 0)  # not yet due
    assert s[("B", 1)] == (None, 137, 137)  # 10 short of 620 with no tolerance
    assert s[("E", 1)] == (None, 0, 0)  # as-of before the first due date
    snap = dict(
        session.conn.execute(
            "SELECT loan_id, [outstanding, dpd] FROM base.loan_snapshot"
        ).fetchall()
    )
    assert snap == {
        "A": [400, 0],
        "B": [2000, 137],
        "C": [500, 274],
        "D": [800, 0],
        "E": [300, 0],
        "F": [5000, 0],
    }


def test_a_residue_within_tolerance_clears(session: Session, library: dict[str, CheckSpec]) -> None:
    session.overrides["amt_tolerance"] = "10"
    s = status_rows(session, library)
    assert s[("B", 1)] == (date(2023, 11, 15), 0, 0)
    assert session.conn.execute(
        "SELECT outstanding, dpd FROM base.loan_snapshot WHERE loan_id = 'B'"
    ).fetchall() == [(1400, 107)]


def test_dlq01_buckets(session: Session, library: dict[str, CheckSpec]) -> None:
    r, rows = run(session, library["DLQ-01"])
    got = {(x["funding_source"], x["bucket"]): (x["loans"], x["balance"]) for x in rows}
    assert got == {
        ("own", "current"): (4, 6500),
        ("bank_partner", "91+"): (1, 2000),
        ("abs", "charged off"): (1, 500),
        ("all", "current"): (4, 6500),
        ("all", "91+"): (1, 2000),
        ("all", "charged off"): (1, 500),
    }
    assert r.status == "info" and r.params["bucket_edges"]["source"] == "profile"


def test_dlq02_rates(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-02"])
    feb = next(
        x for x in rows if str(x["month_end"]) == "2024-02-29" and x["funding_source"] == "all"
    )
    assert feb["balance"] == 7700  # A 700 + B 2000 + F 5000; C charged off; D, E not yet lent
    assert feb["m1p_balance"] == pytest.approx(2000 / 7700)
    assert feb["m3p_balance"] == pytest.approx(2000 / 7700)
    assert feb["m1p_count"] == pytest.approx(1 / 3)


def test_dlq03_vintage(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-03"])
    b = {x["mob"]: x["ever_share_balance"] for x in rows if str(x["vintage"]) == "2023-10-01"}
    assert b[1] == 0  # 2023-11-30: 15 days past due
    assert b[2] == 1  # 2023-12-31: 46 days past due, ever 30+


def test_dlq04_rolls(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-04"])
    last = {
        (x["from_state"], x["to_state"]): (x["loans"], x["balance"], x["roll_rate"])
        for x in rows
        if str(x["to_month"]) == "2024-03-31"
    }
    assert last == {("B0", "B0"): (2, 5700, 1.0), ("B4", "B4"): (1, 2000, 1.0)}


def test_dlq05_fpd(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-05"])
    got = {
        (str(x["cohort"]), x["funding_source"]): (x["matured_loans"], x["fpd_loans"]) for x in rows
    }
    assert got == {
        ("2024-01-01", "own"): (1, 0),
        ("2023-10-01", "bank_partner"): (1, 1),
        ("2023-06-01", "abs"): (1, 1),
    }


def test_dlq06_classification(session: Session, library: dict[str, CheckSpec]) -> None:
    r, rows = run(session, library["DLQ-06"])
    assert [(x["loan_id"], x["required_class"]) for x in rows] == [("B", "substandard")]
    assert (r.loans, r.borrowers, r.amount) == (1, 1, Decimal("2000.00"))


def test_dlq07_reported(session: Session, library: dict[str, CheckSpec]) -> None:
    r, rows = run(session, library["DLQ-07"])
    got = {x["metric"]: (x["recomputed"], x["finding"]) for x in rows}
    assert got["overdue_rate_m1p_balance"][0] == pytest.approx(2000 / 7700)
    assert got["overdue_rate_m1p_balance"][1] is True
    assert got["overdue_rate_m3p_balance"][1] is False
    assert r.finding_rows == 1


def test_dlq08_needs_loan_funding_then_finds(
    session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    r, _ = run(session, library["DLQ-08"])
    assert (r.status, r.reason) == ("not_run", "needs loan_funding")


def test_dlq08_with_an_extra_table(
    fixture_path: Path, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    from auditor.ingest.importer import import_file

    copy = tmp_path / "f.duckdb"
    copy.write_bytes(fixture_path.read_bytes())
    f = tmp_path / "funding.csv"
    f.write_text(
        "loan_id,funder_id,funder_type,share_pct\nA,PLAT,platform_own,0.2\n"
        "A,BANK1,bank,0.8\nB,PLAT,platform_own,0.5\nB,BANK1,bank,0.4\n"
        "F,PLAT,platform_own,1.0\n"
    )
    with Case.open(copy) as case:
        import_file(case, f, extra="loan_funding")
        s = Session(case, as_of=AS_OF)
        _, rows = run(s, library["DLQ-08"])
    assert [(x["loan_id"], x["problem"]) for x in rows] == [
        ("A", "own share below the minimum"),
        ("B", "shares do not add up to 100%"),
    ]


def test_dlq09_borrower_cap(session: Session, library: dict[str, CheckSpec]) -> None:
    r, rows = run(session, library["DLQ-09"], borrower_cap="5000")
    assert [(x["borrower_id"], x["live_loans"], x["outstanding"]) for x in rows] == [("X", 2, 5400)]
    assert r.params["borrower_cap"] == {"value": "5000", "source": "override"}


def test_dlq10_bullet(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-10"])
    assert [(x["loan_id"], x["term_days"]) for x in rows] == [("F", 731)]


def test_dlq11_ledger(session: Session, library: dict[str, CheckSpec]) -> None:
    _, rows = run(session, library["DLQ-11"])
    assert sorted((x["issue"], x["ref"]) for x in rows) == [
        ("debit posted as more than one payment", "P3"),
        ("late charge on an installment cleared on time", "G1"),
        ("successful debit with no payment posted", "T4"),
    ]


def test_dq_family(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [x["loan_id"] for x in run(session, library["DQ-01"])[1]] == ["Z"]
    assert [x["payment_id"] for x in run(session, library["DQ-02"])[1]] == ["P3"]
    assert [x["ref"] for x in run(session, library["DQ-03"])[1]] == ["G3"]
    assert [x["ref"] for x in run(session, library["DQ-04"])[1]] == ["I2"]
    assert [(x["loan_id"], x["problem"]) for x in run(session, library["DQ-05"])[1]] == [
        ("D", "no schedule")
    ]
    r, rows = run(session, library["DQ-06"])
    assert (r.status, rows) == ("pass", [])  # F is a bullet: one installment over 24 months
