"""Delinquency truths of the sample platform, computed from the simulation's own arrays.

They are the known answers of the delinquency checks: computed here with numpy from what the
generator decided, not with the checks' SQL, over the installments the export actually holds.
Amounts are in cents (exact integers).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from auditor.sample.book import DAY, d64
from auditor.sample.events import loan_state_at, month_ends

CN_EDGES = (1, 31, 61, 91)


def bucket_labels(dpd: np.ndarray, charged_off: np.ndarray) -> np.ndarray:
    no = np.searchsorted(np.asarray(CN_EDGES), dpd, side="right")
    names = np.array(["current", "1-30", "31-60", "61-90", "91+"], dtype=object)
    return np.where(charged_off, "charged off", names[no])


def delinquency_truths(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    book, act, status, keep = sim.book, sim.act, sim.status, sim.keep
    loans = book.loans
    as_of = d64(cfg["as_of"])
    out_c, dpd, _ever = loan_state_at(book, act, as_of, keep)
    charged = status["charged_off_at"] <= as_of
    live = (loans["disb_date"] <= as_of) & (out_c > 0)
    labels = bucket_labels(dpd, charged)
    snapshot: dict[str, dict[str, list[int]]] = {}
    for fund in [*sorted(set(loans["funding_source"])), "all"]:
        sel = live & ((loans["funding_source"] == fund) | (fund == "all"))
        cells: dict[str, list[int]] = {}
        for lab in np.unique(labels[sel]):
            m = sel & (labels == lab)
            cells[str(lab)] = [int(m.sum()), int(out_c[m].sum())]
        snapshot[fund] = cells
    return {
        "bucket_snapshot_cents": snapshot,
        "vintage_ever30": _vintages(cfg, sim),
        "roll_last_month": _roll(cfg, sim),
        "fpd30": _fpd(cfg, sim),
        "borrowers_over_cap": _over_cap(sim, out_c, live & ~charged, 200_000_00),
        "note": "amounts in cents; buckets by CN edges 1/31/61/91",
    }


def _vintages(cfg: dict[str, Any], sim: Any) -> list[list[Any]]:
    book, act, keep = sim.book, sim.act, sim.keep
    loans = book.loans
    cohort = loans["disb_date"].astype("datetime64[M]")
    cells = []
    for me in month_ends(cfg):
        _, _, ever = loan_state_at(book, act, me, keep)
        mob_month = me.astype("datetime64[M]")
        on_book = loans["disb_date"] <= me
        for v in np.unique(cohort[on_book]):
            m = on_book & (cohort == v)
            hit = m & (ever >= 30)
            cells.append(
                [
                    str(v.astype("datetime64[D]")),
                    int((mob_month - v).astype(int)),
                    int(hit.sum()),
                    int(loans["principal_c"][hit].sum()),
                ]
            )
    return cells


def _states(cfg: dict[str, Any], sim: Any, me: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    out_c, dpd, _ = loan_state_at(sim.book, sim.act, me, sim.keep)
    no = np.searchsorted(np.asarray(CN_EDGES), dpd, side="right")
    state = np.array([f"B{k}" for k in no], dtype=object)
    state = np.where(out_c <= 0, "paid off", state)
    state = np.where(sim.status["charged_off_at"] <= me, "charged off", state)
    return state, out_c


def _roll(cfg: dict[str, Any], sim: Any) -> dict[str, Any]:
    ends = month_ends(cfg)
    prev, last = ends[-2], ends[-1]
    s0, out0 = _states(cfg, sim, prev)
    s1, _ = _states(cfg, sim, last)
    on_book = (sim.book.loans["disb_date"] <= prev) & ~np.isin(s0, ["paid off", "charged off"])
    moves: dict[str, list[int]] = {}
    for f, t, w in zip(s0[on_book], s1[on_book], out0[on_book], strict=True):
        cell = moves.setdefault(f"{f}->{t}", [0, 0])
        cell[0] += 1
        cell[1] += int(w)
    return {"from_month": str(prev), "to_month": str(last), "moves_cents": moves}


def _fpd(cfg: dict[str, Any], sim: Any) -> list[list[Any]]:
    book, act, keep = sim.book, sim.act, sim.keep
    inst, loans = book.inst, book.loans
    as_of = d64(cfg["as_of"])
    first = keep & (inst["inst_no"] == 1) & (inst["due_date"] + 30 * DAY < as_of)
    idx = np.flatnonzero(first)
    due, paid = inst["due_date"][idx], act.paid_date[idx]
    cleared = ~np.isnat(paid) & (paid <= as_of)
    ever = np.where(cleared, (np.where(cleared, paid, due) - due) // DAY, (as_of - due) // DAY)
    loan = inst["loan"][idx]
    cohort = loans["disb_date"][loan].astype("datetime64[M]")
    fund = loans["funding_source"][loan]
    rows = []
    for c in np.unique(cohort):
        for f in np.unique(fund):
            m = (cohort == c) & (fund == f)
            if m.any():
                rows.append(
                    [
                        str(c.astype("datetime64[D]")),
                        str(f),
                        int(m.sum()),
                        int((ever[m] > 30).sum()),
                    ]
                )
    return rows


def _over_cap(sim: Any, out_c: np.ndarray, live: np.ndarray, cap_c: int) -> list[list[Any]]:
    loans = sim.book.loans
    totals: dict[str, list[int]] = {}
    for b, o in zip(loans["borrower_id"][live], out_c[live], strict=True):
        t = totals.setdefault(str(b), [0, 0])
        t[0] += 1
        t[1] += int(o)
    return sorted([[b, n, c] for b, (n, c) in totals.items() if c > cap_c])
