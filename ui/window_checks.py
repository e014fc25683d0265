"""The main window's checks: the tabs of the checks the workspace has open, running checks,
and showing runs, notes, dispositions, settings and staleness as the workspace changes. A
mixin of MainWindow: it reads the workspace and the open case, and changes only widgets or,
through commands, the workspace."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer

from auditor.errors import AuditorError
from auditor.results.overview import OVERVIEW_CHECKS
from auditor.workbook.document import CustomQuery, custom_check
from ui import jobs
from ui.check_tab import CheckTab
from ui.custom_query_tab import CustomQueryTab
from ui.language import texts
from ui.window_common import translate
from ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QComboBox, QDateEdit, QStatusBar, QTabWidget

    from auditor.results.chart_data import ChartData
    from auditor.results.overview import Overview
    from auditor.workbook.workspace import Workspace
    from ui.case_panels import CaseTreeDock
    from ui.case_state import CaseState
    from ui.overview_tab import OverviewTab
    from ui.workers import WorkerPool

NO_DATE = QDate(1900, 1, 1)  # the as-of field before a case says its date


class WindowChecks:
    if TYPE_CHECKING:  # what the mixin uses of MainWindow
        state: CaseState | None
        workspace: Workspace
        workers: WorkerPool
        tabs: QTabWidget
        tree: CaseTreeDock
        overview: OverviewTab
        check_tabs: dict[str, CheckTab]
        charts: dict[str, ChartData | None]
        running: set[str]
        after_runs: list[Callable[[], Any]]
        profile_box: QComboBox
        as_of_edit: QDateEdit
        from_edit: QDateEdit
        checks_done: Any  # the window's signal
        tabs_ready: Any  # the window's signal

        def cursor_factory(self) -> Any: ...  # a cursor on whichever case is open

        tab_queue: list[str]
        _restoring: bool
        review: Any  # ReviewActions: sampling from a result

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
        def cancel(self) -> None: ...
        def show_error(self, error: AuditorError) -> None: ...
        def note_error(self, error: AuditorError) -> None: ...
        def show_overview(self, data: Overview) -> None: ...
        def refresh_log(self) -> None: ...
        def save_as_custom(self, check_id: str) -> Any: ...
        def drill(self, check_id: str, row: dict[str, Any], column: str) -> Any: ...
        def statusBar(self) -> QStatusBar: ...

    # --- tabs ----------------------------------------------------------------------------

    def open_check(self, check_id: str) -> CheckTab | None:
        """Open (or go to) a check's tab."""
        if self.state is None or check_id not in self.state.library:
            return None
        self.workspace.open_check(check_id)  # the tab appears through the model's event
        if check_id not in self.check_tabs:  # queued behind others: wanted now
            if check_id in self.tab_queue:
                self.tab_queue.remove(check_id)
            self._make_tab(check_id)
        tab = self.check_tabs.get(check_id)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
        return tab

    def sync_tabs(self) -> None:
        """One tab per check the workspace has open, in its order. Several new tabs (a
        reopened case, a workbook) are made one per turn of the event loop, so the window
        answers meanwhile; ``tabs_ready`` says when they are all there."""
        if self.state is None:
            return
        wanted = [c for c in self.workspace.open_checks if c in self.state.library]
        for cid in [c for c in self.check_tabs if c not in wanted]:
            tab = self.check_tabs.pop(cid)
            tab.grid.model.release()
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        missing = [c for c in wanted if c not in self.check_tabs]
        if len(missing) == 1 and not self.tab_queue:
            self._make_tab(missing[0])
            self.tabs_ready.emit()
            return
        fresh = not self.tab_queue
        self.tab_queue = [*self.tab_queue, *(c for c in missing if c not in self.tab_queue)]
        if fresh:
            self._next_tab()

    def _next_tab(self) -> None:
        while self.tab_queue:
            cid = self.tab_queue.pop(0)
            wanted = self.state is not None and cid in self.workspace.open_checks
            if wanted and cid not in self.check_tabs and cid in self.state.library:  # type: ignore[union-attr]
                self._make_tab(cid)
                QTimer.singleShot(0, self._next_tab)
                return
        self.tabs_ready.emit()

    def _make_tab(self, check_id: str) -> CheckTab:
        assert self.state is not None
        state, ws = self.state, self.workspace
        query = next((q for q in ws.custom_queries if q.id == check_id), None)
        tab: CheckTab
        if query is not None:
            custom = CustomQueryTab(query, self.cursor_factory, self.workers)
            custom.query_changed.connect(self._custom_edited)
            tab = custom
        else:
            tab = CheckTab(state.library[check_id], self.cursor_factory, self.workers)
        self._fill_params(tab)
        tab.run_requested.connect(self._tab_run)
        tab.cancel_requested.connect(lambda _cid: self.cancel())
        tab.error.connect(self.note_error)
        tab.note_changed.connect(ws.set_note)
        tab.save_as_custom.connect(self.save_as_custom)
        tab.disposition.connect(ws.dispose)
        tab.drill_requested.connect(self.drill)
        tab.grid.sample_requested.connect(lambda _t: self.review.sample_check(check_id))
        self.check_tabs[check_id] = tab
        self.tabs.addTab(tab, check_id)
        self.tabs.setTabToolTip(self.tabs.indexOf(tab), texts(tab.spec).title)
        tab.set_note(ws.notes.get(check_id, ""))
        self._show_dispositions_on(tab)
        rec = ws.runs.get(check_id)
        if rec is not None:
            tab.show_run(rec.run, self.charts.get(check_id), ws.staleness(check_id))
            if check_id not in self.charts:
                self.load_charts([check_id])
        if check_id in self.running:
            tab.set_running(True)
        return tab

    def _fill_params(self, tab: CheckTab) -> None:
        assert self.state is not None
        ws = self.workspace
        try:
            session = self.state.session(ws.profile, ws.as_of, ws.from_date)
            tab.set_params(session.resolve(tab.spec).values)
        except AuditorError as e:
            tab.show_problem(e)
            return
        for name, value in ws.check_params.get(tab.spec.id, {}).items():
            if name in tab.form.editors and name not in ("as_of", "from_date"):
                tab.form.set_value(name, value)  # differs from the resolved value: an override

    def _tab_run(self, check_id: str, overrides: dict[str, str]) -> None:
        self.workspace.record_params(check_id, overrides)
        self.run_checks([check_id], overrides)

    # --- what the workspace says ---------------------------------------------------------

    def show_runs(self, ids: tuple[str, ...] = ()) -> None:
        if self._restoring:  # a case opening: shown once, when it is all there
            return
        ws = self.workspace
        self.tree.show_runs({c: r.run for c, r in ws.runs.items()}, ws.staleness)
        for cid in ids or tuple(self.check_tabs):
            tab = self.check_tabs.get(cid)
            rec = ws.runs.get(cid)
            if tab is None or rec is None:
                continue
            if tab.run is rec.run:
                tab.show_staleness(ws.staleness(cid))
            else:
                tab.show_run(rec.run, self.charts.get(cid), ws.staleness(cid))

    def _notes_changed(self, check_id: str) -> None:
        for cid, tab in self.check_tabs.items():
            if not check_id or cid == check_id:
                tab.set_note(self.workspace.notes.get(cid, ""))

    def show_dispositions(self, check_id: str = "") -> None:
        for cid, tab in self.check_tabs.items():
            if not check_id or cid == check_id:
                self._show_dispositions_on(tab)

    def _show_dispositions_on(self, tab: CheckTab) -> None:
        ws = self.workspace
        confirmed, dismissed = ws.disposition_counts(tab.spec.id)
        rows = {d.key: (d.status, d.reason) for d in ws.dispositions if d.check == tab.spec.id}
        tab.show_dispositions(confirmed, dismissed, rows)

    def show_settings(self) -> None:
        """The toolbar shows the workspace's profile and as-of; tabs take them."""
        ws = self.workspace
        self.profile_box.blockSignals(True)
        self.profile_box.setCurrentText(ws.profile)
        self.profile_box.blockSignals(False)
        self.as_of_edit.blockSignals(True)
        if ws.as_of is None:
            self.as_of_edit.setDate(NO_DATE)  # shows "—", not a made-up date
        else:
            self.as_of_edit.setDate(QDate(ws.as_of.year, ws.as_of.month, ws.as_of.day))
        self.as_of_edit.setEnabled(self.state is not None)
        self.as_of_edit.blockSignals(False)
        self.from_edit.blockSignals(True)
        start = ws.from_date
        shown = NO_DATE if start is None else QDate(start.year, start.month, start.day)
        self.from_edit.setDate(shown)
        self.from_edit.setEnabled(self.state is not None)
        self.from_edit.blockSignals(False)
        if self.state is not None:
            for tab in self.check_tabs.values():
                self._fill_params(tab)

    def _profile_changed(self, name: str) -> None:
        self.workspace.set_profile(name)

    def _as_of_changed(self, date: QDate) -> None:
        if date != NO_DATE:
            self.workspace.set_as_of(dt.date(date.year(), date.month(), date.day()))

    def _from_changed(self, date: QDate) -> None:
        if date != NO_DATE:
            self.workspace.set_from_date(dt.date(date.year(), date.month(), date.day()))

    def register_custom(self, query: CustomQuery) -> None:
        if self.state is not None:
            self.state.library[query.id] = custom_check(query)

    def _custom_queries_changed(self, query_id: str) -> None:
        for q in self.workspace.custom_queries:
            if not query_id or q.id == query_id:
                self.register_custom(q)

    def _custom_edited(self, query: CustomQuery) -> None:
        self.workspace.put_custom_query(query)

    # --- running -------------------------------------------------------------------------

    def run_checks(self, ids: list[str], overrides: dict[str, str] | None = None) -> Worker | None:
        if self.state is None:  # no case, or one being imported into: nothing runs
            for cid in ids:
                if cid in self.check_tabs:
                    self.check_tabs[cid].set_running(False)
            return None
        state, ws = self.state, self.workspace
        specs = [state.library[i] for i in ids if i in state.library]
        try:
            session = state.run_session(ws.profile, ws.as_of, ws.from_date, overrides)
            session.check_overrides(specs)
        except AuditorError as e:
            self.show_error(e)
            return None
        self.running |= {s.id for s in specs}
        for s in specs:
            if s.id in self.check_tabs:
                self.check_tabs[s.id].set_running(True)
        earlier = {c: r.run for c, r in ws.runs.items()}
        return self.start(
            lambda task: jobs.run_checks(task, state, session, specs, earlier),
            lambda outcome: self._show_outcome(outcome, specs),
            on_cancel=session.interrupt,
            on_error=lambda _e: self._runs_stopped(specs),
            on_cancelled=lambda: self._runs_stopped(specs),
            name="checks",
        )

    def run_all(self) -> None:
        if self.state is not None:
            self.run_checks(list(self.state.library))

    def _show_outcome(self, outcome: jobs.RunOutcome, specs: list[Any]) -> None:
        if self.state is None:
            return
        self.charts.update(outcome.charts)
        self.workspace.record_runs(outcome.records)
        if outcome.overview is not None:
            self.show_overview(outcome.overview)
        self.refresh_log()
        self._runs_ended(specs)

    def _runs_stopped(self, specs: list[Any]) -> None:
        """A batch cancelled (or failed): the checks it finished are in the case and its log;
        read them back, then the batch is over."""
        for s in specs:
            if s.id in self.check_tabs:
                tab = self.check_tabs[s.id]
                tab.show_cancelled()
                rec = self.workspace.runs.get(s.id)
                if rec is not None:  # the earlier result is still the case's
                    tab.summary.setText(
                        translate("MainWindow", "Cancelled; the earlier result stays.")
                    )
        if self.state is None:
            self._runs_ended(specs)
            return
        state, ids = self.state, [s.id for s in specs]

        def recorded(records: list[Any]) -> None:
            # Finished ones only: an error logged as the batch stopped is the stop's echo.
            known = self.workspace.runs
            new = [
                r
                for r in records
                if r.run.status in ("pass", "finding", "info", "not_run")
                and (r.run.check.id not in known or r.seq > known[r.run.check.id].seq)
            ]
            self.workspace.record_runs(new)
            self.load_charts([r.run.check.id for r in new])
            self._runs_ended(specs)

        self.start(
            lambda t: jobs.logged_runs(t, state, ids),
            recorded,
            on_error=lambda _e: self._runs_ended(specs),
            on_cancelled=lambda: self._runs_ended(specs),
            name="logged runs",
        )

    def _runs_ended(self, specs: list[Any]) -> None:
        self.running -= {s.id for s in specs}
        self.checks_done.emit()
        if not self.running and self.after_runs:
            waiting, self.after_runs[:] = list(self.after_runs), []
            for job in waiting:
                job()

    def load_charts(self, ids: list[str]) -> Worker | None:
        """Chart data of runs read back from the case (a reopened case, a tab opened)."""
        if self.state is None:
            return None
        runs = [self.workspace.runs[c].run for c in ids if c in self.workspace.runs]
        runs = [r for r in runs if r.result_table is not None]
        with_overview = all(c in self.workspace.runs for c in OVERVIEW_CHECKS) and any(
            r.check.id in OVERVIEW_CHECKS for r in runs
        )
        if not runs:
            return None
        if with_overview:
            runs += [
                self.workspace.runs[c].run
                for c in OVERVIEW_CHECKS
                if c not in ids and self.workspace.runs[c].run.result_table
            ]
        state = self.state
        return self.start(
            lambda t: jobs.charts_of(t, state, runs, with_overview),
            self._charts_loaded,
            name="charts",
        )

    def _charts_loaded(self, got: tuple[dict[str, ChartData | None], Overview | None]) -> None:
        charts, ov = got
        self.charts.update(charts)
        for cid, data in charts.items():
            tab = self.check_tabs.get(cid)
            if tab is not None:
                tab.show_chart(data)
        if ov is not None:
            self.show_overview(ov)
