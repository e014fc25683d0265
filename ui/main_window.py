"""The main window: the case tree, the tabs, the audit log and the toolbar, a view of the
workspace model (``auditor.workbook.workspace``). Widgets send commands to the model and
redraw from its events; the work is done by the core in workers (``ui.jobs``), never in the GUI
thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from auditor.errors import AuditorError, CaseError
from auditor.results.chart_data import ChartData
from auditor.results.overview import OVERVIEW_CHECKS, Overview
from auditor.workbook.workspace import Workspace
from ui.case_panels import AuditLogDock, CaseTreeDock
from ui.case_state import CaseFacts, CaseState, OpenedCase, log_rows, open_state
from ui.chart_view import ChartView
from ui.check_tab import CheckTab
from ui.core_texts import core_text
from ui.coverage_panel import install_coverage
from ui.engine_setting import EngineSetting
from ui.import_wizard import ImportWizard
from ui.language import add_language_menu
from ui.overview_tab import OverviewTab
from ui.review_actions import ReviewActions
from ui.sql_console import SqlConsole
from ui.table_browser import TableBrowser
from ui.window_actions import add_workspace_actions
from ui.window_checks import WindowChecks
from ui.window_common import RecentFiles
from ui.window_io import WindowIO
from ui.window_menus import build_menus
from ui.window_workbook import WindowWorkbook
from ui.workers import Task, Worker, WorkerPool
from ui.workspace_keeper import WorkspaceKeeper


class MainWindow(WindowChecks, WindowWorkbook, WindowIO, QMainWindow):
    case_loaded = Signal()  # the tree, tables, log and workspace are shown
    checks_done = Signal()  # a run of checks ended (result, error or cancel)
    report_written = Signal(object)  # a ReportResult
    tabs_ready = Signal()  # every check the workspace has open has its tab
    # Made by build_menus:
    open_action: QAction
    import_action: QAction
    run_all_action: QAction
    cancel_action: QAction
    export_action: QAction
    find_action: QAction
    recent_menu: QMenu
    view_menu: QMenu
    recent_workbooks_menu: QMenu
    recent_cases: RecentFiles
    recent_workbooks: RecentFiles
    profile_box: QComboBox
    as_of_edit: QDateEdit
    from_edit: QDateEdit
    # Made by add_workspace_actions:
    properties_action: QAction
    back_action: QAction
    forward_action: QAction

    def __init__(
        self,
        case_path: Path | None = None,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        auto_overview: bool = True,
    ) -> None:
        super().__init__(parent)
        self.workspace = Workspace()
        self.workbook_path: Path | None = None
        self._pending: Any = None  # a workbook to apply once a case is open
        self.resize(1400, 900)
        self.settings = settings or QSettings("LendingAuditor", "auditor-gui")
        self.auto_overview = auto_overview
        self.workers = WorkerPool(self)
        self.state: CaseState | None = None
        self.facts: CaseFacts | None = None
        self.opening: Worker | None = None
        self.last_error: AuditorError | None = None
        self.charts: dict[str, ChartData | None] = {}
        self.check_tabs: dict[str, CheckTab] = {}
        self.tab_queue: list[str] = []  # tabs still to be made, one per event-loop turn
        self.running: set[str] = set()  # checks being run now
        self.after_runs: list[Callable[[], Any]] = []  # work waiting for them (an export)
        self.wizard: ImportWizard | None = None
        self.sql_worker: Worker | None = None  # the console's latest query
        self.report_view: ChartView | None = None  # draws the report's charts
        factory = self.cursor_factory
        self.overview = OverviewTab()
        self.tables = TableBrowser(factory, self.workers)
        self.sql = SqlConsole(factory, self.workers)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        for w, name in (
            (self.overview, self.tr("Overview")),
            (self.tables, self.tr("Tables")),
            (self.sql, self.tr("SQL")),
        ):
            self.tabs.addTab(w, name)
            self.tabs.tabBar().setTabButton(
                self.tabs.indexOf(w), self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.setCentralWidget(self.tabs)
        self.tree = CaseTreeDock(self)
        self.log = AuditLogDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log)
        self.resizeDocks([self.tree], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.log], [110], Qt.Orientation.Vertical)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        build_menus(self)
        add_language_menu(self.view_menu, self.settings, self)  # View → Language
        self.coverage = install_coverage(self)  # View → Coverage, and the data request
        bar = self.findChild(QToolBar, "main_toolbar")
        assert bar is not None
        self.engine_setting = EngineSetting(self, bar, self.settings, self)  # where checks run
        self.engine_box = self.engine_setting.box
        add_workspace_actions(self)
        self.review = ReviewActions(self)  # sampling, comparing exports, masking
        self.tables.grid.sample_requested.connect(
            lambda t: self.review.sample_table(t, f"table {t}")
        )
        self.sql.grid.sample_requested.connect(lambda _t: self.review.sample(self._console_query()))
        self.keeper = WorkspaceKeeper(self)  # the workspace, kept in the case
        self.workspace_saved = self.keeper.saved
        self._restoring = False
        self._watch_workspace()
        self.workers.busy.connect(self._busy)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tree.check_activated.connect(self.open_check)
        self.tree.table_activated.connect(self._show_table)
        self.tables.profile_requested.connect(self._profile)
        self.overview.drill.connect(self.drill_figure)
        self.sql.run_requested.connect(self.run_sql)
        self.sql.cancel_requested.connect(self.cancel)
        self.sql.back_requested.connect(self.go_back)
        self.sql.forward_requested.connect(self.go_forward)
        self.sql.drill_requested.connect(self.drill_row)
        self.show_settings()
        self._update_title()
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self.restoreState(self.settings.value("window_state"))
        if case_path is not None:
            self.open_case(case_path)

    # --- the model -----------------------------------------------------------------------

    def _watch_workspace(self) -> None:
        ev = self.workspace.events
        ev.changed.connect(self._workspace_changed)
        ev.checks.connect(self.sync_tabs)
        ev.runs.connect(self.show_runs)
        ev.notes.connect(self._notes_changed)
        ev.dispositions.connect(self.show_dispositions)
        ev.settings.connect(self.show_settings)
        ev.custom_queries.connect(self._custom_queries_changed)
        ev.navigation.connect(self._navigation_changed)
        ev.sql_history.connect(lambda: self.sql.set_history(self.workspace.sql_history))

    def _workspace_changed(self, what: str) -> None:
        self.setWindowModified(self.workspace.modified)
        self._update_title()
        if not self._restoring:
            self.keeper.schedule()

    def _navigation_changed(self) -> None:
        ws = self.workspace
        self.back_action.setEnabled(ws.can_go_back())
        self.forward_action.setEnabled(ws.can_go_forward())
        self.sql.show_navigation(ws.can_go_back(), ws.can_go_forward())

    # --- actions -----------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.cancel_action.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _progress(self, what: str, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(fraction * 100))
        self.statusBar().showMessage(core_text(what))  # the core's steps, where translated

    def start(
        self,
        fn: Any,
        on_result: Any,
        *,
        on_cancel: Any = None,
        on_error: Any = None,
        on_cancelled: Any = None,
        name: str = "",
        modal_errors: bool = True,
    ) -> Worker:
        """Run ``fn`` in a worker. Every handler is connected before the worker starts: a
        worker that fails at once must not emit into a connection not yet made. An error is
        shown where the work was asked for (``on_error``) and, unless ``modal_errors`` is
        off, in the one error dialog."""
        worker = Worker(fn, on_cancel=on_cancel, name=name)
        worker.signals.result.connect(on_result)
        if modal_errors:
            worker.signals.error.connect(self.show_error)
        else:
            worker.signals.error.connect(self.note_error)
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

    def _cursor(self) -> Any:  # the name the review part uses
        return self.cursor_factory()

    def cursor_factory(self) -> Any:
        """A reading cursor on the case open now (grids hold this, not a case's own method:
        they outlive a reconnect)."""
        if self.state is None:
            raise AuditorError(self.tr("no case is open"), self.tr("Case"))
        return self.state.cursor()

    def open_case(
        self,
        path: Path,
        *,
        keep_workspace: bool = False,
        then: Callable[[], Any] | None = None,
    ) -> Worker | None:
        """Open a case in the background; ``case_loaded`` says when it shows (and ``then``
        runs). With ``keep_workspace`` (after an import into it) the workspace stays as it is
        and only the runs and imports are read again."""
        path = Path(path)
        if not path.exists() or path.is_dir():
            self.show_error(CaseError(self.tr("no case database at {0}").format(path)))
            return None
        self.close_case(keep_workspace=keep_workspace)
        self.overview.show_state(self.tr("Opening {0}…").format(path.name))
        self.statusBar().showMessage(self.tr("Opening {0}…").format(path))
        self.recent_cases.remember(path)
        worker = Worker(lambda _t: open_state(path), name="open case")
        worker.signals.result.connect(lambda got: self._case_opened(got, keep_workspace, then))
        worker.signals.error.connect(self.show_error)
        worker.signals.error.connect(
            lambda _e: self.overview.show_state(self.tr("No case is open."))
        )
        self.opening = worker
        return self.workers.start(worker)

    def _case_opened(
        self, opened: OpenedCase, keep_workspace: bool, then: Callable[[], Any] | None = None
    ) -> None:
        self.opening = None
        if self.state is not None:  # another case was opened meanwhile
            opened.state.close()
            return
        self.state = opened.state
        self.facts = facts = opened.facts
        ws = self.workspace
        self._restoring = True
        try:
            if keep_workspace:
                for q in ws.custom_queries:
                    self.register_custom(q)
                ws.set_imports(opened.workspace.imports)
                ws.record_runs(opened.workspace.runs)
            else:
                opened.workspace.apply_to(ws)
                for q in ws.custom_queries:
                    self.register_custom(q)
            if facts.as_of is not None:
                ws.set_default_as_of(facts.as_of)  # the data's: not a change of the workbook
            if facts.from_date is not None:
                ws.set_default_from_date(facts.from_date)
            self.tree.show_case(facts, self.state.library)
            self.tables.set_tables([t[0] for t in facts.tables])
            self.sql.set_completions(facts.columns)
            self.sql.set_history(ws.sql_history)
            self.log.show_rows(opened.log)
            self._navigation_changed()
            if self._pending is not None:
                self.apply_workbook()
            self.sync_tabs()
        finally:
            self._restoring = False
        self.engine_setting.case_opened(self.state)
        self.show_runs(tuple(ws.runs))
        self.setWindowModified(ws.modified)
        self._update_title()
        state_text = self.tr("verified") if facts.log_verified else self.tr("DOES NOT VERIFY")
        self.statusBar().showMessage(
            self.tr("{0} tables, {1} sources; audit log {2} entries, {3}").format(
                len(facts.tables), len(facts.sources), facts.log_entries, state_text
            )
        )
        if opened.workspace.warnings and not keep_workspace:
            self.show_error(
                AuditorError("\n".join(opened.workspace.warnings), self.tr("Workspace restored"))
            )
        if self.tab_queue:  # the tabs come one per turn: the case is shown when they are
            self._after_tabs(lambda: self._case_shown(facts, then))
        else:
            self._case_shown(facts, then)

    def _after_tabs(self, then: Callable[[], None]) -> None:
        def once() -> None:
            self.tabs_ready.disconnect(once)
            then()

        self.tabs_ready.connect(once)

    def _case_shown(self, facts: CaseFacts, then: Callable[[], Any] | None = None) -> None:
        if facts is not self.facts:  # that case was closed before its tabs were made
            return
        ws = self.workspace
        self.case_loaded.emit()
        if then is not None:
            then()
        self.load_charts(list(ws.runs))
        has_loans = any(t[0] == "loans" for t in facts.tables)
        if any(c not in ws.runs for c in OVERVIEW_CHECKS) and has_loans and self.auto_overview:
            self.overview.show_state(self.tr("Running the overview's checks…"))
            self.run_checks(list(OVERVIEW_CHECKS))
        elif not has_loans:
            self.overview.show_state(self.tr("Import a loan book to see the key figures."))

    def close_case(self, *, keep_workspace: bool = False) -> None:
        if self.opening is not None:
            self.opening.cancel()
            self.opening = None
        if self.state is None:
            if not keep_workspace:
                self._clear_workspace()
            return
        self.cancel()
        self.workers.wait()
        self.keeper.save_now()
        self.review.close_tabs()
        for grid in self._grids():
            grid.model.release()
        if not keep_workspace:  # after an import the tabs stay as they are (a parameter
            # being edited too) and show the runs read back when the case opens again
            for tab in list(self.check_tabs.values()):
                self.tabs.removeTab(self.tabs.indexOf(tab))
                tab.deleteLater()
            self.check_tabs.clear()
        self.tab_queue.clear()
        self.charts.clear()
        self.running.clear()
        self.after_runs.clear()
        self.state.close()
        self.state = None
        if not keep_workspace:
            self._clear_workspace()

    def _clear_workspace(self) -> None:
        self._restoring = True
        try:
            self.workspace.clear()
        finally:
            self._restoring = False
        self.overview.clear()

    def _console_query(self) -> Any:
        from auditor.results.sample_draw import Population

        sql = self.sql.editor.toPlainText().strip()
        return Population(self.tr("SQL console query"), sql, self.sql.bound(sql))

    def _grids(self) -> list[Any]:
        return [self.tables.grid, self.sql.grid, *(t.grid for t in self.check_tabs.values())]

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

    def show_overview(self, data: Overview) -> None:
        self.overview.show_overview(data, self.workspace.as_of)

    def _update_title(self) -> None:
        parts = [self.tr("Lending Auditor")]
        if self.state is not None:
            parts.append(self.state.path.name)
        parts.append(self.workbook_path.name if self.workbook_path else self.tr("new workbook"))
        self.setWindowTitle(" — ".join(parts) + "[*]")

    # --- errors, closing ---------------------------------------------------------------

    def show_error(self, error: AuditorError) -> None:
        """The one path by which errors reach the user in a dialog."""
        from PySide6.QtWidgets import QMessageBox

        self.note_error(error)
        title = getattr(error, "title", "") or self.tr("Error")
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), parent=self)
        details = getattr(error, "details", "")
        if details:
            box.setDetailedText(details)
        box.open()

    def note_error(self, error: AuditorError) -> None:
        """An error shown in place by the widget that asked: the status bar repeats it."""
        from auditor.results.messages import clean_error

        title = getattr(error, "title", "") or self.tr("Error")
        self.statusBar().showMessage(f"{title}: {clean_error(str(error))}", 10_000)
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
            self.workspace.close_check(tab.spec.id)
