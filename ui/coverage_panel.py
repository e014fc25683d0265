"""The Coverage dock: every check of the library, whether the open case lets it run (in full,
in part, or not at all), which of its tests would run, and exactly which tables and columns it
lacks; and the data request to send the platform (View → Coverage).

It reads the coverage decision the runner acts on (``auditor.engine.coverage``) in a worker,
on a cursor, whenever a case is shown (after opening and after each import) while the dock is
open, and when the dock is opened. The data request writes an audit-log entry, so it runs on
the case's own connection under the case's lock, like every other write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.checks import load_library
from auditor.engine.coverage import CheckCoverage, DataFacts, library_coverage
from auditor.engine.run_notes import lacks_text, notes_text, reason_notes, words
from auditor.report.data_request import DataRequestResult, write_data_request
from ui.language import current_language, texts
from ui.window_common import QT_TRANSLATE_NOOP
from ui.workers import Task

STATUS_TEXT = {
    "runs": QT_TRANSLATE_NOOP("CoveragePanel", "yes"),
    "partial": QT_TRANSLATE_NOOP("CoveragePanel", "in part"),
    "not_run": QT_TRANSLATE_NOOP("CoveragePanel", "no"),
}
STATUS_COLOUR = {"runs": "#C6EFCE", "partial": "#FFE699", "not_run": "#D9D9D9"}


class CoveragePanel(QDockWidget):
    filled = Signal()  # the tree shows the coverage of the case open now
    request_written = Signal(object)  # DataRequestResult

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Coverage"))
        self.setObjectName("coverage")
        self.summary = QLabel(self.tr("No case open."))
        self.summary.setWordWrap(True)
        self.request_button = QPushButton(self.tr("Data request…"))
        self.request_button.setToolTip(
            self.tr("Write the list of missing tables and columns to send the platform (Excel)")
        )
        self.request_button.setEnabled(False)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Check"), self.tr("Can run"), self.tr("Lacks")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 250)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.request_button, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.tree)
        self.setWidget(body)
        self.coverage: list[CheckCoverage] = []
        self.items: dict[str, QTreeWidgetItem] = {}
        self.request_button.clicked.connect(self._ask_request_path)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.visibilityChanged.connect(self._shown)

    # --- reading -----------------------------------------------------------------------

    def _shown(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def case_shown(self) -> None:
        """The window shows a case (opened, or reopened after an import)."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the coverage of the open case in a worker (a no-op with no case)."""
        state = getattr(self.window_, "state", None)
        if state is None:
            self.show_coverage([])
            return
        cursor = state.cursor()
        library = load_library()

        def read(_task: Task) -> list[CheckCoverage]:
            try:
                return library_coverage(library, DataFacts.of(cursor))
            finally:
                cursor.close()

        self.window_.start(read, self.show_coverage, name="coverage")

    def show_coverage(self, coverage: list[CheckCoverage]) -> None:
        self.coverage = coverage
        self.tree.clear()
        self.items.clear()
        counts = {k: sum(1 for c in coverage if c.status == k) for k in STATUS_TEXT}
        if coverage:
            self.summary.setText(
                self.tr("{0} checks: {1} can run in full, {2} in part, {3} cannot run.").format(
                    len(coverage), counts["runs"], counts["partial"], counts["not_run"]
                )
            )
        else:
            self.summary.setText(self.tr("No case open."))
        self.request_button.setEnabled(bool(coverage))
        lang = current_language()
        for cov in coverage:
            text = texts(cov.check)
            item = QTreeWidgetItem(
                [f"{cov.check.id}  {text.title}", self.tr(STATUS_TEXT[cov.status]), ""]
            )
            item.setText(2, self._lacks_text(cov, lang))
            item.setToolTip(2, item.text(2))
            item.setData(0, Qt.ItemDataRole.UserRole, cov.check.id)
            item.setBackground(1, QBrush(QColor(STATUS_COLOUR[cov.status])))
            item.setToolTip(0, text.description)
            for test in cov.tests:
                ran = cov.can_run and test.runs
                child = QTreeWidgetItem(
                    [
                        text.test_title(test.name),
                        self.tr("runs") if ran else self.tr("skipped"),
                        lacks_text(test.lacks, lang),
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, cov.check.id)
                child.setToolTip(0, text.test_title(test.name))
                child.setToolTip(2, child.text(2))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            self.items[cov.check.id] = item
            item.setExpanded(cov.status == "partial")
        self.filled.emit()

    def _lacks_text(self, cov: CheckCoverage, lang: str) -> str:
        if not cov.can_run:
            return notes_text(reason_notes(cov), lang, cov.check)
        parts = []
        if cov.skipped:
            parts.append(self.tr("skips {0} of {1} tests").format(len(cov.skipped), len(cov.tests)))
        if cov.unfilled_optional:
            parts.append(self.tr("read as empty: {0}").format(", ".join(cov.unfilled_optional)))
        return words(lang)["separator"].join(parts)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        check_id = item.data(0, Qt.ItemDataRole.UserRole)
        if check_id and hasattr(self.window_, "open_check"):
            self.window_.open_check(check_id)

    # --- the data request ----------------------------------------------------------------

    def _ask_request_path(self) -> None:
        state = getattr(self.window_, "state", None)
        if state is None:
            return
        suggested = str(Path(state.path).with_name(Path(state.path).stem + "-data-request.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Data request"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.write_request(Path(path))

    def write_request(self, path: Path) -> None:
        """Write the data request to ``path`` in a worker; ``request_written`` says when."""
        state = getattr(self.window_, "state", None)
        if state is None:
            return
        library = load_library()

        def write(_task: Task) -> DataRequestResult:
            with state.lock:
                conn = state.case.conn
                coverage = library_coverage(library, DataFacts.of(conn))
                return write_data_request(conn, coverage, path, case_name=Path(state.path).name)

        self.window_.start(write, self._written, name="data request")

    def _written(self, result: DataRequestResult) -> None:
        self.window_.statusBar().showMessage(
            self.tr("Data request written: {0} ({1} columns of {2} tables)").format(
                result.path, result.columns, result.tables
            ),
            10_000,
        )
        self.request_written.emit(result)


def install_coverage(window: Any) -> CoveragePanel:
    """Add the Coverage dock to the window (hidden until opened from View → Coverage) and keep
    it current: it rereads the case each time the window shows one."""
    panel = CoveragePanel(window)
    panel.setMinimumWidth(420)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    panel.hide()
    action = panel.toggleViewAction()
    action.setText(QCoreApplication.translate("MainWindow", "C&overage"))
    action.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Which checks the data lets run, and what each one lacks"
        )
    )
    view = getattr(window, "view_menu", None)  # by reference: its title is translated
    if isinstance(view, QMenu):
        view.addAction(action)
    window.case_loaded.connect(panel.case_shown)
    return panel
