"""The main window: wires the case overview to the core. It shows, it does not compute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from auditor.case import Case
from auditor.case_info import case_summary
from auditor.errors import AuditorError
from ui.workers import Worker


def load_summary(path: Path) -> dict[str, Any]:
    with Case.open(path) as case:
        return case_summary(case)


class MainWindow(QMainWindow):
    def __init__(self, case_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lending Auditor"))
        self.resize(1100, 700)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Case"), self.tr("Rows"), self.tr("Rejected")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.columns = QTableWidget(0, 6)
        self.columns.setHorizontalHeaderLabels(
            [self.tr(h) for h in ("Column", "Type", "Nulls", "Distinct", "Min", "Max")]
        )
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.columns)
        split.setSizes([350, 750])
        self.setCentralWidget(split)
        self.summary: dict[str, Any] = {}
        self._workers: set[Worker] = set()
        self.tree.currentItemChanged.connect(self._show_table)
        if case_path is not None:
            self.open_case(case_path)

    def open_case(self, path: Path) -> Worker:
        self.statusBar().showMessage(self.tr("Opening {0}…").format(path))
        worker = Worker(lambda: load_summary(path))
        worker.signals.result.connect(self._show_summary)
        worker.signals.error.connect(self.show_error)
        worker.signals.finished.connect(lambda: self._workers.discard(worker))
        self._workers.add(worker)
        QThreadPool.globalInstance().start(worker)
        return worker

    def _show_summary(self, summary: dict[str, Any]) -> None:
        self.summary = summary
        self.setWindowTitle(self.tr("Lending Auditor — {0}").format(Path(summary["case"]).name))
        self.tree.clear()
        rejected: dict[str, int] = {}
        for s in summary["sources"]:
            rejected[s["target_table"]] = rejected.get(s["target_table"], 0) + s["rows_rejected"]
        tables = QTreeWidgetItem([self.tr("Tables")])
        for t in summary["tables"]:
            item = QTreeWidgetItem([t["name"], f"{t['rows']:,}", f"{rejected.get(t['name'], 0):,}"])
            tables.addChild(item)
        sources = QTreeWidgetItem([self.tr("Sources")])
        for s in summary["sources"]:
            item = QTreeWidgetItem(
                [s["file_name"], f"{s['rows_read']:,}", f"{s['rows_rejected']:,}"]
            )
            item.setToolTip(0, f"{s['path']}\nSHA-256 {s['sha256']}")
            sources.addChild(item)
        self.tree.addTopLevelItems([tables, sources])
        tables.setExpanded(True)
        sources.setExpanded(True)
        log = summary["audit_log"]
        state = self.tr("verified") if log["verified"] else self.tr("DOES NOT VERIFY")
        self.statusBar().showMessage(
            self.tr("{0} tables, {1} sources; audit log {2} entries, {3}").format(
                len(summary["tables"]), len(summary["sources"]), log["entries"], state
            )
        )

    def _show_table(self, item: QTreeWidgetItem | None) -> None:
        table = next(
            (
                t
                for t in self.summary.get("tables", [])
                if item is not None and t["name"] == item.text(0)
            ),
            None,
        )
        self.columns.setRowCount(0)
        if table is None:
            return
        self.columns.setRowCount(len(table["columns"]))
        for r, c in enumerate(table["columns"]):
            for k, value in enumerate(
                (
                    c["name"],
                    c["type"],
                    f"{c['nulls']:,}",
                    f"{c['distinct']:,}",
                    c["min"] or "",
                    c["max"] or "",
                )
            ):
                self.columns.setItem(r, k, QTableWidgetItem(str(value)))

    def show_error(self, error: AuditorError) -> None:
        """The one path by which errors reach the user."""
        self.statusBar().showMessage(error.title)
        box = QMessageBox(QMessageBox.Icon.Warning, error.title, str(error), parent=self)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)
