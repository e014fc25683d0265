"""A table model that pages rows from DuckDB, so a ten-million-row result opens at once.

Only the row count and the column names are read up front. Rows are fetched a page at a time,
when the view asks for them, by ``rowid`` range (DuckDB answers one in about a millisecond
whatever the page's position), and at most ``max_pages`` pages are kept: memory does not grow
with the result. A view of the result (column filters, findings only, a sort by a header) is
written to a table of its own in the background, on a cursor of its own, and paged from when
it is ready; the old rows stay on screen until then. The model's cursor is its own connection
to the case, so paging never waits for, or disturbs, a check running on another.

What people read: columns by their label (the check's, else the name made readable), yes/no
for booleans, rates as percent, finding rows highlighted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import duckdb
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from auditor.case.store import SCRATCH
from auditor.db import table_ref
from auditor.engine.labels import readable
from auditor.errors import Cancelled
from auditor.results.grid_query import GridView, is_numeric, view_sql
from ui.workers import Task, Worker, WorkerPool

Index = QModelIndex | QPersistentModelIndex
CursorFactory = Callable[[], duckdb.DuckDBPyConnection]
_view_ids = itertools.count(1)
MAX_COPY_ROWS = 100_000
FINDING_BRUSH = QBrush(QColor(253, 226, 225))
CONFIRMED_BRUSH = QBrush(QColor(226, 239, 218))
DISMISSED_BRUSH = QBrush(QColor(235, 235, 235))


def display(value: Any, percent: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("ResultModel", "Yes")
            if value
            else QCoreApplication.translate("ResultModel", "No")
        )
    if isinstance(value, Decimal):
        return f"{value:.2%}" if percent else f"{value:,.2f}"
    if isinstance(value, float):
        if value != value:  # NaN
            return "NaN"
        return f"{value:.2%}" if percent else f"{value:,.6g}"
    if isinstance(value, int):
        return f"{value:,}" if not percent else f"{value:.2%}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(display(v) for v in value)
    return str(value)


def plain(value: Any) -> str:
    """A value as copied to the clipboard: no thousands separators, full precision."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\t", " ").replace("\n", " ")


class ResultModel(QAbstractTableModel):
    sortingChanged = Signal(bool)  # True while a view (sort, filter) is being written
    viewChanged = Signal()  # the rows shown changed (a view became ready, or was dropped)
    failed = Signal(object)  # an AuditorError from writing a view

    def __init__(
        self,
        cursor_factory: CursorFactory,
        workers: WorkerPool | None = None,
        parent: QObject | None = None,
        *,
        page_size: int = 256,
        max_pages: int = 32,
    ) -> None:
        super().__init__(parent)
        self._factory = cursor_factory
        self._cursor: duckdb.DuckDBPyConnection | None = None
        self.workers = workers or WorkerPool(self)
        self.page_size = page_size
        self.max_pages = max_pages
        self.table: str | None = None  # what the user asked to see
        self._source: str | None = None  # what the pages come from (a view, or table)
        self._sorted: str | None = None  # the view's table, when there is one
        self.columns: list[str] = []
        self.types: list[str] = []
        self.percent: set[str] = set()
        self.labels: dict[str, str] = {}
        self.readable = False  # columns without a label read as their names made readable
        self.finding_column: str | None = None
        self.dispositions: dict[str, tuple[str, str]] = {}  # row key -> status, reason
        self.view = GridView()
        self._rows = 0
        self.total_rows = 0  # rows of the table, whatever the view
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._view_worker: Worker | None = None
        self._wanted: tuple[str, GridView] | None = None
        self.pages_fetched = 0

    # --- what is shown ---------------------------------------------------------------

    @property
    def cursor(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor = self._factory()
        return self._cursor

    def set_table(
        self,
        table: str | None,
        percent_columns: Iterable[str] = (),
        *,
        labels: dict[str, str] | None = None,
        finding_column: str | None = None,
        view: GridView | None = None,
        readable: bool = False,
    ) -> None:
        """Show ``table`` (a name or ``schema.name``); None empties the grid. ``view``
        (filters, findings only, sort) is applied in the background. ``readable``: columns
        without a label read as their names made readable (a canned check's result; a query
        someone wrote shows its columns as named)."""
        self._cancel_view()
        self.beginResetModel()
        self._drop_sorted()
        self.table = self._source = table
        self.percent = set(percent_columns)
        self.labels = dict(labels or {})
        self.readable = readable
        self.view = GridView()
        self._pages.clear()
        if table is None:
            self.columns, self.types, self._rows = [], [], 0
            self.finding_column = None
        else:
            desc = self.cursor.execute(f"DESCRIBE {table_ref(table)}").fetchall()
            self.columns = [r[0] for r in desc]
            self.types = [str(r[1]) for r in desc]
            self._rows = int(
                self.cursor.execute(f"SELECT count(*) FROM {table_ref(table)}").fetchall()[0][0]
            )
            self.finding_column = finding_column if finding_column in self.columns else None
        self.total_rows = self._rows
        self.endResetModel()
        self.viewChanged.emit()
        if view is not None and not view.is_plain:
            self.set_view(view)

    def release(self) -> None:
        """Close the cursor (the case is about to close); the model shows nothing."""
        self.set_table(None)
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None

    def label(self, column: int) -> str:
        name = self.columns[column]
        return self.labels.get(name) or (readable(name) if self.readable else name)

    @property
    def busy(self) -> bool:
        return self._view_worker is not None

    # --- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and section >= len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:
                label = self.label(section)
                filtered = any(f.column == self.columns[section] for f in self.view.filters)
                return f"{label} ⏷" if filtered else label
            return f"{section + 1:,}"
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            name = self.columns[section]
            return f"{self.label(section)}\n{name} ({self.types[section]})"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.value(index.row(), index.column())
            text = display(value, self.columns[index.column()] in self.percent)
            if role == Qt.ItemDataRole.ToolTipRole:
                note = self._disposition(index.row())
                return f"{text}\n{note[0]}: {note[1]}" if note and note[1] else text
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = is_numeric(self.types[index.column()])
            align = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            note = self._disposition(index.row())
            if note is not None:
                return CONFIRMED_BRUSH if note[0] == "confirmed" else DISMISSED_BRUSH
            if self.is_finding(index.row()):
                return FINDING_BRUSH
        if role == Qt.ItemDataRole.FontRole and self.is_finding(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def is_finding(self, row: int) -> bool:
        """The row is a finding (the check marks finding rows in a column of its own)."""
        if self.finding_column is None:
            return False
        return self.value(row, self.columns.index(self.finding_column)) is True

    def row_key(self, row: int) -> str:
        """The key a disposition of this row is filed under: its first three values."""
        return "|".join(
            "" if v is None else str(v)
            for v in (self.value(row, c) for c in range(min(3, len(self.columns))))
        )

    def _disposition(self, row: int) -> tuple[str, str] | None:
        return self.dispositions.get(self.row_key(row)) if self.dispositions else None

    def set_dispositions(self, dispositions: Mapping[str, tuple[str, str]]) -> None:
        self.dispositions = dict(dispositions)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._rows - 1, max(0, len(self.columns) - 1))
            )

    def value(self, row: int, column: int) -> Any:
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        if offset >= len(page) or column >= len(page[offset]):
            return None  # the table changed under the view; its owner resets it
        return page[offset][column]

    def _page(self, n: int) -> list[tuple[Any, ...]]:
        got = self._pages.get(n)
        if got is not None:
            self._pages.move_to_end(n)
            return got
        if self._source is None:
            return []
        lo = n * self.page_size
        try:
            rows = self.cursor.execute(
                f"SELECT * FROM {table_ref(self._source)} "
                f"WHERE rowid >= {lo} AND rowid < {lo + self.page_size} ORDER BY rowid"
            ).fetchall()
        except duckdb.Error:
            rows = []  # the table was replaced under us; the owner resets the model
        self.pages_fetched += 1
        self._pages[n] = rows
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return rows

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    @property
    def source(self) -> str | None:
        """The table the rows shown come from (the view's, or the result itself)."""
        return self._source

    # --- views: sort, filters, findings only -----------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.table is None or not 0 <= column < len(self.columns):
            return
        self.set_view(
            replace(
                self.view,
                sort_column=self.columns[column],
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

    def set_view(self, view: GridView) -> None:
        """Show ``view`` of the table: written in the background, shown when ready."""
        if self.table is None:
            return
        if self._wanted == (self.table, view) and self._view_worker is not None:
            return  # Qt asks twice (sortByColumn, then the header's indicator change)
        self._cancel_view()
        self.view = view
        if view.is_plain:
            self._show_source(self.table, None, self.total_rows)
            return
        self._wanted = (self.table, view)
        source = self.table
        types = dict(zip(self.columns, self.types, strict=True))
        sql, params = view_sql(source, types, view, self.finding_column)
        # A view is written beside its table: a console result's in the in-memory scratch
        # database (it never grows the case), a check's in the case's results schema.
        home = source.split(".", 1)[0] if source.startswith(f"{SCRATCH}.") else "results"
        target = f"{home}.view_{next(_view_ids)}_{id(self) % 100_000}"
        cursor = self._factory()

        def write(task: Task) -> tuple[str, int]:
            try:
                cursor.execute(f"CREATE OR REPLACE TABLE {table_ref(target)} AS {sql}", params)
                rows = cursor.execute(f"SELECT count(*) FROM {table_ref(target)}").fetchall()
            except duckdb.InterruptException as e:
                raise Cancelled("cancelled") from e
            finally:
                cursor.close()
            return target, int(rows[0][0])

        def interrupt() -> None:
            with contextlib.suppress(duckdb.Error):  # already finished and closed
                cursor.interrupt()

        worker = Worker(write, on_cancel=interrupt, name="view")
        worker.signals.result.connect(lambda got, s=source, v=view: self._view_ready(s, v, got))
        worker.signals.error.connect(self.failed.emit)
        worker.signals.finished.connect(lambda w=worker: self._view_finished(w))
        self._view_worker = worker
        self.sortingChanged.emit(True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        self.workers.start(worker)

    def _view_finished(self, worker: Worker) -> None:
        if worker is self._view_worker:  # an older, cancelled view says nothing
            self._view_worker = None
            self._wanted = None
            self.sortingChanged.emit(False)

    def _view_ready(self, source: str, view: GridView, got: tuple[str, int]) -> None:
        target, rows = got
        if source != self.table or view != self.view:  # the user moved on meanwhile
            self._drop(target)
            return
        self._show_source(target, target, rows)

    def _show_source(self, source: str, view_table: str | None, rows: int) -> None:
        self.beginResetModel()
        if self._sorted != view_table:
            self._drop_sorted()
        self._sorted = view_table
        self._source = source
        self._rows = rows
        self._pages.clear()
        self.endResetModel()
        self.viewChanged.emit()

    def _cancel_view(self) -> None:
        if self._view_worker is not None:
            self._view_worker.cancel()
            self._view_worker = None
            self._wanted = None
            self.sortingChanged.emit(False)

    def _drop(self, table: str) -> None:
        with contextlib.suppress(duckdb.Error):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table_ref(table)}")

    def _drop_sorted(self) -> None:
        if self._sorted is not None:
            self._drop(self._sorted)
            self._sorted = None

    # --- copying ---------------------------------------------------------------------

    def as_tsv(self, rows: Sequence[int], columns: Sequence[int]) -> str:
        """The cells of ``rows`` x ``columns`` as tab-separated text with a header line."""
        rows = sorted(set(rows))[:MAX_COPY_ROWS]
        cols = sorted(set(columns))
        lines = ["\t".join(self.columns[c] for c in cols)]
        for r in rows:
            lines.append("\t".join(plain(self.value(r, c)) for c in cols))
        return "\n".join(lines) + "\n"
