"""Comparing the sample's export with a rewritten re-export (tests/history/conftest.py plants
exactly four kinds of change): exactly the planted changes are found, nothing else."""

from __future__ import annotations

from pathlib import Path

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.results.compare import compare_cases


def test_exactly_the_planted_changes_are_found(
    sample_case_path: Path, rewritten_case_path: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.duckdb"
    new.write_bytes(rewritten_case_path.read_bytes())
    with Case.open(new) as case:
        result = compare_cases(case.conn, sample_case_path, "new export")
        c = case.conn
        changes = c.execute(
            "SELECT table_name, loan_id, record_key, column_name, old_value, new_value "
            "FROM history.changes ORDER BY ALL"
        ).fetchall()
        removed = c.execute(
            "SELECT table_name, change, loan_id, record_key FROM history.differences "
            "WHERE change <> 'changed' ORDER BY ALL"
        ).fetchall()
        old_sha = {s.target_table: s.sha256 for s in Case.open(sample_case_path).sources()}
        fp = c.execute(
            "SELECT old_sources, new_sources FROM history.changes WHERE table_name = 'incidents'"
        ).fetchall()
    assert changes == [
        ("incidents", None, "INC-005", "end_at", "2024-08-19 15:00:00", "2024-08-19 14:20:00"),
        ("installments", "L00000001", "1", "paid_date", "2023-02-01", "2023-01-31"),
    ]
    assert removed == [
        ("bureau_reports", "removed", "L00000031", "R000000003"),
        ("charges", "removed", "L00000173", "F000000001"),
        ("incidents", "removed", None, "INC-003"),
    ]
    by_table = {t.table: t for t in result.tables}
    assert sum(t.added for t in result.tables) == 0
    assert sum(t.outside_period for t in result.tables) == 0
    assert by_table["installments"].changed_values == 1
    assert by_table["loans"].removed == by_table["loans"].changed_rows == 0
    assert str(result.period_end) == "2024-09-30"
    assert fp[0][0] == old_sha["incidents"] and fp[0][1] != fp[0][0] and len(fp[0][1]) == 64


def test_his_checks_report_each_rewrite_with_both_values(
    compared: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(compared) as case:
        session = Session(case)
        his = [s for s in library.values() if s.family == "history"]
        runs = {r.check.id: r for r in session.run_many(his)}
        rows = {
            cid: [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
            for cid, run in runs.items()
            if run.result_table
            for rel in [session.relation(run)]
        }
    assert {k: r.status for k, r in runs.items()} == {
        "HIS-01": "finding",
        "HIS-02": "finding",
        "HIS-03": "finding",
        "HIS-04": "finding",
        "HIS-05": "pass",
    }
    (paid,) = rows["HIS-01"]
    assert (paid["loan_id"], paid["column_name"], paid["old_value"], paid["new_value"]) == (
        "L00000001",
        "paid_date",
        "2023-02-01",
        "2023-01-31",
    )
    assert paid["old_sources"] != paid["new_sources"]
    (penalty,) = rows["HIS-02"]
    assert (penalty["change"], penalty["charge_id"], str(penalty["amount_removed"])) == (
        "removed",
        "F000000001",
        "5.51",
    )
    assert str(runs["HIS-02"].amount) == "5.51"
    incidents = {(r["change"], r["incident_id"]): r for r in rows["HIS-03"]}
    assert set(incidents) == {("removed", "INC-003"), ("shortened", "INC-005")}
    assert incidents[("shortened", "INC-005")]["minutes_removed"] == 40
    assert incidents[("removed", "INC-003")]["minutes_removed"] == 90
    (report,) = rows["HIS-04"]
    assert (report["change"], report["report_id"], report["was_negative"]) == (
        "withdrawn",
        "R000000003",
        True,
    )


def test_without_a_comparison_the_history_checks_are_not_run(
    sample_session: Session, library: dict[str, CheckSpec]
) -> None:
    run = sample_session.run(library["HIS-01"])
    assert (run.status, run.reason) == ("not_run", "needs history.runs")


def test_comparing_a_case_with_itself_finds_nothing_and_a_new_comparison_replaces_it(
    sample_copy: Path, tmp_path: Path, rewritten_case_path: Path
) -> None:
    other = tmp_path / "same.duckdb"
    other.write_bytes(sample_copy.read_bytes())
    with Case.open(sample_copy) as case:
        first = compare_cases(case.conn, rewritten_case_path, "rewritten as the older")
        result = compare_cases(case.conn, other, "same")
        left = case.conn.execute("SELECT count(*) FROM history.differences").fetchall()
    assert first.differences == 5
    assert result.differences == 0 and len(result.tables) == 12 and left == [(0,)]
