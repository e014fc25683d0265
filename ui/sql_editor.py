"""The console's SQL editor: syntax highlighting and completion of keywords, tables and
columns (``schema.table`` and ``alias.column`` too), as examiners know from DBeaver."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit, QWidget

KEYWORDS = (
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "AS", "JOIN", "LEFT",
    "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "ON", "USING", "GROUP", "BY", "ORDER", "HAVING",
    "LIMIT", "OFFSET", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "WITH", "UNION", "ALL",
    "EXCEPT", "INTERSECT", "BETWEEN", "LIKE", "ILIKE", "ASC", "DESC", "NULLS", "FIRST", "LAST",
    "OVER", "PARTITION", "WINDOW", "ROWS", "RANGE", "CAST", "TRUE", "FALSE", "EXISTS", "FILTER",
    "QUALIFY", "SAMPLE", "INTERVAL", "DATE", "TIMESTAMP", "VALUES", "LATERAL",
)  # fmt: skip
FUNCTIONS = (
    "count", "sum", "avg", "min", "max", "round", "coalesce", "nullif", "abs", "greatest",
    "least", "date_trunc", "date_diff", "strftime", "extract", "year", "month", "day", "list",
    "string_agg", "median", "quantile_cont", "stddev", "lower", "upper", "trim", "length",
    "substr", "contains", "starts_with", "regexp_matches", "any_value", "arg_max", "arg_min",
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*$")


def _fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class SqlHighlighter(QSyntaxHighlighter):
    """Keywords, functions, strings, numbers, parameters and comments in their colours;
    block comments that span lines are followed across them."""

    RULES = (
        (re.compile(r"\b(?:" + "|".join(KEYWORDS) + r")\b", re.IGNORECASE), _fmt("#0033b3", True)),
        (re.compile(r"\b(?:" + "|".join(FUNCTIONS) + r")(?=\s*\()", re.IGNORECASE),
         _fmt("#00627a")),
        (re.compile(r"\b\d+(?:\.\d+)?\b"), _fmt("#1750eb")),
        (re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*"), _fmt("#871094", True)),
        (re.compile(r"'(?:[^']|'')*'?"), _fmt("#067d17")),
        (re.compile(r'"(?:[^"]|"")*"?'), _fmt("#7a3e9d")),
        (re.compile(r"--[^\n]*"), _fmt("#8c8c8c", italic=True)),
    )  # fmt: skip
    COMMENT = _fmt("#8c8c8c", italic=True)

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
        # /* ... */ across lines: state 1 means "inside a block comment".
        self.setCurrentBlockState(0)
        start = 0 if self.previousBlockState() == 1 else text.find("/*")
        while start >= 0:
            end = text.find("*/", start + (0 if self.previousBlockState() == 1 else 2))
            if end < 0:
                self.setCurrentBlockState(1)
                self.setFormat(start, len(text) - start, self.COMMENT)
                break
            self.setFormat(start, end + 2 - start, self.COMMENT)
            start = text.find("/*", end + 2)


class SqlEditor(QPlainTextEdit):
    """A plain-text editor that completes what is being typed (Ctrl+Space asks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.highlighter = SqlHighlighter(self.document())
        self.words: list[str] = []  # every word that completes
        self.shown = QStringListModel(self)  # those the popup lists now
        self.completer = QCompleter(self.shown, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)
        self.columns: dict[str, list[str]] = {}
        self.set_tables({})

    def set_tables(self, columns: dict[str, list[str]]) -> None:
        """Tables (``name`` or ``schema.name``) and their columns, for completion."""
        self.columns = dict(columns)
        names = set(KEYWORDS) | {f.lower() for f in FUNCTIONS} | set(columns)
        for cols in columns.values():
            names.update(cols)
        self.words = sorted(names, key=str.lower)

    def candidates(self, prefix: str) -> list[str]:
        """What completes ``prefix``: after ``table.`` or ``alias.`` that table's columns
        (an alias is looked up in the query's FROM and JOIN clauses), else any word."""
        if "." in prefix:
            head, _, tail = prefix.rpartition(".")
            table = self._table_of(head)
            if table in self.columns:
                return [f"{head}.{c}" for c in self.columns[table] if c.startswith(tail)]
            schema_tables = [t for t in self.columns if t.startswith(prefix)]
            return sorted(schema_tables)
        low = prefix.lower()
        return [w for w in self.words if w.lower().startswith(low)]

    def _table_of(self, name: str) -> str:
        if name in self.columns:
            return name
        text = self.toPlainText()
        m = re.search(
            r"\b(?:FROM|JOIN)\s+([A-Za-z_][\w.]*)\s+(?:AS\s+)?" + re.escape(name) + r"\b",
            text,
            re.IGNORECASE,
        )
        return m.group(1) if m else name

    def word_at_cursor(self) -> str:
        cursor = self.textCursor()
        text = cursor.block().text()[: cursor.positionInBlock()]
        m = _WORD.search(text)
        return m.group(0) if m else ""

    def insert_completion(self, word: str) -> None:
        prefix = self.word_at_cursor()
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        cursor.insertText(word)
        self.setTextCursor(cursor)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always has one
        return popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape,
        ):  # fmt: skip
            event.ignore()  # the completer's popup takes these
            return
        asked = (
            event.key() == Qt.Key.Key_Space
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if not asked:
            super().keyPressEvent(event)
        prefix = self.word_at_cursor()
        if not asked and (len(prefix) < 2 or not event.text() or not event.text()[-1:].strip()):
            popup.hide()
            return
        self.show_completions(prefix)

    def show_completions(self, prefix: str) -> list[str]:
        found = self.candidates(prefix)
        if not found:
            self._popup().hide()
            return found
        self.shown.setStringList(found)
        self.completer.setCompletionPrefix("")
        rect = self.cursorRect()
        rect.setWidth(max(240, self._popup().sizeHintForColumn(0) + 30))
        self.completer.complete(rect)
        return found
