"""The Overview tab: the inspection's key figures and their charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from auditor.results.overview import Overview
from ui.chart_view import ChartView

CARDS = (
    ("m1p_balance", "Overdue M1+ (by balance)", "pct"),
    ("m3p_balance", "Overdue M3+ (by balance)", "pct"),
    ("harmed_borrowers", "Outage-harmed borrowers", "int"),
    ("harmed_installments", "Outage-harmed installments", "int"),
    ("refund_due", "Refund due to harmed borrowers", "money"),
    ("reports_to_correct", "Bureau reports to correct", "int"),
    ("apr_understated_loans", "Loans with APR understated", "int"),
    ("above_cap_loans", "Loans above the rate cap", "int"),
)


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "pct":
        return f"{float(value):.2%}"
    if kind == "money":
        return f"{Decimal(str(value)):,.2f}"
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
        self.as_of = QLabel(self.tr("Run the checks to see the key figures."))
        self.charts = {k: ChartView() for k in ("overdue", "harm", "apr")}
        charts = QGridLayout()
        charts.addWidget(self.charts["overdue"], 0, 0)
        charts.addWidget(self.charts["harm"], 0, 1)
        charts.addWidget(self.charts["apr"], 0, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.as_of)
        lay.addLayout(cards)
        lay.addLayout(charts, 1)

    def show_overview(self, data: Overview, as_of: dt.date | None) -> None:
        for key, _label, kind in CARDS:
            self.values[key].setText(_fmt(data.figures.get(key), kind))
        month = data.figures.get("month_end")
        self.as_of.setText(
            self.tr("As of {0}; overdue rates at the month end {1}.").format(as_of, month)
            if month
            else self.tr("As of {0}.").format(as_of)
        )
        for key, view in self.charts.items():
            view.show_data(data.charts.get(key))

    def text(self, key: str) -> str:
        return str(self.values[key].text())
