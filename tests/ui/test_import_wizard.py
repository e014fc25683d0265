"""The import wizard, driven end to end: files, detection, mapping, preview, profile, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from auditor.case.store import Case
from auditor.ingest.mapping import load_profile
from auditor.sample.platform import SampleResult
from ui.main_window import MainWindow

BAD_PAYMENTS = (
    "流水号,借据号,期数,入账日期,还款金额\n"
    "P1,L00000001,1,2024-01-15,100.00\n"
    "P2,L00000001,2,2024-13-45,100.00\n"  # no such date
    "P3,L00000002,1,2024-01-15,-5.00\n"  # negative amount
    "P4,L00000003,1,2024-01-16,250.00\n"
)
ODD_LOANS = "编号,客户,放款日,本金\nX1,C1,2024-01-02,1000\nX2,C2,2024-01-03,2000\n"


def test_wizard_imports_with_detected_and_edited_mappings(
    qtbot: QtBot, tmp_path: Path, sample: SampleResult, settings: QSettings
) -> None:
    case_path = tmp_path / "new.duckdb"
    Case.open(case_path, create=True).close()
    bad = tmp_path / "payments_bad.csv"
    bad.write_text(BAD_PAYMENTS, encoding="utf-8")
    odd = tmp_path / "odd_loans.csv"
    odd.write_text(ODD_LOANS, encoding="utf-8")
    loans = sample.directory / "loans.csv"
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        window.open_case(case_path)
    wizard = window.show_import()
    assert wizard is not None
    wizard.files_page.add_paths([loans, bad, odd, tmp_path / "not_there.csv"])
    assert wizard.files_page.paths() == [loans, bad, odd]  # a missing file is not listed
    page = wizard.mapping_page
    with qtbot.waitSignal(page.detected_all, timeout=30_000):
        wizard.next()
    # What was detected, per file.
    page.file.setCurrentText(str(loans))
    assert "gb18030" in page.info.text() and "detected table: loans" in page.info.text()
    assert page.grid.combos["loan_id"].currentText() == "借据号"
    assert page.grid.missing_required() == []
    # Headers that fit no table: choose it, map the required columns (one by expression).
    page.file.setCurrentText(str(odd))
    assert "no table fits" in page.info.text()
    page.table.setCurrentText("loans")
    assert set(page.grid.missing_required()) == {
        "loan_id",
        "borrower_id",
        "disbursed_at",
        "contract_principal",
    }
    page.grid.set_source("loan_id", "编号")
    page.grid.set_source("borrower_id", "客户")
    page.grid.set_source("disbursed_at", "放款日")
    page.grid.set_source("contract_principal", None, expr='TRY_CAST("本金" AS DECIMAL(18,2)) / 100')
    assert page.grid.missing_required() == []
    profile_path = tmp_path / "odd_loans.toml"
    page.save_mapping(profile_path)
    saved = load_profile(profile_path)
    assert saved.table == "loans" and saved.columns["loan_id"].header == "编号"
    assert saved.columns["contract_principal"].expr is not None
    # The preview marks the would-be rejects of the broken file, with row and reason.
    page.file.setCurrentText(str(bad))
    assert page.table.currentText() == "payments"
    with qtbot.waitSignal(page.previewed, timeout=30_000):
        page.preview_button.click()
    assert page.last_preview is not None
    assert (page.last_preview.result.rows_loaded, page.last_preview.result.rows_rejected) == (2, 2)
    reasons = {page.rejects.item(r, 0).text(): page.rejects.item(r, 3).text()  # type: ignore[union-attr]
               for r in range(page.rejects.rowCount())}  # fmt: skip
    assert set(reasons) == {"3", "4"}
    # Import in the background; the case is reopened with the new tables.
    run = wizard.run_page
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        wizard.next()
    qtbot.waitUntil(lambda: run.done, timeout=30_000)
    assert [(r.table, r.rows_loaded, r.rows_rejected) for r in run.results] == [
        ("loans", sample.manifest["rows"]["loans"], 0),
        ("payments", 2, 2),
        ("loans", 2, 0),
    ]
    run.summary.setCurrentCell(1, 0)
    assert run.rejects.rowCount() == 2
    tables = {t[0]: t[1] for t in _tables(window)}
    assert tables["loans"] == sample.manifest["rows"]["loans"] + 2
    wizard.close()
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)


def _tables(window: MainWindow) -> list[tuple[str, int]]:
    top = window.tree.tree.topLevelItem(0)
    assert top is not None
    out = []
    for i in range(top.childCount()):
        item = top.child(i)
        assert item is not None
        out.append((item.text(0), int(item.text(1).replace(",", ""))))
    return out


def test_a_file_that_cannot_be_imported_is_named_and_the_others_still_load(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    case_path = tmp_path / "new.duckdb"
    Case.open(case_path, create=True).close()
    good = tmp_path / "payments.csv"
    good.write_text(BAD_PAYMENTS, encoding="utf-8")
    broken = tmp_path / "loans_broken.csv"
    broken.write_text(ODD_LOANS, encoding="utf-8")  # fits no table and is not mapped
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        window.open_case(case_path)
    wizard = window.show_import()
    assert wizard is not None
    wizard.files_page.add_paths([good, broken])
    with qtbot.waitSignal(wizard.mapping_page.detected_all, timeout=30_000):
        wizard.next()
    run = wizard.run_page
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        wizard.next()
    qtbot.waitUntil(lambda: run.done, timeout=30_000)
    assert [(r.table, r.rows_loaded) for r in run.results] == [("payments", 2)]
    assert "loans_broken.csv" in run.status.text() and "fit no canonical table" in run.status.text()
    assert dict(_tables(window)) == {"payments": 2}
    wizard.close()
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)
