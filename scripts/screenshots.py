"""Start the desktop app on the sample platform and save screenshots of the main window, a
check tab (at 1400x900 and at 1280x720), the SQL console after a drill-down, the inspection
properties and the import wizard (docs/screenshots/). Run it on a display, or headless with
``scripts/screenshots.sh`` (Xvfb). ``--lang zh`` takes them in Chinese (``*_zh.png``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def wait(signal: Any, ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(f"saved {path}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--work", default="auditor-sample")
    ap.add_argument("--lang", choices=("en", "zh"), default="en")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # alive until the end
    from ui import language

    language.install(args.lang)
    suffix = "" if args.lang == "en" else f"_{args.lang}"

    def name(stem: str) -> str:
        return f"{stem}{suffix}.png"

    from auditor.sample.build import build_sample_case
    from auditor.workbook.workspace import Properties
    from ui.main_window import MainWindow

    sample, case_path, _ = build_sample_case(Path(args.work))
    settings = QSettings(str(Path(args.work) / "screenshots.ini"), QSettings.Format.IniFormat)
    settings.clear()
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    window.open_case(case_path)
    wait(window.checks_done)  # the overview's checks
    settle(1500)
    window.tabs.setCurrentWidget(window.overview)
    shot(window, out / name("main_window"))
    tab = window.open_check("OUT-02")
    assert tab is not None
    tab.request_run()
    wait(window.checks_done)
    settle(1500)
    shot(window, out / name("check_tab"))
    window.resize(1280, 720)
    settle(800)
    shot(window, out / name("check_tab_1280x720"))
    window.resize(1400, 900)
    harm = window.open_check("OUT-11")
    assert harm is not None
    settle(1500)
    model = harm.grid.model
    row = next(r for r in range(model.rowCount()) if model.value(r, 0) == "INC-002")
    harm.grid.view.doubleClicked.emit(model.index(row, model.columns.index("harmed_borrowers")))
    settle(3000)
    shot(window, out / name("sql_console"))
    properties = {
        "en": (
            "Q3 2024 inspection of the sample platform", "Built-in sample platform",
            "A. Examiner", "B. Reviewer",
            "Outage-harmed borrowers are owed refunds; see OUT-11.",
        ),
        "zh": (
            "2024 年第三季度示例平台检查", "内置示例平台", "张检查", "李复核",
            "受系统故障影响的借款人应获退款，详见 OUT-11。",
        ),
    }  # fmt: skip
    window.workspace.set_properties(Properties(*properties[args.lang]))
    dialog = window.edit_properties()
    settle(600)
    shot(dialog, out / name("properties"))
    dialog.close()
    wizard = window.show_import()
    assert wizard is not None
    wizard.resize(1200, 800)
    wizard.files_page.add_paths(
        [sample.directory / "loans.csv", sample.directory / "incidents.xlsx"]
    )
    wizard.next()
    wait(wizard.mapping_page.detected_all)
    page = wizard.mapping_page
    page.file.setCurrentText(str(sample.directory / "loans.csv"))
    page.preview_button.click()
    wait(page.previewed)
    shot(wizard, out / name("import_wizard"))
    wizard.close()
    window.workspace.mark_saved()  # no prompt to save the workbook
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
