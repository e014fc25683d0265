"""Every number of the harm chain drills down to exactly the rows it counts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.results.drilldown import drill_sql


def rows(session: Session, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    table, _n = session.query(sql, params)
    rel = session.conn.sql(f"SELECT * FROM {table}")
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def test_harm_chain_numbers_equal_their_rows(
    sample_session: Session, library: dict[str, CheckSpec]
) -> None:
    run = sample_session.run(library["OUT-11"])
    rel = sample_session.relation(run)
    scorecard = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    assert scorecard[-1]["incident_id"] == "ALL"
    for row in scorecard:
        for column in ("failed_in_window", "linked_installments", "harmed_installments",
                       "harmed_borrowers", "reports_to_correct"):  # fmt: skip
            got = drill_sql(run, row, column)
            assert got is not None
            assert "INC-" not in got[1]  # values are bound, not pasted into the SQL
            n = len(rows(sample_session, got[1], got[2]))
            assert n == row[column], (row["incident_id"], column)
        _title, sql, params = drill_sql(run, row, "refund_due") or ("", "", {})
        total = sum((r["amount"] for r in rows(sample_session, sql, params)), Decimal("0"))
        assert total == row["refund_due"], row["incident_id"]


def test_a_row_naming_a_loan_drills_to_its_ledger(
    sample_session: Session, library: dict[str, CheckSpec]
) -> None:
    run = sample_session.run(library["OUT-07"])
    rel = sample_session.relation(run)
    first = dict(zip(rel.columns, rel.limit(1).fetchall()[0], strict=True))
    title, sql, params = drill_sql(run, first, "excess") or ("", "", {})
    ledger = rows(sample_session, sql, params)
    assert title == f"Ledger of loan {first['loan_id']}"
    assert {r["loan_id"] for r in ledger} == {first["loan_id"]}
    assert [r["inst_no"] for r in ledger] == sorted(r["inst_no"] for r in ledger)
