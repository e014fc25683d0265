"""The outage checks against a hand-worked platform.

Incident O1: outage 2024-02-01 09:00-11:00 (buffer 30 minutes, remedy 3 days, no grace).
  H  debit fails 09:30 for a technical reason, paid 02-02: harmed. Penalty 2.00 and a
     failed-payment fee 5.00 not waived; a negative report 02-02 never corrected.
  B  debit fails 09:40 for insufficient funds, paid 02-03: the borrower's own shortfall.
  W  like H, but the penalty was waived and the report corrected.
  L  technical failure 09:50, paid 02-10: later than the remedy window.
  E  fails 11:20 with an unknown code (inside the buffer), paid 02-04: harmed (the last day).
  N  2024-03-05 a timeout outside any incident, paid the same day; a failed-payment fee 5.00.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from tests.checks.conftest import result_rows
from tests.conftest import case_from_csv

FILES = {
    "loans": "loan_id,borrower_id,disbursed_at,contract_principal\n"
    + "".join(f"{x},P{x},2024-01-01,1000\n" for x in "HBWLEN"),
    "installments": "loan_id,inst_no,due_date,principal_due,interest_due\n"
    + "".join(f"{x},1,2024-02-01,1000,10\n" for x in "HBWLE")
    + "N,1,2024-03-05,1000,10\n",
    "payments": "payment_id,loan_id,inst_no,attempt_id,value_date,amount\n"
    "PH,H,1,SH,2024-02-02,1012\nPB,B,1,SB,2024-02-03,1010\nPW,W,1,SW,2024-02-02,1010\n"
    "PL,L,1,SL,2024-02-10,1010\nPE,E,1,SE,2024-02-04,1010\nPN,N,1,SN,2024-03-05,1010\n",
    "repayment_attempts": "attempt_id,loan_id,inst_no,attempt_at,status,failure_reason,amount_requested\n"
    "FH,H,1,2024-02-01 09:30,failed,gateway_unavailable,1010\nSH,H,1,2024-02-02 09:00,success,,1012\n"
    "FB,B,1,2024-02-01 09:40,failed,insufficient_funds,1010\nSB,B,1,2024-02-03 09:00,success,,1010\n"
    "FW,W,1,2024-02-01 09:45,failed,gateway_unavailable,1010\nSW,W,1,2024-02-02 09:00,success,,1010\n"
    "FL,L,1,2024-02-01 09:50,failed,system_error,1010\nSL,L,1,2024-02-10 09:00,success,,1010\n"
    "FE,E,1,2024-02-01 11:20,failed,weird_code,1010\nSE,E,1,2024-02-04 09:00,success,,1010\n"
    "FN,N,1,2024-03-05 10:00,failed,timeout,1010\nSN,N,1,2024-03-05 11:00,success,,1010\n",
    "charges": "charge_id,loan_id,inst_no,charge_type,amount,assessed_at,waived_at\n"
    "C1,H,1,penalty_interest,2.00,2024-02-02 00:05,\nC2,H,1,failed_payment_fee,5.00,2024-02-01 11:01,\n"
    "C3,B,1,penalty_interest,4.00,2024-02-03 00:05,\nC4,W,1,penalty_interest,2.00,2024-02-02 00:05,2024-02-06 00:00\n"
    "C5,E,1,penalty_interest,1.00,2024-02-04 00:05,\nC6,N,1,failed_payment_fee,5.00,2024-03-05 10:01,\n"
    "C7,L,1,penalty_interest,9.00,2024-02-10 00:05,\n",
    "incidents": "incident_id,kind,start_at,end_at\nO1,outage,2024-02-01 09:00,2024-02-01 11:00\n",
    "bureau_reports": "report_id,loan_id,submitted_at,is_negative,supersedes_report_id\n"
    "R1,H,2024-02-02 02:00,true,\nR2,B,2024-02-02 02:00,true,\nR3,W,2024-02-02 02:00,true,\n"
    "R4,W,2024-02-08 00:00,false,R3\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outage")
    path = folder / "o.duckdb"
    case_from_csv(path, FILES).close()
    return path


@pytest.fixture
def session(built: Path, tmp_path: Path) -> Iterator[Session]:
    copy = tmp_path / "o.duckdb"
    copy.write_bytes(built.read_bytes())
    with Case.open(copy) as case:
        yield Session(case, as_of="2024-03-31")


def rows(session: Session, spec: CheckSpec) -> list[dict[str, Any]]:
    return result_rows(session, spec)


def test_out01_inventory(session: Session, library: dict[str, CheckSpec]) -> None:
    got = {(r["attempt_id"], r["reason_category"]) for r in rows(session, library["OUT-01"])}
    assert got == {
        ("FH", "technical"),
        ("FB", "borrower"),
        ("FW", "technical"),
        ("FL", "technical"),
        ("FE", "unmapped"),
    }


def test_out04_refund_due(session: Session, library: dict[str, CheckSpec]) -> None:
    got = rows(session, library["OUT-04"])
    assert sorted(r["charge_id"] for r in got) == ["C1", "C2", "C5"]
    assert sum(r["amount"] for r in got) == Decimal("8.00")


def test_a_narrower_buffer_leaves_the_unknown_code_out(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    session.overrides["incident_buffer_min"] = "10"
    assert sorted(r["charge_id"] for r in rows(session, library["OUT-04"])) == ["C1", "C2"]
    run = session.run(library["OUT-04"])
    assert run.params["incident_buffer_min"] == {"value": 10, "source": "override"}


def test_out05_reports_to_correct(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [r["report_id"] for r in rows(session, library["OUT-05"])] == ["R1"]


def test_out09_fees_on_technical_failures(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [r["charge_id"] for r in rows(session, library["OUT-09"])] == ["C2", "C6"]


def test_dq07_lists_the_unknown_code(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [(r["failure_reason"], r["attempts"]) for r in rows(session, library["DQ-07"])] == [
        ("weird_code", 1)
    ]


def test_an_examiner_classifies_it_with_a_map(
    session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    m = tmp_path / "map.csv"
    m.write_text("reason,category\nweird_code,borrower\n")
    # The session is locked down; a second case handle imports, as the examiner would.
    path = session.case.path
    session.case.close()
    with Case.open(path) as case:
        import_file(case, m, extra="failure_reason_map")
    with Case.open(path) as case:
        s = Session(case, as_of="2024-03-31")
        assert rows(s, library["DQ-07"]) == []
        assert sorted(r["charge_id"] for r in rows(s, library["OUT-04"])) == ["C1", "C2"]


def test_out02_finds_an_unlogged_spike_and_not_a_logged_one(
    tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    """Forty debits each morning at 10:00-10:39 for five weeks, one technical failure a day on
    Mondays; on 2024-02-05 fifteen time out (no incident), on 2024-02-06 fifteen fail inside a
    logged outage."""
    lines = ["attempt_id,loan_id,attempt_at,status,failure_reason"]
    day0 = date(2024, 1, 1)
    for d in range(37):
        day = day0 + timedelta(days=d)
        for m in range(40):
            fail = (
                (day == date(2024, 2, 5) and m < 15)
                or (day == date(2024, 2, 6) and m < 15)
                or (day.weekday() == 0 and m == 0)
            )
            reason = "timeout" if fail else ""
            lines.append(
                f"T{d}_{m},L1,{day} 10:{m:02d}:00,{'failed' if fail else 'success'},{reason}"
            )
    att = tmp_path / "att.csv"
    att.write_text("\n".join(lines) + "\n")
    inc = tmp_path / "inc.csv"
    inc.write_text("incident_id,start_at,end_at\nX1,2024-02-06 09:50,2024-02-06 10:50\n")
    with Case.open(tmp_path / "c.duckdb", create=True) as case:
        import_file(case, att, table="repayment_attempts")
        import_file(case, inc, table="incidents")
        s = Session(case, as_of="2024-02-10")
        got = rows(s, library["OUT-02"])
    found = [(str(r["slot"]), r["attempts"], r["failures"]) for r in got if r["finding"]]
    assert found == [("2024-02-05 10:00:00", 40, 15)]
    logged = next(r for r in got if str(r["slot"]) == "2024-02-06 10:00:00")
    assert logged["logged_incident"] == "X1" and not logged["finding"]
    monday = next(r for r in got if str(r["slot"]) == "2024-01-29 10:00:00")
    assert monday["failures"] == 1 and not monday["finding"]  # below the fewest failures


def test_out11_scorecard(session: Session, library: dict[str, CheckSpec]) -> None:
    row, total = rows(session, library["OUT-11"])
    assert row["incident_id"] == "O1" and row["minutes"] == 120
    assert (
        row["failed_in_window"],
        row["linked_installments"],
        row["harmed_installments"],
        row["harmed_borrowers"],
    ) == (5, 4, 3, 3)  # H, W and E harmed; L paid too late
    assert row["refund_due"] == Decimal("8.00") and row["reports_to_correct"] == 1
    assert row["finding"]
    # The total also holds N, linked by its timeout outside any incident but not harmed; it is
    # not a finding row itself, so the finding totals count O1 once.
    assert total["incident_id"] == "ALL" and not total["finding"]
    assert (
        total["failed_in_window"],
        total["linked_installments"],
        total["harmed_installments"],
        total["harmed_borrowers"],
        total["refund_due"],
        total["reports_to_correct"],
    ) == (5, 5, 3, 3, Decimal("8.00"), 1)


def _small_case(tmp_path: Path, files: dict[str, str]) -> Case:
    return case_from_csv(tmp_path / "small.duckdb", files)


def test_out03_tried_in_time(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    """T tried in the app on the due date (system error) and paid two days late; U tried the
    day after; V tried for less than was due; W's own attempt failed for lack of funds; X paid
    on time after its app attempt failed."""
    case = _small_case(
        tmp_path,
        {
            "loans": "loan_id,borrower_id,disbursed_at,contract_principal\n"
            + "".join(f"{x},P{x},2024-01-01,1000\n" for x in "TUVWX"),
            "installments": "loan_id,inst_no,due_date,principal_due,interest_due\n"
            + "".join(f"{x},1,2024-02-01,1000,10\n" for x in "TUVWX"),
            "payments": "payment_id,loan_id,inst_no,value_date,amount\n"
            + "".join(f"P{x},{x},1,2024-02-03,1010\n" for x in "TUVW")
            + "PX,X,1,2024-02-01,1010\n",
            "repayment_attempts": "attempt_id,loan_id,inst_no,attempt_at,status,initiated_by,failure_reason,amount_requested\n"
            "AT,T,1,2024-02-01 20:00,failed,borrower,system_error,1010\n"
            "AU,U,1,2024-02-02 08:00,failed,borrower,system_error,1010\n"
            "AV,V,1,2024-02-01 20:00,failed,borrower,system_error,500\n"
            "AW,W,1,2024-02-01 20:00,failed,borrower,insufficient_funds,1010\n"
            "AX,X,1,2024-02-01 09:00,failed,borrower,timeout,1010\n",
        },
    )
    with case:
        got = rows(Session(case, as_of="2024-03-01"), library["OUT-03"])
    assert [r["attempt_id"] for r in got] == ["AT"]


def test_out10_maintenance(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    """M1 planned at the 09:00-12:00 peak on a due date, announced two days ahead; M2 at night,
    announced two hours ahead; M3 at night, two days ahead; M4 at the peak on a day with
    nothing due, never announced."""
    case = _small_case(
        tmp_path,
        {
            "installments": "loan_id,inst_no,due_date,principal_due\nA,1,2024-02-01,100\n",
            "incidents": "incident_id,kind,planned,start_at,end_at,notified_at\n"
            "M1,maintenance,true,2024-02-01 10:00,2024-02-01 11:00,2024-01-30 10:00\n"
            "M2,maintenance,true,2024-02-03 01:00,2024-02-03 03:00,2024-02-02 23:00\n"
            "M3,maintenance,true,2024-02-04 01:00,2024-02-04 03:00,2024-02-02 01:00\n"
            "M4,maintenance,true,2024-02-05 10:00,2024-02-05 11:00,\n",
        },
    )
    with case:
        got = rows(Session(case, as_of="2024-03-01"), library["OUT-10"])
    assert [(r["incident_id"], r["problem"]) for r in got] == [
        ("M1", "overlaps the repayment peak on a due date"),
        ("M2", "announced too late"),
        ("M4", "never announced"),
    ]


def test_out06_overdue_notices_after_an_outage(
    built: Path, tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    """H (harmed, 1 day late) and B (its own shortfall) both got an overdue notice; only H's
    is a technical overdue handled as delinquency."""
    copy = tmp_path / "o.duckdb"
    copy.write_bytes(built.read_bytes())
    f = tmp_path / "notices.csv"
    f.write_text(
        "notice_id,loan_id,inst_no,notice_type,sent_at\n"
        "N1,H,1,overdue_notice,2024-02-02 10:00\nN2,B,1,overdue_notice,2024-02-02 10:00\n"
        "N3,W,1,due_reminder,2024-01-29 10:00\n"
    )
    with Case.open(copy) as case:
        import_file(case, f, table="notices")
        got = rows(Session(case, as_of="2024-03-31"), library["OUT-06"])
    assert [(r["loan_id"], r["days_late"], r["overdue_notices"]) for r in got] == [("H", 1, 1)]
