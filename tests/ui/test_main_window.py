from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from auditor.errors import AuditorError
from ui.main_window import MainWindow


def _children(item: QTreeWidgetItem | None) -> dict[str, QTreeWidgetItem]:
    assert item is not None
    kids = [item.child(i) for i in range(item.childCount())]
    return {k.text(0): k for k in kids if k is not None}


def test_window_shows_the_case_tables_and_sources(qtbot: QtBot, sample_case_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_case(sample_case_path)
    qtbot.waitUntil(lambda: window.tree.topLevelItemCount() == 2, timeout=30_000)
    tables = _children(window.tree.topLevelItem(0))
    assert tables["loans"].text(1) == "20,000"
    assert set(_children(window.tree.topLevelItem(1))) >= {"loans.csv", "incidents.xlsx"}
    window.tree.setCurrentItem(tables["loans"])
    assert window.columns.rowCount() == 21
    first = window.columns.item(0, 0)
    assert first is not None and first.text() == "loan_id"
    assert "verified" in window.statusBar().currentMessage()


class _Recorder(MainWindow):
    def __init__(self) -> None:
        self.errors: list[AuditorError] = []
        super().__init__()

    def show_error(self, error: AuditorError) -> None:
        self.errors.append(error)


def test_a_missing_case_reaches_the_one_error_path(qtbot: QtBot, tmp_path: Path) -> None:
    window = _Recorder()
    qtbot.addWidget(window)
    window.open_case(tmp_path / "nope.duckdb")
    qtbot.waitUntil(lambda: len(window.errors) == 1, timeout=10_000)
    assert "no case database" in str(window.errors[0])
