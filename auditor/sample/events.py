"""What followed the payments on the sample platform: charges, bureau reports, notices, loan
status, the platform's own reported metrics, and its product disclosures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np

from auditor.sample.behaviour import SEC, Activity
from auditor.sample.book import DAY, Book, Frame, d64

PENALTY_MULTIPLE = 1.5  # penalty rate = 1.5 x the contract rate (at least 12%)


def penalty_rate(book: Book) -> np.ndarray:
    return np.maximum(book.loans["rate"], 0.12) * PENALTY_MULTIPLE


def days_late(act: Activity, book: Book, as_of: np.datetime64) -> np.ndarray:
    """Days each installment was (or still is) past due at as-of; 0 if cleared on time."""
    due = book.inst["due_date"]
    end = np.where(np.isnat(act.paid_date), as_of, act.paid_date)
    return np.where(due < as_of, np.maximum((end - due) // DAY, 0), 0)


def charges(rng: np.random.Generator, book: Book, act: Activity, cfg: dict[str, Any]) -> Frame:
    as_of = d64(cfg["as_of"])
    inst = book.inst
    late = days_late(act, book, as_of)
    rate = penalty_rate(book)[inst["loan"]]
    parts: list[Frame] = []

    def add(
        idx: np.ndarray,
        ctype: str,
        amount_c: np.ndarray,
        at: np.ndarray,
        rate_applied: np.ndarray,
        waived: np.ndarray,
    ) -> None:
        parts.append(
            {
                "inst": idx,
                "charge_type": np.full(len(idx), ctype, dtype=object),
                "amount_c": amount_c,
                "assessed_at": at,
                "rate_applied": rate_applied,
                "waived_at": waived,
            }
        )

    idx = np.flatnonzero(late > 0)
    amount = np.round(inst["principal_due_c"][idx] * rate[idx] / 360 * late[idx]).astype(np.int64)
    end = np.where(np.isnat(act.paid_date[idx]), as_of, act.paid_date[idx])
    at = end.astype("datetime64[s]") + 300 * SEC
    waived = np.full(len(idx), np.datetime64("NaT", "s"))
    for i, inc in enumerate(cfg["incidents"]):
        if inc.get("remediated"):
            m = act.hit_incident[idx] == i  # everyone the incident hit
            waived[m] = np.datetime64(inc["end"].isoformat(), "s") + 5 * 86400 * SEC
    add(idx, "penalty_interest", amount, at, rate[idx], waived)
    idx = np.flatnonzero(late > cfg["behaviour"]["late_fee_after_days"])
    fee = round(cfg["behaviour"]["late_fee"] * 100)
    at = (inst["due_date"][idx] + (cfg["behaviour"]["late_fee_after_days"] + 1) * DAY).astype(
        "datetime64[s]"
    ) + 600 * SEC
    add(
        idx,
        "late_fee",
        np.full(len(idx), fee),
        at,
        np.full(len(idx), np.nan),
        np.full(len(idx), np.datetime64("NaT", "s")),
    )
    for i, inc in enumerate(cfg["incidents"]):
        if "failed_payment_fee" in inc:
            idx = np.flatnonzero(act.hit_incident == i)
            fee_at = np.full(len(idx), np.datetime64(inc["end"].isoformat(), "s")) + 60 * SEC
            add(
                idx,
                "failed_payment_fee",
                np.full(len(idx), round(inc["failed_payment_fee"] * 100)),
                fee_at,
                np.full(len(idx), np.nan),
                np.full(len(idx), np.datetime64("NaT", "s")),
            )
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    order = np.argsort(out["assessed_at"], kind="stable")
    return {k: v[order] for k, v in out.items()}


def bureau_reports(book: Book, act: Activity, cfg: dict[str, Any]) -> Frame:
    """A negative report the day after a missed due date; corrections for remediated incidents;
    and month-end reports for every installment still unpaid. A report's as-of date is the day
    it speaks for, as at the start of that day (before that day's payments)."""
    as_of = d64(cfg["as_of"])
    inst = book.inst
    due = inst["due_date"]
    owed = inst["principal_due_c"] + inst["interest_due_c"] + inst["fee_due_c"]
    parts: list[Frame] = []
    first = np.flatnonzero((act.delay > 0) & (due + DAY <= as_of))
    parts.append(
        {
            "inst": first,
            "submitted_at": (due[first] + DAY).astype("datetime64[s]") + 7200 * SEC,
            "dpd": np.ones(len(first), dtype=np.int64),
            "amount_c": owed[first],
            "negative": np.ones(len(first), bool),
            "supersedes": np.full(len(first), -1),
            # The day the report speaks for, as at the start of that day: 1 day past due.
            "as_of": due[first] + DAY,
        }
    )
    n_first = len(first)
    for i, inc in enumerate(cfg["incidents"]):
        if inc.get("remediated"):
            m = np.flatnonzero(act.hit_incident[first] == i)
            at = np.datetime64(inc["end"].isoformat(), "s") + 7 * 86400 * SEC
            parts.append(
                {
                    "inst": first[m],
                    "submitted_at": np.full(len(m), at),
                    "dpd": np.zeros(len(m), dtype=np.int64),
                    "amount_c": np.zeros(len(m), dtype=np.int64),
                    "negative": np.zeros(len(m), bool),
                    "supersedes": m,
                    "as_of": np.full(len(m), at.astype("datetime64[D]")),
                }
            )
    month_ends = np.arange(np.datetime64("2023-01", "M"), as_of.astype("datetime64[M]") + 1)
    for me in (month_ends + 1).astype("datetime64[D]") - DAY:
        if me > as_of:
            continue
        m = np.flatnonzero(
            (due < me) & (np.isnat(act.paid_date) | (act.paid_date > me)) & (act.delay > 0)
        )
        parts.append(
            {
                "inst": m,
                "submitted_at": np.full(len(m), (me + DAY).astype("datetime64[s]") + 3600 * SEC),
                "dpd": ((me - due[m]) // DAY).astype(np.int64),
                "amount_c": owed[m],
                "negative": np.ones(len(m), bool),
                "supersedes": np.full(len(m), -1),
                "as_of": np.full(len(m), me),
            }
        )
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    out["first_count"] = np.array([n_first])
    return out


def notices(
    rng: np.random.Generator, book: Book, act: Activity, reports: Frame, cfg: dict[str, Any]
) -> tuple[Frame, np.ndarray, np.ndarray]:
    """Due reminders three days ahead, overdue notices, and pre-notices before the first
    negative report. Returns the notices and the planted missing reminders and pre-notices."""
    as_of = d64(cfg["as_of"])
    due = book.inst["due_date"]
    n = len(due)
    missing_rem = (rng.random(n) < cfg["behaviour"]["missing_reminder_share"]) & (
        due - 3 * DAY <= as_of
    )
    rem = np.flatnonzero((due - 3 * DAY <= as_of) & ~missing_rem)
    first_n = int(reports["first_count"][0])
    neg = reports["inst"][:first_n]
    missing_pre = rng.random(len(neg)) < 0.1
    pre = neg[~missing_pre]
    late = np.flatnonzero((act.delay > 0) & (due + DAY <= as_of))
    inst = np.concatenate([rem, pre, late])
    kind = np.concatenate(
        [
            np.full(len(rem), "due_reminder", dtype=object),
            np.full(len(pre), "negative_report_prenotice", dtype=object),
            np.full(len(late), "overdue_notice", dtype=object),
        ]
    )
    sent = np.concatenate(
        [
            (due[rem] - 3 * DAY).astype("datetime64[s]") + 36000 * SEC,
            due[pre].astype("datetime64[s]") + 72000 * SEC,
            (due[late] + DAY).astype("datetime64[s]") + 36000 * SEC,
        ]
    )
    channel = np.where(rng.random(len(inst)) < 0.7, "app_push", "sms").astype(object)
    delivered = sent + rng.integers(1, 120, len(inst)) * SEC
    order = np.argsort(sent, kind="stable")
    frame = {
        "inst": inst[order],
        "notice_type": kind[order],
        "sent_at": sent[order],
        "channel": channel[order],
        "delivered_at": delivered[order],
    }
    return frame, np.flatnonzero(missing_rem), neg[missing_pre]


def loan_status(
    book: Book, act: Activity, cfg: dict[str, Any], rng: np.random.Generator
) -> tuple[Frame, np.ndarray]:
    """Risk class, charge-off and closing per loan at as-of; returns it and the planted
    misclassified loans (90+ days past due, still classed normal)."""
    as_of = d64(cfg["as_of"])
    inst, n_loans = book.inst, len(book.loans["term"])
    late = days_late(act, book, as_of)
    unpaid_late = np.where(np.isnat(act.paid_date), late, 0)
    dpd = np.zeros(n_loans, dtype=np.int64)
    np.maximum.at(dpd, inst["loan"], unpaid_late)
    risk = np.select(
        [dpd > 360, dpd > 270, dpd > 90, dpd > 0],
        ["loss", "doubtful", "substandard", "special_mention"],
        "normal",
    ).astype(object)
    candidates = np.flatnonzero(dpd > 90)
    k = min(int(cfg["behaviour"]["misclassified_loans"]), len(candidates))
    mis = np.sort(rng.choice(candidates, k, replace=False)) if k else np.array([], dtype=int)
    risk[mis] = "normal"
    charged_off = np.where(dpd > 180, as_of - (dpd - 180) * DAY, np.datetime64("NaT", "D"))
    all_paid = np.ones(n_loans, bool)
    np.logical_and.at(all_paid, inst["loan"], ~np.isnat(act.paid_date))
    last_paid = np.full(n_loans, np.datetime64("1970-01-01", "D"))
    np.maximum.at(
        last_paid,
        inst["loan"],
        np.where(np.isnat(act.paid_date), np.datetime64("1970-01-01", "D"), act.paid_date),
    )
    closed = np.where(all_paid, last_paid, np.datetime64("NaT", "D"))
    return {"dpd": dpd, "risk_class": risk, "charged_off_at": charged_off, "closed_at": closed}, mis


def loan_state_at(
    book: Book, act: Activity, when: np.datetime64, keep: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per loan at a date: outstanding principal, DPD and ever-DPD, over the installments in
    ``keep`` (those the export holds). Outstanding is contract principal less the principal of
    installments cleared by then; DPD counts days since the oldest due date still unpaid."""
    inst, loans = book.inst, book.loans
    n = len(loans["term"])
    loan = inst["loan"][keep]
    due, paid = inst["due_date"][keep], act.paid_date[keep]
    paid_by = ~np.isnat(paid) & (paid <= when)
    repaid = np.bincount(
        loan, weights=np.where(paid_by, inst["principal_due_c"][keep], 0), minlength=n
    )
    outstanding = loans["principal_c"] - repaid.astype(np.int64)
    late_then = (when - due) // DAY
    paid_late = np.maximum((np.where(paid_by, paid, due) - due) // DAY, 0)  # no NaT arithmetic
    dpd_i = np.where((due < when) & ~paid_by, late_then, 0)
    ever_i = np.where(due < when, np.where(paid_by, paid_late, late_then), 0)
    dpd = np.zeros(n, dtype=np.int64)
    ever = np.zeros(n, dtype=np.int64)
    np.maximum.at(dpd, loan, dpd_i.astype(np.int64))
    np.maximum.at(ever, loan, ever_i.astype(np.int64))
    return outstanding, dpd, ever


def month_ends(cfg: dict[str, Any]) -> list[np.datetime64]:
    as_of = d64(cfg["as_of"])
    months = np.arange(
        np.datetime64(cfg["first_disbursement"].isoformat(), "M"), as_of.astype("datetime64[M]") + 1
    )
    return [me for me in (months + 1).astype("datetime64[D]") - DAY if me <= as_of]


def month_end_rates(
    book: Book, act: Activity, status: Frame, cfg: dict[str, Any], keep: np.ndarray
) -> list[tuple[date, float, float]]:
    """True month-end overdue rates by balance: (month end, M1+ rate, M3+ rate).

    Outstanding principal over loans disbursed and not charged off by the month end; a loan is
    M1+ when an installment due before the month end is unpaid at it, M3+ at 61 days.
    """
    loans = book.loans
    out = []
    for me in month_ends(cfg):
        outstanding, dpd, _ = loan_state_at(book, act, me, keep)
        live = (loans["disb_date"] <= me) & ~(status["charged_off_at"] <= me)
        outstanding = np.where(live, outstanding, 0)
        total = outstanding.sum()
        if total <= 0:
            continue
        out.append(
            (
                me.astype(object),
                float(outstanding[dpd >= 1].sum() / total),
                float(outstanding[dpd >= 61].sum() / total),
            )
        )
    return out


def disclosures(book: Book, cfg: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    captured = datetime(2024, 6, 1, 10, 0)
    for p in book.products:
        daily_only = p["disclosed_apr"] == ""
        for surface in ("app_page", "contract"):
            rows.append(
                {
                    "product_id": p["id"],
                    "surface": surface,
                    "captured_at": captured,
                    "apr_shown": not daily_only,
                    "apr_value": None if daily_only else p["disclosed_apr"],
                    "apr_method_label": None if daily_only or p["id"] == "P04" else "IRR",
                    "daily_rate_shown": daily_only or surface == "contract",
                    "daily_rate_value": round(p["rate"] / 365, 6) if p["rate"] else None,
                    "apr_font_px": None if daily_only else 14,
                    "daily_font_px": 28 if daily_only else 12,
                    "penalty_terms_shown": surface == "contract",
                    "fees_listed": ""
                    if p["fee_rate_monthly"] == 0 or p["id"] == "P03"
                    else "服务费",
                }
            )
    return rows


def notice_time(c: dict[str, Any]) -> Any:
    """Planned work announced two days ahead; an unplanned outage a quarter-hour after it began."""
    from datetime import timedelta

    if not c["notified"]:
        return None
    return c["start"] - timedelta(days=2) if c["planned"] else c["start"] + timedelta(minutes=15)
