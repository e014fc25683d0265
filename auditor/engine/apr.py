"""The APR engine: each loan's cost recomputed from its cash flows.

Cash flows per loan: the cash actually received at disbursement (out), every scheduled payment
(principal, interest and fees), and every loan-related fee charged outside the schedule (service,
guarantee, credit-enhancement, membership, consulting). Time runs in months from disbursement
(whole months plus leftover days / 30, so an irregular first period is a fraction). The periodic
(monthly) IRR solves  sum_k CF_k (1 + r)^-t_k = 0  with Newton's method, vectorised over all loans
with numpy, and bisection on [-99%, +1000%] a month for the loans Newton does not settle.

Annualised three ways, because disclosures use all three (DOMAIN.md, domain-rules 2.8, 5.6):
nominal = 12 r (CN "IRR" labels, US Reg Z), effective = (1 + r)^12 - 1 (UK/EU APRC), and the
PBOC simple method = total cost / (principal actually in use x years). A loan with no solution
is kept with the reason, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from auditor.engine.base import table_columns

FEE_TYPES = (
    "service_fee",
    "guarantee_fee",
    "credit_enhancement_fee",
    "membership_fee",
    "consulting_fee",
)
NEWTON_STEPS = 50
BISECT_STEPS = 200
TOL = 1e-10  # on the NPV per unit of cash received


@dataclass(frozen=True)
class Flows:
    """Cash flows of many loans, padded to one row per loan."""

    loan_ids: np.ndarray  # (n,) object
    amounts: np.ndarray  # (n, k) float; the first column is the cash received, negative
    times: np.ndarray  # (n, k) float, months since disbursement
    mask: np.ndarray  # (n, k) bool: which cells hold a flow


def _npv(r: np.ndarray, f: Flows) -> tuple[np.ndarray, np.ndarray]:
    base = np.maximum(1.0 + r, 1e-12)[:, None]
    disc = np.where(f.mask, base ** (-f.times), 0.0)
    npv = (f.amounts * disc).sum(axis=1)
    slope = (-f.times * f.amounts * disc / base).sum(axis=1)
    return npv, slope


def solve_irr(f: Flows) -> tuple[np.ndarray, np.ndarray]:
    """Monthly IRR per loan and whether it was found."""
    n = len(f.loan_ids)
    scale = np.maximum(np.abs(np.where(f.mask, f.amounts, 0)).max(axis=1), 1e-9)
    r = np.full(n, 0.01)
    done = np.zeros(n, dtype=bool)
    for _ in range(NEWTON_STEPS):
        npv, slope = _npv(r, f)
        done = np.abs(npv) <= TOL * scale
        if done.all():
            break
        step = np.where(done | (slope == 0), 0.0, npv / np.where(slope == 0, 1, slope))
        r = np.clip(r - step, -0.99, 10.0)
    npv, _ = _npv(r, f)
    done = np.abs(npv) <= TOL * scale * 10
    todo = ~done
    if todo.any():
        sub = Flows(f.loan_ids[todo], f.amounts[todo], f.times[todo], f.mask[todo])
        lo, hi = np.full(todo.sum(), -0.99), np.full(todo.sum(), 10.0)
        f_lo, _ = _npv(lo, sub)
        f_hi, _ = _npv(hi, sub)
        bracket = np.sign(f_lo) != np.sign(f_hi)
        for _ in range(BISECT_STEPS):
            mid = (lo + hi) / 2
            f_mid, _ = _npv(mid, sub)
            left = np.sign(f_mid) == np.sign(f_lo)
            lo, f_lo = np.where(left, mid, lo), np.where(left, f_mid, f_lo)
            hi = np.where(left, hi, mid)
        r[todo] = np.where(bracket, (lo + hi) / 2, np.nan)
        done[todo] = bracket
    return r, done


@dataclass(frozen=True)
class AprTable:
    loan_ids: np.ndarray
    periodic: np.ndarray
    nominal: np.ndarray
    effective: np.ndarray
    simple: np.ndarray
    flows: np.ndarray
    reason: np.ndarray  # "" when solved, else why not


FLOWS_SQL = """
WITH l AS (
  SELECT loan_id, CAST(disbursed_at AS DATE) AS d0,
         COALESCE(disbursed_amount, contract_principal) AS received
  FROM loans),
f AS (
  SELECT l.loan_id, 0 AS kind, l.d0 AS at, -l.received AS amount FROM l
  UNION ALL
  SELECT i.loan_id, 1, i.due_date,
         i.principal_due + COALESCE(i.interest_due, 0) + COALESCE(i.fee_due, 0)
  FROM installments i JOIN l USING (loan_id)
  {fees})
SELECT f.loan_id, f.kind, f.amount,
       date_diff('month', l.d0, f.at)
         + (date_diff('day', l.d0 + to_months(date_diff('month', l.d0, f.at)), f.at)) / 30.0
         AS t
FROM f JOIN l USING (loan_id)
ORDER BY f.loan_id, t, f.kind
"""

FEES_SQL = """
  UNION ALL
  SELECT c.loan_id, 2, CAST(c.assessed_at AS DATE), c.amount
  FROM charges c JOIN l USING (loan_id)
  WHERE c.charge_type IN ({types}) AND c.waived_at IS NULL AND c.refunded_at IS NULL"""


def flows_sql(with_charges: bool) -> str:
    """Every loan's cash flows (loan_id, kind, amount, t), sorted by loan and time."""
    fees = FEES_SQL.format(types=", ".join(f"'{t}'" for t in FEE_TYPES)) if with_charges else ""
    return FLOWS_SQL.format(fees=fees)


# The solved rates as base.apr: NaN (no rate) is NULL, an empty reason is NULL.
APR_SELECT = """
SELECT loan_id, CASE WHEN isnan(periodic_rate) THEN NULL ELSE periodic_rate END AS periodic_rate,
       CASE WHEN isnan(apr_nominal) THEN NULL ELSE apr_nominal END AS apr_nominal,
       CASE WHEN isnan(apr_effective) THEN NULL ELSE apr_effective END AS apr_effective,
       CASE WHEN isnan(apr_simple) THEN NULL ELSE apr_simple END AS apr_simple,
       CAST(flows AS INTEGER) AS flows, NULLIF(unsolved_reason, '') AS unsolved_reason
FROM __apr"""


def load_flows(conn: duckdb.DuckDBPyConnection) -> Flows:
    cols = conn.execute(flows_sql(bool(table_columns(conn, "charges")))).fetchnumpy()
    return pad_flows(
        np.asarray(cols["loan_id"], dtype=object),
        np.asarray(cols["amount"], dtype=float),
        np.asarray(cols["t"], dtype=float),
    )


def pad_flows(loan_col: np.ndarray, amounts: np.ndarray, times: np.ndarray) -> Flows:
    """Rows sorted by loan become one padded row per loan."""
    if len(loan_col) == 0:
        empty = np.zeros((0, 1))
        return Flows(np.array([], dtype=object), empty, empty, empty.astype(bool))
    starts = np.flatnonzero(np.r_[True, loan_col[1:] != loan_col[:-1]])
    counts = np.diff(np.r_[starts, len(loan_col)])
    k = int(counts.max())
    row = np.repeat(np.arange(len(starts)), counts)
    col = np.arange(len(loan_col)) - np.repeat(starts, counts)
    a = np.zeros((len(starts), k))
    t = np.zeros((len(starts), k))
    m = np.zeros((len(starts), k), dtype=bool)
    a[row, col], t[row, col], m[row, col] = amounts, times, True
    return Flows(loan_col[starts], a, t, m)


def simple_rate(f: Flows) -> np.ndarray:
    """PBOC simple method: total cost / (principal in use x years), the principal in use
    falling with each payment's principal share (payments repay cost first in proportion)."""
    received = -np.where(f.mask[:, 0], f.amounts[:, 0], 0)
    paid = np.where(f.mask[:, 1:], f.amounts[:, 1:], 0).sum(axis=1)
    cost = paid - received
    # Principal in use between flows: received, less the principal part of each payment
    # (payments are split into principal and cost pro rata to the totals).
    share = np.where(paid > 0, received / np.where(paid > 0, paid, 1), 0)
    repaid = np.cumsum(np.where(f.mask[:, 1:], f.amounts[:, 1:], 0) * share[:, None], axis=1)
    in_use = np.maximum(received[:, None] - np.c_[np.zeros(len(received)), repaid[:, :-1]], 0)
    dt_years = np.diff(np.where(f.mask, f.times, np.nan), axis=1) / 12
    dt_years = np.where(np.isnan(dt_years), 0, np.maximum(dt_years, 0))
    occupied = (in_use * dt_years).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(occupied > 0, cost / occupied, np.nan)


def compute_apr(f: Flows) -> AprTable:
    r, ok = solve_irr(f)
    n_flows = f.mask.sum(axis=1)
    received = np.where(f.mask[:, 0], f.amounts[:, 0], 0)
    paid = np.where(f.mask[:, 1:], f.amounts[:, 1:], 0).sum(axis=1)
    reason = np.full(len(r), "", dtype=object)
    reason[n_flows < 2] = "no scheduled payments"
    reason[(n_flows >= 2) & (received >= 0)] = "no cash received at disbursement"
    reason[(reason == "") & ~ok] = "no rate makes the payments worth the cash received"
    bad = reason != ""
    r = np.where(bad, np.nan, r)
    with np.errstate(invalid="ignore"):
        nominal = 12 * r
        effective = (1 + r) ** 12 - 1
    simple = np.where(bad | (paid <= 0), np.nan, simple_rate(f))
    return AprTable(f.loan_ids, r, nominal, effective, simple, n_flows, reason)


def build_apr_table(conn: duckdb.DuckDBPyConnection) -> int:
    """Compute every loan's APR and store it as ``base.apr``; returns the number of loans."""
    t = compute_apr(load_flows(conn))
    conn.register(
        "__apr",
        {
            "loan_id": t.loan_ids,
            "periodic_rate": t.periodic,
            "apr_nominal": t.nominal,
            "apr_effective": t.effective,
            "apr_simple": t.simple,
            "flows": t.flows,
            "unsolved_reason": t.reason,
        },
    )
    try:
        conn.execute("CREATE SCHEMA IF NOT EXISTS base")
        conn.execute("CREATE OR REPLACE TABLE base.apr AS " + APR_SELECT)
    finally:
        conn.unregister("__apr")
    return len(t.loan_ids)


def ensure_apr(conn: duckdb.DuckDBPyConnection) -> None:
    """Build ``base.apr`` unless it is built for the data imported now (APR does not depend on
    as-of: it is the cost of the contract as written and charged)."""
    from auditor import db
    from auditor.case import auditlog

    version = str(db.count(conn, "SELECT coalesce(max(source_id), 0) FROM audit.sources"))
    have = db.scalar(conn, "SELECT value FROM audit.meta WHERE key = 'apr_state'")
    exists = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'base' AND table_name = 'apr'",
    )
    if have == version and exists:
        return
    conn.execute("BEGIN")
    try:
        n = build_apr_table(conn)
        conn.execute("INSERT OR REPLACE INTO audit.meta VALUES ('apr_state', $v)", {"v": version})
        auditlog.append(conn, "apr_built", {"loans": n, "data_version": version})
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
