"""The Coverage dock: opened from View, it shows what the open case lets each check do, follows
the case the window shows, opens a check on double-click and writes the data request."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from auditor.case import auditlog
from auditor.case.store import Case
from tests.coverage.partial import build
from ui.main_window import MainWindow


def test_the_coverage_dock(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    (tmp_path / "a").mkdir()
    loans_only = build(tmp_path / "a" / "c.duckdb", ["loans"])
    w = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.case_loaded, timeout=60_000):
        w.open_case(loans_only)
    panel = w.coverage
    assert not panel.isVisible()
    view = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    assert isinstance(view, QMenu)
    action = next(a for a in view.actions() if a.text().replace("&", "") == "Coverage")
    w.show()
    with qtbot.waitSignal(panel.filled, timeout=60_000):
        action.trigger()
    assert panel.summary.text() == "51 checks: 4 can run in full, 4 in part, 43 cannot run."
    dq04 = panel.items["DQ-04"]
    assert (dq04.text(1), dq04.isExpanded()) == ("in part", True)
    children = [
        (child.text(1), child.text(2))
        for child in (dq04.child(i) for i in range(dq04.childCount()))
        if child is not None
    ]
    assert children == [
        ("skipped", "installments"),
        ("skipped", "payments"),
        ("skipped", "repayment_attempts"),
        ("runs", ""),
        ("skipped", "incidents"),
    ]
    assert (panel.items["DLQ-06"].text(1), panel.items["DLQ-06"].text(2)) == (
        "no",
        "needs installments",
    )
    panel.tree.itemDoubleClicked.emit(dq04, 0)
    assert "DQ-04" in w.check_tabs

    out = tmp_path / "request.xlsx"
    with qtbot.waitSignal(panel.request_written, timeout=60_000) as got:
        panel.write_request(out)
    assert got.args is not None and got.args[0].tables == 11
    assert load_workbook(out).sheetnames == ["数据需求 Data request", "检查项 Checks"]

    full = build(tmp_path / "full.duckdb")
    with qtbot.waitSignal(panel.filled, timeout=60_000):
        w.open_case(full)  # the dock follows the case the window shows
    assert panel.summary.text() == "51 checks: 46 can run in full, 0 in part, 5 cannot run."
    w.close_case()
    with Case.open(loans_only, read_only=True) as case:
        assert auditlog.entries(case.conn)[-1].action == "data_request"
