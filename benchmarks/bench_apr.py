"""APR engine benchmark: every loan's IRR, nominal, effective and simple rate on a large book.

Usage: python -m benchmarks.bench_apr [--loans 1000000] [--work DIR]

Uses (or first builds) the imported sample case of benchmarks.bench_checks. In a fresh process
it times loading the cash flows from DuckDB, solving, and storing base.apr, with peak memory.
Target: 1 million loans in under 60 seconds on this 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from benchmarks.bench_checks import prepare
from benchmarks.common import SELF_PEAK, measure

RUN = (
    SELF_PEAK
    + """
import time
import numpy as np
from auditor.engine.apr import compute_apr, load_flows, build_apr_table
from auditor.case.store import Case
with Case.open('{db}') as case:
    t0 = time.perf_counter()
    flows = load_flows(case.conn)
    t1 = time.perf_counter()
    table = compute_apr(flows)
    t2 = time.perf_counter()
    n = build_apr_table(case.conn)
    t3 = time.perf_counter()
    solved = int((table.reason == '').sum())
report(seconds=t3 - t2, load=t1 - t0, solve=t2 - t1, end_to_end=t3 - t2, loans=n,
       solved=solved, flows_per_loan=float(flows.mask.sum(axis=1).mean()),
       median_nominal=float(np.nanmedian(table.nominal)))
"""
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loans", type=int, default=1_000_000)
    ap.add_argument("--work", default="/tmp/auditor-bench")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    case = prepare(work, args.loans)
    copy = work / "apr_run.duckdb"
    shutil.copy(case, copy)
    try:
        m = measure(RUN.format(db=copy))
    finally:
        copy.unlink(missing_ok=True)
    o = m.output
    print(f"loans {o['loans']:,} (solved {o['solved']:,}), {o['flows_per_loan']:.1f} flows each")
    print(
        f"load flows {o['load']:.1f}s, solve {o['solve']:.1f}s, "
        f"compute and store base.apr {o['end_to_end']:.1f}s"
    )
    print(
        f"total {m.reported:.1f}s (target under 60 s), peak {m.peak_mib:,.0f} MiB; "
        f"median nominal APR {o['median_nominal']:.4f}"
    )


if __name__ == "__main__":
    main()
