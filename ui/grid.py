"""The result grid: a table view over a paging ResultModel, with copy and a row count."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.result_model import CursorFactory, ResultModel
from ui.workers import WorkerPool


class ResultGrid(QWidget):
    sample_requested = Signal(str)  # the table shown: right-click, "Sample rows…"

    def __init__(
        self,
        cursor_factory: CursorFactory,
        workers: WorkerPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = ResultModel(cursor_factory, workers, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setAlternatingRowColors(True)
        self.status = QLabel()
        copy = QAction(self.tr("Copy"), self.view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_selection)
        self.view.addAction(copy)
        sample = QAction(self.tr("Sample rows…"), self.view)
        sample.triggered.connect(self._sample)
        self.view.addAction(sample)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        lay.addWidget(self.status)
        self.model.modelReset.connect(self._show_count)
        self.model.sortingChanged.connect(self._sorting)
        self.view.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self.view.horizontalHeader().setSortIndicatorShown(True)
        )

    def show_table(self, table: str | None, percent_columns: Iterable[str] = ()) -> None:
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.model.set_table(table, percent_columns)
        self.view.resizeColumnsToContents()

    def _sample(self) -> None:
        if self.model.table:
            self.sample_requested.emit(self.model.table)

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.status.setText(self.tr("{0} rows").format(f"{n:,}") if self.model.table else "")

    def _sorting(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("Sorting…"))
        else:
            self._show_count()

    def copy_selection(self) -> str:
        """Put the selected cells on the clipboard as tab-separated text with headers."""
        sel = self.view.selectionModel().selectedIndexes()
        if not sel:
            return ""
        text = self.model.as_tsv([i.row() for i in sel], [i.column() for i in sel])
        QGuiApplication.clipboard().setText(text)
        return text
