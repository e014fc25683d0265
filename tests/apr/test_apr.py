"""The APR engine against hand-computed cases (domain-rules 5.6) and from a case's tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from auditor.case.store import Case
from auditor.engine.apr import AprTable, build_apr_table, compute_apr, pad_flows
from auditor.ingest.importer import import_file

Loan = tuple[str, list[tuple[float, float]]]


def _table(loans: list[Loan]) -> AprTable:
    ids, amounts, times = [], [], []
    for loan_id, flows in loans:
        for t, a in flows:
            ids.append(loan_id)
            amounts.append(a)
            times.append(t)
    return compute_apr(pad_flows(np.array(ids, dtype=object), np.array(amounts), np.array(times)))


FLAT: Loan = ("flat", [(0.0, -10_000.0)] + [(float(k), 10_000 / 12 + 80) for k in range(1, 13)])
ANNUITY_PAYMENT = 10_000 * 0.01 / (1 - 1.01**-12)
UPFRONT: Loan = ("upfront", [(0.0, -9_700.0)] + [(float(k), ANNUITY_PAYMENT) for k in range(1, 13)])
ZERO: Loan = ("zero", [(0.0, -1_200.0)] + [(float(k), 100.0) for k in range(1, 13)])
BULLET: Loan = ("bullet", [(0.0, -1_000.0), (12.0, 1_100.0)])
NONE: Loan = ("none", [(0.0, -500.0)])


def test_flat_monthly_fee_is_17_27_nominal_and_18_71_effective() -> None:
    t = _table([FLAT])
    assert t.periodic[0] == pytest.approx(0.014392, abs=5e-7)
    assert t.nominal[0] == pytest.approx(0.1727, abs=5e-5)
    assert t.effective[0] == pytest.approx(0.1871, abs=5e-5)


def test_upfront_deduction_raises_the_rate() -> None:
    t = _table([UPFRONT])
    assert t.nominal[0] == pytest.approx(0.1782, abs=5e-5)
    assert t.effective[0] == pytest.approx(0.1936, abs=5e-5)


def test_zero_rate_loan_and_simple_method_and_no_solution_together() -> None:
    t = _table([FLAT, ZERO, BULLET, NONE, UPFRONT])
    got = dict(zip(t.loan_ids, zip(t.periodic, t.simple, t.reason, strict=True), strict=True))
    assert got["zero"][0] == pytest.approx(0, abs=1e-9) and got["zero"][1] == pytest.approx(0)
    assert got["bullet"][1] == pytest.approx(0.10)  # 100 of cost on 1,000 used for a year
    assert got["bullet"][0] == pytest.approx(1.1 ** (1 / 12) - 1)
    assert got["none"][2] == "no scheduled payments" and np.isnan(got["none"][0])
    assert got["flat"][0] == pytest.approx(0.014392, abs=5e-7)  # padding did not disturb it


def test_a_loan_that_repays_less_than_it_received_has_a_negative_rate() -> None:
    t = _table([("loss", [(0.0, -1_000.0), (1.0, 450.0), (2.0, 450.0)])])
    assert t.reason[0] == "" and t.periodic[0] < 0


def test_irregular_first_period_from_dates(case: Case, tmp_path: Path) -> None:
    loans = tmp_path / "loans.csv"
    loans.write_text(
        "loan_id,borrower_id,disbursed_at,contract_principal,disbursed_amount\n"
        "R,X,2024-01-01,1000,1000\nD,Y,2024-01-10,1000,970\nN,Z,2024-01-01,500,500\n"
    )
    inst = tmp_path / "inst.csv"
    inst.write_text(
        "loan_id,inst_no,due_date,principal_due,interest_due\n"
        "R,1,2024-01-16,1000,10\nD,1,2024-02-10,1000,0\n"
    )
    charges = tmp_path / "charges.csv"
    charges.write_text(
        "charge_id,loan_id,charge_type,amount,assessed_at\n"
        "S1,D,service_fee,30,2024-02-10 00:00\n"
        "P1,D,penalty_interest,99,2024-02-11 00:00\n"
    )
    for f, table in ((loans, "loans"), (inst, "installments"), (charges, "charges")):
        import_file(case, f, table=table)
    assert build_apr_table(case.conn) == 3
    rows = {
        r[0]: r[1:]
        for r in case.conn.execute(
            "SELECT loan_id, periodic_rate, flows, unsolved_reason FROM base.apr"
        ).fetchall()
    }
    # 15 days is half a month: 1,010 = 1,000 (1 + r)^0.5.
    assert rows["R"][0] == pytest.approx(1.01**2 - 1, abs=1e-9)
    # 970 received, 1,000 + a 30 service fee a month later (the penalty is not a loan cost).
    assert rows["D"][0] == pytest.approx(1030 / 970 - 1, abs=1e-9) and rows["D"][1] == 3
    assert rows["N"] == (None, 1, "no scheduled payments")


def test_the_sample_products_recompute_to_their_planted_cost(
    sample_case_path: Path, tmp_path: Path
) -> None:
    from auditor.engine.checks import parse_check
    from auditor.engine.runner import Session

    copy = tmp_path / "s.duckdb"
    copy.write_bytes(sample_case_path.read_bytes())
    spec = parse_check(
        '-- id = "T-APR"\n-- title = "t"\n-- family = "disclosure"\n-- severity = "info"\n'
        '-- description = "d"\n-- basis = "b"\n-- requires = { loans = ["loan_id"] }\n'
        '-- [finding]\n-- rows = "none"\n-- [chart]\n-- kind = "table"\n'
        "SELECT l.product_id, median(a.apr_nominal) AS nominal, median(a.apr_effective) AS eff,"
        " count(*) FILTER (WHERE a.unsolved_reason IS NOT NULL) AS unsolved "
        "FROM base.apr a JOIN loans l USING (loan_id) GROUP BY 1 ORDER BY 1",
        "t.sql",
    )
    with Case.open(copy) as case:
        s = Session(case)
        run = s.run(spec)
        got = {r[0]: r[1:] for r in s.relation(run).fetchall()}
    assert got["P01"][0] == pytest.approx(0.18, abs=2e-4)  # 18% annuity, nothing else
    assert got["P04"][0] == pytest.approx(0.1727, abs=2e-4)  # 0.8% a month flat fee
    assert got["P04"][1] == pytest.approx(0.1871, abs=2e-4)
    assert got["P03"][0] > 0.12 + 0.03  # the 0.3% monthly fee the disclosure leaves out
    assert all(v[2] == 0 for v in got.values())
