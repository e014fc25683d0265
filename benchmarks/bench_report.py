"""Report benchmark: evidence rows written by the report against plain openpyxl write-only.

Usage: python -m benchmarks.bench_report [--rows 1000000]

A case holds one table of N rows and 12 columns (text, money, dates, timestamps, rates, ints).
Each side runs in a fresh process: the report writes them as one check's evidence (typed
cells with number formats, formula-safe text, the Excel table, overflow sheets); the baseline
appends the same rows, fetched from DuckDB the same way, to an openpyxl write-only sheet with no
formatting. Both print rows per second and peak memory; the report is also run on a quarter of
the rows to show that memory does not grow with the row count, and once more with personal data
masked (the default: loan and borrower ids become keyed tokens, text is searched).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.common import SELF_PEAK, Measured, measure

MAKE = """
import duckdb
con = duckdb.connect('{db}')
con.execute('''CREATE TABLE evidence AS SELECT
  printf('L%09d', i) AS loan_id, printf('C%08d', i // 3) AS borrower_id,
  CASE i % 3 WHEN 0 THEN 'own' WHEN 1 THEN 'bank_partner' ELSE 'abs' END AS funding_source,
  DATE '2023-01-01' + CAST(i % 600 AS INTEGER) AS due_date,
  TIMESTAMP '2023-01-01 09:00:00' + to_seconds(i * 7) AS attempt_at,
  CAST(100 + (i % 9973) * 1.37 AS DECIMAL(18,2)) AS principal_due,
  CAST((i % 997) * 0.11 AS DECIMAL(18,2)) AS penalty,
  (i % 1000) / 1000.0 AS share,
  i % 120 AS dpd, 1 + i % 12 AS inst_no,
  CASE WHEN i % 7 = 0 THEN 'failed' ELSE 'success' END AS status,
  CASE WHEN i % 11 = 0 THEN '-' || CAST(i AS VARCHAR) ELSE 'ok' END AS note
FROM range({rows}) t(i)''')
con.close()
"""

REPORT = (
    SELF_PEAK
    + """
import time
from auditor.case.store import Case
from auditor.engine.checks import parse_check
from auditor.report import write_report
from auditor.engine.runner import Session
spec = parse_check('''-- id = "BENCH-01"
-- title = "benchmark evidence"
-- family = "delinquency"
-- severity = "info"
-- description = "rows"
-- basis = "none"
-- percent_columns = ["share"]
-- requires = {{ evidence = ["loan_id"] }}
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "table"
SELECT * FROM evidence LIMIT {rows}''', 'bench')
with Case.open('{db}') as case:
    s = Session(case, as_of='2024-01-01')
    run = s.run(spec)
    before = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])
    t = time.perf_counter()
    result = write_report(s, [run], '{out}', mask={mask})
report(seconds=time.perf_counter() - t, rows=result.evidence_rows['BENCH-01'],
       sheets=len(result.sheets), peak_before_export_kib=before)
"""
)

PLAIN = (
    SELF_PEAK
    + """
import time, duckdb
from openpyxl import Workbook
con = duckdb.connect('{db}', read_only=True)
t = time.perf_counter()
wb = Workbook(write_only=True)
ws = wb.create_sheet('evidence')
result = con.execute('SELECT * FROM evidence LIMIT {rows}')
ws.append([d[0] for d in result.description])
n = 0
while rows := result.fetchmany(5000):
    for r in rows:
        ws.append(r)
    n += len(rows)
wb.save('{out}')
report(seconds=time.perf_counter() - t, rows=n)
"""
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        db = d / "bench.duckdb"
        from auditor.case.store import Case

        Case.open(db, create=True).close()
        measure(MAKE.format(db=db, rows=args.rows))
        plain = measure(PLAIN.format(db=db, rows=args.rows, out=d / "plain.xlsx"))
        full = measure(REPORT.format(db=db, rows=args.rows, out=d / "report.xlsx", mask=False))
        quarter = measure(
            REPORT.format(db=db, rows=args.rows // 4, out=d / "quarter.xlsx", mask=False)
        )
        masked = measure(REPORT.format(db=db, rows=args.rows, out=d / "masked.xlsx", mask=True))

        def line(name: str, m: Measured) -> str:
            rows = int(m.output["rows"])  # type: ignore[call-overload]
            return (
                f"{name:<26}{rows:>10,} rows {m.reported:8.1f}s {rows / m.reported:10,.0f}"
                f" rows/s  peak {m.peak_mib:6.0f} MiB"
            )

        print(line("plain openpyxl write-only", plain))
        print(line("report", full))
        print(line("report, personal data masked", masked))
        print(line("report, a quarter of rows", quarter))
        print(f"ratio report / plain: {full.reported / plain.reported:.2f}x (target 1.3x)")
        print(f"ratio masked / unmasked report: {masked.reported / full.reported:.2f}x")
        print(
            f"peak memory, all rows vs a quarter: {full.peak_mib:.0f} vs {quarter.peak_mib:.0f} MiB"
        )

        def grown(m: Measured) -> float:
            before = m.output.get("peak_before_export_kib", 0)
            return m.peak_mib - (float(before) / 1024 if isinstance(before, int) else 0.0)

        print(
            f"added by the export itself: {grown(full):.0f} vs {grown(quarter):.0f} MiB (the "
            "rest is the result DuckDB holds before the export starts)"
        )


if __name__ == "__main__":
    main()
