"""The report against hostile text and killed processes: control characters shown, long cells
cut with a mark, the file readable by its owner only, and no drafts left behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor import tempfiles
from auditor.case.store import Case
from auditor.engine.checks import ChartSpec
from auditor.engine.runner import Session
from auditor.report import ReportMeta, write_report
from auditor.report.cells import EXCEL_MAX_CHARS, clean_text
from auditor.workbook.document import CustomQuery, custom_check
from tests.conftest import case_from_csv

LOANS = "loan_id,borrower_id,disbursed_at,contract_principal\nL1,B1,2024-01-01,100\n"
HOSTILE = CustomQuery(
    "CQ-01",
    "bell\x07 query",
    "SELECT 'a' || chr(7) || 'b' || chr(0) AS \"col\x01umn\", repeat('x', 40000) AS long, "
    "'=1+1' AS formula, 1 AS n",
    chart=ChartSpec("bar", "n", ("n",)),
)


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    with case_from_csv(tmp_path / "c.duckdb", {"loans": LOANS}) as c:
        yield c


def test_clean_text_shows_control_characters_and_marks_a_cut() -> None:
    assert clean_text("a\x07b\x00\tc\n") == "a\u2407b\u2400\tc\n"
    cut = clean_text("y" * 40_000)
    assert len(cut) == EXCEL_MAX_CHARS and cut.endswith("[cut here: 40,000 characters in all]")


def test_control_characters_and_long_text_do_not_stop_the_report(
    case: Case, tmp_path: Path
) -> None:
    session = Session(case)
    run = session.run(custom_check(HOSTILE))
    out = tmp_path / "r.xlsx"
    write_report(session, [run], out, meta=ReportMeta(title="T\x00itle", examiner="E\x1b"))
    wb = load_workbook(out)
    assert wb["Cover"]["A1"].value == "T\u2400itle"
    rows = [
        r
        for r in wb["CQ-01"].iter_rows(values_only=True)
        if r[0] in ("col\u2401umn", "a\u2407b\u2400")
    ]
    header, values = rows
    assert header[:4] == ("col\u2401umn", "long", "formula", "n")
    assert values[1].startswith("xxx") and values[1].endswith("40,000 characters in all]")
    assert values[2] == "=1+1"  # text, not a formula


def test_reports_are_private_whatever_the_umask(case: Case, tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        out = tmp_path / "r.xlsx"
        write_report(Session(case), [], out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_killed_report_leaves_nothing_after_the_next_start(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a killed export leaves: its process folder in the app's temp root (a draft and
    openpyxl's streaming files, its lock no longer held) and a partial copy beside the target
    named with its dead process id. The next export removes both."""
    monkeypatch.setattr(tempfiles, "_mine", None)
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)  # restored after the test
    monkeypatch.setenv("AUDITOR_TMPDIR", str(tmp_path / "apptmp"))
    dead = tmp_path / "apptmp" / "999999-abc"
    dead.mkdir(parents=True)
    (dead / tempfiles.LOCK).write_bytes(b"")
    (dead / "openpyxl.xyz").write_text("stream")
    (dead / "report.xlsx").write_text("draft")
    out = tmp_path / "reports" / "r.xlsx"
    out.parent.mkdir()
    partial = out.with_name(".r.xlsx.999999.partial")
    partial.write_text("half")
    write_report(Session(case), [], out)
    assert not dead.exists() and not partial.exists()
    assert [p.name for p in out.parent.iterdir()] == ["r.xlsx"]
    live = list((tmp_path / "apptmp").iterdir())
    assert len(live) == 1 and [p.name for p in live[0].iterdir()] == [tempfiles.LOCK]
