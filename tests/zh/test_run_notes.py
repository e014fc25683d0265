"""A run's reason and notes in Chinese: the runner records them as facts (``RunNote``), the
English sentence is the reason as it always was, and the Chinese one is written from the same
facts, with each skipped test under its Chinese title and no English sentence left."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.engine import coverage
from auditor.engine.checks import load_library
from auditor.engine.coverage import Lack
from auditor.engine.run_notes import RunNote, notes_from_dicts, notes_text
from auditor.engine.runner import CheckRun, Session
from auditor.workbook.workspace_store import runs_from_log
from tests.coverage.partial import build
from tests.zh.english_left import english_left


@pytest.fixture(scope="module")
def partial_runs(tmp_path_factory: pytest.TempPathFactory) -> list[CheckRun]:
    """Every check of the library on a loan file alone and on loans with installments."""
    folder = tmp_path_factory.mktemp("partial_runs")
    runs: list[CheckRun] = []
    for tables in (["loans"], ["loans", "installments"]):
        path = build(folder / f"{len(tables)}.duckdb", tables)
        with Case.open(path) as case:
            runs += Session(case).run_many(load_library())
    return runs


def test_a_partial_case_says_in_chinese_what_each_run_lacks(partial_runs: list[CheckRun]) -> None:
    noted = [r for r in partial_runs if r.notes]
    kinds = {n.kind for r in noted for n in r.notes}
    assert {"needs", "needs_one_of", "skipped"} <= kinds
    assert sum(r.status == "not_run" for r in noted) > 40
    for run in noted:
        zh = run.reason_in("zh")
        assert english_left(zh) == [], (run.check.id, zh)
        assert run.reason_in("en") == run.reason == notes_text(run.notes, "en")
    by_id = {(r.check.id, r.status): r for r in partial_runs}
    dlq06 = by_id["DLQ-06", "not_run"]
    assert (dlq06.reason, dlq06.reason_in("zh")) == ("needs installments", "缺少 installments")
    dq03 = by_id["DQ-03", "not_run"]  # neither of its tests can run
    assert dq03.reason_in("zh") == (
        "缺少 installments（应还金额为零的期次），或 charges（金额为零的费用）"
    )
    dq03_ran = next(r for r in partial_runs if r.check.id == "DQ-03" and r.status != "not_run")
    assert dq03_ran.reason == "skipped: Charges of zero (needs charges)"
    assert dq03_ran.reason_in("zh") == "已跳过：金额为零的费用（缺少 charges）"


def test_every_kind_of_note_reads_in_chinese() -> None:
    """The notes a full run may add: each one's English as the runner always wrote it."""
    empty = Lack("charges", empty=True)
    old_loans = coverage.TestCoverage("t", "Old loans", (empty, Lack("loans", "x")))
    notes = (
        RunNote("no_export", name="refunds"),
        RunNote("unfilled", name="loans.channel"),
        RunNote("notices_by_sent"),
        RunNote("skipped", tests=(old_loans,)),
    )
    assert notes_text(notes, "en") == (
        "no refunds export imported: read as none; loans.channel is not in the export: read as "
        "empty; the notices export has no delivery times: notices counted when sent (sent_at), "
        "not when delivered; skipped: Old loans (needs charges (empty), loans.x)"
    )
    zh = notes_text(notes, "zh")
    assert zh == (
        "未导入 refunds 数据：按无记录处理；导出数据中没有 loans.channel：按空值处理；"
        "通知导出数据没有送达时间：通知以发送时间（sent_at）计，而非送达时间；"
        "已跳过：Old loans（缺少 charges（无记录）、loans.x）"
    )  # no check given: the test keeps the title it was recorded with
    assert notes_text((RunNote("cancelled"), RunNote("needs_base")), "zh") == (
        "已由用户取消；缺少 loans 和 installments 数据"
    )


def test_the_notes_survive_the_audit_log(partial_runs: list[CheckRun], tmp_path: Path) -> None:
    """A reopened case shows its runs' notes in Chinese too: they are logged with the run."""
    for run in partial_runs:
        assert notes_from_dicts(run.summary().get("notes", [])) == run.notes
    path = build(tmp_path / "c.duckdb", ["loans"])
    library = {c.id: c for c in load_library()}
    with Case.open(path) as case:
        ran = {r.check.id: r for r in Session(case).run_many(list(library.values()))}
        warnings: list[str] = []
        records, _imports = runs_from_log(case.conn, library, warnings)
    reread = {rec.run.check.id: rec.run for rec in records}
    assert reread["DLQ-06"].reason_in("zh") == "缺少 installments"
    assert reread["DQ-04"].notes == ran["DQ-04"].notes
    assert reread["DQ-04"].reason_in("zh").startswith("已跳过：")


def test_a_period_refused_reads_in_chinese(tmp_path: Path) -> None:
    """A run whose period starts after its as-of, or lies far off the data (the partial case's
    events run from 2023-12-01 to 2024-03-05 or so): the refusal is an error run, said in
    Chinese from its dates, its English as the parameter error always read."""
    path = build(tmp_path / "c.duckdb", ["loans", "installments"])
    dlq06 = next(c for c in load_library() if c.id == "DLQ-06")
    with Case.open(path) as case:
        reversed_ = Session(case, as_of="2024-03-31", from_date="2024-04-30").run(dlq06)
        far = Session(case, as_of="2999-12-31").run(dlq06)
    assert reversed_.status == "error"
    assert reversed_.reason.endswith(
        "the review period starts (2024-04-30) after its as-of date (2024-03-31)"
    )
    assert reversed_.reason_in("zh") == "检查期间的起始日（2024-04-30）晚于基准日（2024-03-31）"
    assert far.status == "error" and "far outside the data" in far.reason
    for run in (reversed_, far):
        assert run.reason == notes_text(run.notes, "en")  # the same English, from the facts
    zh = far.reason_in("zh")
    assert zh.startswith("基准日 2999-12-31 远在数据范围之外（数据起止：")
    assert english_left(zh) == []
