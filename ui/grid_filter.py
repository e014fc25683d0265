"""The dialog that filters a grid column: a comparison and a value (bound, never pasted into
the SQL)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from auditor.results.grid_query import FILTER_OPS, ColumnFilter
from ui.core_texts import core_text


class FilterDialog(QDialog):
    chosen = Signal(object)  # the ColumnFilter

    def __init__(
        self, label: str, column: str, current: ColumnFilter | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.column = column
        self.setWindowTitle(self.tr("Filter {0}").format(label))
        self.op = QComboBox()
        for key, words in FILTER_OPS.items():
            self.op.addItem(core_text(words), key)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("Value (for yes/no columns: Yes or No)"))
        if current is not None:
            self.op.setCurrentIndex(list(FILTER_OPS).index(current.op))
            self.value.setText(current.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Rows whose {0}").format(label), self.op)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.op.currentIndexChanged.connect(self._op_changed)
        self._op_changed()

    def _op_changed(self) -> None:
        self.value.setEnabled(self.op.currentData() not in ("empty", "not_empty"))

    def _accept(self) -> None:
        self.chosen.emit(ColumnFilter(self.column, self.op.currentData(), self.value.text()))
        self.accept()
