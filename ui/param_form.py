"""A form generated from a check's typed parameters.

Each parameter gets the editor its type calls for, filled with the value the session would use
(override, else profile, else default) and labelled with where that value comes from; the
profile's basis is the tooltip. Only the values the examiner changes become overrides, so a
result still records "profile" for everything left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from auditor.engine.check_text import CheckText
from auditor.engine.labels import UNITS, from_display, to_display
from auditor.engine.params import ParamError, ParamSpec, ParamValue
from ui.core_texts import core_text
from ui.window_common import QT_TRANSLATE_NOOP

SOURCE_TEXT = {
    "override": QT_TRANSLATE_NOOP("ParamForm", "set here"),
    "profile": QT_TRANSLATE_NOOP("ParamForm", "profile"),
    "default": QT_TRANSLATE_NOOP("ParamForm", "default"),
    "case": QT_TRANSLATE_NOOP("ParamForm", "data"),
}


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


class ParamForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.specs: dict[str, ParamSpec] = {}
        self.editors: dict[str, QWidget] = {}
        self.initial: dict[str, str] = {}
        self.sources: dict[str, QLabel] = {}
        self.units: dict[str, str] = {}  # parameters shown in % or percentage points

    def set_params(
        self,
        specs: list[ParamSpec],
        resolved: dict[str, ParamValue],
        units: dict[str, str] | None = None,
        text: CheckText | None = None,
    ) -> None:
        """One row per parameter; ``units`` names those held as fractions and shown in %
        or percentage points (the form shows and takes 0.125, the SQL gets 0.00125)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.specs = {s.name: s for s in specs}
        self.units = dict(units or {})
        self.editors, self.initial, self.sources = {}, {}, {}
        for spec in specs:
            pv = resolved.get(spec.name)
            value = pv.value if pv else spec.default
            unit = self.units.get(spec.name, "")
            editor = self._editor(spec, to_display(value, unit) if unit else value)
            source = QLabel(self.tr(SOURCE_TEXT.get(pv.source, pv.source)) if pv else "")
            source.setStyleSheet("color: gray")
            row = QWidget()
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(editor, 1)
            lay.addWidget(source)
            label_text = text.param_label(spec.name) if text else spec.label
            help_text = text.param_help(spec.name) if text else spec.help
            tip = "\n".join(x for x in (help_text, pv.basis if pv else "") if x)
            shown = f"{label_text} ({core_text(UNITS[unit])})" if unit else label_text
            label = QLabel(shown)
            label.setToolTip(f"{spec.name}\n{tip}".strip())
            editor.setToolTip(tip)
            editor.setObjectName(f"param_{spec.name}")
            self.form.addRow(label, row)
            self.editors[spec.name] = editor
            self.sources[spec.name] = source
            self.initial[spec.name] = self._read(spec.name)

    def _editor(self, spec: ParamSpec, value: Any) -> QWidget:
        if spec.type == "date":
            w = QDateEdit()
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            if isinstance(value, dt.date):
                w.setDate(QDate(value.year, value.month, value.day))
            w.dateChanged.connect(lambda *_: self.changed.emit())
            return w
        if spec.type == "int":
            s = QSpinBox()
            s.setRange(-1_000_000_000, 1_000_000_000)
            s.setValue(int(value) if value not in (None, "") else 0)
            s.valueChanged.connect(lambda *_: self.changed.emit())
            return s
        if spec.type == "bool":
            c = QCheckBox()
            c.setChecked(bool(value))
            c.toggled.connect(lambda *_: self.changed.emit())
            return c
        if spec.type == "choice":
            b = QComboBox()
            b.addItems(list(spec.choices))
            b.setCurrentText(str(value))
            b.currentTextChanged.connect(lambda *_: self.changed.emit())
            return b
        e = QLineEdit(_text(value))
        e.textChanged.connect(lambda *_: self.changed.emit())
        return e

    def _read(self, name: str) -> str:
        w = self.editors[name]
        if isinstance(w, QDateEdit):
            return str(w.date().toString("yyyy-MM-dd"))
        if isinstance(w, QSpinBox):
            return str(w.value())
        if isinstance(w, QCheckBox):
            return "true" if w.isChecked() else "false"
        if isinstance(w, QComboBox):
            return str(w.currentText())
        assert isinstance(w, QLineEdit)
        return str(w.text())

    def set_value(self, name: str, text: str) -> None:
        """Set an editor from a stored value (a workbook's override: a fraction for a
        parameter shown in percent)."""
        unit = self.units.get(name, "")
        self.set_shown(name, to_display(text, unit) if unit else text)

    def set_shown(self, name: str, text: str) -> None:
        """Set an editor to text as the examiner types it (in the parameter's unit)."""
        w = self.editors[name]
        if isinstance(w, QDateEdit):
            w.setDate(QDate.fromString(text, "yyyy-MM-dd"))
        elif isinstance(w, QSpinBox):
            w.setValue(int(text))
        elif isinstance(w, QCheckBox):
            w.setChecked(text.lower() in ("true", "yes", "1"))
        elif isinstance(w, QComboBox):
            w.setCurrentText(text)
        elif isinstance(w, QLineEdit):
            w.setText(text)

    def overrides(self) -> dict[str, str]:
        """The values the examiner changed, as text; raises ParamError for a bad one."""
        out = {}
        for name, spec in self.specs.items():
            shown = self._read(name)
            if shown != self.initial[name]:
                text = from_display(shown, self.units.get(name, ""))
                try:
                    value = spec.coerce(text)  # refuse a bad value here, naming it
                except ParamError as e:
                    raise ParamError(
                        self.tr("{0}: {1!r} is not {2}").format(spec.label, shown, _kind(spec))
                    ) from e
                if spec.type == "list" and not value:
                    raise ParamError(self.tr("{0}: give at least one value").format(spec.label))
                out[name] = text
        return out


KINDS = {
    "int": QT_TRANSLATE_NOOP("ParamForm", "a whole number"),
    "decimal": QT_TRANSLATE_NOOP("ParamForm", "a number"),
    "date": QT_TRANSLATE_NOOP("ParamForm", "a date (YYYY-MM-DD)"),
    "bool": QT_TRANSLATE_NOOP("ParamForm", "yes or no"),
    "list": QT_TRANSLATE_NOOP("ParamForm", "a list of numbers separated by commas"),
    "choice": QT_TRANSLATE_NOOP("ParamForm", "one of the choices"),
    "text": QT_TRANSLATE_NOOP("ParamForm", "text"),
}


def _kind(spec: ParamSpec) -> str:
    return QCoreApplication.translate("ParamForm", KINDS.get(spec.type, spec.type))
