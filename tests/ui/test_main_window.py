"""The main window on the sample platform: tree, overview, check tabs, SQL, tables, export."""

from __future__ import annotations

import dataclasses
import itertools
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from auditor.errors import AuditorError
from auditor.sample.platform import SampleResult
from ui.check_tab import CheckTab
from ui.main_window import MainWindow

LONG_SQL = "SELECT count(*) FROM range(3000000000) a WHERE a.range % 7 = 3"


def open_window(qtbot: QtBot, path: Path, settings: QSettings, **kw: Any) -> MainWindow:
    window = MainWindow(settings=settings, **kw)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(path)
    return window


def close(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)


def test_overview_shows_the_planted_key_figures(
    qtbot: QtBot, sample_copy: Path, sample: SampleResult, settings: QSettings
) -> None:
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.checks_done, timeout=120_000):
        window.open_case(sample_copy)  # opening runs the overview's four checks
    truth = sample.manifest["truths"]
    outage = truth["outage"]
    ov = window.overview
    assert ov.text("harmed_borrowers") == f"{outage['harmed_borrowers']:,}"
    assert ov.text("harmed_installments") == f"{outage['harmed_installments']:,}"
    assert ov.text("refund_due") == f"{Decimal(outage['refund_due_cents']) / 100:,.2f}"
    assert ov.text("reports_to_correct") == f"{outage['reports_to_correct']:,}"
    last = truth["delinquency"]["month_end_rates"][-1]
    assert ov.text("m1p_balance") == f"{last['m1p_balance']:.2%}"
    assert ov.text("m3p_balance") == f"{last['m3p_balance']:.2%}"
    assert all(v.data is not None for v in ov.charts.values())
    # The tree: tables with row counts, every check under its family with a status.
    tree = window.tree
    assert tree.check_items["OUT-11"].text(1) == "2 findings"
    assert len(tree.check_items) == len(window.state.library) if window.state else False
    tables = tree.tree.topLevelItem(0)
    assert tables is not None
    rows = {tables.child(i).text(0): tables.child(i).text(1) for i in range(tables.childCount())}  # type: ignore[union-attr]
    assert rows["loans"] == f"{sample.manifest['rows']['loans']:,}"
    assert window.log.table.rowCount() > 0
    close(qtbot, window)


def test_check_tab_form_run_and_note(qtbot: QtBot, sample_copy: Path, settings: QSettings) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    tab = window.open_check("OUT-07")
    assert isinstance(tab, CheckTab) and window.tabs.currentWidget() is tab
    form = tab.form
    assert form.sources["refund_max_days"].text() == "default"
    assert form.sources["as_of"].text() == "set here"  # the toolbar's as-of
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        tab.request_run()
    assert tab.run is not None and tab.run.finding_rows == 10
    assert tab.grid.model.rowCount() == 10
    qtbot.waitUntil(lambda: tab.chart.data is not None, timeout=10_000)  # drawn a turn later
    # A changed parameter is an override, recorded as such; a bad one is refused, named.
    form.set_value("refund_max_days", "30")
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        tab.request_run()
    run = tab.run
    assert run is not None and run.params["refund_max_days"]["source"] == "override"
    days = [tab.grid.model.value(r, tab.grid.model.columns.index("days_open"))
            for r in range(tab.grid.model.rowCount())]  # fmt: skip
    assert run.finding_rows < 10 and all(d > 30 for d in days)
    # A bad value is refused in place, in words, naming the parameter by its label.
    form.set_value("amt_tolerance", "ten")
    tab.request_run()
    assert isinstance(window.last_error, AuditorError)
    assert tab.problem.text() == "Amount tolerance: 'ten' is not a number"
    assert not tab.problem.isHidden() and tab.run_button.isEnabled()
    tab.note.setPlainText("Refunds confirmed with the platform on 2024-10-02.")
    assert window.workspace.notes["OUT-07"].startswith("Refunds confirmed")
    close(qtbot, window)


def test_cancel_stops_a_running_check(qtbot: QtBot, sample_copy: Path, settings: QSettings) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    assert window.state is not None
    slow = dataclasses.replace(window.state.library["DQ-01"], sql=LONG_SQL, params=())
    window.state.library["DQ-01"] = slow
    tab = window.open_check("DQ-01")
    assert tab is not None
    tab.request_run()
    qtbot.waitUntil(lambda: tab.cancel_button.isEnabled(), timeout=5_000)
    started = time.perf_counter()
    with qtbot.waitSignal(window.checks_done, timeout=30_000):
        tab.cancel_button.click()
    assert time.perf_counter() - started < 20
    assert tab.summary.text() == "Cancelled." and tab.run_button.isEnabled()
    close(qtbot, window)


def test_event_loop_turns_while_a_long_query_runs(
    qtbot: QtBot, sample_copy: Path, settings: QSettings
) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(25)
    window.sql.editor.setPlainText(LONG_SQL)
    window.sql.request_run()
    qtbot.waitUntil(lambda: len(ticks) >= 40, timeout=20_000)  # a second of GUI life
    assert window.sql.cancel_button.isEnabled()  # the query is still running
    window.cancel()
    qtbot.waitUntil(lambda: window.sql.status.text() == "Cancelled.", timeout=20_000)
    timer.stop()
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 1.0
    # The console still works after a cancel, and refuses anything but a SELECT.
    window.sql.editor.setPlainText("SELECT loan_id FROM loans WHERE loan_id = 'L00000001'")
    window.sql.request_run()
    qtbot.waitUntil(lambda: window.sql.grid.model.rowCount() == 1, timeout=20_000)
    window.sql.editor.setPlainText("COPY loans TO '/tmp/stolen.csv'")
    window.sql.request_run()
    qtbot.waitUntil(lambda: "SELECT" in window.sql.status.text(), timeout=30_000)
    close(qtbot, window)


def test_table_browser_pages_and_profiles(
    qtbot: QtBot, sample_copy: Path, sample: SampleResult, settings: QSettings
) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    window.tree.table_activated.emit("incidents")
    assert window.tabs.currentWidget() is window.tables
    qtbot.waitUntil(lambda: window.tables.profile.rowCount() > 0, timeout=20_000)
    assert window.tables.grid.model.rowCount() == sample.manifest["rows"]["incidents"]
    first = window.tables.profile.item(0, 0)
    assert first is not None and first.text() == "incident_id"
    close(qtbot, window)


def test_export_report_carries_the_chart_images(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        window.run_checks(["OUT-11", "DLQ-02"])
    out = tmp_path / "report.xlsx"
    with qtbot.waitSignal(window.report_written, timeout=60_000):
        window.export_report(out)
    wb = openpyxl.load_workbook(out)
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("OUT-11"))
    assert len(sheet._images) == 1  # the desktop chart beside the native one
    # Every check of the library is listed: the two run, the others as not yet run.
    statuses = [r[4] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)]
    assert window.state is not None and len(statuses) == len(window.state.library)
    assert statuses.count("Not yet run") == len(window.state.library) - 2
    close(qtbot, window)


def test_errors_reach_the_user_and_settings_are_kept(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    window = open_window(qtbot, sample_copy, settings, auto_overview=False)
    window.open_case(tmp_path / "missing.duckdb")
    assert isinstance(window.last_error, AuditorError)
    assert "no case database" in str(window.last_error)
    window.resize(701, 503)
    close(qtbot, window)
    assert window._recent()[0] == str(sample_copy.resolve())
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (701, 503)
    assert [a.text() for a in again.recent_menu.actions()] == [str(sample_copy.resolve())]


def test_figures_and_cells_drill_down_to_their_rows(
    qtbot: QtBot, sample_copy: Path, sample: SampleResult, settings: QSettings
) -> None:
    from PySide6.QtCore import Qt

    from ui.overview_tab import Card

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.checks_done, timeout=120_000):
        window.open_case(sample_copy)
    outage = sample.manifest["truths"]["outage"]
    card = next(c for c in window.overview.findChildren(Card) if c.key == "harmed_borrowers")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.sql
    assert window.sql.editor.toPlainText().startswith("-- Harmed borrowers")
    qtbot.waitUntil(
        lambda: window.sql.grid.model.rowCount() == outage["harmed_borrowers"], timeout=30_000
    )
    # A cell of the scorecard: INC-002's reports to correct.
    tab = window.open_check("OUT-11")
    assert tab is not None and tab.run is not None
    model = tab.grid.model
    row = next(r for r in range(model.rowCount()) if model.value(r, 0) == "INC-002")
    col = model.columns.index("reports_to_correct")
    expected = model.value(row, col)
    tab.grid.view.doubleClicked.emit(model.index(row, col))
    qtbot.waitUntil(lambda: window.sql.grid.model.rowCount() == expected, timeout=30_000)
    assert "INC-002" in window.sql.editor.toPlainText()  # the title says which incident
    assert window.sql.params == {"incident": "INC-002"}
    close(qtbot, window)
