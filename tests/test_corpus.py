"""Real-world malformed files from other projects (../shared/corpus, never copied here).

Each file either imports, as an extra table when no canonical table fits, with rows read =
rows loaded + rows rejected and the table holding exactly the rows loaded; or it is refused with
an AuditorError whose message names the file, leaving the case as it was. No other exception, no
hang (each file has a time limit).
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.errors import AuditorError, ImportFailed
from auditor.ingest.importer import import_file
from tests.conftest import CORPUS

FILES = (
    sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file()
        and p.name not in ("README.md", "SOURCES.md")
        and not p.name.endswith(".upstream.md")
    )
    if CORPUS.is_dir()
    else []
)
SECONDS_PER_FILE = 60


class _TimedOut(Exception):
    pass


@pytest.fixture
def time_limit() -> Iterator[None]:
    def _alarm(_sig: int, _frame: FrameType | None) -> None:
        raise _TimedOut(f"no answer within {SECONDS_PER_FILE}s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_FILE)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _state(case: Case) -> tuple[object, ...]:
    return (tuple(case.tables()), len(case.sources()), auditlog.verify(case.conn).head)


def _extra_name(path: Path) -> str:
    return "x_" + re.sub(r"[^A-Za-z0-9_]", "_", path.stem)[:40]


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_imports_or_fails_clearly(path: Path, tmp_path: Path, time_limit: None) -> None:
    with Case.open(tmp_path / "c.duckdb", create=True) as case:
        before = _state(case)
        try:
            try:
                r = import_file(case, path)
            except ImportFailed as e:
                if "fit no canonical table" not in str(e):
                    raise
                r = import_file(case, path, extra=_extra_name(path))
        except AuditorError as e:
            assert path.name in str(e), f"error does not name the file: {e}"
            assert _state(case) == before
            return
        assert r.rows_read == r.rows_loaded + r.rows_rejected
        assert case.row_count(r.table) == r.rows_loaded
        rejects = case.conn.execute(
            "SELECT count(DISTINCT coalesce(source_row, -1)) FROM audit.rejects"
        ).fetchall()[0][0]
        assert rejects <= r.rows_rejected
