"""Streaming an XLSX sheet into a UTF-8 CSV copy that DuckDB reads, accounting for every row.

openpyxl reads the sheet in read-only mode, row by row, with its stored dimensions reset: a
``<dimension>`` element that understates the used range would otherwise cut rows and cells off
silently, and one that overstates it would pad a million empty rows. Every sheet row is one of:
above the header (a title or blank line, kept with its text), the header, a blank row (nothing
but empty cells or null markers such as ``#N/A`` and ``-``, listed by row number), or a data row
written with its Excel row number. A data row with cells to the right of the header's last column
carries them in ``__beyond`` and is rejected with them, never cut.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import secrets
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.errors import ImportFailed
from auditor.ingest.convert import NULL_MARKERS
from auditor.ingest.mapping import ReadOptions
from auditor.ingest.sniff import HEADER_SCAN, SampleRecord, clean_cell, clean_headers, layout_of
from auditor.ingest.staging import MAX_COLUMNS, Skipped, SourceView, read_csv_sql

BEYOND = "__beyond"
_MARKERS = {m.upper() for m in NULL_MARKERS}


def cell_text(v: Any) -> str:
    """A cell as the text the import reads (null markers become empty)."""
    if v is None:
        return ""
    if isinstance(v, str):
        s = v.strip()
        return "" if s.upper() in _MARKERS else s
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def open_xlsx(path: Path, opts: ReadOptions, workdir: Path, label: str = "") -> SourceView:
    import openpyxl

    where = label or str(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # zipfile, lxml and openpyxl raise many kinds for damaged files
        raise ImportFailed(
            f"damaged workbook, cannot be read ({type(e).__name__})", path=where
        ) from e
    try:
        if opts.sheet:
            if opts.sheet not in wb.sheetnames:
                names = ", ".join(wb.sheetnames)
                raise ImportFailed(f"no sheet {opts.sheet!r}; sheets: {names}", path=where)
            ws = wb[opts.sheet]
        elif wb.worksheets:
            ws = _first_with_data(wb.worksheets)
        else:
            raise ImportFailed("the workbook holds no worksheet (only charts?)", path=where)
        if not hasattr(ws, "iter_rows"):
            raise ImportFailed(f"sheet {ws.title!r} is a chart, not a table", path=where)
        ws.reset_dimensions()  # the stored used range is often wrong: read the rows themselves
        view = _stage(ws, opts, workdir, path, where)
        if not opts.sheet and ws is not wb.worksheets[0]:
            skipped = ", ".join(repr(s.title) for s in wb.worksheets[: wb.worksheets.index(ws)])
            note = f"sheet {skipped} holds nothing: read sheet {ws.title!r}"
            view = replace(view, notes=(note, *view.notes))
        return view
    except ImportFailed:
        raise
    except Exception as e:  # a damaged sheet part
        raise ImportFailed(
            f"damaged workbook, cannot be read ({type(e).__name__})", path=where
        ) from e
    finally:
        wb.close()


def _stage(ws: Any, opts: ReadOptions, workdir: Path, path: Path, where: str) -> SourceView:
    rows: Iterator[tuple[Any, ...]] = ws.iter_rows(values_only=True)
    head = list(itertools.islice(rows, HEADER_SCAN))
    records = [
        SampleRecord(
            i,
            tuple(cell_text(v) for v in _trimmed(r)),
            " ".join(cell_text(v) for v in r if cell_text(v))[:500],
        )
        for i, r in enumerate(head, start=1)
    ]
    if not any(not r.blank for r in records):
        raise ImportFailed(f"sheet {ws.title!r} has no data in its first rows", path=where)
    try:
        layout = layout_of(records, "", opts.header_row)
    except ValueError as e:
        raise ImportFailed(str(e), path=where) from e
    width = len(layout.headers)
    if width > MAX_COLUMNS:
        raise ImportFailed(
            f"sheet {ws.title!r} has {width:,} columns; at most {MAX_COLUMNS:,} are supported",
            path=where,
        )
    original = tuple(clean_cell(h) for h in layout.headers)
    headers = clean_headers(original)
    above = tuple(
        Skipped(r.number, "blank" if r.blank else "comment" if r.comment else "title", r.text)
        for r in layout.above
    )
    out = workdir / (path.stem[:40] + f".{secrets.token_hex(4)}.csv")
    blank_rows: list[int] = []
    last = layout.data_start - 1
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("__row", *headers, BEYOND))
        body = itertools.chain(head[layout.data_start - 1 :], rows)
        for rowno, r in enumerate(body, start=layout.data_start):
            last = rowno
            cells = [cell_text(v) for v in r[:width]]
            beyond = "; ".join(
                f"{_column_letter(i)}{rowno}={cell_text(v)[:200]}"
                for i, v in enumerate(r[width:], start=width + 1)
                if cell_text(v)
            )
            if not any(cells) and not beyond:
                blank_rows.append(rowno)
                continue
            cells += [""] * (width - len(cells))
            w.writerow((rowno, *cells, beyond))
    rej = "rej_" + secrets.token_hex(4)
    return SourceView(
        format="xlsx",
        headers=headers,
        original_headers=original,
        from_sql=read_csv_sql(out, ("__row", *headers, BEYOND), ",", 1, rej),
        row_expr="__row",
        sheet=ws.title,
        header_row=layout.header.number if layout.header else None,
        preamble="\n".join(s.text for s in above if s.kind == "title"),
        rejects_table=rej,
        data_start=layout.data_start,
        above=above,
        notes=layout.notes,
        records=max(last, layout.data_start - 1),
        beyond_column=BEYOND,
        blank_rows=tuple(blank_rows),
        header_cells=layout.header.fields if layout.header else None,
        generated_names=layout.header is None,
    )


def _first_with_data(sheets: list[Any]) -> Any:
    """The first sheet holding any value in its first rows (an empty first sheet is common)."""
    for ws in sheets:
        ws.reset_dimensions()
        if any(cell_text(v) for r in itertools.islice(ws.iter_rows(values_only=True), HEADER_SCAN)
               for v in r):  # fmt: skip
            return ws
    return sheets[0]


def _trimmed(r: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(r)
    while end and not cell_text(r[end - 1]):
        end -= 1
    return r[:end]
