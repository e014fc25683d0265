"""Check benchmark: both families on a large sample, through the engine and through bare DuckDB.

Usage: python -m benchmarks.bench_checks [--loans 1000000] [--work DIR]

The sample platform is generated and imported once into DIR (kept for reruns). Then, each in a
fresh process on its own copy of the case:
- engine: ``Session.run_many`` over the data-quality and delinquency families (sandbox, parameter
  resolution, base layer, finding roll-ups, audit log);
- bare: the same base-layer SQL and the same check SQL with the same bound parameters, executed
  by a plain DuckDB connection.
It prints both times, their ratio and peak memory.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from benchmarks.common import SELF_PEAK, Measured, measure

ENGINE = (
    SELF_PEAK
    + """
import time
from auditor.case.store import Case
from auditor.engine.checks import load_library, select_checks
from auditor.engine.runner import Session
specs = [s for s in load_library() if s.family in ('data_quality', 'delinquency')]
t = time.perf_counter()
with Case.open('{db}') as case:
    runs = Session(case, as_of='{as_of}').run_many(specs)
report(seconds=time.perf_counter() - t, statuses=[r.status for r in runs],
       per_check={{r.check.id: round(r.duration_s, 2) for r in runs}})
"""
)

BARE = (
    SELF_PEAK
    + """
import time, datetime as dt, duckdb
from decimal import Decimal
from auditor.engine.base import MONTH_END_SQL, installment_status_sql, loan_snapshot_sql
from auditor.engine.checks import load_library
from auditor.engine.optional import ensure_optional, optional_tables_in
from auditor.engine.period import default_from_date
from auditor.engine.profiles import load_profile
from auditor.engine.reasons import ensure_failure_reasons
specs = [s for s in load_library() if s.family in ('data_quality', 'delinquency')]
profile = load_profile('CN')
as_of = dt.date.fromisoformat('{as_of}')
t = time.perf_counter()
con = duckdb.connect('{db}')
con.execute("CREATE SCHEMA IF NOT EXISTS base")
con.execute("CREATE OR REPLACE TABLE base.installment_status AS "
            + installment_status_sql(con, 'payments'), {{'as_of': as_of, 'tol': Decimal(0)}})
con.execute("CREATE OR REPLACE TABLE base.loan_snapshot AS " + loan_snapshot_sql(con),
            {{'as_of': as_of}})
con.execute("CREATE OR REPLACE TABLE base.month_end AS " + MONTH_END_SQL, {{'as_of': as_of}})
ensure_failure_reasons(con)
ensure_optional(con, [t for s in specs for t in optional_tables_in(s.sql)])
start = default_from_date(con, as_of)
dates = {{'as_of': as_of, 'from_date': start}}
have = {{r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}}
for s in specs:
    if not set(s.requires) <= have:
        continue
    params = {{}}
    for p in s.params:
        raw = profile.params[p.name].value if p.name in profile.params else p.default
        params[p.name] = dates[p.name] if p.name in dates else p.coerce(raw)
    params.update({{t.gate: True for t in s.tests}})  # the full sample feeds every test
    con.execute(f"CREATE OR REPLACE TEMP TABLE r AS {{s.sql}}", params)
con.close()
report(seconds=time.perf_counter() - t)
"""
)


def prepare(work: Path, loans: int) -> Path:
    from auditor.case.store import Case
    from auditor.ingest.importer import import_file
    from auditor.sample.platform import generate

    case_path = work / f"sample_{loans}.duckdb"
    if case_path.exists():
        return case_path
    t = time.perf_counter()
    r = generate(work / f"exports_{loans}", loans=loans)
    print(
        f"generated {loans:,} loans in {r.seconds:.0f}s: "
        f"{r.manifest['rows']['installments']:,} installments, "
        f"{r.manifest['rows']['repayment_attempts']:,} attempts"
    )
    tmp = case_path.with_suffix(".tmp")
    with Case.open(tmp, create=True) as case:
        for f in r.files:
            import_file(case, f)
    tmp.rename(case_path)
    print(f"imported in {time.perf_counter() - t - r.seconds:.0f}s")
    return case_path


def main(argv: list[str] | None = None) -> None:
    """Every figure is printed; the test suite runs this at a tiny size so that it keeps
    working (tests/test_benchmarks.py)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--loans", type=int, default=1_000_000)
    ap.add_argument("--work", default="/tmp/auditor-bench")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    case = prepare(work, args.loans)
    engines: list[Measured] = []
    bares: list[Measured] = []
    for i in range(args.repeat):
        for kind, code, out in (("bare", BARE, bares), ("engine", ENGINE, engines)):
            copy = work / f"run_{kind}_{i}.duckdb"
            shutil.copy(case, copy)
            out.append(measure(code.format(db=copy, as_of="2024-09-30")))
            copy.unlink()
    bare = min(bares, key=lambda m: m.reported)
    eng = min(engines, key=lambda m: m.reported)
    print(
        "runs (s): bare "
        + ", ".join(f"{m.reported:.1f}" for m in bares)
        + "; engine "
        + ", ".join(f"{m.reported:.1f}" for m in engines)
    )
    print(f"bare DuckDB, same SQL : {bare.reported:7.1f}s  peak {bare.peak_mib:7.0f} MiB")
    print(f"engine (17 checks)    : {eng.reported:7.1f}s  peak {eng.peak_mib:7.0f} MiB")
    print(f"overhead ratio        : {eng.reported / bare.reported:.2f}x (target 1.2x or better)")
    print(f"statuses: {eng.output.get('statuses')}")
    print(f"per check (s): {eng.output.get('per_check')}")


if __name__ == "__main__":
    main()
