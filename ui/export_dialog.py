"""Before the report is written: where to, draft or final, and what state the checks are in.

A final report is one an examiner signs: it needs every check run on the current data, none
running, none stale. Until then only a draft can be written (its pages say DRAFT), and the
dialog says what stands in the way. A running check is asked about: wait for it, or stop it and
write what has run (every other check is listed as not yet run).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

RunningChoice = Literal["wait", "stop", "cancel"]


@dataclass(frozen=True)
class CheckState:
    """How many of the library's checks stand where, when the export is asked for."""

    total: int
    run: int
    not_yet_run: int
    stale: int
    running: int

    @property
    def complete(self) -> bool:
        return self.not_yet_run == 0 and self.stale == 0 and self.running == 0


def describe(state: CheckState) -> str:
    parts = [
        QCoreApplication.translate("ExportDialog", "{0} checks: {1} run").format(
            state.total, state.run
        )
    ]
    if state.not_yet_run:
        parts.append(
            QCoreApplication.translate("ExportDialog", "{0} not yet run").format(state.not_yet_run)
        )
    if state.stale:
        parts.append(
            QCoreApplication.translate("ExportDialog", "{0} stale (run on older data)").format(
                state.stale
            )
        )
    if state.running:
        parts.append(
            QCoreApplication.translate("ExportDialog", "{0} running").format(state.running)
        )
    return ", ".join(parts) + "."


def ask_running(parent: QWidget, running: int) -> RunningChoice:
    """Checks are running: wait for them, stop them, or do not export. (Tests replace this.)"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("ExportDialog", "Checks are running"))
    box.setText(
        QCoreApplication.translate(
            "ExportDialog",
            "{0} checks are still running. The report can be written when they finish, or "
            "they can be stopped and the report written now; the checks not run are then "
            "listed as not yet run.",
        ).format(running)
    )
    wait = box.addButton(
        QCoreApplication.translate("ExportDialog", "Wait, then write"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    stop = box.addButton(
        QCoreApplication.translate("ExportDialog", "Stop them and write"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "wait" if clicked is wait else "stop" if clicked is stop else "cancel"


class ExportDialog(QDialog):
    chosen = Signal(object, bool)  # the path, final

    def __init__(self, state: CheckState, default: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export report"))
        self.setMinimumWidth(560)
        self.path = QLineEdit(str(default))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.draft = QRadioButton(self.tr("Draft: every page says DRAFT"))
        self.final = QRadioButton(self.tr("Final: for signing"))
        self.draft.setChecked(True)
        self.final.setEnabled(state.complete)
        status = QLabel(describe(state))
        status.setWordWrap(True)
        why = QLabel(
            ""
            if state.complete
            else self.tr("A final report needs every check run on the current data.")
        )
        why.setStyleSheet("color: #8a5a00")
        why.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Write the Excel report to")))
        lay.addLayout(where)
        lay.addWidget(status)
        lay.addWidget(self.draft)
        lay.addWidget(self.final)
        lay.addWidget(why)
        lay.addWidget(buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), self.path.text(), self.tr("Excel (*.xlsx)")
        )
        if name:
            self.path.setText(name)

    def _accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.chosen.emit(path, self.final.isChecked())
        self.accept()
