"""Values that are possible but almost surely a unit or mapping error: warned about at import
(naming the column and the likely cause) and found by the data-quality checks DQ-08..DQ-12 on a
hand-built case whose answers are worked out below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile
from tests.ingest.helpers import write

# 25 loans whose annual rate was exported in percent but is forced read as a fraction (the
# profile says so): every rate is above 1, i.e. above 100% a year.
LOANS = (
    "loan_id,borrower_id,disbursed_at,contract_principal,disbursed_amount,contract_rate_annual\n"
    + "".join(
        f"L{i:02d},B{i},2024-01-{1 + i % 28:02d},{1000 + i},{(1000 + i) * 100},{12 + i % 10}\n"
        for i in range(25)
    )
)
FRACTION = parse_profile(
    '[columns]\ncontract_rate_annual = { header = "contract_rate_annual", unit = "fraction" }\n'
)


def _run(case: Case, library: dict[str, CheckSpec], cid: str) -> tuple[str, list[dict[str, Any]]]:
    session = Session(case, as_of="2024-06-30")
    run = session.run(library[cid])
    rows = []
    if run.result_table:
        cur = case.conn.execute(f"SELECT * FROM {run.result_table}")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    return run.status, rows


def test_import_warns_and_dq_checks_find_unit_errors(
    case: Case, tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    r = import_file(case, write(tmp_path / "l.csv", LOANS), mapping=FRACTION)
    warned = dict(r.warnings)
    assert "25 of 25 values above 100% a year" in warned["contract_rate_annual"]
    status, rows = _run(case, library, "DQ-08")
    assert status == "finding"
    (row,) = [x for x in rows if x["in_bulk"]]
    assert (row["column_name"], row["above_100pct"], row["loans_with_rate"]) == (
        "contract_rate_annual",
        25,
        25,
    )
    assert "percent" in row["likely_cause"]
    # disbursed_amount = 100 x principal: in 分 read as yuan.
    status, rows = _run(case, library, "DQ-12")
    assert status == "finding" and rows[0]["median_ratio"] == 100
    assert "about 100x" in rows[0]["likely_cause"]


def test_dpd_negative_balances_and_impossible_dates(
    case: Case, tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    """L1 lent 2024-06-01 reports 400 days past due on 2024-06-10 (as-of 2024-06-30, 31 days of
    slack: at most 60 days on book); L2 repaid 1,500 of 1,000; L3 disbursed 1999-12-31 and
    L4 in 2099 (after the import)."""
    loans = (
        "loan_id,borrower_id,disbursed_at,contract_principal\n"
        "L1,B1,2024-06-01,1000\nL2,B2,2024-01-01,1000\nL3,B3,1999-12-31,1000\nL4,B4,2099-01-01,1000\n"
    )
    inst = (
        "loan_id,inst_no,due_date,principal_due,paid_principal,reported_dpd\n"
        "L1,1,2024-06-10,1000,,400\nL2,1,2024-02-01,1000,1500,0\nL3,1,2000-02-01,1000,1000,0\n"
    )
    r = import_file(case, write(tmp_path / "l.csv", loans))
    assert any("dates before 2000" in w for _c, w in r.warnings)
    assert any("after the import date" in w for _c, w in r.warnings)
    import_file(case, write(tmp_path / "i.csv", inst))
    status, rows = _run(case, library, "DQ-09")
    assert status == "finding"
    assert [(x["loan_id"], x["problem"]) for x in rows] == [
        ("L1", "longer than the loan has existed")
    ]
    status, rows = _run(case, library, "DQ-10")
    assert [(x["loan_id"], x["overpaid"]) for x in rows] == [("L2", 500)]
    status, rows = _run(case, library, "DQ-11")
    got = sorted((x["loan_id"], x["column_name"], x["problem"]) for x in rows)
    assert got == [
        ("L3", "disbursed_at", "before 2000"),
        ("L4", "disbursed_at", "after the import date"),
    ]
