"""How long the desktop window's GUI thread is held up: opening a case, opening each check's
tab, exporting the report, importing a file.

A timer ticks every 5 ms on the GUI thread; a tick that comes late measures a wait (the
window could not repaint or take a click meanwhile). For each action the longest wait is
printed, from the moment the action is asked for until the window is idle again (no worker
running). The case is the sample platform with every check already run (the situation in
which opening a tab shows a result and its chart).

    python -m benchmarks.bench_gui_waits [--loans 20000] [--case CASE]
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 5


class StallMonitor:
    """Records how late each tick of a fast timer arrives on the GUI thread: in wall time,
    and in the GUI thread's own CPU time between ticks (the work that held it up, whatever
    else the machine is doing: on a shared, busy machine the wall time mostly measures
    waiting for a core)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.worst, self.worst_cpu = 0.0, 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self.last - TICK_MS / 1000)
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def reset(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.worst = self.worst_cpu = 0.0


def wait_until(done: Callable[[], bool], timeout: float = 300.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.perf_counter() + timeout
    loop = QEventLoop()
    while not done() and time.perf_counter() < end:
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def settle(window: Any, ms: int = 300) -> None:
    """Until no worker runs, then ``ms`` more of event loop (paints, queued signals)."""
    wait_until(lambda: not window.workers.active)
    end = time.perf_counter() + ms / 1000
    wait_until(lambda: time.perf_counter() > end)


Row = tuple[str, float, float, float]


def measure(
    monitor: StallMonitor, window: Any, action: Callable[[], Any]
) -> tuple[float, float, float]:
    """(the call's GUI-thread CPU time, the longest wait in CPU time, and in wall time
    until idle), in seconds."""
    monitor.reset()
    started, cpu = time.perf_counter(), time.thread_time()
    action()
    call, call_cpu = time.perf_counter() - started, time.thread_time() - cpu
    settle(window)
    return call_cpu, max(monitor.worst_cpu, call_cpu), max(monitor.worst, call)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loans", type=int, default=None, help="sample size (default: its own)")
    ap.add_argument("--case", help="a case to use instead of building the sample")
    ap.add_argument("--tabs", type=int, default=41, help="how many check tabs to open")
    ap.add_argument("--work", help="a folder for the sample (default: a temporary one)")
    args = ap.parse_args(argv)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from auditor.case.store import Case
    from auditor.engine.checks import load_library
    from auditor.engine.runner import Session
    from auditor.sample.build import build_sample_case
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        if args.case:
            case_path = Path(args.case)
        else:
            where = Path(args.work or tmp) / "gui_waits"
            _sample, case_path, _ = build_sample_case(where, loans=args.loans)
        with Case.open(case_path) as case:
            Session(case).run_many(load_library())  # every check run, as after "Run all"
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, auto_overview=False)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        monitor = StallMonitor()
        rows: list[Row] = []
        got = measure(monitor, window, lambda: window.open_case(case_path))
        wait_until(lambda: window.state is not None)
        settle(window)
        rows.append(("open the case (until idle)", *got))
        assert window.state is not None
        tabs: list[Row] = []
        for cid in list(window.state.library)[: args.tabs]:
            got = measure(monitor, window, functools.partial(window.open_check, cid))
            tabs.append((f"open tab {cid}", *got))
        tabs.sort(key=lambda r: -r[2])
        rows += tabs[:5]
        out = Path(tmp) / "report.xlsx"
        done: list[Any] = []
        window.report_written.connect(done.append)
        got = measure(monitor, window, lambda: window.export_report(out))
        wait_until(lambda: bool(done))
        rows.append(("export the report (charts drawn, then written)", *got))
        late = Path(tmp) / "incidents_late.csv"
        late.write_text(
            "incident_id,kind,start_at,end_at\nINC-900,outage,2024-09-28 10:00,2024-09-28 11:00\n"
        )
        from auditor.ingest.mapping import MappingProfile

        def import_late() -> None:
            window.import_files([(late, MappingProfile(table="incidents"))])

        got = measure(monitor, window, import_late)
        wait_until(lambda: window.state is not None)
        settle(window)
        rows.append(("import a file (close, import, reopen)", *got))
        load = os.getloadavg()[0]
        print(f"GUI thread held up, in ms (load average {load:.1f} on {os.cpu_count()} cores)")
        print(f"{'':48}{'call, CPU':>11}{'longest, CPU':>14}{'longest, wall':>15}")
        for name, call, worst_cpu, worst in rows:
            print(f"{name:48}{call * 1000:11.0f}{worst_cpu * 1000:14.0f}{worst * 1000:15.0f}")
        median = sorted(t[2] for t in tabs)[len(tabs) // 2] * 1000
        print(f"(tabs: the 5 slowest of {len(tabs)}; median longest CPU wait {median:.0f} ms)")
        window.workspace.mark_saved()
        window.close()


if __name__ == "__main__":
    main()
