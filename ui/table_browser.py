"""The table browser: any imported table, paged, with a profile of its columns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor.case.info import TableInfo
from ui.grid import ResultGrid
from ui.result_model import CursorFactory
from ui.window_common import QT_TRANSLATE_NOOP
from ui.workers import WorkerPool

PROFILE_HEADERS = (
    QT_TRANSLATE_NOOP("TableBrowser", "Column"),
    QT_TRANSLATE_NOOP("TableBrowser", "Type"),
    QT_TRANSLATE_NOOP("TableBrowser", "Nulls"),
    QT_TRANSLATE_NOOP("TableBrowser", "Distinct"),
    QT_TRANSLATE_NOOP("TableBrowser", "Min"),
    QT_TRANSLATE_NOOP("TableBrowser", "Max"),
)


class TableBrowser(QWidget):
    profile_requested = Signal(str)

    def __init__(
        self, cursor_factory: CursorFactory, workers: WorkerPool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tables = QComboBox()
        self.grid = ResultGrid(cursor_factory, workers)
        self.profile = QTableWidget(0, len(PROFILE_HEADERS))
        self.profile.setHorizontalHeaderLabels([self.tr(h) for h in PROFILE_HEADERS])
        self.profile.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.grid)
        split.addWidget(self.profile)
        split.setSizes([450, 250])
        lay = QVBoxLayout(self)
        lay.addWidget(self.tables)
        lay.addWidget(split)
        self.tables.currentTextChanged.connect(self.show)

    def set_tables(self, names: list[str]) -> None:
        current = self.tables.currentText()
        self.tables.blockSignals(True)
        self.tables.clear()
        self.tables.addItems(names)
        self.tables.blockSignals(False)
        if current in names:
            self.tables.setCurrentText(current)
        self.show(self.tables.currentText())

    def show(self, name: str) -> None:  # type: ignore[override]
        self.grid.show_table(f"main.{name}" if name else None)
        self.profile.setRowCount(0)
        if name:
            self.profile_requested.emit(name)

    def show_profile(self, info: TableInfo) -> None:
        if info.name != self.tables.currentText():
            return
        self.profile.setRowCount(len(info.columns))
        for r, c in enumerate(info.columns):
            values = (c.name, c.type, f"{c.nulls:,}", f"{c.distinct:,}", c.min or "", c.max or "")
            for k, v in enumerate(values):
                self.profile.setItem(r, k, QTableWidgetItem(str(v)))
