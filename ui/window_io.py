"""The main window's file work and its ways into the data: the sample platform, import, the
report export (with its guard for running checks), the SQL console, drill-downs with back and
forward, the table browser and the recent-files list. A mixin of MainWindow, kept apart so each
module stays small."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from auditor.errors import AuditorError
from auditor.report import ReportMeta
from auditor.report.sheets import DispositionLine
from auditor.results.drilldown import drill_sql, loan_ledger
from auditor.workbook.workspace import Location
from ui import export_dialog, jobs
from ui.chart_view import ChartView
from ui.export_dialog import CheckState, ExportDialog
from ui.import_wizard import ImportWizard, keys_in_case
from ui.language import check_chart, current_language
from ui.window_common import RecentFiles, as_widget, translate
from ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QStatusBar, QTabWidget

    from auditor.results.chart_data import ChartData
    from auditor.workbook.workspace import Workspace
    from ui.case_state import CaseState
    from ui.check_tab import CheckTab
    from ui.sql_console import SqlConsole
    from ui.table_browser import TableBrowser
    from ui.workers import WorkerPool

REPORT_CHART_SIZE = (900, 500)


class WindowIO:
    if TYPE_CHECKING:  # what the mixin uses of MainWindow
        state: CaseState | None
        workspace: Workspace
        workers: WorkerPool
        wizard: ImportWizard | None
        settings: QSettings
        recent_cases: RecentFiles
        sql: SqlConsole
        tables: TableBrowser
        tabs: QTabWidget
        charts: dict[str, ChartData | None]
        check_tabs: dict[str, CheckTab]
        running: set[str]
        after_runs: list[Callable[[], Any]]
        report_written: Any  # the window's signal
        sql_worker: Worker | None
        report_view: ChartView | None
        review: Any  # ReviewActions: whether exports mask personal data

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
        ) -> Worker: ...
        def open_case(self, path: Path, *, keep_workspace: bool = False) -> Any: ...
        def close_case(self, *, keep_workspace: bool = False) -> None: ...
        def open_check(self, check_id: str) -> Any: ...
        def show_error(self, error: AuditorError) -> None: ...
        def cancel(self) -> None: ...
        def _progress(self, what: str, fraction: float) -> None: ...
        def statusBar(self) -> QStatusBar: ...

    def build_sample(self, out: Path) -> Worker:
        """Generate the sample platform and import it in the background, then open it."""
        from auditor.sample.build import build_sample_case

        self.close_case()
        self.statusBar().showMessage(translate("MainWindow", "Building the sample platform…"))
        overview = getattr(self, "overview", None)
        if overview is not None:
            overview.show_state(
                translate("MainWindow", "Building the sample platform and importing it…")
            )
        return self.start(
            lambda t: build_sample_case(out, progress=t.progress)[1],
            self.open_case,
            name="sample",
        )

    # --- tables and SQL ----------------------------------------------------------------

    def _show_table(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tables)
        self.tables.tables.setCurrentText(name)

    def _profile(self, name: str) -> None:
        if self.state is not None:
            state = self.state
            self.start(lambda t: jobs.profile(t, state, name), self.tables.show_profile)

    def run_sql(self, sql: str) -> Worker | None:
        """Run the console's query; its error shows in the console, in words."""
        if self.state is None:
            self.sql.show_stopped(translate("MainWindow", "No case is open."))
            return None
        ws = self.workspace
        state, session = self.state, self.state.session(ws.profile, ws.as_of, ws.from_date)
        params = self.sql.bound(sql)
        self.sql.set_running(True)
        if self.sql_worker is not None:  # the latest query wins
            self.sql_worker.cancel()
        drop = self.sql.tables_shown_before()

        worker: Worker | None = None

        def done(got: tuple[str, int, float]) -> None:
            if worker is not self.sql_worker:
                return  # an older query's answer: the newer one is shown
            ws.add_sql(sql)
            self.sql.show_result(*got)

        worker = self.start(
            lambda t: jobs.run_query(t, state, session, sql, params, drop),
            done,
            on_cancel=session.interrupt,
            on_error=self.sql.show_error,
            on_cancelled=lambda: (
                self.sql.show_stopped(translate("MainWindow", "Cancelled."))
                if worker is self.sql_worker
                else None
            ),
            name="sql",
            modal_errors=False,
        )
        self.sql_worker = worker
        return worker

    # --- drill-down, back and forward ----------------------------------------------------

    def drill(self, check_id: str, row: dict[str, Any], column: str) -> Worker | None:
        """List the rows behind ``row[column]`` in the SQL console, with the SQL shown."""
        run = self.workspace.run(check_id)
        if self.state is None or run is None:
            return None
        got = drill_sql(run, row, column)
        if got is None:
            self.statusBar().showMessage(
                translate("MainWindow", "No rows to list behind this value."), 5000
            )
            return None
        title, sql, params = got
        self.workspace.navigate(Location("check", check_id, check_id))
        return self._go_query(Location("query", title, sql=sql, params=params))

    def drill_row(self, row: dict[str, Any], _column: str) -> Worker | None:
        """A console row naming a loan opens the loan's ledger."""
        loan = row.get("loan_id")
        if loan is None:
            self.statusBar().showMessage(
                translate("MainWindow", "No rows to list behind this value."), 5000
            )
            return None
        title, sql, params = loan_ledger(str(loan))
        return self._go_query(Location("query", title, sql=sql, params=params))

    def _go_query(self, location: Location) -> Worker | None:
        self.workspace.navigate(location)
        return self._show_location(location)

    def _show_location(self, loc: Location) -> Worker | None:
        if loc.kind == "check":
            self.open_check(loc.check_id)
            return None
        self.sql.set_query(loc.title, loc.sql, loc.params)
        self.tabs.setCurrentWidget(self.sql)
        return self.run_sql(self.sql.editor.toPlainText())

    def go_back(self) -> Worker | None:
        loc = self.workspace.back()
        return self._show_location(loc) if loc is not None else None

    def go_forward(self) -> Worker | None:
        loc = self.workspace.forward()
        return self._show_location(loc) if loc is not None else None

    def drill_figure(self, key: str) -> Worker | None:
        """An Overview figure: the harm chain's total row, or the check behind the figure."""
        if self.state is None:
            return None
        harm = ("harmed_borrowers", "harmed_installments", "refund_due", "reports_to_correct")
        if key in harm and self.workspace.run("OUT-11") is not None:
            return self.drill("OUT-11", {"incident_id": "ALL"}, key)
        behind = {
            "m1p_balance": "DLQ-02",
            "m3p_balance": "DLQ-02",
            "apr_understated_loans": "DSC-04",
            "above_cap_loans": "DSC-05",
        }
        self.open_check(behind.get(key, "OUT-11"))
        return None

    # --- import --------------------------------------------------------------------------

    def show_import(self) -> ImportWizard | None:
        if self.state is None:
            self.show_error(
                AuditorError(
                    translate("MainWindow", "open or create a case first"),
                    translate("MainWindow", "Import"),
                )
            )
            return None
        self.wizard = ImportWizard(
            self.workers, as_widget(self), known_keys=keys_in_case(self.state.cursor)
        )
        self.wizard.import_requested.connect(self.import_files)
        self.wizard.error.connect(self.show_error)
        self.wizard.show()
        return self.wizard

    def import_files(self, plan: list[tuple[Path, Any]]) -> None:
        """Import with the case closed (the import needs file access), then open it again
        keeping the workspace: tabs, notes and results stay; results the import makes stale
        say so."""
        assert self.state is not None
        path = self.state.path
        self.close_case(keep_workspace=True)
        wizard = self.wizard

        def done(got: Any) -> None:
            self.open_case(path, keep_workspace=True)
            if wizard is not None:
                wizard.run_page.show_results(got.results, got.rejects, got.failures)

        def failed(e: AuditorError) -> None:
            self.open_case(path, keep_workspace=True)
            if wizard is not None:
                wizard.run_page.show_failure(e)

        worker = Worker(lambda t: jobs.import_files(t, path, plan), name="import")
        worker.signals.result.connect(done)
        worker.signals.error.connect(failed)
        worker.signals.cancelled.connect(
            lambda: failed(
                AuditorError(
                    translate("MainWindow", "cancelled"), translate("MainWindow", "Import")
                )
            )
        )
        if wizard is not None:
            worker.signals.progress.connect(wizard.run_page.show_progress)
        worker.signals.progress.connect(self._progress)
        self.workers.start(worker)

    # --- the report ----------------------------------------------------------------------

    def check_state(self) -> CheckState:
        assert self.state is not None
        ws, library = self.workspace, self.state.library
        run = [c for c in library if c in ws.runs]
        return CheckState(
            total=len(library),
            run=len(run),
            not_yet_run=len(library) - len(run),
            stale=sum(1 for c in run if ws.is_stale(c)),
            running=len(self.running),
        )

    def _export_dialog(self) -> None:
        if self.state is None:
            self.show_error(
                AuditorError(
                    translate("MainWindow", "open a case first"),
                    translate("MainWindow", "Export report"),
                )
            )
            return
        default = self.state.path.with_name(f"{self.state.path.stem}-report.xlsx")
        dialog = ExportDialog(self.check_state(), default, as_widget(self))
        dialog.chosen.connect(lambda path, final: self.export_report(path, final=final))
        dialog.open()

    def export_report(
        self, path: Path, *, final: bool = False, when_running: str = "ask"
    ) -> Worker | None:
        """Write the report of every check of the library: those run, stale ones marked, the
        others listed as not yet run. While checks run it asks: wait for them (the report is
        written when they end), stop them and write now, or do not write."""
        if self.state is None:
            self.show_error(
                AuditorError(
                    translate("MainWindow", "open a case first"),
                    translate("MainWindow", "Export report"),
                )
            )
            return None
        if self.running:
            choice = (
                export_dialog.ask_running(as_widget(self), len(self.running))
                if when_running == "ask"
                else when_running
            )
            if choice == "cancel":
                return None
            if choice == "wait":
                self.after_runs.append(
                    lambda: self.export_report(path, final=final, when_running="stop")
                )
                self.statusBar().showMessage(
                    translate(
                        "MainWindow", "The report will be written when the running checks end."
                    )
                )
                return None
            self.cancel()  # "stop": the running checks end; those not run are listed so
            self.after_runs.append(
                lambda: self.export_report(path, final=final, when_running="stop")
            )
            return None
        ws, state = self.workspace, self.state
        library = state.library
        runs = [ws.runs[c].run for c in library if c in ws.runs]
        not_yet = [library[c] for c in library if c not in ws.runs]
        stale = {c: ws.staleness(c) for c in library if ws.is_stale(c)}
        p = ws.properties
        notes = (
            *(f"{k}: {v}" for k, v in ws.notes.items() if v),
        )  # fmt: skip
        meta = ReportMeta(
            title=p.title or translate("MainWindow", "Inspection of {0}").format(state.path.stem),
            platform=p.platform,
            examiner=p.examiner,
            notes=notes,
            reviewer=p.reviewer,
            conclusion=p.conclusion,
            final=final,
            dispositions=tuple(
                DispositionLine(d.check, d.key, d.status, d.reason) for d in ws.dispositions
            ),
            lang=current_language(),  # the report is written in the interface's language
        )
        session = state.session(ws.profile, ws.as_of, ws.from_date)
        mask = self.review.mask_exports
        holder: dict[str, Worker] = {}

        def written(result: Any) -> None:
            self.statusBar().showMessage(
                translate("MainWindow", "Report written to {0}").format(result.path)
            )
            self.report_written.emit(result)

        def write(images: dict[str, bytes]) -> None:
            holder["w"] = self.start(
                lambda t: jobs.export_report(
                    t, state, session, runs, path, meta, images, not_yet, stale, mask
                ),
                written,
                name="export",
            )

        self.statusBar().showMessage(translate("MainWindow", "Drawing the charts for the report…"))
        self.render_charts(write)
        return holder.get("w")

    def render_charts(self, then: Callable[[dict[str, bytes]], None]) -> None:
        """Each run's chart as PNG for the report, one chart per turn of the event loop (the
        window stays responsive while dozens are drawn), then ``then(images)``."""
        runs = self.workspace.runs
        todo = [(c, d) for c, d in self.charts.items() if d is not None and c in runs]
        images: dict[str, bytes] = {}
        # One view, kept for the window's life: making and deleting pyqtgraph plots for
        # every export is what crashed the interpreter with some Qt bindings.
        view = self.report_view
        if view is None:
            view = self.report_view = ChartView(antialias=False)
        view.resize(*REPORT_CHART_SIZE)

        def step() -> None:
            if not todo:
                view.show_data(None)
                then(images)
                return
            cid, data = todo.pop(0)
            view.show_data(check_chart(runs[cid].run.check, data))  # in the report's language
            png = view.to_png(REPORT_CHART_SIZE[0])
            if png:
                images[cid] = png
            QTimer.singleShot(0, step)

        step()

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            as_widget(self),
            translate("MainWindow", "Open case"),
            "",
            translate("MainWindow", "Case databases (*.duckdb);;All files (*)"),
        )
        if name:
            self.open_case(Path(name))

    def _recent(self) -> list[str]:
        return self.recent_cases.paths()
