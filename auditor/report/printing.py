"""How the report prints: landscape, one page wide (``fitToPage`` set, so Excel and LibreOffice
honour it), the table header repeated on every page, a page header naming the inspection and
whether this is a draft or the final report, and a footer with the page number of the count and
the case's fingerprint, so a loose page says where it belongs.

Write-only sheets write their properties before the first row: ``page_setup`` must be called on
a sheet before anything is appended to it (the print area, repeated rows, header and footer
may follow later: they are written at the end).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

TEXT = {
    "en": {
        "draft": "DRAFT, not for signing",
        "final": "FINAL",
        "page": "Page &P of &N",
        "fingerprint": "Case {fingerprint}",
    },
    "zh": {
        "draft": "草稿，不得用于签署",
        "final": "正式报告",
        "page": "第 &P 页，共 &N 页",
        "fingerprint": "案卷 {fingerprint}",
    },
}


@dataclass(frozen=True)
class PageMarks:
    """What every printed page carries."""

    title: str
    final: bool
    fingerprint: str  # the case's (SHA-256, shortened on the page)
    lang: str = "en"


def page_setup(ws: WriteOnlyWorksheet, *, one_page: bool = False) -> None:
    """Landscape, one page wide (and one page tall for ``one_page``: the cover). Call before
    the first row is appended."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75


def _escape(text: str) -> str:
    """Text for a page header: ampersands doubled (they start codes), control characters
    shown as their pictures (as in cells)."""
    from auditor.report.cells import clean_text

    return clean_text(text).replace("&", "&&")


def mark_pages(ws: WriteOnlyWorksheet, marks: PageMarks) -> None:
    """Header: the inspection and draft or final; footer: the case fingerprint, the page
    number of the count, the sheet's name."""
    text = TEXT["zh"] if marks.lang == "zh" else TEXT["en"]
    status = text["final"] if marks.final else text["draft"]
    ws.oddHeader.left.text = _escape(marks.title[:120])
    ws.oddHeader.right.text = _escape(status)
    ws.oddHeader.right.color = "000000" if marks.final else "C00000"
    ws.oddFooter.left.text = _escape(text["fingerprint"].format(fingerprint=marks.fingerprint[:16]))
    ws.oddFooter.center.text = text["page"]
    ws.oddFooter.right.text = "&A"


def repeat_rows(ws: WriteOnlyWorksheet, first: int, last: int | None = None) -> None:
    """Print rows ``first``..``last`` at the top of every page (a table's header)."""
    ws.print_title_rows = f"{first}:{last or first}"


def print_area(ws: WriteOnlyWorksheet, last_column: str, last_row: int) -> None:
    ws.print_area = f"A1:{last_column}{max(1, last_row)}"
