"""The window's query workbook: New, Open, Save, Save As, recent workbooks, the unsaved-changes
marker and prompt, "save as custom query", and the dispositions of findings.

The workbook records what the examiner does: the checks opened and the parameters they were
last run with, notes, dispositions, custom queries, the profile and as-of, and (when saved) the
case's sources with their fingerprints and mappings. A mixin of MainWindow.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QMessageBox

from auditor.errors import AuditorError
from auditor.workbook.document import (
    SUFFIX,
    CustomQuery,
    Disposition,
    Workbook,
    custom_check,
    open_workbook,
    save,
    sources_of,
)
from ui.custom_query_tab import CustomQueryTab
from ui.window_common import RecentFiles, as_widget, tr_window

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QComboBox, QDateEdit, QTabWidget

    from ui.case_state import CaseState
    from ui.check_tab import CheckTab
    from ui.workers import WorkerPool


class WindowWorkbook:
    if TYPE_CHECKING:  # what the mixin uses of MainWindow
        state: CaseState | None
        workers: WorkerPool
        settings: QSettings
        tabs: QTabWidget
        check_tabs: dict[str, CheckTab]
        profile_box: QComboBox
        as_of_edit: QDateEdit
        recent_workbooks: RecentFiles
        workbook: Workbook
        workbook_path: Path | None
        _pending: Workbook | None

        def open_check(self, check_id: str) -> CheckTab | None: ...
        def show_error(self, error: AuditorError) -> None: ...
        def setWindowModified(self, modified: bool) -> None: ...
        def isWindowModified(self) -> bool: ...
        def _update_title(self) -> None: ...
        def _wire_tab(self, tab: CheckTab) -> None: ...

    # --- changes -------------------------------------------------------------------------

    def mark_dirty(self) -> None:
        self.setWindowModified(True)

    def record_run(self, check_id: str, overrides: dict[str, str]) -> None:
        if check_id not in self.workbook.checks and not check_id.startswith("CQ-"):
            self.workbook.checks.append(check_id)
            self.mark_dirty()
        if self.workbook.check_params.get(check_id, {}) != overrides:
            if overrides:
                self.workbook.check_params[check_id] = dict(overrides)
            else:
                self.workbook.check_params.pop(check_id, None)
            self.mark_dirty()

    def record_disposition(self, check_id: str, keys: list[str], status: str, reason: str) -> None:
        keep = [
            d for d in self.workbook.dispositions if not (d.check == check_id and d.key in keys)
        ]
        keep += [Disposition(check_id, k, status, reason) for k in keys]  # type: ignore[arg-type]
        self.workbook.dispositions = keep
        self._show_disposition_counts(check_id)
        self.mark_dirty()

    def _show_disposition_counts(self, check_id: str) -> None:
        tab = self.check_tabs.get(check_id)
        if tab is not None:
            mine = [d for d in self.workbook.dispositions if d.check == check_id]
            tab.show_dispositions(
                sum(d.status == "confirmed" for d in mine),
                sum(d.status == "dismissed" for d in mine),
            )

    # --- custom queries ------------------------------------------------------------------

    def save_as_custom(self, check_id: str) -> CustomQueryTab | None:
        """Copy a canned check into the workbook as an editable custom query."""
        if self.state is None:
            return None
        spec = self.state.library[check_id]
        used = {q.id for q in self.workbook.custom_queries}
        n = 1
        while f"CQ-{n:02d}" in used:
            n += 1
        query = CustomQuery(
            f"CQ-{n:02d}", f"{spec.title} (from {spec.id})", spec.sql, spec.params,
            spec.chart, f"Copied from {spec.id}. {spec.description}",
        )  # fmt: skip
        self.workbook.custom_queries.append(query)
        self.mark_dirty()
        return self.open_custom(query)

    def open_custom(self, query: CustomQuery) -> CustomQueryTab | None:
        if self.state is None:
            return None
        self.state.library[query.id] = custom_check(query)
        tab = self.check_tabs.get(query.id)
        if not isinstance(tab, CustomQueryTab):
            tab = CustomQueryTab(query, lambda: self.state.cursor(), self.workers)  # type: ignore[union-attr]
            tab.set_params(self.state.resolver().resolve(tab.spec).values)
            tab.query_changed.connect(self._custom_changed)
            self._wire_tab(tab)
            self.check_tabs[query.id] = tab
            self.tabs.addTab(tab, query.id)
        self.tabs.setCurrentWidget(tab)
        return tab

    def _custom_changed(self, query: CustomQuery) -> None:
        self.workbook.custom_queries = [
            query if q.id == query.id else q for q in self.workbook.custom_queries
        ]
        if self.state is not None:
            self.state.library[query.id] = custom_check(query)
        self.mark_dirty()

    # --- files ---------------------------------------------------------------------------

    def capture(self) -> Workbook:
        """The workbook as it stands in the window."""
        wb = replace(self.workbook)
        if self.state is not None:
            wb.profile = self.state.profile
            wb.as_of = self.state.as_of
            wb.notes = {k: v for k, v in self.state.notes.items() if v}
            cursor = self.state.cursor()
            try:
                wb.sources = sources_of(cursor)
            finally:
                cursor.close()
            if not wb.title or wb.title == "Inspection":
                wb.title = f"Inspection of {self.state.path.stem}"
        return wb

    def save_workbook(self, path: Path | None = None) -> bool:
        path = path or self.workbook_path
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                as_widget(self), tr_window("Save workbook"), f"inspection{SUFFIX}",
                tr_window("Workbooks (*.auditwb)"),
            )  # fmt: skip
            if not name:
                return False
            path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        try:
            self.workbook = self.capture()
            save(self.workbook, path)
        except AuditorError as e:
            self.show_error(e)
            return False
        self.workbook_path = path
        self.recent_workbooks.remember(path)
        self.setWindowModified(False)
        self._update_title()
        return True

    def save_workbook_as(self) -> bool:
        previous = self.workbook_path
        self.workbook_path = None
        if self.save_workbook():
            return True
        self.workbook_path = previous
        return False

    def new_workbook(self) -> bool:
        if not self.maybe_save():
            return False
        self.workbook, self.workbook_path = Workbook(), None
        self.setWindowModified(False)
        self._update_title()
        return True

    def open_workbook_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                as_widget(self), tr_window("Open workbook"), "", tr_window("Workbooks (*.auditwb)")
            )
            if not name:
                return False
            path = Path(name)
        known = set(self.state.library) if self.state else None
        try:
            opened = open_workbook(path, known)
        except AuditorError as e:
            self.show_error(e)
            return False
        self.workbook, self.workbook_path = opened.workbook, path
        self.recent_workbooks.remember(path)
        if opened.warnings:
            self.show_error(AuditorError("\n".join(opened.warnings), "Workbook opened with notes"))
        self._pending = opened.workbook
        if self.state is not None:
            self.apply_workbook()
        self.setWindowModified(False)
        self._update_title()
        return True

    def apply_workbook(self) -> None:
        """Set the window up as the workbook says: profile, as-of, tabs, parameters, notes."""
        wb, self._pending = self._pending, None
        if wb is None or self.state is None:
            return
        self.profile_box.setCurrentText(wb.profile)
        if wb.as_of is not None:
            self.as_of_edit.setDate(QDate(wb.as_of.year, wb.as_of.month, wb.as_of.day))
        self.state.notes = dict(wb.notes)
        for check_id in wb.checks:
            tab = self.open_check(check_id)
            if tab is not None:
                self._fill_tab(tab, wb)
        for query in wb.custom_queries:
            ctab = self.open_custom(query)
            if ctab is not None:
                self._fill_tab(ctab, wb)
        self.setWindowModified(False)

    def _fill_tab(self, tab: CheckTab, wb: Workbook) -> None:
        for name, value in wb.check_params.get(tab.spec.id, {}).items():
            if name in tab.form.editors:
                tab.form.set_value(name, value)  # differs from the resolved value: an override
        tab.note.blockSignals(True)
        tab.note.setPlainText(wb.notes.get(tab.spec.id, ""))
        tab.note.blockSignals(False)
        self._show_disposition_counts(tab.spec.id)

    def maybe_save(self) -> bool:
        """False when the user cancels; asks before unsaved changes are lost."""
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            as_widget(self),
            tr_window("Unsaved changes"),
            tr_window("The workbook has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_workbook()
        return answer == QMessageBox.StandardButton.Discard
