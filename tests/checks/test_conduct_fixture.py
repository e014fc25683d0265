"""OUT-07, OUT-08, DSC-08, DSC-10, DSC-11 and DSC-12 against a hand-worked platform (as of
2024-06-30). Every expected row below is worked out in the comments, not by running the SQL.

OUT-07 (each installment 1,010.00 due 2024-05-01):
  D1 debited twice, refunded 20 days later: refunded late (limit 10 days), 1,010.00.
  D2 debited twice, refunded 2 days later: fine.
  D3 one debit of 1,060.00: 50.00 over; 20.00 refunded: partly refunded, 30.00 outstanding.
  D4 debited twice, never refunded: 1,010.00.
  D5 one debit of 1,015.00 with a 5.00 service fee charged: nothing over.
OUT-08:
  R  three platform debits fail in a row (over 2), then one succeeds: one run; installment 1
     presented four times (over 3). Installment 2 fails twice: within the limits.
  Q  auto-debited with no authorisation on file.
  S  installment presented twice 207 days apart (over 180).
DSC-08 (as of 2024-06-30):
  P1 18%, penalty 27% as contracted; 7.50 penalty for 10 days on 1,010.00: overdue cost
     0.18 + 7.5 x 365 / (1,010 x 10) = 45.1% > 24%.
  P2 penalty charged at 36%, contract says 27%: above the contracted rate. 1.00 over 121 days
     keeps its overdue cost at 18.3%.
  P3 0% contract rate, 0.8% a month flat fee (APR 17.27%): a penalty of 18% is within 1.5 x APR.
  P4 no penalty rate in the contract: penalty rate not in the contract.
  P5 10% loan, contracted penalty 30%, charged 30%: within the contract, above 1.5 x 10%.
  P6 private lender 10%, late fee 3.00 over 30 days: 0.10 + 3 x 365 / (1,010 x 30) = 13.6%,
     above 4 x 3.1% = 12.4% (not above 24%).
  H1 (below) late and default fees 20.00 on 124.00, 30 days overdue: 196% > 24%.
DSC-10 (first negative report of each delinquency episode needs a notice):
  N1 late 03-01..03-10 (report 03-02, notice 03-01 20:00) and 04-01..04-03 (report 04-02, no
     notice): the second episode is a finding.
  N2 late 03-01..04-05 and 04-01..04-05: one episode, noticed.
  N3 notice delivered three hours after the report: a finding in China, fine under FCRA (30 days).
  N4 the only notice predates the episode: a finding everywhere.
  N5 late, never reported: nothing.
  N6 late 03-01..03-10; a negative report speaking for 03-08, submitted 03-15 after the borrower
     paid, and no notice: the report belongs to the episode of its status date, a finding.
  N7 late 03-01..03-10 and 04-01..04-03; a negative report speaking for 03-09 but submitted
     04-02, no notice: the first episode's (03-01), not the second's.
DSC-11:
  A1 installment due 03-01, paid 03-20. Reports as of 03-11 (negative, 10 days: right), 03-12
     (normal: wrong), 03-15 (negative, 12 days: wrong, 14), 03-25 (normal: right), 03-31
     (negative, 30 days: wrong, paid).
  T1 paid 2018-02-01, reported negative 2024-03-01: past the 5-year retention.
  X1 answered after 24 days (late); X2 open 10 days (fine); X3 open 29 days (late);
  X4 "corrected" with no correcting report; X5 corrected and superseded (fine).
DSC-12 (HCSTC: APR >= 100%, within 12 months; principal 100.00 disbursed 05-01):
  H1 24.00 interest over 30 days (exactly 0.8% a day) and 20.00 default fees: fees 5.00 over.
  H2 30.00 interest over 30 days: 6.00 over the daily cap.
  H3 3 x 35.00 over 90 days: 33.00 over the daily cap (72.00), 5.00 over the total cap.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from tests.checks.conftest import result_rows
from tests.conftest import case_from_csv


def _inst(
    loan: str, no: int, due: str, principal: str, interest: str, paid: str = "", fee: str = "0"
) -> str:
    paid_cols = f"{paid},{principal},{interest},{fee}" if paid else ",,,"
    return f"{loan},{no},{due},{principal},{interest},{fee},{paid_cols}\n"


P3_SCHEDULE = "".join(
    _inst(
        "P3",
        k,
        f"2024-{k + 1:02d}-01" if k < 12 else "2025-01-01",
        "100",
        "0",
        ("2024-03-02" if k == 1 else f"2024-{k + 1:02d}-01") if k <= 5 else "",
        fee="9.60",
    )
    for k in range(1, 13)
)

FILES = {
    "loans": "loan_id,borrower_id,lender_type,disbursed_at,contract_principal,"
    "contract_rate_annual,penalty_rate_annual\n"
    + "".join(f"{x},B{x},bank,2024-04-01,1000,,\n" for x in ("D1", "D2", "D3", "D4", "D5"))
    + "".join(f"{x},B{x},bank,2023-11-01,1000,,\n" for x in ("R", "Q", "S"))
    + "P1,BP1,bank,2024-02-01,1000,0.18,0.27\nP2,BP2,bank,2024-02-01,1000,0.18,0.27\n"
    "P3,BP3,bank,2024-01-01,1200,0,0.18\nP4,BP4,bank,2024-02-01,1000,0.10,\n"
    "P5,BP5,bank,2024-01-01,1000,0.10,0.30\nP6,BP6,private,2024-02-01,1000,0.10,0.15\n"
    + "".join(
        f"{x},B{x},bank,2024-02-01,1000,,\n"
        for x in ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "A1")
    )
    + "T1,BT1,bank,2017-12-01,1000,,\n"
    + "".join(f"{x},B{x},bank,2024-05-01,100,,\n" for x in ("H1", "H2", "H3")),
    "installments": "loan_id,inst_no,due_date,principal_due,interest_due,fee_due,paid_date,"
    "paid_principal,paid_interest,paid_fee\n"
    + "".join(
        _inst(x, 1, "2024-05-01", "1000", "10", "2024-05-01")
        for x in ("D1", "D2", "D3", "D4", "D5")
    )
    + _inst("P1", 1, "2024-03-01", "1000", "10", "2024-03-11")
    + _inst("P2", 1, "2024-03-01", "1000", "10")
    + P3_SCHEDULE
    + _inst("P4", 1, "2024-03-01", "1000", "10", "2024-03-31")
    + _inst("P5", 1, "2024-03-01", "1000", "16.44", "2024-03-31")
    + _inst("P6", 1, "2024-03-01", "1000", "10", "2024-03-31")
    + _inst("N1", 1, "2024-03-01", "500", "0", "2024-03-10")
    + _inst("N1", 2, "2024-04-01", "500", "0", "2024-04-03")
    + _inst("N2", 1, "2024-03-01", "500", "0", "2024-04-05")
    + _inst("N2", 2, "2024-04-01", "500", "0", "2024-04-05")
    + "".join(_inst(x, 1, "2024-03-01", "1000", "0", "2024-03-10") for x in ("N3", "N4", "N5"))
    + _inst("N6", 1, "2024-03-01", "1000", "0", "2024-03-10")
    + _inst("N7", 1, "2024-03-01", "500", "0", "2024-03-10")
    + _inst("N7", 2, "2024-04-01", "500", "0", "2024-04-03")
    + _inst("A1", 1, "2024-03-01", "1000", "0", "2024-03-20")
    + _inst("T1", 1, "2018-01-01", "1000", "0", "2018-02-01")
    + _inst("H1", 1, "2024-05-31", "100", "24")
    + _inst("H2", 1, "2024-05-31", "100", "30")
    + _inst("H3", 1, "2024-05-31", "33.33", "35")
    + _inst("H3", 2, "2024-06-30", "33.33", "35")
    + _inst("H3", 3, "2024-07-30", "33.34", "35"),
    "repayment_attempts": "attempt_id,loan_id,inst_no,initiated_by,channel,attempt_at,"
    "amount_collected,status,authorization_id\n"
    "D1a,D1,1,platform,auto_debit,2024-05-01 09:00,1010,success,AD1\n"
    "D1b,D1,1,platform,auto_debit,2024-05-01 09:40,1010,success,AD1\n"
    "D2a,D2,1,platform,auto_debit,2024-05-01 09:00,1010,success,AD2\n"
    "D2b,D2,1,platform,auto_debit,2024-05-01 09:40,1010,success,AD2\n"
    "D3a,D3,1,platform,auto_debit,2024-05-01 09:00,1060,success,AD3\n"
    "D4a,D4,1,platform,auto_debit,2024-05-01 09:00,1010,success,AD4\n"
    "D4b,D4,1,platform,auto_debit,2024-05-01 09:40,1010,success,AD4\n"
    "D5a,D5,1,platform,auto_debit,2024-05-01 09:00,1015,success,AD5\n"
    "R1,R,1,platform,auto_debit,2024-02-01 09:00,0,failed,AUR\n"
    "R2,R,1,platform,auto_debit,2024-02-02 09:00,0,failed,AUR\n"
    "R3,R,1,platform,auto_debit,2024-02-03 09:00,0,failed,AUR\n"
    "R4,R,1,platform,auto_debit,2024-02-04 09:00,500,success,AUR\n"
    "R5,R,2,platform,auto_debit,2024-02-10 09:00,0,failed,AUR\n"
    "R6,R,2,platform,auto_debit,2024-02-11 09:00,0,failed,AUR\n"
    "R7,R,2,borrower,app,2024-02-12 09:00,0,failed,\n"
    "Q1,Q,1,platform,auto_debit,2024-03-01 09:00,500,success,\n"
    "S1,S,1,platform,auto_debit,2023-12-01 09:00,0,failed,AUS\n"
    "S2,S,1,platform,auto_debit,2024-06-25 09:00,500,success,AUS\n",
    "refunds": "refund_id,loan_id,inst_no,attempt_id,amount,refunded_at\n"
    "F1,D1,1,D1b,1010,2024-05-21 10:00\nF2,D2,1,D2b,1010,2024-05-03 10:00\n"
    "F3,D3,1,D3a,20,2024-05-02 10:00\n",
    "charges": "charge_id,loan_id,inst_no,charge_type,rate_applied,amount,assessed_at\n"
    "CD5,D5,1,service_fee,,5.00,2024-05-01 00:00\n"
    "CP1,P1,1,penalty_interest,0.27,7.50,2024-03-11 00:05\n"
    "CP2,P2,1,penalty_interest,0.36,1.00,2024-06-30 00:05\n"
    "CP3,P3,1,penalty_interest,0.18,0.10,2024-03-02 00:05\n"
    "CP4,P4,1,penalty_interest,0.20,0.05,2024-03-31 00:05\n"
    "CP5,P5,1,penalty_interest,0.30,0.05,2024-03-31 00:05\n"
    "CP6,P6,1,late_fee,,3.00,2024-03-05 00:05\n"
    "CH1,H1,1,late_fee,,10.00,2024-06-03 00:05\nCH2,H1,1,default_fee,,10.00,2024-06-20 00:05\n",
    "bureau_reports": "report_id,loan_id,submitted_at,as_of_date,dpd_reported,is_negative,"
    "supersedes_report_id\n"
    "RN1a,N1,2024-03-02 02:00,,,true,\nRN1b,N1,2024-04-02 02:00,,,true,\n"
    "RN2a,N2,2024-03-02 02:00,,,true,\nRN2b,N2,2024-04-02 02:00,,,true,\n"
    "RN2c,N2,2024-04-10 02:00,,,false,RN2a\n"
    "RN3,N3,2024-03-02 02:00,,,true,\nRN4,N4,2024-03-02 02:00,,,true,\n"
    "RN6,N6,2024-03-15 02:00,2024-03-08,7,true,\nRN7,N7,2024-04-02 02:00,2024-03-09,8,true,\n"
    "RA1,A1,2024-03-12 02:00,2024-03-11,10,true,\nRA2,A1,2024-03-13 02:00,2024-03-12,0,false,\n"
    "RA3,A1,2024-03-16 02:00,2024-03-15,12,true,\nRA4,A1,2024-03-26 02:00,2024-03-25,0,false,\n"
    "RA5,A1,2024-04-01 02:00,2024-03-31,30,true,\n"
    "RT1,T1,2024-03-01 02:00,,,true,\n",
    "notices": "notice_id,loan_id,notice_type,sent_at,delivered_at\n"
    "M1,N1,negative_report_prenotice,2024-03-01 20:00,2024-03-01 20:00\n"
    "M2,N2,negative_report_prenotice,2024-03-01 20:00,2024-03-01 20:00\n"
    "M3,N3,negative_report_prenotice,2024-03-02 05:00,2024-03-02 05:00\n"
    "M4,N4,negative_report_prenotice,2024-02-20 20:00,2024-02-20 20:00\n"
    "M5,A1,negative_report_prenotice,2024-03-05 20:00,2024-03-05 20:00\n",
    "disputes": "dispute_id,loan_id,report_id,received_at,resolved_at,outcome\n"
    "X1,N1,RN1b,2024-05-01 10:00,2024-05-25 10:00,upheld\n"
    "X2,N3,RN3,2024-06-20 10:00,,\n"
    "X3,N4,RN4,2024-06-01 10:00,,\n"
    "X4,A1,RA5,2024-04-05 10:00,2024-04-10 10:00,corrected\n"
    "X5,N2,RN2a,2024-04-03 10:00,2024-04-10 10:00,corrected\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("conduct") / "c.duckdb"
    case_from_csv(path, FILES).close()
    return path


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "c.duckdb"
    path.write_bytes(built.read_bytes())
    return path


@pytest.fixture
def session(copy: Path) -> Iterator[Session]:
    with Case.open(copy) as case:
        yield Session(case, as_of="2024-06-30")


def test_out07_over_collections_and_refunds(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    rows = result_rows(session, library["OUT-07"])
    got = {r["loan_id"]: (r["status"], r["unrefunded_or_late"]) for r in rows}
    assert got == {
        "D1": ("refunded late", Decimal("1010.00")),
        "D3": ("partly refunded", Decimal("30.00")),
        "D4": ("not refunded", Decimal("1010.00")),
    }
    d1 = next(r for r in rows if r["loan_id"] == "D1")
    assert d1["days_open"] == 20 and d1["successful_debits"] == 2


def test_out07_without_a_refunds_export_counts_every_excess(
    copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(copy) as case:
        case.conn.execute("DROP TABLE refunds")
        s = Session(case, as_of="2024-06-30")
        run = s.run(library["OUT-07"])
        assert run.status == "finding" and "no refunds export imported" in run.reason
        rows = result_rows(s, library["OUT-07"])
    assert {r["loan_id"]: r["status"] for r in rows} == {
        "D1": "not refunded",
        "D2": "not refunded",
        "D3": "not refunded",
        "D4": "not refunded",
    }


def test_out08_retries_and_authorisations(session: Session, library: dict[str, CheckSpec]) -> None:
    got = sorted(
        (str(r["problem"]).split(" ")[0], r["loan_id"], r["inst_no"], r["attempts"])
        for r in result_rows(session, library["OUT-08"])
    )
    assert got == [
        ("auto-debit", "Q", None, 1),
        ("installment", "R", 1, 4),
        ("installment", "S", 1, 2),
        ("more", "R", None, 3),
    ]


def test_dsc08_penalty_rates_and_overdue_cost(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    rows = result_rows(session, library["DSC-08"])
    got = sorted((r["problem"], r["loan_id"]) for r in rows)
    assert got == [
        ("charged above the contracted penalty rate", "P2"),
        ("overdue cost above the cap", "H1"),
        ("overdue cost above the cap", "P1"),
        ("overdue cost above the cap", "P6"),
        ("penalty rate above 1.5 x the loan rate", "P5"),
        ("penalty rate not in the contract", "P4"),
    ]
    by = {r["loan_id"]: r for r in rows}
    assert by["P1"]["overdue_all_in"] == pytest.approx(0.18 + 7.5 * 365 / (1010 * 10))
    assert by["P6"]["cap"] == pytest.approx(0.124) and by["P6"]["days"] == 30
    assert by["P6"]["overdue_all_in"] == pytest.approx(0.10 + 3 * 365 / (1010 * 30))


def test_dsc10_notice_before_negative_report(
    session: Session, library: dict[str, CheckSpec]
) -> None:
    got = sorted(
        (r["loan_id"], str(r["episode_start"])) for r in result_rows(session, library["DSC-10"])
    )
    assert got == [
        ("N1", "2024-04-01"),
        ("N3", "2024-03-01"),
        ("N4", "2024-03-01"),
        ("N6", "2024-03-01"),
        ("N7", "2024-03-01"),
    ]


def test_dsc10_us_profile_allows_notice_within_30_days(
    copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(copy) as case:
        s = Session(case, as_of="2024-06-30", profile="US")
        got = sorted(str(r["loan_id"]) for r in result_rows(s, library["DSC-10"]))
    assert got == ["N1", "N4", "N6", "N7"]


def test_dsc11_accuracy_retention_disputes(session: Session, library: dict[str, CheckSpec]) -> None:
    got = sorted(
        (str(r["problem"]), str(r["item"])) for r in result_rows(session, library["DSC-11"])
    )
    assert got == [
        ('dispute "corrected" but no correction sent to the bureau', "X4"),
        ("dispute answered late", "X1"),
        ("dispute still open past the limit", "X3"),
        ("negative report past the retention period", "RT1"),
        ("negative report: no installment past due by the reported days", "RA3"),
        ("negative report: no installment past due by the reported days", "RA5"),
        ("normal status reported while past due", "RA2"),
    ]


def test_dsc12_hcstc_caps(session: Session, library: dict[str, CheckSpec]) -> None:
    rows = result_rows(session, library["DSC-12"])
    got = sorted((str(r["cap"]).split(":")[0], r["loan_id"], r["over_cap"]) for r in rows)
    assert got == [
        ("default fees", "H1", Decimal("5.00")),
        ("initial cost", "H2", Decimal("6.00")),
        ("initial cost", "H3", Decimal("33.00")),
        ("total cost", "H3", Decimal("5.00")),
    ]
    assert all(float(str(r["apr_effective"])) >= 1 for r in rows)
