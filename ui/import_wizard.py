"""The import wizard: choose files (drag and drop or a dialog), see what was detected in each
(layout, the lines above the data, the unit of each rate and money column with its evidence, the
columns that would be kept unmapped), adjust the mapping and the units, preview the would-be
rejects with the accounting of the previewed records (keys already in the case rejected as the
import would), save the mapping as a profile, then import in the background and read the
summary: every record accounted for, per file, with the rejects.

The wizard computes nothing itself: detection and preview run in workers over the core
(``auditor.ingest.preview``), and the import is the window's (``import_requested``), because the
case must be closed and reopened around it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from auditor.case.accounting import DESCRIBE_TEXT
from auditor.case.schema import TABLES
from auditor.db import q
from auditor.errors import AuditorError
from auditor.ingest.mapping import MappingProfile
from auditor.ingest.preview import Detected, KnownKeys, Preview, detect, preview
from ui.import_summary import RunPage, fill_table, reasons_in_language
from ui.language import current_language
from ui.mapping_grid import MappingGrid
from ui.workers import Task, Worker, WorkerPool


class FilesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Files to import"))
        self.setSubTitle(
            self.tr("Drop platform exports here (CSV, TSV, XLSX, Parquet), or add them.")
        )
        self.setAcceptDrops(True)
        self.files = QListWidget()
        add = QPushButton(self.tr("Add files…"))
        remove = QPushButton(self.tr("Remove"))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.files)
        lay.addLayout(buttons)
        add.clicked.connect(self._browse)
        remove.clicked.connect(self._remove)

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_paths(self, paths: list[Path]) -> None:
        have = set(self.paths())
        for p in paths:
            if p.is_file() and p not in have:
                self.files.addItem(str(p))
        self.completeChanged.emit()

    def _browse(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files"), "", self.tr("Exports (*.csv *.tsv *.txt *.xlsx *.parquet)")
        )
        self.add_paths([Path(n) for n in names])

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.completeChanged.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    def isComplete(self) -> bool:
        return self.files.count() > 0


class MappingPage(QWizardPage):
    detected_all = Signal()
    previewed = Signal()

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Mapping"))
        self.setSubTitle(self.tr("Check what was detected in each file and how its columns map."))
        self.file = QComboBox()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = QComboBox()
        self.table.addItems(list(TABLES))
        self.grid = MappingGrid()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.save_button = QPushButton(self.tr("Save mapping as profile…"))
        self.loaded = QTableWidget()
        self.rejects = QTableWidget()
        self.preview_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File")))
        top.addWidget(self.file, 1)
        top.addWidget(QLabel(self.tr("Table")))
        top.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_label, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.loaded)
        lower.addWidget(self.rejects)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.grid)
        split.addWidget(lower)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.info)
        lay.addLayout(buttons)
        lay.addWidget(split, 1)
        self.detections: dict[Path, Detected] = {}
        self.profiles: dict[Path, MappingProfile] = {}
        self.last_preview: Preview | None = None
        self.file.currentTextChanged.connect(self._show_file)
        self.table.currentTextChanged.connect(self._change_table)
        self.preview_button.clicked.connect(self.run_preview)
        self.save_button.clicked.connect(self._save_dialog)

    def initializePage(self) -> None:
        paths = self.wiz.files_page.paths()
        self.detections, self.profiles = {}, {}
        self.file.clear()
        self.info.setText(self.tr("Reading {0} files…").format(len(paths)))

        def work(task: Task) -> dict[Path, Detected | AuditorError]:
            out: dict[Path, Detected | AuditorError] = {}
            for i, p in enumerate(paths):
                task.check()
                task.progress(p.name, i / max(1, len(paths)))
                try:
                    out[p] = detect(p)
                except AuditorError as e:
                    out[p] = e
            return out

        worker = Worker(work, name="detect")
        worker.signals.result.connect(self._detected)
        worker.signals.error.connect(self.wiz.error.emit)
        self.wiz.workers.start(worker)

    def _detected(self, found: dict[Path, Detected | AuditorError]) -> None:
        problems = []
        for p, d in found.items():
            if isinstance(d, AuditorError):
                problems.append(f"{p.name}: {d}")
                continue
            self.detections[p] = d
            if d.table:
                self.profiles[p] = MappingProfile(table=d.table)
        self.file.blockSignals(True)
        self.file.clear()
        self.file.addItems([str(p) for p in self.detections])
        self.file.blockSignals(False)
        self._show_file(self.file.currentText())
        if problems:
            self.info.setText("\n".join(problems))
        self.completeChanged.emit()
        self.detected_all.emit()

    def current(self) -> Path | None:
        return Path(self.file.currentText()) if self.file.currentText() else None

    def _show_file(self, text: str) -> None:
        path = Path(text) if text else None
        d = self.detections.get(path) if path else None
        if d is None:
            return
        layout = [self.tr("format {0}").format(d.format)]
        for label, v in (
            (self.tr("encoding {0}"), d.encoding),
            (self.tr("delimiter {0}"), repr(d.delimiter) if d.delimiter else None),
            (self.tr("header row {0}"), d.header_row),
            (self.tr("sheet {0}"), d.sheet),
        ):
            if v is not None:
                layout.append(label.format(v))
        guess = d.table or self.tr("no table fits: choose one and map the required columns")
        lines = [" · ".join(layout), self.tr("detected table: {0}").format(guess)]
        if d.skipped:
            said = DESCRIBE_TEXT.get(current_language(), DESCRIBE_TEXT["en"])
            kinds = ", ".join(f"{s.row} {said.get(s.kind, s.kind)}" for s in d.skipped[:6])
            lines.append(self.tr("lines above the data: {0}").format(kinds))
        if d.unmapped:
            lines.append(
                self.tr("kept unmapped beside each row: {0}").format(", ".join(d.unmapped[:12]))
            )
        lines += list(d.notes)
        self.info.setText("\n".join(lines))
        table = (self.profiles.get(d.path) or MappingProfile()).table or d.table or "loans"
        self.table.blockSignals(True)
        self.table.setCurrentText(table)
        self.table.blockSignals(False)
        self.grid.show_mapping(d, table, self.profiles.get(d.path) or MappingProfile(table=table))

    def _change_table(self, table: str) -> None:
        path = self.current()
        if path is None or path not in self.detections:
            return
        self.profiles[path] = MappingProfile(table=table)
        self.grid.show_mapping(self.detections[path], table, MappingProfile(table=table))

    def store(self) -> None:
        """Keep the grid's mapping for the current file."""
        path = self.current()
        if path is not None and self.grid.table_name:
            self.profiles[path] = self.grid.profile()

    def run_preview(self) -> None:
        path = self.current()
        if path is None:
            return
        self.store()
        profile = self.profiles[path]
        self.preview_label.setText(self.tr("Previewing…"))
        keys = self.wiz.known_keys
        worker = Worker(lambda _t: preview(path, profile, known_keys=keys), name="preview")
        worker.signals.result.connect(self._previewed)
        worker.signals.error.connect(self._preview_failed)
        self.wiz.workers.start(worker)

    def _previewed(self, p: Preview) -> None:
        self.last_preview = p
        r = p.result
        text = self.tr("First {0} rows: {1} would load, {2} would be rejected").format(
            f"{r.rows_read:,}", f"{r.rows_loaded:,}", f"{r.rows_rejected:,}"
        )
        if r.accounting is not None:
            text += "\n" + r.accounting.describe(current_language())
        self.preview_label.setText(text)
        fill_table(self.loaded, p.columns, p.rows)
        fill_table(
            self.rejects,
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")],
            reasons_in_language(p.rejects),
        )
        for row in range(self.rejects.rowCount()):
            for col in range(self.rejects.columnCount()):
                item = self.rejects.item(row, col)
                if item is not None:
                    item.setForeground(Qt.GlobalColor.darkRed)
        self.previewed.emit()

    def _preview_failed(self, e: AuditorError) -> None:
        self.preview_label.setText(str(e))
        self.last_preview = None
        self.previewed.emit()

    def save_mapping(self, path: Path) -> None:
        self.store()
        current = self.current()
        if current is not None:
            self.profiles[current].save(path)

    def _save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save mapping profile"),
            "mapping.toml",
            self.tr("Mapping profiles (*.toml)"),
        )
        if name:
            self.save_mapping(Path(name))

    def isComplete(self) -> bool:
        return bool(self.detections)

    def validatePage(self) -> bool:
        self.store()
        return True


class ImportWizard(QWizard):
    import_requested = Signal(list)  # [(Path, MappingProfile)]
    error = Signal(object)

    def __init__(
        self,
        workers: WorkerPool,
        parent: QWidget | None = None,
        known_keys: KnownKeys | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import exports"))
        self.workers = workers
        # Which keys the case already holds, so the preview rejects them as the import would.
        self.known_keys = known_keys
        self.files_page = FilesPage()
        self.mapping_page = MappingPage(self)
        self.run_page = RunPage(self)
        for page in (self.files_page, self.mapping_page, self.run_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(1000, 700)


def keys_in_case(cursor: Callable[[], duckdb.DuckDBPyConnection]) -> KnownKeys:
    """A lookup of the keys a case already holds, on cursors of the open case (read only)."""

    def lookup(
        table: str, key: tuple[str, ...], keys: list[tuple[Any, ...]]
    ) -> list[tuple[Any, ...]]:
        cur = cursor()
        try:
            exists = cur.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
                "AND table_name = $t",
                {"t": table},
            ).fetchall()[0][0]
            if not exists:
                return []
            joined = " || chr(31) || ".join(f"coalesce(CAST({q(k)} AS VARCHAR), '')" for k in key)
            wanted = [chr(31).join("" if v is None else str(v) for v in k) for k in keys]
            cols = ", ".join(q(k) for k in key)
            rows = cur.execute(
                f"SELECT DISTINCT {cols} FROM {q(table)} WHERE {joined} IN (SELECT unnest($w))",
                {"w": wanted},
            ).fetchall()
            return [tuple(r) for r in rows]
        finally:
            cur.close()

    return lookup
