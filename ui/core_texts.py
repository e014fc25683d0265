"""The core's own user-visible words, translated for the desktop.

The core (``auditor/``) is Qt-free and speaks English: run statuses, the audit log's action
names and sentences, the grid's filter words, progress steps and the Overview's chart titles and
series (a check's own words, its family and severity come from ``check_text`` and the
glossary). They are marked here, in the context ``Core``, so that ``pyside6-lupdate`` collects
them into the same ``.ts`` as the rest of the interface; ``core_text`` translates one at run
time. A test keeps these lists equal to the core's tables, so a word the core adds is not left
in English.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from auditor.results.chart_data import ChartData
from auditor.results.log_text import detail_text
from ui.window_common import QT_TRANSLATE_NOOP

CONTEXT = "Core"

ACTION_WORDS = (  # auditor.results.log_text.ACTIONS
    QT_TRANSLATE_NOOP("Core", "Case created"),
    QT_TRANSLATE_NOOP("Core", "Import"),
    QT_TRANSLATE_NOOP("Core", "Check run"),
    QT_TRANSLATE_NOOP("Core", "Base layer built"),
    QT_TRANSLATE_NOOP("Core", "APR computed"),
    QT_TRANSLATE_NOOP("Core", "Outage links built"),
    QT_TRANSLATE_NOOP("Core", "Report written"),
    QT_TRANSLATE_NOOP("Core", "Workbook re-run"),
)
STATUS_WORDS = {  # a run's status as the case tree shows it
    "pass": QT_TRANSLATE_NOOP("Core", "pass"),
    "info": QT_TRANSLATE_NOOP("Core", "info"),
    "not_run": QT_TRANSLATE_NOOP("Core", "not run"),
    "error": QT_TRANSLATE_NOOP("Core", "error"),
    "cancelled": QT_TRANSLATE_NOOP("Core", "cancelled"),
    "finding": QT_TRANSLATE_NOOP("Core", "finding"),
}
LOG_STATUS = {  # auditor.results.log_text.STATUS
    "pass": QT_TRANSLATE_NOOP("Core", "pass"),
    "finding": QT_TRANSLATE_NOOP("Core", "finding"),
    "info": QT_TRANSLATE_NOOP("Core", "information"),
    "not_run": QT_TRANSLATE_NOOP("Core", "not run"),
    "error": QT_TRANSLATE_NOOP("Core", "error"),
    "cancelled": QT_TRANSLATE_NOOP("Core", "cancelled"),
}
LOG_TEXT = {  # auditor.results.log_text.TEXT: each audit-log entry as a sentence
    "case_created": QT_TRANSLATE_NOOP("Core", "{file}"),
    "import": QT_TRANSLATE_NOOP(
        "Core", "{file} into {table}: {read} rows read, {loaded} loaded, {rejected} rejected"
    ),
    "check_run": QT_TRANSLATE_NOOP("Core", "{id}: {status}"),
    "findings": QT_TRANSLATE_NOOP("Core", "{n} finding rows"),
    "loans": QT_TRANSLATE_NOOP("Core", "{n} loans"),
    "borrowers": QT_TRANSLATE_NOOP("Core", "{n} borrowers"),
    "amount": QT_TRANSLATE_NOOP("Core", "amount {n}"),
    "rows": QT_TRANSLATE_NOOP("Core", "{n} rows"),
    "as_of": QT_TRANSLATE_NOOP("Core", "as of {date}"),
    "seconds": QT_TRANSLATE_NOOP("Core", "{s:.2f} s"),
    "base_built": QT_TRANSLATE_NOOP("Core", "as of {as_of}, clearing by {clearing}"),
    "apr_built": QT_TRANSLATE_NOOP("Core", "{loans} loans"),
    "report": QT_TRANSLATE_NOOP("Core", "{file}: {checks} checks, {rows} evidence rows"),
    "workbook_rerun": QT_TRANSLATE_NOOP("Core", "{file}, as of {as_of}"),
    "separator": QT_TRANSLATE_NOOP("Core", ", "),
    "aside": QT_TRANSLATE_NOOP("Core", " ({0})"),
}
PROGRESS_WORDS = (QT_TRANSLATE_NOOP("Core", "done"),)  # the last progress step of a job
FILTER_WORDS = (  # auditor.results.grid_query.FILTER_OPS
    QT_TRANSLATE_NOOP("Core", "contains"),
    QT_TRANSLATE_NOOP("Core", "equals"),
    QT_TRANSLATE_NOOP("Core", "differs from"),
    QT_TRANSLATE_NOOP("Core", "less than"),
    QT_TRANSLATE_NOOP("Core", "at most"),
    QT_TRANSLATE_NOOP("Core", "greater than"),
    QT_TRANSLATE_NOOP("Core", "at least"),
    QT_TRANSLATE_NOOP("Core", "is empty"),
    QT_TRANSLATE_NOOP("Core", "is not empty"),
)
UNIT_WORDS = (QT_TRANSLATE_NOOP("Core", "percentage points"),)  # auditor.engine.labels.UNITS
OVERVIEW_CHART_WORDS = (  # auditor.results.overview: titles, axes and series
    QT_TRANSLATE_NOOP("Core", "Overdue rate by balance, M1+ and M3+"),
    QT_TRANSLATE_NOOP("Core", "month_end"),
    QT_TRANSLATE_NOOP("Core", "Outage harm by incident"),
    QT_TRANSLATE_NOOP("Core", "incident_id"),
    QT_TRANSLATE_NOOP("Core", "harmed installments"),
    QT_TRANSLATE_NOOP("Core", "reports to correct"),
    QT_TRANSLATE_NOOP("Core", "Recomputed APR (nominal) per loan"),
    QT_TRANSLATE_NOOP("Core", "apr_nominal"),
)


def core_text(text: str) -> str:
    """``text`` in the interface's language (itself when it is not one of the core's words)."""
    return QCoreApplication.translate(CONTEXT, text)


def log_detail(action: str, detail: object) -> str:
    """An audit-log entry as a sentence in the interface's language."""
    words = {k: core_text(v) for k, v in LOG_TEXT.items()}
    statuses = {k: core_text(v) for k, v in LOG_STATUS.items()}
    return detail_text(action, detail, words, statuses)


def status_word(status: str) -> str:
    return core_text(STATUS_WORDS.get(status, status))


def overview_chart(data: ChartData | None) -> ChartData | None:
    """An Overview chart with its title, axis and series names translated."""
    if data is None:
        return None
    return dataclasses.replace(
        data,
        title=core_text(data.title),
        x=core_text(data.x),
        names=[core_text(n) for n in data.names],
    )
