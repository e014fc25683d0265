"""Human text: column labels, units, cleaned error messages, the audit log as sentences, and
the grid's filter and selection SQL, on hand-made values."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from auditor.engine.checks import CheckSpec, QuerySpecError, parse_check
from auditor.engine.labels import from_display, readable, to_display
from auditor.results.grid_query import (
    CellRange,
    ColumnFilter,
    GridView,
    selection_stats,
    stats_sql,
    view_sql,
)
from auditor.results.log_text import action_text, detail_text
from auditor.results.messages import clean_error


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("refund_due", "Refund due"),
        ("loan_id", "Loan ID"),
        ("m1p_balance", "M1+ balance"),
        ("apr_nominal", "APR nominal"),
        ("Already Chosen", "Already Chosen"),
        ("dpd", "DPD"),
    ],
)
def test_a_column_name_made_readable(name: str, label: str) -> None:
    assert readable(name) == label


def test_every_check_declares_what_its_amount_means(library: dict[str, CheckSpec]) -> None:
    """A check whose finding rule sums an amount says what that amount is."""
    missing = [c.id for c in library.values() if c.finding.amount and c.finding.rows != "none"
               and not c.labels.amount]  # fmt: skip
    assert missing == []
    dsc04 = library["DSC-04"]
    assert dsc04.labels.unit("apr_tolerance") == "pp"
    assert dsc04.labels.column("understated_by") == "Understated by"
    assert dsc04.labels.column("loan_id") == "Loan ID"


def test_units_convert_exactly_both_ways() -> None:
    """0.00125 as a fraction is 0.125 percentage points; 24% back is 0.24."""
    assert to_display("0.00125", "pp") == "0.125"
    assert to_display("0.24", "%") == "24"
    assert to_display("1.0", "%") == "100"
    assert from_display("0.125", "pp") == "0.00125"
    assert from_display("24 %", "%") == "0.24"
    assert from_display("abc", "%") == "abc"  # the parameter's own check refuses it


def test_a_labels_table_naming_no_parameter_is_refused(library: dict[str, CheckSpec]) -> None:
    text = "\n".join(
        [
            '-- id = "X-01"', '-- title = "t"', '-- family = "custom"', '-- severity = "info"',
            '-- description = "d"', '-- basis = "b"', "-- requires = {}",
            '-- [finding]', '-- rows = "none"', '-- [chart]', '-- kind = "table"',
            '-- [labels]', '-- units = { nosuch = "%" }', "SELECT 1 AS one",
        ]
    )  # fmt: skip
    with pytest.raises(QuerySpecError, match="nosuch"):
        parse_check(text, "x.sql")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            'Binder Error: Referenced column "x" not found in FROM clause!\n'
            'Candidate bindings: "range"\n\nLINE 1: SELECT x FROM range(3)\n               ^',
            'Referenced column "x" not found in FROM clause! Candidate bindings: "range"',
        ),
        (
            'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1',
            'Syntax error at or near "SELEC"',
        ),
        (
            "Conversion Error: Could not convert string 'ten' to INT32\nLINE 1: ...",
            "'ten' is not a whole number",
        ),
        (
            "parameter amt_tolerance: 'ten' is not a valid decimal ([<class 'decimal.ConversionSyntax'>])",
            "Parameter amt_tolerance: 'ten' is not a valid decimal (not a number)",
        ),
        (
            'Permission Error: Cannot access file "/etc/passwd" - file system operations are '
            "disabled by configuration",
            'The SQL runs sandboxed: it cannot read or write files (Cannot access file "/etc/passwd")',
        ),
        ("", "the database gave no reason"),
    ],
)
def test_error_messages_are_cleaned(raw: str, clean: str) -> None:
    assert clean_error(raw) == clean


def test_the_audit_log_reads_as_sentences() -> None:
    run = {
        "id": "DLQ-06", "status": "finding", "finding_rows": 30, "loans": 30, "borrowers": 30,
        "amount": "123456.5", "duration_s": 0.385, "rows": 30,
        "params": {"as_of": {"value": "2024-09-30", "source": "case"}},
    }  # fmt: skip
    assert detail_text("check_run", run) == (
        "DLQ-06: finding, 30 finding rows, 30 loans, 30 borrowers, amount 123,456.50 "
        "(as of 2024-09-30, 0.39 s)"
    )
    imp = {"file": "/x/loans.csv", "table": "loans", "rows_read": 20000, "rows_loaded": 19998,
           "rows_rejected": 2}  # fmt: skip
    assert detail_text("import", imp) == (
        "loans.csv into loans: 20,000 rows read, 19,998 loaded, 2 rejected"
    )
    assert action_text("check_run") == "Check run"
    assert detail_text("something_new", {"a_b": 1}) == "a b: 1"
    assert action_text("something_new") == "Something new"


def _grid_table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES "
        "('L1', 10.50::DECIMAL(18,2), true, 3), ('L2', 2.25::DECIMAL(18,2), false, 4), "
        "('L3', NULL, NULL, 5), ('X9', 100.00::DECIMAL(18,2), true, NULL)) v(loan_id, amount, finding, n)"
    )
    return con


def test_filters_and_findings_only_as_bound_sql() -> None:
    con = _grid_table()
    types = {"loan_id": "VARCHAR", "amount": "DECIMAL(18,2)", "finding": "BOOLEAN", "n": "INTEGER"}

    def ids(view: GridView) -> list[str]:
        sql, params = view_sql("t", types, view, "finding")
        return [r[0] for r in con.execute(sql, params).fetchall()]

    assert ids(GridView(findings_only=True)) == ["L1", "X9"]
    assert ids(GridView((ColumnFilter("loan_id", "contains", "l"),))) == ["L1", "L2", "L3"]
    assert ids(GridView((ColumnFilter("amount", ">=", "10.5"),))) == ["L1", "X9"]
    assert ids(GridView((ColumnFilter("amount", ">", "abc"),))) == []  # not a number: none
    assert ids(GridView((ColumnFilter("amount", "empty"),))) == ["L3"]
    assert ids(GridView((ColumnFilter("finding", "=", "Yes"),))) == ["L1", "X9"]
    assert ids(GridView(sort_column="amount", descending=True)) == ["X9", "L1", "L2", "L3"]
    injected = ColumnFilter("loan_id", "=", "'; DROP TABLE t; --")
    assert ids(GridView((injected,))) == [] and con.execute(
        "SELECT count(*) FROM t"
    ).fetchall() == [(4,)]


def test_selection_stats_are_exact_for_money() -> None:
    """Rows 0-2 of amount and n: amounts 10.50 + 2.25 (one empty) = 12.75, mean 6.38 (two
    numbers); with n (3, 4, 5) the sum is 24.75 over five numbers, as doubles."""
    con = _grid_table()
    types = {"loan_id": "VARCHAR", "amount": "DECIMAL(18,2)", "finding": "BOOLEAN", "n": "INTEGER"}
    got = stats_sql("t", types, [CellRange(0, 2, ("amount",))])
    assert got is not None
    stats = selection_stats(con.execute(got[0], got[1]).fetchall()[0], cells=3)
    assert (stats.values, stats.numbers, stats.total, stats.mean) == (
        2,
        2,
        Decimal("12.75"),
        Decimal("6.38"),
    )
    got = stats_sql("t", types, [CellRange(0, 2, ("amount", "n")), CellRange(3, 3, ("loan_id",))])
    assert got is not None
    stats = selection_stats(con.execute(got[0], got[1]).fetchall()[0], cells=7)
    assert (stats.values, stats.numbers) == (6, 5)
    assert stats.total == pytest.approx(24.75) and stats.mean == pytest.approx(4.95)
