"""Every chart kind draws, answers hover, and exports a PNG with something on it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from auditor.results.chart_data import ChartData
from ui.chart_view import ChartView

DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(60)]
CASES = {
    "line": ChartData("line", "Overdue", "month_end", ["M1+", "M3+"], DAYS,
                      [[0.01 * i, 0.005 * i] for i in range(60)], percent=True),
    "bar": ChartData("bar", "Harm", "incident_id", ["harmed", "reports"], ["INC-1", "INC-2"],
                     [[10, 4], [Decimal("7"), None]]),
    "stacked_bar": ChartData("stacked_bar", "Buckets", "month", ["M1", "M2"], ["2024-01", "2024-02"],
                             [[5, 2], [6, 3]]),
    "heatmap": ChartData("heatmap", "Roll rates", "to_state", ["B0", "B1"], ["B0", "B1", "paid off"],
                         [[0.9, 0.3], [0.05, 0.6], [0.05, 0.1]], percent=True),
    "histogram": ChartData("histogram", "APR", "apr_nominal", [], [], [], percent=True,
                           samples=[0.1 + 0.001 * i for i in range(300)], marks=[0.24]),
    "timeline": ChartData("timeline", "Failure rate", "slot", ["failure_rate"],
                          [dt.datetime(2024, 3, 20, h) for h in range(24)],
                          [[0.4 if h in (9, 10) else 0.01] for h in range(24)],
                          windows=[(dt.datetime(2024, 3, 20, 9), dt.datetime(2024, 3, 20, 11), "finding")]),
}  # fmt: skip


def ink(png: bytes) -> tuple[int, int, int]:
    img = QImage.fromData(png)
    assert not img.isNull()
    coloured = 0
    for x in range(0, img.width(), 4):
        for y in range(0, img.height(), 4):
            c = img.pixelColor(x, y)
            if abs(c.red() - c.green()) > 40 or abs(c.green() - c.blue()) > 40:
                coloured += 1
    return img.width(), img.height(), coloured


@pytest.mark.parametrize("kind", list(CASES))
def test_chart_kind_draws_and_exports(qtbot: QtBot, kind: str) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(800, 450)
    view.show_data(CASES[kind])
    assert view.items, "nothing was drawn"
    width, _height, coloured = ink(view.to_png(width=800))
    assert width == 800
    assert coloured > 50, "the exported chart has no coloured marks"


def test_hover_names_the_nearest_point(qtbot: QtBot) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    view.show_data(CASES["bar"])
    assert view.tooltip_at(1.1) == "incident_id: INC-2\nharmed: 7.00\nreports: "
    view.show_data(CASES["histogram"])
    assert view.tooltip_at(20.0).startswith("apr_nominal ≈ ")
    view.show_data(CASES["line"])
    first = dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp()
    assert view.tooltip_at(first + 3600).splitlines() == [
        "month_end: 2024-01-01",
        "M1+: 0.00%",
        "M3+: 0.00%",
    ]


def test_no_chart_says_so_and_exports_nothing(qtbot: QtBot) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    view.show_data(None)
    assert view.to_png() == b"" and not view.empty.isHidden()
