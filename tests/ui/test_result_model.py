"""The paging grid: a ten-million-row result opens at once and is never held in Python."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from decimal import Decimal

import duckdb
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ui.grid import ResultGrid
from ui.result_model import ResultModel

BIG = 10_000_000


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(str(tmp_path_factory.mktemp("grid") / "g.duckdb"))
    conn.execute("CREATE SCHEMA results")
    conn.execute(
        f"CREATE TABLE results.big AS SELECT i AS n, 'L' || i AS loan_id, "
        f"CAST(i % 1000 AS DECIMAL(18,2)) AS amount, i % 3 = 0 AS flag FROM range({BIG}) t(i)"
    )
    conn.execute(
        "CREATE TABLE results.small AS SELECT * FROM (VALUES (3, 'c', 0.25), (1, 'a', 0.5), "
        "(2, 'b', NULL)) t(k, name, share)"
    )
    yield conn
    conn.close()


def test_ten_million_rows_open_at_once_and_memory_stays_flat(
    qtbot: QtBot, big_db: duckdb.DuckDBPyConnection
) -> None:
    model = ResultModel(big_db.cursor, page_size=256, max_pages=16)
    model.set_table("results.big")
    assert model.rowCount() == BIG and model.columns == ["n", "loan_id", "amount", "flag"]
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    # Scroll through the whole result, a page every 10,000 rows, then to the very end.
    for row in range(0, BIG, 10_000):
        assert model.value(row, 0) == row
    last = model.index(BIG - 1, 1)
    assert model.data(last) == f"L{BIG - 1}"
    assert model.data(model.index(BIG - 1, 0)) == f"{BIG - 1:,}"
    grown = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    assert model.pages_fetched > 1000 and model.cached_pages <= 16
    assert grown < 5_000_000, f"Python memory grew by {grown:,} bytes while paging"
    model.release()


def test_sorting_by_a_header_requeries(qtbot: QtBot, big_db: duckdb.DuckDBPyConnection) -> None:
    grid = ResultGrid(big_db.cursor)
    qtbot.addWidget(grid)
    grid.show_table("results.small", percent_columns=["share"])
    m = grid.model
    assert [m.value(r, 1) for r in range(3)] == ["c", "a", "b"]
    assert m.data(m.index(0, 2)) == "25.00%"  # a percent column shows as a percentage
    with qtbot.waitSignal(m.sortingChanged, timeout=10_000, check_params_cb=lambda b: not b):
        grid.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [m.value(r, 0) for r in range(3)] == [3, 2, 1]
    with qtbot.waitSignal(m.sortingChanged, timeout=10_000, check_params_cb=lambda b: not b):
        grid.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [m.value(r, 1) for r in range(3)] == ["c", "a", "b"]  # NULLs last
    sorted_table = m._sorted
    m.release()
    left = big_db.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'results' AND table_name = $t",
        {"t": (sorted_table or "").split(".")[-1]},
    ).fetchall()
    assert left == [(0,)]  # the sorted copy is dropped with the grid


def test_copy_puts_tab_separated_text_with_headers_on_the_clipboard(
    qtbot: QtBot, big_db: duckdb.DuckDBPyConnection
) -> None:
    grid = ResultGrid(big_db.cursor)
    qtbot.addWidget(grid)
    grid.show_table("results.big")
    sel = grid.view.selectionModel()
    for r in (5, 6):
        for c in (1, 2):
            sel.select(grid.model.index(r, c), sel.SelectionFlag.Select)
    text = grid.copy_selection()
    assert text == "loan_id\tamount\nL5\t5.00\nL6\t6.00\n"
    assert QGuiApplication.clipboard().text() == text
    assert grid.model.value(6, 2) == Decimal("6.00")
    grid.model.release()
