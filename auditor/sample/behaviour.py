"""How the sample platform's borrowers paid, and how its systems failed them.

Each installment gets a payment delay from its borrower's type (on time, early, late payer,
defaulter). Then the platform's side is laid over it: due-date auto-debits run at the morning
peak, and those that fall inside a logged outage or maintenance window fail for a technical reason.
Borrowers who would have paid on time are pushed one or two days late by that failure: those
installments are the planted harm. A congestion spike the platform never logged makes auto-debits
fail and succeed on a same-day retry, and a little technical noise runs through normal days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from auditor.sample.book import DAY, Book, Frame, d64

SEC = np.timedelta64(1, "s")
NAT = np.datetime64("NaT", "s")
BORROWER_REASONS = np.array(
    ["insufficient_funds"] * 17 + ["card_expired", "account_closed", "authorization_revoked"],
    dtype=object,
)
NOISE_REASONS = np.array(["system_error", "timeout", "unknown_5xx"], dtype=object)
INCIDENT_REASON = {"outage": "gateway_unavailable", "maintenance": "maintenance"}


@dataclass(frozen=True)
class Activity:
    paid_date: np.ndarray  # datetime64[D], NaT where unpaid at as-of
    delay: np.ndarray  # days after due the installment was cleared (or would be)
    harmed_incident: np.ndarray  # index of the incident that pushed it late, -1 if none
    hit_incident: np.ndarray  # index of the incident its due-date auto-debit fell in, -1
    attempts: Frame
    success_time: np.ndarray  # per installment: the time of the clearing attempt
    success_attempt: np.ndarray  # per installment: row of the clearing attempt, -1
    loan_type: np.ndarray  # per loan: 0 on time, 1 late payer, 2 defaulter


def _ts(d: datetime) -> np.datetime64:
    return np.datetime64(d.isoformat(), "s")


class _Attempts:
    """Collects attempt rows group by group; a row's index is its position."""

    def __init__(self) -> None:
        self.parts: list[Frame] = []
        self.n = 0

    def add(
        self,
        inst: np.ndarray,
        at: np.ndarray,
        status: str | np.ndarray,
        reason: Any,
        by: str,
        channel: str,
        retry_of: np.ndarray | None = None,
    ) -> np.ndarray:
        k = len(inst)
        rows = np.arange(self.n, self.n + k)
        self.parts.append(
            {
                "inst": inst,
                "attempt_at": at,
                "status": np.broadcast_to(np.asarray(status, dtype=object), (k,)).copy(),
                "failure_reason": np.broadcast_to(np.asarray(reason, dtype=object), (k,)).copy(),
                "initiated_by": np.full(k, by, dtype=object),
                "channel": np.full(k, channel, dtype=object),
                "retry_of": retry_of if retry_of is not None else np.full(k, -1),
            }
        )
        self.n += k
        return rows

    def frame(self) -> Frame:
        return {key: np.concatenate([p[key] for p in self.parts]) for key in self.parts[0]}


def simulate(rng: np.random.Generator, book: Book, cfg: dict[str, Any]) -> Activity:
    beh = cfg["behaviour"]
    inst, loans = book.inst, book.loans
    n_loans, n = len(loans["term"]), len(inst["loan"])
    as_of = d64(cfg["as_of"])
    loan = inst["loan"]
    u = rng.random(n_loans)
    loan_type = np.where(
        u < beh["defaulter_share"],
        2,
        np.where(u < beh["defaulter_share"] + beh["late_payer_share"], 1, 0),
    )
    default_from = 1 + (rng.random(n_loans) * loans["term"]).astype(int)
    ltype = loan_type[loan]
    delay = np.zeros(n, dtype=np.int64)
    early = (ltype == 0) & (rng.random(n) < beh["early_payer_share"])
    delay[early] = -rng.integers(1, 4, int(early.sum()))
    late = (ltype == 1) & (rng.random(n) < beh["late_installment_share"])
    delay[late] = 1 + np.minimum(rng.geometric(0.12, int(late.sum())), 119)
    never = (ltype == 2) & (inst["inst_no"] >= default_from[loan])
    delay[never] = 10**6
    due = inst["due_date"]
    due_s = due.astype("datetime64[s]")
    is_due = due <= as_of
    # The due-date auto-debit runs at the morning peak, 09:00 to 12:00.
    debit_at = due_s + (9 * 3600 + rng.integers(0, 3 * 3600, n)) * SEC
    auto = is_due & ~early

    hit = np.full(n, -1)
    harmed = np.full(n, -1)
    for i, inc in enumerate(cfg["incidents"]):
        if inc["kind"] not in INCIDENT_REASON:
            continue
        inside = auto & (debit_at >= _ts(inc["start"])) & (debit_at <= _ts(inc["end"]))
        hit[inside] = i
        pushed = inside & (delay == 0)
        harmed[pushed] = i
        delay[pushed] = rng.integers(1, 3, int(pushed.sum()))

    paid_date = np.where(
        is_due & (due + delay * DAY <= as_of), due + delay * DAY, np.datetime64("NaT", "D")
    )
    att = _Attempts()
    success_time = np.full(n, NAT)
    success_row = np.full(n, -1)

    # 1. Due-date auto-debits.
    ok = auto & (delay == 0)
    cong = cfg["congestion"]
    in_spike = ok & (debit_at >= _ts(cong["start"])) & (debit_at <= _ts(cong["end"]))
    spike_fail = in_spike & (rng.random(n) < cong["failure_share"])
    noise = ok & ~in_spike & (hit < 0) & (rng.random(n) < beh["technical_noise"])
    clean = ok & ~spike_fail & ~noise
    idx = np.flatnonzero(clean)
    rows = att.add(idx, debit_at[idx], "success", None, "platform", "auto_debit")
    success_time[idx], success_row[idx] = debit_at[idx], rows
    for mask, reason, lo, hi in (
        (spike_fail, cong["reason"], 3 * 3600, 5 * 3600),
        (noise, None, 1800, 5400),
    ):
        idx = np.flatnonzero(mask)
        why = reason or NOISE_REASONS[rng.integers(0, 3, len(idx))]
        first = att.add(idx, debit_at[idx], "failed", why, "platform", "auto_debit")
        again = debit_at[idx] + rng.integers(lo, hi, len(idx)) * SEC
        rows = att.add(idx, again, "success", None, "platform", "auto_debit", retry_of=first)
        success_time[idx], success_row[idx] = again, rows

    # 2. Auto-debits that failed: the borrower's shortfall, or the platform's incident.
    failed = auto & (delay != 0)
    idx = np.flatnonzero(failed)
    reasons = BORROWER_REASONS[rng.integers(0, len(BORROWER_REASONS), len(idx))]
    inc_kind = np.array(
        [INCIDENT_REASON.get(c["kind"], "system_error") for c in cfg["incidents"]] + ["-"],
        dtype=object,
    )
    inc_reason = inc_kind[hit[idx]]
    for i, c in enumerate(cfg["incidents"]):
        if c["components"] == "bank_channel":
            inc_reason[hit[idx] == i] = "bank_channel_unavailable"
    reasons = np.where(hit[idx] >= 0, inc_reason, reasons)
    first = np.full(n, -1)
    first[idx] = att.add(idx, debit_at[idx], "failed", reasons, "platform", "auto_debit")

    # Some harmed borrowers tried to pay in the app during the outage, before the cut-off.
    tried = np.flatnonzero((harmed >= 0) & (rng.random(n) < 0.3))
    ends = np.array([_ts(c["end"]) for c in cfg["incidents"]])[harmed[tried]]
    span = np.maximum((ends - debit_at[tried]) // SEC, 2)
    app_at = debit_at[tried] + (1 + (rng.random(len(tried)) * (span - 1)).astype(int)) * SEC
    att.add(tried, app_at, "failed", "system_error", "borrower", "app")

    # 3. Retries while the borrower is short: days 1, 3, 7, 15, 30, 60, 90 after due.
    short = failed & (harmed < 0)
    for off in (1, 3, 7, 15, 30, 60, 90):
        m = short & (delay > off) & (due + off * DAY <= as_of)
        idx = np.flatnonzero(m)
        at = (due[idx] + off * DAY).astype("datetime64[s]") + (
            9 * 3600 + rng.integers(0, 3 * 3600, len(idx))
        ) * SEC
        reasons = BORROWER_REASONS[rng.integers(0, len(BORROWER_REASONS), len(idx))]
        att.add(idx, at, "failed", reasons, "platform", "auto_debit", retry_of=first[idx])

    # 4. The clearing payment of late installments and of early payers.
    cleared_late = is_due & (delay > 0) & ~np.isnat(paid_date)
    idx = np.flatnonzero(cleared_late & (harmed >= 0))
    at = paid_date[idx].astype("datetime64[s]") + (9 * 3600 + rng.integers(0, 3600, len(idx))) * SEC
    rows = att.add(idx, at, "success", None, "platform", "auto_debit", retry_of=first[idx])
    success_time[idx], success_row[idx] = at, rows
    idx = np.flatnonzero((cleared_late & (harmed < 0)) | (early & is_due & (paid_date <= as_of)))
    at = paid_date[idx].astype("datetime64[s]") + rng.integers(8 * 3600, 22 * 3600, len(idx)) * SEC
    rows = att.add(idx, at, "success", None, "borrower", "app")
    success_time[idx], success_row[idx] = at, rows

    return Activity(
        paid_date, delay, harmed, hit, att.frame(), success_time, success_row, loan_type
    )
