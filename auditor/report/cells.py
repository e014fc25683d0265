"""Cell values and formats for the Excel report.

Text is always stored as a text cell (t="s"), never as a formula: openpyxl would write a string
starting with "=" as a formula, so such values (a loan id of ``=HYPERLINK(...)`` in a platform's
export) are forced to text, and so are Excel error codes. Text starting with +, -, @, a tab or a
carriage return is only dangerous when a CSV is opened; stored as text cells it stays text.

Excel's XML cannot hold control characters (U+0000-U+001F but tab, line feed and carriage
return): one in an imported value, a custom query's ``chr(7)`` or a title used to stop the
whole report. Each is replaced by its visible Unicode control picture (U+0007 shows as ␇), so
the examiner sees that something was there. A cell holds at most 32,767 characters: longer text
is cut with a mark saying how long it was, never silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MONEY = "#,##0.00"
YES, NO = "Yes", "No"
PERCENT = "0.00%"
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CHARS = 32_767
CONTROL_PICTURES = 0x2400  # U+2400 SYMBOL FOR NULL ... U+241F SYMBOL FOR UNIT SEPARATOR

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
    """Landscape, one page wide (see ``printing.page_setup``: call it before the first row,
    or the fit to the page is not written)."""
    from auditor.report.printing import page_setup

    page_setup(ws)


def _picture(match: re.Match[str]) -> str:
    return chr(CONTROL_PICTURES + ord(match.group()))


def clean_text(text: str) -> str:
    """Text a cell can hold: control characters shown as their pictures, and at most
    32,767 characters, a longer text cut with a mark giving its full length."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub(_picture, text)
    if len(text) > EXCEL_MAX_CHARS:
        mark = f" … [cut here: {len(text):,} characters in all]"
        text = text[: EXCEL_MAX_CHARS - len(mark)] + mark
    return text


def plain(value: Any) -> Any:
    """A value openpyxl can write: yes/no for booleans, lists and dicts become text, text is
    cleaned (see ``clean_text``), the rest stays typed."""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return clean_text(value)
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


def style_template(ws: WriteOnlyWorksheet, number_format: str | None) -> Any:
    """The style array of a cell with this format, to stamp on many cells cheaply."""
    if number_format is None:
        return None
    c = WriteOnlyCell(ws)
    c.number_format = number_format
    return c._style


def row_cells(
    ws: WriteOnlyWorksheet,
    row: tuple[Any, ...],
    styles: list[Any],
    yes_no: tuple[str, str] = (YES, NO),
) -> list[Any]:
    """One evidence row for ``ws.append``. The hot path of a million-row export: plain values go
    as they are (openpyxl reuses one cell for them), formatted values get a cell stamped with a
    prepared style, and text that openpyxl would take for a formula or an error code is forced
    to text. Booleans read as ``yes_no`` (the report's language)."""
    out: list[Any] = []
    for v, style in zip(row, styles, strict=True):
        if v is None:
            out.append(None)
        elif isinstance(v, bool):
            out.append(yes_no[0] if v else yes_no[1])
        elif style is not None:
            c = WriteOnlyCell(ws)
            c._style = copy(style)  # before the value, so dates keep this format
            c.value = plain(v)
            out.append(c)
        elif isinstance(v, str):
            if len(v) > EXCEL_MAX_CHARS or ILLEGAL_CHARACTERS_RE.search(v):
                v = clean_text(v)
            if v.startswith("=") or v in ERROR_CODES:
                c = WriteOnlyCell(ws, value=v)
                c.data_type = "s"
                out.append(c)
            else:
                out.append(v)
        else:
            out.append(plain(v))
    return out


def number_format(
    duck_type: str, column: str, percent_columns: frozenset[str], lang: str = "en"
) -> str | None:
    """The format a result column needs beyond what openpyxl gives by itself: money with two
    decimals and rates as percent. Dates and timestamps get openpyxl's own date formats
    (yyyy-mm-dd, yyyy-mm-dd h:mm:ss) and numbers show as they are, which keeps a million-row
    export close to the speed of plain openpyxl. The Chinese report gives times two-digit
    hours (yyyy-mm-dd hh:mm:ss), its one date style."""
    if column in percent_columns:
        return PERCENT
    kind = duck_type.upper()
    if kind.startswith("DECIMAL"):
        return MONEY
    if lang == "zh" and kind.startswith("TIMESTAMP"):
        return "yyyy-mm-dd hh:mm:ss"
    return None


def _width(text: str) -> int:
    """Columns ``text`` takes on screen: a Chinese character or full-width sign takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def width_for(header: str, samples: list[Any]) -> float:
    texts = [str(header), *(str(plain(s)) for s in samples if s is not None)]
    longest = max(_width(t) for t in texts)
    return float(min(max(longest + 2, 10), 50))
