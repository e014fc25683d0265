"""The command line's compare (two cases; two tables of one case), unmask and --no-mask."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.cli import main
from auditor.ingest.importer import import_file
from auditor.results.compare import CompareError, compare_tables
from tests.checks.fixture import FILES


def test_compare_two_cases_then_the_history_family(
    sample_case_path: Path,
    rewritten_case_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    new = tmp_path / "new.duckdb"
    new.write_bytes(rewritten_case_path.read_bytes())
    assert main(["compare", str(sample_case_path), str(new)]) == 0
    out = capsys.readouterr().out
    assert "5 differences in the common period" in out
    assert "Period both cover: 2023-01-01 .. 2024-09-30" in out
    assert main(["run", str(new), "--family", "history", "--json"]) == 0
    assert '"HIS-05"' in capsys.readouterr().out
    assert main(["compare", str(new), str(new)]) == 3
    assert "the same case" in capsys.readouterr().err
    assert main(["compare", str(tmp_path / "none.duckdb"), str(new)]) == 3
    assert "no case database" in capsys.readouterr().err


def test_two_imports_of_one_table_in_one_case(tmp_path: Path) -> None:
    """The hand fixture's charges G1..G3, and an older import of them kept as an extra table
    in which G2 was 35.00 (now 30) and a fourth charge G4 existed (now gone). (Charged at
    midnight: an extra table's type inference reads "2024-02-02 00:05" as a DATE today.)"""
    charges = FILES["charges"].replace(" 00:05", " 00:00")
    with Case.open(tmp_path / "c.duckdb", create=True) as case:
        for table, text in (("loans", FILES["loans"]), ("charges", charges)):
            f = tmp_path / f"{table}.csv"
            f.write_text(text, encoding="utf-8")
            import_file(case, f, table=table)
        old = tmp_path / "charges_old.csv"
        old.write_text(
            charges.replace("G2,B,2,penalty_interest,30,", "G2,B,2,penalty_interest,35,")
            + "G4,A,2,late_fee,15,2024-03-05 00:00\n",
            encoding="utf-8",
        )
        import_file(case, old, extra="charges_old")
        result = compare_tables(case.conn, "charges_old", "charges", "charges")
        changes = case.conn.execute(
            "SELECT record_key, column_name, old_value, new_value FROM history.changes"
        ).fetchall()
        removed = case.conn.execute("SELECT charge_id FROM history.charges_removed").fetchall()
        with pytest.raises(CompareError, match="must both hold the key"):
            compare_tables(case.conn, "loans", "charges", "charges")
    assert changes == [("G2", "amount", "35.00", "30.00")]
    assert removed == [("G4",)]
    assert result.period_start.isoformat() == "2024-02-02"


def test_unmask_and_no_mask_from_the_command_line(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    masked, plain = tmp_path / "m", tmp_path / "p"
    assert main(["run", str(sample_copy), "--check", "DLQ-06", "--out", str(masked)]) == 0
    assert (
        main(["run", str(sample_copy), "--check", "DLQ-06", "--out", str(plain), "--no-mask"]) == 0
    )
    capsys.readouterr()
    m_line = (masked / "DLQ-06.csv").read_text().splitlines()[1].split(",")
    p_line = (plain / "DLQ-06.csv").read_text().splitlines()[1].split(",")
    assert m_line[0].startswith("LN-") and p_line[0].startswith("L0")
    assert m_line[2:] == p_line[2:] or m_line[3:] == p_line[3:]
    assert main(["unmask", str(sample_copy), m_line[0]]) == 0
    assert capsys.readouterr().out.strip() == f"{m_line[0]}\t{p_line[0]}"
    assert main(["unmask", str(sample_copy), "LN-0000000000000000"]) == 3
