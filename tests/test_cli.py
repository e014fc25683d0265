from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main


def test_demo_info_rejects_and_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--loans", "600"]) == 0
    text = capsys.readouterr().out
    assert "loans.csv" in text and "Rejects\n  none" in text and "verified" in text
    assert "DLQ-06  FINDING" in text and (out / "report.xlsx").exists()
    # OUT-11's rows are incidents: it counts no loans or borrowers of its own, so those columns
    # are blank (its harmed borrowers are a column of its rows), never a false 0.
    out11 = next(line for line in text.splitlines() if line.startswith("OUT-11"))
    assert out11.split()[:3] == ["OUT-11", "FINDING", "2"] and "Incident scorecard" in out11
    assert out11[26:42].strip() == "", out11
    case = str(out / "sample.duckdb")
    assert main(["info", case, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {t["name"] for t in info["tables"]} >= {"loans", "installments", "incidents"}
    loans = next(t for t in info["tables"] if t["name"] == "loans")
    loan_id = next(c for c in loans["columns"] if c["name"] == "loan_id")
    assert loan_id == {
        "name": "loan_id",
        "type": "VARCHAR",
        "nulls": 0,
        "distinct": 600,
        "min": "L00000001",
        "max": "L00000600",
    }
    assert len(info["sources"]) == 12 and all(len(s["sha256"]) == 64 for s in info["sources"])
    assert info["audit_log"]["verified"]
    assert main(["info", case]) == 0
    assert "contract_principal" in capsys.readouterr().out
    assert main(["log", case, "--verify"]) == 0
    assert "verified" in capsys.readouterr().out
    # Running the demo again starts from a fresh case rather than rejecting everything.
    assert main(["demo", "--out", str(out), "--loans", "600"]) == 0
    assert "Rejects\n  none" in capsys.readouterr().out


def test_import_errors_name_the_file_and_set_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "odd.csv"
    bad.write_text("colour,shape\nred,round\n")
    ok = tmp_path / "inc.csv"
    ok.write_text("incident_id,start_at,end_at\nI1,2024-01-01 09:00,2024-01-01 10:00\nI2,x,y\n")
    case = str(tmp_path / "c.duckdb")
    assert main(["import", case, str(bad), str(ok)]) == 3
    captured = capsys.readouterr()
    assert "odd.csv" in captured.err and "fit no canonical table" in captured.err
    assert "inc.csv" in captured.out and "1 rejected" in captured.out
    assert main(["rejects", case, "--json"]) == 0
    rej = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["source_row"], r["column"]) for r in rej] == [
        ("inc.csv", 3, "end_at"),
        ("inc.csv", 3, "start_at"),
    ]
    assert main(["import", case, str(bad), "--extra", "shapes"]) == 0
    assert main(["info", str(tmp_path / "missing.duckdb")]) == 4


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as e:
        main(["import"])
    assert e.value.code == 2
