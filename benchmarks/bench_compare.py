"""Comparison benchmark: two exports of an installment table, the app's compare against a bare
DuckDB EXCEPT in both directions on the same files.

Usage: python -m benchmarks.bench_compare [--rows 2000000]

Two cases hold N installments each (14 columns); the newer export moves 0.1 % of the paid
dates and drops 0.05 % of the rows. The app attaches the older case read-only and writes rows
added, removed and changed value by value into the newer case; the baseline only counts the rows
that differ (no keys, no columns, no period). Each side runs in a fresh process; figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.common import SELF_PEAK, measure

MAKE = """
from auditor.case.store import Case
with Case.open('{db}', create=True) as case:
    case.conn.execute('''INSERT INTO audit.sources VALUES (1, 'installments.csv',
      'installments.csv', 1, '{sha}', 'csv', 'utf-8', ',', NULL, 1, NULL, 'installments',
      'canonical', '{{}}', {rows}, {rows}, 0, now()::TIMESTAMP, 0.0, 'bench')''')
    case.conn.execute('''CREATE TABLE installments AS SELECT
      printf('L%09d', i // 12) AS loan_id, CAST(1 + i % 12 AS INTEGER) AS inst_no,
      DATE '2023-01-01' + CAST(i % 600 AS INTEGER) AS due_date,
      CAST(100 + i % 997 AS DECIMAL(18,2)) AS principal_due,
      CAST(i % 89 AS DECIMAL(18,2)) AS interest_due, CAST(0 AS DECIMAL(18,2)) AS fee_due,
      0 AS grace_days,
      DATE '2023-01-01' + CAST(i % 600 AS INTEGER) + CAST({shift} AS INTEGER) AS paid_date,
      CAST(100 + i % 997 AS DECIMAL(18,2)) AS paid_principal,
      CAST(i % 89 AS DECIMAL(18,2)) AS paid_interest, CAST(0 AS DECIMAL(18,2)) AS paid_fee,
      CAST(0 AS DECIMAL(18,2)) AS paid_penalty, 0 AS reported_dpd, 'settled' AS reported_status
    FROM range({rows}) t(i) WHERE {keep}''')
"""

COMPARE = (
    SELF_PEAK
    + """
import time
from auditor.case.store import Case
from auditor.results.compare import compare_cases
with Case.open('{new}') as case:
    t = time.perf_counter()
    result = compare_cases(case.conn, __import__('pathlib').Path('{old}'), 'new')
    seconds = time.perf_counter() - t
(d,) = [x for x in result.tables if x.table == 'installments']
report(seconds=seconds, changed=d.changed_values, removed=d.removed)
"""
)

EXCEPT = (
    SELF_PEAK
    + """
import time, duckdb
con = duckdb.connect('{new}', read_only=True)
con.execute("ATTACH '{old}' AS o (READ_ONLY)")
t = time.perf_counter()
a = con.execute('SELECT count(*) FROM (SELECT * FROM o.installments EXCEPT '
                'SELECT * FROM installments)').fetchall()[0][0]
b = con.execute('SELECT count(*) FROM (SELECT * FROM installments EXCEPT '
                'SELECT * FROM o.installments)').fetchall()[0][0]
report(seconds=time.perf_counter() - t, differing=a + b)
"""
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.duckdb", Path(tmp) / "new.duckdb"
        measure(MAKE.format(db=old, rows=args.rows, sha="a" * 64, shift="0", keep="TRUE"))
        measure(
            MAKE.format(
                db=new,
                rows=args.rows,
                sha="b" * 64,
                shift="CASE WHEN i % 1000 = 7 THEN -1 ELSE 0 END",
                keep="i % 2000 <> 3",
            )
        )
        app = measure(COMPARE.format(old=old, new=new))
        bare = measure(EXCEPT.format(old=old, new=new))
        print(
            f"app compare   {args.rows:>12,} rows x 2  {app.reported:7.1f}s  peak "
            f"{app.peak_mib:6.0f} MiB  changed values {app.output['changed']:,}, "
            f"removed {app.output['removed']:,}"
        )
        print(
            f"bare EXCEPT   {args.rows:>12,} rows x 2  {bare.reported:7.1f}s  peak "
            f"{bare.peak_mib:6.0f} MiB  differing rows {bare.output['differing']:,}"
        )
        print(f"ratio app / bare EXCEPT: {app.reported / bare.reported:.2f}x")


if __name__ == "__main__":
    main()
