"""Outage join benchmark: 10 million attempts against 100,000 incident windows.

Usage: python -m benchmarks.bench_outage [--attempts 10000000] [--windows 100000]

In one process, on one synthetic case: OUT-01 (failed attempts inside incident windows) through
the engine, which joins on time alone (a pure range join, run by DuckDB's inequality join); the
outage linkage base table the harm checks read (also a range join); OUT-02 (time slots); and the
same OUT-01 question written naively, as a join on the channel plus a timestamp BETWEEN, which
DuckDB cannot run as an inequality join. The naive form is stopped after --naive-limit seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from auditor.case.store import Case
from auditor.engine.checks import load_library
from auditor.engine.outage import ATTEMPTS_SQL
from auditor.engine.reasons import ensure_failure_reasons
from auditor.engine.runner import CheckRun, Session

MAKE = """
CREATE TABLE repayment_attempts AS
SELECT printf('A%010d', i) AS attempt_id, printf('L%08d', i // 10) AS loan_id,
       1 + i % 12 AS inst_no,
       CASE i % 3 WHEN 0 THEN 'auto_debit' WHEN 1 THEN 'app' ELSE 'card' END AS channel,
       'platform' AS initiated_by,
       TIMESTAMP '2022-01-01' + to_seconds(i * {step}) AS attempt_at,
       CAST(500 AS DECIMAL(18,2)) AS amount_requested,
       'AU' || (i // 10) AS authorization_id,
       CASE WHEN i % 9 = 0 THEN 'failed' ELSE 'success' END AS status,
       CASE WHEN i % 9 = 0 THEN (CASE WHEN i % 2 = 0 THEN 'timeout' ELSE 'insufficient_funds' END)
       END AS failure_reason
FROM range({attempts}) t(i);
CREATE TABLE loans AS
SELECT printf('L%08d', k) AS loan_id, printf('B%08d', k) AS borrower_id
FROM range({attempts} // 10 + 1) t(k);
CREATE TABLE incidents AS
SELECT printf('I%07d', j) AS incident_id, 'outage' AS kind, FALSE AS planned,
       TIMESTAMP '2022-01-01' + to_seconds(j * {spacing}) AS start_at,
       TIMESTAMP '2022-01-01' + to_seconds(j * {spacing} + 600) AS end_at,
       CASE j % 3 WHEN 0 THEN 'auto_debit' WHEN 1 THEN 'app' ELSE 'card' END AS components,
       NULL::TIMESTAMP AS notified_at
FROM range({windows}) t(j);
"""

NAIVE = """
CREATE OR REPLACE TEMP TABLE naive AS
SELECT i.incident_id, a.attempt_id
FROM repayment_attempts a
JOIN incidents i ON a.channel = i.components
 AND a.attempt_at BETWEEN i.start_at - INTERVAL 30 MINUTE AND i.end_at + INTERVAL 30 MINUTE
WHERE a.status = 'failed'
"""


def timed(label: str, fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    s = time.perf_counter() - t
    print(f"{label:<58}{s:8.1f}s", flush=True)
    return s


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attempts", type=int, default=10_000_000)
    ap.add_argument("--windows", type=int, default=100_000)
    ap.add_argument("--naive-limit", type=float, default=120.0)
    args = ap.parse_args(argv)
    # Windows of 10 minutes (70 with the 30-minute buffer on each side) covering about a tenth
    # of the time, the attempts spread evenly over the same years.
    spacing = 42_000
    step = max(1, spacing * args.windows // args.attempts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.duckdb"
        with Case.open(path, create=True) as case:
            timed(
                "build the synthetic case",
                lambda: case.conn.execute(
                    MAKE.format(
                        attempts=args.attempts, windows=args.windows, spacing=spacing, step=step
                    )
                ),
            )
            s = Session(case)  # as-of: the last attempt, so the period covers every one
            lib = {c.id: c for c in load_library()}
            runs: dict[str, float] = {}
            labels = {
                "OUT-01": "OUT-01 through the engine (pure range join)",
                "OUT-02": "OUT-02 through the engine (slots, windowed baseline)",
                "OUT-08": "OUT-08 through the engine (failure runs, presentments)",
            }
            for cid, label in labels.items():
                done: list[CheckRun] = []
                runs[cid] = timed(label, lambda cid=cid, done=done: done.append(s.run(lib[cid])))
                assert done[0].status in ("pass", "finding", "info"), done[0].reason
            ensure_failure_reasons(case.conn)
            timed(
                "outage linkage base table (range join)",
                lambda: case.conn.execute(
                    "CREATE SCHEMA IF NOT EXISTS base; " + ATTEMPTS_SQL, {"buffer": 30}
                ),
            )
            n = case.conn.execute("SELECT count(*) FROM results.OUT_01").fetchall()[0][0]
            print(f"OUT-01 finding rows: {n:,}")
            stopper = threading.Timer(args.naive_limit, case.conn.interrupt)
            stopper.start()
            t = time.perf_counter()
            try:
                case.conn.execute(NAIVE)
                print(
                    f"{'same question, channel equality + BETWEEN (naive)':<58}"
                    f"{time.perf_counter() - t:8.1f}s"
                )
            except duckdb.InterruptException:
                print(
                    f"{'same question, channel equality + BETWEEN (naive)':<58}"
                    f"  > {args.naive_limit:.0f}s (stopped)"
                )
            finally:
                stopper.cancel()


if __name__ == "__main__":
    main()
