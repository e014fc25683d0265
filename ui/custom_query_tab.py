"""A custom query of the workbook: a check tab whose name and SQL the examiner edits.

Its parameters are the ones it was created with (from the canned check it copies). On Run the
edited SQL is checked like any workbook query (one read-only SELECT, the same $parameters)
before the window runs it under the sandbox; a refusal is reported, nothing runs.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from auditor.workbook.document import CustomQuery, WorkbookError, check_query_sql, custom_check
from ui.check_tab import CheckTab
from ui.result_model import CursorFactory
from ui.workers import WorkerPool


class CustomQueryTab(CheckTab):
    query_changed = Signal(object)  # the edited CustomQuery, once it validates

    def __init__(
        self,
        query: CustomQuery,
        cursor_factory: CursorFactory,
        workers: WorkerPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(custom_check(query), cursor_factory, workers, parent)
        self.query = query
        self.name = QLineEdit(query.name)
        self.sql = QPlainTextEdit(query.sql)
        self.sql.setFont(QFont("monospace"))
        self.sql.setMinimumHeight(120)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("SQL"), self.sql)
        self.custom_action.setVisible(False)
        box = QWidget()
        box.setLayout(form)
        self.top_layout.insertWidget(1, box)

    def edited(self) -> CustomQuery:
        """The query as edited; raises WorkbookError when the SQL is refused."""
        sql = self.sql.toPlainText().strip()
        check_query_sql(sql, self.query.params, self.tr("custom query {0}").format(self.query.id))
        return replace(self.query, name=self.name.text().strip() or self.query.id, sql=sql)

    def request_run(self) -> None:
        try:
            query = self.edited()
        except WorkbookError as e:
            self.error.emit(e)
            return
        if query != self.query:
            self.query = query
            self.spec = custom_check(query)
            self.query_changed.emit(query)
        super().request_run()
