"""A workbook saved from the sample, re-run headless on a second sample (another seed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from auditor.case.store import Case
from auditor.cli import main
from auditor.sample.platform import SampleResult, generate
from auditor.workbook.document import CustomQuery, Workbook, open_workbook, save, sources_of


def test_rerun_on_a_new_export_names_the_new_fingerprints(
    sample_copy: Path, sample: SampleResult, tmp_path: Path
) -> None:
    with Case.open(sample_copy) as case:
        sources = sources_of(case.conn)
    wb = Workbook(
        title="Q3 inspection",
        platform="Sample platform",
        examiner="A. Examiner",
        as_of=None,
        checks=["OUT-07", "OUT-11", "DSC-10"],
        check_params={"OUT-07": {"refund_max_days": "30"}},
        notes={"OUT-11": "Remediation plan requested."},
        custom_queries=[CustomQuery("CQ-01", "Loans per product",
                                    "SELECT product_id, count(*) AS loans FROM loans GROUP BY 1 ORDER BY 1")],
        sources=sources,
    )  # fmt: skip
    wb_path = save(wb, tmp_path / "q3.auditwb")
    assert open_workbook(wb_path).workbook == wb
    second = generate(tmp_path / "next_quarter", seed=7)
    report = tmp_path / "q4.xlsx"
    assert (
        main(["run-workbook", str(wb_path), "--data", str(second.directory), "-o", str(report)])
        == 0
    )
    book = openpyxl.load_workbook(report, read_only=True)
    provenance = "\n".join(
        str(c) for row in book["Provenance"].iter_rows(values_only=True) for c in row if c
    )
    cover = "\n".join(str(c) for row in book["Cover"].iter_rows(values_only=True) for c in row if c)
    for name, info in second.manifest["files"].items():
        assert info["sha256"] in provenance, name  # the new fingerprints, not the old
        assert f"{name}: NEW EXPORT" in cover
    for name, info in sample.manifest["files"].items():
        assert info["sha256"] not in provenance, name
    assert "Remediation plan requested." in cover and "taken from the new data" in cover
    sheets = book.sheetnames
    assert any(s.startswith("CQ-01") for s in sheets) and any(
        s.startswith("OUT-07") for s in sheets
    )
    # Same data again: every source unchanged, and the workbook's own as-of is used.
    wb.as_of = dt.date(2024, 6, 30)
    with Case.open(report.with_suffix(".duckdb")) as case:
        wb.sources = sources_of(case.conn)
    save(wb, wb_path)
    again = tmp_path / "q4b.xlsx"
    assert (
        main(["run-workbook", str(wb_path), "--data", str(second.directory), "-o", str(again)]) == 0
    )
    cover = "\n".join(
        str(c) for row in openpyxl.load_workbook(again, read_only=True)["Cover"].iter_rows(values_only=True)
        for c in row if c
    )  # fmt: skip
    assert "NEW EXPORT" not in cover and "unchanged export" in cover
    assert "As of 2024-06-30 (the workbook's)" in cover


def test_a_failed_rerun_leaves_no_half_built_case(tmp_path: Path, sample: SampleResult) -> None:
    """One good file, then one that fits no table: the command fails naming it, and neither
    the new case nor a report is left behind."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a_loans.csv").write_bytes((sample.directory / "loans.csv").read_bytes())
    (data / "b_notes.csv").write_text("colour,flavour\nred,sweet\n", encoding="utf-8")
    wb_path = save(Workbook(checks=["DLQ-01"]), tmp_path / "w.auditwb")
    report = tmp_path / "r.xlsx"
    assert main(["run-workbook", str(wb_path), "--data", str(data), "-o", str(report)]) == 3
    assert not report.exists() and not report.with_suffix(".duckdb").exists()
    assert not (tmp_path / "r.duckdb.wal").exists()
