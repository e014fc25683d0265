"""The samples drawn in a case, read back from ``audit.samples``: what each was drawn from, how,
with which seed, and the fingerprint of its selection (for the report's sample sheets and the
reviewer's read-back)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from auditor import db
from auditor.results.sample_size import SamplingError


@dataclass(frozen=True)
class SampleRecord:
    sample_id: int
    created_at: datetime
    population: str
    population_rows: int
    method: str
    size: int
    seed: int
    result_table: str
    selection_sha256: str
    detail: dict[str, Any]


def samples(conn: duckdb.DuckDBPyConnection) -> list[SampleRecord]:
    """Every sample drawn in the case, oldest first (none when the case has no sample yet)."""
    exists = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' "
        "AND table_name = 'samples'",
    )
    if not exists:
        return []
    rows = conn.execute(
        "SELECT sample_id, created_at, population, population_rows, method, size, seed, "
        "result_table, selection_sha256, detail FROM audit.samples ORDER BY sample_id"
    ).fetchall()
    return [
        SampleRecord(
            int(r[0]),
            r[1],
            str(r[2]),
            int(r[3]),
            str(r[4]),
            int(r[5]),
            int(r[6]),
            str(r[7]),
            str(r[8]),
            json.loads(r[9]),
        )
        for r in rows
    ]


def sample_record(conn: duckdb.DuckDBPyConnection, sample_id: int) -> SampleRecord:
    for s in samples(conn):
        if s.sample_id == sample_id:
            return s
    raise SamplingError(f"the case has no sample {sample_id}")
