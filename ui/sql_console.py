"""The SQL console: one read-only SELECT at a time, under the same sandbox as the checks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.checks import sql_parameters
from ui.grid import ResultGrid
from ui.result_model import CursorFactory
from ui.workers import WorkerPool


class SqlConsole(QWidget):
    run_requested = Signal(str)
    cancel_requested = Signal()

    def __init__(
        self, cursor_factory: CursorFactory, workers: WorkerPool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFont("monospace"))
        self.editor.setPlaceholderText(
            self.tr(
                "SELECT … — Ctrl+Enter runs. Tables: loans, installments, … ; "
                "check results: results.OUT_01, …"
            )
        )
        self.run_button = QPushButton(self.tr("Run"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.status = QLabel()
        self.params: dict[str, Any] = {}  # values bound to the query's $names (drill-down)
        self.params_label = QLabel()
        self.params_label.setStyleSheet("color: gray")
        self.grid = ResultGrid(cursor_factory, workers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.status, 1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.editor)
        tl.addWidget(self.params_label)
        tl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.grid)
        split.setSizes([200, 500])
        QVBoxLayout(self).addWidget(split)
        self.run_button.clicked.connect(self.request_run)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.request_run)

    def set_query(self, title: str, sql: str, params: dict[str, Any]) -> None:
        """Show a query with its bound values (the values are bound, never pasted in)."""
        self.params = dict(params)
        self.editor.setPlainText(f"-- {title}\n{sql}")
        self.params_label.setText(
            self.tr("Bound: {0}").format(", ".join(f"${k} = {v!r}" for k, v in params.items()))
            if params
            else ""
        )

    def bound(self, sql: str) -> dict[str, Any]:
        """The bound values the SQL uses (an edited query may have dropped some)."""
        used = sql_parameters(sql)
        return {k: v for k, v in self.params.items() if k in used}

    def request_run(self) -> None:
        sql = self.editor.toPlainText().strip()
        if not sql:
            return
        self.set_running(True)
        self.run_requested.emit(sql)

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.status.setText(self.tr("Running…"))

    def show_result(self, table: str, rows: int, seconds: float) -> None:
        self.set_running(False)
        self.status.setText(self.tr("{0} rows in {1:.2f} s").format(f"{rows:,}", seconds))
        self.grid.show_table(table)

    def show_stopped(self, text: str) -> None:
        self.set_running(False)
        self.status.setText(text)
