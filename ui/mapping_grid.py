"""The mapping grid of the import wizard: for each canonical column of the target table, the
source column it comes from (or a DuckDB expression over the source columns), with required
columns marked, the source's first values beside it, and for rate and money columns the unit
the import decided (with its evidence) and a choice to override it."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from auditor.case.dictionary import table_doc
from auditor.case.schema import TABLES
from auditor.ingest.mapping import (
    MONEY_UNITS,
    RATE_UNITS,
    ColumnSource,
    MappingProfile,
    ReadOptions,
)
from auditor.ingest.preview import Detected
from auditor.ingest.unit_text import unit_word
from ui.language import current_language
from ui.window_common import QT_TRANSLATE_NOOP

NONE = QT_TRANSLATE_NOOP("MappingGrid", "(not mapped)")
EXPR = QT_TRANSLATE_NOOP("MappingGrid", "(expression)")
AUTO = QT_TRANSLATE_NOOP("MappingGrid", "(decide)")
HEADERS = (
    QT_TRANSLATE_NOOP("MappingGrid", "Canonical column"),
    QT_TRANSLATE_NOOP("MappingGrid", "Type"),
    QT_TRANSLATE_NOOP("MappingGrid", "Source column"),
    QT_TRANSLATE_NOOP("MappingGrid", "Expression"),
    QT_TRANSLATE_NOOP("MappingGrid", "Unit"),
    QT_TRANSLATE_NOOP("MappingGrid", "Sample values"),
)
UNIT_COLUMN, SAMPLE_COLUMN = 4, 5


class MappingGrid(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.detected: Detected | None = None
        self.table_name: str | None = None
        self.combos: dict[str, QComboBox] = {}
        self.units: dict[str, QComboBox] = {}

    def show_mapping(self, detected: Detected, table: str, profile: MappingProfile) -> None:
        """Fill the grid for ``table``: the profile's own columns, else the detected match."""
        self.detected, self.table_name = detected, table
        spec = TABLES[table]
        self.setRowCount(len(spec.columns))
        self.combos, self.units = {}, {}
        chosen = (
            dict(profile.columns)
            if profile.columns
            else {c: ColumnSource(header=h) for c, h in detected.matched.items()}
        )
        bold = QFont()
        bold.setBold(True)
        doc = table_doc(table)
        chinese = current_language() == "zh"
        for r, col in enumerate(spec.columns):
            about = doc.columns.get(col.name) if doc is not None else None
            shown = f"{col.name} {about.zh}" if chinese and about is not None else col.name
            name = QTableWidgetItem(shown + (" *" if col.required else ""))
            tips = [self.tr("Required")] if col.required else []
            if about is not None:  # what the column means, from the data dictionary
                tips.append(about.meaning_zh if chinese else about.meaning_en)
            if col.required:
                name.setFont(bold)
            name.setToolTip("\n".join(tips))
            self.setItem(r, 0, name)
            kind = about.type_zh if chinese and about is not None else col.kind
            self.setItem(r, 1, QTableWidgetItem(kind))
            combo = QComboBox()
            combo.addItems([self.tr(NONE), *detected.headers, self.tr(EXPR)])
            src = chosen.get(col.name)
            expr = ""
            if src is not None and src.header is not None and src.header in detected.headers:
                combo.setCurrentText(src.header)
            elif src is not None and src.expr is not None:
                combo.setCurrentText(self.tr(EXPR))
                expr = src.expr
            combo.currentTextChanged.connect(lambda _t, row=r: self._refresh_row(row))
            self.setCellWidget(r, 2, combo)
            self.combos[col.name] = combo
            self.setItem(r, 3, QTableWidgetItem(expr))
            if col.kind in ("rate", "money"):
                self._unit_combo(r, col.name, col.kind, src, detected)
            else:
                self.setItem(r, UNIT_COLUMN, QTableWidgetItem(""))
            self.setItem(r, SAMPLE_COLUMN, QTableWidgetItem(""))
            self._refresh_row(r)
        self.resizeColumnsToContents()

    def _unit_combo(
        self, row: int, name: str, kind: str, src: ColumnSource | None, detected: Detected
    ) -> None:
        """The unit choice: "(decide)" leaves it to the import, whose decision and evidence
        (from the detection) show as the tip; a unit chosen here goes into the mapping."""
        combo = QComboBox()
        combo.addItems([self.tr(AUTO), *(RATE_UNITS if kind == "rate" else MONEY_UNITS)])
        decided = detected.units.get(name) if self.table_name == detected.table else None
        if decided is not None:
            lang = current_language()
            combo.setItemText(0, self.tr("(decide: {0})").format(unit_word(decided.unit, lang)))
            combo.setToolTip(decided.evidence_in(lang))
        if src is not None and src.unit is not None:
            combo.setCurrentText(src.unit)
        self.setCellWidget(row, UNIT_COLUMN, combo)
        self.units[name] = combo

    def set_unit(self, column: str, unit: str | None) -> None:
        """Override the unit of a rate or money column (None: let the import decide)."""
        combo = self.units[column]
        if unit is None:
            combo.setCurrentIndex(0)
        else:
            combo.setCurrentText(unit)

    def _refresh_row(self, row: int) -> None:
        if self.detected is None or self.table_name is None:
            return
        col = TABLES[self.table_name].columns[row]
        text = self.combos[col.name].currentText()
        samples = (
            self.detected.samples.get(text, [])
            if text not in (self.tr(NONE), self.tr(EXPR))
            else []
        )
        item = self.item(row, SAMPLE_COLUMN)
        if item is not None:
            item.setText(", ".join(samples))
        name = self.item(row, 0)
        if name is not None:
            missing = col.required and text == self.tr(NONE)
            name.setBackground(QBrush(QColor("#f8d7da")) if missing else QBrush())

    def set_source(self, column: str, header: str | None, expr: str | None = None) -> None:
        """Map ``column`` to a source header, an expression, or nothing (tests, profiles)."""
        combo = self.combos[column]
        if expr is not None:
            combo.setCurrentText(self.tr(EXPR))
            row = list(self.combos).index(column)
            item = self.item(row, 3)
            if item is not None:
                item.setText(expr)
        else:
            combo.setCurrentText(header or self.tr(NONE))

    def profile(self, name: str = "") -> MappingProfile:
        """The mapping as the grid shows it, with the detected read options."""
        assert self.detected is not None and self.table_name is not None
        columns: dict[str, ColumnSource] = {}
        for r, (canon, combo) in enumerate(self.combos.items()):
            text = combo.currentText()
            unit_box = self.units.get(canon)
            unit = (
                unit_box.currentText() if unit_box is not None and unit_box.currentIndex() > 0
                else None
            )  # fmt: skip
            if text == self.tr(EXPR):
                item = self.item(r, 3)
                expr = item.text().strip() if item is not None else ""
                if expr:
                    columns[canon] = ColumnSource(expr=expr, unit=unit)
            elif text != self.tr(NONE):
                columns[canon] = ColumnSource(header=text, unit=unit)
        d = self.detected
        read = ReadOptions(
            d.encoding,
            d.delimiter,
            d.header_row,
            d.sheet,
            "," if d.decimal_comma else None,
        )
        return MappingProfile(
            table=self.table_name, columns=columns, read=read, auto=False, name=name
        )

    def missing_required(self) -> list[str]:
        if self.table_name is None:
            return []
        spec = TABLES[self.table_name]
        mapped = self.profile().columns
        return [c for c in spec.required if c not in mapped]
