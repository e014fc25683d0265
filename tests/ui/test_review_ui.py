"""Reviewing in the desktop app: "Sample rows…" on a result, the reviewer's file read back,
the comparison with an older export, and the masking switch for exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.review_tabs import CompareTab, SampleTab
from ui.sample_dialog import SampleDialog


def window_on(qtbot: QtBot, case: Path, settings: QSettings) -> MainWindow:
    w = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.case_loaded, timeout=60_000):
        w.open_case(case)
    return w


def idle(qtbot: QtBot, w: MainWindow) -> Any:
    return qtbot.waitSignal(w.workers.busy, timeout=120_000, check_params_cb=lambda b: not b)


def test_sample_rows_from_a_check_result_save_and_read_the_review(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    tab = w.open_check("DLQ-06")
    assert tab is not None
    with qtbot.waitSignal(w.checks_done, timeout=60_000):
        tab.request_run()
    action = next(a for a in tab.grid.view.actions() if a.text() == "Sample rows…")
    action.trigger()  # the result's context menu
    (dialog,) = w.tabs.findChildren(SampleDialog)
    assert "DLQ-06 rows (30 rows)" in [lbl.text() for lbl in dialog.findChildren(type(tab.summary))]
    dialog.method.setCurrentIndex(dialog.method.findData("systematic"))
    dialog.size_mode.setCurrentIndex(2)  # attribute sampling: 95 %, 5 % -> 59, capped at 30
    assert "n = 59" in dialog.formula.text()
    dialog.seed.setValue(9)
    with qtbot.waitSignal(w.tabs.currentChanged, timeout=60_000):
        dialog.accept()
    sample = w.tabs.currentWidget()
    assert isinstance(sample, SampleTab) and sample.grid.model.rowCount() == 30
    path = tmp_path / "review.xlsx"
    with idle(qtbot, w):
        w.review.save_sample(sample.sample_id, path)
    wb = load_workbook(path)
    ws = wb.active
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "sample_no")
    for row in ws.iter_rows(min_row=header + 1):
        row[1].value, row[2].value = "yes", "yes" if row[0].value == 1 else "no"
    wb.save(path)
    with idle(qtbot, w):
        w.review.review_sample(sample.sample_id, path)
    assert "3.33%" in sample.projection.text()  # 1 exception in 30 tested


def test_compare_with_an_older_export_shows_the_differences(
    qtbot: QtBot,
    rewritten_case_path: Path,
    sample_case_path: Path,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    new = tmp_path / "new.duckdb"
    new.write_bytes(rewritten_case_path.read_bytes())
    w = window_on(qtbot, new, settings)
    with qtbot.waitSignal(w.case_loaded, timeout=120_000):
        w.review.compare_with(sample_case_path)
    tab = w.tabs.currentWidget()
    assert isinstance(tab, CompareTab)
    assert tab.summary.model.rowCount() == 12 and tab.differences.model.rowCount() == 5
    diffs = tab.differences.model
    assert [(diffs.value(r, 0), diffs.value(r, 1)) for r in range(5)] == [
        ("bureau_reports", "removed"),
        ("charges", "removed"),
        ("incidents", "changed"),
        ("incidents", "removed"),
        ("installments", "changed"),
    ]
    assert (diffs.value(0, 0), diffs.value(0, 3)) == ("bureau_reports", "R000000003")
    with qtbot.waitSignal(w.checks_done, timeout=60_000):
        w.run_checks(["HIS-03"])
    his = w.workspace.run("HIS-03")
    assert his is not None and his.finding_rows == 2


def test_the_masking_switch_decides_what_the_report_says(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    with qtbot.waitSignal(w.checks_done, timeout=60_000):
        w.run_checks(["DLQ-06"])
    assert w.review.mask_action.isChecked()  # on by default
    w.review.mask_action.setChecked(False)
    plain, masked = tmp_path / "plain.xlsx", tmp_path / "masked.xlsx"
    with qtbot.waitSignal(w.report_written, timeout=120_000):
        w.export_report(plain)
    w.review.mask_action.setChecked(True)
    with qtbot.waitSignal(w.report_written, timeout=120_000):
        w.export_report(masked)
    for path, start in ((plain, "NOT masked"), (masked, "Masked")):
        cover = [v for r in load_workbook(path)["Cover"].iter_rows(values_only=True) for v in r]
        assert any(isinstance(v, str) and v.startswith(start) for v in cover)
    ids = [r[0] for r in load_workbook(masked)["DLQ-06"].iter_rows(values_only=True)]
    assert any(isinstance(v, str) and v.startswith("LN-") for v in ids)
    assert settings.value("mask_exports", type=bool) is True
