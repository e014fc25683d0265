from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

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
    assert not v.ok and v.problems == ("entry 3: was changed after it was written (hash mismatch)",)
    assert main(["log", str(p), "--verify"]) == 5


def test_a_deleted_entry_is_detected(tmp_path: Path) -> None:
    p = tmp_path / "c.duckdb"
    _case_with_entries(p, 4)
    con = duckdb.connect(str(p))
    con.execute("DELETE FROM audit.log WHERE seq = 2")
    con.close()
    with Case.open(p) as c:
        v = auditlog.verify(c.conn)
    assert "entry 3: entry 2 is missing before it" in v.problems
    assert "entry 3: does not follow the entry before it (chain broken)" in v.problems
    assert main(["log", str(p), "--verify"]) == 5
    assert main(["log", str(p)]) == 0


# Every kind of tampering: (what is done to a case of 5 entries, the first bad entry named).
TAMPERING = {
    "edited detail": (["UPDATE audit.log SET detail = '{\"i\": 99}' WHERE seq = 3"], "entry 3"),
    "detail not JSON": (["UPDATE audit.log SET detail = 'not json {' WHERE seq = 3"], "entry 3"),
    "detail NULL": (
        [
            "ALTER TABLE audit.log ALTER detail DROP NOT NULL",
            "UPDATE audit.log SET detail = NULL WHERE seq = 4",
        ],
        "entry 4",
    ),
    "deleted entry": (["DELETE FROM audit.log WHERE seq = 2"], "entry 3"),
    "reordered entries": (
        [
            "UPDATE audit.log SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END WHERE seq IN (2, 3)",
        ],
        "entry 3",  # the second entry written now says it is the third
    ),
    "duplicated entry": (
        ["INSERT INTO audit.log SELECT * FROM audit.log WHERE seq = 2"],
        "entry 2",
    ),
    "malformed hash": (["UPDATE audit.log SET hash = 'zzz' WHERE seq = 2"], "entry 2"),
    "edited time": (
        ["UPDATE audit.log SET logged_at = logged_at + INTERVAL 1 DAY WHERE seq = 4"],
        "entry 4",
    ),
    "retyped seq": (["ALTER TABLE audit.log ALTER seq TYPE VARCHAR"], "the audit log table"),
    "retyped seq, bad value": (
        [
            "ALTER TABLE audit.log ALTER seq TYPE VARCHAR",
            "UPDATE audit.log SET seq = 'four' WHERE seq = '4'",
        ],
        "entry at position 4",
    ),
    "retyped time, bad value": (
        [
            "ALTER TABLE audit.log ALTER logged_at TYPE VARCHAR",
            "UPDATE audit.log SET logged_at = 'yesterday' WHERE seq = 5",
        ],
        "entry 5",
    ),
    "dropped log": (["DROP TABLE audit.log"], "the audit log table"),
    "dropped column": (["ALTER TABLE audit.log DROP COLUMN app_version"], "the audit log table"),
    "unknown case format": (
        ["UPDATE audit.meta SET value = '99' WHERE key = 'case_format'"],
        "case format is '99'",
    ),
}


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_every_kind_of_tampering_exits_5_naming_the_first_bad_entry(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements, first_bad = TAMPERING[kind]
    p = tmp_path / "c.duckdb"
    _case_with_entries(p, 4)
    con = duckdb.connect(str(p))
    for sql in statements:
        con.execute(sql)
    con.close()
    capsys.readouterr()
    assert main(["log", str(p), "--verify"]) == 5
    err = capsys.readouterr().err
    assert first_bad in err.splitlines()[-1], err
    assert "Traceback" not in err
    # Listing the log without --verify shows what is there (or refuses an unknown format).
    assert main(["log", str(p)]) in (0, 4)
