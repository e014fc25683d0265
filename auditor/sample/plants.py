"""Further faults planted in the sample platform, each so that one check has a known answer.

- A batch job re-ran on the morning of one due date and debited some borrowers twice; most were
  refunded within days, some weeks later, some never (OUT-07).
- A few loans were auto-debited with no authorisation on file (OUT-08).
- Penalty interest on some loans was charged at a rate above the contracted one (DSC-08).
- Some negative bureau reports were sent at the month end after the borrower had paid (DSC-11).
- Borrowers disputed outage-caused negative reports; some disputes were answered late, some
  "corrected" without a correction reaching the bureau, some never answered (DSC-11).

Every plant avoids loans an incident touched, so the outage truths do not move.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from auditor.sample.behaviour import NAT, SEC, Activity
from auditor.sample.book import DAY, Book, Frame, d64


def _pick(rng: np.random.Generator, cand: np.ndarray, n: int) -> np.ndarray:
    """Up to n of the candidates, sorted; a small sample platform may have fewer."""
    return np.sort(rng.choice(cand, min(int(n), len(cand)), replace=False))


def untouched_loans(book: Book, act: Activity, exclude: np.ndarray) -> np.ndarray:
    """Per loan: True when no incident hit any of its installments and it is not excluded."""
    ok = np.ones(len(book.loans["term"]), dtype=bool)
    ok[book.inst["loan"][act.hit_incident >= 0]] = False
    ok[exclude] = False
    return ok


def duplicate_debits(
    rng: np.random.Generator, book: Book, act: Activity, cfg: dict[str, Any], ok: np.ndarray
) -> tuple[Activity, Frame, np.ndarray]:
    """Add a second successful auto-debit 40 minutes after the first for installments due on
    the plant day; return the new activity, the refunds, and the doubled installments."""
    p = cfg["plants"]
    inst, a = book.inst, act.attempts
    row = act.success_attempt
    auto_ok = np.zeros(len(row), dtype=bool)
    has = row >= 0
    auto_ok[has] = (a["channel"][row[has]] == "auto_debit") & (
        a["initiated_by"][row[has]] == "platform"
    )
    cand = np.flatnonzero(
        (inst["due_date"] == d64(p["duplicate_debit_day"]))
        & (act.delay == 0)
        & auto_ok
        & ok[inst["loan"]]
    )
    k = _pick(rng, cand, p["duplicate_debits"])
    at = act.success_time[k] + 2400 * SEC
    n0 = len(a["inst"])
    extra = {
        "inst": k,
        "attempt_at": at,
        "status": np.full(len(k), "success", dtype=object),
        "failure_reason": np.full(len(k), None, dtype=object),
        "initiated_by": np.full(len(k), "platform", dtype=object),
        "channel": np.full(len(k), "auto_debit", dtype=object),
        "retry_of": np.full(len(k), -1),
    }
    attempts = {key: np.concatenate([a[key], extra[key]]) for key in a}
    quick = min(int(p["refunded_quickly"]), len(k))
    late = min(int(p["refunded_late"]), len(k) - quick)
    days = np.concatenate([rng.integers(1, 4, quick), rng.integers(15, 41, late)])
    refunded = k[: quick + late]
    owed = inst["principal_due_c"] + inst["interest_due_c"] + inst["fee_due_c"]
    refunds = {
        "inst": refunded,
        "attempt": np.arange(n0, n0 + quick + late),
        "amount_c": owed[refunded],
        "detected_at": at[: quick + late] + rng.integers(2, 30, quick + late) * 3600 * SEC,
        "refunded_at": at[: quick + late] + days * DAY.astype("timedelta64[s]"),
    }
    return dataclasses.replace(act, attempts=attempts), refunds, k


def no_authorization_loans(
    rng: np.random.Generator, book: Book, act: Activity, cfg: dict[str, Any], ok: np.ndarray
) -> np.ndarray:
    a = act.attempts
    auto = (a["channel"] == "auto_debit") & (a["initiated_by"] == "platform")
    has_auto = np.zeros(len(ok), dtype=bool)
    has_auto[book.inst["loan"][a["inst"][auto]]] = True
    cand = np.flatnonzero(has_auto & ok)
    return _pick(rng, cand, cfg["plants"]["no_authorization_loans"])


def misrate_penalties(
    rng: np.random.Generator,
    book: Book,
    act: Activity,
    charges: Frame,
    cfg: dict[str, Any],
    ok: np.ndarray,
) -> tuple[Frame, np.ndarray]:
    """Charge penalty interest at the plant rate on some late payers' loans."""
    p = cfg["plants"]
    pen = charges["charge_type"] == "penalty_interest"
    loan_of = book.inst["loan"][charges["inst"]]
    with_pen = np.zeros(len(ok), dtype=bool)
    with_pen[loan_of[pen]] = True
    cand = np.flatnonzero(with_pen & ok & (act.loan_type == 1))
    chosen = _pick(rng, cand, p["penalty_misrated_loans"])
    m = pen & np.isin(loan_of, chosen)
    out = {key: v.copy() for key, v in charges.items()}
    new_rate = float(p["penalty_misrate"])
    out["amount_c"][m] = np.round(out["amount_c"][m] * new_rate / out["rate_applied"][m]).astype(
        np.int64
    )
    out["rate_applied"][m] = new_rate
    return out, chosen


def stale_reports(
    rng: np.random.Generator,
    book: Book,
    act: Activity,
    reports: Frame,
    cfg: dict[str, Any],
    ok: np.ndarray,
) -> Frame:
    """Negative month-end reports for installments the borrower had already paid: the loan's
    only late installment, paid at least a day before the month end."""
    inst = book.inst
    late = (act.delay > 0) & (act.delay < 10**6)
    n_late = np.bincount(inst["loan"][late], minlength=len(ok))
    paid = act.paid_date
    me = (paid.astype("datetime64[M]") + 1).astype("datetime64[D]") - DAY
    cand = np.flatnonzero(
        late
        & ~np.isnat(paid)
        & (n_late[inst["loan"]] == 1)
        & ok[inst["loan"]]
        & (me < d64(cfg["as_of"]))
        & (paid < me)
    )
    k = _pick(rng, cand, cfg["plants"]["stale_negative_reports"])
    owed = inst["principal_due_c"] + inst["interest_due_c"] + inst["fee_due_c"]
    extra = {
        "inst": k,
        "submitted_at": (me[k] + DAY).astype("datetime64[s]") + 3600 * SEC,
        "dpd": ((me[k] - inst["due_date"][k]) // DAY).astype(np.int64),
        "amount_c": owed[k],
        "negative": np.ones(len(k), bool),
        "supersedes": np.full(len(k), -1),
        "as_of": me[k],
    }
    out = {key: np.concatenate([reports[key], extra[key]]) for key in extra}
    out["first_count"] = reports["first_count"]
    return out


def disputes(
    rng: np.random.Generator, book: Book, act: Activity, reports: Frame, cfg: dict[str, Any]
) -> Frame:
    """Borrowers dispute the first negative report of installments an incident pushed late."""
    p = cfg["plants"]
    as_of = d64(cfg["as_of"]).astype("datetime64[s]")
    first_n = int(reports["first_count"][0])
    harmed = act.harmed_incident[reports["inst"][:first_n]]
    ids = [c["id"] for c in cfg["incidents"]]
    inc1 = rng.permutation(np.flatnonzero(harmed == ids.index("INC-001")))
    inc2 = rng.permutation(np.flatnonzero(harmed == ids.index("INC-002")))
    groups = [
        ("corrected_in_time", inc1[: p["disputes_corrected"]]),
    ]
    start = 0
    for name, key in (
        ("upheld_late", "disputes_upheld_late"),
        ("corrected_unreported", "disputes_corrected_unreported"),
        ("open", "disputes_open"),
        ("upheld_in_time", "disputes_upheld_in_time"),
    ):
        groups.append((name, inc2[start : start + int(p[key])]))
        start += int(p[key])
    rows: dict[str, list[Any]] = {
        k: [] for k in ("report", "received_at", "resolved_at", "outcome", "kind")
    }
    corrections = np.flatnonzero(reports["supersedes"] >= 0)
    corrected_at = {int(reports["supersedes"][i]): reports["submitted_at"][i] for i in corrections}
    for name, reps in groups:
        for r in reps:
            received = reports["submitted_at"][r] + int(rng.integers(1, 4)) * 86400 * SEC
            if name == "corrected_in_time":
                resolved, outcome = max(corrected_at[int(r)], received + 3600 * SEC), "corrected"
            elif name == "upheld_late":
                resolved, outcome = received + int(rng.integers(25, 41)) * 86400 * SEC, "upheld"
            elif name == "corrected_unreported":
                resolved, outcome = received + int(rng.integers(5, 16)) * 86400 * SEC, "corrected"
            elif name == "open":
                resolved, outcome = NAT, None
            else:
                resolved, outcome = received + int(rng.integers(5, 16)) * 86400 * SEC, "upheld"
            assert np.isnat(resolved) or resolved < as_of
            rows["report"].append(int(r))
            rows["received_at"].append(received)
            rows["resolved_at"].append(resolved)
            rows["outcome"].append(outcome)
            rows["kind"].append(name)
    return {
        "report": np.array(rows["report"], dtype=np.int64),
        "received_at": np.array(rows["received_at"], dtype="datetime64[s]"),
        "resolved_at": np.array(rows["resolved_at"], dtype="datetime64[s]"),
        "outcome": np.array(rows["outcome"], dtype=object),
        "kind": np.array(rows["kind"], dtype=object),
    }


def plant_data_quality(
    rng: np.random.Generator, book: Book, act: Any
) -> tuple[dict[str, Any], np.ndarray, list[int]]:
    """Data-quality faults a real export has, planted so the DQ checks have known answers:
    installments of loans that do not exist, two schedules with a missing installment, and
    payments recorded twice under different ids. Returns the truths, which installments the
    export keeps, and which payment rows are doubled.

    The schedule gaps go to loans paid on time and untouched by outages, so that they change
    no delinquency or outage truth, only the data-quality ones."""
    touched = np.zeros(len(book.loans["term"]), dtype=bool)
    touched[book.inst["loan"][act.harmed_incident >= 0]] = True
    twelve = np.flatnonzero((book.loans["term"] == 12) & (act.loan_type == 0) & ~touched)
    gaps = rng.choice(twelve, 2, replace=False)
    keep = ~(np.isin(book.inst["loan"], gaps) & (book.inst["inst_no"] == 5))
    paid = int((~np.isnat(act.paid_date)).sum())
    dup = sorted(int(x) for x in rng.choice(paid, 3, replace=False))
    truths = {
        "orphan_installments": ["L99999991", "L99999992", "L99999993"],
        "schedule_gap_loans": [str(book.loans["loan_id"][i]) for i in gaps],
        "duplicate_payment_rows": len(dup),
    }
    return truths, keep, dup
