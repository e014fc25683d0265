"""The Overview tab: the inspection's key figures and their charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from auditor.results.overview import Overview
from ui.chart_view import ChartView
from ui.core_texts import overview_chart
from ui.language import current_language
from ui.window_common import QT_TRANSLATE_NOOP

CARDS = (
    ("m1p_balance", QT_TRANSLATE_NOOP("OverviewTab", "Overdue M1+ (by balance)"), "pct"),
    ("m3p_balance", QT_TRANSLATE_NOOP("OverviewTab", "Overdue M3+ (by balance)"), "pct"),
    ("harmed_borrowers", QT_TRANSLATE_NOOP("OverviewTab", "Outage-harmed borrowers"), "int"),
    ("harmed_installments", QT_TRANSLATE_NOOP("OverviewTab", "Outage-harmed installments"), "int"),
    ("refund_due", QT_TRANSLATE_NOOP("OverviewTab", "Refund due to harmed borrowers"), "money"),
    ("reports_to_correct", QT_TRANSLATE_NOOP("OverviewTab", "Bureau reports to correct"), "int"),
    (
        "apr_understated_loans",
        QT_TRANSLATE_NOOP("OverviewTab", "Loans with APR understated"),
        "int",
    ),
    ("above_cap_loans", QT_TRANSLATE_NOOP("OverviewTab", "Loans above the rate cap"), "int"),
)


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "pct":
        return f"{float(value):.2%}"
    if kind == "money":  # in yuan; a Chinese reader expects the ¥ the report prints too
        money = f"{Decimal(str(value)):,.2f}"
        return f"¥{money}" if current_language() == "zh" else money
    return f"{int(value):,}"


class Card(QFrame):
    clicked = Signal(str)

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.setToolTip(self.tr("Click to see the rows behind this figure"))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.key)
        super().mousePressEvent(event)


class OverviewTab(QWidget):
    drill = Signal(str)  # a figure's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        cards = QGridLayout()
        for i, (key, label, _kind) in enumerate(CARDS):
            frame = Card(key)
            frame.clicked.connect(self.drill.emit)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            fl = QVBoxLayout(frame)
            name = QLabel(self.tr(label))
            name.setStyleSheet("color: #555")
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 18pt; font-weight: bold")
            fl.addWidget(name)
            fl.addWidget(value)
            cards.addWidget(frame, i // 4, i % 4)
            self.values[key] = value
        self.as_of = QLabel(self.tr("Open a case, or build the sample platform."))
        self.as_of.setStyleSheet("font-size: 11pt")
        self.charts = {k: ChartView() for k in ("overdue", "harm", "apr")}
        self.chart_box = QWidget()
        charts = QGridLayout(self.chart_box)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.charts["overdue"], 0, 0)
        charts.addWidget(self.charts["harm"], 0, 1)
        charts.addWidget(self.charts["apr"], 0, 2)
        self.waiting = QLabel()
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setStyleSheet("color: #555; font-size: 12pt")
        self.waiting.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.as_of)
        lay.addLayout(cards)
        lay.addWidget(self.chart_box, 1)
        lay.addWidget(self.waiting, 1)
        self.show_state(self.tr("Open a case (Ctrl+O), or start with --sample."))

    def show_state(self, text: str) -> None:
        """Say what is happening instead of showing empty figures and axes."""
        self.waiting.setText(text)
        self.waiting.show()
        self.chart_box.hide()
        self.as_of.setText(text)
        for value in self.values.values():
            if value.text() == "—":
                value.setText("…")

    def clear(self) -> None:
        for value in self.values.values():
            value.setText("—")
        for view in self.charts.values():
            view.show_data(None)
        self.show_state(self.tr("No case is open."))

    def show_overview(self, data: Overview, as_of: dt.date | None) -> None:
        self.waiting.hide()
        self.chart_box.show()
        for key, _label, kind in CARDS:
            self.values[key].setText(_fmt(data.figures.get(key), kind))
        month = data.figures.get("month_end")
        self.as_of.setText(
            self.tr("As of {0}; overdue rates at the month end {1}.").format(as_of, month)
            if month
            else self.tr("As of {0}.").format(as_of)
        )
        for key, view in self.charts.items():
            view.show_data(overview_chart(data.charts.get(key)))

    def text(self, key: str) -> str:
        return str(self.values[key].text())
