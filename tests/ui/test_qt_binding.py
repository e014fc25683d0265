"""The Qt binding does not corrupt Python's reference counts when signals are emitted.

PySide6 6.12.0 drops a reference to ``True`` on every ``SignalInstance.emit()``: a few
thousand emits later the interpreter aborts ("bool_dealloc"). pyproject.toml excludes it;
this test keeps the exclusion honest if the pin is ever moved.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()
    carried = Signal(object)


def test_emitting_signals_keeps_reference_counts() -> None:
    e = _Emitter()
    got: list[object] = []
    e.carried.connect(got.append)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(500):
        e.fired.emit()
        e.carried.emit(None)
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert len(got) == 500
    assert after == before, f"refcount of (True, False) moved from {before} to {after}"
