"""A table model that pages rows from DuckDB, so a ten-million-row result opens at once.

Only the row count and the column names are read up front. Rows are fetched a page at a time,
when the view asks for them, by ``rowid`` range (DuckDB answers one in about a millisecond
whatever the page's position), and at most ``max_pages`` pages are kept: memory does not grow
with the result. Sorting by a header writes a sorted copy of the result in the background, on a
cursor of its own, and pages from that when it is ready; the old order stays on screen until
then. The model's cursor is its own connection to the case, so paging never waits for, or
disturbs, a check running on another.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import duckdb
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from auditor.db import table_ref
from ui.workers import Task, Worker, WorkerPool

Index = QModelIndex | QPersistentModelIndex
CursorFactory = Callable[[], duckdb.DuckDBPyConnection]
_sort_ids = itertools.count(1)
MAX_COPY_ROWS = 100_000


def display(value: Any, percent: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
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
    sortingChanged = Signal(bool)  # True while a sorted copy is being written
    failed = Signal(object)  # an AuditorError from sorting

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
        self._source: str | None = None  # what the pages come from (a sorted copy, or table)
        self._sorted: str | None = None
        self.columns: list[str] = []
        self.types: list[str] = []
        self.percent: set[str] = set()
        self._rows = 0
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._sort_worker: Worker | None = None
        self._sort_key: tuple[str, int, Qt.SortOrder] | None = None
        self.pages_fetched = 0

    # --- what is shown ---------------------------------------------------------------

    @property
    def cursor(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor = self._factory()
        return self._cursor

    def set_table(self, table: str | None, percent_columns: Iterable[str] = ()) -> None:
        """Show ``table`` (a name or ``schema.name``); None empties the grid."""
        self._cancel_sort()
        self._sort_key = None
        self.beginResetModel()
        self._drop_sorted()
        self.table = self._source = table
        self.percent = set(percent_columns)
        self._pages.clear()
        if table is None:
            self.columns, self.types, self._rows = [], [], 0
        else:
            desc = self.cursor.execute(f"DESCRIBE {table_ref(table)}").fetchall()
            self.columns = [r[0] for r in desc]
            self.types = [str(r[1]) for r in desc]
            self._rows = int(
                self.cursor.execute(f"SELECT count(*) FROM {table_ref(table)}").fetchall()[0][0]
            )
        self.endResetModel()

    def release(self) -> None:
        """Close the cursor (the case is about to close); the model shows nothing."""
        self.set_table(None)
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None

    # --- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section] if section < len(self.columns) else None
            return f"{section + 1:,}"
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return f"{self.columns[section]} ({self.types[section]})"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.value(index.row(), index.column())
            return display(value, self.columns[index.column()] in self.percent)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            t = self.types[index.column()]
            numeric = t.startswith(("DECIMAL", "DOUBLE", "FLOAT", "INT", "BIGINT", "HUGEINT"))
            align = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def value(self, row: int, column: int) -> Any:
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset][column] if offset < len(page) else None

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

    # --- sorting ---------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.table is None or not 0 <= column < len(self.columns):
            return
        if self._sort_key == (self.table, column, order) and self._sort_worker is not None:
            return  # Qt asks twice (sortByColumn, then the header's indicator change)
        self._sort_key = (self.table, column, order)
        self._cancel_sort()
        source = self.table
        target = f"results.sort_{next(_sort_ids)}_{id(self) % 100_000}"
        direction = "DESC" if order == Qt.SortOrder.DescendingOrder else "ASC"
        col = '"' + self.columns[column].replace('"', '""') + '"'
        cursor = self._factory()

        def write(task: Task) -> str:
            try:
                cursor.execute(
                    f"CREATE OR REPLACE TABLE {table_ref(target)} AS SELECT * FROM "
                    f"{table_ref(source)} ORDER BY {col} {direction} NULLS LAST"
                )
            except duckdb.InterruptException as e:
                from auditor.errors import Cancelled

                raise Cancelled("sort cancelled") from e
            finally:
                cursor.close()
            return target

        def interrupt() -> None:
            with contextlib.suppress(duckdb.Error):  # already finished and closed
                cursor.interrupt()

        worker = Worker(write, on_cancel=interrupt, name="sort")
        worker.signals.result.connect(lambda t, s=source: self._sorted_ready(s, t))
        worker.signals.error.connect(self.failed.emit)
        worker.signals.finished.connect(lambda w=worker: self._sort_finished(w))
        self._sort_worker = worker
        self.sortingChanged.emit(True)
        self.workers.start(worker)

    def _sort_finished(self, worker: Worker) -> None:
        if worker is self._sort_worker:  # an older, cancelled sort says nothing
            self._sort_worker = None
            self.sortingChanged.emit(False)

    def _sorted_ready(self, source: str, target: str) -> None:
        if source != self.table:  # the user moved on to another result meanwhile
            self._drop(target)
            return
        self.beginResetModel()
        self._drop_sorted()
        self._sorted = self._source = target
        self._pages.clear()
        self.endResetModel()

    def _cancel_sort(self) -> None:
        if self._sort_worker is not None:
            self._sort_worker.cancel()
            self._sort_worker = None
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
