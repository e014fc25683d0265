"""The sample sheet in Chinese: written in the report's language, filled by a reviewer in
Chinese (是/否 and a note under the Chinese headings), read back onto the sample, and written
again with the projection, every label in Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.report.sample_readback import read_reviews
from auditor.report.sample_sheet import CODES_ZH, REVIEW_COLUMNS_ZH, write_sample_file
from auditor.results.sample_draw import SamplePlan, SizeSpec, draw_sample, population_of_table
from auditor.results.sample_review import record_review
from auditor.results.sampling import Allocation, Method
from tests.zh.english_left import english_left


def _labels(path: Path) -> tuple[str, list[tuple[str, object]]]:
    """The title and the label/value lines above the items."""
    ws = load_workbook(path).active
    assert ws is not None
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "sample_no")
    return str(rows[0][0]), [(str(r[0]), r[1]) for r in rows[1 : header - 2] if r[0]]


def test_a_chinese_sample_sheet_filled_by_a_reviewer_reads_back(
    sample_copy: Path, tmp_path: Path
) -> None:
    """30 items, 10 per funding source; the reviewer tests them all and marks 2 exceptions."""
    out = tmp_path / "样本.xlsx"
    with Case.open(sample_copy) as case:
        drawn = draw_sample(
            case.conn,
            population_of_table(case.conn, "loans"),
            SamplePlan(
                "stratified",
                SizeSpec(count=10),
                3,
                stratify_by="funding_source",
                allocation="equal",
            ),
        )
        write_sample_file(case.conn, drawn.sample_id, out, lang="zh")
    wb = load_workbook(out)
    ws = wb[f"抽样 {drawn.sample_id}"]
    header_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "sample_no")
    assert [c.value for c in ws[header_row]][:4] == ["sample_no", *REVIEW_COLUMNS_ZH]
    items = list(ws.iter_rows(min_row=header_row + 1))
    assert len(items) == 30
    for r in items:
        r[1].value = "是"
        r[2].value = "是" if r[0].value in (2, 17) else "否"
        r[3].value = "合同在档" if r[0].value not in (2, 17) else "利率与合同不符"
    wb.save(out)

    (sheet,) = read_reviews(out)
    assert sheet.sample_id == drawn.sample_id and len(sheet.dispositions) == 30
    assert {d.sample_no for d in sheet.dispositions if d.exception} == {2, 17}
    assert {d.note for d in sheet.dispositions if d.exception} == {"利率与合同不符"}
    with Case.open(sample_copy) as case:
        p = record_review(case.conn, drawn.sample_id, list(sheet.dispositions), str(out))
        assert (p.tested, p.exceptions) == (30, 2)
        again = tmp_path / "reviewed.xlsx"
        write_sample_file(case.conn, drawn.sample_id, again, lang="zh")
    title, lines = _labels(again)
    assert title.startswith(f"抽样 {drawn.sample_id}：")
    labels = [label for label, _v in lines]
    assert "已测试项数" in labels and "95% 置信度下的上限" in labels
    assert sum(label.startswith("分层 ") for label in labels) == 6  # drawn, then reviewed
    named = [label for label in labels if not label.startswith("分层 ")]  # + the data's values
    left = [x for label in named for x in english_left(label.replace("SHA-256", ""))]
    assert left == [], labels
    said = dict(lines)
    assert said["已测试项数"] == "已选 30 项中测试 30 项"
    assert (said["抽样方法"], said["分配方式"]) == ("分层抽样", "等量分配")
    assert set(CODES_ZH["Method"]) == set(get_args(Method))
    assert set(CODES_ZH["Allocation"]) == set(get_args(Allocation))
    # And it reads back too, with the reviewer's answers written as 是/否.
    (reread,) = read_reviews(again)
    assert reread.dispositions == sheet.dispositions
