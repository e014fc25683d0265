"""Reviewing a case from the desktop: "Sample rows…" on a result, reading a reviewed sample
back, comparing the case with an older export, and the switch that masks personal data in
what leaves the case. A part composed into the window (``window.review``); the work runs in
workers through ``review_jobs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenuBar, QMessageBox, QStatusBar, QTabWidget, QWidget

from auditor.errors import AuditorError
from auditor.results.compare import Comparison
from auditor.results.sample_draw import Population, population_of_run
from ui import review_jobs
from ui.case_state import CaseState
from ui.review_tabs import CompareTab, SampleTab
from ui.sample_dialog import SampleDialog
from ui.workers import Worker, WorkerPool


class ReviewHost(Protocol):
    """What this part needs of the window."""

    state: CaseState | None
    workspace: Any  # the Workspace: the runs
    settings: QSettings
    tabs: QTabWidget
    workers: WorkerPool

    def tr(self, text: str) -> str: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
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
    def show_error(self, error: AuditorError) -> None: ...
    def close_case(self, *, keep_workspace: bool = False) -> None: ...
    def open_case(
        self, path: Path, *, keep_workspace: bool = False, then: Any = None
    ) -> object: ...
    def _cursor(self) -> Any: ...
    def refresh_log(self) -> None: ...


class ReviewActions(QObject):
    def __init__(self, host: ReviewHost) -> None:
        super().__init__()
        self.host = host
        self.sample_tabs: dict[int, SampleTab] = {}
        self.compare_tab: CompareTab | None = None
        menu = host.menuBar().addMenu(self.tr("&Review"))
        self.mask_action = QAction(self.tr("&Mask personal data in exports"), menu)
        self.mask_action.setCheckable(True)
        self.mask_action.setChecked(bool(host.settings.value("mask_exports", True, type=bool)))
        self.mask_action.setToolTip(
            self.tr("Reports, sample sheets and CSV exports show identifiers as tokens")
        )
        self.mask_action.toggled.connect(lambda on: host.settings.setValue("mask_exports", on))
        self.compare_action = QAction(self.tr("&Compare with an older export…"), menu)
        self.compare_action.triggered.connect(self.compare_dialog)
        menu.addAction(self.compare_action)
        menu.addSeparator()
        menu.addAction(self.mask_action)

    @property
    def mask_exports(self) -> bool:
        return self.mask_action.isChecked()

    # --- sampling ------------------------------------------------------------------------

    def sample_check(self, check_id: str) -> SampleDialog | None:
        run = self.host.workspace.run(check_id) if self.host.state is not None else None
        if run is None or run.result_table is None:
            self.host.show_error(
                AuditorError(self.tr("run the check first"), self.tr("Sample rows"))
            )
            return None
        try:
            population = population_of_run(run)
        except AuditorError as e:
            self.host.show_error(e)
            return None
        return self.sample(population)

    def sample_table(self, table: str, label: str = "") -> SampleDialog | None:
        from auditor.db import table_ref

        return self.sample(
            Population(
                label or self.tr("result {0}").format(table), f"SELECT * FROM {table_ref(table)}"
            )
        )

    def sample(self, population: Population) -> SampleDialog | None:
        """Ask for the plan (the dialog is returned open), then draw in a worker."""
        if self.host.state is None:
            return None
        try:
            rows, columns = review_jobs.population_shape(self.host._cursor(), population)
        except AuditorError as e:
            self.host.show_error(e)
            return None
        dialog = SampleDialog(population.label, rows, columns, self.host.tabs)
        dialog.accepted.connect(lambda: self.draw(population, dialog))
        dialog.open()
        return dialog

    def draw(self, population: Population, dialog: SampleDialog) -> Worker | None:
        state = self.host.state
        if state is None:
            return None
        plan = dialog.plan()
        return self.host.start(
            lambda t: review_jobs.draw(t, state, population, plan),
            self._show_sample,
            name="sample",
        )

    def _show_sample(self, drawn: review_jobs.Drawn) -> SampleTab:
        tab = SampleTab(
            drawn.sample_id, drawn.lines, drawn.table, self.host._cursor, self.host.workers
        )
        tab.save_requested.connect(self.save_sample)
        tab.review_requested.connect(self.review_sample)
        self.sample_tabs[drawn.sample_id] = tab
        self.host.tabs.addTab(tab, self.tr("Sample {0}").format(drawn.sample_id))
        self.host.tabs.setCurrentWidget(tab)
        self.host.refresh_log()
        return tab

    def save_sample(self, sample_id: int, path: Path | None = None) -> Worker | None:
        state = self.host.state
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self.host.tabs, self.tr("Save the sample"), f"sample_{sample_id}.xlsx",
                self.tr("Excel workbooks (*.xlsx)"),
            )  # fmt: skip
            if not name:
                return None
            path = Path(name)
        if state is None:
            return None
        mask = self.mask_exports
        return self.host.start(
            lambda t: review_jobs.save_sample(t, state, sample_id, path, mask),
            lambda p: self.host.statusBar().showMessage(self.tr("Sample written to {0}").format(p)),
            name="sample file",
        )

    def review_sample(self, sample_id: int, path: Path | None = None) -> Worker | None:
        state = self.host.state
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.host.tabs, self.tr("Read the review"), "", self.tr("Excel workbooks (*.xlsx)")
            )
            if not name:
                return None
            path = Path(name)
        if state is None:
            return None

        def shown(got: list[Any]) -> None:
            for projection in got:
                tab = self.sample_tabs.get(projection.sample_id)
                if tab is not None:
                    tab.show_projection(projection)
            self.host.refresh_log()

        return self.host.start(
            lambda t: review_jobs.read_review(t, state, path), shown, name="sample review"
        )

    # --- comparing exports -----------------------------------------------------------------

    def compare_dialog(self) -> None:
        if self.host.state is None:
            self.host.show_error(
                AuditorError(self.tr("open the newer export's case first"), self.tr("Compare"))
            )
            return
        name, _ = QFileDialog.getOpenFileName(
            self.host.tabs, self.tr("The older export's case"), "",
            self.tr("Case databases (*.duckdb)"),
        )  # fmt: skip
        if name:
            self.compare_with(Path(name))

    def compare_with(self, old: Path) -> Worker | None:
        """Close the case (comparing attaches another file, which the sandbox forbids),
        compare on a fresh connection, open the case again and show the differences."""
        state = self.host.state
        if state is None:
            return None
        path = state.path
        if old.resolve() == path.resolve():
            self.host.show_error(
                AuditorError(self.tr("choose another case than the one open"), self.tr("Compare"))
            )
            return None
        self.host.close_case(keep_workspace=True)

        def done(result: Comparison) -> None:  # the case opens in the background
            self.host.open_case(
                path, keep_workspace=True, then=lambda: self.show_comparison(result)
            )

        return self.host.start(
            lambda t: review_jobs.compare(t, path, old),
            done,
            on_error=lambda _e: self.host.open_case(path, keep_workspace=True),
            on_cancelled=lambda: self.host.open_case(path, keep_workspace=True),
            name="compare",
        )

    def show_comparison(self, result: Comparison) -> CompareTab:
        self._drop_compare_tab()
        heading = self.tr(
            "{0} compared with {1}: {2} differences in {3} .. {4}. "
            "Run the Rewritten history checks (HIS-) for the findings."
        ).format(result.new, result.old, result.differences, result.period_start, result.period_end)
        self.compare_tab = CompareTab(heading, self.host._cursor, self.host.workers)
        self.host.tabs.addTab(self.compare_tab, self.tr("Export comparison"))
        self.host.tabs.setCurrentWidget(self.compare_tab)
        return self.compare_tab

    # --- the case closing ----------------------------------------------------------------------

    def _drop_compare_tab(self) -> None:
        if self.compare_tab is not None:
            self.compare_tab.release()
            self.host.tabs.removeTab(self.host.tabs.indexOf(self.compare_tab))
            self.compare_tab.deleteLater()
            self.compare_tab = None

    def close_tabs(self) -> None:
        """Before the case closes: let go of every grid on it."""
        for tab in self.sample_tabs.values():
            tab.grid.model.release()
            self.host.tabs.removeTab(self.host.tabs.indexOf(tab))
            tab.deleteLater()
        self.sample_tabs.clear()
        self._drop_compare_tab()

    def message(self, title: str, text: str) -> None:
        QMessageBox.information(self._parent(), title, text)

    def _parent(self) -> QWidget:
        return self.host.tabs
