"""The sample sheet: what was sampled and how, the projection once reviewed, and the items with
the reviewer's columns (tested, exception, note), in the report and as a standalone XLSX.

The reviewer fills the three columns (yes/no, yes/no, free text) and hands the file back;
``sample_readback`` reads it. The sheet names its sample and the SHA-256 of the selection, so a
file is never read back onto another sample.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.db import table_ref
from auditor.report.cells import (
    BOLD,
    HEADER_FILL,
    PERCENT,
    TITLE,
    cell,
    print_setup,
    row_cells,
    style_template,
    width_for,
)
from auditor.report.workbook_io import save_atomically
from auditor.results.masking import Masker
from auditor.results.sample_records import SampleRecord, sample_record, samples
from auditor.results.sample_review import Projection, describe, project, stored_dispositions

REVIEW_COLUMNS = ("Tested (yes/no)", "Exception (yes/no)", "Reviewer note")
KEY_COLUMN = "sample_no"
SELECTION_LABEL = "Selection SHA-256"
SAMPLE_LABEL = "Sample"
# The sheet in Chinese: the read-back knows these labels as well as the English ones.
REVIEW_COLUMNS_ZH = ("已测试（是/否）", "例外（是/否）", "复核意见")
SELECTION_LABEL_ZH = "选样 SHA-256"
SAMPLE_LABEL_ZH = "样本"
CODES_ZH = {  # a method's and an allocation's name in Chinese
    "Method": {
        "random": "简单随机抽样",
        "systematic": "系统抽样",
        "stratified": "分层抽样",
        "mus": "货币单位抽样（MUS）",
    },
    "Allocation": {"proportional": "按比例分配", "equal": "等量分配"},
}
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "sheet": "Sample {id}",
        "title": "{sheet}: {population}",
        "yes": "yes",
        "no": "no",
        "review": "Review",
        "stratum": "Stratum {stratum}",
        "stratum_line": "{exceptions} exceptions in {tested} tested; rate {rate:.2%}, "
        "upper limit {upper:.2%}",
        "cut": " … (complete in the case's audit log)",
        "reviewer": "Reviewer: for each item write yes or no under Tested and Exception, and a "
        "note; then read this file back into the case (auditor sample-review).",
    },
    "zh": {
        "sheet": "抽样 {id}",
        "title": "{sheet}：{population}",
        "yes": "是",
        "no": "否",
        "review": "复核结果",
        "stratum": "分层 {stratum}",
        "stratum_line": "已测试 {tested} 项，例外 {exceptions} 项；例外率 {rate:.2%}，"
        "上限 {upper:.2%}",
        "cut": " …（完整内容见案卷审计日志）",
        "reviewer": "复核人：请对每一项在“已测试”和“例外”两列填写“是”或“否”，并填写复核意见；"
        "然后将本文件读回案卷（auditor sample-review）。",
        # the labels of the sample's description and its projection
        "Sample": SAMPLE_LABEL_ZH,
        "Population": "总体",
        "Population query": "总体查询",
        "Population from": "总体来源",
        "Population rows": "总体行数",
        "Method": "抽样方法",
        "Size": "样本量",
        "Items selected": "选取项数",
        "Seed": "随机种子",
        "Random numbers": "随机数生成器",
        "Drawn at": "抽样时间",
        "Selection (population rows)": "选中项（总体行号）",
        "Selection SHA-256": SELECTION_LABEL_ZH,
        "Amount column": "金额列",
        "Population amount": "总体金额",
        "Sampling interval": "抽样间隔",
        "Random start": "随机起点",
        "Rows without a positive amount (not sampled)": "金额非正的行（未抽取）",
        "Sampling interval (rows)": "抽样间隔（行）",
        "Allocation": "分配方式",
        "Items tested": "已测试项数",
        "Exceptions": "例外数",
        "Exception rate (sample)": "例外率（样本）",
        "upper_at": "{confidence:.0%} 置信度下的上限",
        "projected": "推断至总体（{unit}）",
        "projected_upper": "推断至总体的上限（{unit}）",
        "rows": "行数",
        "amount": "{basis} 金额",
        "tested_of": "已选 {selected} 项中测试 {tested} 项",
        "stratum_rows": "{rows} 行中抽取 {sampled} 行",
    },
}
MAX_CELL = 32_000  # Excel keeps at most 32,767 characters in a cell
# Lines the app writes itself (no personal data can be in them), left unmasked.
APP_LINES = {SELECTION_LABEL, "Selection (population rows)", "Seed", "Random numbers", "Drawn at"}


def sheet_title(sample_id: int, lang: str = "en") -> str:
    return TEXT.get(lang, TEXT["en"])["sheet"].format(id=sample_id)


def _yes_no(value: bool | None, lang: str = "en") -> str | None:
    w = TEXT.get(lang, TEXT["en"])
    return None if value is None else (w["yes"] if value else w["no"])


def _in_chinese(
    record: SampleRecord, lines: list[tuple[str, Any]], projection: Projection | None
) -> list[tuple[str, Any]]:
    """The sheet's label/value lines in Chinese: fixed labels from the table, the strata and
    the projection written again from their figures."""
    w = TEXT["zh"]
    strata = iter(record.detail.get("strata", ()))  # in the order ``describe`` lists them
    out: list[tuple[str, Any]] = []
    for label, value in lines:
        if label.startswith("Stratum "):  # its name masked like its column when masking
            s = next(strata)
            out.append(
                (
                    w["stratum"].format(stratum=label[len("Stratum ") :]),
                    w["stratum_rows"].format(sampled=s["sampled"], rows=f"{s['rows']:,}"),
                )
            )
        else:
            out.append((w.get(label, label), CODES_ZH.get(label, {}).get(str(value), value)))
    if projection is None:
        return out
    p = projection
    unit = w["rows"] if p.basis == "items" else w["amount"].format(basis=p.basis)
    out += [
        (w["review"], ""),
        (
            w["Items tested"],
            w["tested_of"].format(tested=f"{p.tested:,}", selected=f"{p.selected:,}"),
        ),
        (w["Exceptions"], p.exceptions),
        (w["Exception rate (sample)"], p.rate),
        (w["upper_at"].format(confidence=p.confidence), p.upper_limit),
        (w["projected"].format(unit=unit), round(p.projected_items, 2)),
        (w["projected_upper"].format(unit=unit), round(p.projected_upper, 2)),
    ]
    out += [
        (
            w["stratum"].format(stratum=s.stratum),
            w["stratum_line"].format(
                exceptions=s.exceptions, tested=s.tested, rate=s.rate, upper=s.upper_limit
            ),
        )
        for s in p.strata
    ]
    return out


def _description(
    record: SampleRecord, masker: Masker | None, lang: str = "en"
) -> list[tuple[str, Any]]:
    lines = []
    stratum_rule = None
    if masker is not None and record.detail["plan"].get("stratify_by"):
        stratum_rule = masker.cell_rule(str(record.detail["plan"]["stratify_by"]))
    for label, value in describe(record):
        if isinstance(value, str) and len(value) > MAX_CELL:
            value = value[: MAX_CELL - 60] + TEXT.get(lang, TEXT["en"])["cut"]
        if masker is not None and isinstance(value, str) and label not in APP_LINES:
            if label.startswith("Stratum ") and stratum_rule is not None:
                label = "Stratum " + str(stratum_rule(label[len("Stratum ") :]))
            value = masker.text(value)
        lines.append((label, value))
    return lines


def write_sample_sheet(
    ws: WriteOnlyWorksheet,
    conn: duckdb.DuckDBPyConnection,
    record: SampleRecord,
    masker: Masker | None = None,
    lang: str = "en",
) -> int:
    """Write one sample to ``ws`` in ``lang``; returns the number of items written."""
    w = TEXT.get(lang, TEXT["en"])
    dispositions = {d.sample_no: d for d in stored_dispositions(conn, record.sample_id)}
    projection: Projection | None = (
        project(conn, record, list(dispositions.values())) if dispositions else None
    )
    desc = conn.execute(f"DESCRIBE {table_ref(record.result_table)}").fetchall()
    columns = [str(d[0]) for d in desc]
    types = [str(d[1]) for d in desc]
    review_columns = REVIEW_COLUMNS_ZH if lang == "zh" else REVIEW_COLUMNS
    header = [columns[0], *review_columns, *columns[1:]]
    result = conn.execute(
        f"SELECT * FROM {table_ref(record.result_table)} ORDER BY {KEY_COLUMN}"
    ).fetchall()
    rows = [tuple(r) for r in result]
    if masker is not None:
        mask = masker.row_masker(columns, types)
        stratify_by = record.detail["plan"].get("stratify_by")
        rule = masker.cell_rule(str(stratify_by)) if stratify_by else None
        i = columns.index("stratum")
        masked = []
        for original in rows:
            row = mask(original)
            if rule is not None and original[i] is not None:  # masked like its own column
                row = (*row[:i], rule(original[i]), *row[i + 1 :])
            masked.append(row)
        rows = masked
    widths = [
        8.0,
        16.0,
        18.0,
        40.0,
        *(width_for(c, [r[i] for r in rows[:50]]) for i, c in enumerate(columns[1:], start=1)),
    ]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.column_dimensions["B"].width = max(ws.column_dimensions["B"].width or 0, 28)
    lines = _description(record, masker, lang)
    if lang == "zh":
        lines = _in_chinese(record, lines, projection)
    elif projection is not None:
        lines += [(w["review"], "")] + [(k, v) for k, v in projection.lines()]
        lines += [
            (
                f"Stratum {s.stratum}",
                f"{s.exceptions} exceptions in {s.tested} tested; rate {s.rate:.2%}, "
                f"upper limit {s.upper_limit:.2%}",
            )
            for s in projection.strata
        ]
    ws.freeze_panes = f"B{len(lines) + 5}"
    print_setup(ws)  # before the first row: a write-only sheet writes its setup first
    title = w["title"].format(
        sheet=sheet_title(record.sample_id, lang), population=record.population
    )
    ws.append([cell(ws, title, font=TITLE)])
    for label, value in lines:
        as_percent = ("rate", "upper limit at", "例外率", "置信度下的上限")
        fmt = PERCENT if any(x in label.lower() for x in as_percent) else None
        ws.append([cell(ws, label, font=BOLD), cell(ws, value, fmt)])
    ws.append([])
    ws.append([cell(ws, w["reviewer"])])
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in header])
    styles = [style_template(ws, "#,##0.00" if t.startswith("DECIMAL") else None) for t in types]
    for row in rows:
        d = dispositions.get(int(row[0]))
        review = (
            [
                _yes_no(d.tested, lang),
                _yes_no(d.exception if d.tested else None, lang),
                d.note or None,
            ]
            if d is not None
            else [None, None, None]
        )
        values = row_cells(ws, tuple(row), styles)
        ws.append([values[0], *review, *values[1:]])
    return len(rows)


def write_sample_sheets(
    wb: Workbook,
    conn: duckdb.DuckDBPyConnection,
    masker: Masker | None = None,
    lang: str = "en",
) -> list[str]:
    """A sheet for every sample drawn in the case, in ``lang``; returns their names."""
    names = []
    for record in samples(conn):
        ws = wb.create_sheet(sheet_title(record.sample_id, lang))
        write_sample_sheet(ws, conn, record, masker, lang)
        names.append(ws.title)
    return names


def write_sample_file(
    conn: duckdb.DuckDBPyConnection,
    sample_id: int,
    path: Path,
    masker: Masker | None = None,
    lang: str = "en",
) -> Path:
    """The sample alone as an XLSX for the reviewer, in ``lang``, written atomically."""
    record = sample_record(conn, sample_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(sample_id, lang))
    try:
        write_sample_sheet(ws, conn, record, masker, lang)
        wb.properties.creator = "lending-auditor"
        wb.properties.title = sheet_title(sample_id, lang)
        save_atomically(wb, path)
    except BaseException:
        with contextlib.suppress(Exception):
            ws.close()
        raise
    return path
