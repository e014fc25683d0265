"""The inspection's properties: title, platform, examiner, reviewer, review period and the
conclusion, as the report's cover shows them. The dialog edits a copy and hands back new
properties (and the as-of, the period's end); the window sends them to the workspace."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
    chosen = Signal(object, object)  # Properties, the as-of (period end) or None

    def __init__(
        self, props: Properties, as_of: dt.date | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inspection properties"))
        self.setMinimumWidth(520)
        self.title = QLineEdit(props.title)
        self.title.setPlaceholderText(self.tr("e.g. Q3 2024 inspection of the consumer book"))
        self.platform = QLineEdit(props.platform)
        self.examiner = QLineEdit(props.examiner)
        self.reviewer = QLineEdit(props.reviewer)
        self.has_start = QCheckBox(self.tr("from"))
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.end = QDateEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        if as_of is not None:
            self.end.setDate(_qdate(as_of))
        self.end.setEnabled(as_of is not None)
        start = props.period_start or (as_of.replace(month=1, day=1) if as_of else None)
        if start is not None:
            self.start.setDate(_qdate(start))
        self.has_start.setChecked(props.period_start is not None)
        self.start.setEnabled(props.period_start is not None)
        self.has_start.toggled.connect(self.start.setEnabled)
        period = QHBoxLayout()
        period.addWidget(self.has_start)
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
        form.addRow(self.tr("Conclusion"), self.conclusion)
        form.addRow(buttons)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #8a1c1c")
        form.addRow(self.problem)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.as_of = as_of

    def properties(self) -> Properties:
        return Properties(
            self.title.text().strip(),
            self.platform.text().strip(),
            self.examiner.text().strip(),
            self.reviewer.text().strip(),
            _date(self.start.date()) if self.has_start.isChecked() else None,
            self.conclusion.toPlainText().strip(),
        )

    def period_end(self) -> dt.date | None:
        return _date(self.end.date()) if self.as_of is not None else None

    def apply(self) -> None:
        """Hand the properties over (OK); a period that starts after it ends is refused."""
        props, end = self.properties(), self.period_end()
        if props.period_start is not None and end is not None and props.period_start > end:
            self.problem.setText(self.tr("The period starts after it ends."))
            return
        self.chosen.emit(props, end)
        self.accept()
