"""Every check against the sample platform's planted truth (manifest.json), exactly.

The manifest's truths are computed by the generator with numpy from its own decisions, not with
the checks' SQL. A check added under queries/ without an entry here fails the first test.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun
from auditor.sample.platform import SampleResult

Runs = dict[str, tuple[CheckRun, list[dict[str, Any]]]]


def cents(x: Any) -> int:
    return int(Decimal(str(x)) * 100)


def dq01(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    orphans = m["truths"]["data_quality"]["orphan_installments"]
    assert run.status == "finding"
    assert sorted(r["loan_id"] for r in rows) == sorted(orphans)
    assert {r["source_table"] for r in rows} == {"installments"}


def dq02(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.status == "finding"
    assert len(rows) == m["truths"]["data_quality"]["duplicate_payment_rows"]
    assert all(r["payment_id"] != r["first_payment_id"] for r in rows)


def clean(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.status == "pass" and rows == []


def gap_loans(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert sorted(r["loan_id"] for r in rows) == sorted(
        m["truths"]["data_quality"]["schedule_gap_loans"]
    )
    for r in rows:
        if "missing_numbers" in r:
            assert r["missing_numbers"] == [5]
        else:
            assert r["problem"] == "principal differs" and r["difference"] > 0


def dlq01(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = m["truths"]["delinquency"]["bucket_snapshot_cents"]
    got: dict[str, dict[str, list[int]]] = {}
    for r in rows:
        got.setdefault(r["funding_source"], {})[r["bucket"]] = [r["loans"], cents(r["balance"])]
    assert run.status == "info" and got == truth


def dlq02(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = {t["month_end"]: t for t in m["truths"]["delinquency"]["month_end_rates"]}
    got = {str(r["month_end"]): r for r in rows if r["funding_source"] == "all"}
    assert set(got) == set(truth)
    for me, t in truth.items():
        assert got[me]["m1p_balance"] == pytest.approx(t["m1p_balance"], abs=5e-7)
        assert got[me]["m3p_balance"] == pytest.approx(t["m3p_balance"], abs=5e-7)


def dlq03(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = sorted(m["truths"]["delinquency"]["vintage_ever30"])
    got = sorted(
        [str(r["vintage"]), r["mob"], r["ever_loans"], cents(r["ever_principal"])] for r in rows
    )
    assert got == truth


def dlq04(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = m["truths"]["delinquency"]["roll_last_month"]
    got = {
        f"{r['from_state']}->{r['to_state']}": [r["loans"], cents(r["balance"])]
        for r in rows
        if str(r["to_month"]) == truth["to_month"]
    }
    assert got == truth["moves_cents"]
    rates: dict[str, float] = {}
    for r in rows:
        if str(r["to_month"]) == truth["to_month"]:
            rates[r["from_state"]] = rates.get(r["from_state"], 0) + r["roll_rate"]
    assert all(v == pytest.approx(1.0) for v in rates.values())


def dlq05(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    got = sorted(
        [str(r["cohort"]), r["funding_source"], r["matured_loans"], r["fpd_loans"]] for r in rows
    )
    assert got == sorted(m["truths"]["delinquency"]["fpd30"])


def dlq06(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    mis = m["truths"]["delinquency"]["misclassified_loans"]
    assert run.status == "finding" and run.loans == len(mis) == 30
    assert sorted(r["loan_id"] for r in rows) == sorted(mis)
    assert {r["risk_class"] for r in rows} == {"normal"}


def dlq07(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    spec = m["truths"]["delinquency"]["reported_understated"]
    expected = 0
    for t in m["truths"]["delinquency"]["month_end_rates"]:
        if t["month_end"] >= spec["from"]:
            for key in ("m1p_balance", "m3p_balance"):
                if abs(round(t[key] * spec["factor"], 6) - t[key]) > 0.0005:
                    expected += 1
    assert expected >= 10 and run.finding_rows == expected
    assert all(str(r["period_end"]) >= spec["from"] for r in rows if r["finding"])
    assert all(r["recomputed"] is not None for r in rows)


def dlq08(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.status == "not_run" and run.reason == "needs loan_funding"


def dlq09(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = m["truths"]["delinquency"]["borrowers_over_cap"]
    assert len(truth) >= 3
    got = sorted([r["borrower_id"], r["live_loans"], cents(r["outstanding"])] for r in rows)
    assert got == truth and run.borrowers == len(truth)


def dlq11(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.status == "finding"
    issues: dict[str, int] = {}
    for r in rows:
        issues[r["issue"]] = issues.get(r["issue"], 0) + 1
    # The doubled debits were never posted to the ledger: money taken, no payment recorded.
    assert issues == {
        "debit posted as more than one payment": m["truths"]["data_quality"][
            "duplicate_payment_rows"
        ],
        "successful debit with no payment posted": m["truths"]["conduct"]["duplicate_debits"][
            "doubled_installments"
        ],
    }


def dq07(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.status == "pass"  # every reason the sample uses is classified


def out01(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = m["truths"]["outage"]["failed_attempts_in_windows"]
    got: dict[str, int] = {}
    for r in rows:
        got[r["incident_id"]] = got.get(r["incident_id"], 0) + 1
    assert got == {k: v for k, v in truth.items() if v}
    assert {r["reason_category"] for r in rows} <= {"technical", "borrower"}


def out02(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    spike = m["truths"]["congestion"]
    found = [r for r in rows if r["finding"]]
    assert len(found) >= 2 and run.finding_rows == len(found)
    # Every finding lies on the spike and none on a normal day or inside a logged incident.
    for r in found:
        assert str(r["slot_end"]) > spike["start"] and str(r["slot"]) < spike["end"]
        assert r["logged_incident"] is None
    by_hour = spike["technical_failures_that_day_by_hour"]
    assert {str(r["slot"]): r["failures"] for r in found} == {
        h: n for h, n in by_hour.items() if h in {str(r["slot"]) for r in found}
    }
    assert sum(r["failures"] for r in found) >= spike["failed_attempts"]


def out11(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["outage"]
    total = rows[-1]
    assert total["incident_id"] == "ALL" and not total["finding"]
    assert (
        total["harmed_installments"],
        total["harmed_borrowers"],
        cents(total["refund_due"]),
        total["reports_to_correct"],
    ) == (
        t["harmed_installments"],
        t["harmed_borrowers"],
        t["refund_due_cents"],
        t["reports_to_correct"],
    )
    rows = rows[:-1]
    got = {r["incident_id"]: r for r in rows}
    for inc, truth in t["scorecard"].items():
        r = got[inc]
        assert (
            r["harmed_installments"],
            r["harmed_borrowers"],
            cents(r["refund_due"]),
            r["reports_to_correct"],
        ) == (
            truth["harmed_installments"],
            truth["harmed_borrowers"],
            truth["refund_due_cents"],
            truth["reports_to_correct"],
        ), inc
        assert r["failed_in_window"] == t["failed_attempts_in_windows"][inc]
    assert sum(cents(r["refund_due"]) for r in rows) == t["refund_due_cents"]
    assert sum(r["reports_to_correct"] for r in rows) == t["reports_to_correct"]
    assert {r["incident_id"] for r in rows if r["finding"]} == {"INC-002", "INC-003"}


def out03(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.finding_rows == m["truths"]["outage"]["borrower_tried_in_time_then_late"] > 30
    assert {r["reason_category"] for r in rows} == {"technical"}


def out10(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert [(r["incident_id"], r["problem"]) for r in rows] == [
        ("INC-002", "overlaps the repayment peak on a due date; never announced")
    ]


def out04(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["outage"]
    assert run.finding_rows == t["refund_due_rows"] > 100
    assert cents(run.amount) == t["refund_due_cents"]
    remediated = {"INC-001"}  # its penalties were waived: nothing to refund
    assert {r["incident_id"] for r in rows} == set(t["harmed_by_incident"]) - remediated


def out05(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert run.finding_rows == m["truths"]["outage"]["reports_to_correct"] > 100
    assert "INC-001" not in {r["incident_id"] for r in rows}  # corrected by the platform


def out06(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["outage"]
    # Every harmed installment was late 1-3 days and got an overdue notice the next morning.
    assert sorted([r["loan_id"], r["inst_no"], r["incident_id"]] for r in rows) == t["harmed"]
    assert {r["overdue_notices"] for r in rows} == {1}


def out09(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["outage"]
    assert run.finding_rows == t["failed_payment_fees_on_technical_failures"] > 50
    assert cents(run.amount) == t["failed_payment_fees_on_technical_failures_cents"]
    assert {r["problem"] for r in rows} == {"fee on a technical failure"}


def dsc01(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    daily_only = m["truths"]["disclosure"]["daily_rate_only_products"]
    assert daily_only == ["P02"]
    assert {(r["level"], r["product_id"]) for r in rows} == {
        ("disclosure", "P02"),
        ("loans", "P02"),
    }
    assert sum(1 for r in rows if r["level"] == "disclosure") == 2
    assert next(r["loans"] for r in rows if r["level"] == "loans") > 1000


def dsc02(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert {r["product_id"] for r in rows} == set(
        m["truths"]["disclosure"]["daily_rate_only_products"]
    )
    assert len(rows) == 2


def dsc03(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert [(r["level"], r["product_id"]) for r in rows] == [
        ("disclosure", p)
        for p in m["truths"]["disclosure"]["method_label_missing_products"]
        for _ in (1, 2)
    ]


def dsc04(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    d = m["truths"]["disclosure"]
    found = [r for r in rows if r["finding"]]
    fee = [r for r in found if r["product_id"] in d["fee_left_out_products"]]
    # Every loan of that product is understated, by the fee (about 6.4 points a year) ...
    p03 = [r for r in rows if r["product_id"] == "P03"]
    assert len(fee) == len(p03) > 1000
    assert all(0.06 < r["understated_by"] < 0.07 for r in fee)
    # ... and so is every loan paid out short: nothing else.
    assert sorted(r["loan_id"] for r in found if r not in fee) == d["upfront_deduction_loans"]


def dsc06(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert [r["product_id"] for r in rows] == m["truths"]["disclosure"]["fee_left_out_products"]
    assert rows[0]["loans"] > 1000 and rows[0]["fees"] > 0


def dsc07(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    assert (
        sorted(r["loan_id"] for r in rows) == m["truths"]["disclosure"]["upfront_deduction_loans"]
    )
    assert all(abs(float(r["deducted_share"]) - 0.02) < 0.001 for r in rows)


def out07(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["conduct"]["duplicate_debits"]
    assert sorted([r["loan_id"], r["inst_no"], r["status"]] for r in rows) == t["flagged"]
    assert len(t["flagged"]) == 10 and {r["successful_debits"] for r in rows} == {2}
    assert cents(run.amount) == t["excess_cents"]


def out08(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["conduct"]["retries"]
    by: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault(r["problem"].split(" ")[0], []).append(r)
    assert len(by["more"]) == t["consecutive_failure_runs"] > 1000
    assert len(by["installment"]) == t["over_presented_installments"] > 1000
    assert sorted([r["loan_id"], r["attempts"]] for r in by["auto-debit"]) == t["no_authorization"]


def dsc08(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["conduct"]["penalties"]
    above = [r for r in rows if r["problem"] == "charged above the contracted penalty rate"]
    assert len(above) == t["above_contracted_charges"]
    assert sorted({r["loan_id"] for r in above}) == t["misrated_loans"]
    over = [r for r in rows if r["problem"] == "overdue cost above the cap"]
    assert len(over) == t["overdue_cost_above_cap_installments"]
    # No penalty rate above 1.5 x the loan rate: the flat-fee product's 0% contract rate is not
    # the benchmark, its 17.27% APR is.
    assert len(above) + len(over) == len(rows)


def dsc10(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["conduct"]["prenotices"]["episodes_without_prenotice"]
    assert sorted([r["loan_id"], str(r["episode_start"])] for r in rows) == t
    assert len(t) > 100


def dsc11(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    t = m["truths"]["conduct"]
    got: dict[str, int] = {}
    for r in rows:
        got[r["problem"]] = got.get(r["problem"], 0) + 1
    acc = t["bureau_accuracy"]["inaccurate_reports"]
    assert (
        got.pop("negative report: no installment past due by the reported days")
        == acc["negative, but no installment past due by the reported days"]
        == t["bureau_accuracy"]["stale_reports_planted"]
    )
    assert got.pop("normal status reported while past due") == acc["reported normal while past due"]
    d = t["disputes"]
    assert (
        got.pop('dispute "corrected" but no correction sent to the bureau')
        == d["corrected_without_correction"]
    )
    assert (
        got.pop("dispute answered late") + got.pop("dispute still open past the limit")
        == d["late_or_open"]
    )
    assert got == {}


def dsc09(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    truth = m["truths"]["notices"]["missing_reminders_due_by_as_of"]
    orphans = [[x, 1] for x in m["truths"]["data_quality"]["orphan_installments"]]
    assert sorted([r["loan_id"], r["inst_no"]] for r in rows) == sorted(truth + orphans)


def no_comparison(m: dict[str, Any], run: CheckRun, rows: list[dict[str, Any]]) -> None:
    """The rewritten-history family reads a comparison of two exports (tests/history plants
    the rewrites); on one export alone it is not run, and says what it needs."""
    assert (run.status, run.reason) == ("not_run", "needs history.runs")


EXPECTED: dict[str, Callable[[dict[str, Any], CheckRun, list[dict[str, Any]]], None]] = {
    "DQ-01": dq01,
    "DQ-02": dq02,
    "DQ-03": clean,
    "DQ-04": clean,
    "DQ-05": gap_loans,
    "DQ-06": gap_loans,
    "DLQ-01": dlq01,
    "DLQ-02": dlq02,
    "DLQ-03": dlq03,
    "DLQ-04": dlq04,
    "DLQ-05": dlq05,
    "DLQ-06": dlq06,
    "DLQ-07": dlq07,
    "DLQ-08": dlq08,
    "DLQ-09": dlq09,
    "DLQ-10": clean,
    "DLQ-11": dlq11,
    "DQ-07": dq07,
    "DQ-08": lambda m, run, rows: (
        None
        if run.status == "pass" and rows and not any(r["in_bulk"] for r in rows)
        else pytest.fail(str(rows))
    ),
    "DQ-09": lambda m, run, rows: None if run.status == "not_run" else pytest.fail(run.status),
    "DQ-10": clean,
    "DQ-11": clean,
    "DQ-12": lambda m, run, rows: (
        None if run.status == "pass" and not rows[0]["mismatch"] else pytest.fail(str(rows))
    ),
    "OUT-01": out01,
    "OUT-02": out02,
    "OUT-03": out03,
    "OUT-04": out04,
    "OUT-05": out05,
    "OUT-06": out06,
    "OUT-07": out07,
    "OUT-08": out08,
    "OUT-09": out09,
    "OUT-10": out10,
    "OUT-11": out11,
    "DSC-01": dsc01,
    "DSC-02": dsc02,
    "DSC-03": dsc03,
    "DSC-04": dsc04,
    "DSC-05": clean,
    "DSC-06": dsc06,
    "DSC-07": dsc07,
    "DSC-08": dsc08,
    "DSC-09": dsc09,
    "DSC-10": dsc10,
    "DSC-11": dsc11,
    "DSC-12": clean,
    **{f"HIS-0{i}": no_comparison for i in range(1, 6)},
}


def test_every_check_in_the_library_has_a_known_answer(library: dict[str, CheckSpec]) -> None:
    assert set(library) == set(EXPECTED)


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_check_finds_the_planted_truth(
    check_id: str, sample: SampleResult, sample_runs: Runs
) -> None:
    run, rows = sample_runs[check_id]
    assert run.status != "error", run.reason
    EXPECTED[check_id](sample.manifest, run, rows)
    assert run.params["as_of"] == {"value": "2024-09-30", "source": "case"}
