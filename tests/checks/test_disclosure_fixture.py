"""The disclosure checks against a hand-worked platform.

F  10,000 over 12 months with a 0.8% monthly flat fee, disclosed 9.6%: the cost is 17.27%.
G  the same, disclosed 17.27% (correct).
S  1,000 for a year, repaid 1,100 at the end, disclosed 10% by the simple method (correct);
   its nominal IRR is 9.57%, so it must be judged on the simple basis.
Captures: product PA shows only a 0.05% daily rate in 28px; PB shows 17.27% in 14px and a daily
rate in 16px, with no method label; PC is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from tests.checks.conftest import result_rows
from tests.conftest import case_from_csv

INSTALLMENTS = (
    "loan_id,inst_no,due_date,principal_due,interest_due,fee_due\n"
    + "".join(
        f"{loan},{k},2024-{k + 1:02d}-15,833.33,0,80\n" if k <= 11 else ""
        for loan in "FG"
        for k in range(1, 12)
    )
    + "F,12,2025-01-15,833.37,0,80\nG,12,2025-01-15,833.37,0,80\nS,1,2025-01-15,1000,100,0\n"
)

FILES = {
    "loans": "loan_id,borrower_id,product_id,disbursed_at,contract_principal,disclosed_apr,disclosed_apr_method\n"
    "F,X,PB,2024-01-15,10000,0.096,irr\nG,Y,PB,2024-01-15,10000,0.1727,irr\n"
    "S,Z,PC,2024-01-15,1000,0.10,simple\nN,V,PA,2024-01-15,500,,\n",
    "installments": INSTALLMENTS,
    "disclosures": "product_id,surface,apr_shown,apr_value,apr_method_label,daily_rate_shown,daily_rate_value,apr_font_px,daily_font_px\n"
    "PA,app_page,false,,,true,0.0005,,28\nPB,app_page,true,0.1727,,true,0.0005,14,16\n"
    "PC,app_page,true,0.10,单利,false,,14,\n",
}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with case_from_csv(tmp_path / "d.duckdb", FILES) as case:
        yield Session(case, as_of="2024-03-31")


def rows(session: Session, spec: CheckSpec) -> list[dict[str, Any]]:
    return result_rows(session, spec)


def test_dsc01(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [
        (r["level"], r["product_id"], r["loans"]) for r in rows(session, library["DSC-01"])
    ] == [("disclosure", "PA", None), ("loans", "PA", 1)]


def test_dsc02(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [(r["product_id"], r["problem"]) for r in rows(session, library["DSC-02"])] == [
        ("PA", "daily rate shown, annualised rate not"),
        ("PB", "daily rate in a larger font"),
    ]


def test_dsc03(session: Session, library: dict[str, CheckSpec]) -> None:
    assert [(r["level"], r["product_id"]) for r in rows(session, library["DSC-03"])] == [
        ("disclosure", "PB")
    ]


def test_dsc04(session: Session, library: dict[str, CheckSpec]) -> None:
    got = {r["loan_id"]: r for r in rows(session, library["DSC-04"])}
    assert got["F"]["finding"] and got["F"]["recomputed"] == pytest.approx(0.1727, abs=1e-4)
    assert not got["G"]["finding"]
    assert got["S"]["method"] == "simple" and not got["S"]["finding"]
    assert got["S"]["recomputed"] == pytest.approx(0.10, abs=1e-6)
    assert got["S"]["apr_nominal"] == pytest.approx(12 * (1.1 ** (1 / 12) - 1))
    assert "N" not in got  # nothing disclosed: DSC-01's finding, not this one


def _case(tmp_path: Path, files: dict[str, str]) -> Case:
    return case_from_csv(tmp_path / "x.duckdb", files)


def test_dsc07_upfront_deduction(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    case = _case(
        tmp_path,
        {
            "loans": "loan_id,borrower_id,disbursed_at,contract_principal,disbursed_amount\n"
            "A,X,2024-01-01,10000,9700\nB,Y,2024-01-01,10000,10000\nC,Z,2024-01-01,500,\n"
        },
    )
    with case:
        got = rows(Session(case, as_of="2024-02-01"), library["DSC-07"])
    assert [(r["loan_id"], r["deducted"], float(r["deducted_share"])) for r in got] == [
        ("A", 300, 0.03)
    ]


def test_dsc09_reminders(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    """Due 03-10: A reminded 03-07 (fine), B reminded 03-01 (too early), C reminded on the due
    date (too late), D never; E falls due after as-of."""
    case = _case(
        tmp_path,
        {
            "installments": "loan_id,inst_no,due_date,principal_due\n"
            + "".join(f"{x},1,2024-03-10,100\n" for x in "ABCD")
            + "E,1,2024-04-10,100\n",
            "notices": "notice_id,loan_id,inst_no,notice_type,sent_at\n"
            "N1,A,1,due_reminder,2024-03-07 10:00\nN2,B,1,due_reminder,2024-03-01 10:00\n"
            "N3,C,1,due_reminder,2024-03-10 08:00\nN4,D,1,overdue_notice,2024-03-11 10:00\n",
        },
    )
    with case:
        got = rows(Session(case, as_of="2024-03-31"), library["DSC-09"])
    assert [r["loan_id"] for r in got] == ["B", "C", "D"]


def test_dsc05_caps(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    """Interest-only loans of 1,000 over 12 months. P: private lending at 1.65% a month (19.8%
    a year, above 4 x the 3.1% LPR); B: a bank at the same rate (under 24%); M: a microlender
    at 6% a month (72% a year, above the 36% severe line)."""
    lines = ["loan_id,inst_no,due_date,principal_due,interest_due"]
    for loan, interest in (("P", 16.5), ("B", 16.5), ("M", 60)):
        for k in range(1, 13):
            lines.append(f"{loan},{k},2024-{k:02d}-15,{1000 if k == 12 else 0},{interest}")
    case = _case(
        tmp_path,
        {
            "loans": "loan_id,borrower_id,disbursed_at,contract_principal,lender_type\n"
            "P,X,2023-12-15,1000,private\nB,Y,2023-12-15,1000,bank\nM,Z,2023-12-15,1000,microloan\n",
            "installments": "\n".join(lines) + "\n",
        },
    )
    with case:
        got = {r["loan_id"]: r for r in rows(Session(case, as_of="2024-02-01"), library["DSC-05"])}
    assert set(got) == {"P", "M"}
    assert float(got["P"]["cap"]) == pytest.approx(0.124) and not got["P"]["severe"]
    assert got["M"]["severe"] and got["M"]["apr_nominal"] == pytest.approx(0.72, abs=1e-6)


def test_dsc06_fees_left_out(tmp_path: Path, library: dict[str, CheckSpec]) -> None:
    case = _case(
        tmp_path,
        {
            "loans": "loan_id,borrower_id,product_id,disbursed_at,contract_principal\n"
            "A,X,PA,2024-01-01,100\nB,Y,PB,2024-01-01,100\nC,Z,PC,2024-01-01,100\n",
            "installments": "loan_id,inst_no,due_date,principal_due,fee_due\n"
            "A,1,2024-02-01,100,3\nB,1,2024-02-01,100,3\nC,1,2024-02-01,100,0\n",
            "disclosures": "product_id,surface,fees_listed\nPA,app_page,\nPB,app_page,服务费\n"
            "PC,app_page,\n",
        },
    )
    with case:
        got = rows(Session(case, as_of="2024-03-01"), library["DSC-06"])
    assert [(r["product_id"], r["fees"]) for r in got] == [("PA", 3)]
