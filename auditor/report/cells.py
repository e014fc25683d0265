"""Cell values and formats for the Excel report.

Text that Excel would read as a formula (starting with =, +, -, @, a tab or a carriage return)
is written as text, never as a formula: a loan id of ``=HYPERLINK(...)`` in a platform's export
must not become a live link in the examiner's report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MONEY = "#,##0.00"
INTEGER = "#,##0"
PERCENT = "0.00%"
DECIMAL = "0.0000"
DATE = "yyyy-mm-dd"
TIMESTAMP = "yyyy-mm-dd hh:mm:ss"
EXCEL_MAX_ROWS = 1_048_576

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINK = Font(underline="single", color="0563C1")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
SEVERITY_FILL = {
    "high": PatternFill("solid", fgColor="F8CBAD"),
    "medium": PatternFill("solid", fgColor="FFE699"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
STATUS_FILL = {
    "finding": PatternFill("solid", fgColor="FF9999"),
    "pass": PatternFill("solid", fgColor="C6EFCE"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
    "not_run": PatternFill("solid", fgColor="D9D9D9"),
    "error": PatternFill("solid", fgColor="FF0000"),
    "cancelled": PatternFill("solid", fgColor="D9D9D9"),
}


def print_setup(ws: WriteOnlyWorksheet) -> None:
    """Landscape, one page wide: a check's columns print side by side, not across pages."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def plain(value: Any) -> Any:
    """A value openpyxl can write: lists and dicts become text, the rest stays typed."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def cell(
    ws: WriteOnlyWorksheet,
    value: Any,
    number_format: str | None = None,
    font: Font | None = None,
    fill: PatternFill | None = None,
    wrap: bool = False,
) -> WriteOnlyCell:
    """A write-only cell; text is always stored as text (never a formula)."""
    v = plain(value)
    c = WriteOnlyCell(ws, value=v)
    if isinstance(v, str) and v:
        c.data_type = "s"  # openpyxl would otherwise write "=..." as a formula
    if number_format:
        c.number_format = number_format
    if font:
        c.font = font
    if fill:
        c.fill = fill
    if wrap:
        c.alignment = WRAP
    return c


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def number_format(duck_type: str, column: str, percent_columns: frozenset[str]) -> str | None:
    t = duck_type.upper()
    if column in percent_columns:
        return PERCENT
    if t.startswith("DECIMAL"):
        return MONEY
    if t in ("INTEGER", "BIGINT", "HUGEINT", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER"):
        return INTEGER
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return DECIMAL
    if t == "DATE":
        return DATE
    if t.startswith("TIMESTAMP"):
        return TIMESTAMP
    return None


def width_for(header: str, samples: list[Any]) -> float:
    longest = max([len(str(header)), *(len(str(plain(s))) for s in samples if s is not None)])
    return float(min(max(longest + 2, 10), 50))


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"
