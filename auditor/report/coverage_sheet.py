"""The report's "Coverage" sheet: every check of the library, whether the case lets it run (in
full, in part, or not at all), which of its tests ran, and exactly which tables and columns it
lacks. It reads the same coverage decision the runner acted on (``auditor.engine.coverage``)."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill

from auditor.engine.check_text import check_text
from auditor.engine.coverage import CheckCoverage
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell
from auditor.report.lang import sheet, words
from auditor.report.lang import wrap as wrap_lines
from auditor.report.printing import page_setup, repeat_rows

SHEET = "Coverage"
STATUS = {
    "en": {"runs": "yes", "partial": "in part", "not_run": "no"},
    "zh": {"runs": "完整运行", "partial": "部分运行", "not_run": "无法运行"},
}
FILL = {
    "runs": PatternFill("solid", fgColor="C6EFCE"),
    "partial": PatternFill("solid", fgColor="FFE699"),
    "not_run": PatternFill("solid", fgColor="D9D9D9"),
}
WIDTHS = (9, 14, 50, 9, 40, 50, 50)
COLUMNS = {
    "en": ("Check", "Family", "Title", "Can run", "Tests run", "Tests skipped", "Lacks"),
    "zh": ("检查项", "类别", "名称", "能否运行", "已运行的测试", "跳过的测试", "缺少的数据"),
}
TEXT = {
    "en": {
        "title": "What the data lets the checks do",
        "line": "{total} checks: {full} can run in full, {part} in part, {none} cannot run on "
        "this case. A check made of tests runs those whose inputs the case holds; a column no "
        "row fills counts as missing. `auditor data-request` writes what to ask the platform "
        "for.",
        "needs": " (needs {lacks})",
        "sep": "; ",
    },
    "zh": {
        "title": "现有数据能支持哪些检查项",
        "line": "共 {total} 个检查项：{full} 个可完整运行，{part} 个只能部分运行，{none} 个无法在本"
        "案卷上运行。由多项测试组成的检查项，只运行案卷中具备所需数据的测试；没有任何一行填写的字段"
        "视为缺失。`auditor data-request` 可生成需向平台调取的数据需求清单。",
        "needs": "（缺少 {lacks}）",
        "sep": "；",
    },
}


def write_coverage_sheet(wb: Workbook, coverage: Sequence[CheckCoverage], lang: str = "en") -> str:
    from openpyxl.utils import get_column_letter

    text, status = words(TEXT, lang), words(STATUS, lang)
    ws = wb.create_sheet(sheet("coverage", lang))
    page_setup(ws)  # before the first row: write-only sheets write their setup first
    repeat_rows(ws, 4)  # the column headings on every printed page
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    full = sum(1 for c in coverage if c.status == "runs")
    part = sum(1 for c in coverage if c.status == "partial")
    ws.append([cell(ws, text["title"], font=TITLE)])
    line = text["line"].format(
        total=len(coverage), full=full, part=part, none=len(coverage) - full - part
    )
    ws.append([cell(ws, line)])
    ws.append([])
    ws.append([cell(ws, name, font=BOLD, fill=HEADER_FILL) for name in words(COLUMNS, lang)])
    top = Alignment(wrap_text=True, vertical="top")
    for at, cov in enumerate(coverage, start=5):  # below the title, the count and the headings
        says = check_text(cov.check, lang)
        ran = [says.test_title(t.name) for t in cov.tests if t.runs] if cov.can_run else []
        skipped = [
            says.test_title(t.name)
            + (text["needs"].format(lacks=", ".join(str(x) for x in t.lacks)) if t.lacks else "")
            for t in cov.tests
            if says.test_title(t.name) not in ran
        ]
        row = [
            cell(ws, cov.check.id),
            cell(ws, says.family),
            cell(ws, says.title),
            cell(ws, status[cov.status], fill=FILL[cov.status]),
            cell(ws, text["sep"].join(ran)),
            cell(ws, text["sep"].join(skipped)),
            cell(ws, ", ".join(str(x) for x in cov.all_lacks())),
        ]
        for c in row:  # every cell at the top of its row, the long ones wrapped
            c.alignment = top
        # Wrapped text needs its row's height given: spreadsheets do not grow rows on open.
        tall = max(
            len(wrap_lines(str(c.value or ""), max(1, width - 2)))
            for c, width in zip(row, WIDTHS, strict=True)
        )
        if tall > 1:
            ws.row_dimensions[at].height = 15 * tall + 2
        ws.append(row)
    return ws.title
