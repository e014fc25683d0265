"""Outage truths of the sample platform, by the definitions the outage checks apply (DOMAIN.md
outage linkage, domain-rules 7.2), computed with numpy from the simulation's own arrays.

A failed attempt is outage-linked when its reason is technical, or when it lies inside an
incident window widened by the buffer and its reason is not the borrower's. An installment with
a linked attempt from the day before its due date to the end of grace is harmed when it was
cleared late, but within the remedy window after the disruption ended. Amounts in cents.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from auditor.engine.reasons import reason_rows
from auditor.sample.book import DAY

BUFFER = np.timedelta64(30 * 60, "s")
REMEDY_DAYS = 3
GRACE_DAYS = 0
LATE_CHARGES = ("penalty_interest", "late_fee", "default_fee", "failed_payment_fee")


def keep_mask(sim: Any) -> np.ndarray:
    return np.asarray(sim.keep, dtype=bool)


def outage_truths(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    book, act, charges, reports = sim.book, sim.act, sim.charges, sim.reports
    inst, loans = book.inst, book.loans
    a = act.attempts
    cats = dict(reason_rows())
    reason = np.array(
        [str(r).lower() if r is not None else "" for r in a["failure_reason"]], dtype=object
    )
    category = np.array([cats.get(r, "") for r in reason], dtype=object)
    failed = a["status"] == "failed"
    at = a["attempt_at"]
    window_end = np.full(len(at), np.datetime64("NaT", "s"))
    window_id = np.full(len(at), "", dtype=object)
    in_window_counts = {}
    for inc in cfg["incidents"]:
        start = np.datetime64(inc["start"].isoformat(), "s")
        end = np.datetime64(inc["end"].isoformat(), "s")
        inside = failed & (at >= start - BUFFER) & (at <= end + BUFFER)
        in_window_counts[inc["id"]] = int(inside.sum())
        later = inside & (np.isnat(window_end) | (window_end < end))
        window_end[later], window_id[later] = end, inc["id"]
    linked = failed & (
        (category == "technical") | (~np.isnat(window_end) & (category != "borrower"))
    )
    k = a["inst"][linked]
    day = at[linked].astype("datetime64[D]")
    due = inst["due_date"][k]
    in_time = (day >= due - DAY) & (day <= due + GRACE_DAYS * DAY)
    k, day = k[in_time], day[in_time]
    end = np.where(
        np.isnat(window_end[linked][in_time]), at[linked][in_time], window_end[linked][in_time]
    ).astype("datetime64[D]")
    wid = window_id[linked][in_time]
    # Per installment: the latest disruption end among its linked attempts.
    order = np.lexsort((end, k))
    k, end, wid = k[order], end[order], wid[order]
    last = np.r_[k[1:] != k[:-1], True]
    k, end, wid = k[last], end[last], wid[last]
    paid = act.paid_date[k]
    due = inst["due_date"][k]
    cleared = ~np.isnat(paid)
    harmed_mask = (
        cleared
        & (np.where(cleared, paid, due) > due + GRACE_DAYS * DAY)
        & (np.where(cleared, paid, due) <= end + REMEDY_DAYS * DAY)
    )
    harmed = k[harmed_mask]
    harmed_incident = dict(zip(harmed.tolist(), wid[harmed_mask].tolist(), strict=True))
    # Refund due: late charges on harmed installments, not waived or refunded, from the due date.
    c_inst = charges["inst"]
    c_ok = (
        np.isin(c_inst, harmed)
        & np.isin(charges["charge_type"], LATE_CHARGES)
        & np.isnat(charges["waived_at"])
        & (charges["assessed_at"].astype("datetime64[D]") >= inst["due_date"][c_inst])
    )
    # Negative reports on harmed installments that nothing supersedes.
    first_n = int(reports["first_count"][0])
    r_inst = reports["inst"][:first_n]
    superseded = reports["supersedes"][reports["supersedes"] >= 0]
    r_ok = np.isin(r_inst, harmed) & ~np.isin(np.arange(first_n), superseded)
    # Failed-payment fees on a day the installment's debit failed for a technical reason.
    tech = failed & (category == "technical")
    tech_keys = set(
        zip(
            a["inst"][tech].tolist(),
            at[tech].astype("datetime64[D]").astype(str).tolist(),
            strict=True,
        )
    )
    fpf = charges["charge_type"] == "failed_payment_fee"
    fpf_days = charges["assessed_at"][fpf].astype("datetime64[D]").astype(str)
    fpf_tech = np.array(
        [(i, d) in tech_keys for i, d in zip(c_inst[fpf].tolist(), fpf_days.tolist(), strict=True)]
    )
    borrowers = {str(loans["borrower_id"][inst["loan"][i]]) for i in harmed}
    incident_of = np.array([harmed_incident.get(i, "") for i in c_inst.tolist()], dtype=object)
    report_incident = np.array([harmed_incident.get(i, "") for i in r_inst.tolist()], dtype=object)
    scorecard = {}
    for inc in cfg["incidents"]:
        h = [i for i, w in harmed_incident.items() if w == inc["id"]]
        scorecard[inc["id"]] = {
            "harmed_installments": len(h),
            "harmed_borrowers": len({str(loans["borrower_id"][inst["loan"][i]]) for i in h}),
            "refund_due_cents": int(charges["amount_c"][c_ok & (incident_of == inc["id"])].sum()),
            "reports_to_correct": int((r_ok & (report_incident == inc["id"])).sum()),
        }
    per_incident: dict[str, int] = {}
    for inc_id in harmed_incident.values():
        per_incident[inc_id or "unlogged"] = per_incident.get(inc_id or "unlogged", 0) + 1
    # Borrowers who tried to pay in time (their own attempt, failed for a reason not theirs,
    # on or before the due date) and were then overdue.
    own = failed & (a["initiated_by"] == "borrower") & (category != "borrower")
    ki = a["inst"][own]
    on_time = at[own].astype("datetime64[D]") <= inst["due_date"][ki]
    pd = act.paid_date[ki]
    late = np.isnat(pd) | (
        np.where(np.isnat(pd), inst["due_date"][ki], pd) > inst["due_date"][ki] + GRACE_DAYS * DAY
    )
    tried = int((on_time & late & keep_mask(sim)[ki]).sum())
    return {
        "borrower_tried_in_time_then_late": tried,
        "definitions": {
            "incident_buffer_min": 30,
            "remedy_days": REMEDY_DAYS,
            "grace_days": GRACE_DAYS,
        },
        "failed_attempts_in_windows": in_window_counts,
        "scorecard": scorecard,
        "harmed_installments": len(harmed),
        "harmed_by_incident": per_incident,
        "harmed_borrowers": len(borrowers),
        "refund_due_rows": int(c_ok.sum()),
        "refund_due_cents": int(charges["amount_c"][c_ok].sum()),
        "reports_to_correct": int(r_ok.sum()),
        "failed_payment_fees_on_technical_failures": int(fpf_tech.sum()),
        "failed_payment_fees_on_technical_failures_cents": int(
            charges["amount_c"][fpf][fpf_tech].sum()
        ),
        "harmed": sorted(
            [str(loans["loan_id"][inst["loan"][i]]), int(inst["inst_no"][i]), harmed_incident[i]]
            for i in harmed.tolist()
        ),
    }
