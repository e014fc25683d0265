"""A check's sheet: what it is, the parameters it ran with, and its rows as an Excel table,
finding rows first.

Rows stream from the engine that ran the check (DuckDB, or Spark on a cluster) into openpyxl's
write-only sheets in batches, so memory does not grow with the result. Past Excel's row limit
the evidence continues on "<ID> (2)", "<ID> (3)", ..., each with its own header and table:
never cut silently. A cap on evidence rows, when the user sets one, is stated on the sheet and
in the Summary together with the full count. Printed, a sheet gives its preamble and its
finding rows (at most ``PRINTED_ROWS``), the table's header on every page; the background rows
stay in the file.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from auditor.engine.check_text import check_text
from auditor.engine.result_source import ResultSource, Row
from auditor.engine.runner import CheckRun
from auditor.errors import Cancelled
from auditor.report.cells import (
    BOLD,
    EXCEL_MAX_ROWS,
    HEADER_FILL,
    cell,
    clean_text,
    number_format,
    plain,
    row_cells,
    style_template,
    width_for,
)
from auditor.report.lang import words, yes_no
from auditor.report.preamble import LABEL_WIDTH, TEXT_WIDTH, RowPlan, plan_rows, preamble
from auditor.report.printing import PageMarks, mark_pages, page_setup, print_area, repeat_rows
from auditor.results.masking import Masker

CAPPED = {
    "en": "first {limit:,} of {total:,} rows (capped by the user)",
    "zh": "仅列出全部 {total:,} 行中的前 {limit:,} 行（由用户限定）",
}
BATCH = 5_000
PRINTED_ROWS = 50  # rows of a check that print; the file holds them all
RowProgress = Callable[[int], None]  # rows written so far; raise Cancelled to stop


@dataclass(frozen=True)
class EvidenceSheets:
    sheets: list[str]  # the check's sheet and its continuations
    rows_written: int
    rows_total: int
    header_row: int  # on the first sheet
    columns: list[str]
    printed_columns: int = 0  # the first sheet's print area is this many columns wide


def sheet_name(check_id: str, part: int = 1) -> str:
    return check_id if part == 1 else f"{check_id} ({part})"


def _table(ws: WriteOnlyWorksheet, name: str, columns: list[str], first: int, last: int) -> None:
    ref = f"A{first}:{get_column_letter(len(columns))}{max(last, first + 1)}"
    t = Table(displayName=name, ref=ref)
    t.tableColumns = [TableColumn(id=i + 1, name=plain(str(c))) for i, c in enumerate(columns)]
    t.autoFilter = AutoFilter(ref=ref)
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # write-only mode warns even when the columns are given
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(t)


def unique_labels(run: CheckRun, columns: list[str], lang: str = "en") -> list[str]:
    """Each column's label in the report's language (the check's, else the glossary's, else its
    name made readable; a custom query's columns as its author named them), cleaned and unique
    on the sheet: an Excel table refuses two columns of one name, and its XML a control
    character."""
    out: list[str] = []
    says = check_text(run.check, lang)
    for c in columns:
        label = c if run.check.family == "custom" else says.column_label(c)
        label = clean_text(label)
        out.append(label if label not in out else f"{label} ({c})")
    return out


def write_evidence(
    wb: Workbook,
    source: ResultSource,
    run: CheckRun,
    *,
    max_rows: int | None,
    progress: RowProgress | None = None,
    rows_per_sheet: int = EXCEL_MAX_ROWS,
    stale: Sequence[str] = (),
    currency: str = "",
    marks: PageMarks | None = None,
    print_limit: int = PRINTED_ROWS,
    masker: Masker | None = None,
    lang: str = "en",
) -> EvidenceSheets:
    """Write the check's sheet(s), finding rows first. ``rows_per_sheet`` is Excel's limit
    (lower only in tests); ``print_limit`` caps the rows that print (all stay in the file);
    with a ``masker``, personal data in the rows is written as tokens."""
    assert run.result_table is not None
    total = run.row_count
    limit = total if max_rows is None else min(total, max_rows)
    capped = words(CAPPED, lang).format(limit=limit, total=total) if limit < total else ""
    percent = frozenset(run.check.percent_columns)
    desc = source.columns(run.result_table)
    columns = [name for name, _ in desc]
    formats = [number_format(kind, name, percent, lang) for name, kind in desc]
    mask = masker.row_masker(columns, [kind for _, kind in desc]) if masker else None
    rule = run.check.finding.rows
    first = rule if rule not in ("all", "none") and rule in columns else None
    batches = source.batches(run.result_table, limit, BATCH, first=first)
    words_of = check_text(run.check, lang)
    coded = [i for i, c in enumerate(columns) if c in words_of.values]
    if coded and run.check.family != "custom":  # the values a check writes, in Chinese
        hide = mask

        def mask(row: Any) -> tuple[Any, ...]:
            out = list(hide(row) if hide is not None else row)
            for i in coded:
                out[i] = words_of.value_label(columns[i], out[i])
            return tuple(out)

    layout = Layout(
        run, columns, unique_labels(run, columns, lang), formats, capped, limit, total,
        plan_rows(run, limit, print_limit), stale, currency, marks, mask, lang,
    )  # fmt: skip
    try:
        return _stream(wb, batches, layout, progress, rows_per_sheet)
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # a half-read result is let go (DuckDB takes no new statement before)


@dataclass(frozen=True)
class Layout:
    """What a check's sheets hold, worked out before the first row is written."""

    run: CheckRun
    columns: list[str]
    labels: list[str]
    formats: list[str | None]
    capped: str
    limit: int
    total: int
    plan: RowPlan
    stale: Sequence[str]
    currency: str
    marks: PageMarks | None
    mask: Callable[[Any], tuple[Any, ...]] | None = None  # personal data as tokens
    lang: str = "en"


def _new_sheet(
    wb: Workbook, lay: Layout, part: int, samples: list[Any]
) -> tuple[WriteOnlyWorksheet, int, int]:
    """A sheet with its page setup, widths and (on the first) preamble; returns it, the row
    of its header and the number of columns it prints."""
    ws = wb.create_sheet(sheet_name(lay.run.check.id, part))
    page_setup(ws)  # before the first row: write-only sheets write their setup first
    rows: list[list[Any]] = []
    if part == 1:
        rows = preamble(
            ws, lay.run, lay.plan, capped=lay.capped, stale=lay.stale, currency=lay.currency,
            lang=lay.lang,
        )  # fmt: skip
    header_row = len(rows) + 1
    samples = samples or [(None,) * len(lay.columns)]
    widths = [width_for(label, [r[i] for r in samples]) for i, label in enumerate(lay.labels)]
    if part == 1:
        widths[0] = max(widths[0], LABEL_WIDTH)  # the preamble's labels
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    for r in rows:
        ws.append(r)
    ws.append([cell(ws, c, font=BOLD, fill=HEADER_FILL) for c in lay.labels])
    repeat_rows(ws, header_row)
    printed = lay.plan.printed if part == 1 else 0
    # Wide enough for the preamble's text as well as the table (unset columns are 8.43).
    columns, room = len(widths), sum(widths)
    while room < LABEL_WIDTH + TEXT_WIDTH:
        columns, room = columns + 1, room + 8.43
    print_area(ws, get_column_letter(columns), header_row + printed)
    if lay.marks is not None:
        mark_pages(ws, lay.marks)
    return ws, header_row, columns


def _stream(
    wb: Workbook,
    batches: Iterator[list[Row]],
    lay: Layout,
    progress: RowProgress | None,
    rows_per_sheet: int,
) -> EvidenceSheets:
    tag = lay.run.check.id.replace("-", "_")
    part, written, sheets = 0, 0, []
    ws: WriteOnlyWorksheet | None = None
    header_row = first_row = room = rows_on_sheet = printed_columns = 0
    styles: list[Any] = []
    yes_no_words = yes_no(lay.lang)

    def fetch() -> list[Any]:
        got = next(batches, [])
        return [lay.mask(r) for r in got] if lay.mask is not None else got

    pending = fetch()
    while True:
        if ws is None or (room == 0 and pending):
            if ws is not None:
                _table(ws, f"T_{tag}_{part}", lay.labels, first_row, first_row + rows_on_sheet)
            part += 1
            ws, first_row, columns = _new_sheet(wb, lay, part, pending[:50])
            sheets.append(ws.title)
            header_row = header_row or first_row
            printed_columns = printed_columns or columns
            styles = [style_template(ws, f) for f in lay.formats]
            room = rows_per_sheet - first_row
            rows_on_sheet = 0
        assert ws is not None
        if not pending:
            break
        take = pending[:room]
        pending = pending[room:]
        for row in take:
            ws.append(row_cells(ws, row, styles, yes_no_words))
        room -= len(take)
        rows_on_sheet += len(take)
        written += len(take)
        if progress:
            progress(written)
        if not pending:
            pending = fetch()
    assert ws is not None
    _table(ws, f"T_{tag}_{part}", lay.labels, first_row, first_row + rows_on_sheet)
    if written < lay.limit:
        raise Cancelled("export stopped before all evidence rows were written")
    return EvidenceSheets(sheets, written, lay.total, header_row, lay.columns, printed_columns)
