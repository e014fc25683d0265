"""The core's sentences in a Chinese window: what a run on a partial case lacks and leaves out
(check tab, case tree tooltip) and the Coverage dock's "lacks" column are written in Chinese
from the runner's facts, not left in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.coverage.partial import build
from tests.zh.english_left import english_left
from ui import language
from ui.main_window import MainWindow


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert language.install("zh") == "zh"
    yield
    language.install("en")


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]


def test_a_partial_case_reads_in_chinese(
    qtbot: QtBot, chinese: None, tmp_path: Path, settings: QSettings
) -> None:
    path = build(tmp_path / "c.duckdb", ["loans", "installments"])
    w = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.case_loaded, timeout=60_000):
        w.open_case(path)
    w.show()

    # The Coverage dock: every check's "can run" and "lacks", and each test's.
    action = next(a for a in w.view_menu.actions() if a is w.coverage.toggleViewAction())
    assert action.text().replace("(&O)", "") == "覆盖情况", action.text()
    with qtbot.waitSignal(w.coverage.filled, timeout=60_000):
        action.trigger()
    items = list(w.coverage.items.values())
    shown = [t for i in items for c in (i, *_children(i)) for t in (c.text(1), c.text(2))]
    assert [t for t in shown if english_left(t)] == []
    assert w.coverage.items["DLQ-07"].text(2) == "缺少 reported_metrics"
    assert w.coverage.items["DQ-03"].text(2) == "跳过 2 项测试中的 1 项"

    # Runs: not run, run in part, and their notes in the tab and the tree's tooltip.
    ids = ["DLQ-07", "DQ-03", "DQ-01"]
    tabs = {cid: w.open_check(cid) for cid in ids}
    with qtbot.waitSignal(w.checks_done, timeout=120_000):
        w.run_checks(ids)
    for cid, tab in tabs.items():
        assert tab is not None
        assert "—" in tab.summary.text(), cid  # shown as the batch ends
        tip = w.tree.check_items[cid].toolTip(1)
        assert english_left(tab.summary.text()) == [] and english_left(tip) == [], cid
    assert tabs["DLQ-07"] is not None
    assert tabs["DLQ-07"].summary.text().endswith("— 缺少 reported_metrics")
    assert w.tree.check_items["DQ-03"].toolTip(1) == "已跳过：金额为零的费用（缺少 charges）"
