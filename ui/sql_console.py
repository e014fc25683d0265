"""The SQL console: one read-only SELECT at a time, under the same sandbox as the checks.

An editor with highlighting and completion of tables and columns; the history of queries run
(newest first); back and forward through drill-downs; the result in the grid, which filters,
sums the selection and exports to CSV or Excel. Errors show under the editor, in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.checks import sql_parameters
from auditor.results.messages import clean_error
from ui.grid import ResultGrid
from ui.result_model import CursorFactory
from ui.sql_editor import SqlEditor
from ui.workers import WorkerPool

ERROR_STYLE = "background: #fde7e9; color: #8a1c1c; padding: 3px"


class SqlConsole(QWidget):
    run_requested = Signal(str)
    cancel_requested = Signal()
    back_requested = Signal()
    forward_requested = Signal()
    drill_requested = Signal(dict, str)  # a result row's values, the column

    def __init__(
        self, cursor_factory: CursorFactory, workers: WorkerPool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = SqlEditor()
        self.editor.setPlaceholderText(
            self.tr(
                "SELECT … — Ctrl+Enter runs, Ctrl+Space completes. Tables: loans, "
                "installments, … ; check results: results.OUT_01, …"
            )
        )
        self.back_button = QToolButton()
        self.back_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.forward_button = QToolButton()
        self.forward_button.setArrowType(Qt.ArrowType.RightArrow)
        self.forward_button.setToolTip(self.tr("Forward (Alt+Right)"))
        self.show_navigation(False, False)
        self.history = QComboBox()
        self.history.setToolTip(self.tr("Queries run before (newest first)"))
        self.history.setMinimumWidth(200)
        self.history.setMaximumWidth(420)
        self.history.setPlaceholderText(self.tr("History"))
        self.run_button = QPushButton(self.tr("Run"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.params: dict[str, Any] = {}  # values bound to the query's $names (drill-down)
        self._shown: list[str] = []  # console result tables, the last one on screen
        self.params_label = QLabel()
        self.params_label.setStyleSheet("color: gray")
        self.grid = ResultGrid(cursor_factory, workers)
        self.grid.view.setToolTip(self.tr("Double-click a row naming a loan to see its ledger"))
        buttons = QHBoxLayout()
        for w in (self.back_button, self.forward_button, self.run_button, self.cancel_button):
            buttons.addWidget(w)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.history)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.editor)
        tl.addWidget(self.params_label)
        tl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.grid)
        split.setSizes([170, 500])
        QVBoxLayout(self).addWidget(split)
        self.run_button.clicked.connect(self.request_run)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.back_button.clicked.connect(self.back_requested.emit)
        self.forward_button.clicked.connect(self.forward_requested.emit)
        self.history.activated.connect(self._from_history)
        self.grid.view.doubleClicked.connect(self._drill)
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

    def set_completions(self, columns: dict[str, list[str]]) -> None:
        self.editor.set_tables(columns)

    def set_history(self, queries: list[str]) -> None:
        self.history.blockSignals(True)
        self.history.clear()
        for sql in reversed(queries):
            first = " ".join(sql.split())
            self.history.addItem(first[:90] + ("…" if len(first) > 90 else ""), sql)
        self.history.setCurrentIndex(-1)
        self.history.blockSignals(False)

    def _from_history(self, index: int) -> None:
        sql = self.history.itemData(index)
        if sql:
            self.params = {}
            self.params_label.setText("")
            self.editor.setPlainText(str(sql))

    def show_navigation(self, back: bool, forward: bool) -> None:
        self.back_button.setEnabled(back)
        self.forward_button.setEnabled(forward)

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
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Running…"))

    def tables_shown_before(self) -> tuple[str, ...]:
        """Console tables the grid showed before the one it shows now (to be dropped)."""
        old, self._shown = tuple(self._shown[:-1]), self._shown[-1:]
        return old

    def show_result(self, table: str, rows: int, seconds: float) -> None:
        self._shown.append(table)
        self.set_running(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("{0} rows in {1:.2f} s").format(f"{rows:,}", seconds))
        self.grid.show_table(table)

    def show_stopped(self, text: str) -> None:
        self.set_running(False)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def show_error(self, error: Exception) -> None:
        """The query's error, in words, under the editor (no dialog)."""
        self.set_running(False)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(clean_error(str(error)))

    def _drill(self, index: QModelIndex) -> None:
        model = self.grid.model
        row = {c: model.value(index.row(), i) for i, c in enumerate(model.columns)}
        self.drill_requested.emit(row, model.columns[index.column()])
