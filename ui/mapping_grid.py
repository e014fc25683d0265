"""The mapping grid of the import wizard: for each canonical column of the target table, the
source column it comes from (or a DuckDB expression over the source columns), with required
columns marked, the source's first values beside it, and for rate and money columns the unit
the import decided (with its evidence) and a choice to override it."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from auditor.case.schema import TABLES
from auditor.ingest.mapping import (
    MONEY_UNITS,
    RATE_UNITS,
    ColumnSource,
    MappingProfile,
    ReadOptions,
)
from auditor.ingest.preview import Detected

NONE = "(not mapped)"
EXPR = "(expression)"
AUTO = "(decide)"
HEADERS = ("Canonical column", "Type", "Source column", "Expression", "Unit", "Sample values")
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
        for r, col in enumerate(spec.columns):
            name = QTableWidgetItem(col.name + (" *" if col.required else ""))
            if col.required:
                name.setFont(bold)
                name.setToolTip(self.tr("Required"))
            self.setItem(r, 0, name)
            self.setItem(r, 1, QTableWidgetItem(col.kind))
            combo = QComboBox()
            combo.addItems([NONE, *detected.headers, EXPR])
            src = chosen.get(col.name)
            expr = ""
            if src is not None and src.header is not None and src.header in detected.headers:
                combo.setCurrentText(src.header)
            elif src is not None and src.expr is not None:
                combo.setCurrentText(EXPR)
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
        combo.addItems([AUTO, *(RATE_UNITS if kind == "rate" else MONEY_UNITS)])
        decided = detected.units.get(name) if self.table_name == detected.table else None
        if decided is not None:
            combo.setItemText(0, f"{AUTO[:-1]}: {decided.unit})")
            combo.setToolTip(decided.evidence)
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
        samples = self.detected.samples.get(text, []) if text not in (NONE, EXPR) else []
        item = self.item(row, SAMPLE_COLUMN)
        if item is not None:
            item.setText(", ".join(samples))
        name = self.item(row, 0)
        if name is not None:
            missing = col.required and text == NONE
            name.setBackground(QBrush(QColor("#f8d7da")) if missing else QBrush())

    def set_source(self, column: str, header: str | None, expr: str | None = None) -> None:
        """Map ``column`` to a source header, an expression, or nothing (tests, profiles)."""
        combo = self.combos[column]
        if expr is not None:
            combo.setCurrentText(EXPR)
            row = list(self.combos).index(column)
            item = self.item(row, 3)
            if item is not None:
                item.setText(expr)
        else:
            combo.setCurrentText(header or NONE)

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
            if text == EXPR:
                item = self.item(r, 3)
                expr = item.text().strip() if item is not None else ""
                if expr:
                    columns[canon] = ColumnSource(expr=expr, unit=unit)
            elif text != NONE:
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
