"""DuckDB SQL to Spark SQL: each rule's output, the sandbox's refusals, and every check of the
library translated (no Spark needed: these read the SQL text only)."""

from __future__ import annotations

import re

import pytest

from auditor.case.schema import TABLES
from auditor.engine.apr import APR_SELECT, flows_sql
from auditor.engine.base import MONTH_END_SQL, installment_status_sql, loan_snapshot_sql
from auditor.engine.checks import CheckSpec
from auditor.engine.outage import ATTEMPTS_SQL, INSTALLMENTS_SQL
from auditor.engine.spark.base import REASONS_SQL
from auditor.engine.spark.transpile import TranspileError, list_item, to_spark

VIEWS = {
    "t": "t",
    "loans": "loans",
    "installments": "installments",
    "payments": "payments",
    "charges": "charges",
    "repayment_attempts": "repayment_attempts",
    "incidents": "incidents",
    "failure_reason_map": "failure_reason_map",
    "base.installment_status": "base__installment_status",
    "base.loan_snapshot": "base__loan_snapshot",
    "base.failure_reasons": "base__failure_reasons",
    "base.outage_attempts": "base__outage_attempts",
    "base.shipped_reasons": "base__shipped_reasons",
    "results.dlq_01": "results__DLQ_01",
    "__apr": "__apr",
}


def spark(sql: str, **kw: object) -> str:
    return to_spark(f"SELECT {sql} FROM t", VIEWS, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("duckdb", "spark_sql"),
    [
        # DuckDB's / is DOUBLE division (decimals too), IEEE at zero; Spark's is not.
        (
            "a / b",
            "IF(CAST(b AS DOUBLE) = 0, CAST(a AS DOUBLE) * CAST('Infinity' AS DOUBLE), "
            "TRY_DIVIDE(CAST(a AS DOUBLE), CAST(b AS DOUBLE)))",
        ),
        ("a / nullif(b, 0)", "CAST(a AS DOUBLE) / CAST(NULLIF(b, 0) AS DOUBLE)"),
        ("a / 30.0", "CAST(a AS DOUBLE) / CAST(30.0 AS DOUBLE)"),
        # date_diff counts boundaries crossed in DuckDB, whole units elapsed in Spark.
        ("date_diff('day', a, b)", "DATEDIFF(CAST(b AS DATE), CAST(a AS DATE))"),
        ("date_diff('month', a, b)", "((YEAR(b) - YEAR(a)) * 12 + MONTH(b) - MONTH(a))"),
        ("date_diff('year', a, b)", "(YEAR(b) - YEAR(a))"),
        (
            "date_diff('minute', a, b)",
            "TIMESTAMPDIFF(MINUTE, DATE_TRUNC('MINUTE', CAST(a AS TIMESTAMP_NTZ)), "
            "DATE_TRUNC('MINUTE', CAST(b AS TIMESTAMP_NTZ)))",
        ),
        # Interval constructors; DATE + interval is a TIMESTAMP in DuckDB.
        ("d + to_days(3)", "CAST(d AS TIMESTAMP_NTZ) + MAKE_DT_INTERVAL(CAST(3 AS INT))"),
        (
            "ts - to_minutes(n)",
            "CAST(ts AS TIMESTAMP_NTZ) - MAKE_DT_INTERVAL(0, 0, CAST(n AS INT), 0)",
        ),
        ("d + to_months(2)", "CAST(d AS TIMESTAMP_NTZ) + MAKE_YM_INTERVAL(0, CAST(2 AS INT))"),
        ("d + INTERVAL 1 DAY", "CAST(d AS TIMESTAMP_NTZ) + INTERVAL '1' DAY"),
        # range excludes its end, generate_series includes it; neither reverses.
        (
            "range(1, n)",
            "CASE WHEN 1 < n THEN ARRAY_REMOVE(SEQUENCE(1, n), n) WHEN 1 >= n THEN ARRAY() END",
        ),
        (
            "generate_series(1, n)",
            "CASE WHEN 1 <= n THEN SEQUENCE(1, n) WHEN 1 > n THEN ARRAY() END",
        ),
        # Lists: 1-based, NULL when out of range or absent.
        ("l[1]", "TRY_ELEMENT_AT(l, 1)"),
        ("l[-1]", "TRY_ELEMENT_AT(l, -1)"),
        ("l[i]", "TRY_ELEMENT_AT(l, NULLIF(i, 0))"),
        ("list_position(l, x)", "NULLIF(ARRAY_POSITION(l, x), 0)"),
        ("len(list_filter(l, lambda e: e > 1))", "SIZE(FILTER(l, e -> e > 1))"),
        ("len(s)", "LENGTH(s)"),
        (
            "CAST(ts AS TIME)",
            "DATE_FORMAT(CAST(ts AS TIMESTAMP_NTZ), 'HH:mm:ss.SSSSSS')",
        ),
        (
            "time_bucket(to_minutes(15), ts)",
            "CAST(TIMESTAMP_MICROS(UNIX_MICROS(CAST(ts AS TIMESTAMP_LTZ)) - "
            "PMOD(UNIX_MICROS(CAST(ts AS TIMESTAMP_LTZ)) - 946857600000000, "
            "(CAST(CAST(15 AS INT) AS BIGINT) * 60000000))) AS TIMESTAMP_NTZ)",
        ),
        ("arg_max(a, b)", "MAX_BY(a, b)"),
        ("avg(a)", "AVG(CAST(a AS DOUBLE))"),
    ],
)
def test_a_rule_keeps_duckdbs_meaning(duckdb: str, spark_sql: str) -> None:
    assert spark(duckdb) == f"SELECT {spark_sql} FROM `t`"


def test_an_ordered_list_sorts_by_its_keys_with_nulls_last() -> None:
    got = spark("list(v ORDER BY k DESC)")
    assert got.startswith("SELECT TRANSFORM(ARRAY_SORT(COLLECT_LIST(NAMED_STRUCT('k0', k, 'v', v))")
    assert "WHEN __a1.k0 < __b2.k0 THEN 1 WHEN __a1.k0 > __b2.k0 THEN -1" in got  # descending
    assert "WHEN __a1.k0 IS NULL THEN 1" in got  # nulls last


def test_a_window_frame_in_mixed_units_becomes_one_interval_type() -> None:
    got = spark(
        "sum(x) OVER (ORDER BY s RANGE BETWEEN INTERVAL 28 DAY PRECEDING "
        "AND INTERVAL 1 MICROSECOND PRECEDING)"
    )
    assert (
        "RANGE BETWEEN INTERVAL '28 00:00:00.000000' DAY TO SECOND PRECEDING AND "
        "INTERVAL '0 00:00:00.000001' DAY TO SECOND PRECEDING"
    ) in got


def test_a_series_in_from_becomes_a_lateral_view() -> None:
    got = to_spark("SELECT t.a, r.k FROM t, range(1, t.n + 1) r(k)", VIEWS)
    assert got == (
        "SELECT t.a, r.k FROM `t` LATERAL VIEW EXPLODE(CASE WHEN 1 < t.n + 1 THEN "
        "ARRAY_REMOVE(SEQUENCE(1, t.n + 1), t.n + 1) WHEN 1 >= t.n + 1 THEN ARRAY() END) r AS k"
    )


def test_parameters_stay_bound_and_lists_bind_item_by_item() -> None:
    got = to_spark(
        "SELECT * FROM t WHERE d <= $as_of AND len(list_filter($edges, lambda e: e <= x)) > 0",
        VIEWS,
        list_params={"edges": 3},
    )
    assert ":as_of" in got and "'2024" not in got
    items = ", ".join(f":{list_item('edges', i)}" for i in range(3))
    assert f"SIZE(FILTER(ARRAY({items}), e -> e <= x))" in got


def test_tables_are_pointed_at_the_runs_views_and_ctes_are_written_out() -> None:
    got = to_spark(
        'WITH t AS (SELECT 1 AS a) SELECT * FROM t, base.loan_snapshot, "results"."DLQ_01", '
        "main.loans",
        VIEWS,
    )
    assert (
        "FROM (SELECT 1 AS a) AS t, `base__loan_snapshot` AS loan_snapshot, "
        "`results__DLQ_01` AS DLQ_01, `loans`"
    ) in got


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("DELETE FROM loans", "only a read-only SELECT"),
        ("CREATE TABLE x AS SELECT 1", "only a read-only SELECT"),
        ("COPY loans TO '/tmp/x.csv'", "only a read-only SELECT"),
        ("SELECT * FROM secrets", "reads secrets, which is not a table of this run"),
        ("SELECT * FROM spark_catalog.default.loans", "is not a table of this run"),
        ("SELECT * FROM read_parquet('/etc/x.parquet')", "table function"),
        ("SELECT * FROM read_csv_auto('/etc/passwd')", "table function READ_CSV_AUTO"),
        (
            "SELECT reflect('java.lang.System', 'getProperty', 'user.home') FROM loans",
            "the function reflect is not allowed",
        ),
        ("SELECT java_method('java.lang.Runtime', 'getRuntime') FROM loans", "java_method"),
        ("SELECT 1; SELECT 2", "holds 2 statements"),
    ],
)
def test_the_sandbox_refuses_anything_but_a_select_over_the_runs_tables(
    sql: str, message: str
) -> None:
    with pytest.raises(TranspileError, match=message):
        to_spark(sql, VIEWS, origin="the query")


def test_every_check_of_the_library_translates(library: dict[str, CheckSpec]) -> None:
    views = {**VIEWS}
    for table in (
        "notices",
        "bureau_reports",
        "disclosures",
        "reported_metrics",
        "loan_funding",
    ):
        views[table] = table
    for name in ("month_end", "apr", "outage_installments", "notices", *TABLES):
        views[f"base.{name}"] = f"base__{name}"
    views["audit.sources"] = "audit__sources"
    for spec in library.values():  # what a comparison of two exports writes (HIS-)
        for name in re.findall(r"\bhistory\.(\w+)", spec.sql):
            views[f"history.{name}"] = f"history__{name}"
    for spec in library.values():
        lists = {p.name: 3 for p in spec.params if p.type == "list"}
        got = to_spark(spec.sql, views, list_params=lists, origin=spec.id)
        assert _statement(got).startswith("SELECT"), spec.id
        assert "$" not in got, spec.id  # every parameter is a Spark marker


def test_the_base_layer_translates() -> None:
    cols = {
        "installments": {"loan_id", "inst_no", "due_date", "principal_due", "interest_due"},
        "payments": {"loan_id", "inst_no", "value_date", "amount"},
        "loans": {"loan_id", "borrower_id", "disbursed_at", "contract_principal"},
    }

    def columns(table: str) -> set[str]:
        return cols.get(table, set())

    views = {**VIEWS, "base.month_end": "base__month_end"}
    for sql in (
        installment_status_sql(columns, "payments"),
        loan_snapshot_sql(columns),
        MONTH_END_SQL,
        flows_sql(True),
        APR_SELECT,
        REASONS_SQL,
    ):
        assert _statement(to_spark(sql, views)).startswith("SELECT")
    for sql in (ATTEMPTS_SQL, INSTALLMENTS_SQL):  # the app's own CREATE ... AS: its query
        assert _statement(to_spark(sql, views, create_as=True)).startswith("SELECT")


def _statement(spark_sql: str) -> str:
    """The Spark SQL without the comments sqlglot moves to its front (CTEs are written out as
    derived tables, so a query starts with SELECT)."""
    return re.sub(r"^(\s*/\*.*?\*/)*\s*", "", spark_sql, flags=re.S)
