"""What importing a file would do, before it is done: for the import wizard.

``detect`` reads a file's layout (format, encoding, delimiter, header row, sheet), its headers
with sample values, and the canonical table its headers fit best, with the column mapping.
``preview`` imports the first rows of the file, with a given mapping, into a scratch case and
reports what would be loaded and what would be rejected (row, column, value, reason): the very
importer the real import uses, so the preview cannot disagree with it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.case.schema import TABLES
from auditor.case.store import Case
from auditor.db import lit, table_ref
from auditor.ingest.importer import ImportResult, import_file
from auditor.ingest.mapping import MappingProfile, guess_table, match_headers
from auditor.ingest.staging import detect_format, open_source

PREVIEW_ROWS = 1000


@dataclass(frozen=True)
class Detected:
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    header_row: int | None
    sheet: str | None
    headers: tuple[str, ...]
    samples: dict[str, list[str]]  # header -> first values, as text
    table: str | None  # best-fitting canonical table, None if none fits
    matched: dict[str, str]  # canonical column -> header
    missing_required: tuple[str, ...]


@dataclass(frozen=True)
class Preview:
    result: ImportResult
    columns: list[str]
    rows: list[tuple[Any, ...]]  # loaded rows (first 50)
    rejects: list[tuple[Any, ...]] = field(default_factory=list)  # row, column, value, reason


def detect(path: Path | str, profile: MappingProfile | None = None) -> Detected:
    path = Path(path)
    profile = profile or MappingProfile()
    conn = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="auditor-detect-") as tmp:
            view = open_source(path, profile.read, conn, Path(tmp))
            rows = view.sample_rows(conn, 5)
            samples = {
                h: ["" if r[i] is None else str(r[i]) for r in rows]
                for i, h in enumerate(view.original_headers)
            }
    finally:
        conn.close()
    guesses = guess_table(view.original_headers)
    best = guesses[0]
    table = profile.table or (best.table if not best.missing_required else None)
    matched = match_headers(view.original_headers, TABLES[table]) if table else best.matched
    missing = tuple(c for c in TABLES[table].required if c not in matched) if table else ()
    return Detected(
        path,
        detect_format(path),
        view.encoding,
        view.delimiter,
        view.header_row,
        view.sheet,
        view.original_headers,
        samples,
        table,
        matched,
        missing if table else best.missing_required,
    )


def _head_copy(path: Path, fmt: str, workdir: Path, rows: int, header_row: int | None) -> Path:
    """The file's first ``rows`` records (CSV lines or Parquet rows); XLSX as it is."""
    if fmt == "csv":
        out = workdir / path.name
        keep = rows + (header_row or 1)
        with path.open("rb") as src, out.open("wb") as dst:
            for i, line in enumerate(src):
                if i >= keep:
                    break
                dst.write(line)
        return out
    if fmt == "parquet":
        out = workdir / (path.stem + ".parquet")
        conn = duckdb.connect()
        try:
            conn.execute(
                f"COPY (SELECT * FROM read_parquet({lit(str(path))}) LIMIT {int(rows)}) "
                f"TO {lit(str(out))} (FORMAT parquet)"
            )
        finally:
            conn.close()
        return out
    return path


def preview(path: Path | str, profile: MappingProfile, rows: int = PREVIEW_ROWS) -> Preview:
    """Import the first ``rows`` rows into a scratch case; raises what the import would."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="auditor-preview-") as tmp:
        work = Path(tmp)
        sample = _head_copy(path, detect_format(path), work, rows, profile.read.header_row)
        with Case.open(work / "preview.duckdb", create=True) as case:
            result = import_file(case, sample, mapping=profile)
            ref = table_ref(f"main.{result.table}")
            cur = case.conn.execute(f"SELECT * FROM {ref} LIMIT 50")
            columns = [d[0] for d in cur.description]
            loaded = cur.fetchall()
            rejects = case.conn.execute(
                "SELECT source_row, column_name, value, reason FROM audit.rejects "
                "ORDER BY source_row, column_name LIMIT 500"
            ).fetchall()
    return Preview(result, columns, loaded, rejects)
