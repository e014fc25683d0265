"""Streaming a result table to a CSV file from Python.

Sandboxed sessions cannot use DuckDB's own COPY (file access is off for SQL), so results are
written here in bounded batches: the whole result is never held in Python at once. (Results are
temporary tables, visible only on the session's own connection, hence no second cursor.)
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from auditor.db import table_ref
from auditor.results.masking import Masker

BATCH = 10_000


def write_table_csv(
    conn: duckdb.DuckDBPyConnection, table: str, path: Path, masker: Masker | None = None
) -> int:
    """Write ``table`` with a header row; returns the number of data rows. Written to a
    temporary name and renamed into place, so a failure leaves no half-written file. With a
    ``masker``, personal data is written as tokens (the caller keeps them: ``save_tokens``)."""
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            result = conn.execute(f"SELECT * FROM {table_ref(table)}")
            columns = [str(d[0]) for d in result.description]
            types = [str(d[1]) for d in result.description]
            mask = masker.row_masker(columns, types) if masker is not None else None
            w.writerow(columns)
            while rows := result.fetchmany(BATCH):
                w.writerows([mask(r) for r in rows] if mask is not None else rows)
                n += len(rows)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
