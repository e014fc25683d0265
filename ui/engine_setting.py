"""The engine choice of the open case: a combo box in the toolbar, kept with the case.

DuckDB runs the checks in this process. Spark (a local session, or a Spark Connect server) runs
the same check library where the data is; it takes a while to start, so it starts in a worker
when chosen or when a case that chose it opens, and the status bar says when it is ready. Its
results come back into the case, so the grids, charts and overview read them as ever.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QStatusBar, QToolBar, QWidget

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
    """The toolbar's engine box and what choosing in it does."""

    def __init__(
        self, host: EngineHost, bar: QToolBar, settings: QSettings, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.host, self.settings, self.parent_widget = host, settings, parent
        self.box = QComboBox()
        self.box.addItem(self.tr("DuckDB"), "duckdb")
        self.box.addItem(self.tr("Spark (local)"), "spark")
        self.box.addItem(self.tr("Spark Connect…"), "spark-remote")
        self.box.setToolTip(
            self.tr(
                "Where this case's checks run: DuckDB here, or Apache Spark (kept with the case)"
            )
        )
        self.box.setEnabled(False)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Engine ")))
        bar.addWidget(self.box)
        self.box.activated.connect(self._chosen)

    def case_opened(self, state: CaseState) -> None:
        """Show the case's engine; start Spark if the case runs on it."""
        self.box.setEnabled(True)
        self._show(state.engine)
        if state.engine.name == "spark":
            self.host.statusBar().showMessage(
                self.tr("Starting {0}…").format(state.engine.describe())
            )
            self._apply(state)

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
            self._show(EngineChoice())
            return
        self._apply(state, choice)

    def _apply(self, state: CaseState, choice: EngineChoice | None = None) -> None:
        """Keep ``choice`` with the case and start its engine, in a worker under the case's
        lock (the GUI thread never touches the case's connection)."""
        if choice is not None and choice.name == "spark":
            self.host.statusBar().showMessage(self.tr("Starting {0}…").format(choice.describe()))

        def apply(_task: Task) -> str:
            with state.lock:
                if choice is not None:
                    state.set_engine(choice)
                return state.start_engine()

        self.host.start(apply, self._ready, name="engine")

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

    def _ready(self, describe: str) -> None:
        self.host.statusBar().showMessage(self.tr("Checks run on {0}.").format(describe), 10_000)
