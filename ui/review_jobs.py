"""The review work the window hands to workers: drawing a sample, writing its file, reading a
review back, comparing exports. Plain functions of a Task, testable without a window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from PySide6.QtCore import QCoreApplication

from auditor import db
from auditor.case.store import Case
from auditor.engine.checks import assert_single_select
from auditor.errors import AuditorError
from auditor.report.sample_readback import read_reviews
from auditor.report.sample_sheet import write_sample_file
from auditor.results.compare import Comparison, compare_cases
from auditor.results.masking import case_masker, save_tokens
from auditor.results.sample_draw import Population, SamplePlan, draw_sample
from auditor.results.sample_records import sample_record
from auditor.results.sample_review import Projection, describe, record_review
from auditor.results.sample_size import SamplingError
from ui.case_state import CaseState
from ui.language import current_language
from ui.workers import Task


@dataclass(frozen=True)
class Drawn:
    sample_id: int
    table: str
    lines: list[tuple[str, Any]]


def population_shape(
    cursor: duckdb.DuckDBPyConnection, population: Population
) -> tuple[int, list[tuple[str, str]]]:
    """Rows, and columns with their types, of the population (read on a cursor: quick, and
    never writes)."""
    assert_single_select(population.sql, "the population query")
    try:
        described = cursor.execute(f"DESCRIBE ({population.sql})", dict(population.params))
        cols = [(str(r[0]), str(r[1])) for r in described.fetchall()]
        rows = db.count(cursor, f"SELECT count(*) FROM ({population.sql})", dict(population.params))
    except duckdb.Error as e:
        raise SamplingError(
            QCoreApplication.translate("ReviewJobs", "the population cannot be read: {0}").format(
                str(e).splitlines()[0]
            )
        ) from e
    finally:
        cursor.close()
    return rows, cols


def draw(task: Task, state: CaseState, population: Population, plan: SamplePlan) -> Drawn:
    with state.lock:
        task.check()
        drawn = draw_sample(state.case.conn, population, plan)
        lines = describe(sample_record(state.case.conn, drawn.sample_id))
    return Drawn(drawn.sample_id, drawn.result_table, lines)


def save_sample(task: Task, state: CaseState, sample_id: int, path: Path, mask: bool) -> Path:
    with state.lock:
        task.check()
        conn = state.case.conn
        masker = case_masker(conn) if mask else None
        write_sample_file(conn, sample_id, path, masker, current_language())
        if masker is not None:
            save_tokens(conn, masker)
    return path


def read_review(task: Task, state: CaseState, path: Path) -> list[Projection]:
    sheets = read_reviews(path)
    out = []
    with state.lock:
        for sheet in sheets:
            task.check()
            record = sample_record(state.case.conn, sheet.sample_id)
            if record.selection_sha256 != sheet.selection_sha256:
                raise AuditorError(
                    QCoreApplication.translate(
                        "ReviewJobs", "{0}, sheet {1}: its selection is not this case's sample {2}"
                    ).format(path, repr(sheet.sheet), sheet.sample_id),
                    QCoreApplication.translate("ReviewJobs", "Sample review"),
                )
            out.append(
                record_review(state.case.conn, sheet.sample_id, list(sheet.dispositions), str(path))
            )
    return out


def compare(task: Task, case_path: Path, old: Path) -> Comparison:
    """On a fresh connection (the window has closed the case): the older case is attached
    read-only for the comparison and detached after it."""
    task.progress(
        QCoreApplication.translate("ReviewJobs", "comparing with {0}").format(old.name), 0.1
    )
    with Case.open(case_path) as case:
        return compare_cases(case.conn, old, case_path.name)
