"""Background work for the desktop app: a QRunnable on QThreadPool reporting through signals.

Each worker emits exactly one of ``result``, ``error`` or ``cancelled``, then ``finished``. It
never touches widgets; the signals are delivered to the GUI thread by Qt's queued connections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from auditor.errors import AuditorError, Cancelled


class WorkerSignals(QObject):
    result = Signal(object)
    error = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Worker(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        self.setAutoDelete(False)  # the owner keeps it until ``finished``

    def run(self) -> None:
        try:
            value = self.fn()
        except Cancelled:
            self.signals.cancelled.emit()
        except AuditorError as e:
            self.signals.error.emit(e)
        except Exception as e:  # an unexpected failure still reaches the one error path
            self.signals.error.emit(AuditorError(f"{type(e).__name__}: {e}", "Unexpected error"))
        else:
            self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()
