"""Planted truths for the conduct checks: duplicate debits and refunds (OUT-07), debit retries
and authorisations (OUT-08), penalty rates and overdue cost (DSC-08), notice before negative
reporting (DSC-10), and bureau accuracy and disputes (DSC-11).

Computed from the simulation's arrays with the checks' default parameters, so that a check
reading the imported tables and agreeing with these numbers found what was planted.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from auditor.sample.book import DAY, d64
from auditor.sample.events import penalty_rate

REFUND_MAX_DAYS = 10
MAX_CONSEC_FAILED = 2
MAX_PRESENTMENTS = 3
PRESENTMENT_WINDOW_DAYS = 180
CAP_LICENSED = 0.24
RATE_TOLERANCE = 1e-4
DISPUTE_DAYS = 20
OVERDUE_CHARGES = ("penalty_interest", "late_fee", "default_fee", "failed_payment_fee")


def conduct_truths(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    return {
        "duplicate_debits": _duplicates(sim),
        "retries": _retries(sim),
        "penalties": _penalties(cfg, sim),
        "prenotices": _prenotices(cfg, sim),
        "bureau_accuracy": _accuracy(cfg, sim),
        "disputes": _disputes(cfg, sim),
    }


def _ids(sim: Any, k: np.ndarray) -> list[list[Any]]:
    inst, loans = sim.book.inst, sim.book.loans
    return [[str(loans["loan_id"][inst["loan"][i]]), int(inst["inst_no"][i])] for i in k]


def _owed(sim: Any) -> np.ndarray:
    inst = sim.book.inst
    return np.asarray(inst["principal_due_c"] + inst["interest_due_c"] + inst["fee_due_c"])


def _duplicates(sim: Any) -> dict[str, Any]:
    a, rf = sim.act.attempts, sim.refunds
    ok = a["status"] == "success"
    n_success = np.bincount(a["inst"][ok], minlength=len(sim.book.inst["loan"]))
    doubled = np.flatnonzero(n_success > 1)
    flagged, excess_c = [], 0
    for k in doubled:
        second = np.sort(a["attempt_at"][ok & (a["inst"] == k)])[1]
        mine = rf["inst"] == k
        if not mine.any():
            status = "not refunded"
        else:
            days = (
                rf["refunded_at"][mine].min().astype("datetime64[D]")
                - second.astype("datetime64[D]")
            ) // DAY
            status = "refunded late" if days > REFUND_MAX_DAYS else ""
        if status:
            flagged.append(_ids(sim, np.array([k]))[0] + [status])
            excess_c += int(_owed(sim)[k]) * (int(n_success[k]) - 1)
    return {
        "doubled_installments": len(doubled),
        "flagged": sorted(flagged),
        "excess_cents": excess_c,
    }


def _retries(sim: Any) -> dict[str, Any]:
    a, inst = sim.act.attempts, sim.book.inst
    plat = np.flatnonzero(a["initiated_by"] == "platform")
    loan = inst["loan"][a["inst"][plat]]
    order = np.lexsort((plat, a["attempt_at"][plat], loan))
    plat, loan = plat[order], loan[order]
    failed = a["status"][plat] == "failed"
    runs = 0
    run_len = 0
    for j in range(len(plat)):
        if j and loan[j] != loan[j - 1]:
            runs += run_len > MAX_CONSEC_FAILED
            run_len = 0
        if failed[j]:
            run_len += 1
        else:
            runs += run_len > MAX_CONSEC_FAILED
            run_len = 0
    runs += run_len > MAX_CONSEC_FAILED
    debit = plat[np.isin(a["channel"][plat], ["auto_debit", "card"])]
    per_inst = np.bincount(a["inst"][debit], minlength=len(inst["loan"]))
    first = np.full(len(inst["loan"]), np.datetime64("NaT", "s"))
    last = np.full(len(inst["loan"]), np.datetime64("NaT", "s"))
    for k, t in zip(a["inst"][debit], a["attempt_at"][debit], strict=True):
        if np.isnat(first[k]) or t < first[k]:
            first[k] = t
        if np.isnat(last[k]) or t > last[k]:
            last[k] = t
    seen = per_inst > 0
    span = np.zeros(len(per_inst), dtype=np.int64)
    span[seen] = (last[seen].astype("datetime64[D]") - first[seen].astype("datetime64[D]")) // DAY
    over = (per_inst > MAX_PRESENTMENTS) | (seen & (span > PRESENTMENT_WINDOW_DAYS))
    loans = sim.book.loans["loan_id"]
    no_auth = [
        [
            str(loans[i]),
            int(
                (
                    (a["channel"] == "auto_debit")
                    & (a["initiated_by"] == "platform")
                    & (inst["loan"][a["inst"]] == i)
                ).sum()
            ),
        ]
        for i in sim.no_auth
    ]
    return {
        "consecutive_failure_runs": int(runs),
        "over_presented_installments": int(over.sum()),
        "no_authorization": sorted(no_auth),
    }


def _penalties(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    book, ch, act = sim.book, sim.charges, sim.act
    inst, loans = book.inst, book.loans
    loan_of = inst["loan"][ch["inst"]]
    pen = ch["charge_type"] == "penalty_interest"
    # The contracted penalty is 1.5 x max(contract rate, 12%), never above 1.5 x the loan's APR
    # (the flat-fee product's APR is 17.27%): only the misrated charges break either limit.
    above = pen & (ch["rate_applied"] > penalty_rate(book)[loan_of] + RATE_TOLERANCE)
    od = np.isin(ch["charge_type"], OVERDUE_CHARGES) & np.isnat(ch["waived_at"])
    od_c = np.bincount(ch["inst"][od], weights=ch["amount_c"][od], minlength=len(inst["loan"]))
    as_of = d64(cfg["as_of"])
    end = np.where(np.isnat(act.paid_date), as_of, act.paid_date)
    days = np.maximum(1, (end - inst["due_date"]) // DAY)
    all_in = loans["rate"][inst["loan"]] + od_c / (_owed(sim) * days / 365.0)
    over_cap = (od_c > 0) & (all_in > CAP_LICENSED)
    return {
        "misrated_loans": sorted(str(loans["loan_id"][i]) for i in sim.misrated),
        "above_contracted_charges": int(above.sum()),
        "overdue_cost_above_cap_installments": int(over_cap.sum()),
    }


def _episodes(cfg: dict[str, Any], sim: Any) -> list[tuple[int, np.datetime64, np.datetime64]]:
    """(loan, first due date, last cleared date or NaT) of each run of overlapping delinquency."""
    inst, act = sim.book.inst, sim.act
    as_of = d64(cfg["as_of"])
    late = np.flatnonzero((act.delay > 0) & (inst["due_date"] < as_of))
    late = late[np.lexsort((inst["due_date"][late], inst["loan"][late]))]
    far = np.datetime64("9999-12-31")
    out: list[tuple[int, np.datetime64, np.datetime64]] = []
    for k in late:
        loan, due = int(inst["loan"][k]), inst["due_date"][k]
        cleared = act.paid_date[k] if not np.isnat(act.paid_date[k]) else far
        if out and out[-1][0] == loan and due <= out[-1][2]:
            out[-1] = (loan, out[-1][1], max(out[-1][2], cleared))
        else:
            out.append((loan, due, cleared))
    return out


def _prenotices(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    inst, rep, nt = sim.book.inst, sim.reports, sim.notice_frame
    as_of = d64(cfg["as_of"])
    neg_loan = inst["loan"][rep["inst"]]
    pre = nt["notice_type"] == "negative_report_prenotice"
    pre_loan = inst["loan"][nt["inst"][pre]]
    pre_at = nt["delivered_at"][pre]
    missing = []
    for loan, start, end in _episodes(cfg, sim):
        stop = min(end, as_of) + DAY
        day = rep["submitted_at"].astype("datetime64[D]")
        m = (neg_loan == loan) & rep["negative"] & (day >= start + DAY) & (day <= stop)
        if not m.any():
            continue
        first = rep["submitted_at"][m].min()
        mine = pre_at[pre_loan == loan]
        if not ((mine >= start.astype("datetime64[s]")) & (mine <= first)).any():
            missing.append([str(sim.book.loans["loan_id"][loan]), str(start)])
    return {"episodes_without_prenotice": sorted(missing)}


def _accuracy(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    inst, rep, act = sim.book.inst, sim.reports, sim.act
    by_loan: dict[int, list[int]] = {}
    for k in np.flatnonzero(sim.keep):
        by_loan.setdefault(int(inst["loan"][k]), []).append(int(k))
    problems = {
        "negative, but no installment past due by the reported days": 0,
        "reported normal while past due": 0,
    }
    for r in range(len(rep["inst"])):
        loan = int(inst["loan"][rep["inst"][r]])
        on = rep["as_of"][r]
        dpds = [
            int((on - inst["due_date"][k]) // DAY)
            for k in by_loan[loan]
            if inst["due_date"][k] < on and (np.isnat(act.paid_date[k]) or act.paid_date[k] >= on)
        ]
        if rep["negative"][r] and int(rep["dpd"][r]) not in dpds:
            problems["negative, but no installment past due by the reported days"] += 1
        elif not rep["negative"][r] and dpds:
            problems["reported normal while past due"] += 1
    planted = int(cfg["plants"]["stale_negative_reports"])
    return {"inaccurate_reports": problems, "stale_reports_planted": planted}


def _disputes(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    d, rep = sim.disputes, sim.reports
    as_of = d64(cfg["as_of"])
    superseded = set(int(x) for x in rep["supersedes"] if x >= 0)
    end = np.where(np.isnat(d["resolved_at"]), as_of, d["resolved_at"].astype("datetime64[D]"))
    days = (end - d["received_at"].astype("datetime64[D]")) // DAY
    late = days > DISPUTE_DAYS
    unreported = np.array(
        [
            o == "corrected" and int(r) not in superseded
            for o, r in zip(d["outcome"], d["report"], strict=True)
        ],
        dtype=bool,
    )
    return {
        "disputes": len(d["report"]),
        "late_or_open": int(late.sum()),
        "corrected_without_correction": int(unreported.sum()),
        "flagged": int((late | unreported).sum()),
    }
