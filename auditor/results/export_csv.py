"""Streaming a result table to a CSV file from Python.

Sandboxed sessions cannot use DuckDB's own COPY (file access is off for SQL), so results are
written here in bounded batches: the whole result is never held in Python at once. (Results are
temporary tables, visible only on the session's own connection, hence no second cursor.)
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from auditor.engine.result_source import ResultSource, as_source

BATCH = 10_000


def write_table_csv(
    results: ResultSource | duckdb.DuckDBPyConnection, table: str, path: Path
) -> int:
    """Write ``table`` with a header row; returns the number of data rows. Written to a
    temporary name and renamed into place, so a failure leaves no half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            source = as_source(results)
            w.writerow([name for name, _ in source.columns(table)])
            for rows in source.batches(table, None, BATCH):
                w.writerows(rows)
                n += len(rows)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
