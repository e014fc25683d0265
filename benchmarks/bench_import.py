"""Import benchmark: the app's import against bare DuckDB on a 10-million-row attempts CSV.

Usage: python benchmarks/bench_import.py [--rows N] [--dir DIR]

Both sides write into a new DuckDB file. Bare DuckDB is ``CREATE TABLE t AS SELECT * FROM
read_csv(file)``; the app's figure includes sniffing, typed conversion with row-level checks,
duplicate-key detection, rejects bookkeeping, SHA-256 fingerprinting and the audit log.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.common import SELF_PEAK, measure

GENERATE = """
import duckdb
duckdb.connect().execute('''COPY (
  SELECT printf('A%010d', i) AS attempt_id,
         printf('L%08d', i // 12) AS loan_id,
         1 + i % 12 AS inst_no,
         CASE WHEN i % 5 = 0 THEN 'borrower' ELSE 'platform' END AS initiated_by,
         CASE WHEN i % 5 = 0 THEN 'app' ELSE 'auto_debit' END AS channel,
         TIMESTAMP '2023-01-01 09:00:00' + to_seconds(i * 3) AS attempt_at,
         round(100 + (i % 997) * 3.17, 2) AS amount_requested,
         CASE WHEN i % 7 = 0 THEN 0 ELSE round(100 + (i % 997) * 3.17, 2) END AS amount_collected,
         CASE WHEN i % 7 = 0 THEN 'failed' ELSE 'success' END AS status,
         CASE WHEN i % 7 = 0 THEN 'insufficient_funds' END AS failure_reason,
         'AUTH' || (i // 12) AS authorization_id,
         NULL AS retry_of
  FROM range({rows}) t(i)) TO '{path}' (HEADER)''')
"""

BARE = (
    SELF_PEAK
    + """
import duckdb, time
t = time.perf_counter()
con = duckdb.connect('{db}')
con.execute("CREATE TABLE t AS SELECT * FROM read_csv('{path}')")
n = con.execute('SELECT count(*) FROM t').fetchall()[0][0]
con.close()
report(seconds=time.perf_counter() - t, rows=n)
"""
)

APP = (
    SELF_PEAK
    + """
import time
from auditor.case.store import Case
from auditor.ingest.importer import import_file
t = time.perf_counter()
with Case.open('{db}', create=True) as case:
    r = import_file(case, '{path}')
report(seconds=time.perf_counter() - t, rows=r.rows_loaded, rejected=r.rows_rejected,
       read=r.rows_read)
"""
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--repeat", type=int, default=3, help="runs per side; the fastest counts")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        d = Path(tmp)
        csv = d / "repayment_attempts.csv"
        gen = measure(GENERATE.format(rows=args.rows, path=csv))
        size = csv.stat().st_size
        print(f"generated {args.rows:,} rows, {size / 2**20:,.0f} MiB CSV in {gen.seconds:.1f}s")
        # Alternate the sides so that a burst of load on the shared machine hits both alike.
        bares, apps = [], []
        for i in range(args.repeat):
            bares.append(measure(BARE.format(db=d / f"bare{i}.duckdb", path=csv)))
            apps.append(measure(APP.format(db=d / f"app{i}.duckdb", path=csv)))
            for f in d.glob("*.duckdb*"):
                f.unlink()
        print(
            "runs (s): bare "
            + ", ".join(f"{m.reported:.2f}" for m in bares)
            + "; app "
            + ", ".join(f"{m.reported:.2f}" for m in apps)
        )
        bare = min(bares, key=lambda m: m.reported)
        app = min(apps, key=lambda m: m.reported)
        bs, as_ = bare.reported, app.reported
        print(
            f"bare DuckDB CTAS : {bs:7.2f}s  peak {bare.peak_mib:7.0f} MiB  "
            f"rows {bare.output['rows']:,}"
        )
        print(
            f"app import       : {as_:7.2f}s  peak {app.peak_mib:7.0f} MiB  "
            f"rows loaded {app.output['rows']:,}, rejected {app.output['rejected']:,}"
        )
        print(f"ratio app / bare : {as_ / bs:.2f}x   (target 1.5x or better, peak < 2048 MiB)")
        print(f"throughput       : {args.rows / as_:,.0f} rows/s, {size / 2**20 / as_:,.0f} MiB/s")


if __name__ == "__main__":
    main()
