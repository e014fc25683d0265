"""One tab per opened check: its title and status on one line, the result grid and chart with
most of the room, and, folded away until asked for, what it tests and on what basis, its
parameters and the examiner's note.

The tab does not run anything itself: it asks the window (``run_requested``), which runs the
check in a worker and hands back the run and its chart data (``show_run``). Errors show in
place, on the tab, in words (a bad parameter names itself; the database's message is cleaned).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.checks import CheckSpec
from auditor.engine.params import ParamValue
from auditor.engine.runner import CheckRun
from auditor.errors import AuditorError
from auditor.results.chart_data import ChartData
from auditor.results.messages import clean_error
from ui.chart_view import ChartView
from ui.grid import ResultGrid
from ui.language import check_chart, current_language, texts
from ui.param_form import ParamForm
from ui.result_model import CursorFactory
from ui.window_common import QT_TRANSLATE_NOOP
from ui.workers import WorkerPool

STATUS_TEXT = {
    "pass": QT_TRANSLATE_NOOP("CheckTab", "Pass"),
    "finding": QT_TRANSLATE_NOOP("CheckTab", "Finding"),
    "info": QT_TRANSLATE_NOOP("CheckTab", "Information"),
    "not_run": QT_TRANSLATE_NOOP("CheckTab", "Not run"),
    "error": QT_TRANSLATE_NOOP("CheckTab", "Error"),
    "cancelled": QT_TRANSLATE_NOOP("CheckTab", "Cancelled"),
}
STALE_STYLE = "background: #fff4ce; color: #5c4400; padding: 4px; border-radius: 3px"
ERROR_STYLE = "background: #fde7e9; color: #8a1c1c; padding: 4px; border-radius: 3px"


def _t(text: str) -> str:
    return QCoreApplication.translate("CheckTab", text)


def run_summary(run: CheckRun) -> str:
    """The run in one line: status, rows, findings and what they add up to."""
    parts = [_t(STATUS_TEXT.get(run.status, run.status))]
    if run.status in ("pass", "finding", "info"):
        parts.append(
            QCoreApplication.translate("CheckTab", "{0} rows").format(f"{run.row_count:,}")
        )
    if run.status == "finding":
        rule = run.check.finding
        parts.append(
            QCoreApplication.translate("CheckTab", "{0} finding rows").format(
                f"{run.finding_rows:,}"
            )
        )
        if rule.loan:
            parts.append(
                QCoreApplication.translate("CheckTab", "{0} loans").format(f"{run.loans:,}")
            )
        if rule.borrower:
            parts.append(
                QCoreApplication.translate("CheckTab", "{0} borrowers").format(f"{run.borrowers:,}")
            )
        if run.amount is not None:
            what = texts(run.check).amount_label or QCoreApplication.translate("CheckTab", "Amount")
            parts.append(
                QCoreApplication.translate("CheckTab", "{0}: {1}").format(
                    what, f"{run.amount:,.2f}"
                )
            )
    if run.duration_s:
        parts.append(
            QCoreApplication.translate("CheckTab", "{0} s").format(f"{run.duration_s:.2f}")
        )
    return " · ".join(parts)


def _fold_button(text: str, checked: bool = False) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setCheckable(True)
    b.setChecked(checked)
    b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    b.setArrowType(Qt.ArrowType.DownArrow if checked else Qt.ArrowType.RightArrow)
    b.setAutoRaise(True)
    b.toggled.connect(
        lambda on: b.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
    )
    return b


def _column_labels(run: CheckRun) -> dict[str, str]:
    """The result's column headers in the interface's language (a custom query's columns
    keep the names its author gave them)."""
    if run.check.family == "custom":
        return dict(run.check.labels.columns)
    text = texts(run.check)
    names = set(run.check.labels.columns) | set(text.columns) | set(text.fallback_columns)
    return {c: text.column_label(c) for c in names}


class CheckTab(QWidget):
    run_requested = Signal(str, dict)  # check id, parameter overrides
    cancel_requested = Signal(str)
    error = Signal(object)
    note_changed = Signal(str, str)
    save_as_custom = Signal(str)  # check id
    drill_requested = Signal(str, dict, str)  # check id, the row's values, the column
    disposition = Signal(str, list, str, str)  # check id, finding keys, status, reason

    def __init__(
        self,
        spec: CheckSpec,
        cursor_factory: CursorFactory,
        workers: WorkerPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.run: CheckRun | None = None
        self._pending: tuple[CheckRun, ChartData | None] | None = None  # shown when seen
        self._chart_next: ChartData | None = None
        self._chart_due = False
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.details_button = _fold_button(self.tr("Details and parameters"))
        self.note_button = _fold_button(self.tr("Note"))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = ParamForm()
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the check (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.more = QToolButton()
        self.more.setText(self.tr("More"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more)
        menu.addAction(self.tr("Save chart as PNG…"), self.save_png)
        self.custom_action = menu.addAction(
            self.tr("Save as custom query"), lambda: self.save_as_custom.emit(self.spec.id)
        )
        self.custom_action.setToolTip(
            self.tr("Copy this check into the workbook as a custom query you can edit")
        )
        self.more.setMenu(menu)
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.confirm_button.setToolTip(self.tr("File the selected rows as confirmed findings"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("File the selected rows as dismissed"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the disposition"))
        self.reason.setMaximumWidth(260)
        self.dispositions = QLabel()
        self.summary = QLabel(self.tr("Not run yet."))
        self.summary.setWordWrap(True)
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(STALE_STYLE)
        self.stale.hide()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Examiner's note on this check"))
        self.note.setMaximumHeight(64)
        self.note.hide()
        self.grid = ResultGrid(cursor_factory, workers)
        self.grid.extra(self.confirm_button, self.dismiss_button, self.reason, self.dispositions)
        self.chart = ChartView()
        self.details = QWidget()
        dl = QVBoxLayout(self.details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.about)
        dl.addWidget(self.form)
        self.details.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for button in (self.run_button, self.cancel_button, self.more):
            head.addWidget(button)
        folds = QHBoxLayout()
        folds.addWidget(self.summary, 1)
        folds.addWidget(self.details_button)
        folds.addWidget(self.note_button)
        top = QVBoxLayout()
        top.setSpacing(3)
        top.addLayout(head)
        top.addLayout(folds)
        for part in (self.stale, self.problem, self.details, self.note):
            top.addWidget(part)
        self.top_layout = top  # a custom-query tab puts its name and SQL editor here
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.grid)
        self.split.addWidget(self.chart)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(top)
        lay.addWidget(self.split, 1)
        self._show_title()
        self.details_button.toggled.connect(self.details.setVisible)
        self.note_button.toggled.connect(self._show_note)
        self.run_button.clicked.connect(self.request_run)
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.spec.id))
        self.confirm_button.clicked.connect(lambda: self._dispose("confirmed"))
        self.dismiss_button.clicked.connect(lambda: self._dispose("dismissed"))
        self.note.textChanged.connect(
            lambda: self.note_changed.emit(self.spec.id, self.note.toPlainText())
        )
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.request_run)
        self.grid.error.connect(self.show_problem)
        self.grid.view.doubleClicked.connect(self._drill)
        self.grid.view.setToolTip(self.tr("Double-click a number to list the rows behind it"))
        self.details_button.setChecked(True)  # until the check has run, its details show

    def _show_title(self) -> None:
        s, text = self.spec, texts(self.spec)
        self.title.setText(
            self.tr("<b>{0}</b> — {1} <span style='color:#666'>· {2} · severity {3}</span>").format(
                html.escape(s.id), html.escape(text.title), text.family, text.severity
            )
        )
        self.about.setText(self.tr("{0}\n\nBasis: {1}").format(text.description, text.basis))

    def _show_note(self, on: bool) -> None:
        self.note.setVisible(on)
        if on:
            self.note.setFocus()

    def set_params(self, resolved: dict[str, ParamValue]) -> None:
        self.form.set_params(
            list(self.spec.params), resolved, self.spec.labels.units, texts(self.spec)
        )

    def set_note(self, text: str) -> None:
        """The note as the workspace holds it (the editor keeps its cursor when equal)."""
        if self.note.toPlainText() != text:
            self.note.blockSignals(True)
            self.note.setPlainText(text)
            self.note.blockSignals(False)
        self.note_button.setText(self.tr("Note ✎") if text else self.tr("Note"))
        if text and not self.note_button.isChecked():
            self.note_button.setChecked(True)

    def request_run(self) -> None:
        try:
            overrides = self.form.overrides()
        except AuditorError as e:
            self.show_problem(e)
            self.details_button.setChecked(True)
            return
        self.problem.hide()
        self.set_running(True)
        self.run_requested.emit(self.spec.id, overrides)

    def show_problem(self, error: AuditorError | str) -> None:
        """An error in place, in words; the window's status bar repeats it."""
        self.problem.setText(clean_error(str(error)))
        self.problem.show()
        if isinstance(error, AuditorError):
            self.error.emit(error)

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.summary.setText(self.tr("Running…"))

    def show_run(self, run: CheckRun, chart: ChartData | None, stale: tuple[str, ...] = ()) -> None:
        first = self.run is None
        self.run = run
        self.set_running(False)
        self.summary.setText(run_summary(run))
        if run.status == "error":
            lang = current_language()
            said = run.reason_in(lang) if run.notes and lang != "en" else clean_error(run.reason)
            self.problem.setText(said)
            self.problem.show()
        elif run.reason:
            self.problem.hide()
            self.summary.setText(f"{run_summary(run)} — {run.reason_in(current_language())}")
        else:
            self.problem.hide()
        self.show_staleness(stale)
        if first:
            self.details_button.setChecked(False)  # the rows get the room now
        self._pending = (run, chart)
        if not self._hidden_in_a_shown_window():
            self._show_rows()

    def _hidden_in_a_shown_window(self) -> bool:
        """A tab behind others: its rows and chart wait until it is looked at (drawing
        forty of them at once held the window up for seconds)."""
        window = self.window()
        return window is not self and window.isVisible() and not self.isVisible()

    def _show_rows(self) -> None:
        if self._pending is None:
            return
        run, chart = self._pending
        self._pending = None
        rule = run.check.finding
        finding_column = rule.rows if rule.rows not in ("all", "none") else None
        self.grid.show_table(
            run.result_table,
            run.check.percent_columns,
            labels=_column_labels(run),
            finding_column=finding_column,
            findings_only=bool(finding_column and run.finding_rows),
            readable=run.check.family != "custom",
        )
        self.show_chart(chart)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_rows()

    def show_chart(self, chart: ChartData | None) -> None:
        """The chart is drawn on the next turn of the event loop: the rows show first, and
        the window answers in between."""
        if self._pending is not None:
            self._pending = (self._pending[0], chart)
            return
        self._chart_next = chart
        if not self._chart_due:
            self._chart_due = True
            QTimer.singleShot(0, self._draw_chart)

    def _draw_chart(self) -> None:
        if self._chart_due:
            self._chart_due = False
            self.chart.show_data(check_chart(self.spec, self._chart_next))

    def show_staleness(self, stale: tuple[str, ...]) -> None:
        if stale:
            self.stale.setText(
                self.tr("Stale: this result was computed on older data. {0}. Run it again.").format(
                    "; ".join(stale)
                )
            )
        self.stale.setVisible(bool(stale))

    def show_cancelled(self) -> None:
        self.set_running(False)
        self.summary.setText(self.tr("Cancelled."))

    def _drill(self, index: QModelIndex) -> None:
        model = self.grid.model
        row = {c: model.value(index.row(), i) for i, c in enumerate(model.columns)}
        self.drill_requested.emit(self.spec.id, row, model.columns[index.column()])

    def selected_keys(self) -> list[str]:
        """The finding keys of the rows with a selected cell."""
        rows = sorted({i.row() for i in self.grid.view.selectionModel().selectedIndexes()})
        return [self.grid.model.row_key(r) for r in rows]

    def _dispose(self, status: str) -> None:
        keys = self.selected_keys()
        if keys:
            self.disposition.emit(self.spec.id, keys, status, self.reason.text().strip())

    def show_dispositions(
        self, confirmed: int, dismissed: int, rows: Mapping[str, tuple[str, str]] | None = None
    ) -> None:
        self.dispositions.setText(
            self.tr("{0} confirmed, {1} dismissed").format(confirmed, dismissed)
            if confirmed or dismissed
            else ""
        )
        if rows is not None:
            self.grid.model.set_dispositions(rows)

    def save_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.spec.id}.png", self.tr("PNG images (*.png)")
        )
        if path:
            with open(path, "wb") as fh:
                fh.write(self.chart.to_png())
