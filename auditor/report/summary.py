"""The Summary sheet: every check of the library, findings first.

Ordered by severity (high, medium, information), then by status (findings, failures, not run,
not yet run, passed, information), then by id. Each row names the family in words, says what
its "Amount" means for that check and in which currency, counts with separators, leaves the
loan and borrower counts blank when the check does not count them (rather than a false 0), says
when the result is stale and why, and links to the check's sheet (which links back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor.engine.checks import FAMILIES, CheckSpec
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, HEADER_FILL, LINK, MONEY, SEVERITY_FILL, STATUS_FILL, cell

HEADER = (
        "ID", "Title", "Family", "Severity", "Status", "Finding rows", "Loans", "Borrowers",
        "Amount ({currency})", "What the amount is", "Evidence", "Data changed since the run",
        "Basis",
)  # fmt: skip
TEXT = {
    "stale": "{status} (stale)",
    "not_yet_note": "The check has not been run on this case.",
}
STATUS_WORDS = {
    "finding": "Finding",
    "pass": "Pass",
    "info": "Information",
    "not_run": "Not run",
    "error": "Error",
    "cancelled": "Cancelled",
    "not_yet_run": "Not yet run",
}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "info": "Information"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "info": 2}
STATUS_ORDER = {
    "finding": 0, "error": 1, "cancelled": 2, "not_run": 3, "not_yet_run": 4, "pass": 5,
    "info": 6,
}  # fmt: skip
STALE_FILL = PatternFill("solid", fgColor="FFE699")
WIDTHS = (9, 56, 13, 12, 14, 12, 10, 11, 16, 34, 34, 34, 60)
COUNT = "#,##0"
WRAP = Alignment(wrap_text=True, vertical="top")


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
) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C2"
    header = [h.format(currency=currency) for h in HEADER]
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL, wrap=True) for h in header])
    for line in lines:
        c, r = line.check, line.run
        first = cell(ws, c.id)
        if c.id in sheets:
            first.hyperlink = Hyperlink(ref="", location=f"'{sheets[c.id]}'!A1")
            first.font = LINK
        status = STATUS_WORDS.get(line.status, line.status)
        changed = stale.get(c.id, ())
        if changed:
            status = TEXT["stale"].format(status=status)
        fill = STALE_FILL if changed else STATUS_FILL.get(line.status, STATUS_FILL["not_run"])
        rule = c.finding
        counted = r is not None and r.status == "finding"
        note = evidence_note.get(c.id, r.reason) if r is not None else TEXT["not_yet_note"]
        ws.append(
            [
                first,
                cell(ws, c.title, wrap=True),
                cell(ws, FAMILIES.get(c.family, c.family)),
                cell(ws, SEVERITY_WORDS.get(c.severity, c.severity),
                     fill=SEVERITY_FILL[c.severity]),
                cell(ws, status, fill=fill),
                cell(ws, r.finding_rows if counted and r else None, COUNT),
                cell(ws, r.loans if counted and r and rule.loan else None, COUNT),
                cell(ws, r.borrowers if counted and r and rule.borrower else None, COUNT),
                cell(ws, r.amount if counted and r else None, MONEY),
                cell(ws, c.labels.amount if rule.amount else None, wrap=True),
                cell(ws, note, wrap=True),
                cell(ws, "; ".join(changed) if changed else None, wrap=True),
                cell(ws, c.basis, wrap=True),
            ]
        )  # fmt: skip
