"""The desktop result grid on a ten-million-row result.

One process builds the result (a table in a case's ``results`` schema, as a check leaves it).
Then, each in a fresh process (so each reports its own peak memory):

- bare DuckDB: the first page and the last page of the result read directly (the baseline);
- the app: time from asking for the result to its first rows painted in the grid (offscreen),
  to the last row painted after jumping to the bottom, a scroll through the whole result in
  2,000 steps, and sorting by a column until the sorted first rows are painted; with the
  process's peak memory and the Python heap's growth while scrolling.

    python -m benchmarks.bench_grid [--rows 10000000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.common import SELF_PEAK, measure

BARE = (
    SELF_PEAK
    + """
import time, duckdb
c = duckdb.connect({path!r}, read_only=True)
t = time.perf_counter()
n = c.execute("SELECT count(*) FROM results.big").fetchall()[0][0]
first = c.execute("SELECT * FROM results.big LIMIT 60").fetchall()
t_first = time.perf_counter() - t
t = time.perf_counter()
last = c.execute(f"SELECT * FROM results.big LIMIT 60 OFFSET {{n - 60}}").fetchall()
report(first=t_first, last=time.perf_counter() - t, rows=n)
"""
)

APP = (
    SELF_PEAK
    + """
import os, time, tracemalloc
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import duckdb
from PySide6.QtCore import QEventLoop, QTimer, Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.grid import ResultGrid
conn = duckdb.connect({path!r})
grid = ResultGrid(conn.cursor)
grid.resize(1200, 800)
grid.show()
app.processEvents()
t = time.perf_counter()
grid.show_table("results.big")
grid.view.viewport().repaint()
t_first = time.perf_counter() - t
assert grid.model.data(grid.model.index(0, 1)) == "L0"
n = grid.model.rowCount()
t = time.perf_counter()
grid.view.scrollToBottom()
grid.view.viewport().repaint()
t_last = time.perf_counter() - t
assert grid.model.value(n - 1, 0) == n - 1
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
t = time.perf_counter()
steps = {steps}
for i in range(steps):
    grid.view.scrollTo(grid.model.index(i * (n // steps), 0))
    grid.view.viewport().repaint()
t_scroll = (time.perf_counter() - t) / steps
grown = tracemalloc.get_traced_memory()[0] - base
tracemalloc.stop()
status = open("/proc/self/status").read().splitlines()
hwm_before_sort = next(int(x.split()[1]) for x in status if x.startswith("VmHWM"))
loop = QEventLoop()
grid.model.sortingChanged.connect(lambda busy: None if busy else loop.quit())
t = time.perf_counter()
grid.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
QTimer.singleShot(300_000, loop.quit)
loop.exec()
grid.view.viewport().repaint()
t_sort = time.perf_counter() - t
top = grid.model.value(0, 2)
grid.model.release()
report(first=t_first, last=t_last, scroll_step=t_scroll, py_growth=grown, sort=t_sort,
       rows=n, pages=grid.model.pages_fetched, top=str(top), before_sort_kib=hwm_before_sort)
"""
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--steps", type=int, default=2000, help="scroll steps measured")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "grid.duckdb")
        conn = duckdb.connect(path)
        t = time.perf_counter()
        conn.execute("CREATE SCHEMA results")
        conn.execute(
            "CREATE TABLE results.big AS SELECT i AS n, 'L' || i AS loan_id, "
            "CAST((i * 7919) % 100000 AS DECIMAL(18,2)) AS amount, "
            "DATE '2024-01-01' + CAST(i % 365 AS INTEGER) AS due_date, i % 3 = 0 AS flag "
            f"FROM range({args.rows}) t(i)"
        )
        conn.close()
        print(f"result of {args.rows:,} rows built in {time.perf_counter() - t:.1f}s")
        bare = measure(BARE.format(path=path))
        appm = measure(APP.format(path=path, steps=args.steps))
        b: dict[str, Any] = bare.output
        a: dict[str, Any] = appm.output
        print(f"{'':44}{'seconds':>10}")
        print(f"{'bare DuckDB: first 60 rows (count + fetch)':44}{b['first']:10.4f}")
        print(f"{'bare DuckDB: last 60 rows (OFFSET)':44}{b['last']:10.4f}")
        print(f"{'grid: ask to first rows painted':44}{a['first']:10.4f}")
        print(f"{'grid: jump to last row, painted':44}{a['last']:10.4f}")
        print(f"{'grid: one scroll step, painted (mean)':44}{a['scroll_step']:10.4f}")
        print(f"{'grid: sort by a column, first rows painted':44}{a['sort']:10.2f}")
        before = int(a["before_sort_kib"]) / 1024
        print(f"peak memory: bare {bare.peak_mib:,.0f} MiB; app {before:,.0f}"
              f" MiB up to the scroll's end, {appm.peak_mib:,.0f} MiB after the sort (DuckDB "
              f"sorting 10 M rows; Qt and the window included); Python heap grew "
              f"{int(a['py_growth']) / 1024:,.0f} KiB over a 2,000-step scroll "
              f"({a['pages']:,} pages fetched in all)")  # fmt: skip


if __name__ == "__main__":
    main()
