"""The sample platform's loan book: loans and their installment schedules.

Everything is vectorised with numpy and driven by one seeded generator, so a seed gives the same
platform every time and a million loans take seconds. Money is held in integer cents until it is
written out, so schedules add up to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

Frame = dict[str, np.ndarray]
DAY = np.timedelta64(1, "D")


def d64(d: date) -> np.datetime64:
    return np.datetime64(d.isoformat(), "D")


@dataclass(frozen=True)
class Book:
    loans: Frame
    inst: Frame  # one row per installment; "loan" indexes into loans
    products: list[dict[str, Any]]


def _pick(rng: np.random.Generator, n: int, weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def _add_months(d: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Dates ``months`` after ``d`` on the same day of month, capped at the 28th."""
    ym = d.astype("datetime64[M]")
    day = (d - ym.astype("datetime64[D]")).astype(int)
    return (ym + months).astype("datetime64[D]") + np.minimum(day, 27) * DAY


def build_book(rng: np.random.Generator, n: int, cfg: dict[str, Any]) -> Book:
    products = cfg["products"]
    pidx = _pick(rng, n, [p["weight"] for p in products])
    terms = np.array([rng.choice(p["terms"]) for p in products], dtype=object)
    term = np.empty(n, dtype=np.int64)
    for i, p in enumerate(products):
        mask = pidx == i
        term[mask] = rng.choice(np.asarray(p["terms"]), size=int(mask.sum()))
    del terms
    funding_names = list(cfg["funding"])
    fidx = _pick(rng, n, [cfg["funding"][f]["share"] for f in funding_names])
    day = np.sort(rng.integers(0, cfg["disbursement_days"], n))
    start = d64(cfg["first_disbursement"])
    disb_date = start + day * DAY
    # Lend on days 1-28 only, so every schedule falls due on the disbursement's day of month:
    # regular periods, no odd first period to distort a recomputed APR.
    dom = (disb_date - disb_date.astype("datetime64[M]").astype("datetime64[D]")).astype(int) + 1
    disb_date = disb_date - np.maximum(dom - 28, 0) * DAY
    seconds = rng.integers(8 * 3600, 23 * 3600, n)
    disbursed_at = disb_date.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    principal = np.clip(np.round(rng.lognormal(np.log(8000), 0.7, n) / 100) * 100, 500, 200000)
    borrower = rng.integers(0, max(1, int(n * 0.8)), n)
    # Planted: a few borrowers holding two large recent loans each, above the per-borrower cap.
    recent = np.flatnonzero((term == 12) & (np.arange(n) >= n * 0.9))
    k = int(cfg["behaviour"]["over_cap_borrowers"])
    if len(recent) >= 2 * k:
        pairs = rng.choice(recent, 2 * k, replace=False).reshape(k, 2)
        borrower[pairs[:, 1]] = borrower[pairs[:, 0]]
        principal[pairs.ravel()] = cfg["behaviour"]["over_cap_principal"]
    principal_c = (principal * 100).astype(np.int64)
    # Planted: a few loans of the first product paid out less than contracted (砍头息): the
    # borrower repays the full schedule on cash they never had.
    received_c = principal_c.copy()
    first = np.flatnonzero((pidx == 0) & (term == 12))
    k = min(int(cfg["behaviour"]["upfront_deduction_loans"]), len(first))
    if k:
        cut = rng.choice(first, k, replace=False)
        received_c[cut] = np.round(
            principal_c[cut] * (1 - cfg["behaviour"]["upfront_deduction_share"])
        ).astype(np.int64)
    rate = np.array([p["rate"] for p in products])[pidx]
    fee_m = np.array([p["fee_rate_monthly"] for p in products])[pidx]
    loans: Frame = {
        "loan_id": np.array([f"L{i:08d}" for i in range(1, n + 1)], dtype=object),
        "borrower_id": np.array([f"C{b:08d}" for b in borrower], dtype=object),
        "product": pidx,
        "product_id": np.array([p["id"] for p in products], dtype=object)[pidx],
        "funding": fidx,
        "funding_source": np.array(funding_names, dtype=object)[fidx],
        "lender_type": np.array(
            [cfg["funding"][f]["lender_type"] for f in funding_names], dtype=object
        )[fidx],
        "disbursed_at": disbursed_at,
        "disb_date": disb_date,
        "principal_c": principal_c,
        "received_c": received_c,
        "term": term,
        "rate": rate,
        "fee_m": fee_m,
        "repayment_type": np.array([p["repayment_type"] for p in products], dtype=object)[pidx],
        "disclosed_apr": np.array(
            [np.nan if p["disclosed_apr"] == "" else p["disclosed_apr"] for p in products]
        )[pidx],
    }
    return Book(loans, _schedule(loans), products)


def _schedule(loans: Frame) -> Frame:
    """Equal-installment (annuity) or flat-fee schedules, exact to the cent."""
    term = loans["term"]
    loan = np.repeat(np.arange(len(term)), term)
    first = np.repeat(np.cumsum(term) - term, term)
    k = np.arange(len(loan)) - first + 1  # 1-based installment number
    n = term[loan].astype(float)
    p = loans["principal_c"][loan].astype(float)
    r = loans["rate"][loan] / 12
    flat = loans["repayment_type"][loan] == "flat_fee"
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (1 + r) ** n
        bal_before = np.where(r > 0, p * (g - (1 + r) ** (k - 1)) / (g - 1), p * (1 - (k - 1) / n))
        bal_after = np.where(r > 0, p * (g - (1 + r) ** k) / (g - 1), p * (1 - k / n))
    bal_before = np.where(flat, p * (1 - (k - 1) / n), bal_before)
    bal_after = np.where(flat, p * (1 - k / n), bal_after)
    principal_due = np.round(bal_before).astype(np.int64) - np.round(bal_after).astype(np.int64)
    interest_due = np.round(bal_before * r).astype(np.int64)
    fee_due = np.round(p * loans["fee_m"][loan]).astype(np.int64)
    due = _add_months(loans["disb_date"][loan], k)
    return {
        "loan": loan,
        "inst_no": k.astype(np.int64),
        "due_date": due,
        "principal_due_c": principal_due,
        "interest_due_c": interest_due,
        "fee_due_c": fee_due,
    }
