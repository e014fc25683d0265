"""The grid and the SQL console at the level examiners know: findings first (highlight,
findings only), column filters, count/sum/average of a selection, export of what is shown,
highlighting, completion, history, and back and forward through drill-downs. Human text: labels,
yes/no, parameters in their unit, the audit log in words, full titles in the tree."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from auditor.results.grid_query import ColumnFilter
from auditor.sample.platform import SampleResult
from ui.main_window import MainWindow
from ui.result_model import FINDING_BRUSH
from ui.sql_editor import SqlHighlighter


def opened(qtbot: QtBot, path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(path)
    return window


def closed(qtbot: QtBot, window: MainWindow) -> None:
    window.workspace.mark_saved()
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)


def test_findings_first_in_the_grid(qtbot: QtBot, sample_copy: Path, settings: QSettings) -> None:
    """OUT-02 on the sample: 3 finding slots among 7,663. The grid opens on the findings,
    highlighted; the toggle shows all, the findings still marked among them."""
    window = opened(qtbot, sample_copy, settings)
    tab = window.open_check("OUT-02")
    assert tab is not None
    grid, model = tab.grid, tab.grid.model
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        tab.request_run()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=20_000)
    assert grid.findings_only.isChecked() and not grid.findings_only.isHidden()
    assert grid.status.text() == "3 of 7,663 rows"
    assert all(model.is_finding(r) for r in range(3))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == FINDING_BRUSH
    flag = model.columns.index("finding")
    assert model.data(model.index(0, flag)) == "Yes"  # yes/no, not True/False
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Slot start"  # the check's label
    with qtbot.waitSignal(model.viewChanged, timeout=20_000):
        grid.findings_only.setChecked(False)
    assert model.rowCount() == 7663 and grid.status.text() == "7,663 rows"
    marked = [r for r in range(model.rowCount()) if model.is_finding(r)]
    assert len(marked) == 3
    assert model.data(model.index(0, flag)) == "No"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    closed(qtbot, window)


def test_filters_selection_sums_and_export(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    """OUT-07 has 10 over-collections; the sums are checked against DuckDB on the result."""
    window = opened(qtbot, sample_copy, settings)
    tab = window.open_check("OUT-07")
    assert tab is not None
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        tab.request_run()
    grid, model = tab.grid, tab.grid.model
    assert model.rowCount() == 10
    assert window.state is not None
    cur = window.state.cursor()
    excess = [
        r[0] for r in cur.execute('SELECT excess FROM results."OUT_07" ORDER BY rowid').fetchall()
    ]
    cur.close()
    # Count, sum and average of the selected cells (money: exact).
    col = model.columns.index("excess")
    selection = QItemSelection(model.index(0, col), model.index(9, col))
    with qtbot.waitSignal(grid.stats_ready, timeout=20_000) as got:
        grid.view.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
    stats = got.args[0]
    assert stats.values == 10 and stats.numbers == 10 and stats.total == sum(excess)
    assert stats.mean == (sum(excess) / 10).quantize(Decimal("0.01"))
    assert grid.stats.text().startswith("Count 10 · Sum ")
    # A column filter: days open above 30, bound as a value, never pasted into SQL.
    days = model.columns.index("days_open")
    over = sum(1 for r in range(10) if (model.value(r, days) or 0) > 30)
    with qtbot.waitSignal(model.viewChanged, timeout=20_000):
        grid.add_filter(ColumnFilter("days_open", ">", "30"))
    assert model.rowCount() == over and grid.status.text() == f"{over} of 10 rows"
    assert "Days open greater than 30" in grid.filters_label.text()
    assert model.headerData(days, Qt.Orientation.Horizontal).endswith("⏷")
    # Export what is shown, to CSV and to Excel, and read them back.
    with qtbot.waitSignal(grid.exported, timeout=20_000):
        grid.export(tmp_path / "rows.csv")
    with (tmp_path / "rows.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == over + 1 and rows[0][0] == "loan_id"
    with qtbot.waitSignal(grid.exported, timeout=20_000):
        grid.export(tmp_path / "rows.xlsx", title="OUT-07 over-collections")
    ws = openpyxl.load_workbook(tmp_path / "rows.xlsx")["Rows"]
    assert ws["A1"].value == "OUT-07 over-collections" and ws["A2"].value == "Loan ID"
    assert ws.max_row == over + 2
    with qtbot.waitSignal(model.viewChanged, timeout=20_000):
        grid.clear_all_filters()
    assert model.rowCount() == 10 and grid.filters_label.text() == ""
    closed(qtbot, window)


def test_back_and_forward_through_drill_downs(
    qtbot: QtBot, sample_copy: Path, sample: SampleResult, settings: QSettings
) -> None:
    window = opened(qtbot, sample_copy, settings)
    tab = window.open_check("OUT-11")
    assert tab is not None
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        tab.request_run()
    with qtbot.waitSignal(tab.grid.model.viewChanged, timeout=20_000):
        tab.grid.findings_only.setChecked(False)
    model = tab.grid.model
    total = next(r for r in range(model.rowCount()) if model.value(r, 0) == "ALL")
    col = model.columns.index("harmed_borrowers")
    harmed = sample.manifest["truths"]["outage"]["harmed_borrowers"]
    sql = window.sql
    tab.grid.view.doubleClicked.emit(model.index(total, col))
    qtbot.waitUntil(lambda: sql.grid.model.rowCount() == harmed, timeout=30_000)
    assert window.tabs.currentWidget() is sql and window.back_action.isEnabled()
    # A row of the console naming a loan opens its ledger: one more step.
    console = sql.grid.model
    sql.editor.setPlainText(
        "SELECT loan_id, due_date FROM base.outage_installments WHERE harmed LIMIT 1"
    )
    sql.request_run()
    qtbot.waitUntil(lambda: console.columns == ["loan_id", "due_date"], timeout=30_000)
    sql.grid.view.doubleClicked.emit(console.index(0, 0))
    qtbot.waitUntil(
        lambda: sql.editor.toPlainText().startswith("-- Ledger of loan"), timeout=30_000
    )
    # Back: the harmed borrowers again (re-run, same count), then the OUT-11 tab.
    window.go_back()
    qtbot.waitUntil(
        lambda: sql.editor.toPlainText().startswith("-- Harmed borrowers"), timeout=30_000
    )
    qtbot.waitUntil(lambda: console.rowCount() == harmed, timeout=30_000)
    window.go_back()
    assert window.tabs.currentWidget() is tab and not window.back_action.isEnabled()
    assert window.forward_action.isEnabled()
    window.go_forward()
    qtbot.waitUntil(
        lambda: sql.editor.toPlainText().startswith("-- Harmed borrowers"), timeout=30_000
    )
    assert window.tabs.currentWidget() is sql
    # The history of queries run, newest first.
    texts = [sql.history.itemData(i) for i in range(sql.history.count())]
    assert texts[0].startswith("-- Harmed borrowers") and any("LIMIT 1" in t for t in texts)
    closed(qtbot, window)


def test_the_console_highlights_completes_and_shows_errors_in_place(
    qtbot: QtBot, sample_copy: Path, settings: QSettings
) -> None:
    window = opened(qtbot, sample_copy, settings)
    editor = window.sql.editor
    assert "loans" in editor.candidates("loa") and "loan_id" in editor.candidates("loan_")
    editor.setPlainText("SELECT l. FROM loans l")
    assert "l.borrower_id" in editor.candidates("l.")  # an alias's columns
    assert "results.OUT_01" not in editor.candidates("results.")  # no result yet
    highlighter = editor.highlighter
    assert isinstance(highlighter, SqlHighlighter)
    block = editor.document().firstBlock()
    formats = block.layout().formats()
    assert any(f.start == 0 and f.length == 6 for f in formats)  # SELECT is highlighted
    editor.setPlainText("SELECT nosuch FROM loans")
    window.sql.request_run()
    qtbot.waitUntil(lambda: "not found" in window.sql.status.text(), timeout=30_000)
    assert window.sql.status.text().startswith('Referenced column "nosuch" not found')
    assert "Binder Error" not in window.sql.status.text()
    # A console result filters like any other (its view is kept out of the case file).
    editor.setPlainText("SELECT range AS n FROM range(10)")
    window.sql.request_run()
    grid = window.sql.grid
    qtbot.waitUntil(lambda: grid.model.rowCount() == 10, timeout=30_000)
    with qtbot.waitSignal(grid.model.viewChanged, timeout=20_000):
        grid.add_filter(ColumnFilter("n", ">=", "7"))
    assert [grid.model.value(r, 0) for r in range(grid.model.rowCount())] == [7, 8, 9]
    closed(qtbot, window)


def test_text_is_written_for_people(qtbot: QtBot, sample_copy: Path, settings: QSettings) -> None:
    window = opened(qtbot, sample_copy, settings)
    assert window.state is not None
    tab = window.open_check("DSC-04")
    assert tab is not None
    form = tab.form
    editor = form.editors["apr_tolerance"]
    assert form._read("apr_tolerance") == "0.125"  # 0.00125 as a fraction
    row = editor.parentWidget()
    assert row is not None
    label = form.form.labelForField(row)
    assert isinstance(label, QLabel)
    assert label.text() == "Tolerance, regular schedule (percentage points)"
    form.set_shown("apr_tolerance", "0.25")
    assert form.overrides()["apr_tolerance"] == "0.0025"
    # The tree gives every check its full title.
    for cid, item in window.tree.check_items.items():
        spec = window.state.library[cid]
        assert " ".join(item.text(0).split()) == f"{cid} {' '.join(spec.title.split())}"
    # The audit log in words.
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        window.run_checks(["DLQ-10"])

    def logged() -> bool:
        item = window.log.table.item(0, 2)
        return item is not None and item.text() == "Check run"

    qtbot.waitUntil(logged, timeout=20_000)
    detail = window.log.table.item(0, 3)
    assert detail is not None and detail.text().startswith("DLQ-10: pass, 0 rows (as of 2024-09-30")
    closed(qtbot, window)
