"""The "Sample rows…" dialog: method, size (a number, a fraction, or attribute-sampling
parameters with the size and its formula shown as they are typed), seed, and the stratum or
amount column the method needs."""

from __future__ import annotations

import secrets

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import AuditorError
from auditor.results.sample_draw import SamplePlan, SizeSpec
from auditor.results.sample_size import attribute_sample_size
from auditor.results.sampling import METHODS
from ui.window_common import QT_TRANSLATE_NOOP

METHOD_TEXT = {
    "random": QT_TRANSLATE_NOOP("SampleDialog", "Simple random"),
    "stratified": QT_TRANSLATE_NOOP("SampleDialog", "Stratified"),
    "systematic": QT_TRANSLATE_NOOP("SampleDialog", "Systematic"),
    "mus": QT_TRANSLATE_NOOP("SampleDialog", "Monetary-unit"),
}


def _rate(value: float, decimals: int = 4) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(0.0, 0.9999)
    box.setSingleStep(0.01)
    box.setValue(value)
    return box


class SampleDialog(QDialog):
    def __init__(
        self,
        population: str,
        rows: int,
        columns: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sample rows"))
        self.setMinimumWidth(560)
        names = [c for c, _t in columns]
        amounts = [c for c, t in columns if t.startswith(("DECIMAL", "DOUBLE", "FLOAT"))]
        self.method = QComboBox()
        for m in METHODS:
            self.method.addItem(self.tr(METHOD_TEXT[m]), m)
        self.size_mode = QComboBox()
        self.size_mode.addItems(
            [self.tr("Number of items"), self.tr("Fraction of rows"), self.tr("Attribute sampling")]
        )
        self.count = QSpinBox()
        self.count.setRange(1, 1_000_000)
        self.count.setValue(min(25, max(1, rows)))
        self.fraction = _rate(0.05)
        attr = QWidget()
        af = QFormLayout(attr)
        af.setContentsMargins(0, 0, 0, 0)
        self.confidence = _rate(0.95, 3)
        self.tolerable = _rate(0.05)
        self.expected = _rate(0.0)
        af.addRow(self.tr("Confidence"), self.confidence)
        af.addRow(self.tr("Tolerable deviation rate"), self.tolerable)
        af.addRow(self.tr("Expected deviation rate"), self.expected)
        self.sizes = QStackedWidget()
        for w in (self.count, self.fraction, attr):
            self.sizes.addWidget(w)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(secrets.randbelow(2**31 - 1))  # shown, recorded, can be typed over
        self.stratum = QComboBox()
        self.stratum.addItems(names)
        self.allocation = QComboBox()
        self.allocation.addItem(self.tr("Proportional to the strata"), "proportional")
        self.allocation.addItem(self.tr("The same in every stratum"), "equal")
        self.amount = QComboBox()
        self.amount.addItems(amounts or names)  # amounts first: what the method needs
        form = QFormLayout()
        form.addRow(
            self.tr("Population"), QLabel(self.tr("{0} ({1} rows)").format(population, f"{rows:,}"))
        )
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Size"), self.size_mode)
        form.addRow("", self.sizes)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Stratify by"), self.stratum)
        form.addRow(self.tr("Allocation"), self.allocation)
        form.addRow(self.tr("Amount column"), self.amount)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.formula)
        lay.addWidget(buttons)
        self._form = form
        self.size_mode.currentIndexChanged.connect(self.sizes.setCurrentIndex)
        for box in (self.confidence, self.tolerable, self.expected):
            box.valueChanged.connect(self._show_formula)
        self.size_mode.currentIndexChanged.connect(self._show_formula)
        self.method.currentIndexChanged.connect(self._show_method)
        self._show_method()
        self._show_formula()

    def _show_method(self) -> None:
        m = self.method.currentData()
        for widget, needed in (
            (self.stratum, m == "stratified"),
            (self.allocation, m == "stratified"),
            (self.amount, m == "mus"),
        ):
            self._form.setRowVisible(widget, needed)

    def _show_formula(self) -> None:
        if self.size_mode.currentIndex() != 2:
            self.formula.setText("")
            return
        try:
            got = attribute_sample_size(
                self.confidence.value(), self.tolerable.value(), self.expected.value()
            )
        except AuditorError as e:
            self.formula.setText(str(e))
            return
        self.formula.setText(got.formula)

    def size_spec(self) -> SizeSpec:
        mode = self.size_mode.currentIndex()
        if mode == 0:
            return SizeSpec(count=self.count.value())
        if mode == 1:
            return SizeSpec(fraction=self.fraction.value())
        return SizeSpec(
            confidence=self.confidence.value(),
            tolerable_rate=self.tolerable.value(),
            expected_rate=self.expected.value(),
        )

    def plan(self) -> SamplePlan:
        m = self.method.currentData()
        return SamplePlan(
            method=m,
            size=self.size_spec(),
            seed=self.seed.value(),
            stratify_by=self.stratum.currentText() if m == "stratified" else None,
            allocation=self.allocation.currentData(),
            amount_column=self.amount.currentText() if m == "mus" else None,
            confidence=self.confidence.value() if self.size_mode.currentIndex() == 2 else 0.95,
        )
