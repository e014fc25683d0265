"""Keeping the workspace in the case: written in the background a moment after each change
(the case's connection does one thing at a time, so after a running check), and at once when
the case closes. A part composed into the window (``window.keeper``)."""

from __future__ import annotations

from typing import Protocol

import duckdb
from PySide6.QtCore import QObject, QTimer, Signal

from auditor.errors import AuditorError
from auditor.workbook.workspace import Workspace
from auditor.workbook.workspace_store import workspace_values, write_values
from ui import jobs
from ui.case_state import CaseState
from ui.workers import Worker, WorkerPool

SAVE_DELAY_MS = 800  # the workspace is written into the case this long after a change


class KeeperHost(Protocol):
    state: CaseState | None
    workspace: Workspace
    workers: WorkerPool

    def show_error(self, error: AuditorError) -> None: ...
    def note_error(self, error: AuditorError) -> None: ...


class WorkspaceKeeper(QObject):
    saved = Signal()  # the workspace was written into the case

    def __init__(self, host: KeeperHost) -> None:
        super().__init__()
        self.host = host
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_in_background)

    def schedule(self) -> None:
        if self.host.state is not None:
            self.timer.start()

    def save_in_background(self) -> Worker | None:
        state = self.host.state
        if state is None:
            return None
        values = workspace_values(self.host.workspace, state.path.stem)
        worker = Worker(lambda t: jobs.save_workspace(t, state, values), name="save workspace")
        worker.signals.result.connect(lambda _r: self.saved.emit())
        worker.signals.error.connect(self.host.show_error)
        return self.host.workers.start(worker)

    def save_now(self) -> None:
        """At once, on the GUI thread: the case is closing and no worker runs any more."""
        self.timer.stop()
        state = self.host.state
        if state is None:
            return
        try:
            with state.lock:
                write_values(
                    state.case.conn, workspace_values(self.host.workspace, state.path.stem)
                )
        except (duckdb.Error, OSError) as e:  # a case that cannot be written still closes
            self.host.note_error(
                AuditorError(
                    self.tr("the workspace was not saved: {0}").format(e), self.tr("Workspace")
                )
            )
