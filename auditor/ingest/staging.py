"""Opening a source file as a SQL relation of text columns, ready for mapping.

CSV is read by DuckDB's own parser (fast, parallel, and it records malformed records with their
line instead of failing). Files not in UTF-8 are first transcoded to a temporary UTF-8 copy in
bounded chunks. XLSX is streamed row by row with openpyxl in read-only mode into such a copy,
carrying each row's Excel row number. Parquet is read natively. The source file itself is only
ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.db import lit, q
from auditor.errors import ImportFailed
from auditor.ingest.convert import NULL_MARKERS, null_normalised, nullstr_list
from auditor.ingest.encoding import detect_encoding, read_text_sample, transcode_to_utf8
from auditor.ingest.mapping import ReadOptions
from auditor.ingest.sniff import _is_header_like, clean_headers, sniff_text

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".dat"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
# Beyond this a file is not a table of records (a transposed matrix, say), and DuckDB's parser
# is not built for statements of that size.
MAX_COLUMNS = 1000
HEADER_SCAN_ROWS = 50


@dataclass(frozen=True)
class SourceView:
    """A source as DuckDB sees it: ``from_sql`` yields ``headers`` as text columns."""

    format: str
    headers: tuple[str, ...]
    original_headers: tuple[str, ...]
    from_sql: str
    row_expr: str  # SQL for the source row number, "NULL" where it comes from record order
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None  # 1-based line or row of the header
    sheet: str | None = None
    preamble: str = ""
    rejects_table: str | None = None  # DuckDB's record of malformed CSV records
    clean: dict[str, str] = field(default_factory=dict)  # null handling the reader lacks
    replaced_chars: int = 0  # characters that did not decode and became U+FFFD
    ascii_sample: bool = False  # UTF-8 assumed from an all-ASCII first megabyte

    def sample_rows(self, conn: duckdb.DuckDBPyConnection, n: int = 5) -> list[tuple[Any, ...]]:
        cols = ", ".join(q(h) for h in self.headers)
        return conn.execute(f"SELECT {cols} FROM {self.from_sql} LIMIT {int(n)}").fetchall()


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in (".xls", ".ods", ".numbers"):
        raise ImportFailed(
            f"{suffix} workbooks are not read; save the sheet as .xlsx or .csv and import that",
            path=path,
        )
    if suffix in (".zip", ".gz", ".bz2", ".xz", ".7z", ".rar"):
        raise ImportFailed("compressed files are not read; extract the file first", path=path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK"):
        raise ImportFailed("looks like a zip archive or an .xlsx without that ending", path=path)
    if head.startswith(b"PAR1"):
        return "parquet"
    return "csv"


def _token() -> str:
    return secrets.token_hex(4)


def _read_csv_sql(path: Path, headers: tuple[str, ...], delimiter: str, skip: int, rej: str) -> str:
    cols = "{" + ", ".join(f"{lit(h)}: 'VARCHAR'" for h in headers) + "}"
    return (
        f"read_csv({lit(str(path))}, delim={lit(delimiter)}, quote='\"', escape='\"', "
        f"header=true, skip={skip}, columns={cols}, auto_detect=false, "
        f"store_rejects=true, ignore_errors=true, rejects_table={lit(rej)}, "
        f"rejects_scan={lit(rej + '_scan')}, nullstr={nullstr_list()})"
    )


def open_csv(
    path: Path, opts: ReadOptions, workdir: Path, *, normalise: bool = False
) -> SourceView:
    enc = detect_encoding(path)
    if opts.encoding:
        from auditor.ingest.encoding import Encoding

        # "utf-8-sig" is how a UTF-8 file with a byte-order mark is recorded (and saved in
        # its mapping profile): read it as UTF-8 past the three BOM bytes.
        name = opts.encoding.lower().replace("_", "-")
        sig = name in ("utf-8-sig", "utf8-sig")
        enc = Encoding("utf-8" if sig else opts.encoding, bom=3 if sig else 0)
    text = read_text_sample(path, enc)
    try:
        layout = sniff_text(text)
    except ValueError as e:
        raise ImportFailed(str(e), path=path) from e
    delimiter = opts.delimiter or layout.delimiter
    header_line = layout.header_line
    if opts.header_row is not None or opts.delimiter:
        from auditor.ingest.sniff import _records

        records = _records(text, delimiter)
        idx = (opts.header_row - 1) if opts.header_row else header_line
        match = [f for line, f in records if line == idx]
        if not match:
            raise ImportFailed(f"header row {idx + 1} not found in the first records", path=path)
        header_line = idx
        original = tuple(h.strip().lstrip("\ufeff") for h in match[0])
    else:
        original = layout.headers
    readable = path
    replaced = 0
    if not enc.is_utf8 or normalise:
        readable = workdir / (path.stem + ".utf8.csv")
        replaced = transcode_to_utf8(path, enc, readable, normalise_newlines=normalise)
    headers = clean_headers(original)
    rej = "rej_" + _token()
    return SourceView(
        format="csv",
        headers=headers,
        original_headers=original,
        from_sql=_read_csv_sql(readable, headers, delimiter, header_line, rej),
        row_expr="NULL",
        encoding=enc.name if not enc.bom else enc.name + "-sig",
        delimiter=delimiter,
        header_row=header_line + 1,
        preamble="\n".join(text.splitlines()[:header_line]),
        rejects_table=rej,
        replaced_chars=replaced,
        ascii_sample=enc.ascii_sample and not opts.encoding,
    )


_MARKERS = {m.upper() for m in NULL_MARKERS}


def _cell_text(v: Any) -> str:
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


def open_xlsx(path: Path, opts: ReadOptions, workdir: Path) -> SourceView:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as e:
        raise ImportFailed(f"not a readable .xlsx workbook ({e})", path=path) from e
    except Exception as e:  # zipfile.BadZipFile and lxml errors from damaged files
        raise ImportFailed(f"damaged workbook: {type(e).__name__}: {e}", path=path) from e
    try:
        if opts.sheet:
            if opts.sheet not in wb.sheetnames:
                raise ImportFailed(
                    f"no sheet {opts.sheet!r}; sheets: {', '.join(wb.sheetnames)}", path=path
                )
            ws = wb[opts.sheet]
        else:
            ws = wb.worksheets[0]
        rows: Iterator[tuple[Any, ...]] = ws.iter_rows(values_only=True)
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        if opts.header_row is not None:
            hidx = opts.header_row - 1
            if hidx >= len(head):
                raise ImportFailed(f"header row {opts.header_row} is beyond the data", path=path)
        else:
            found = _xlsx_header_index(head)
            if found is None:
                raise ImportFailed(f"sheet {ws.title!r} has no data", path=path)
            hidx = found
        header_cells = head[hidx]
        width = max((i + 1 for i, v in enumerate(header_cells) if v not in (None, "")), default=0)
        original = tuple(_cell_text(v).strip() for v in header_cells[:width])
        headers = clean_headers(original)
        preamble = "\n".join(
            " ".join(_cell_text(v) for v in r if v not in (None, "")) for r in head[:hidx]
        )
        out = workdir / (path.stem + f".{_token()}.csv")
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(("__row", *headers))
            all_rows = itertools.chain(head[hidx + 1 :], rows)
            for rowno, r in enumerate(all_rows, start=hidx + 2):
                cells = [_cell_text(v) for v in r[:width]]
                if not any(cells):
                    continue  # blank rows are layout, not data
                cells += [""] * (width - len(cells))
                w.writerow((rowno, *cells))
    finally:
        wb.close()
    all_cols = ("__row", *headers)
    rej = "rej_" + _token()
    return SourceView(
        format="xlsx",
        headers=headers,
        original_headers=original,
        from_sql=_read_csv_sql(out, all_cols, ",", 0, rej),
        row_expr="__row",
        sheet=ws.title,
        header_row=hidx + 1,
        preamble=preamble,
        rejects_table=rej,
    )


def _xlsx_header_index(head: list[tuple[Any, ...]]) -> int | None:
    """The header row below a title block: the first wide, text-filled row."""
    filled = [sum(1 for v in r if v not in (None, "")) for r in head]
    if not filled or max(filled) == 0:
        return None
    widest = max(filled)
    for i, r in enumerate(head):
        cells = [_cell_text(v) for v in r]
        if (
            filled[i] >= max(1, widest * 0.6)
            and all(isinstance(v, str) for v in r if v not in (None, ""))
            and _is_header_like([c for c in cells if c] or [""])
        ):
            return i
    return next(i for i, n in enumerate(filled) if n)


def open_parquet(path: Path, conn: duckdb.DuckDBPyConnection) -> SourceView:
    src = f"read_parquet({lit(str(path))}, file_row_number=true)"
    try:
        desc = conn.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
    except duckdb.Error as e:
        raise ImportFailed(f"not a readable Parquet file ({e})", path=path) from e
    described = [(str(r[0]), str(r[1])) for r in desc if r[0] != "file_row_number"]
    original = tuple(name for name, _ in described)
    headers = clean_headers(original)
    casts = ", ".join(
        f"CAST({q(o)} AS VARCHAR) AS {q(h)}" for o, h in zip(original, headers, strict=True)
    )
    # Typed Parquet columns carry real NULLs; only text columns can hold null markers.
    clean = {
        h: null_normalised(q(h))
        for (_, t), h in zip(described, headers, strict=True)
        if t == "VARCHAR"
    }
    return SourceView(
        format="parquet",
        headers=headers,
        original_headers=original,
        from_sql=f"(SELECT file_row_number + 1 AS __row, {casts} FROM {src})",
        row_expr="__row",
        clean=clean,
    )


def open_source(
    path: Path,
    opts: ReadOptions,
    conn: duckdb.DuckDBPyConnection,
    workdir: Path,
    *,
    normalise_newlines: bool = False,
) -> SourceView:
    fmt = detect_format(path)
    if fmt == "csv":
        view = open_csv(path, opts, workdir, normalise=normalise_newlines)
    elif fmt == "xlsx":
        view = open_xlsx(path, opts, workdir)
    else:
        view = open_parquet(path, conn)
    if len(view.headers) > MAX_COLUMNS:
        raise ImportFailed(
            f"has {len(view.headers):,} columns; at most {MAX_COLUMNS:,} are supported "
            "(is the table transposed?)",
            path=path,
        )
    return view
