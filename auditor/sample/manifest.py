"""The sample platform's manifest: what was generated and which answers were planted.

Everything here is computed from the simulation's own arrays, never by querying the exports, so
a check that reads the imported tables and agrees with the manifest has found the planted truth
rather than repeated the generator's SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from auditor import __version__
from auditor.case.fingerprint import sha256_file
from auditor.engine.reasons import reason_rows
from auditor.sample.book import Book
from auditor.sample.truths import delinquency_truths
from auditor.sample.truths_conduct import conduct_truths
from auditor.sample.truths_outage import outage_truths

FILE_TABLES = {
    "loans.csv": ("loans", "csv", "gb18030"),
    "installments.csv": ("installments", "csv", "gb18030"),
    "charges.csv": ("charges", "csv", "utf-8-sig"),
    "notices.tsv": ("notices", "csv", "utf-8"),
    "repayment_attempts.parquet": ("repayment_attempts", "parquet", None),
    "payments.parquet": ("payments", "parquet", None),
    "bureau_reports.parquet": ("bureau_reports", "parquet", None),
    "incidents.xlsx": ("incidents", "xlsx", None),
    "disclosures.xlsx": ("disclosures", "xlsx", None),
    "reported_metrics.xlsx": ("reported_metrics", "xlsx", None),
    "refunds.csv": ("refunds", "csv", "gb18030"),
    "disputes.csv": ("disputes", "csv", "gb18030"),
}


def _cents(x: float | int) -> float:
    return round(float(x) / 100, 2)


@dataclass(frozen=True)
class Simulation:
    """Everything the generator decided, which the truths are computed from."""

    book: Book
    act: Any
    status: dict[str, np.ndarray]
    misclassified: np.ndarray
    charges: dict[str, np.ndarray]
    reports: dict[str, np.ndarray]
    notices: int
    missing_rem: np.ndarray
    missing_pre: np.ndarray
    rates: list[tuple[date, float, float]]
    dq: dict[str, Any]
    keep: np.ndarray  # the installments the export holds (the planted gaps left out)
    notice_frame: dict[str, np.ndarray]
    refunds: dict[str, np.ndarray]
    disputes: dict[str, np.ndarray]
    no_auth: np.ndarray  # loans auto-debited with no authorisation on file
    misrated: np.ndarray  # loans charged penalty interest above the contracted rate


def build_manifest(
    cfg: dict[str, Any], seed: int, n: int, files: list[Path], sim: Simulation
) -> dict[str, Any]:
    book, act, status, dq = sim.book, sim.act, sim.status, sim.dq
    charges, reports, rates = sim.charges, sim.reports, sim.rates
    missing_rem, missing_pre, misclassified = sim.missing_rem, sim.missing_pre, sim.misclassified
    inst, loans = book.inst, book.loans
    loan_id = loans["loan_id"]
    paid = int((~np.isnat(act.paid_date)).sum())
    rows = {
        "loans": n,
        "installments": len(inst["loan"])
        - len(dq["schedule_gap_loans"])
        + len(dq["orphan_installments"]),
        "repayment_attempts": len(act.attempts["inst"]),
        "payments": paid + dq["duplicate_payment_rows"],
        "charges": len(charges["inst"]),
        "bureau_reports": len(reports["inst"]),
        "notices": sim.notices,
        "incidents": len(cfg["incidents"]),
        "disclosures": 2 * len(book.products),
        "reported_metrics": 2 * len(rates),
        "refunds": len(sim.refunds["inst"]),
        "disputes": len(sim.disputes["report"]),
    }
    file_info = {
        f.name: {
            "table": FILE_TABLES[f.name][0],
            "format": FILE_TABLES[f.name][1],
            "encoding": FILE_TABLES[f.name][2],
            "rows": rows[FILE_TABLES[f.name][0]],
            "sha256": sha256_file(f),
            "bytes": f.stat().st_size,
        }
        for f in files
    }
    return {
        "generator": {
            "seed": seed,
            "loans": n,
            "as_of": str(cfg["as_of"]),
            "app_version": __version__,
        },
        "files": file_info,
        "rows": rows,
        "truths": {
            "outage": outage_truths(cfg, sim),
            "congestion": _congestion_truth(cfg, act),
            "delinquency": {
                "loan_type_counts": {
                    "on_time": int((act.loan_type == 0).sum()),
                    "late_payer": int((act.loan_type == 1).sum()),
                    "defaulter": int((act.loan_type == 2).sum()),
                },
                "dpd_at_as_of": _bucket_counts(status["dpd"]),
                "charged_off_loans": int((~np.isnat(status["charged_off_at"])).sum()),
                "misclassified_loans": [str(loan_id[i]) for i in misclassified],
                "month_end_rates": [
                    {"month_end": str(me), "m1p_balance": round(m1, 6), "m3p_balance": round(m3, 6)}
                    for me, m1, m3 in rates
                ],
                **delinquency_truths(cfg, sim),
                "reported_understated": {
                    "from": "2024-03-31",
                    "factor": 0.6,
                    "metrics": ["overdue_rate_m1p_balance", "overdue_rate_m3p_balance"],
                    "definition": "outstanding principal of loans with any installment unpaid "
                    "past its due date (M1+: 1+ days, M3+: 61+ days) / outstanding principal, "
                    "at month end, over loans disbursed and not charged off by then",
                },
            },
            "notices": {
                "missing_due_reminders": len(missing_rem),
                # Installments due by as-of, in the export, with no reminder at all.
                "missing_reminders_due_by_as_of": sorted(
                    [str(loan_id[inst["loan"][i]]), int(inst["inst_no"][i])]
                    for i in missing_rem
                    if sim.keep[i] and inst["due_date"][i] <= np.datetime64(cfg["as_of"])
                ),
                "missing_prenotices": [
                    [str(loan_id[inst["loan"][i]]), int(inst["inst_no"][i])] for i in missing_pre
                ],
            },
            "disclosure": {
                "upfront_deduction_loans": sorted(
                    str(loan_id[i])
                    for i in np.flatnonzero(loans["received_c"] < loans["principal_c"])
                ),
                "daily_rate_only_products": [
                    p["id"] for p in book.products if p["disclosed_apr"] == ""
                ],
                "fee_left_out_products": [
                    p["id"]
                    for p in book.products
                    if p["fee_rate_monthly"] and p["repayment_type"] != "flat_fee"
                ],
                "method_label_missing_products": ["P04"],
            },
            "data_quality": dq,
            "conduct": conduct_truths(cfg, sim),
        },
    }


def _bucket_counts(dpd: np.ndarray) -> dict[str, int]:
    edges = [("M0", 0, 0), ("M1", 1, 30), ("M2", 31, 60), ("M3", 61, 90), ("M4+", 91, 10**9)]
    return {name: int(((dpd >= lo) & (dpd <= hi)).sum()) for name, lo, hi in edges}


def _congestion_truth(cfg: dict[str, Any], act: Any) -> dict[str, Any]:
    c = cfg["congestion"]
    a = act.attempts
    start, end = (np.datetime64(c[k].isoformat(), "s") for k in ("start", "end"))
    m = (a["attempt_at"] >= start) & (a["attempt_at"] <= end) & (a["failure_reason"] == c["reason"])
    technical = {r for r, cat in reason_rows() if cat == "technical"}
    tech = (a["status"] == "failed") & np.isin(a["failure_reason"], list(technical))
    hour = a["attempt_at"].astype("datetime64[h]")
    day = start.astype("datetime64[D]")
    by_hour = {}
    for h in np.unique(hour[tech & (a["attempt_at"].astype("datetime64[D]") == day)]):
        by_hour[str(h.astype(object))] = int((tech & (hour == h)).sum())
    return {
        "start": str(c["start"]),
        "end": str(c["end"]),
        "reason": c["reason"],
        "failed_attempts": int(m.sum()),
        "technical_failures_that_day_by_hour": by_hour,
        "logged_as_incident": False,
    }
