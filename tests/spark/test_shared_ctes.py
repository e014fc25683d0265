"""A check's CTEs read more than once are taken out to be computed once on Spark: which ones,
what each part holds, and what is left in place (no Spark needed: SQL text only). That the
results are unchanged is the differential test's business (every check, both engines)."""

from __future__ import annotations

import duckdb
import pytest

from auditor.engine.checks import CheckSpec
from auditor.engine.spark.shared import split_shared


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return sorted(con.execute(sql).fetchall())


def test_a_cte_read_twice_becomes_a_part_and_the_rest_reads_it_by_name() -> None:
    sql = """
      WITH base_rows AS (SELECT range AS k FROM range(10)),
           agg AS (SELECT k % 3 AS g, count(*) AS n FROM base_rows GROUP BY ALL),
           once AS (SELECT g FROM agg WHERE n > 3)
      SELECT a.g, a.n, b.n AS prev FROM agg a LEFT JOIN agg b ON b.g = a.g - 1
      WHERE a.g IN (SELECT g FROM once) OR a.g = 0"""
    parts, rest = split_shared(sql, "t")
    assert [p.name for p in parts] == ["agg"]
    # The part carries the earlier CTE it reads; the rest keeps the CTEs read once.
    assert "base_rows" in parts[0].sql
    assert "agg AS (" not in rest and "once AS (" in rest
    # Run by hand as the runner does (the part stored under its name): same rows as the whole.
    con = duckdb.connect()
    con.execute(f"CREATE TABLE agg AS {parts[0].sql}")
    assert rows(con, rest) == rows(con, sql)


def test_parts_come_in_order_and_a_later_part_reads_an_earlier_one_by_name() -> None:
    sql = """
      WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a, a AS a2),
           c AS (SELECT y FROM b UNION ALL SELECT y FROM b)
      SELECT * FROM c JOIN c AS c2 USING (y)"""
    parts, rest = split_shared(sql, "t")
    assert [p.name for p in parts] == ["a", "b", "c"]
    assert not parts[1].sql.startswith("WITH")  # a is a part: read by name, not repeated
    assert "WITH" not in rest.upper().split("SELECT")[0]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",  # no CTE
        "WITH a AS (SELECT 1 AS x) SELECT * FROM a",  # read once
        "WITH RECURSIVE a AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM a WHERE x < 3) "
        "SELECT * FROM a, a AS b",
        "WITH a AS (SELECT random() AS x) SELECT * FROM a, a AS b",  # volatile
        "WITH a(x) AS (SELECT 1) SELECT * FROM a, a AS b",  # column aliases
        "WITH a AS NOT MATERIALIZED (SELECT 1 AS x) SELECT * FROM a, a AS b",
    ],
)
def test_what_is_not_split(sql: str) -> None:
    parts, rest = split_shared(sql, "t")
    assert parts == []
    assert rest == sql


def test_a_schema_qualified_table_of_the_same_name_is_not_a_read_of_the_cte() -> None:
    parts, _ = split_shared(
        "WITH loans AS (SELECT 1 AS x) SELECT * FROM loans, base.loans, results.loans", "t"
    )
    assert parts == []


def test_the_library_checks_that_read_a_cte_twice_are_split(
    library: dict[str, CheckSpec],
) -> None:
    split = {cid: [p.name for p in split_shared(spec.sql, cid)[0]] for cid, spec in library.items()}
    assert split["DLQ-02"] == ["agg"]
    assert split["OUT-11"] == ["inc", "harmed", "chain_harmed", "per_incident"]
    assert split["DLQ-01"] == []


@pytest.mark.parametrize(
    "sql",
    [
        "WITH a AS (SELECT range AS k FROM range(5)), b AS (SELECT k * 2 AS d FROM a) "
        "SELECT * FROM b WHERE d > 2",
        "WITH a(x, y) AS (SELECT 1, 2) SELECT x + y AS s FROM a",  # column aliases
        "WITH a AS (SELECT 1 AS x) SELECT t.x FROM a AS t",  # read under its own alias
        # a WITH inside a subquery, and a name reused there for another relation
        "WITH a AS (SELECT 1 AS x) SELECT * FROM a, "
        "(WITH a AS (SELECT 2 AS y) SELECT y FROM a) AS inner_q",
    ],
)
def test_ctes_written_out_as_derived_tables_give_the_same_rows(sql: str) -> None:
    import sqlglot

    from auditor.engine.spark.inline import inline_ctes

    tree = sqlglot.parse_one(sql, read="duckdb")
    written = inline_ctes(tree).sql(dialect="duckdb")
    assert "WITH" not in written.upper()
    con = duckdb.connect()
    assert rows(con, written) == rows(con, sql)


@pytest.mark.parametrize(
    "sql",
    [
        "WITH RECURSIVE a AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM a WHERE x < 3) "
        "SELECT * FROM a",
        "WITH a AS (SELECT random() AS x) SELECT * FROM a, a AS b",  # reads must agree
    ],
)
def test_a_recursive_or_volatile_with_is_left_as_written(sql: str) -> None:
    import sqlglot

    from auditor.engine.spark.inline import inline_ctes

    assert "WITH" in inline_ctes(sqlglot.parse_one(sql, read="duckdb")).sql("duckdb").upper()
