"""Audit samples drawn from the sample platform's case: reproducible, recorded, written for the
reviewer, read back and projected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.cli import main
from auditor.report.sample_readback import read_reviews
from auditor.report.sample_sheet import REVIEW_COLUMNS, write_sample_file
from auditor.results.masking import case_masker
from auditor.results.sample_draw import (
    Population,
    SamplePlan,
    SizeSpec,
    draw_sample,
    population_of_table,
)
from auditor.results.sample_records import sample_record
from auditor.results.sample_review import Disposition, project, record_review
from auditor.results.sample_size import SamplingError, upper_limit

ATTRIBUTE = SizeSpec(confidence=0.95, tolerable_rate=0.05)  # 59 items (AICPA Table A-1)


def _loan_ids(case: Case, table: str) -> list[str]:
    return [r[0] for r in case.conn.execute(f"SELECT loan_id FROM {table}").fetchall()]


def test_same_seed_same_sample_whatever_order_the_rows_are_stored_in(sample_copy: Path) -> None:
    with Case.open(sample_copy) as case:
        case.conn.execute("CREATE TABLE shuffled AS SELECT * FROM loans ORDER BY hash(loan_id)")
        plan = SamplePlan("random", ATTRIBUTE, seed=20241001)
        a = draw_sample(case.conn, population_of_table(case.conn, "loans"), plan)
        b = draw_sample(case.conn, population_of_table(case.conn, "shuffled"), plan)
        other = draw_sample(
            case.conn, population_of_table(case.conn, "loans"), SamplePlan("random", ATTRIBUTE, 7)
        )
        assert a.size == 59 and a.population_rows == 20_000
        assert _loan_ids(case, a.result_table) == _loan_ids(case, b.result_table)
        assert a.selection_sha256 == b.selection_sha256
        assert _loan_ids(case, a.result_table) != _loan_ids(case, other.result_table)
        logged = [e for e in auditlog.entries(case.conn) if e.action == "sample"]
        assert auditlog.verify(case.conn).ok
    first = logged[0].detail
    assert first["seed"] == 20241001 and first["method"] == "random"
    assert first["population_rows"] == 20_000 and first["population_sql"] == 'SELECT * FROM "loans"'
    assert len(first["selection"]) == 59 and "P(X <= ceil" in first["size_formula"]


def test_reviewer_file_round_trip_and_projection(sample_copy: Path, tmp_path: Path) -> None:
    """59 loans, the reviewer tests all and finds 2 exceptions: rate 2/59 = 3.39 %, upper limit
    the p with P(X <= 2; 59, p) = 0.05 (10.3 %; the AICPA guide's Table A-3 gives 10.2 % for
    60 items), projected to 20,000 loans: 678 and 2,058."""
    out = tmp_path / "sample.xlsx"
    with Case.open(sample_copy) as case:
        drawn = draw_sample(
            case.conn,
            population_of_table(case.conn, "loans"),
            SamplePlan("systematic", ATTRIBUTE, seed=5),
        )
        write_sample_file(case.conn, drawn.sample_id, out, case_masker(case.conn))
        loans = _loan_ids(case, drawn.result_table)
    wb = load_workbook(out)
    ws = wb[f"Sample {drawn.sample_id}"]
    header_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "sample_no")
    header = [c.value for c in ws[header_row]]
    assert header[:4] == ["sample_no", *REVIEW_COLUMNS]
    lid = header.index("loan_id")
    written = [r[lid].value for r in ws.iter_rows(min_row=header_row + 1)]
    assert len(written) == 59 and all(v.startswith("LN-") for v in written)
    assert not set(written) & set(loans)  # masked: no loan id leaves in the file
    for r in ws.iter_rows(min_row=header_row + 1):
        r[1].value = "yes"
        r[2].value = "是" if r[0].value in (3, 40) else "no"
        r[3].value = "contract on file" if r[0].value != 3 else "rate differs from contract"
    wb.save(out)
    (sheet,) = read_reviews(out)
    assert sheet.sample_id == drawn.sample_id and len(sheet.dispositions) == 59
    with Case.open(sample_copy) as case:
        p = record_review(case.conn, drawn.sample_id, list(sheet.dispositions), str(out))
        assert [e.action for e in auditlog.entries(case.conn)][-1] == "sample_review"
    assert (p.tested, p.exceptions) == (59, 2)
    assert p.rate == pytest.approx(2 / 59)
    assert p.upper_limit == pytest.approx(upper_limit(2, 59, 0.95))
    assert round(p.upper_limit, 3) == 0.103
    assert p.projected_items == pytest.approx(20_000 * 2 / 59)
    assert round(p.projected_upper) == round(20_000 * p.upper_limit)


def test_a_wrong_value_is_refused_naming_row_and_column(sample_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    with Case.open(sample_copy) as case:
        drawn = draw_sample(
            case.conn,
            population_of_table(case.conn, "loans"),
            SamplePlan("random", SizeSpec(count=3), seed=1),
        )
        write_sample_file(case.conn, drawn.sample_id, out)
    wb = load_workbook(out)
    ws = wb.active
    header_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "sample_no")
    ws.cell(header_row + 2, 2).value = "maybe"
    wb.save(out)
    with pytest.raises(SamplingError, match=rf"row {header_row + 2}, column B .*'maybe'"):
        read_reviews(out)


def test_stratified_projection_weights_each_stratum(sample_copy: Path) -> None:
    """Strata abs 5,974 / bank_partner 10,062 / own 3,964 loans, 10 items each; exceptions: 2 in
    abs, none elsewhere. Rate = 5,974/20,000 x 2/10 = 5.974 %."""
    with Case.open(sample_copy) as case:
        drawn = draw_sample(
            case.conn,
            population_of_table(case.conn, "loans"),
            SamplePlan(
                "stratified",
                SizeSpec(count=10),
                3,
                stratify_by="funding_source",
                allocation="equal",
            ),
        )
        strata = case.conn.execute(
            f"SELECT sample_no, stratum FROM {drawn.result_table} ORDER BY sample_no"
        ).fetchall()
        abs_items = [n for n, s in strata if s == "abs"]
        marks = [Disposition(n, True, n in abs_items[:2]) for n, _s in strata]
        p = project(case.conn, sample_record(case.conn, drawn.sample_id), marks)
    assert [(s.stratum, s.population_rows, s.tested, s.exceptions) for s in p.strata] == [
        ("abs", 5974, 10, 2),
        ("bank_partner", 10062, 10, 0),
        ("own", 3964, 10, 0),
    ]
    assert p.rate == pytest.approx(5974 / 20000 * 0.2)
    assert p.upper_limit == pytest.approx(
        sum(n / 20000 * upper_limit(e, 10, 0.95) for n, e in ((5974, 2), (10062, 0), (3964, 0)))
    )


def test_cli_sample_rows_and_review(sample_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mus.xlsx"
    args = ["sample-rows", str(sample_copy), "--check", "DLQ-06", "--method", "mus"]
    assert (
        main([*args, "--amount", "outstanding", "--size", "5", "--seed", "42", "-o", str(out)]) == 0
    )
    printed = capsys.readouterr().out
    assert (
        "Sampling interval" in printed
        and "Population rows                              30" in printed
    )
    with Case.open(sample_copy) as case:
        record = sample_record(case.conn, 1)
    assert record.population == "DLQ-06 rows" and record.detail["selection_points"] == 5
    assert main(["sample-review", str(sample_copy), str(out)]) == 0
    assert "Items tested" in capsys.readouterr().out
    assert (
        main(["sample-rows", str(sample_copy), "--table", "nope", "--size", "2", "--seed", "1"])
        == 3
    )
    assert "the case has no table 'nope'" in capsys.readouterr().err


def test_cli_writes_a_chinese_sample_sheet_that_reads_back(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "zh.xlsx"
    args = ["sample-rows", str(sample_copy), "--table", "loans", "--size", "4", "--seed", "7"]
    assert main([*args, "-o", str(out), "--lang", "zh"]) == 0
    capsys.readouterr()
    wb = load_workbook(out, read_only=True)
    title = wb.sheetnames[0]
    cells = [str(c) for row in wb[title].iter_rows(values_only=True) for c in row if c]
    wb.close()
    assert any("\u62bd\u6837" in c for c in [title, *cells])  # 抽样 (sample) somewhere
    assert main(["sample-review", str(sample_copy), str(out)]) == 0
    assert "Items tested" in capsys.readouterr().out


def test_population_query_must_be_one_select(sample_copy: Path) -> None:
    from auditor.engine.checks import QuerySpecError

    with Case.open(sample_copy) as case, pytest.raises(QuerySpecError):
        draw_sample(
            case.conn,
            Population("bad", "DELETE FROM loans"),
            SamplePlan("random", SizeSpec(count=1), 1),
        )
    assert json.dumps({}) == "{}"
