"""The report's "Coverage" sheet: every check of the library, whether the case lets it run (in
full, in part, or not at all), which of its tests ran, and exactly which tables and columns it
lacks. It reads the same coverage decision the runner acted on (``auditor.engine.coverage``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill

from auditor.engine.checks import FAMILIES
from auditor.engine.coverage import CheckCoverage
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell
from auditor.report.printing import page_setup, repeat_rows

SHEET = "Coverage"
STATUS = {"runs": "yes", "partial": "in part", "not_run": "no"}
FILL = {
    "runs": PatternFill("solid", fgColor="C6EFCE"),
    "partial": PatternFill("solid", fgColor="FFE699"),
    "not_run": PatternFill("solid", fgColor="D9D9D9"),
}
COLUMNS = (
    ("Check", 9),
    ("Family", 14),
    ("Title", 50),
    ("Can run", 9),
    ("Tests run", 40),
    ("Tests skipped", 50),
    ("Lacks", 50),
)


def write_coverage_sheet(wb: Workbook, coverage: Sequence[CheckCoverage]) -> str:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET)
    page_setup(ws)  # before the first row: write-only sheets write their setup first
    repeat_rows(ws, 4)  # the column headings on every printed page
    for i, (_name, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    full = sum(1 for c in coverage if c.status == "runs")
    part = sum(1 for c in coverage if c.status == "partial")
    ws.append([cell(ws, "What the data lets the checks do", font=TITLE)])
    ws.append(
        [
            cell(
                ws,
                f"{len(coverage)} checks: {full} can run in full, {part} in part, "
                f"{len(coverage) - full - part} cannot run on this case. A check made of tests "
                "runs those whose inputs the case holds; a column no row fills counts as "
                "missing. `auditor data-request` writes what to ask the platform for.",
            )
        ]
    )
    ws.append([])
    ws.append([cell(ws, name, font=BOLD, fill=HEADER_FILL) for name, _w in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for at, cov in enumerate(coverage, start=5):  # below the title, the count and the headings
        ran = [t.title for t in cov.tests if t.runs] if cov.can_run else []
        skipped = [
            t.title + (f" (needs {', '.join(str(x) for x in t.lacks)})" if t.lacks else "")
            for t in cov.tests
            if t.title not in ran
        ]
        row = [
            cell(ws, cov.check.id),
            cell(ws, FAMILIES.get(cov.check.family, cov.check.family)),
            cell(ws, cov.check.title),
            cell(ws, STATUS[cov.status], fill=FILL[cov.status]),
            cell(ws, "; ".join(ran)),
            cell(ws, "; ".join(skipped)),
            cell(ws, ", ".join(str(x) for x in cov.all_lacks())),
        ]
        for c in row:  # every cell at the top of its row, the long ones wrapped
            c.alignment = wrap
        # Wrapped text needs its row's height given: spreadsheets do not grow rows on open.
        tall = max(
            len(textwrap.wrap(str(c.value or ""), max(1, width - 2))) or 1
            for c, (_name, width) in zip(row, COLUMNS, strict=True)
        )
        if tall > 1:
            ws.row_dimensions[at].height = 15 * tall + 2
        ws.append(row)
    return SHEET
