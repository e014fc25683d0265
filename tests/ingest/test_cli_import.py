"""The command line shows the accounting: the import summary and ``auditor info`` print every
part of the record count, the unit decisions, the columns kept unmapped, the skipped lines and
the warnings; a non-empty file that loads nothing exits 3 unless --allow-empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from tests.ingest.helpers import write

EXPORT = (
    "借呗借据明细\n"
    "借据号,客户号,放款日期,借款金额,年利率,初始评级\n"
    "L1,B1,2024-01-01,1000,18,A\n"
    "\n"
    "L2,B2,2024-01-02,2000,7.2,B\n"
    "L3,B3,notadate,2000,7.2,B\n"
)


def test_import_summary_and_info_show_the_accounting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "c.duckdb"
    f = write(tmp_path / "loans.csv", EXPORT)
    assert main(["import", str(case), str(f)]) == 0
    out = capsys.readouterr().out
    assert "records: 6 records = 1 title + 1 header + 1 blank + 2 loaded + 1 rejected" in out
    assert "unit: contract_rate_annual (年利率): percent" in out
    assert "kept unmapped in unmapped.loans_1: 初始评级" in out
    assert "skipped row 1 (title): 借呗借据明细" in out
    assert main(["info", str(case)]) == 0
    info = capsys.readouterr().out
    assert "records: 6 records = 1 title + 1 header + 1 blank + 2 loaded + 1 rejected" in info
    assert "kept unmapped in unmapped.loans_1: 初始评级" in info
    assert main(["info", str(case), "--json"]) == 0
    src = json.loads(capsys.readouterr().out)["sources"][0]
    assert src["accounting"]["records"] == 6 and src["accounting"]["blank"] == 1
    assert [s["kind"] for s in src["skipped"]][:2] == ["title", "header"]


def test_a_file_that_loads_nothing_exits_3_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "c.duckdb"
    f = write(tmp_path / "h.csv", "loan_id,borrower_id,disbursed_at,contract_principal\n")
    assert main(["import", str(case), str(f)]) == 3
    err = capsys.readouterr().err
    assert "nothing loaded: 1 record = 1 header" in err and err.count("\n") == 1
    assert main(["import", str(case), str(f), "--allow-empty"]) == 0
