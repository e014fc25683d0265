"""One tab per opened check: what it tests and on what basis, its parameters, Run and Cancel,
the result grid, the chart, the finding summary and the examiner's note.

The tab does not run anything itself: it asks the window (``run_requested``), which runs the
check in a worker and hands back the run and its chart data (``show_run``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.checks import CheckSpec
from auditor.engine.params import ParamValue
from auditor.engine.runner import CheckRun
from auditor.errors import AuditorError
from auditor.results.chart_data import ChartData
from auditor.workbook.document import finding_key
from ui.chart_view import ChartView
from ui.grid import ResultGrid
from ui.param_form import ParamForm
from ui.result_model import CursorFactory
from ui.workers import WorkerPool

STATUS_TEXT = {
    "pass": "Pass",
    "finding": "Finding",
    "info": "Information",
    "not_run": "Not run",
    "error": "Error",
    "cancelled": "Cancelled",
}


def run_summary(run: CheckRun) -> str:
    parts = [STATUS_TEXT.get(run.status, run.status)]
    if run.status in ("pass", "finding", "info"):
        parts.append(f"{run.row_count:,} rows")
    if run.status == "finding":
        parts.append(
            f"{run.finding_rows:,} finding rows, {run.loans:,} loans, {run.borrowers:,} borrowers"
        )
        if run.amount is not None:
            parts.append(f"amount {run.amount:,.2f}")
    if run.duration_s:
        parts.append(f"{run.duration_s:.2f} s")
    text = " · ".join(parts)
    return f"{text}\n{run.reason}" if run.reason else text


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
        title = QLabel(f"<b>{spec.id}</b> — {spec.title}")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        about = QLabel(f"{spec.description}\n\n{self.tr('Basis')}: {spec.basis}")
        about.setWordWrap(True)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = ParamForm()
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the check (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.png_button = QPushButton(self.tr("Save chart as PNG…"))
        self.custom_button = QPushButton(self.tr("Save as custom query"))
        self.custom_button.setToolTip(
            self.tr("Copy this check into the workbook as a custom query you can edit")
        )
        self.confirm_button = QPushButton(self.tr("Confirm selected findings"))
        self.dismiss_button = QPushButton(self.tr("Dismiss selected findings"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the disposition"))
        self.dispositions = QLabel()
        self.summary = QLabel(self.tr("Not run yet."))
        self.summary.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Examiner's note on this check"))
        self.note.setMaximumHeight(70)
        self.grid = ResultGrid(cursor_factory, workers)
        self.chart = ChartView()
        params = QGroupBox(self.tr("Parameters"))
        pl = QVBoxLayout(params)
        pl.addWidget(self.form)
        buttons = QHBoxLayout()
        for b in (self.run_button, self.cancel_button, self.png_button, self.custom_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        pl.addLayout(buttons)
        disp = QHBoxLayout()
        for w in (self.confirm_button, self.dismiss_button):
            disp.addWidget(w)
        disp.addWidget(self.reason, 1)
        disp.addWidget(self.dispositions)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.addWidget(title)
        tl.addWidget(about)
        tl.addWidget(params)
        tl.addWidget(self.summary)
        tl.addLayout(disp)
        tl.addWidget(self.note)
        self.top_layout = tl  # a custom-query tab puts its name and SQL editor here
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.grid)
        lower.addWidget(self.chart)
        lower.setSizes([600, 400])
        split.addWidget(lower)
        split.setSizes([320, 420])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.run_button.clicked.connect(self.request_run)
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.spec.id))
        self.png_button.clicked.connect(self.save_png)
        self.custom_button.clicked.connect(lambda: self.save_as_custom.emit(self.spec.id))
        self.confirm_button.clicked.connect(lambda: self._dispose("confirmed"))
        self.dismiss_button.clicked.connect(lambda: self._dispose("dismissed"))
        self.note.textChanged.connect(
            lambda: self.note_changed.emit(self.spec.id, self.note.toPlainText())
        )
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.request_run)
        self.grid.model.failed.connect(self.error.emit)
        self.grid.view.doubleClicked.connect(self._drill)
        self.grid.view.setToolTip(self.tr("Double-click a number to list the rows behind it"))

    def set_params(self, resolved: dict[str, ParamValue]) -> None:
        self.form.set_params(list(self.spec.params), resolved)

    def request_run(self) -> None:
        try:
            overrides = self.form.overrides()
        except AuditorError as e:
            self.error.emit(e)
            return
        self.set_running(True)
        self.run_requested.emit(self.spec.id, overrides)

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.summary.setText(self.tr("Running…"))

    def show_run(self, run: CheckRun, chart: ChartData | None) -> None:
        self.run = run
        self.set_running(False)
        self.summary.setText(run_summary(run))
        self.grid.show_table(run.result_table, run.check.percent_columns)
        self.chart.show_data(chart)

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
        model = self.grid.model
        width = min(3, len(model.columns))
        return [finding_key([model.value(r, c) for c in range(width)]) for r in rows]

    def _dispose(self, status: str) -> None:
        keys = self.selected_keys()
        if keys:
            self.disposition.emit(self.spec.id, keys, status, self.reason.text().strip())

    def show_dispositions(self, confirmed: int, dismissed: int) -> None:
        self.dispositions.setText(
            self.tr("{0} confirmed, {1} dismissed").format(confirmed, dismissed)
            if confirmed or dismissed
            else ""
        )

    def save_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.spec.id}.png", "PNG (*.png)"
        )
        if path:
            with open(path, "wb") as fh:
                fh.write(self.chart.to_png())
