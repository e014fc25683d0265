"""``auditor-gui [CASE] [--sample]``: the desktop application.

``--sample`` builds the built-in sample platform's case (in the background: the window shows at
once) and opens it. On a Linux machine with no display, the window cannot show: the command
says so and runs the headless demo instead, so that it still does the app's main job.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform (offscreen, xcb, wayland, ...)
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="auditor-gui", description="Lending Auditor desktop app")
    parser.add_argument("case", nargs="?", help="case database to open")
    parser.add_argument(
        "--sample",
        action="store_true",
        help="build the built-in sample platform's case and open it",
    )
    parser.add_argument("--out", default="auditor-sample", help="folder for the sample case")
    args = parser.parse_args(argv)
    if not has_display():
        print(
            "auditor-gui: no display here (DISPLAY is not set), so the window cannot show.\n"
            "Run it on a desktop, or under a virtual screen: xvfb-run auditor-gui --sample.\n"
            "Running the headless demo instead (auditor demo).\n",
            file=sys.stderr,
        )
        from auditor.cli import main as cli_main

        return (
            cli_main(["demo", "--out", args.out])
            if args.sample or not args.case
            else (cli_main(["info", args.case]))
        )

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui import language
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lending Auditor")
    app.setOrganizationName("LendingAuditor")
    language.install(language.chosen_language(QSettings("LendingAuditor", "auditor-gui")))
    window = MainWindow(Path(args.case) if args.case and not args.sample else None)
    window.show()
    if args.sample:
        window.build_sample(Path(args.out))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
