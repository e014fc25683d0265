"""The result grid: a table view over a paging ResultModel, with a findings-only toggle, column
filters (header menu), export of what is shown to CSV or Excel, copy, and the count, sum and
average of the selected cells. Filters, exports and sums run in the background."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditor.results.export_csv import write_table_csv
from auditor.results.grid_query import (
    CellRange,
    ColumnFilter,
    GridView,
    SelectionStats,
    selection_stats,
    stats_sql,
)
from ui.grid_filter import FilterDialog
from ui.result_model import CursorFactory, ResultModel, display
from ui.workers import Task, Worker, WorkerPool

MAX_STATS_CELLS = 5_000_000
SIZE_ROWS = 50  # rows measured to size the columns
MAX_COLUMN_PX = 260


class ResultGrid(QWidget):
    sample_requested = Signal(str)  # the table shown: right-click, "Sample rows…"
    stats_ready = Signal(object)  # SelectionStats of the selected cells
    exported = Signal(str)  # the path written
    error = Signal(object)

    def __init__(
        self,
        cursor_factory: CursorFactory,
        workers: WorkerPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = cursor_factory
        self.model = ResultModel(cursor_factory, workers, self)
        self.workers = self.model.workers
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setResizeContentsPrecision(200)  # size columns on the first rows, not 1,000
        self.findings_only = QCheckBox(self.tr("Findings only"))
        self.findings_only.setToolTip(self.tr("Show only the rows that are findings"))
        self.findings_only.hide()
        self.filters_label = QLabel()
        self.filters_label.setStyleSheet("color: #8a5a00")
        self.clear_filters = QToolButton()
        self.clear_filters.setText(self.tr("Clear filters"))
        self.clear_filters.hide()
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(self.tr("CSV…"), lambda: self._export_dialog("csv"))
        export_menu.addAction(self.tr("Excel…"), lambda: self._export_dialog("xlsx"))
        self.export_button.setMenu(export_menu)
        self.export_button.setToolTip(self.tr("Write the rows shown (filters applied) to a file"))
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(0, 0, 0, 0)
        self.toolbar.addWidget(self.findings_only)
        self.toolbar.addWidget(self.filters_label)
        self.toolbar.addWidget(self.clear_filters)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.export_button)
        self.status = QLabel()
        self.stats = QLabel()
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status)
        bottom.addStretch(1)
        bottom.addWidget(self.stats)
        copy = QAction(self.tr("Copy"), self.view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_selection)
        self.view.addAction(copy)
        sample = QAction(self.tr("Sample rows…"), self.view)
        sample.triggered.connect(self._sample)
        self.view.addAction(sample)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(self.toolbar)
        lay.addWidget(self.view, 1)
        lay.addLayout(bottom)
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(150)
        self._stats_timer.timeout.connect(self._compute_stats)
        self._stats_serial = 0
        self.last_stats: SelectionStats | None = None
        self._sized_for: tuple[str | None, bool] | None = None
        self.model.viewChanged.connect(self._show_count)
        self.model.viewChanged.connect(self._size_columns)
        self.model.sortingChanged.connect(self._busy)
        self.model.failed.connect(self.error.emit)
        self.findings_only.toggled.connect(self._findings_toggled)
        self.clear_filters.clicked.connect(self.clear_all_filters)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._stats_timer.start())
        self.model.modelReset.connect(lambda: self._stats_timer.start())
        self.view.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self.view.horizontalHeader().setSortIndicatorShown(True)
        )

    # --- what is shown -------------------------------------------------------------------

    def show_table(
        self,
        table: str | None,
        percent_columns: Iterable[str] = (),
        *,
        labels: dict[str, str] | None = None,
        finding_column: str | None = None,
        findings_only: bool = False,
        readable: bool = False,
    ) -> None:
        """Show a result; with a finding column, the findings-only toggle appears (on when
        ``findings_only``)."""
        self.view.horizontalHeader().setSortIndicatorShown(False)
        view = GridView(findings_only=findings_only) if finding_column else None
        self._sized_for = None
        self.model.set_table(
            table,
            percent_columns,
            labels=labels,
            finding_column=finding_column,
            view=view,
            readable=readable,
        )
        has = self.model.finding_column is not None
        self.findings_only.blockSignals(True)
        self.findings_only.setChecked(has and findings_only)
        self.findings_only.blockSignals(False)
        self.findings_only.setVisible(has)
        self._show_filters()

    def _size_columns(self) -> None:
        """Columns as wide as their label and their first rows need (at most 260 px), once
        per result and again when the rows shown change kind (findings only: bold rows).
        Measured here from one page of rows: Qt's resizeColumnsToContents asks the model for
        every role of hundreds of rows, which held the window up for most of a second."""
        m = self.model
        key = (m.table, m.view.findings_only)
        if key == self._sized_for or m.rowCount() == 0:
            return
        self._sized_for = key
        plain = QFontMetrics(self.view.font())
        bold_font = QFont(self.view.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        head = QFontMetrics(self.view.horizontalHeader().font())
        rows = range(min(SIZE_ROWS, m.rowCount()))
        findings = {r for r in rows if m.is_finding(r)}
        for c, name in enumerate(m.columns):
            percent = name in m.percent
            widest = head.horizontalAdvance(m.label(c)) + 24  # room for the sort arrow
            for r in rows:
                text = display(m.value(r, c), percent)
                metrics = bold if r in findings else plain
                widest = max(widest, metrics.horizontalAdvance(text) + 14)
            self.view.horizontalHeader().resizeSection(c, min(widest, MAX_COLUMN_PX))

    def _sample(self) -> None:
        if self.model.table:
            self.sample_requested.emit(self.model.table)

    def _findings_toggled(self, on: bool) -> None:
        self.model.set_view(replace(self.model.view, findings_only=on))

    def add_filter(self, f: ColumnFilter) -> None:
        """Filter on a column (replacing that column's filter)."""
        kept = tuple(x for x in self.model.view.filters if x.column != f.column)
        self.model.set_view(replace(self.model.view, filters=(*kept, f)))
        self._show_filters()

    def remove_filter(self, column: str) -> None:
        kept = tuple(x for x in self.model.view.filters if x.column != column)
        self.model.set_view(replace(self.model.view, filters=kept))
        self._show_filters()

    def clear_all_filters(self) -> None:
        self.model.set_view(replace(self.model.view, filters=()))
        self._show_filters()

    def _show_filters(self) -> None:
        filters = self.model.view.filters
        labels = {c: self.model.label(i) for i, c in enumerate(self.model.columns)}
        text = "; ".join(f.describe(labels.get(f.column, f.column)) for f in filters)
        self.filters_label.setText(self.tr("Filtered: {0}").format(text) if filters else "")
        self.clear_filters.setVisible(bool(filters))

    def _show_count(self) -> None:
        m = self.model
        if m.table is None:
            self.status.setText("")
            return
        if m.rowCount() == m.total_rows:
            text = self.tr("{0} rows").format(f"{m.total_rows:,}")
        else:
            text = self.tr("{0} of {1} rows").format(f"{m.rowCount():,}", f"{m.total_rows:,}")
        self.status.setText(text)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("Working…"))
        else:
            self._show_count()

    # --- header menu ---------------------------------------------------------------------

    def _header_menu(self, pos: QPoint) -> None:
        column = self.view.horizontalHeader().logicalIndexAt(pos)
        if column < 0 or column >= len(self.model.columns):
            return
        self.header_menu(column).popup(self.view.horizontalHeader().mapToGlobal(pos))

    def header_menu(self, column: int) -> QMenu:
        name = self.model.columns[column]
        menu = QMenu(self)
        menu.addAction(
            self.tr("Sort ascending"),
            lambda: self.view.sortByColumn(column, Qt.SortOrder.AscendingOrder),
        )
        menu.addAction(
            self.tr("Sort descending"),
            lambda: self.view.sortByColumn(column, Qt.SortOrder.DescendingOrder),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Filter…"), lambda: self._filter_dialog(column))
        clear = menu.addAction(self.tr("Clear this filter"), lambda: self.remove_filter(name))
        clear.setEnabled(any(f.column == name for f in self.model.view.filters))
        return menu

    def _filter_dialog(self, column: int) -> None:
        name = self.model.columns[column]
        current = next((f for f in self.model.view.filters if f.column == name), None)
        dialog = FilterDialog(self.model.label(column), name, current, self)
        dialog.chosen.connect(self.add_filter)
        dialog.open()

    # --- selection -----------------------------------------------------------------------

    def selected_ranges(self) -> list[CellRange]:
        out = []
        selection = self.view.selectionModel().selection()
        for i in range(selection.count()):
            r = selection.at(i)
            cols = tuple(self.model.columns[c] for c in range(r.left(), r.right() + 1))
            out.append(CellRange(r.top(), r.bottom(), cols))
        return out

    def _compute_stats(self) -> None:
        ranges = self.selected_ranges()
        cells = sum((r.bottom - r.top + 1) * len(r.columns) for r in ranges)
        source = self.model.source
        self._stats_serial += 1
        serial = self._stats_serial
        if cells < 2 or source is None or cells > MAX_STATS_CELLS:
            self.stats.setText("")
            return
        types = dict(zip(self.model.columns, self.model.types, strict=True))
        got = stats_sql(source, types, ranges)
        if got is None:
            return
        sql, params = got
        factory = self._factory

        def compute(_task: Task) -> SelectionStats:
            cursor = factory()
            try:
                return selection_stats(cursor.execute(sql, params).fetchall()[0], cells)
            finally:
                cursor.close()

        worker = Worker(compute, name="stats")
        worker.signals.result.connect(lambda s, n=serial: self._show_stats(s, n))
        self.workers.start(worker)

    def _show_stats(self, stats: SelectionStats, serial: int) -> None:
        if serial != self._stats_serial:
            return  # the selection moved on
        self.last_stats = stats
        parts = [self.tr("Count {0}").format(f"{stats.values:,}")]
        if stats.numbers:
            parts.append(self.tr("Sum {0}").format(display(stats.total)))
            parts.append(self.tr("Average {0}").format(display(stats.mean)))
        self.stats.setText(" · ".join(parts))
        self.stats_ready.emit(stats)

    def copy_selection(self) -> str:
        """Put the selected cells on the clipboard as tab-separated text with headers."""
        sel = self.view.selectionModel().selectedIndexes()
        if not sel:
            return ""
        text = self.model.as_tsv([i.row() for i in sel], [i.column() for i in sel])
        QGuiApplication.clipboard().setText(text)
        return text

    # --- export --------------------------------------------------------------------------

    def _export_dialog(self, kind: str) -> None:
        if self.model.source is None:
            return
        pattern = self.tr("CSV (*.csv)") if kind == "csv" else self.tr("Excel (*.xlsx)")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export rows"), f"rows.{kind}", pattern)
        if name:
            self.export(Path(name))

    def export(self, path: Path, title: str = "") -> Worker | None:
        """Write the rows shown (filters and order applied) to ``path`` (.csv or .xlsx)."""
        source = self.model.source
        if source is None:
            return None
        labels = {c: self.model.label(i) for i, c in enumerate(self.model.columns)}
        percent = frozenset(self.model.percent)
        factory = self._factory

        def write(_task: Task) -> str:
            cursor = factory()
            try:
                if path.suffix.lower() == ".xlsx":
                    from auditor.report.result_xlsx import write_result_xlsx

                    write_result_xlsx(cursor, source, path, labels, percent, title)
                else:
                    write_table_csv(cursor, source, path)
            finally:
                cursor.close()
            return str(path)

        worker = Worker(write, name="export rows")
        worker.signals.result.connect(self.exported.emit)
        worker.signals.error.connect(self.error.emit)
        return self.workers.start(worker)

    def extra(self, *widgets: Any) -> None:
        """Put the owner's controls (dispositions) on the grid's toolbar."""
        for w in widgets:
            self.toolbar.insertWidget(self.toolbar.count() - 1, w)
