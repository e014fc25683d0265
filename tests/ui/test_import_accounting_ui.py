"""The import wizard shows the accounting: what was detected (lines above the data, unit
decisions with their evidence, columns kept unmapped), a unit overridden in the grid goes into
the mapping, the preview applies the import's duplicate-key check against the open case (it
once said 3 rows would load where the import loaded 2), and the summary accounts for every
record of each file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from auditor.case.store import Case
from auditor.ingest.importer import import_file
from ui.main_window import MainWindow

FIRST = "借据号,客户号,放款日期,借款金额\nL1,B1,2024-01-01,1000\n"
SECOND = (
    "借呗借据明细\n"
    "借据号,客户号,放款日期,借款金额,年利率,初始评级\n"
    "L1,B1,2024-01-01,1000,0.18,A\n"  # already in the case
    "L2,B2,2024-01-02,2000,0.2,B\n"
    "L3,B3,2024-01-03,3000,0.3,C\n"
)


def test_wizard_shows_the_accounting_and_previews_as_the_import_will(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    case_path = tmp_path / "c.duckdb"
    first = tmp_path / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    with Case.open(case_path, create=True) as case:
        import_file(case, first)
    second = tmp_path / "second.csv"
    second.write_text(SECOND, encoding="utf-8")
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        window.open_case(case_path)
    wizard = window.show_import()
    assert wizard is not None
    wizard.files_page.add_paths([second])
    page = wizard.mapping_page
    with qtbot.waitSignal(page.detected_all, timeout=30_000):
        wizard.next()
    info = page.info.text()
    assert "lines above the data: 1 title" in info
    assert "kept unmapped beside each row: 初始评级" in info
    unit = page.grid.units["contract_rate_annual"]
    assert unit.currentText() == "(decide: fraction)" and "at most 1" in unit.toolTip()
    # The preview rejects L1 as the import would: already in the case.
    with qtbot.waitSignal(page.previewed, timeout=30_000):
        page.preview_button.click()
    assert page.last_preview is not None
    r = page.last_preview.result
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    assert "5 records = 1 title + 1 header + 2 loaded + 1 rejected" in page.preview_label.text()
    reasons = [page.rejects.item(i, 3).text() for i in range(page.rejects.rowCount())]  # type: ignore[union-attr]
    assert reasons == ["duplicate key: already in the case"]
    # Override the unit: these rates are in percent after all.
    page.grid.set_unit("contract_rate_annual", "percent")
    assert page.grid.profile().columns["contract_rate_annual"].unit == "percent"
    run = wizard.run_page
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        wizard.next()
    qtbot.waitUntil(lambda: run.done, timeout=30_000)
    assert [(x.rows_loaded, x.rows_rejected) for x in run.results] == [(2, 1)]
    assert run.summary.item(0, 5).text() == "5 records = 1 title + 1 header + 2 loaded + 1 rejected"  # type: ignore[union-attr]
    assert "contract_rate_annual (年利率): percent" in run.details.text()
    assert "kept unmapped in unmapped.loans_2: 初始评级" in run.details.text()
    assert window.state is not None
    cur = window.state.cursor()
    rates = cur.execute("SELECT contract_rate_annual FROM loans ORDER BY 1").fetchall()
    cur.close()
    assert [round(x[0], 4) for x in rates if x[0] is not None] == [0.002, 0.003]
    wizard.close()
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)
