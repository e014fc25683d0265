from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import CheckRun, Session


@pytest.fixture(scope="session")
def sample_runs(
    sample_case_path: Path, library: dict[str, CheckSpec], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, tuple[CheckRun, list[dict[str, object]]]]]:
    """Every check run once on the sample (default CN profile), with its result rows."""
    copy = tmp_path_factory.mktemp("runs") / "sample.duckdb"
    copy.write_bytes(sample_case_path.read_bytes())
    with Case.open(copy) as case:
        session = Session(case)
        out = {}
        for run in session.run_many(list(library.values())):
            rows: list[dict[str, object]] = []
            if run.result_table:
                rel = session.relation(run)
                rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
            out[run.check.id] = (run, rows)
        yield out


def result_rows(session: Session, spec: CheckSpec) -> list[dict[str, object]]:
    """Run ``spec`` and return its result rows as dicts; fails on error or not run."""
    run = session.run(spec)
    assert run.status not in ("error", "not_run"), run.reason
    rel = session.relation(run)
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
