"""The engine choice of the open case: a combo box in the toolbar, kept with the case.

DuckDB runs the checks in this process. Spark (a local session, or a Spark Connect server) runs
the same check library where the data is; it takes a while to start, so it starts in a worker
when chosen or when a case that chose it opens, and the status bar says when it is ready. Its
results come back into the case, so the grids, charts and overview read them as ever.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QComboBox, QInputDialog, QStatusBar, QWidget

from auditor.engine.engines import EngineChoice
from auditor.engine.spark.session import SparkOptions
from auditor.errors import AuditorError
from ui.case_state import CaseState
from ui.workers import Task, Worker

REMOTE_KEY = "spark_remote"


class EngineHost(Protocol):
    state: CaseState | None

    def start(
        self,
        fn: Any,
        on_result: Any,
        *,
        on_cancel: Any = None,
        on_error: Any = None,
        on_cancelled: Any = None,
        name: str = "",
    ) -> Worker: ...
    def statusBar(self) -> QStatusBar: ...
    def show_error(self, error: AuditorError) -> None: ...


class EngineSetting(QObject):
    def __init__(
        self, host: EngineHost, box: QComboBox, settings: QSettings, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.host, self.box, self.settings, self.parent_widget = host, box, settings, parent
        self.box.activated.connect(self._chosen)

    def case_opened(self, state: CaseState) -> None:
        """Show the case's engine; start Spark if the case runs on it."""
        self._show(state.engine)
        if state.engine.name == "spark":
            self._start(state)

    def _show(self, engine: EngineChoice) -> None:
        key = (
            "duckdb"
            if engine.name == "duckdb"
            else "spark-remote"
            if engine.spark.remote
            else "spark"
        )
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, self.box.findData(key)))
        self.box.blockSignals(False)

    def _chosen(self, index: int) -> None:
        state = self.host.state
        key = self.box.itemData(index)
        choice = EngineChoice()
        if key == "spark":
            choice = EngineChoice("spark")
        elif key == "spark-remote":
            remote = self._ask_remote()
            if remote is None:
                self._show(state.engine if state else EngineChoice())
                return
            choice = EngineChoice("spark", SparkOptions(remote=remote))
        if state is None:
            return
        try:
            state.set_engine(choice)
        except AuditorError as e:
            self.host.show_error(e)
            return
        if choice.name == "spark":
            self._start(state)
        else:
            self.host.statusBar().showMessage(self.tr("Checks run on DuckDB."), 5000)

    def _ask_remote(self) -> str | None:
        text, ok = QInputDialog.getText(
            self.parent_widget,
            self.tr("Spark Connect"),
            self.tr("Spark Connect server (sc://HOST:PORT):"),
            text=str(self.settings.value(REMOTE_KEY, "sc://localhost:15002")),
        )
        if not ok or not text.strip():
            return None
        self.settings.setValue(REMOTE_KEY, text.strip())
        return text.strip()

    def _start(self, state: CaseState) -> None:
        self.host.statusBar().showMessage(self.tr("Starting {0}…").format(state.engine.describe()))

        def start(_task: Task) -> str:
            with state.lock:
                return state.start_engine()

        self.host.start(start, self._ready, name="engine")

    def _ready(self, describe: str) -> None:
        self.host.statusBar().showMessage(self.tr("Checks run on {0}.").format(describe), 10_000)
