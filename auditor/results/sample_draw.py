"""Drawing an audit sample from a population in the case, and keeping its record.

A population is any read-only SELECT: a check's finding rows, a table, a query. Its rows are put
in a fixed order (by the stratum column first when stratifying, then by every column, so the
same rows give the same order whatever order DuckDB produced them in); the method of
``sampling`` picks positions in that order from the seed; the selected rows go to a result table
``results.sample_<id>`` with their sample number, population position, stratum and hits.

The record (``audit.samples``) and the audit log keep the seed, the bit generator, the method,
the size and the formula that gave it, the population's SQL and row count, and the selected
positions with their SHA-256: another examiner re-draws the same sample from them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import numpy as np

from auditor import db
from auditor.case import auditlog
from auditor.db import q, table_ref
from auditor.engine.checks import assert_single_select
from auditor.engine.runner import CheckRun
from auditor.errors import Cancelled
from auditor.results.sample_size import SamplingError, attribute_sample_size
from auditor.results.sampling import (
    BIT_GENERATOR,
    METHODS,
    Allocation,
    Method,
    generator,
    select_mus,
    select_random,
    select_stratified,
    select_systematic,
)

NUMERIC = ("DECIMAL", "DOUBLE", "FLOAT", "REAL", "INTEGER", "BIGINT", "SMALLINT", "HUGEINT")
SAMPLES_DDL = """CREATE TABLE IF NOT EXISTS audit.samples (
  sample_id INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  population VARCHAR NOT NULL,
  population_sql VARCHAR NOT NULL,
  population_rows BIGINT NOT NULL,
  method VARCHAR NOT NULL,
  size INTEGER NOT NULL,
  seed UBIGINT NOT NULL,
  result_table VARCHAR NOT NULL,
  selection_sha256 VARCHAR NOT NULL,
  detail VARCHAR NOT NULL
)"""


@dataclass(frozen=True)
class SizeSpec:
    """How big: a number of items, a fraction of the population, or attribute parameters."""

    count: int | None = None
    fraction: float | None = None
    confidence: float | None = None
    tolerable_rate: float | None = None
    expected_rate: float = 0.0

    def resolve(self, population: int) -> tuple[int, str]:
        """The size and the formula that gave it, in words."""
        given = [self.count is not None, self.fraction is not None, self.confidence is not None]
        if sum(given) != 1:
            raise SamplingError(
                "give the sample size one way: a number, a fraction, or a confidence with a "
                "tolerable deviation rate"
            )
        if self.count is not None:
            if self.count <= 0:
                raise SamplingError(f"sample size {self.count} must be a positive number")
            return self.count, f"n = {self.count} (given)"
        if self.fraction is not None:
            if not 0 < self.fraction <= 1:
                raise SamplingError(f"fraction {self.fraction:g} must lie in (0, 1]")
            n = math.ceil(self.fraction * population - 1e-9)
            return n, f"n = ceil({self.fraction:g} x {population:,} rows) = {n}"
        if self.tolerable_rate is None:
            raise SamplingError("attribute sampling needs a tolerable deviation rate too")
        assert self.confidence is not None
        size = attribute_sample_size(self.confidence, self.tolerable_rate, self.expected_rate)
        return size.size, size.formula


@dataclass(frozen=True)
class SamplePlan:
    method: Method
    size: SizeSpec
    seed: int
    stratify_by: str | None = None
    allocation: Allocation = "proportional"
    amount_column: str | None = None
    confidence: float = 0.95  # for the projection of the reviewed exceptions


@dataclass(frozen=True)
class Population:
    label: str
    sql: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # Where the rows came from beyond the SQL: a check's id and the parameter values it ran
    # with, so the population itself can be re-performed.
    origin: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DrawnSample:
    sample_id: int
    plan: SamplePlan
    population: Population
    population_rows: int
    size: int  # items selected
    size_formula: str
    result_table: str
    positions: tuple[int, ...]
    selection_sha256: str
    detail: dict[str, Any]


def population_of_run(run: CheckRun) -> Population:
    """A check's finding rows (all rows when every row is a finding or the check is a metric)."""
    if run.result_table is None:
        raise SamplingError(f"{run.check.id} has no result rows to sample ({run.status})")
    rule = run.check.finding.rows
    where = "" if rule in ("all", "none") else f" WHERE COALESCE({q(rule)}, FALSE)"
    what = "rows" if rule in ("all", "none") else "finding rows"
    return Population(
        f"{run.check.id} {what}",
        f"SELECT * FROM {table_ref(run.result_table)}{where}",
        origin={
            "check": run.check.id,
            "parameters": {k: str(v.get("value")) for k, v in run.params.items()},
            "rows": run.row_count,
        },
    )


def population_of_table(conn: duckdb.DuckDBPyConnection, name: str) -> Population:
    schema, _, table = name.rpartition(".")
    found = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t",
        {"s": schema or "main", "t": table},
    )
    if not found:
        raise SamplingError(f"the case has no table {name!r}")
    return Population(f"table {name}", f"SELECT * FROM {table_ref(name)}")


def _columns(conn: duckdb.DuckDBPyConnection, pop: Population) -> list[tuple[str, str]]:
    try:
        rel = conn.execute(f"DESCRIBE ({pop.sql})", dict(pop.params)).fetchall()
    except duckdb.Error as e:
        raise SamplingError(f"the population query fails: {str(e).splitlines()[0]}") from e
    return [(str(r[0]), str(r[1])) for r in rel]


def _ordered(pop_sql: str, columns: list[str], first: str | None) -> str:
    """The population with ``__pos`` 0..N-1 in a fixed order (stratum first, then every
    column; NULLs last)."""
    keys = ([first] if first else []) + columns
    order = ", ".join(f"{q(c)} ASC NULLS LAST" for c in keys)
    return f"SELECT row_number() OVER (ORDER BY {order}) - 1 AS __pos, * FROM ({pop_sql})"


def _next_id(conn: duckdb.DuckDBPyConnection) -> int:
    conn.execute(SAMPLES_DDL)
    return db.count(conn, "SELECT coalesce(max(sample_id), 0) + 1 FROM audit.samples")


def draw_sample(
    conn: duckdb.DuckDBPyConnection, population: Population, plan: SamplePlan
) -> DrawnSample:
    """Draw the sample, write its rows to ``results.sample_<id>`` and record it."""
    try:
        return _draw(conn, population, plan)
    except duckdb.InterruptException as e:
        raise Cancelled("sampling cancelled; nothing was recorded") from e
    except duckdb.Error as e:
        raise SamplingError(f"the sample cannot be drawn: {str(e).splitlines()[0]}") from e


def _draw(conn: duckdb.DuckDBPyConnection, population: Population, plan: SamplePlan) -> DrawnSample:
    if plan.method not in METHODS:
        raise SamplingError(f"unknown method {plan.method!r}; methods: {', '.join(METHODS)}")
    assert_single_select(population.sql, "the population query")
    described = _columns(conn, population)
    names = [c for c, _t in described]
    for col, role in ((plan.stratify_by, "stratify by"), (plan.amount_column, "amount")):
        if col is not None and col not in names:
            raise SamplingError(
                f"{role} column {col!r} is not in the population; columns: {', '.join(names)}"
            )
    if plan.method == "stratified" and not plan.stratify_by:
        raise SamplingError("stratified sampling needs a column to stratify by")
    if plan.method == "mus" and not plan.amount_column:
        raise SamplingError("monetary-unit sampling needs an amount column")
    types = dict(described)
    if plan.method == "mus" and plan.amount_column is not None:
        kind = types[plan.amount_column].upper()
        if not kind.startswith(NUMERIC):
            raise SamplingError(
                f"amount column {plan.amount_column!r} holds {kind}, not amounts; choose a "
                "money column"
            )
    first = plan.stratify_by if plan.method == "stratified" else None
    ordered = _ordered(population.sql, names, first)
    params = dict(population.params)
    total = db.count(conn, f"SELECT count(*) FROM ({population.sql})", params)
    if total == 0:
        raise SamplingError(f"the population ({population.label}) has no rows to sample")
    size, formula = plan.size.resolve(total)
    gen = generator(plan.seed)
    detail: dict[str, Any] = {}
    hits: np.ndarray | None = None
    strata_of: list[tuple[Any, int, int]] = []
    if plan.method == "random":
        positions = select_random(gen, total, size)
    elif plan.method == "systematic":
        positions = select_systematic(gen, total, size)
        detail["interval"] = total / min(size, total)
    elif plan.method == "stratified":
        assert plan.stratify_by is not None
        col = q(plan.stratify_by)  # named as DuckDB writes it, as in the result's stratum
        groups = conn.execute(
            f"SELECT CAST({col} AS VARCHAR), count(*) FROM ({population.sql}) "
            f"GROUP BY {col} ORDER BY {col} ASC NULLS LAST",
            params,
        ).fetchall()
        positions, sizes = select_stratified(
            gen, [int(n) for _v, n in groups], size, plan.allocation
        )
        strata_of = [(v, int(n), s) for (v, n), s in zip(groups, sizes, strict=True)]
        detail["strata"] = [
            {"stratum": None if v is None else str(v), "rows": n, "sampled": s}
            for v, n, s in strata_of
        ]
        detail["allocation"] = plan.allocation
    else:
        assert plan.amount_column is not None
        got = conn.execute(
            f"SELECT __pos, CAST(round({q(plan.amount_column)} * 100) AS BIGINT) AS c "
            f"FROM ({ordered}) WHERE {q(plan.amount_column)} > 0 ORDER BY __pos",
            params,
        ).fetchnumpy()
        sel = select_mus(gen, got["c"], size)
        positions = np.asarray(got["__pos"], dtype=np.int64)[sel.items]
        hits = sel.hits
        detail.update(
            {
                "amount_column": plan.amount_column,
                "total_amount": sel.total_cents / 100,
                "interval": round(sel.interval_cents / 100, 6),
                "random_start": sel.start_cents / 100,
                "selection_points": sel.points,
                "rows_without_positive_amount": total - len(got["c"]),
            }
        )
    return _store(conn, population, plan, total, size, formula, ordered, positions, hits, detail)


def _store(
    conn: duckdb.DuckDBPyConnection,
    population: Population,
    plan: SamplePlan,
    total: int,
    size: int,
    formula: str,
    ordered: str,
    positions: np.ndarray,
    hits: np.ndarray | None,
    detail: dict[str, Any],
) -> DrawnSample:
    pos = [int(p) for p in positions]
    conn.execute("BEGIN")  # the rows, the record and the log entry land together or not at all
    try:
        drawn = _write(conn, population, plan, total, size, formula, ordered, pos, hits, detail)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return drawn


def _write(
    conn: duckdb.DuckDBPyConnection,
    population: Population,
    plan: SamplePlan,
    total: int,
    size: int,
    formula: str,
    ordered: str,
    pos: list[int],
    hits: np.ndarray | None,
    detail: dict[str, Any],
) -> DrawnSample:
    digest = hashlib.sha256(json.dumps(pos).encode()).hexdigest()
    sample_id = _next_id(conn)
    table = db.result_table(f"sample_{sample_id}")
    hit_list = [int(h) for h in hits] if hits is not None else [1] * len(pos)
    stratum = f"CAST({q(plan.stratify_by)} AS VARCHAR)" if plan.stratify_by else "NULL"
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {db.RESULTS_SCHEMA}")
    conn.execute(
        f"CREATE OR REPLACE TABLE {table_ref(table)} AS "
        f"SELECT s.sample_no, CAST(p.__pos + 1 AS BIGINT) AS population_row, "
        f"{stratum} AS stratum, s.hits, p.* EXCLUDE (__pos) "
        f"FROM ({ordered}) p JOIN (SELECT unnest($__positions) AS pos, "
        f"generate_subscripts($__positions, 1) AS sample_no, unnest($__hits) AS hits) s "
        f"ON p.__pos = s.pos ORDER BY s.sample_no",
        {**dict(population.params), "__positions": pos, "__hits": hit_list},
    )
    record = {
        "sample_id": sample_id,
        "population": population.label,
        "population_sql": population.sql,
        "population_params": {k: str(v) for k, v in population.params.items()},
        "population_origin": dict(population.origin),
        "population_rows": total,
        "method": plan.method,
        "size_requested": size,
        "selected": len(pos),
        "size_formula": formula,
        "seed": plan.seed,
        "bit_generator": f"numpy {BIT_GENERATOR} (raw 64-bit words)",
        "plan": asdict(plan),
        "selection": [p + 1 for p in pos],  # population rows, counted from 1
        "selection_sha256": digest,
        **detail,
    }
    conn.execute(
        "INSERT INTO audit.samples VALUES ($id, $at, $pop, $sql, $n, $m, $size, $seed, $t, "
        "$sha, $detail)",
        {
            "id": sample_id,
            "at": datetime.now(),
            "pop": population.label,
            "sql": population.sql,
            "n": total,
            "m": plan.method,
            "size": len(pos),
            "seed": plan.seed,
            "t": table,
            "sha": digest,
            "detail": json.dumps(record, ensure_ascii=False, default=str),
        },
    )
    auditlog.append(conn, "sample", record)
    return DrawnSample(
        sample_id,
        plan,
        population,
        total,
        len(pos),
        formula,
        table,
        tuple(pos),
        digest,
        record,
    )
