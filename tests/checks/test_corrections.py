"""Corrections of DLQ-02 (lagged rates by calendar month), DLQ-05 (no channel in the export) and
DSC-09 (a reminder counts once delivered), each on a platform small enough to work by hand.

As of 2024-04-30:
  X1  ABS, 1,000 disbursed 2024-01-02, one installment due 02-10 paid that day: on book at the
      end of January (current), paid off in February. No ABS loan is on book in February or
      March: the ABS funding source paused.
  X2  ABS, 2,000 disbursed 2024-04-01, one installment due 04-15 never paid: DPD 15 at 04-30.
  O1  own, 3,000 disbursed 2024-01-01, one installment due 2024-06-30: current all along.

DLQ-02 at 2024-04-30:
  ABS: M1+ by balance 2,000 / 2,000 = 100%; the lagged M1+ divides by the ABS book one calendar
       month back (March: none), so it is undefined (empty), not 2,000 / 1,000 = 200% (January,
       the previous row). By count likewise: 1 / 1 coincidental, lagged undefined.
  all: book 5,000 in 2 loans; M1+ 2,000 / 5,000 = 40%, by count 1 / 2 = 50%; lagged one month
       (March: O1 alone, 3,000, 1 loan): 2,000 / 3,000 and 1 / 1; M3+ (DPD >= 61) lagged three
       months (January: X1 and O1, 4,000, 2 loans): 0 / 4,000 and 0 / 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.engine.checks import CheckSpec
from auditor.engine.notices import NOTICES_BY_SENT
from auditor.engine.runner import Session
from tests.checks.conftest import result_rows
from tests.conftest import case_from_csv

AS_OF = "2024-04-30"
LOANS = """loan_id,borrower_id,funding_source,disbursed_at,contract_principal
X1,B1,abs,2024-01-02,1000
X2,B2,abs,2024-04-01,2000
O1,B3,own,2024-01-01,3000
"""
INSTALLMENTS = """loan_id,inst_no,due_date,principal_due,paid_date,paid_principal
X1,1,2024-02-10,1000,2024-02-10,1000
X2,1,2024-04-15,2000,,
O1,1,2024-06-30,3000,,
"""


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    case = case_from_csv(tmp_path / "c.duckdb", {"loans": LOANS, "installments": INSTALLMENTS})
    with case:
        yield Session(case, as_of=AS_OF)


def _by(rows: list[dict[str, Any]], month: str, segment: str) -> dict[str, Any]:
    return next(r for r in rows if str(r["month_end"]) == month and r["funding_source"] == segment)


def test_dlq02_lags_by_calendar_months_not_rows(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    rows = result_rows(session, library["DLQ-02"])
    abs_april = _by(rows, "2024-04-30", "abs")
    assert abs_april["m1p_balance"] == pytest.approx(1.0)
    assert abs_april["m1p_count"] == pytest.approx(1.0)
    assert abs_april["m1p_balance_lagged"] is None  # no ABS book in March: undefined
    assert abs_april["m1p_count_lagged"] is None
    assert {str(r["month_end"]) for r in rows if r["funding_source"] == "abs"} == {
        "2024-01-31",
        "2024-04-30",
    }
    april = _by(rows, "2024-04-30", "all")
    assert april["m1p_balance"] == pytest.approx(2000 / 5000)
    assert april["m1p_count"] == pytest.approx(1 / 2)
    assert april["m1p_balance_lagged"] == pytest.approx(2000 / 3000)
    assert april["m1p_count_lagged"] == pytest.approx(1 / 1)
    assert april["m3p_balance_lagged"] == pytest.approx(0 / 4000)
    assert april["m3p_count_lagged"] == pytest.approx(0 / 2)


def test_dlq02_names_the_edge_of_each_rate(session: Session, library: dict[str, CheckSpec]) -> None:
    april = _by(result_rows(session, library["DLQ-02"]), "2024-04-30", "all")
    assert (april["m1p_edge"], april["m2p_edge"], april["m3p_edge"]) == (
        "DPD >= 1",
        "DPD >= 31",
        "DPD >= 61",
    )
    s = Session(session.case, as_of=AS_OF, overrides={"bucket_edges": "[1, 30, 90, 120]"})
    april = _by(result_rows(s, library["DLQ-02"]), "2024-04-30", "all")
    assert april["m3p_edge"] == "DPD >= 90"


def test_dlq05_without_a_channel_says_the_split_is_not_available(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    run = session.run(library["DLQ-05"])
    assert "loans.channel is not in the export" in run.reason
    rows = result_rows(session, library["DLQ-05"])
    assert {r["channel"] for r in rows} == {"split not available (no channel in the export)"}


def test_dlq05_with_a_channel_splits_by_it(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    loans = LOANS.replace("contract_principal\n", "contract_principal,channel\n")
    loans = loans.replace("1000\n", "1000,app\n").replace("2000\n", "2000,\n")
    loans = loans.replace("3000\n", "3000,web\n")
    with case_from_csv(tmp_path / "c.duckdb", {"loans": loans, "installments": INSTALLMENTS}) as c:
        s = Session(c, as_of=AS_OF)
        assert s.run(library["DLQ-05"]).reason == ""
        # Matured by 04-30 with a 30-day horizon: X1 (due 02-10) only.
        assert [r["channel"] for r in result_rows(s, library["DLQ-05"])] == ["app"]


REMINDER_LOANS = "loan_id,borrower_id,disbursed_at,contract_principal\nR,B,2024-01-01,300\n"
REMINDER_SCHEDULE = """loan_id,inst_no,due_date,principal_due
R,1,2024-02-01,100
R,2,2024-03-01,100
R,3,2024-04-01,100
"""


def test_dsc09_counts_a_reminder_once_delivered(
    tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    """Installment 1: reminder sent and delivered 01-29 (counts). Installment 2: sent 02-27,
    never delivered (does not count). Installment 3: sent 03-28, delivered 04-01, the due date
    (too late). Installments 2 and 3 are findings; the export fills delivery times, so no note."""
    notices = """notice_id,loan_id,inst_no,notice_type,sent_at,delivered_at
N1,R,1,due_reminder,2024-01-29 10:00,2024-01-29 10:01
N2,R,2,due_reminder,2024-02-27 10:00,
N3,R,3,due_reminder,2024-03-28 10:00,2024-04-01 08:00
"""
    files = {"loans": REMINDER_LOANS, "installments": REMINDER_SCHEDULE, "notices": notices}
    with case_from_csv(tmp_path / "c.duckdb", files) as case:
        s = Session(case, as_of=AS_OF)
        run = s.run(library["DSC-09"])
        assert run.status == "finding" and run.finding_rows == 2 and run.reason == ""
        rows = result_rows(s, library["DSC-09"])
    assert [(r["inst_no"], r["reminder"]) for r in rows] == [
        (2, "sent, not delivered before the due date"),
        (3, "sent, not delivered before the due date"),
    ]


def test_dsc09_falls_back_to_sent_times_and_says_so(
    tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    """The same reminders from an export with no delivery times: each counts when sent, and all
    three were sent in the window, so none is missing. The run says how notices were counted."""
    notices = """notice_id,loan_id,inst_no,notice_type,sent_at
N1,R,1,due_reminder,2024-01-29 10:00
N2,R,2,due_reminder,2024-02-27 10:00
N3,R,3,due_reminder,2024-03-28 10:00
"""
    files = {"loans": REMINDER_LOANS, "installments": REMINDER_SCHEDULE, "notices": notices}
    with case_from_csv(tmp_path / "c.duckdb", files) as case:
        run = Session(case, as_of=AS_OF).run(library["DSC-09"])
    assert run.status == "pass" and NOTICES_BY_SENT in run.reason
