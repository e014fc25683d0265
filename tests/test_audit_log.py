from __future__ import annotations

from pathlib import Path

import duckdb

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.cli import main


def _case_with_entries(path: Path, n: int) -> None:
    with Case.open(path, create=True) as c:
        for i in range(n):
            auditlog.append(c.conn, "check_run", {"i": i})


def test_an_untouched_log_verifies(tmp_path: Path) -> None:
    p = tmp_path / "c.duckdb"
    _case_with_entries(p, 4)
    with Case.open(p) as c:
        v = auditlog.verify(c.conn)
    assert v.ok and v.count == 5


def test_an_edited_entry_is_detected(tmp_path: Path, capsys: object) -> None:
    p = tmp_path / "c.duckdb"
    _case_with_entries(p, 4)
    con = duckdb.connect(str(p))
    con.execute("""UPDATE audit.log SET detail = '{"i": 99}' WHERE seq = 3""")
    con.close()
    with Case.open(p) as c:
        v = auditlog.verify(c.conn)
    assert not v.ok and v.problems == ("entry 3 was changed after it was written (hash mismatch)",)
    assert main(["log", str(p), "--verify"]) == 5


def test_a_deleted_entry_is_detected(tmp_path: Path) -> None:
    p = tmp_path / "c.duckdb"
    _case_with_entries(p, 4)
    con = duckdb.connect(str(p))
    con.execute("DELETE FROM audit.log WHERE seq = 2")
    con.close()
    with Case.open(p) as c:
        v = auditlog.verify(c.conn)
    assert "entry 2 is missing (next entry is 3)" in v.problems
    assert "entry 3 does not follow the entry before it (chain broken)" in v.problems
    assert main(["log", str(p), "--verify"]) == 5
    assert main(["log", str(p)]) == 0
