"""The examiner's workspace in the desktop app: work survives an import and a reopen, results
on older data show as stale, export during a run, the inspection's properties, and a start-up
state that says what is happening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from auditor.ingest.mapping import MappingProfile
from auditor.workbook.document import open_workbook
from auditor.workbook.workspace import Properties
from ui import export_dialog
from ui.main_window import MainWindow
from ui.window_checks import NO_DATE

LATE_INCIDENT = (
    "incident_id,kind,planned,start_at,end_at\n"
    "INC-900,outage,false,2024-09-28 10:00:00,2024-09-28 11:00:00\n"
)


def opened(qtbot: QtBot, path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(path)
    return window


def closed(qtbot: QtBot, window: MainWindow) -> None:
    window.workspace.mark_saved()  # no workbook prompt: the case keeps the workspace
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)


def test_work_survives_an_import_and_a_reopen(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    """Two checks run, a note typed (not saved anywhere by the examiner), a finding
    confirmed; an import into incidents, then closing and reopening the case."""
    window = opened(qtbot, sample_copy, settings)
    dq07 = window.open_check("DQ-07")
    dlq06 = window.open_check("DLQ-06")
    assert dq07 is not None and dlq06 is not None
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        window.run_checks(["DQ-07", "DLQ-06"])
    dlq06.note.setPlainText("Ask for the classification policy.")
    dlq06.grid.view.selectRow(0)
    dlq06.reason.setText("loss class confirmed by the ledger")
    dlq06.confirm_button.click()
    assert dlq06.dispositions.text() == "1 confirmed, 0 dismissed"
    late = tmp_path / "incidents_late.csv"
    late.write_text(LATE_INCIDENT, encoding="utf-8")
    with qtbot.waitSignal(window.case_loaded, timeout=120_000):
        window.import_files([(late, MappingProfile(table="incidents"))])
    # The tabs, the note, the disposition and both results are still there.
    assert list(window.check_tabs) == ["DQ-07", "DLQ-06"]
    tab = window.check_tabs["DLQ-06"]
    assert tab.note.toPlainText() == "Ask for the classification policy."
    assert tab.dispositions.text() == "1 confirmed, 0 dismissed"
    assert tab.run is not None and tab.run.finding_rows == 30
    assert tab.grid.model.rowCount() == 30
    # DLQ-06 reads the whole book, so the import makes it stale and says which file;
    # DQ-07 reads only the repayment attempts: still current.
    assert not tab.stale.isHidden()
    assert "incidents_late.csv was imported into incidents (1 rows)" in tab.stale.text()
    assert window.check_tabs["DQ-07"].stale.isHidden()
    assert window.tree.check_items["DLQ-06"].text(1) == "30 findings (stale)"
    closed(qtbot, window)

    again = opened(
        qtbot, sample_copy, QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    )
    assert list(again.check_tabs) == ["DQ-07", "DLQ-06"]
    tab = again.check_tabs["DLQ-06"]
    assert tab.note.toPlainText() == "Ask for the classification policy."
    assert tab.run is not None and tab.run.status == "finding" and tab.run.finding_rows == 30
    qtbot.waitUntil(lambda: tab.grid.model.rowCount() == 30, timeout=10_000)
    assert "incidents_late.csv" in tab.stale.text() and not tab.stale.isHidden()
    assert again.workspace.disposition_counts("DLQ-06") == (1, 0)
    assert again.tree.check_items["DQ-07"].text(1) == "pass"
    # Running it again on the new data: current once more.
    with qtbot.waitSignal(again.checks_done, timeout=60_000):
        tab.request_run()
    assert tab.stale.isHidden() and again.tree.check_items["DLQ-06"].text(1) == "30 findings"
    closed(qtbot, again)


def test_a_case_whose_checks_ran_from_the_command_line_opens_with_them(
    qtbot: QtBot, sample_copy: Path, settings: QSettings
) -> None:
    from auditor.case.store import Case
    from auditor.engine.checks import load_library
    from auditor.engine.runner import Session

    with Case.open(sample_copy) as case:
        lib = {c.id: c for c in load_library()}
        Session(case).run_many([lib["OUT-07"], lib["DLQ-08"]])
    window = opened(qtbot, sample_copy, settings)
    assert window.tree.check_items["OUT-07"].text(1) == "10 findings"
    assert window.tree.check_items["DLQ-08"].text(1) == "not run"
    tab = window.open_check("OUT-07")
    assert tab is not None and tab.run is not None and tab.grid.model.rowCount() == 10
    qtbot.waitUntil(lambda: tab.chart.data is not None, timeout=20_000)
    closed(qtbot, window)


@pytest.mark.parametrize("choice", ["wait", "stop"])
def test_export_during_a_run_waits_or_stops_and_lists_every_check(
    qtbot: QtBot,
    sample_copy: Path,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
) -> None:
    window = opened(qtbot, sample_copy, settings)
    asked: list[int] = []

    def answer(_parent: Any, running: int) -> str:
        asked.append(running)
        return choice

    monkeypatch.setattr(export_dialog, "ask_running", answer)
    batch = ["DQ-01", "DQ-02", "DQ-03", "DLQ-01", "DLQ-02", "DLQ-06", "OUT-07", "DSC-07"]
    window.run_checks(batch)
    out = tmp_path / "r.xlsx"
    assert window.running
    with qtbot.waitSignal(window.report_written, timeout=180_000):
        assert window.export_report(out) is None  # not written while checks run
    assert asked == [len(batch)]
    wb = openpyxl.load_workbook(out)
    statuses = {r[0]: r[4] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert window.state is not None and set(statuses) == set(window.state.library)
    never = [c for c in window.state.library if c not in batch]
    assert all(statuses[c] == "Not yet run" for c in never)
    ran = [c for c in batch if statuses[c] != "Not yet run"]
    if choice == "wait":
        assert ran == batch  # every check of the batch finished before the report
    else:
        assert len(ran) < len(batch)  # stopped: those not run say so, none is hidden
        assert all(c in window.workspace.runs for c in ran)
    cover = "\n".join(str(c) for r in wb["Cover"].iter_rows(values_only=True) for c in r if c)
    assert "DRAFT: not for signing. Not every check has been run" in cover
    closed(qtbot, window)


def test_properties_are_kept_with_the_case_and_the_workbook(
    qtbot: QtBot, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    window = opened(qtbot, sample_copy, settings)
    props = Properties(
        "Q3 2024 inspection", "Jiebei-like sample", "A. Examiner", "B. Reviewer",
        "Refunds are owed to 572 borrowers.",
    )  # fmt: skip
    dialog = window.edit_properties()
    dialog.title.setText(props.title)
    dialog.platform.setText(props.platform)
    dialog.examiner.setText(props.examiner)
    dialog.reviewer.setText(props.reviewer)
    dialog.start.setDate(dialog.start.date().fromString("2024-04-01", "yyyy-MM-dd"))
    dialog.conclusion.setPlainText(props.conclusion)
    with qtbot.waitSignal(window.workspace_saved, timeout=20_000):
        dialog.apply()
    assert window.workspace.properties == props and window.isWindowModified()
    # The period's start is the toolbar's From: the dialog and the field are one value.
    assert window.workspace.from_date == dt.date(2024, 4, 1)
    assert window.from_edit.date().toString("yyyy-MM-dd") == "2024-04-01"
    path = tmp_path / "q3.auditwb"
    assert window.save_workbook(path)
    saved = open_workbook(path).workbook
    assert (saved.title, saved.reviewer, saved.from_date, saved.conclusion) == (
        props.title, props.reviewer, dt.date(2024, 4, 1), props.conclusion,
    )  # fmt: skip
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        window.run_checks(["OUT-07"])
    out = tmp_path / "r.xlsx"
    with qtbot.waitSignal(window.report_written, timeout=60_000):
        window.export_report(out)
    cover = {
        r[0]: r[1] for r in openpyxl.load_workbook(out)["Cover"].iter_rows(values_only=True) if r[0]
    }
    assert cover["Inspection"] == "Q3 2024 inspection"
    assert "Refunds are owed to 572 borrowers." in cover
    assert (
        cover["Reviewed by"] == "B. Reviewer"
        and cover["Review period"] == "2024-04-01 to 2024-09-30 (events in it; stocks at as-of)"
    )
    closed(qtbot, window)
    again = opened(
        qtbot, sample_copy, QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    )
    assert again.workspace.properties == props  # kept with the case
    closed(qtbot, again)


def test_the_start_up_state_says_what_is_happening(
    qtbot: QtBot, sample_copy: Path, settings: QSettings
) -> None:
    window = MainWindow(settings=settings, auto_overview=True)
    qtbot.addWidget(window)
    # No case: no made-up as-of date and no empty axes, but words.
    assert window.as_of_edit.date() == NO_DATE and window.as_of_edit.text() == "—"
    assert not window.as_of_edit.isEnabled()
    assert "Open a case" in window.overview.waiting.text()
    assert window.overview.chart_box.isHidden()
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(sample_copy)
    assert window.as_of_edit.text() == "2024-09-30" and window.as_of_edit.isEnabled()
    assert window.overview.waiting.text() == "Running the overview's checks…"
    qtbot.waitUntil(lambda: window.overview.text("harmed_borrowers") == "572", timeout=120_000)
    assert window.overview.waiting.isHidden() and not window.overview.chart_box.isHidden()
    closed(qtbot, window)
