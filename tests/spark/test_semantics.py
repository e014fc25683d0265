"""The transpiler's rules on the edge values the sample may never reach: the same expressions
evaluated by DuckDB and by Spark over the same small table, compared value by value.

Each row of ``EDGES`` is a case a rule exists for; each expression of ``EXPRESSIONS`` is DuckDB
SQL, translated for Spark by the same ``to_spark`` the checks go through."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from auditor.engine.spark.transpile import to_spark
from tests.spark.compare import family, same

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SCHEMA = (
    "id INTEGER, a DECIMAL(18,2), b DECIMAL(18,2), x DOUBLE, n INTEGER, "
    "d DATE, e DATE, s TIMESTAMP, f TIMESTAMP"
)
D, T = dt.date, dt.datetime
EDGES: list[tuple[Any, ...]] = [
    # id, a, b, x, n, d, e, s, f
    (
        1,
        Decimal("10.00"),
        Decimal("3.00"),
        1.5,
        3,
        D(2024, 1, 31),
        D(2024, 2, 1),
        T(2024, 1, 31, 23, 59, 59),
        T(2024, 2, 1, 0, 0, 1),
    ),
    (
        2,
        Decimal("10.00"),
        Decimal("0.00"),
        0.0,
        0,
        D(2024, 1, 1),
        D(2024, 12, 31),
        T(2024, 3, 10, 10, 7, 30),
        T(2024, 3, 10, 10, 8, 0),
    ),
    (
        3,
        Decimal("-4.50"),
        Decimal("0.00"),
        -2.0,
        1,
        D(2023, 12, 31),
        D(2024, 1, 1),
        T(1999, 12, 31, 23, 53, 0),
        T(2000, 1, 3, 0, 0, 0),
    ),
    (
        4,
        Decimal("0.00"),
        Decimal("0.00"),
        None,
        12,
        D(2024, 2, 29),
        D(2025, 2, 28),
        T(2024, 2, 29, 12, 0, 0),
        T(2024, 3, 1, 11, 59, 59),
    ),
    (5, None, Decimal("7.00"), 2.5, None, None, D(2024, 3, 15), None, T(2024, 1, 1)),
]
EXPRESSIONS = [
    "a / b",  # decimal division is DOUBLE; x/0 is inf, -inf or NaN
    "x / n",
    "n / 4",
    "a / nullif(b, 0)",
    "avg(a) OVER ()",
    "date_diff('day', s, f)",  # boundaries crossed, not whole days elapsed
    "date_diff('month', d, e)",
    "date_diff('year', d, e)",
    "date_diff('minute', s, f)",
    "date_diff('hour', s, f)",
    "d + to_days(n)",  # DATE + interval is a TIMESTAMP
    "d + to_months(1)",  # month ends clamp (Jan 31 + 1 month = Feb 29)
    "s - to_minutes(CAST(n AS BIGINT))",
    "s + INTERVAL 90 MINUTE",
    "time_bucket(to_minutes(7), s)",  # DuckDB's origin, 2000-01-03, decides 7-minute slots
    "time_bucket(to_minutes(15), s)",
    "time_bucket(to_hours(1), f)",
    "range(1, n)",  # end excluded; empty, never reversed
    "generate_series(1, n)",  # end included
    "range(CAST(d AS TIMESTAMP), CAST(e AS TIMESTAMP), INTERVAL 1 MONTH)",
    "[10, 20, 30][n]",  # 1-based, NULL out of range
    "[10, 20, 30][-1]",
    "list_position([10, 20, 30], n * 10)",  # NULL when absent
    "len(list_filter([1, 2, 3, 4], lambda v: v <= n))",
    "CAST(s AS TIME) = CAST(f AS TIME)",
    "round(a / 3, 2)",
    "greatest(a, b)",
    "CAST(n AS VARCHAR) || '/' || CAST(a AS VARCHAR) || '/' || CAST(d AS VARCHAR)",
    "CAST(s AS VARCHAR)",
    "CAST(n > 1 AS VARCHAR)",
    "CAST(date_trunc('month', d) AS DATE)",
    "last_day(d)",
    "strftime(s, '%Y-%m')",
]


def duckdb_values(sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    conn = duckdb.connect()
    conn.execute(f"CREATE TABLE t ({SCHEMA})")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * 9)})", EDGES)
    result = conn.execute(sql)
    types = [str(d[1]) for d in result.description]
    return types, result.fetchall()


@pytest.fixture(scope="module")
def spark_t(spark: SparkSession) -> str:
    spark.createDataFrame(
        EDGES, SCHEMA.replace("TIMESTAMP", "TIMESTAMP_NTZ")
    ).createOrReplaceTempView("semantics_t")
    return "semantics_t"


def test_every_rule_gives_duckdbs_value_on_spark(spark: SparkSession, spark_t: str) -> None:
    """All expressions in one query (one Spark job), row by row, column by column."""
    select = ", ".join(f"{e} AS c{i}" for i, e in enumerate(EXPRESSIONS))
    sql = f"SELECT id, {select} FROM t ORDER BY id"
    types, want = duckdb_values(sql)
    frame = spark.sql(to_spark(sql, {"t": spark_t}))
    got = [tuple(r) for r in frame.collect()]
    spark_types = [f.dataType.simpleString() for f in frame.schema.fields]
    assert len(got) == len(want) == len(EDGES)
    wrong = [
        f"{EXPRESSIONS[i - 1]} on row {w[0]}: DuckDB {w[i]!r}, Spark {g[i]!r}"
        for w, g in zip(want, got, strict=True)
        for i in range(1, len(w))
        if not same(w[i], g[i])
    ]
    assert wrong == []
    kinds = [
        (EXPRESSIONS[i - 1], family(duck), spark_type)
        for i, (duck, spark_type) in enumerate(zip(types, spark_types, strict=True))
        if i and family(duck) != _spark_family(spark_type)
    ]
    assert kinds == []


def _spark_family(spark_type: str) -> str:
    from auditor.engine.spark.runner import duckdb_type

    return family(duckdb_type(spark_type))


def test_an_ordered_list_keeps_duckdbs_order_with_nulls_last(
    spark: SparkSession, spark_t: str
) -> None:
    for order in ("x", "x DESC", "d, id DESC"):
        sql = f"SELECT list(id ORDER BY {order}) AS ids FROM t"
        _, want = duckdb_values(sql)
        got = spark.sql(to_spark(sql, {"t": spark_t})).collect()[0][0]
        assert got == want[0][0], order
