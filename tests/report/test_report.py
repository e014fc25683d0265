"""The Excel report, reopened with openpyxl (and LibreOffice where installed)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.runner import CheckRun, Session
from auditor.errors import Cancelled
from auditor.ingest.importer import import_file
from auditor.report import ExportError, ReportMeta, write_report


@pytest.fixture
def all_runs(sample_session: Session, library: dict[str, CheckSpec]) -> list[CheckRun]:
    return sample_session.run_many(list(library.values()))


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def _values(wb: Workbook, sheet: str) -> list[list[Any]]:
    return [list(r) for r in wb[sheet].iter_rows(values_only=True)]


def test_sheets_summary_links_formats_and_charts(
    sample_session: Session, all_runs: list[CheckRun], tmp_path: Path
) -> None:
    out = tmp_path / "r.xlsx"
    result = write_report(
        sample_session,
        all_runs,
        out,
        images={"DLQ-06": _png()},
        meta=ReportMeta("Q3 inspection", "Sample", "A. Examiner"),
    )
    wb = load_workbook(out)
    # Masked by default: no loan (L00000001..) or borrower (C00000001..) id of the sample in any
    # part of the file, not even where a result repeats one in other text (DQ-01's refs).
    with zipfile.ZipFile(out) as z:
        text = "".join(z.read(n).decode("utf-8", errors="replace") for n in z.namelist())
    assert re.findall(r"(?<![0-9A-Za-z])[LC]\d{8}", text) == []
    assert wb.sheetnames == result.sheets
    assert wb.sheetnames[:2] == ["Cover", "Summary"]
    assert wb.sheetnames[-4:] == ["Chart data", "Provenance", "Data quality", "Coverage"]
    assert "DLQ-06" in wb.sheetnames and "DLQ-10" not in wb.sheetnames  # a pass has no sheet
    cover = {r[0]: r[1] for r in _values(wb, "Cover") if r and r[0]}
    assert cover["Platform"] == "Sample" and cover["As of"] == "2024-09-30"
    assert len(cover["Case fingerprint (SHA-256)"]) == 64
    summary = wb["Summary"]
    header = [c.value for c in summary[1]]
    assert header[:6] == ["ID", "Title", "Family", "Severity", "Status", "Finding rows"]
    assert header[8] == "Amount (CNY)" and header[9] == "What the amount is"
    rows = {r[0].value: r for r in summary.iter_rows(min_row=2)}
    dlq06 = rows["DLQ-06"]
    assert [c.value for c in dlq06[2:8]] == ["Delinquency", "High", "Finding", 30, 30, 30]
    assert dlq06[0].hyperlink.location == "'DLQ-06'!A1"
    assert dlq06[8].number_format == "#,##0.00" and dlq06[5].number_format == "#,##0"
    assert dlq06[9].value == "Outstanding principal of the misclassified loans"
    assert rows["DLQ-08"][4].value == "Not run" and rows["DLQ-08"][10].value == "needs loan_funding"
    assert rows["DLQ-06"][4].fill.fgColor.rgb.endswith("FF9999")
    # OUT-11 counts no loans or borrowers per row: blank, not a false 0.
    assert [c.value for c in rows["OUT-11"][5:9]] == [2, None, None, 1151.51]
    ws = wb["DLQ-06"]
    assert ws.freeze_panes is not None
    assert ws["A1"].value == "← Summary" and ws["A1"].hyperlink.location == "'Summary'!A1"
    table = ws.tables["T_DLQ_06_1"]
    assert [c.name for c in table.tableColumns][:2] == ["Loan ID", "Borrower ID"]
    header_row = int(ws.freeze_panes[1:]) - 1
    first = [c for c in ws[header_row + 1]]
    assert first[6].number_format == "#,##0.00"  # outstanding
    assert first[7].value in ("Yes", "No")  # charged off: yes/no, not TRUE/FALSE
    assert len(ws._charts) == 1 and len(ws._images) == 1
    trend = wb["DLQ-02"]
    hr = int(trend.freeze_panes[1:]) - 1
    names = [c.value for c in trend[hr]]
    data = trend[hr + 1]
    assert data[names.index("Month end")].number_format == "yyyy-mm-dd"
    assert data[names.index("M1+ by balance")].number_format == "0.00%"
    assert wb["Chart data"].conditional_formatting  # the roll-rate heatmap
    prov = _values(wb, "Provenance")
    assert any(r[1] and str(r[1]).endswith("loans.csv") and len(str(r[2])) == 64 for r in prov)
    params = next(r for r in prov if r[0] == "DLQ-06" and r[1] == "finding")
    assert "substandard_dpd = 90 (profile)" in params[2]
    at = next(i for i, r in enumerate(prov) if r[0] == "DLQ-06" and r[1] and r[1] != "finding")
    sql = "\n".join(str(r[1]) for r in prov[at : at + 200] if r[1] is not None)
    assert "$substandard_dpd" in sql  # the SQL as run, a line per row, not printed
    assert wb["Provenance"].print_area.startswith("'Provenance'!$A$1:$F$")
    dq = _values(wb, "Data quality")
    assert dq[2][0] == "No rows were rejected."


def test_the_summary_puts_findings_first_and_lists_checks_not_yet_run(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    """Three checks run (a high finding, a medium pass, an info); two not yet run. Order:
    severity high, medium, info; within a severity findings, then not yet run, then passes."""
    runs = sample_session.run_many([library[i] for i in ("DLQ-01", "DLQ-10", "OUT-07")])
    assert [r.status for r in runs] == ["info", "pass", "finding"]
    out = tmp_path / "r.xlsx"
    write_report(
        sample_session, runs, out, not_yet_run=[library["DQ-01"], library["DSC-04"]],
        stale={"OUT-07": ["loans_more.csv was imported into loans (2 rows) after this run"]},
    )  # fmt: skip
    wb = load_workbook(out)
    got = [(r[0], r[3], r[4]) for r in _values(wb, "Summary")[1:]]
    severity = {c.id: c.severity for c in library.values()}
    assert [severity[g[0]] for g in got] == sorted(
        (severity[g[0]] for g in got), key=["high", "medium", "info"].index
    )
    statuses = dict((g[0], g[2]) for g in got)
    assert statuses["OUT-07"] == "Finding (stale)" and statuses["DSC-04"] == "Not yet run"
    assert statuses["DQ-01"] == "Not yet run"
    highs = [g[0] for g in got if g[1] == "High"]
    assert highs.index("OUT-07") < highs.index("DSC-04")  # the finding before the not run
    stale_note = next(r for r in _values(wb, "Summary") if r[0] == "OUT-07")[10]
    assert stale_note == (
        "Data changed since the run: loans_more.csv was imported into loans (2 rows) after this run."
    )
    ws = wb["OUT-07"]
    texts = [str(c) for row in ws.iter_rows(max_row=12, values_only=True) for c in row if c]
    assert any(t.startswith("Computed on older data: loans_more.csv") for t in texts)
    cover = "\n".join(str(c) for row in wb["Cover"].iter_rows(values_only=True) for c in row if c)
    assert "DRAFT: not for signing. Not every check has been run on the current data." in cover
    assert "5 checks: 1 with findings (1 of high severity), 1 passed, 1 information only" in cover


def test_a_final_report_needs_every_check_run_on_the_current_data(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    runs = sample_session.run_many([library["DLQ-10"]])
    with pytest.raises(ExportError, match="1 not yet run and 0 run on older data"):
        write_report(
            sample_session, runs, tmp_path / "r.xlsx", meta=ReportMeta(final=True),
            not_yet_run=[library["DQ-01"]],
        )  # fmt: skip
    assert not (tmp_path / "r.xlsx").exists()
    write_report(sample_session, runs, tmp_path / "r.xlsx", meta=ReportMeta(final=True))
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb["Cover"]["A2"].value == "FINAL REPORT"
    assert wb["Summary"].oddHeader.right.text == "FINAL"


def test_the_report_prints_one_page_wide_with_headers_and_findings_first(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    """OUT-02 on the sample: 3 finding slots among 7,663; they come first, and only they
    print (with the preamble); the header row repeats; DSC-04's tolerance reads in points."""
    runs = sample_session.run_many([library["OUT-02"], library["DSC-04"]])
    out = tmp_path / "r.xlsx"
    write_report(sample_session, runs, out, meta=ReportMeta("Q3", "Sample", "A. Examiner"))
    wb = load_workbook(out)
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.oddFooter.center.text == "Page &P of &N"
        assert ws.oddHeader.right.text == "DRAFT, not for signing"
        assert ws.oddFooter.left.text.startswith("Case ")
    assert wb["Cover"].page_setup.fitToHeight == 1  # the cover is one page
    ws = wb["OUT-02"]
    header = int(ws.freeze_panes[1:]) - 1
    assert ws.print_title_rows == f"${header}:${header}"
    names = [c.value for c in ws[header]]
    flag = names.index("Finding")
    flags = [r[flag] for r in ws.iter_rows(min_row=header + 1, values_only=True)]
    assert flags[:3] == ["Yes", "Yes", "Yes"] and set(flags[3:]) == {"No"}
    assert len(flags) == 7663
    assert ws.print_area.endswith(f"$A$1:$H${header + 3}")
    texts = [str(c) for row in ws.iter_rows(max_row=header, values_only=True) for c in row if c]
    assert any("The 3 finding rows come first" in t and "7,660 rows are background" in t
               for t in texts)  # fmt: skip
    dsc = wb["DSC-04"]
    lines = [str(r[1]) for r in dsc.iter_rows(values_only=True) if len(r) > 1 and r[1]]
    assert "Tolerance, regular schedule: 0.125 percentage points (the check's default)" in lines


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    danger = '=HYPERLINK("http://x","y")'
    loans = tmp_path / "loans.csv"
    loans.write_text(
        "loan_id,borrower_id,disbursed_at,contract_principal\n"
        f'"{danger.replace(chr(34), chr(34) * 2)}",X,2024-01-01,100\n'
        "+1 555,Y,2024-01-01,100\n@SUM(A1),Z,2024-01-01,100\nOK,W,2024-01-01,100\n",
        encoding="utf-8",
    )
    inst = tmp_path / "inst.csv"
    inst.write_text("loan_id,inst_no,due_date,principal_due\nOK,1,2024-02-01,100\n")
    with Case.open(tmp_path / "c.duckdb", create=True) as case:
        import_file(case, loans, table="loans")
        import_file(case, inst, table="installments")
        s = Session(case, as_of="2024-03-01")
        runs = [s.run(next(x for x in load_library() if x.id == "DQ-05"))]
        write_report(s, runs, tmp_path / "r.xlsx", mask=False)  # the raw text, not tokens
    wb = load_workbook(tmp_path / "r.xlsx")
    cells = [
        c
        for row in wb["DQ-05"].iter_rows()
        for c in row
        if c.value in (danger, "+1 555", "@SUM(A1)")
    ]
    assert sorted(c.value for c in cells) == sorted([danger, "+1 555", "@SUM(A1)"])
    assert all(c.data_type == "s" for c in cells)


def test_evidence_past_the_sheet_limit_continues_on_a_named_sheet(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    run = sample_session.run(library["DLQ-03"])
    assert run.row_count == 228
    out = tmp_path / "r.xlsx"
    write_report(sample_session, [run], out, rows_per_sheet=60)
    wb = load_workbook(out)
    parts = [n for n in wb.sheetnames if n.startswith("DLQ-03")]
    assert parts[:2] == ["DLQ-03", "DLQ-03 (2)"]
    data_rows = 0
    for name in parts:
        ws = wb[name]
        assert len(ws.tables) == 1
        header = int(ws.freeze_panes[1:]) - 1
        assert ws.cell(header, 1).value == "Vintage"
        data_rows += ws.max_row - header
        assert ws.max_row <= 60
    assert data_rows == 228


def test_a_cap_on_evidence_rows_is_stated_with_the_full_count(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    run = sample_session.run(library["DLQ-06"])
    write_report(sample_session, [run], tmp_path / "r.xlsx", max_evidence_rows=5)
    wb = load_workbook(tmp_path / "r.xlsx")
    summary = {r[0]: r for r in _values(wb, "Summary")[1:]}
    assert summary["DLQ-06"][10] == "first 5 of 30 rows (capped by the user)"
    ws = wb["DLQ-06"]
    header = int(ws.freeze_panes[1:]) - 1
    assert ws.max_row - header == 5


def test_a_cancelled_export_leaves_the_previous_report(
    sample_session: Session, all_runs: list[CheckRun], tmp_path: Path
) -> None:
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"the previous report")
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        write_report(sample_session, all_runs, out, cancel=stop)
    assert out.read_bytes() == b"the previous report"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_same_case_and_checks_give_the_same_cells(
    sample_session: Session, all_runs: list[CheckRun], tmp_path: Path
) -> None:
    write_report(sample_session, all_runs, tmp_path / "a.xlsx")
    write_report(sample_session, all_runs, tmp_path / "b.xlsx")
    a, b = load_workbook(tmp_path / "a.xlsx"), load_workbook(tmp_path / "b.xlsx")
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        va, vb = _values(a, name), _values(b, name)
        if name == "Cover":
            va = [r for r in va if r[:1] != ["Generated at"]]
            vb = [r for r in vb if r[:1] != ["Generated at"]]
        assert va == vb, name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_report(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    # A few checks of each kind, capped: printing a full report to PDF takes minutes.
    runs = sample_session.run_many(
        [library[i] for i in ("DQ-01", "DLQ-02", "DLQ-04", "DLQ-06", "DLQ-08", "OUT-04")]
    )
    out = tmp_path / "r.xlsx"
    write_report(sample_session, runs, out, max_evidence_rows=200)
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = tmp_path / "r.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
