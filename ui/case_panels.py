"""The docks around the tabs: the case tree (tables with row and reject counts, checks by
family with their status and finding counts, sources) and the audit log."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor.engine.check_text import family_word
from auditor.engine.checks import FAMILIES, CheckSpec
from auditor.engine.runner import CheckRun
from auditor.results.log_text import action_text
from ui.case_state import CaseFacts
from ui.core_texts import core_text, log_detail, status_word
from ui.language import current_language, texts

ROLE = Qt.ItemDataRole.UserRole
ICONS = {
    "pass": QStyle.StandardPixmap.SP_DialogApplyButton,
    "finding": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "not_run": QStyle.StandardPixmap.SP_DialogNoButton,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "cancelled": QStyle.StandardPixmap.SP_BrowserStop,
}


CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # Chinese characters, punctuation
UNIT = re.compile(rf"(\s*)([{CJK}]|[^\s{CJK}]+)")


def _wrap_units(text: str) -> list[tuple[str, str]]:
    """Where a line may break, with the gap the text has there: between words, and between
    any two Chinese characters (Chinese puts no spaces between words)."""
    return [(" " if gap else "", unit) for gap, unit in UNIT.findall(text)]


def status_text(run: CheckRun) -> str:
    if run.status == "finding":
        return QCoreApplication.translate("CaseTree", "{0} findings").format(
            f"{run.finding_rows:,}"
        )
    return status_word(run.status)


class CaseTreeDock(QDockWidget):
    check_activated = Signal(str)
    table_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case"))
        self.setObjectName("case_tree")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a check or table (Ctrl+F)"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Rows / status"), self.tr("Rejected")])
        # Full check titles: they go over as many lines as the column's width needs.
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.viewport().installEventFilter(self)  # a resize re-wraps the titles
        self.titles: dict[str, str] = {}
        self.statuses: dict[str, str] = {}
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.filter)
        lay.addWidget(self.tree)
        self.setWidget(body)
        self.check_items: dict[str, QTreeWidgetItem] = {}
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.filter.textChanged.connect(self._filter)

    def focus_filter(self) -> None:
        self.show()
        self.filter.setFocus()
        self.filter.selectAll()

    def show_case(self, facts: CaseFacts, library: dict[str, CheckSpec]) -> None:
        self.tree.clear()
        tables = QTreeWidgetItem([self.tr("Tables")])
        for name, rows, rejected in facts.tables:
            item = QTreeWidgetItem([name, f"{rows:,}", f"{rejected:,}"])
            item.setData(0, ROLE, ("table", name))
            tables.addChild(item)
        checks = QTreeWidgetItem([self.tr("Checks")])
        self.check_items = {}
        for family in FAMILIES:
            fam = QTreeWidgetItem([family_word(family, current_language())])
            for spec in library.values():
                if spec.family != family:
                    continue
                text = texts(spec)
                self.titles[spec.id] = f"{spec.id}  {text.title}"
                item = QTreeWidgetItem([self.titles[spec.id], ""])
                item.setToolTip(0, f"{spec.id} {text.title}\n{text.description}")
                item.setData(0, ROLE, ("check", spec.id))
                fam.addChild(item)
                self.check_items[spec.id] = item
            checks.addChild(fam)
        sources = QTreeWidgetItem([self.tr("Sources")])
        for s in facts.sources:
            item = QTreeWidgetItem(
                [s["file_name"], f"{s['rows_read']:,}", f"{s['rows_rejected']:,}"]
            )
            item.setToolTip(
                0,
                self.tr("{0}\nSHA-256 {1}\n→ {2}").format(
                    s["path"], s["sha256"], s["target_table"]
                ),
            )
            sources.addChild(item)
        self.tree.addTopLevelItems([tables, checks, sources])
        for top in (tables, checks, sources):
            top.setExpanded(True)
        for k in range(checks.childCount()):
            fam_item = checks.child(k)
            if fam_item is not None:
                fam_item.setExpanded(True)
        for item in self.check_items.values():
            item.setFirstColumnSpanned(True)  # the title gets the whole width
        self.tree.resizeColumnToContents(1)
        self._rewrap()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.tree.viewport():
            self._rewrap()
        return super().eventFilter(watched, event)

    def _rewrap(self) -> None:
        """Break each check's title (and its status, after it) into lines that fit the
        tree's width: a tree view does not wrap text by itself, it cuts it."""
        if not self.check_items:
            return
        metrics = QFontMetrics(self.tree.font())
        indent = 3 * self.tree.indentation() + 30  # two levels down, and the status icon
        width = max(self.tree.viewport().width() - indent, 120)
        for cid, item in self.check_items.items():
            words = _wrap_units(self.titles.get(cid, cid))
            status = self.statuses.get(cid)
            if status:
                words += [(" ", "·"), *_wrap_units(" " + status)]
            lines: list[str] = []
            for gap, word in words:
                joined = f"{lines[-1]}{gap}{word}" if lines else word
                if lines and metrics.horizontalAdvance(joined) <= width:
                    lines[-1] = joined
                else:
                    lines.append(word)
            text = "\n".join(lines)
            if item.text(0) != text:
                item.setText(0, text)

    def show_runs(
        self,
        runs: dict[str, CheckRun],
        staleness: Callable[[str], tuple[str, ...]] = lambda _c: (),
    ) -> None:
        """Each check's status; a stale result is marked and its tooltip says why."""
        style = self.style()
        for cid, item in self.check_items.items():
            run = runs.get(cid)
            if run is None:
                item.setText(1, "")
                item.setIcon(0, QIcon())
                self.statuses.pop(cid, None)
                continue
            stale = staleness(cid)
            text = status_text(run)
            shown = self.tr("{0} (stale)").format(text) if stale else text
            item.setText(1, shown)  # under the spanned title: read by the filter and tests
            self.statuses[cid] = shown
            item.setIcon(0, style.standardIcon(ICONS.get(run.status, ICONS["info"])))
            tip = run.reason_in(current_language()) or text
            if stale:
                tip = self.tr("Stale: {0}").format("; ".join(stale))
            item.setToolTip(1, tip)
            item.setForeground(0, QBrush(QColor("#8a5a00" if stale else "#000000")))
        self._rewrap()

    def _activated(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        data: Any = item.data(0, ROLE)
        if not data:
            return
        kind, name = data
        (self.check_activated if kind == "check" else self.table_activated).emit(name)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                self._filter_item(top, needle)

    def _filter_item(self, item: QTreeWidgetItem, needle: str) -> bool:
        data: Any = item.data(0, ROLE)
        title = self.titles.get(data[1], "") if data and data[0] == "check" else item.text(0)
        own = not needle or needle in " ".join(title.split()).lower()
        kids = (item.child(k) for k in range(item.childCount()))
        children = [self._filter_item(c, needle) for c in kids if c is not None]
        visible = own or any(children)
        item.setHidden(not visible)
        return visible


class AuditLogDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.setObjectName("audit_log")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Time"), self.tr("Action"), self.tr("Detail")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setWordWrap(False)
        self.setWidget(self.table)

    def show_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Entries as sentences; the full record is the detail's tooltip."""
        self.table.setRowCount(len(rows))
        for r, (seq, at, action, detail) in enumerate(rows):
            text = log_detail(action, detail)
            values = (
                str(seq),
                at.isoformat(sep=" ", timespec="seconds"),
                core_text(action_text(action)),
                text,
            )
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 3:
                    item.setToolTip(json.dumps(detail, ensure_ascii=False, indent=1, default=str))
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
