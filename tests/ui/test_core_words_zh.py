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

from auditor.case.store import Case
from auditor.ingest.importer import import_file
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


FIRST = "借据号,客户号,放款日期,借款金额\nL1,B1,2024-01-01,1000\n"
SECOND = (
    "借呗借据明细\n"
    "借据号,客户号,放款日期,借款金额,年利率,初始评级\n"
    "L1,B1,2024-01-01,1000,18,A\n"  # already in the case
    "L2,B2,1999-01-02,2000,20,B\n"  # a date before 2000: a warning
    "L3,B3,2024-13-45,3000,30,C\n"  # not a date and time: rejected
    "L4,B4,2024-01-04,4000,24,D\n"
)


def test_an_import_reads_in_chinese(
    qtbot: QtBot, chinese: None, tmp_path: Path, settings: QSettings
) -> None:
    """The wizard and its summary on a file with a title line, a key already in the case, a
    bad date, rates in percent decided from the values, a date before 2000 and a column kept
    unmapped: every sentence the importer writes is in Chinese."""
    case_path = tmp_path / "c.duckdb"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    with Case.open(case_path, create=True) as case:
        import_file(case, first)
    w = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.case_loaded, timeout=30_000):
        w.open_case(case_path)
    wizard = w.show_import()
    assert wizard is not None
    wizard.files_page.add_paths([second])
    page = wizard.mapping_page
    with qtbot.waitSignal(page.detected_all, timeout=30_000):
        wizard.next()
    above = [ln for ln in page.info.text().splitlines() if ln.startswith("数据上方")]
    assert above == ["数据上方的行：1 标题行"], page.info.text()
    unit = page.grid.units["contract_rate_annual"]
    assert unit.currentText().endswith("百分数）"), unit.currentText()
    assert unit.toolTip() == (
        "抽样的 4 个值中有 4 个大于 1（中位数 22），"
        "若按小数读取将年化超过 100%：按百分数读取，÷ 100"
    )
    with qtbot.waitSignal(page.previewed, timeout=30_000):
        page.preview_button.click()
    preview = page.preview_label.text().splitlines()[-1]
    assert preview == "共 6 条记录 = 标题行 1 + 表头行 1 + 导入 2 + 剔除 2"
    rejects = {page.rejects.item(i, 3).text() for i in range(page.rejects.rowCount())}  # type: ignore[union-attr]
    assert rejects == {"主键重复：案卷中已有该记录", "不是日期时间"}

    run = wizard.run_page
    with qtbot.waitSignal(w.case_loaded, timeout=60_000):
        wizard.next()
    qtbot.waitUntil(lambda: run.done, timeout=30_000)
    summary = run.summary.item(0, 5)
    assert summary is not None and summary.text() == preview
    details = run.details.text()
    side = run.results[0].side_table or ""
    assert english_left(details.replace(side, "")) == [], details
    assert "contract_rate_annual（年利率）：百分数，抽样的 4 个值中有" in details
    assert "警告：disbursed_at：1 个日期早于 2000 年：日期列或日期格式是否有误？" in details
    shown = [run.rejects.item(i, 3).text() for i in range(run.rejects.rowCount())]  # type: ignore[union-attr]
    assert sorted(shown) == ["不是日期时间", "主键重复：案卷中已有该记录"]
    wizard.close()
    w.close()
    qtbot.waitUntil(lambda: not w.workers.active, timeout=30_000)
