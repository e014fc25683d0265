"""The inspection's properties: title, platform, examiner, reviewer, review period and the
conclusion, as the report's cover shows them. The dialog edits a copy and hands back new
properties (and the as-of, the period's end); the window sends them to the workspace."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from auditor.workbook.workspace import Properties


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class PropertiesDialog(QDialog):
    chosen = Signal(object, object, object)  # Properties, the period's start and end (as-of)

    def __init__(
        self,
        props: Properties,
        from_date: dt.date | None,
        as_of: dt.date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inspection properties"))
        self.setMinimumWidth(520)
        self.title = QLineEdit(props.title)
        self.title.setPlaceholderText(self.tr("e.g. Q3 2024 inspection of the consumer book"))
        self.platform = QLineEdit(props.platform)
        self.examiner = QLineEdit(props.examiner)
        self.reviewer = QLineEdit(props.reviewer)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.end = QDateEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        if as_of is not None:
            self.end.setDate(_qdate(as_of))
        if from_date is not None:
            self.start.setDate(_qdate(from_date))
        self.end.setEnabled(as_of is not None)  # both come from the case's data first
        self.start.setEnabled(from_date is not None)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("from")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to (as of)")))
        period.addWidget(self.end)
        period.addStretch(1)
        self.conclusion = QPlainTextEdit(props.conclusion)
        self.conclusion.setPlaceholderText(
            self.tr("The examiner's conclusion, printed on the report's cover above the sign-off")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Examiner (prepared by)"), self.examiner)
        form.addRow(self.tr("Reviewer (reviewed by)"), self.reviewer)
        form.addRow(self.tr("Review period"), period)
        # The period is the toolbar's From and As of: event checks count events inside it.
        form.addRow(self.tr("Conclusion"), self.conclusion)
        form.addRow(buttons)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #8a1c1c")
        form.addRow(self.problem)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.as_of, self.from_date = as_of, from_date

    def properties(self) -> Properties:
        return Properties(
            self.title.text().strip(),
            self.platform.text().strip(),
            self.examiner.text().strip(),
            self.reviewer.text().strip(),
            self.conclusion.toPlainText().strip(),
        )

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        start = _date(self.start.date()) if self.from_date is not None else None
        end = _date(self.end.date()) if self.as_of is not None else None
        return start, end

    def apply(self) -> None:
        """Hand the properties over (OK); a period that starts after it ends is refused."""
        props, (start, end) = self.properties(), self.period()
        if start is not None and end is not None and start > end:
            self.problem.setText(self.tr("The period starts after it ends."))
            return
        self.chosen.emit(props, start, end)
        self.accept()
