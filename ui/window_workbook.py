"""The window's query workbook: New, Open, Save, Save As and recent workbooks, the
unsaved-changes marker and prompt, "save as custom query", and the inspection's properties.

The workbook file is the workspace model written out (``Workspace.to_workbook``) with the
case's sources; opening one applies it to the model, and the window follows the model. A mixin
of MainWindow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from auditor.errors import AuditorError
from auditor.workbook.document import (
    SUFFIX,
    CustomQuery,
    Workbook,
    open_workbook,
    save,
    sources_of,
)
from ui.custom_query_tab import CustomQueryTab
from ui.properties_dialog import PropertiesDialog
from ui.window_common import RecentFiles, as_widget, translate

if TYPE_CHECKING:
    import datetime as dt

    from auditor.workbook.workspace import Properties, Workspace
    from ui.case_state import CaseState
    from ui.check_tab import CheckTab


class WindowWorkbook:
    if TYPE_CHECKING:  # what the mixin uses of MainWindow
        state: CaseState | None
        workspace: Workspace
        recent_workbooks: RecentFiles
        workbook_path: Path | None
        _pending: Workbook | None

        def open_check(self, check_id: str) -> CheckTab | None: ...
        def show_error(self, error: AuditorError) -> None: ...
        def setWindowModified(self, modified: bool) -> None: ...
        def isWindowModified(self) -> bool: ...
        def _update_title(self) -> None: ...
        def register_custom(self, query: CustomQuery) -> None: ...

    # --- custom queries ------------------------------------------------------------------

    def save_as_custom(self, check_id: str) -> CustomQueryTab | None:
        """Copy a canned check into the workbook as an editable custom query."""
        if self.state is None:
            return None
        spec = self.state.library[check_id]
        ws = self.workspace
        query = CustomQuery(
            ws.next_custom_id(),
            translate("MainWindow", "{0} (from {1})").format(spec.title, spec.id), spec.sql,
            spec.params + spec.gate_params(), spec.chart,
            translate("MainWindow", "Copied from {0}. {1}").format(spec.id, spec.description),
        )  # fmt: skip
        ws.put_custom_query(query)
        self.register_custom(query)
        tab = self.open_check(query.id)
        return tab if isinstance(tab, CustomQueryTab) else None

    # --- properties ----------------------------------------------------------------------

    def edit_properties(self) -> PropertiesDialog:
        ws = self.workspace
        dialog = PropertiesDialog(ws.properties, ws.from_date, ws.as_of, as_widget(self))
        dialog.chosen.connect(self.set_properties)
        dialog.open()
        return dialog

    def set_properties(
        self, props: Properties, from_date: dt.date | None, as_of: dt.date | None
    ) -> None:
        self.workspace.set_properties(props)
        if from_date is not None:
            self.workspace.set_from_date(from_date)
        if as_of is not None:
            self.workspace.set_as_of(as_of)

    # --- files ---------------------------------------------------------------------------

    def capture(self) -> Workbook:
        """The workbook as it stands in the window: the workspace and the case's sources."""
        name = self.state.path.stem if self.state is not None else ""
        wb = self.workspace.to_workbook(name)
        if self.state is not None:
            cursor = self.state.cursor()
            try:
                wb.sources = sources_of(cursor)
            finally:
                cursor.close()
        return wb

    def save_workbook(self, path: Path | None = None) -> bool:
        path = path or self.workbook_path
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                as_widget(self), translate("MainWindow", "Save workbook"), f"inspection{SUFFIX}",
                translate("MainWindow", "Workbooks (*.auditwb)"),
            )  # fmt: skip
            if not name:
                return False
            path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        try:
            wb = self.capture()
            save(wb, path)
        except AuditorError as e:
            self.show_error(e)
            return False
        self.workspace.sources = list(wb.sources)
        self.workbook_path = path
        self.recent_workbooks.remember(path)
        self.workspace.mark_saved()
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
        self.workbook_path = None
        self.workspace.reset_document()
        self._update_title()
        return True

    def open_workbook_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                as_widget(self),
                translate("MainWindow", "Open workbook"),
                "",
                translate("MainWindow", "Workbooks (*.auditwb)"),
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
        self.workbook_path = path
        self.recent_workbooks.remember(path)
        if opened.warnings:
            self.show_error(
                AuditorError(
                    "\n".join(opened.warnings),
                    translate("MainWindow", "Workbook opened with notes"),
                )
            )
        self._pending = opened.workbook
        if self.state is not None:
            self.apply_workbook()
        self._update_title()
        return True

    def apply_workbook(self) -> None:
        """The workspace takes what the workbook holds; the window follows."""
        wb, self._pending = self._pending, None
        if wb is None:
            return
        for query in wb.custom_queries:
            self.register_custom(query)
        self.workspace.apply_workbook(wb)

    def maybe_save(self) -> bool:
        """False when the user cancels; asks before unsaved changes are lost."""
        if not self.workspace.modified:
            return True
        answer = QMessageBox.question(
            as_widget(self),
            translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "The workbook has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_workbook()
        return answer == QMessageBox.StandardButton.Discard
