"""The main window: the case tree, the tabs, the audit log and the toolbar. It shows and it
dispatches; the work is done by the core in workers (``ui.jobs``), never in the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from auditor.errors import AuditorError
from auditor.results.overview import OVERVIEW_CHECKS, Overview
from auditor.workbook.document import Workbook
from ui import jobs
from ui.case_panels import AuditLogDock, CaseTreeDock
from ui.case_state import CaseFacts, CaseState, log_rows, read_facts
from ui.check_tab import CheckTab
from ui.engine_setting import EngineSetting
from ui.import_wizard import ImportWizard
from ui.overview_tab import OverviewTab
from ui.sql_console import SqlConsole
from ui.table_browser import TableBrowser
from ui.window_common import RecentFiles
from ui.window_io import WindowIO
from ui.window_menus import build_menus
from ui.window_workbook import WindowWorkbook
from ui.workers import Task, Worker, WorkerPool


class MainWindow(WindowWorkbook, WindowIO, QMainWindow):
    case_loaded = Signal()  # the tree, tables and log are filled
    checks_done = Signal()  # a run of checks ended (result, error or cancel)
    # Made by build_menus:
    open_action: QAction
    import_action: QAction
    run_all_action: QAction
    cancel_action: QAction
    export_action: QAction
    find_action: QAction
    recent_menu: QMenu
    recent_workbooks_menu: QMenu
    recent_cases: RecentFiles
    recent_workbooks: RecentFiles
    profile_box: QComboBox
    as_of_edit: QDateEdit
    engine_box: QComboBox

    def __init__(
        self,
        case_path: Path | None = None,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        auto_overview: bool = True,
    ) -> None:
        super().__init__(parent)
        self.workbook = Workbook()
        self.workbook_path: Path | None = None
        self._pending: Workbook | None = None  # a workbook to apply once a case is open
        self.resize(1400, 900)
        self.settings = settings or QSettings("LendingAuditor", "auditor-gui")
        self.auto_overview = auto_overview
        self.workers = WorkerPool(self)
        self.state: CaseState | None = None
        self._update_title()
        self.charts: dict[str, Any] = {}
        self.check_tabs: dict[str, CheckTab] = {}
        self.wizard: ImportWizard | None = None
        factory = self._cursor
        self.overview = OverviewTab()
        self.tables = TableBrowser(factory, self.workers)
        self.sql = SqlConsole(factory, self.workers)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        for w, name in ((self.overview, "Overview"), (self.tables, "Tables"), (self.sql, "SQL")):
            self.tabs.addTab(w, self.tr(name))
            self.tabs.tabBar().setTabButton(
                self.tabs.indexOf(w), self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.setCentralWidget(self.tabs)
        self.tree = CaseTreeDock(self)
        self.log = AuditLogDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log)
        self.resizeDocks([self.tree], [460], Qt.Orientation.Horizontal)
        self.resizeDocks([self.log], [150], Qt.Orientation.Vertical)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        build_menus(self)
        self.engine_setting = EngineSetting(self, self.engine_box, self.settings, self)
        self.workers.busy.connect(self._busy)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tree.check_activated.connect(self.open_check)
        self.tree.table_activated.connect(self._show_table)
        self.tables.profile_requested.connect(self._profile)
        self.overview.drill.connect(self.drill_figure)
        self.sql.run_requested.connect(self.run_sql)
        self.sql.cancel_requested.connect(self.cancel)
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self.restoreState(self.settings.value("window_state"))
        if case_path is not None:
            self.open_case(case_path)

    # --- actions -----------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.cancel_action.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _progress(self, what: str, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(fraction * 100))
        self.statusBar().showMessage(what)

    def start(
        self,
        fn: Any,
        on_result: Any,
        *,
        on_cancel: Any = None,
        on_error: Any = None,
        on_cancelled: Any = None,
        name: str = "",
    ) -> Worker:
        """Run ``fn`` in a worker. Every handler is connected before the worker starts: a
        worker that fails at once must not emit into a connection not yet made."""
        worker = Worker(fn, on_cancel=on_cancel, name=name)
        worker.signals.result.connect(on_result)
        worker.signals.error.connect(self.show_error)
        if on_error is not None:
            worker.signals.error.connect(on_error)
        worker.signals.progress.connect(self._progress)
        worker.signals.cancelled.connect(
            lambda: self.statusBar().showMessage(self.tr("Cancelled."), 5000)
        )
        if on_cancelled is not None:
            worker.signals.cancelled.connect(on_cancelled)
        return self.workers.start(worker)

    def cancel(self) -> None:
        self.workers.cancel_all()

    # --- the case ----------------------------------------------------------------------

    def _cursor(self) -> Any:
        if self.state is None:
            raise AuditorError("no case is open", "Case")
        return self.state.cursor()

    def open_case(self, path: Path) -> None:
        self.close_case()
        try:
            self.state = CaseState(Path(path))
        except AuditorError as e:
            self.show_error(e)
            return
        self.state.profile = self.profile_box.currentText() or "CN"
        self.engine_setting.case_opened(self.state)
        self.recent_cases.remember(Path(path))
        self._update_title()
        self.statusBar().showMessage(self.tr("Opening {0}…").format(path))
        self.refresh_facts()

    def refresh_facts(self) -> None:
        assert self.state is not None
        cursor = self.state.cursor()

        def read(_task: Task) -> tuple[CaseFacts, list[tuple[Any, ...]]]:
            try:
                return read_facts(cursor), log_rows(cursor)
            finally:
                cursor.close()

        self.start(read, self._show_facts, name="facts")

    def _show_facts(self, got: tuple[CaseFacts, list[tuple[Any, ...]]]) -> None:
        facts, log = got
        if self.state is None:
            return
        if self.state.as_of is None:
            self.state.as_of = facts.as_of
            if facts.as_of is not None:
                self.as_of_edit.blockSignals(True)
                self.as_of_edit.setDate(QDate(facts.as_of.year, facts.as_of.month, facts.as_of.day))
                self.as_of_edit.blockSignals(False)
        self.tree.show_case(facts, self.state.library, self.state.runs)
        self.tables.set_tables([t[0] for t in facts.tables])
        self.log.show_rows(log)
        state = self.tr("verified") if facts.log_verified else self.tr("DOES NOT VERIFY")
        self.statusBar().showMessage(
            self.tr("{0} tables, {1} sources; audit log {2} entries, {3}").format(
                len(facts.tables), len(facts.sources), facts.log_entries, state
            )
        )
        if self._pending is not None:
            self.apply_workbook()
        self.case_loaded.emit()
        if (
            self.auto_overview
            and not self.state.runs
            and any(t[0] == "loans" for t in facts.tables)
        ):
            self.run_checks(list(OVERVIEW_CHECKS))

    def close_case(self) -> None:
        if self.state is None:
            return
        self.cancel()
        self.workers.wait()
        for grid in self._grids():
            grid.model.release()
        for tab in list(self.check_tabs.values()):
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        self.check_tabs.clear()
        self.state.close()
        self.state = None

    def _grids(self) -> list[Any]:
        return [self.tables.grid, self.sql.grid, *(t.grid for t in self.check_tabs.values())]

    # --- checks ------------------------------------------------------------------------

    def open_check(self, check_id: str) -> CheckTab | None:
        if self.state is None or check_id not in self.state.library:
            return None
        tab = self.check_tabs.get(check_id)
        if tab is None:
            spec = self.state.library[check_id]
            tab = CheckTab(spec, self._cursor, self.workers)
            tab.set_params(self.state.resolver().resolve(spec).values)
            self._wire_tab(tab)
            self.check_tabs[check_id] = tab
            if check_id not in self.workbook.checks:
                self.workbook.checks.append(check_id)
                self.mark_dirty()
            self.tabs.addTab(tab, check_id)
            run = self.state.runs.get(check_id)
            if run is not None:
                tab.show_run(run, self.charts.get(check_id))
        self.tabs.setCurrentWidget(tab)
        return tab

    def _wire_tab(self, tab: CheckTab) -> None:
        tab.run_requested.connect(self._tab_run)
        tab.cancel_requested.connect(lambda _cid: self.cancel())
        tab.error.connect(self.show_error)
        tab.note_changed.connect(self._note_changed)
        tab.save_as_custom.connect(self.save_as_custom)
        tab.disposition.connect(self.record_disposition)
        tab.drill_requested.connect(self.drill)
        self._show_disposition_counts(tab.spec.id)

    def _tab_run(self, check_id: str, overrides: dict[str, str]) -> None:
        self.record_run(check_id, overrides)
        self.run_checks([check_id], overrides)

    def _note_changed(self, check_id: str, text: str) -> None:
        if self.state is not None and self.state.notes.get(check_id, "") != text:
            self.state.notes[check_id] = text
            self.mark_dirty()

    def _update_title(self) -> None:
        parts = [self.tr("Lending Auditor")]
        if self.state is not None:
            parts.append(self.state.path.name)
        parts.append(self.workbook_path.name if self.workbook_path else self.tr("new workbook"))
        self.setWindowTitle(" — ".join(parts) + "[*]")

    def run_checks(self, ids: list[str], overrides: dict[str, str] | None = None) -> Worker | None:
        if self.state is None:
            return None
        state = self.state
        specs = [state.library[i] for i in ids if i in state.library]
        try:
            session = state.session(overrides)
            session.check_overrides(specs)
        except AuditorError as e:
            self.show_error(e)
            return None
        for s in specs:
            if s.id in self.check_tabs:
                self.check_tabs[s.id].set_running(True)
        return self.start(
            lambda task: jobs.run_checks(task, state, session, specs),
            self._show_runs,
            on_cancel=session.interrupt,
            on_error=lambda _e: self._runs_stopped(specs),
            on_cancelled=lambda: self._runs_stopped(specs),
            name="checks",
        )

    def run_all(self) -> None:
        if self.state is not None:
            self.run_checks(list(self.state.library))

    def _show_runs(self, outcome: jobs.RunOutcome) -> None:
        if self.state is None:
            return
        for run in outcome.runs:
            self.state.runs[run.check.id] = run
            self.charts[run.check.id] = outcome.charts.get(run.check.id)
            tab = self.check_tabs.get(run.check.id)
            if tab is not None:
                tab.show_run(run, outcome.charts.get(run.check.id))
        self.tree.show_runs(self.state.runs)
        if outcome.overview is not None:
            self.show_overview(outcome.overview)
        self.refresh_log()
        self.checks_done.emit()

    def _runs_stopped(self, specs: list[Any]) -> None:
        for s in specs:
            if s.id in self.check_tabs:
                self.check_tabs[s.id].show_cancelled()
        self.checks_done.emit()

    def show_overview(self, data: Overview) -> None:
        self.overview.show_overview(data, self.state.as_of if self.state else None)

    def refresh_log(self) -> None:
        if self.state is None:
            return
        cursor = self.state.cursor()

        def read(_t: Task) -> list[tuple[Any, ...]]:
            try:
                return log_rows(cursor)
            finally:
                cursor.close()

        self.start(read, self.log.show_rows, name="log")

    def _profile_changed(self, name: str) -> None:
        if self.state is not None:
            self.state.profile = name
            self._reset_params()
            self.mark_dirty()

    def _as_of_changed(self, date: QDate) -> None:
        if self.state is not None:
            self.state.as_of = dt.date(date.year(), date.month(), date.day())
            self._reset_params()
            self.mark_dirty()

    def _reset_params(self) -> None:
        assert self.state is not None
        for cid, tab in self.check_tabs.items():
            tab.set_params(self.state.resolver().resolve(self.state.library[cid]).values)

    # --- recent files, errors, closing -------------------------------------------------

    def show_error(self, error: AuditorError) -> None:
        """The one path by which errors reach the user."""
        title = getattr(error, "title", "") or self.tr("Error")
        self.statusBar().showMessage(f"{title}: {error}", 10_000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), parent=self)
        details = getattr(error, "details", "")
        if details:
            box.setDetailedText(details)
        box.open()
        self.last_error = error

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.close_case()
        super().closeEvent(event)

    def _close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, CheckTab):
            tab.grid.model.release()
            self.check_tabs.pop(tab.spec.id, None)
            self.tabs.removeTab(index)
            tab.deleteLater()
