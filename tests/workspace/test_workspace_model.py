"""The workspace model without Qt: commands, events, staleness, history, the workbook form,
and what the case keeps of it (restored from the case and its audit log)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from auditor.workbook.document import CustomQuery, parse, to_toml
from auditor.workbook.workspace import (
    ImportStamp,
    Location,
    Properties,
    RunRecord,
    Workspace,
    tables_read,
)
from auditor.workbook.workspace_store import (
    last_log_seq,
    read_from_case,
    save_to_case,
)


def test_commands_emit_their_event_and_mark_the_workbook_modified(
    library: dict[str, CheckSpec],
) -> None:
    ws = Workspace()
    seen: list[str] = []
    ws.events.changed.connect(seen.append)
    notes: list[str] = []
    ws.events.notes.connect(notes.append)
    ws.set_note("OUT-07", "Refunds confirmed.")
    ws.set_note("OUT-07", "Refunds confirmed.")  # no change, no event
    assert notes == ["OUT-07"] and ws.notes == {"OUT-07": "Refunds confirmed."}
    assert ws.modified
    ws.mark_saved()
    ws.open_check("DLQ-06")
    ws.dispose("DLQ-06", ["L1|B1|own", "L2|B2|own"], "confirmed", "seen in the ledger")
    ws.dispose("DLQ-06", ["L2|B2|own"], "dismissed", "written off")  # filed again: replaced
    assert ws.disposition_counts("DLQ-06") == (1, 1)
    assert seen == ["notes", "saved", "checks", "dispositions", "dispositions"]
    # Runs and histories are the case's, not the workbook's: they do not mark it modified.
    ws.mark_saved()
    ws.add_sql("SELECT 1")
    ws.navigate(Location("check", "DLQ-06", "DLQ-06"))
    assert not ws.modified


def test_a_run_goes_stale_when_a_table_it_reads_gets_an_import(
    library: dict[str, CheckSpec],
) -> None:
    """DQ-07 reads repayment_attempts only; DLQ-06 reads the base layer (every table)."""
    from auditor.engine.runner import CheckRun

    ws = Workspace()
    ws.as_of = dt.date(2024, 9, 30)
    as_of = {"as_of": {"value": "2024-09-30", "source": "override"}}
    dq07 = RunRecord(CheckRun(library["DQ-07"], "pass", params=as_of), seq=10)
    dlq06 = RunRecord(CheckRun(library["DLQ-06"], "finding", params=as_of), seq=10)
    ws.record_runs([dq07, dlq06])
    assert tables_read(library["DQ-07"]) == {"repayment_attempts"}
    assert not ws.is_stale("DQ-07") and not ws.is_stale("DLQ-06")
    ws.set_imports([ImportStamp(3, "loans.csv", "loans", 20_000)])  # before the runs
    assert not ws.is_stale("DLQ-06")
    ws.set_imports([*ws.imports, ImportStamp(12, "loans_more.csv", "loans", 2)])
    assert ws.staleness("DLQ-06") == (
        "loans_more.csv was imported into loans (2 rows) after this run",
    )
    assert not ws.is_stale("DQ-07")  # it does not read loans
    ws.set_as_of(dt.date(2024, 8, 31))
    assert ws.staleness("DQ-07") == ("the as-of date is now 2024-08-31; this run used 2024-09-30",)
    period = {**as_of, "from_date": {"value": "2024-04-01", "source": "override"}}
    ws.set_as_of(dt.date(2024, 9, 30))
    ws.record_runs([RunRecord(CheckRun(library["DSC-09"], "finding", params=period), seq=11)])
    ws.set_from_date(dt.date(2024, 4, 1))
    assert not ws.is_stale("DSC-09")
    ws.set_from_date(dt.date(2024, 6, 1))
    assert ws.staleness("DSC-09") == (
        "the review period now starts 2024-06-01; this run's started 2024-04-01",
    )


def test_back_and_forward_move_through_the_history_like_a_browser() -> None:
    ws = Workspace()
    a = Location("check", "OUT-11", "OUT-11")
    b = Location("query", "Harmed borrowers", sql="SELECT 1")
    c = Location("query", "Ledger of loan L1", sql="SELECT 2", params={"loan": "L1"})
    for loc in (a, b, c):
        ws.navigate(loc)
    assert ws.back() == b and ws.back() == a and ws.back() is None
    assert ws.forward() == b
    d = Location("query", "Charges to refund", sql="SELECT 3")
    ws.navigate(d)  # going somewhere new drops the forward history
    assert ws.history == [a, b, d] and not ws.can_go_forward()


def test_the_workbook_form_keeps_the_properties_and_the_open_checks() -> None:
    ws = Workspace()
    ws.set_properties(
        Properties(
            "Q3 inspection",
            "Jiebei",
            "A. Examiner",
            "B. Reviewer",
            "Refunds are due.",
        )
    )
    ws.set_from_date(dt.date(2024, 4, 1))
    ws.open_check("OUT-11")
    ws.put_custom_query(CustomQuery("CQ-01", "Big loans", "SELECT * FROM loans"))
    ws.open_check("CQ-01")
    text = to_toml(ws.to_workbook("sample"))
    wb = parse(text, "x").workbook
    assert (wb.title, wb.reviewer, wb.from_date, wb.conclusion) == (
        "Q3 inspection", "B. Reviewer", dt.date(2024, 4, 1), "Refunds are due.",
    )  # fmt: skip
    assert wb.checks == ["OUT-11"] and [q.id for q in wb.custom_queries] == ["CQ-01"]
    other = Workspace()
    other.apply_workbook(wb)
    assert other.properties == ws.properties and other.open_checks == ["OUT-11", "CQ-01"]
    assert other.from_date == dt.date(2024, 4, 1)
    assert not other.modified


def test_the_case_keeps_the_workspace_and_its_log_gives_back_the_runs(
    sample_copy: Path, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    with Case.open(sample_copy) as case:
        session = Session(case)
        runs = [session.run(library[i]) for i in ("DQ-07", "DLQ-06", "OUT-07")]
        seq = last_log_seq(case.conn)
        ws = Workspace()
        ws.open_check("OUT-07")
        ws.set_note("OUT-07", "Refunds confirmed with the platform.")
        ws.navigate(
            Location("query", "Ledger of loan L1", sql="SELECT $loan", params={"loan": "L1"})
        )
        save_to_case(case.conn, ws, "s")
    with Case.open(sample_copy) as case:
        lib = dict(library)
        got = read_from_case(case.conn, lib, sample_copy)
    assert got.warnings == ()
    assert got.workbook is not None and got.workbook.notes == {
        "OUT-07": "Refunds confirmed with the platform."
    }
    assert got.open_checks == ("OUT-07",)
    assert got.history[0].params == {"loan": "L1"}
    by_id = {r.run.check.id: r for r in got.runs}
    for run in runs:
        back = by_id[run.check.id].run
        assert (back.status, back.row_count, back.finding_rows, back.loans, back.amount) == (
            run.status, run.row_count, run.finding_rows, run.loans, run.amount,
        )  # fmt: skip
        assert back.result_table == run.result_table and back.params == run.params
    assert by_id["OUT-07"].seq == seq
    restored = Workspace()
    got_ws = got
    got_ws.apply_to(restored)
    assert restored.run("OUT-07") is not None and not restored.is_stale("OUT-07")
    # An import after the runs: the runs that read that table are stale, naming the file.
    extra = tmp_path / "incidents_late.csv"
    extra.write_text(
        "incident_id,kind,start_at,end_at\nINC-900,outage,2024-09-01 10:00,2024-09-01 11:00\n"
    )
    with Case.open(sample_copy) as case:
        import_file(case, extra, table="incidents")
        got = read_from_case(case.conn, dict(library), sample_copy)
    got.apply_to(restored)
    assert restored.staleness("DLQ-06") == (
        "incidents_late.csv was imported into incidents (1 rows) after this run",
    )
    assert not restored.is_stale("DQ-07")


def test_a_result_table_that_no_longer_matches_its_run_is_left_out_and_said(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(sample_copy) as case:
        Session(case).run(library["DLQ-06"])
        case.conn.execute('DELETE FROM results."DLQ_06" WHERE rowid < 3')
        got = read_from_case(case.conn, dict(library), sample_copy)
    assert not [r for r in got.runs if r.run.check.id == "DLQ-06"]
    assert got.warnings == (
        "the result table of DLQ-06 no longer matches its logged run; run it again",
    )


def test_a_stored_workspace_that_does_not_read_starts_empty_and_says_why(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(sample_copy) as case:
        save_to_case(case.conn, Workspace(), "s")
        case.conn.execute("UPDATE workspace.state SET value = 'format = [' WHERE key = 'workbook'")
        got = read_from_case(case.conn, dict(library), sample_copy)
    assert got.workbook is None and len(got.warnings) == 1
    assert got.warnings[0].startswith("the workspace saved in the case could not be read")


def test_custom_sql_kept_in_a_case_is_checked_like_a_workbook(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    ws = Workspace()
    ws.put_custom_query(CustomQuery("CQ-01", "Fine", "SELECT count(*) FROM loans"))
    with Case.open(sample_copy) as case:
        save_to_case(case.conn, ws, "s")
        doc = case.conn.execute(
            "SELECT value FROM workspace.state WHERE key = 'workbook'"
        ).fetchall()[0][0]
        evil = doc.replace("SELECT count(*) FROM loans", "COPY loans TO '/tmp/x.csv'")
        case.conn.execute(
            "UPDATE workspace.state SET value = $v WHERE key = 'workbook'", {"v": evil}
        )
        lib = dict(library)
        got = read_from_case(case.conn, lib, sample_copy)
    assert got.workbook is not None and got.workbook.custom_queries == []
    assert "CQ-01" not in lib
    assert any("custom query refused" in w for w in got.warnings)


@pytest.mark.parametrize("bad", ["not json", json.dumps({"history": "x"})])
def test_a_damaged_history_is_dropped(
    bad: str, sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(sample_copy) as case:
        save_to_case(case.conn, Workspace(), "s")
        case.conn.execute(
            "UPDATE workspace.state SET value = $v WHERE key = 'navigation'", {"v": bad}
        )
        got = read_from_case(case.conn, dict(library), sample_copy)
    assert got.history == ()


def test_duckdb_error_type_is_what_the_store_catches() -> None:
    assert issubclass(duckdb.CatalogException, duckdb.Error)
