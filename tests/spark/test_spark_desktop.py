"""The desktop's engine setting: choosing Spark starts it in the background, a check then runs on
Spark and its rows come back into the case for the grid; the choice is kept with the case."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from auditor.sample.platform import SampleResult
from tests.spark.conftest import Outcome
from ui.case_state import read_engine
from ui.check_tab import CheckTab
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(autouse=True)
def no_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing asks about the unsaved workspace: a modal box would block a headless test."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    yield QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert QThreadPool.globalInstance().waitForDone(60_000)


def open_window(qtbot: QtBot, path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(path)
    return window


def test_a_case_set_to_spark_runs_its_checks_there_and_keeps_the_choice(
    qtbot: QtBot,
    spark: SparkSession,
    small_sample: tuple[SampleResult, Path],
    duckdb_small: dict[str, Outcome],
    settings: QSettings,
    tmp_path: Path,
) -> None:
    path = tmp_path / "case.duckdb"
    shutil.copy(small_sample[1], path)
    window = open_window(qtbot, path, settings)
    state = window.state
    assert state is not None and window.engine_box.currentData() == "duckdb"
    index = window.engine_box.findData("spark")
    window.engine_box.setCurrentIndex(index)
    window.engine_box.activated.emit(index)
    qtbot.waitUntil(lambda: state.engine_session is not None, timeout=180_000)
    tab = window.open_check("OUT-01")
    assert isinstance(tab, CheckTab)
    with qtbot.waitSignal(window.checks_done, timeout=180_000):
        tab.request_run()
    duck = duckdb_small["OUT-01"]
    assert tab.run is not None and tab.run.status == duck.run.status
    assert (tab.run.finding_rows, tab.run.amount) == (duck.run.finding_rows, duck.run.amount)
    assert len(duck.rows) > 0
    qtbot.waitUntil(lambda: tab.grid.model.rowCount() == len(duck.rows), timeout=30_000)
    qtbot.waitUntil(lambda: tab.chart.data is not None, timeout=30_000)
    assert state.case.conn is not None  # the rows the grid shows were landed in the case
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)
    again = open_window(qtbot, path, settings)  # the case remembers Spark
    assert again.engine_box.currentData() == "spark"
    assert again.state is not None
    qtbot.waitUntil(lambda: again.state is not None and again.state.engine_session is not None,
                    timeout=180_000)  # fmt: skip
    duck_index = again.engine_box.findData("duckdb")
    again.engine_box.setCurrentIndex(duck_index)
    again.engine_box.activated.emit(duck_index)
    back = again.state
    qtbot.waitUntil(
        lambda: back.engine.name == "duckdb" and back.engine_session is None, timeout=30_000
    )
    with back.lock:
        assert read_engine(back.case.conn).name == "duckdb"  # kept with the case
    again.close()
    qtbot.waitUntil(lambda: not again.workers.active, timeout=30_000)
