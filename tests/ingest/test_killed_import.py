"""A killed import leaves no litter: its work folder (the app's own, never loose in /tmp) is
removed by the next import, and the case opens exactly as it was, no larger."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.ingest.importer import import_file
from auditor.ingest.workdir import work_root

KILLER = """
import os, signal, sys
from auditor.case.store import Case
from auditor.ingest.importer import import_file
def progress(phase, _fraction):
    if phase == "loading":  # the rows are staged in the case, the transaction has begun
        os.kill(os.getpid(), signal.SIGKILL)
with Case.open(sys.argv[1]) as case:
    import_file(case, sys.argv[2], progress=progress)
"""


def test_a_killed_import_leaves_no_work_folder_and_no_grown_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    monkeypatch.setenv("AUDITOR_WORK_DIR", str(work))
    assert work_root() == work
    export = tmp_path / "loans.csv"
    rows = "".join(f"L{i},B{i},2024-01-01,{1000 + i},华东\n" for i in range(60_000))
    export.write_bytes(("借据号,客户号,放款日期,借款金额,地区\n" + rows).encode("gb18030"))
    case_path = tmp_path / "case.duckdb"
    Case.open(case_path, create=True).close()
    size = case_path.stat().st_size
    with Case.open(case_path) as case:
        head = auditlog.verify(case.conn).head
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(case_path), str(export)],
        env={**os.environ, "AUDITOR_WORK_DIR": str(work)},
        check=False,
    )
    assert killed.returncode == -9
    left = list(work.iterdir())
    assert len(left) == 1 and left[0].name.split("-")[0] != str(os.getpid())
    assert any(left[0].rglob("*.csv"))  # the transcoded copy it was reading
    with Case.open(case_path) as case:
        assert case.tables() == [] and case.sources() == []
        assert auditlog.verify(case.conn).head == head
    assert case_path.stat().st_size <= size
    other = tmp_path / "other.csv"
    other.write_text("loan_id,borrower_id,disbursed_at,contract_principal\nL1,B1,2024-01-01,1\n")
    with Case.open(case_path) as case:
        import_file(case, other)
    assert list(work.iterdir()) == []
    assert not any(Path("/tmp").glob(f"auditor-import-*{os.getpid()}*"))
