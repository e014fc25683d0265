"""Desktop tests run headless (offscreen) and refuse leaked workers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_dangling_workers(qapp: QApplication) -> Iterator[None]:
    yield
    assert QThreadPool.globalInstance().waitForDone(60_000), (
        "a QRunnable started in this test is still running: cancel and wait for it"
    )


class Prompts:
    """Stands in for QMessageBox.question: records each question and gives the set answer
    (a modal dialog would block a headless test forever)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard

    def __call__(self, parent: object, title: str, text: str, *args: object) -> object:
        self.asked.append(text)
        return self.answer


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    p = Prompts()
    monkeypatch.setattr(QMessageBox, "question", p)
    return p
