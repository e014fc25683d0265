"""The main window's file work: the sample platform, import, report export, the SQL
console and table browser requests, and the recent-files list. A mixin of MainWindow, kept
apart so each module stays small."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from auditor.engine.runner import CheckRun
from auditor.errors import AuditorError
from auditor.report import ReportMeta
from auditor.results.drilldown import drill_sql
from ui import jobs
from ui.chart_view import ChartView
from ui.import_wizard import ImportWizard, keys_in_case
from ui.window_common import RecentFiles, as_widget, tr_window
from ui.workers import Worker

if TYPE_CHECKING:
    from auditor.workbook.document import Workbook

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QStatusBar, QTabWidget

    from ui.case_state import CaseState
    from ui.sql_console import SqlConsole
    from ui.table_browser import TableBrowser
    from ui.workers import WorkerPool


class WindowIO:
    if TYPE_CHECKING:  # what the mixin uses of MainWindow
        state: CaseState | None
        workers: WorkerPool
        wizard: ImportWizard | None
        settings: QSettings
        recent_cases: RecentFiles
        sql: SqlConsole
        tables: TableBrowser
        tabs: QTabWidget
        charts: dict[str, Any]
        workbook: Workbook
        review: Any  # ReviewActions

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
        def open_case(self, path: Path) -> None: ...
        def close_case(self) -> None: ...
        def open_check(self, check_id: str) -> Any: ...
        def show_error(self, error: AuditorError) -> None: ...
        def _progress(self, what: str, fraction: float) -> None: ...
        def statusBar(self) -> QStatusBar: ...

    def build_sample(self, out: Path) -> Worker:
        """Generate the sample platform and import it in the background, then open it."""
        from auditor.sample.build import build_sample_case

        self.close_case()
        self.statusBar().showMessage(tr_window("Building the sample platform…"))
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
        if self.state is None:
            self.sql.show_stopped(tr_window("No case is open."))
            return None
        state, session = self.state, self.state.session()
        params = self.sql.bound(sql)
        return self.start(
            lambda t: jobs.run_query(t, state, session, sql, params),
            lambda got: self.sql.show_result(*got),
            on_cancel=session.interrupt,
            on_error=lambda e: self.sql.show_stopped(str(e)),
            on_cancelled=lambda: self.sql.show_stopped(tr_window("Cancelled.")),
            name="sql",
        )

    # --- drill-down ----------------------------------------------------------------------

    def drill(self, check_id: str, row: dict[str, Any], column: str) -> Worker | None:
        """List the rows behind ``row[column]`` in the SQL console, with the SQL shown."""
        if self.state is None or check_id not in self.state.runs:
            return None
        got = drill_sql(self.state.runs[check_id], row, column)
        if got is None:
            self.statusBar().showMessage(tr_window("No rows to list behind this value."), 5000)
            return None
        title, sql, params = got
        self.sql.set_query(title, sql, params)
        self.tabs.setCurrentWidget(self.sql)
        return self.run_sql(self.sql.editor.toPlainText())

    def drill_figure(self, key: str) -> Worker | None:
        """An Overview figure: the harm chain's total row, or the check behind the figure."""
        if self.state is None:
            return None
        run = self.state.runs.get("OUT-11")
        harm = ("harmed_borrowers", "harmed_installments", "refund_due", "reports_to_correct")
        if key in harm and run is not None:
            return self.drill("OUT-11", {"incident_id": "ALL"}, key)
        behind = {
            "m1p_balance": "DLQ-02",
            "m3p_balance": "DLQ-02",
            "apr_understated_loans": "DSC-04",
            "above_cap_loans": "DSC-05",
        }
        self.open_check(behind.get(key, "OUT-11"))
        return None

    # --- import and export -------------------------------------------------------------

    def show_import(self) -> ImportWizard | None:
        if self.state is None:
            self.show_error(AuditorError("open or create a case first", "Import"))
            return None
        self.wizard = ImportWizard(
            self.workers, as_widget(self), known_keys=keys_in_case(self.state.cursor)
        )
        self.wizard.import_requested.connect(self.import_files)
        self.wizard.error.connect(self.show_error)
        self.wizard.show()
        return self.wizard

    def import_files(self, plan: list[tuple[Path, Any]]) -> None:
        assert self.state is not None
        path = self.state.path
        self.close_case()
        wizard = self.wizard

        def done(got: Any) -> None:
            self.open_case(path)
            if wizard is not None:
                wizard.run_page.show_results(got.results, got.rejects, got.failures)

        def failed(e: AuditorError) -> None:
            self.open_case(path)
            if wizard is not None:
                wizard.run_page.show_failure(e)

        worker = Worker(lambda t: jobs.import_files(t, path, plan), name="import")
        worker.signals.result.connect(done)
        worker.signals.error.connect(failed)
        worker.signals.cancelled.connect(lambda: failed(AuditorError("cancelled", "Import")))
        if wizard is not None:
            worker.signals.progress.connect(wizard.run_page.show_progress)
        worker.signals.progress.connect(self._progress)
        self.workers.start(worker)

    def chart_images(self) -> dict[str, bytes]:
        """Each run's chart rendered as PNG, for the report."""
        view = ChartView()
        view.resize(900, 500)
        images = {}
        for cid, data in self.charts.items():
            if data is not None:
                view.show_data(data)
                png = view.to_png()
                if png:
                    images[cid] = png
        view.deleteLater()
        return images

    def export_report(self, path: Path, meta: ReportMeta | None = None) -> Worker | None:
        if self.state is None or not self.state.runs:
            self.show_error(AuditorError("run the checks first", "Export report"))
            return None
        state, session = self.state, self.state.session()
        runs: list[CheckRun] = [state.runs[c] for c in state.library if c in state.runs]
        images = self.chart_images()
        wb = self.workbook
        notes = (
            *(f"Examiner's note on {k}: {v}" for k, v in state.notes.items() if v),
            *(f"{d.check} finding {d.key}: {d.status}" + (f" ({d.reason})" if d.reason else "")
              for d in wb.dispositions),
        )  # fmt: skip
        meta = meta or ReportMeta(
            title=wb.title if wb.title != "Inspection" else f"Inspection of {state.path.stem}",
            platform=wb.platform,
            examiner=wb.examiner,
            notes=notes,
        )
        return self.start(
            lambda t: jobs.export_report(
                t, state, session, runs, path, meta, images, self.review.mask_exports
            ),
            lambda r: self.statusBar().showMessage(
                tr_window("Report written to {0}").format(r.path)
            ),
            name="export",
        )

    def _export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            as_widget(self), tr_window("Export report"), "inspection.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.export_report(Path(name))

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            as_widget(self),
            tr_window("Open case"),
            "",
            tr_window("Case databases (*.duckdb);;All files (*)"),
        )
        if name:
            self.open_case(Path(name))

    def _recent(self) -> list[str]:
        return self.recent_cases.paths()
