"""Streaming a result table to a CSV file from Python.

Sandboxed sessions cannot use DuckDB's own COPY (file access is off for SQL), so results are
written here in bounded batches: the whole result is never held in Python at once.

A CSV opened in a spreadsheet runs a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=cmd|' /C calc'!A0``): exported values come from someone else's
data, so such text cells are written with a leading apostrophe, which spreadsheets take as "this
is text" (the OWASP advice). Numbers are written as they are: only text is neutralised.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

from auditor.engine.result_source import ResultSource, as_source
from auditor.errors import AuditorError
from auditor.results.masking import Masker

BATCH = 10_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvExportError(AuditorError):
    title = "CSV export"


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_table_csv(
    results: ResultSource | duckdb.DuckDBPyConnection,
    table: str,
    path: Path,
    masker: Masker | None = None,
) -> int:
    """Write ``table`` with a header row; returns the number of data rows. Written to a
    temporary name and renamed into place, so a failure leaves no half-written file. With a
    ``masker``, personal data is written as tokens (the caller keeps them: ``save_tokens``)."""
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            source = as_source(results)
            desc = source.columns(table)
            columns = [name for name, _ in desc]
            mask = masker.row_masker(columns, [k for _, k in desc]) if masker else None
            w.writerow([safe_cell(c) for c in columns])
            for rows in source.batches(table, None, BATCH):
                masked = [mask(r) for r in rows] if mask is not None else rows
                w.writerows([safe_cell(v) for v in row] for row in masked)
                n += len(rows)
        tmp.replace(path)
    except OSError as e:
        raise CsvExportError(f"cannot write {path}: {e.strerror or e}") from e
    finally:
        tmp.unlink(missing_ok=True)
    return n
