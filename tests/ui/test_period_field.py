"""The review period's "From" field beside "As of": it starts at the first day with data, a
change reaches the checks' sessions, and a saved workbook keeps it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from pytestqt.qtbot import QtBot

from tests.checks.fixture import build
from tests.ui.test_main_window import close, open_window


def test_from_field_sets_the_review_period(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    window = open_window(qtbot, build(tmp_path), settings)
    state, ws = window.state, window.workspace
    assert state is not None
    qtbot.waitUntil(lambda: ws.from_date is not None, timeout=60_000)
    # The hand fixture's first event: loan C disbursed 2023-06-01.
    assert ws.from_date == dt.date(2023, 6, 1)
    assert window.from_edit.date() == QDate(2023, 6, 1)
    window.from_edit.setDate(QDate(2024, 1, 1))
    assert ws.from_date == dt.date(2024, 1, 1)
    session = state.session(ws.profile, ws.as_of, ws.from_date)
    assert session.overrides["from_date"] == "2024-01-01"
    assert window.capture().from_date == dt.date(2024, 1, 1)
    close(qtbot, window)
