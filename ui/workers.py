"""Background work for the desktop app: QRunnables on QThreadPool reporting through signals.

Each worker emits exactly one of ``result``, ``error`` or ``cancelled``, then ``finished``. It
never touches widgets; its signals reach the GUI thread through Qt's queued connections. The
work function gets a ``Task`` to report progress and to ask whether it should stop; ``cancel``
sets that flag and calls the worker's stop hook (for DuckDB, the connection's ``interrupt``),
so a long statement really stops. A result that arrives after cancel is reported as cancelled:
the user asked to stop, and showing stale work would mislead.

``WorkerPool`` owns the running workers: the window cancels them all and waits on close.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from auditor.errors import AuditorError, Cancelled


class WorkerSignals(QObject):
    progress = Signal(str, float)
    result = Signal(object)
    error = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Task:
    """What the work function sees of its worker."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals
        self.stop = threading.Event()

    def progress(self, what: str, fraction: float) -> None:
        self._signals.progress.emit(what, float(fraction))

    def check(self) -> None:
        """Raise Cancelled when the user asked to stop."""
        if self.stop.is_set():
            raise Cancelled(QCoreApplication.translate("Worker", "cancelled by the user"))


class Worker(QRunnable):
    def __init__(
        self,
        fn: Callable[[Task], Any],
        *,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        self.on_cancel = on_cancel
        self.signals = WorkerSignals()
        self.task = Task(self.signals)
        self.done = threading.Event()
        self.setAutoDelete(False)  # the pool keeps it until ``finished``

    def cancel(self) -> None:
        self.task.stop.set()
        if self.on_cancel is not None:
            try:
                self.on_cancel()
            except Exception:  # stopping must never raise into the GUI
                traceback.print_exc()

    def run(self) -> None:
        try:
            value = self.fn(self.task)
        except Cancelled:
            self.signals.cancelled.emit()
        except AuditorError as e:
            if self.task.stop.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.error.emit(e)
        except Exception as e:  # an unexpected failure still reaches the one error path
            if self.task.stop.is_set():
                self.signals.cancelled.emit()
            else:
                err = AuditorError(
                    f"{type(e).__name__}: {e}",
                    QCoreApplication.translate("Worker", "Unexpected error"),
                )
                err.details = traceback.format_exc()  # type: ignore[attr-defined]
                self.signals.error.emit(err)
        else:
            if self.task.stop.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.result.emit(value)
        finally:
            self.done.set()
            self.signals.finished.emit()


class WorkerPool(QObject):
    """The running workers of one window; ``busy`` says whether any is running."""

    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self.active: set[Worker] = set()

    def start(self, worker: Worker) -> Worker:
        self.active.add(worker)
        worker.signals.finished.connect(lambda w=worker: self._finished(w))
        self.busy.emit(True)
        self.pool.start(worker)
        return worker

    def _finished(self, worker: Worker) -> None:
        self.active.discard(worker)
        if not self.active:
            self.busy.emit(False)

    def cancel_all(self) -> None:
        for w in list(self.active):
            w.cancel()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until every worker has returned (their signals may still be queued)."""
        return all(w.done.wait(ms / 1000) for w in list(self.active))
