"""Tabs for reviewing a case: a drawn sample (what was drawn and how, the projection once
reviewed, the items) and the comparison of two exports (counts per table and every
difference)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.results.compare import SCHEMA
from auditor.results.sample_review import Projection
from ui.grid import ResultGrid
from ui.result_model import CursorFactory
from ui.workers import WorkerPool


def _text(lines: list[tuple[str, Any]]) -> str:
    out = []
    for label, value in lines:
        shown = str(value)
        if len(shown) > 300:
            shown = shown[:297] + "…"
        out.append(f"<b>{label}</b>: {shown.replace('<', '&lt;')}")
    return "<br>".join(out)


class SampleTab(QWidget):
    save_requested = Signal(int)  # sample id
    review_requested = Signal(int)

    def __init__(
        self,
        sample_id: int,
        lines: list[tuple[str, Any]],
        table: str,
        cursor_factory: CursorFactory,
        workers: WorkerPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sample_id = sample_id
        self.about = QLabel(_text(lines))
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.projection = QLabel(self.tr("Not reviewed yet."))
        self.projection.setTextFormat(Qt.TextFormat.RichText)
        self.projection.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save for the reviewer (XLSX)…"))
        self.review_button = QPushButton(self.tr("Read the review…"))
        self.grid = ResultGrid(cursor_factory, workers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.addWidget(self.about)
        tl.addLayout(buttons)
        tl.addWidget(self.projection)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.grid)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.sample_id))
        self.review_button.clicked.connect(lambda: self.review_requested.emit(self.sample_id))
        self.grid.show_table(table)

    def show_projection(self, p: Projection) -> None:
        lines: list[tuple[str, Any]] = []
        for label, value in p.lines():
            pct = isinstance(value, float) and ("rate" in label.lower() or "at " in label)
            lines.append((label, f"{value:.2%}" if pct else value))
        for s in p.strata:
            lines.append(
                (
                    self.tr("Stratum {0}").format(s.stratum),
                    self.tr("{0} of {1} tested; {2}, upper limit {3}").format(
                        s.exceptions, s.tested, f"{s.rate:.2%}", f"{s.upper_limit:.2%}"
                    ),
                )
            )
        self.projection.setText(_text(lines))


class CompareTab(QWidget):
    """The latest comparison kept in the case: the counts per table above, the differences
    below (both paged from the case like any result)."""

    def __init__(
        self,
        heading: str,
        cursor_factory: CursorFactory,
        workers: WorkerPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.summary = ResultGrid(cursor_factory, workers)
        self.differences = ResultGrid(cursor_factory, workers)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.summary)
        split.addWidget(self.differences)
        split.setSizes([160, 500])
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(split)
        self.summary.show_table(f"{SCHEMA}.summary")
        self.differences.show_table(f"{SCHEMA}.differences")

    def release(self) -> None:
        self.summary.model.release()
        self.differences.model.release()
