"""The reviewer's dispositions of a sample, and the exception rate projected to the population.

Each sampled item gets tested (yes/no), exception (yes/no) and a note. Only tested items count.
The projection, at the confidence of the sample's plan:

- random and systematic: rate = exceptions / tested, its one-sided Clopper-Pearson upper limit,
  and both times the population's rows (projected exception items);
- stratified: each stratum projected as above; the population rate is the strata's rates
  weighted by their rows, and its upper limit the strata's upper limits weighted the same way
  (conservative: at least as high as the exact combined limit);
- monetary-unit: every selection point counts once (an item hit twice counts twice), a tested
  item with an exception is taken as wholly in error (100 % tainting), and the rate and upper
  limit over selection points apply to the population's amount.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.db import table_ref
from auditor.results.sample_records import SampleRecord, sample_record
from auditor.results.sample_size import SamplingError, upper_limit

REVIEWS_DDL = """CREATE TABLE IF NOT EXISTS audit.sample_reviews (
  sample_id INTEGER NOT NULL,
  sample_no INTEGER NOT NULL,
  tested BOOLEAN NOT NULL,
  exception BOOLEAN,
  note VARCHAR,
  reviewed_file VARCHAR NOT NULL,
  reviewed_at TIMESTAMP NOT NULL
)"""


@dataclass(frozen=True)
class Disposition:
    sample_no: int
    tested: bool
    exception: bool | None
    note: str = ""


@dataclass(frozen=True)
class StratumProjection:
    stratum: str | None
    population_rows: int
    tested: int
    exceptions: int
    rate: float
    upper_limit: float


@dataclass(frozen=True)
class Projection:
    sample_id: int
    method: str
    confidence: float
    selected: int
    tested: int
    exceptions: int
    rate: float  # point estimate for the population
    upper_limit: float  # at ``confidence``
    population_rows: int
    projected_items: float  # rate x population rows (amount for monetary-unit)
    projected_upper: float
    basis: str  # "items" or the amount column for monetary-unit sampling
    strata: tuple[StratumProjection, ...] = ()

    def lines(self) -> list[tuple[str, Any]]:
        """Label and value pairs for the report and the command line."""
        unit = "rows" if self.basis == "items" else f"amount of {self.basis}"
        return [
            ("Items tested", f"{self.tested:,} of {self.selected:,} selected"),
            ("Exceptions", self.exceptions),
            ("Exception rate (sample)", self.rate),
            (f"Upper limit at {self.confidence:.0%} confidence", self.upper_limit),
            (f"Projected to the population ({unit})", round(self.projected_items, 2)),
            (f"Upper limit projected ({unit})", round(self.projected_upper, 2)),
        ]


def _rows(conn: duckdb.DuckDBPyConnection, record: SampleRecord) -> list[tuple[int, Any, int]]:
    return [
        (int(n), s, int(h))
        for n, s, h in conn.execute(
            f"SELECT sample_no, stratum, hits FROM {table_ref(record.result_table)} "
            "ORDER BY sample_no"
        ).fetchall()
    ]


def check_dispositions(
    conn: duckdb.DuckDBPyConnection, record: SampleRecord, dispositions: list[Disposition]
) -> None:
    numbers = {n for n, _s, _h in _rows(conn, record)}
    seen: set[int] = set()
    for d in dispositions:
        if d.sample_no not in numbers:
            raise SamplingError(f"sample {record.sample_id} has no item {d.sample_no}")
        if d.sample_no in seen:
            raise SamplingError(f"item {d.sample_no} of sample {record.sample_id} is given twice")
        seen.add(d.sample_no)
        if d.tested and d.exception is None:
            raise SamplingError(
                f"item {d.sample_no} is marked tested but its exception column is empty: "
                "write yes or no"
            )


def project(
    conn: duckdb.DuckDBPyConnection, record: SampleRecord, dispositions: list[Disposition]
) -> Projection:
    check_dispositions(conn, record, dispositions)
    confidence = float(record.detail["plan"].get("confidence", 0.95))
    items = _rows(conn, record)
    by_no = {d.sample_no: d for d in dispositions}
    tested = [(n, s, h) for n, s, h in items if n in by_no and by_no[n].tested]
    exc = [(n, s, h) for n, s, h in tested if by_no[n].exception]
    total = record.population_rows
    if record.method == "mus":
        points_t = sum(h for _n, _s, h in tested)
        points_e = sum(h for _n, _s, h in exc)
        amount = float(record.detail["total_amount"])
        rate = points_e / points_t if points_t else 0.0
        ul = upper_limit(points_e, points_t, confidence)
        return Projection(
            record.sample_id,
            record.method,
            confidence,
            len(items),
            len(tested),
            len(exc),
            rate,
            ul,
            total,
            rate * amount,
            ul * amount,
            str(record.detail["amount_column"]),
            (),
        )
    if record.method == "stratified":
        strata = []
        rate = ul = 0.0
        for st in record.detail["strata"]:
            name = st["stratum"]
            t = sum(1 for _n, s, _h in tested if s == name)
            e = sum(1 for _n, s, _h in exc if s == name)
            r_h = e / t if t else 0.0
            u_h = upper_limit(e, t, confidence)
            strata.append(StratumProjection(name, int(st["rows"]), t, e, r_h, u_h))
            weight = int(st["rows"]) / total
            rate += weight * r_h
            ul += weight * u_h
        strata_t = tuple(strata)
    else:
        rate = len(exc) / len(tested) if tested else 0.0
        ul = upper_limit(len(exc), len(tested), confidence)
        strata_t = ()
    return Projection(
        record.sample_id,
        record.method,
        confidence,
        len(items),
        len(tested),
        len(exc),
        rate,
        ul,
        total,
        rate * total,
        ul * total,
        "items",
        strata_t,
    )


def record_review(
    conn: duckdb.DuckDBPyConnection,
    sample_id: int,
    dispositions: list[Disposition],
    source: str,
) -> Projection:
    """Keep the dispositions (replacing an earlier review of the sample) and log the
    projection."""
    record = sample_record(conn, sample_id)
    projection = project(conn, record, dispositions)
    conn.execute(REVIEWS_DDL)
    now = datetime.now()
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM audit.sample_reviews WHERE sample_id = $s", {"s": sample_id})
        if dispositions:
            conn.execute(
                "INSERT INTO audit.sample_reviews SELECT $s, unnest($no), unnest($t), "
                "unnest($e), unnest($note), $f, $at",
                {
                    "s": sample_id,
                    "no": [d.sample_no for d in dispositions],
                    "t": [d.tested for d in dispositions],
                    "e": [d.exception for d in dispositions],
                    "note": [d.note for d in dispositions],
                    "f": source,
                    "at": now,
                },
            )
        auditlog.append(
            conn,
            "sample_review",
            {
                "sample_id": sample_id,
                "file": source,
                "tested": projection.tested,
                "exceptions": projection.exceptions,
                "rate": projection.rate,
                "upper_limit": projection.upper_limit,
                "confidence": projection.confidence,
            },
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return projection


def stored_dispositions(conn: duckdb.DuckDBPyConnection, sample_id: int) -> list[Disposition]:
    exists = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' "
        "AND table_name = 'sample_reviews'",
    )
    if not exists:
        return []
    rows = conn.execute(
        "SELECT sample_no, tested, exception, coalesce(note, '') FROM audit.sample_reviews "
        "WHERE sample_id = $s ORDER BY sample_no",
        {"s": sample_id},
    ).fetchall()
    return [Disposition(int(n), bool(t), e, str(note)) for n, t, e, note in rows]


def describe(record: SampleRecord) -> list[tuple[str, Any]]:
    """What the sample is, in label/value pairs (report sheet, standalone file, CLI)."""
    d = record.detail
    lines: list[tuple[str, Any]] = [
        ("Sample", record.sample_id),
        ("Population", record.population),
        ("Population query", d["population_sql"]),
        *(
            [("Population from", json.dumps(d["population_origin"], ensure_ascii=False))]
            if d.get("population_origin")
            else []
        ),
        ("Population rows", record.population_rows),
        ("Method", record.method),
        ("Size", d["size_formula"]),
        ("Items selected", record.size),
        ("Seed", record.seed),
        ("Random numbers", d["bit_generator"]),
        ("Drawn at", record.created_at.isoformat(timespec="seconds")),
        ("Selection (population rows)", json.dumps(d["selection"])),
        ("Selection SHA-256", record.selection_sha256),
    ]
    if record.method == "mus":
        lines += [
            ("Amount column", d["amount_column"]),
            ("Population amount", d["total_amount"]),
            ("Sampling interval", d["interval"]),
            ("Random start", d["random_start"]),
            ("Rows without a positive amount (not sampled)", d["rows_without_positive_amount"]),
        ]
    if record.method == "systematic":
        lines.append(("Sampling interval (rows)", d["interval"]))
    if record.method == "stratified":
        lines.append(("Allocation", d["allocation"]))
        lines += [
            (f"Stratum {s['stratum']}", f"{s['sampled']} of {s['rows']:,} rows")
            for s in d["strata"]
        ]
    return lines
