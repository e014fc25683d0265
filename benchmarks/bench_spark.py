"""Spark benchmark: the check library on DuckDB and on Spark (local), per check family.

Usage: python -m benchmarks.bench_spark [--installments 10000000] [--master local[2]]
       [--family F ...] [--work DIR]

The sample platform is generated at the size that gives about ``--installments`` installments
(and as many repayment attempts), imported into a case and exported as a Parquet dataset by
table (``export-parquet``), once, into DIR. Then, each in a fresh process:

- DuckDB: ``Session.run_many`` over each family in turn, on a copy of the case;
- Spark: ``SparkChecks`` over the Parquet dataset (local session, ``--master``), the same
  families in the same order; each check runs in a job group of its own, so the stages that
  shuffled and the bytes they wrote are read back from Spark's status store.

Printed: seconds per family on each engine and their ratio, peak resident memory (the Python
process; for Spark also the JVM, which holds the data, and the largest Python worker), and per
check the time on each engine, the shuffles it ran and the bytes it shuffled (the first check
that needs the base layer also pays for building it). Each check's time is also appended to
``DIR/bench_spark.log`` as it finishes, so a run cut short leaves its figures. Nothing is
asserted (the machine is shared).
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from benchmarks.common import SELF_PEAK, measure

DUCKDB = (
    SELF_PEAK
    + """
import time
from auditor.case.store import Case
from auditor.engine.checks import load_library
from auditor.engine.runner import Session
specs = load_library()
families, statuses, checks = {{}}, {{}}, {{}}
t0 = time.perf_counter()
with Case.open('{db}') as case:
    session = Session(case, as_of='{as_of}')
    for family in {families!r}:
        chosen = [s for s in specs if s.family == family and s.id in {ids!r}]
        t = time.perf_counter()
        runs = session.run_many(chosen)
        families[family] = time.perf_counter() - t
        statuses.update({{r.check.id: r.status for r in runs}})
        checks.update({{r.check.id: round(r.duration_s, 2) for r in runs}})
        with open('{log}', 'a') as fh:
            fh.write(f'duckdb {{family}} {{families[family]:.1f}}s\\n')
report(seconds=time.perf_counter() - t0, families=families, statuses=statuses, checks=checks)
"""
)

SPARK = (
    SELF_PEAK
    + """
import os, time
from auditor.case.store import Case
from auditor.engine.checks import load_library
from auditor.engine.spark.runner import SparkChecks
from auditor.engine.spark.session import SparkOptions, spark_session

def tree_peaks_kib(root):
    '''Peak resident memory (VmHWM) of the processes under ``root``: the JVM, and the largest
    Python worker (workers fork from one daemon and share its pages, so they are not summed).'''
    children = {{}}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{{pid}}/stat') as fh:
                ppid = int(fh.read().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(pid))
    jvm = worker = 0
    todo = list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            name = open(f'/proc/{{pid}}/comm').read().strip()
            for line in open(f'/proc/{{pid}}/status'):
                if line.startswith('VmHWM:'):
                    kib = int(line.split()[1])
                    if name == 'java':
                        jvm += kib
                    else:
                        worker = max(worker, kib)
        except OSError:
            pass
    return jvm, worker

options = SparkOptions(master='{master}', driver_memory='{driver_memory}')
t_start = time.perf_counter()
spark = spark_session(options)
started = time.perf_counter() - t_start
partitions = int(spark.conf.get('spark.sql.shuffle.partitions'))
specs = load_library()
families, statuses, checks, shuffled = {{}}, {{}}, {{}}, {{}}
store = spark.sparkContext._jsc.sc().statusStore()
tracker = spark.sparkContext.statusTracker()

def shuffles(group):
    '''(stages that shuffled, bytes they wrote) in a job group, from Spark's status store
    (the UI's figures), read through the JVM gateway.'''
    moved = stages = 0
    for job in tracker.getJobIdsForGroup(group):
        info = tracker.getJobInfo(job)
        for stage in info.stageIds if info else ():
            try:  # a stage skipped (its shuffle reused) has no attempt on record
                wrote = store.lastStageAttempt(stage).shuffleWriteBytes()
            except Exception:
                continue
            moved += wrote
            stages += wrote > 0
    return [stages, moved]

t0 = time.perf_counter()
with Case.open('{db}') as case:
    session = SparkChecks(case, data='{data}', spark=spark, options=options, as_of='{as_of}')
    loaded = time.perf_counter() - t0
    for family in {families!r}:
        chosen = [s for s in specs if s.family == family and s.id in {ids!r}]
        session.validate(chosen)
        t = time.perf_counter()
        for spec in chosen:
            spark.sparkContext.setJobGroup(spec.id, spec.id)
            run = session.run(spec)
            statuses[spec.id] = run.status
            checks[spec.id] = round(run.duration_s, 2)
            shuffled[spec.id] = shuffles(spec.id)
            with open('{log}', 'a') as fh:  # partial figures survive a run cut short
                fh.write(f'spark {{spec.id}} {{run.status}} {{run.duration_s:.1f}}s '
                         f'{{shuffled[spec.id][0]}} shuffles '
                         f'{{shuffled[spec.id][1] / 2**20:.1f}} MiB\\n')
        families[family] = time.perf_counter() - t
    # What the session holds cached at the end (base layer, shared CTEs, results), in memory
    # and spilled: on a cluster, the executors' storage memory this inspection needs.
    infos = spark.sparkContext._jsc.sc().getRDDStorageInfo()
    cached = sum(i.memSize() + i.diskSize() for i in infos)
    jvm, worker = tree_peaks_kib(os.getpid())
    session.close()
report(seconds=time.perf_counter() - t0, families=families, statuses=statuses, checks=checks,
       shuffled=shuffled,
       started=started, loaded=loaded, partitions=partitions, jvm_peak_kib=jvm,
       cached_bytes=cached,
       worker_peak_kib=worker)
"""
)


def prepare(work: Path, installments: int) -> tuple[Path, Path, dict[str, int]]:
    """The case and its Parquet dataset (made once, kept for reruns) and their row counts."""
    from auditor.case.parquet import export_parquet
    from auditor.case.store import Case
    from auditor.ingest.importer import import_file
    from auditor.sample.platform import generate

    loans = max(300, int(installments / INSTALLMENTS_PER_LOAN))
    case_path = work / f"spark_sample_{loans}.duckdb"
    data = work / f"spark_lake_{loans}"
    if not case_path.exists():
        t = time.perf_counter()
        r = generate(work / f"spark_exports_{loans}", loans=loans, truths=False)
        tmp = case_path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with Case.open(tmp, create=True) as case:
            for f in r.files:
                import_file(case, f)
        tmp.rename(case_path)
        shutil.rmtree(work / f"spark_exports_{loans}", ignore_errors=True)
        print(f"generated and imported {loans:,} loans in {time.perf_counter() - t:.0f}s")
    if not data.exists():
        t = time.perf_counter()
        copy = work / "for_export.duckdb"
        shutil.copy(case_path, copy)
        with Case.open(copy) as case:
            export_parquet(case, data)
        copy.unlink()
        print(f"exported the Parquet dataset in {time.perf_counter() - t:.0f}s")
    with Case.open(case_path, read_only=True) as case:
        rows = {
            t: int(case.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in ("loans", "installments", "repayment_attempts")
        }
    return case_path, data, rows


INSTALLMENTS_PER_LOAN = 9.1  # the sample platform: 18,208 installments per 2,000 loans


def main(argv: list[str] | None = None) -> None:
    """Every figure is printed; the test suite runs this at a tiny size so that it keeps
    working (tests/test_benchmarks.py)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--installments", type=int, default=10_000_000)
    ap.add_argument("--master", default="local[2]", help="the local Spark session's threads")
    ap.add_argument("--driver-memory", dest="driver_memory", default="8g")
    ap.add_argument("--work", default="/tmp/auditor-bench")
    ap.add_argument("--as-of", dest="as_of", default="2024-09-30")
    ap.add_argument("--family", action="append", help="only these families (default: all)")
    ap.add_argument("--check", action="append", help="only these checks (default: all)")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    from auditor.engine.checks import load_library

    chosen = [s for s in load_library() if not args.check or s.id in args.check]
    families = tuple(args.family or sorted({s.family for s in chosen}))
    ids = [s.id for s in chosen]
    case, data, rows = prepare(work, args.installments)
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()))
    copy = work / "bench_spark_duckdb.duckdb"
    shutil.copy(case, copy)
    log = work / "bench_spark.log"
    print(f"progress: {log}")
    duck = measure(DUCKDB.format(db=copy, as_of=args.as_of, families=families, ids=ids, log=log))
    copy.unlink()
    shutil.copy(case, copy)
    spark = measure(
        SPARK.format(
            db=copy,
            data=data,
            as_of=args.as_of,
            families=families,
            ids=ids,
            master=args.master,
            driver_memory=args.driver_memory,
            log=log,
        )
    )
    copy.unlink()
    d_fam, s_fam = duck.output["families"], spark.output["families"]
    assert isinstance(d_fam, dict) and isinstance(s_fam, dict)
    out = spark.output
    print(
        f"Spark {args.master}: session start {out['started']:.1f}s, dataset read "
        f"{out['loaded']:.1f}s, {out['partitions']} shuffle partitions"
    )
    print(f"{'family':<14}{'DuckDB s':>10}{'Spark s':>10}{'Spark/DuckDB':>14}")
    for family in families:
        ratio = s_fam[family] / d_fam[family] if d_fam[family] else float("nan")
        print(f"{family:<14}{d_fam[family]:>10.1f}{s_fam[family]:>10.1f}{ratio:>13.2f}x")
    print(
        f"{'all':<14}{duck.reported:>10.1f}{spark.reported:>10.1f}"
        f"{spark.reported / duck.reported:>13.2f}x  (ratio Spark / DuckDB)"
    )
    jvm, worker = out["jvm_peak_kib"], out["worker_peak_kib"]
    assert isinstance(jvm, int) and isinstance(worker, int)
    print(
        f"peak memory: DuckDB {duck.peak_mib:,.0f} MiB; Spark: driver (Python) "
        f"{spark.peak_mib:,.0f} MiB + JVM {jvm / 1024:,.0f} MiB + Python worker "
        f"{worker / 1024:,.0f} MiB"
    )
    cached = out["cached_bytes"]
    assert isinstance(cached, int)
    print(f"Spark's cache at the end (base layer, shared CTEs, results): {cached / 2**20:,.0f} MiB")
    same = duck.output["statuses"] == out["statuses"]
    print(f"statuses alike on both engines: {same}")
    d_checks, checks, shuffled = duck.output["checks"], out["checks"], out["shuffled"]
    assert isinstance(d_checks, dict) and isinstance(checks, dict) and isinstance(shuffled, dict)
    print(f"{'check':<8}{'DuckDB s':>10}{'Spark s':>9}{'shuffles':>10}{'shuffled MiB':>14}")
    for cid, seconds in checks.items():
        stages, moved = shuffled.get(cid, (0, 0))
        print(
            f"{cid:<8}{d_checks.get(cid, float('nan')):>10.2f}{seconds:>9.2f}{stages:>10}"
            f"{moved / 2**20:>14.1f}"
        )


if __name__ == "__main__":
    main()
