"""The import wizard's last page: the import running in the background, then its summary: per
file the records, loaded and rejected rows, the accounting that balances them and the file's
fingerprint; under it what the file's import said (units decided, columns kept unmapped, rows
skipped, warnings) and its rejected rows, with the reasons in the interface's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from auditor.case.accounting import DESCRIBE_TEXT
from auditor.errors import AuditorError
from auditor.ingest.importer import ImportResult
from auditor.ingest.mapping import MappingProfile
from auditor.ingest.reject_text import reject_reason
from ui.language import current_language

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


def fill_table(table: QTableWidget, headers: list[str], rows: list[tuple[Any, ...]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))
    table.resizeColumnsToContents()


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.progress = QProgressBar()
        self.status = QLabel()
        self.summary = QTableWidget()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.rejects = QTableWidget()
        lay = QVBoxLayout(self)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.summary)
        lay.addWidget(self.details)
        lay.addWidget(QLabel(self.tr("Rejected rows")))
        lay.addWidget(self.rejects)
        self.done = False
        self.results: list[ImportResult] = []
        self.summary.currentCellChanged.connect(lambda r, *_: self._show_rejects(r))
        self.reject_rows: dict[int, list[tuple[Any, ...]]] = {}

    def initializePage(self) -> None:
        self.done = False
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Importing in the background…"))
        plan = [
            (p, self.wiz.mapping_page.profiles.get(p, MappingProfile()))
            for p in self.wiz.mapping_page.detections
        ]
        self.wiz.import_requested.emit(plan)

    def show_progress(self, what: str, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(fraction * 100))
        self.status.setText(what)

    def show_results(
        self,
        results: list[ImportResult],
        rejects: dict[int, list[tuple[Any, ...]]],
        failures: list[str] | None = None,
    ) -> None:
        self.results, self.reject_rows = results, rejects
        self.progress.setRange(0, 100)
        self.progress.setValue(100)
        text = self.tr("{0} files imported.").format(len(results))
        for failure in failures or []:
            text += "\n" + self.tr("Not imported (the case is unchanged by it): {0}").format(
                failure
            )
        self.status.setText(text)
        headers = [
            self.tr("File"),
            self.tr("Table"),
            self.tr("Records"),
            self.tr("Loaded"),
            self.tr("Rejected"),
            self.tr("Accounting"),
            "SHA-256",
        ]
        fill_table(
            self.summary,
            headers,
            [
                (
                    r.path.name,
                    r.table,
                    f"{r.accounting.records:,}" if r.accounting else "",
                    f"{r.rows_loaded:,}",
                    f"{r.rows_rejected:,}",
                    r.accounting.describe(current_language()) if r.accounting else "",
                    r.sha256[:16] + "…",
                )
                for r in results
            ],
        )
        self.done = True
        self.completeChanged.emit()
        if results:
            self.summary.setCurrentCell(0, 0)
            self._show_rejects(0)

    def show_failure(self, error: AuditorError) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status.setText(
            self.tr(
                "Import stopped: {0}\nFiles imported before it stay in the case (see the tree); "
                "the file being imported left the case unchanged."
            ).format(error)
        )
        self.done = True
        self.completeChanged.emit()

    def _show_rejects(self, row: int) -> None:
        if not 0 <= row < len(self.results):
            return
        self.details.setText("\n".join(details(self.results[row])))
        rows = self.reject_rows.get(self.results[row].source_id, [])
        fill_table(
            self.rejects,
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")],
            reasons_in_language(rows),
        )

    def isComplete(self) -> bool:
        return self.done


def reasons_in_language(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Reject rows (row, column, value, reason) with the reason in the interface's language."""
    lang = current_language()
    return [(*row[:3], reject_reason(str(row[3] or ""), lang), *row[4:]) for row in rows]


def details(r: ImportResult) -> list[str]:
    """What the summary says of one file beyond the counts: units, unmapped, skipped, warnings."""
    lang = current_language()
    out = [u.describe(lang) for u in r.units if u.by != "default"]
    if r.unmapped:
        out.append(
            QCoreApplication.translate("ImportWizard", "kept unmapped in {0}: {1}").format(
                r.side_table, ", ".join(r.unmapped[:12])
            )
        )
    kinds = DESCRIBE_TEXT.get(lang, DESCRIBE_TEXT["en"])
    out += [
        QCoreApplication.translate("ImportWizard", "skipped row {0} ({1}): {2}").format(
            s.row, kinds.get(s.kind, s.kind), s.text[:60]
        )
        for s in r.skipped[:5]
    ]
    said = [(w.column, w.text(lang)) for w in r.said] if r.said else list(r.warnings)
    out += [
        QCoreApplication.translate("ImportWizard", "warning: {0}: {1}").format(c, w)
        for c, w in said
    ]
    return out
