"""The built-in sample platform: deterministic, imports cleanly, bad rows are caught exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.case.info import reject_rows
from auditor.case.store import Case
from auditor.errors import ImportFailed
from auditor.ingest.importer import import_file
from auditor.sample.platform import SampleResult, generate


def test_sample_exports_import_with_zero_rejects_and_reconciled_counts(
    sample: SampleResult, sample_case_path: Path
) -> None:
    m = sample.manifest
    assert m["generator"]["loans"] == 20000
    with Case.open(sample_case_path) as c:
        assert reject_rows(c) == []
        for s in c.sources():
            info = m["files"][s.file_name]
            assert s.target_table == info["table"]
            assert s.rows_read == s.rows_loaded == info["rows"]
            assert s.sha256 == info["sha256"]
        for table, rows in m["rows"].items():
            assert c.row_count(table) == rows
        enc = {s.file_name: s.encoding for s in c.sources()}
    assert enc["loans.csv"] == "gb18030" and enc["charges.csv"] == "utf-8-sig"


def test_sample_covers_what_domain_md_asks_for(
    sample: SampleResult, sample_case_path: Path
) -> None:
    t = sample.manifest["truths"]
    with Case.open(sample_case_path) as c:
        q = c.conn.execute
        assert {r[0] for r in q("SELECT DISTINCT funding_source FROM loans").fetchall()} == {
            "own",
            "bank_partner",
            "abs",
        }
        first, last = q("SELECT min(disbursed_at), max(disbursed_at) FROM loans").fetchall()[0]
        assert (last - first).days >= 540
        kinds = dict(q("SELECT incident_id, kind FROM incidents").fetchall())
        assert "maintenance" in kinds.values() and "outage" in kinds.values()
        assert q(
            "SELECT count(*) FROM incidents WHERE planned AND notified_at IS NULL"
        ).fetchall() == [(1,)]
        # The congestion spike is in the attempts but not in the incident log.
        spike = t["congestion"]
        n = q(
            "SELECT count(*) FROM repayment_attempts WHERE failure_reason = $r AND attempt_at "
            "BETWEEN CAST($s AS TIMESTAMP) AND CAST($e AS TIMESTAMP)",
            {"r": spike["reason"], "s": spike["start"], "e": spike["end"]},
        ).fetchall()[0][0]
        assert n == spike["failed_attempts"] > 20
        assert q(
            "SELECT count(*) FROM incidents WHERE CAST($s AS TIMESTAMP) BETWEEN start_at AND "
            "end_at",
            {"s": spike["start"]},
        ).fetchall() == [(0,)]
        mis = t["delinquency"]["misclassified_loans"]
        assert len(mis) == 30
        assert q(
            "SELECT count(*) FROM loans WHERE risk_class = 'normal' AND list_contains($m, loan_id)",
            {"m": mis},
        ).fetchall() == [(30,)]
        assert q("SELECT count(*) FROM disclosures WHERE NOT apr_shown").fetchall()[0][0] == 2
    out = t["outage"]
    assert out["harmed_installments"] > 200 and out["refund_due_cents"] > 0
    assert out["reports_to_correct"] > 0 and len(out["harmed"]) == out["harmed_installments"]
    assert t["notices"]["missing_due_reminders"] > 0 and t["notices"]["missing_prenotices"]


def test_same_seed_gives_the_same_platform(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", seed=7, loans=400)
    b = generate(tmp_path / "b", seed=7, loans=400)
    c = generate(tmp_path / "c", seed=8, loans=400)
    for f in a.files:
        if f.suffix == ".xlsx":  # zip timestamps differ; the cells must not
            cells = [
                list(load_workbook(x, read_only=True).active.values)
                for x in (f, tmp_path / "b" / f.name)
            ]
            assert cells[0] == cells[1]
        else:
            assert a.manifest["files"][f.name]["sha256"] == b.manifest["files"][f.name]["sha256"]
    assert a.manifest["truths"] == b.manifest["truths"]
    assert a.manifest["files"]["loans.csv"]["sha256"] != c.manifest["files"]["loans.csv"]["sha256"]
    assert json.loads((tmp_path / "a" / "manifest.json").read_text()) == json.loads(
        json.dumps(a.manifest, default=str)
    )


def test_injected_bad_rows_are_exactly_the_rejects(sample: SampleResult, tmp_path: Path) -> None:
    src = sample.directory / "installments.csv"
    lines = src.read_bytes().decode("gb18030").split("\n")
    header, good = lines[0].split(","), lines[1].split(",")
    assert header[:3] == ["借据号", "期数", "应还日期"]

    def row(**changes: str) -> str:
        cells = list(good)
        for idx, value in changes.items():
            cells[int(idx[1:])] = value
        return ",".join(cells)

    injected = {
        11: (row(c1="99", c2="2024/13/45"), "due_date", "not a date"),
        12: (row(c1="98", c3="-100.00"), "principal_due", "negative value"),
        13: (lines[1], "loan_id, inst_no", "duplicate key: same as row 2"),
        14: (",".join(good[:5]), None, "malformed record, too few fields (ragged row)"),
        15: (",".join([*good, "extra"]), None, "malformed record, too many fields (ragged row)"),
    }
    out = lines[:10]
    for line_no in sorted(injected):
        out.append(injected[line_no][0])
    out += lines[10:]
    bad = tmp_path / "installments_bad.csv"
    bad.write_bytes("\n".join(out).encode("gb18030"))
    with Case.open(tmp_path / "c.duckdb", create=True) as c:
        r = import_file(c, bad)
        total = sample.manifest["rows"]["installments"]
        assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (total + 5, total, 5)
        got = {x["source_row"]: x for x in reject_rows(c)}
    assert sorted(got) == sorted(injected)
    for line_no, (_, column, reason) in injected.items():
        assert got[line_no]["reason"].startswith(reason), got[line_no]
        if column:
            assert got[line_no]["column"] == column


def test_an_unknown_header_in_place_of_a_required_one_is_refused(
    sample: SampleResult, tmp_path: Path
) -> None:
    text = (sample.directory / "loans.csv").read_bytes().decode("gb18030")
    f = tmp_path / "loans_renamed.csv"
    f.write_bytes(text.replace("借据号", "合约标识", 1).encode("gb18030"))
    with Case.open(tmp_path / "c.duckdb", create=True) as c:
        with pytest.raises(ImportFailed) as e:
            import_file(c, f, table="loans")
        assert c.tables() == []
    assert "loan_id" in str(e.value) and "合约标识" in str(e.value)
