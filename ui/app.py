"""``auditor-gui [CASE] [--sample]``: the desktop application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


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

    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    case: Path | None = Path(args.case) if args.case else None
    if args.sample:
        from auditor.cli import main as cli_main

        if cli_main(["demo", "--out", args.out]) != 0:
            return 1
        case = Path(args.out) / "sample.duckdb"
    window = MainWindow(case)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
