"""Workers report exactly one outcome, and cancel really stops DuckDB."""

from __future__ import annotations

import itertools
import time

import duckdb
import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from auditor.errors import AuditorError, Cancelled
from ui.workers import Task, Worker, WorkerPool

LONG = "SELECT count(*) FROM range(5000000000) a, range(10) b WHERE a.range % 7 = b.range"


def outcomes(worker: Worker) -> list[str]:
    seen: list[str] = []
    worker.signals.result.connect(lambda _v: seen.append("result"))
    worker.signals.error.connect(lambda _e: seen.append("error"))
    worker.signals.cancelled.connect(lambda: seen.append("cancelled"))
    worker.signals.finished.connect(lambda: seen.append("finished"))
    return seen


@pytest.mark.parametrize(
    ("fn", "expected"),
    [
        (lambda _t: 42, "result"),
        (lambda _t: (_ for _ in ()).throw(AuditorError("bad file", "Import")), "error"),
        (lambda _t: 1 / 0, "error"),
        (lambda _t: (_ for _ in ()).throw(Cancelled("stop")), "cancelled"),
    ],
)
def test_exactly_one_outcome_then_finished(qtbot: QtBot, fn: object, expected: str) -> None:
    pool = WorkerPool()
    worker = Worker(fn)  # type: ignore[arg-type]
    seen = outcomes(worker)
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000):
        pool.start(worker)
    assert seen == [expected, "finished"]


def test_unexpected_errors_carry_details(qtbot: QtBot) -> None:
    missing: dict[str, int] = {}
    worker = Worker(lambda _t: missing["key"])
    got: list[AuditorError] = []
    worker.signals.error.connect(got.append)
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000):
        WorkerPool().start(worker)
    assert got and "KeyError" in str(got[0]) and "Traceback" in got[0].details  # type: ignore[attr-defined]


def test_cancel_interrupts_duckdb_and_the_event_loop_keeps_turning(qtbot: QtBot) -> None:
    conn = duckdb.connect()
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    started = time.perf_counter()

    def long_query(task: Task) -> object:
        try:
            return conn.execute(LONG).fetchall()
        except duckdb.InterruptException as e:
            raise Cancelled("interrupted") from e

    worker = Worker(long_query, on_cancel=conn.interrupt)
    seen = outcomes(worker)
    pool = WorkerPool()
    pool.start(worker)
    # While DuckDB works in the worker, the GUI thread's timer keeps firing.
    qtbot.waitUntil(lambda: len(ticks) >= 25, timeout=10_000)
    assert not worker.done.is_set()
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000):
        worker.cancel()
    timer.stop()
    assert seen == ["cancelled", "finished"]
    assert time.perf_counter() - started < 30
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 1.0  # never frozen for a second
    conn.close()


def test_a_result_after_cancel_is_reported_as_cancelled(qtbot: QtBot) -> None:
    def slow(task: Task) -> int:
        task.stop.wait(5)
        return 1

    worker = Worker(slow)
    seen = outcomes(worker)
    WorkerPool().start(worker)
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000):
        worker.cancel()
    assert seen == ["cancelled", "finished"]
