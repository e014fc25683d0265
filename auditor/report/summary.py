"""The Summary sheet: every check of the library, findings first.

Ordered by severity (high, medium, information), then by status (findings, failures, not run,
not yet run, passed, information), then by id. Each row names the family in words, says what
its "Amount" means for that check and in which currency, counts with separators, leaves the
loan and borrower counts blank when the check does not count them (rather than a false 0), says
when the result is stale and why (in its notes), and links to the check's sheet (which links
back). The basis, on each check's sheet too, is in the file but not printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor.engine.check_text import check_text
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, HEADER_FILL, LINK, MONEY, SEVERITY_FILL, STATUS_FILL, cell
from auditor.report.lang import (
    money_format,
    severity_words,
    status_words,
    words,
    wrap,
)
from auditor.report.printing import print_area

HEADER = {
    "en": (
        "ID", "Title", "Family", "Severity", "Status", "Finding rows", "Loans", "Borrowers",
        "Amount ({currency})", "What the amount is", "Notes",
        "Basis",
    ),
    "zh": (
        "编号", "检查项", "类别", "严重程度", "状态", "问题行数", "借据数", "借款人数",
        "金额（{currency}）", "金额含义", "备注",
        "依据",
    ),
}  # fmt: skip
TEXT = {
    "en": {
        "stale": "{status} (stale)",
        "not_yet_note": "The check has not been run on this case.",
        "stale_note": "Data changed since the run: {changes}. {note}",
    },
    "zh": {
        "stale": "{status}（已过时）",
        "not_yet_note": "该检查项尚未在本案卷上运行。",
        "stale_note": "运行后数据已变动：{changes}。{note}",
    },
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "info": 2}
STATUS_ORDER = {
    "finding": 0, "error": 1, "cancelled": 2, "not_run": 3, "not_yet_run": 4, "pass": 5,
    "info": 6,
}  # fmt: skip
STALE_FILL = PatternFill("solid", fgColor="FFE699")
WIDTHS = (9, 38, 12, 10, 12, 9, 8, 10, 14, 26, 30, 60)
PRINTED_COLUMNS = "K"  # the Basis (each check's sheet gives it) is not printed
COUNT = "#,##0"
WRAP = Alignment(wrap_text=True, vertical="top")


def _lines(text: str, width: float) -> int:
    return len(wrap(text, max(1, int(width) - 2)))


@dataclass(frozen=True)
class SummaryLine:
    """One check as the Summary lists it: a run, or a check not yet run."""

    check: CheckSpec
    run: CheckRun | None

    @property
    def status(self) -> str:
        return self.run.status if self.run is not None else "not_yet_run"

    def order(self) -> tuple[int, int, str]:
        return (
            SEVERITY_ORDER.get(self.check.severity, 9),
            STATUS_ORDER.get(self.status, 9),
            self.check.id,
        )


def summary_lines(runs: Sequence[CheckRun], not_yet_run: Sequence[CheckSpec]) -> list[SummaryLine]:
    lines = [SummaryLine(r.check, r) for r in runs]
    lines += [SummaryLine(c, None) for c in not_yet_run]
    return sorted(lines, key=SummaryLine.order)


def write_summary(
    ws: WriteOnlyWorksheet,
    lines: Sequence[SummaryLine],
    sheets: Mapping[str, str],
    evidence_note: Mapping[str, str],
    stale: Mapping[str, Sequence[str]],
    currency: str,
    lang: str = "en",
) -> None:
    from openpyxl.utils import get_column_letter

    text = words(TEXT, lang)
    status_word, severity_word = status_words(lang), severity_words(lang)
    money = money_format(currency, lang) if lang == "zh" else MONEY

    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C2"
    print_area(ws, PRINTED_COLUMNS, len(lines) + 1)
    header = [h.format(currency=currency) for h in words(HEADER, lang)]
    ws.row_dimensions[1].height = 30
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL, wrap=True) for h in header])
    for at, line in enumerate(lines, start=2):
        c, r = line.check, line.run
        first = cell(ws, c.id, wrap=True)
        if c.id in sheets:
            first.hyperlink = Hyperlink(ref="", location=f"'{sheets[c.id]}'!A1")
            first.font = LINK
        words_of = check_text(c, lang)
        status = status_word.get(line.status, line.status)
        changed = stale.get(c.id, ())
        if changed:
            status = text["stale"].format(status=status)
        fill = STALE_FILL if changed else STATUS_FILL.get(line.status, STATUS_FILL["not_run"])
        rule = c.finding
        counted = r is not None and r.status == "finding"
        borrowers = r.borrowers if counted and r and rule.borrower else None
        note = text["not_yet_note"] if r is None else evidence_note.get(c.id, r.reason_in(lang))
        if changed:
            note = text["stale_note"].format(changes="; ".join(changed), note=note).strip()
        # Wrapped text needs its row's height given: spreadsheets do not grow rows on open.
        amount_means = words_of.amount_label if rule.amount else ""
        tall = max(
            _lines(words_of.title, WIDTHS[1]),
            _lines(amount_means, WIDTHS[9]),
            _lines(note or "", WIDTHS[10]),
        )
        if tall > 1:
            ws.row_dimensions[at].height = 15 * tall + 2
        ws.append(
            [
                first,
                cell(ws, words_of.title, wrap=True),
                cell(ws, words_of.family, wrap=True),
                cell(ws, severity_word.get(c.severity, c.severity),
                     fill=SEVERITY_FILL[c.severity], wrap=True),
                cell(ws, status, fill=fill, wrap=True),
                cell(ws, r.finding_rows if counted and r else None, COUNT, wrap=True),
                cell(ws, r.loans if counted and r and rule.loan else None, COUNT, wrap=True),
                cell(ws, borrowers, COUNT, wrap=True),
                cell(ws, r.amount if counted and r else None, money, wrap=True),
                cell(ws, amount_means or None, wrap=True),
                cell(ws, note, wrap=True),
                cell(ws, words_of.basis),
            ]
        )  # fmt: skip
