"""Workbooks in the desktop app: save and open, custom queries, dispositions, unsaved prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from auditor.errors import AuditorError
from auditor.workbook.document import open_workbook
from tests.ui.conftest import Prompts
from ui.custom_query_tab import CustomQueryTab
from ui.main_window import MainWindow


def window_on(qtbot: QtBot, case: Path, settings: QSettings) -> MainWindow:
    w = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.case_loaded, timeout=60_000):
        w.open_case(case)
    return w


def test_save_and_open_give_back_the_inspection(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    assert not w.isWindowModified()
    tab = w.open_check("OUT-07")
    assert tab is not None and w.isWindowModified()  # a check opened is a change
    tab.form.set_value("refund_max_days", "30")
    with qtbot.waitSignal(w.checks_done, timeout=60_000):
        tab.request_run()
    tab.note.setPlainText("Ask for the refund ledger.")
    # Dispose of the first finding row.
    tab.grid.view.selectRow(0)
    tab.reason.setText("Platform confirmed the double debit")
    tab.confirm_button.click()
    assert tab.dispositions.text() == "1 confirmed, 0 dismissed"
    # Save as custom query, edit its SQL, run it.
    custom = w.save_as_custom("OUT-07")
    assert isinstance(custom, CustomQueryTab) and custom.query.id == "CQ-01"
    custom.sql.setPlainText(custom.sql.toPlainText() + "\nLIMIT 3")
    with qtbot.waitSignal(w.checks_done, timeout=60_000):
        custom.request_run()
    assert custom.run is not None and custom.run.row_count == 3
    path = tmp_path / "q3.auditwb"
    assert w.save_workbook(path)
    assert not w.isWindowModified() and "q3.auditwb" in w.windowTitle()
    saved = open_workbook(path).workbook
    assert saved.checks == ["OUT-07"] and saved.check_params == {
        "OUT-07": {"refund_max_days": "30"}
    }
    assert saved.notes == {"OUT-07": "Ask for the refund ledger."}
    assert [(d.check, d.status, d.reason) for d in saved.dispositions] == [
        ("OUT-07", "confirmed", "Platform confirmed the double debit")
    ]
    assert saved.custom_queries[0].sql.endswith("LIMIT 3")
    assert {Path(s.path).name for s in saved.sources} >= {"loans.csv", "refunds.csv"}
    w.close()

    again = window_on(
        qtbot, sample_copy, QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    )
    assert again.open_workbook_file(path)
    assert not again.isWindowModified()
    t2 = again.check_tabs["OUT-07"]
    assert t2.form.overrides() == {"refund_max_days": "30"}
    assert t2.note.toPlainText() == "Ask for the refund ledger."
    assert t2.dispositions.text() == "1 confirmed, 0 dismissed"
    c2 = again.check_tabs["CQ-01"]
    assert isinstance(c2, CustomQueryTab) and c2.sql.toPlainText().endswith("LIMIT 3")
    again.close()


def test_unsaved_changes_are_asked_about_on_close(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path, prompts: Prompts
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    w.show()
    path = tmp_path / "w.auditwb"
    assert w.save_workbook(path)
    w.open_check("DLQ-01")
    assert w.isWindowModified()
    prompts.answer = QMessageBox.StandardButton.Cancel
    assert not w.close()  # the user cancelled: the window stays
    assert w.isVisible() and len(prompts.asked) == 1
    prompts.answer = QMessageBox.StandardButton.Save
    assert w.close()
    assert open_workbook(path).workbook.checks == ["DLQ-01"]
    assert len(prompts.asked) == 2


def test_discarding_leaves_the_file_as_it_was(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path, prompts: Prompts
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    path = tmp_path / "w.auditwb"
    assert w.save_workbook(path)
    before = path.read_text(encoding="utf-8")
    w.open_check("DLQ-01")
    prompts.answer = QMessageBox.StandardButton.Discard
    assert w.close()
    assert path.read_text(encoding="utf-8") == before


def test_a_broken_workbook_is_explained_and_changes_nothing(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    w = window_on(qtbot, sample_copy, settings)
    bad = tmp_path / "bad.auditwb"
    bad.write_text(
        'format = "lending-auditor-workbook"\nversion = 1\nchecks = [\n', encoding="utf-8"
    )
    assert not w.open_workbook_file(bad)
    assert isinstance(w.last_error, AuditorError) and "line" in str(w.last_error)
    assert w.workbook_path is None and not w.check_tabs
    w.close()
