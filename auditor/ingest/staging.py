"""Opening a source file as a SQL relation of text columns, ready for mapping.

CSV is read by DuckDB's own parser (fast, parallel, and it records malformed records with their
line instead of failing), told exactly where the data starts (the header and title lines are
skipped by record count and never parsed by it). Files not in UTF-8, or mixing line endings, are
first transcoded to a temporary UTF-8 copy in bounded chunks. XLSX is streamed row by row into
such a copy (``staging_xlsx``), carrying each row's Excel row number. Parquet is read natively.
The source file itself is only ever opened for reading.

Each view also carries what the accounting of records needs from the layout: the records above
the data (title, blank and comment lines, with their text), and where the parser's own count
cannot be trusted, the count made while transcoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.db import lit, q
from auditor.errors import ImportFailed
from auditor.ingest.convert import null_normalised, nullstr_list
from auditor.ingest.counting import RecordCount, count_records
from auditor.ingest.encoding import (
    SAMPLE_BYTES,
    Encoding,
    detect_encoding,
    read_text_sample,
    transcode_to_utf8,
)
from auditor.ingest.formats import printable
from auditor.ingest.mapping import ReadOptions
from auditor.ingest.sniff import (
    SampleRecord,
    TextLayout,
    clean_cell,
    clean_headers,
    sniff_text,
)

# Beyond this a file is not a table of records (a transposed matrix, say), and DuckDB's parser
# is not built for statements of that size.
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class Skipped:
    """A record above the data (or between rows) that holds no data, kept to be shown."""

    row: int  # 1-based record (CSV) or sheet row (XLSX)
    kind: str  # "title", "blank", "comment" or "header"
    text: str


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
    header_row: int | None = None  # 1-based record or row of the header; None: no header
    sheet: str | None = None
    preamble: str = ""
    rejects_table: str | None = None  # DuckDB's record of malformed CSV records
    clean: dict[str, str] = field(default_factory=dict)  # null handling the reader lacks
    replaced_chars: int = 0  # characters that did not decode and became U+FFFD
    ascii_sample: bool = False  # UTF-8 assumed from an all-ASCII first megabyte
    data_start: int = 1  # 1-based record (or row) where the data begins
    above: tuple[Skipped, ...] = ()  # records above the data, each with its kind and text
    decimal_comma: bool = False
    notes: tuple[str, ...] = ()  # layout decisions to state in the summary
    counted: RecordCount | None = None  # records counted while transcoding (CSV)
    line_endings: str | None = None  # as the file has them, when the copy normalised them
    normalised: bool = False  # line endings were normalised in a transcoded copy
    records: int | None = None  # the source's record count where the format states it
    beyond_column: str | None = None  # XLSX: the staged column naming cells beyond the header
    blank_rows: tuple[int, ...] = ()  # XLSX: rows holding nothing or only null markers
    header_cells: tuple[str, ...] | None = None  # the header as read, to spot it repeated
    generated_names: bool = False  # the file has no header row: columns are column_1..

    def sample_rows(self, conn: duckdb.DuckDBPyConnection, n: int = 5) -> list[tuple[Any, ...]]:
        cols = ", ".join(q(h) for h in self.headers)
        return conn.execute(f"SELECT {cols} FROM {self.from_sql} LIMIT {int(n)}").fetchall()


def read_csv_sql(
    path: Path,
    headers: tuple[str, ...],
    delimiter: str,
    skip: int,
    rej: str,
    *,
    header_first: bool = False,
) -> str:
    """DuckDB's reader over the data records only: every column is text, malformed records go
    to ``rej``. The first ``skip`` records (title, header) are skipped by count; a plain header
    on the first line (``header_first``) is left to the reader's own header handling, which
    keeps its scan fully parallel."""
    cols = "{" + ", ".join(f"{lit(h)}: 'VARCHAR'" for h in headers) + "}"
    head = (
        "header=true, skip=0" if header_first and skip == 1 else f"header=false, skip={int(skip)}"
    )
    return (
        f"read_csv({lit(str(path))}, delim={lit(delimiter)}, quote='\"', escape='\"', "
        f"{head}, columns={cols}, auto_detect=false, "
        f"store_rejects=true, ignore_errors=true, rejects_table={lit(rej)}, "
        f"rejects_scan={lit(rej + '_scan')}, nullstr={nullstr_list()})"
    )


def _token() -> str:
    import secrets

    return secrets.token_hex(4)


def _encoding(path: Path, opts: ReadOptions) -> Encoding:
    if not opts.encoding:
        return detect_encoding(path)
    # "utf-8-sig" is how a UTF-8 file with a byte-order mark is recorded (and saved in its
    # mapping profile): read it as UTF-8 past the three BOM bytes.
    name = opts.encoding.lower().replace("_", "-")
    sig = name in ("utf-8-sig", "utf8-sig")
    return Encoding("utf-8" if sig else opts.encoding, bom=3 if sig else 0)


def open_csv(
    path: Path, opts: ReadOptions, workdir: Path, *, normalise: bool = False, label: str = ""
) -> SourceView:
    label = label or str(path)
    enc = _encoding(path, opts)
    text = read_text_sample(path, enc)
    whole = path.stat().st_size - enc.bom <= SAMPLE_BYTES
    if whole and text and not text.endswith(("\n", "\r")):
        text += "\n"  # the sample is the whole file: its last record is complete
    try:
        layout = sniff_text(text, opts.delimiter, opts.header_row)
    except ValueError as e:
        raise ImportFailed(str(e), path=label) from e
    if len(layout.headers) > MAX_COLUMNS:
        raise ImportFailed(
            f"has {len(layout.headers):,} columns; at most {MAX_COLUMNS:,} are supported "
            "(is the table transposed?)",
            path=label,
        )
    sample_endings = count_records(text.encode("utf-8", "replace"), layout.delimiter)
    normalise = normalise or sample_endings.mixed_endings
    readable = path
    replaced = 0
    counted = None
    if not enc.is_utf8 or normalise:
        from auditor.ingest.counting import RecordCounter

        readable = workdir / (path.stem[:40] + f".{_token()}.utf8.csv")
        counter = RecordCounter(layout.delimiter)
        found: list[str] = []
        replaced = transcode_to_utf8(
            path, enc, readable, normalise_newlines=normalise, sink=counter.feed, mixed_result=found
        )
        counted = counter.finish()
        if found:  # a file read line by line: name what its lines turned out to be
            enc = Encoding(found[0], bom=enc.bom)
    skip = layout.data_start - 1
    if skip and _irregular_above(text, layout):
        # DuckDB's reader can lose rows while skipping lines with stray quotes (a header cell
        # written "借款金额"(元)): give it a copy that starts at the data instead.
        readable = _copy_from_record(readable, layout.data_start, layout.delimiter, workdir)
        skip = 0
    original = tuple(clean_cell(h) for h in layout.headers)
    headers = clean_headers(original)
    rej = "rej_" + _token()
    above = tuple(_skipped(r) for r in layout.above)
    return SourceView(
        format="csv",
        headers=headers,
        original_headers=original,
        from_sql=read_csv_sql(
            readable, headers, layout.delimiter, skip, rej, header_first=_plain_header(layout)
        ),
        row_expr="NULL",
        encoding=enc.name if not enc.bom else enc.name + "-sig",
        delimiter=layout.delimiter,
        header_row=layout.header.number if layout.header else None,
        preamble="\n".join(s.text for s in above if s.kind == "title"),
        rejects_table=rej,
        replaced_chars=replaced,
        ascii_sample=enc.ascii_sample and not opts.encoding,
        data_start=layout.data_start,
        above=above,
        decimal_comma=layout.decimal_comma if opts.decimal is None else opts.decimal == ",",
        notes=(
            *layout.notes,
            *(["line endings are mixed: read with them normalised to LF"] if normalise else []),
        ),
        counted=counted,
        normalised=normalise,
        header_cells=layout.header.fields if layout.header else None,
        generated_names=layout.header is None,
        line_endings=sample_endings.endings if normalise else None,
    )


def _plain_header(layout: TextLayout) -> bool:
    """A header on the first line, as wide as the table, without quotes or blank cells."""
    h = layout.header
    return (
        h is not None
        and h.number == 1
        and layout.data_start == 2
        and len(h.fields) == len(layout.headers)
        and '"' not in h.text
        and all(f.strip() for f in h.fields)
    )


def _irregular_above(text: str, layout: TextLayout) -> bool:
    """Whether a line above the data breaks the quoting rules (which DuckDB's reader, asked to
    skip it, may not survive)."""
    import csv

    above = [*layout.above, *([layout.header] if layout.header else [])]
    for r in above:
        if '"' not in r.text:
            continue
        try:
            list(csv.reader([r.text], delimiter=layout.delimiter, strict=True))
        except csv.Error:
            return True
    return False


def _copy_from_record(path: Path, record: int, delimiter: str, workdir: Path) -> Path:
    """A copy of ``path`` from the start of its ``record``-th record (1-based)."""
    from auditor.ingest.counting import RecordCounter

    counter = RecordCounter(delimiter, track_ends=record - 1)
    with path.open("rb") as fh:
        while len(counter.ends) < record - 1 and (chunk := fh.read(1 << 20)):
            counter.feed(chunk)
    offset = counter.ends[record - 2] if len(counter.ends) >= record - 1 else 0
    out = workdir / (path.stem[:40] + f".{_token()}.data.csv")
    with path.open("rb") as src, out.open("wb") as dst:
        src.seek(offset)
        while chunk := src.read(4 << 20):
            dst.write(chunk)
    return out


def _skipped(r: SampleRecord) -> Skipped:
    kind = "blank" if r.blank else "comment" if r.comment else "title"
    return Skipped(r.number, kind, r.text[:500])


def open_parquet(path: Path, conn: duckdb.DuckDBPyConnection, label: str = "") -> SourceView:
    src = f"read_parquet({lit(str(path))}, file_row_number=true)"
    try:
        desc = conn.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
        rows = conn.execute(
            f"SELECT sum(num_rows) FROM parquet_file_metadata({lit(str(path))})"
        ).fetchall()
    except duckdb.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ImportFailed(f"not a readable Parquet file ({first})", path=label or path) from e
    described = [(str(r[0]), str(r[1])) for r in desc if r[0] != "file_row_number"]
    original = tuple(clean_cell(name) for name, _ in described)
    headers = clean_headers(original)
    if len(headers) > MAX_COLUMNS:
        raise ImportFailed(
            f"has {len(headers):,} columns; at most {MAX_COLUMNS:,} are supported",
            path=label or path,
        )
    casts = ", ".join(
        f"CAST({q(o)} AS VARCHAR) AS {q(h)}" for (o, _), h in zip(described, headers, strict=True)
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
        records=int(rows[0][0] or 0) if rows else 0,
    )


def open_source(
    path: Path,
    fmt: str,
    opts: ReadOptions,
    conn: duckdb.DuckDBPyConnection,
    workdir: Path,
    *,
    normalise_newlines: bool = False,
    label: str = "",
) -> SourceView:
    if fmt == "csv":
        return open_csv(path, opts, workdir, normalise=normalise_newlines, label=label)
    if fmt == "xlsx":
        from auditor.ingest.staging_xlsx import open_xlsx

        return open_xlsx(path, opts, workdir, label=label)
    return open_parquet(path, conn, label=label)


__all__ = ["Skipped", "SourceView", "open_source", "printable"]
