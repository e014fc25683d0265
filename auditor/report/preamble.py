"""The block above a check's rows: a link back to the Summary, what the check is, where it
stands (stale or not), what it shows and on what basis, its counts and what its amount means,
how its rows are laid out (finding rows first, how many are background, how many print), and
the parameters it ran with, each in the unit its label uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor.engine.check_text import check_text
from auditor.engine.labels import UNITS, to_display
from auditor.engine.profiles import chinese_basis
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, LINK, TITLE, cell
from auditor.report.lang import (
    money_text,
    severity_words,
    sheet,
    status_words,
    words,
    wrap,
)

TEXT = {
    "en": {
        "back": "← Summary",
        "status": "Status",
        "status_line": "{status}; severity {severity}; family {family}",
        "stale": "Stale",
        "stale_text": "Computed on older data: {changes}. Run the check again.",
        "shows": "What it shows",
        "basis": "Basis",
        "finding_rows": "Finding rows",
        "loans": "Loans",
        "borrowers": "Borrowers",
        "amount": "Amount ({currency})",
        "amount_means": "The amount is",
        "rows": "Rows",
        "rows_findings_first": "{total} rows. The {findings} finding rows come first (rows "
        "{first} to {last} of this sheet); the other {background} rows are background, the "
        "context the check judged them in.",
        "rows_all": "{total} rows, every one a finding.",
        "rows_info": "{total} rows of figures (a measure, with no finding rows).",
        "printed_findings": "Printed: the finding rows ({printed}); the background rows are in "
        "the file, not on paper.",
        "printed_first": "Printed: the first {printed} rows; all {total} are in the file.",
        "printed_all": "Printed: every row.",
        "capped": "Evidence",
        "parameters": "Parameters",
        "param": "{label}: {value} ({source})",
        "param_basis": "{label}: {value} ({source}). {basis}",
    },
    "zh": {
        "back": "← 返回汇总",
        "status": "状态",
        "status_line": "{status}；严重程度：{severity}；类别：{family}",
        "stale": "已过时",
        "stale_text": "基于较早的数据计算：{changes}。请重新运行该检查项。",
        "shows": "检查内容",
        "basis": "依据",
        "finding_rule": "问题认定",
        "finding_rows": "问题行数",
        "loans": "借据数",
        "borrowers": "借款人数",
        "amount": "金额（{currency}）",
        "amount_means": "金额含义",
        "rows": "记录",
        "rows_findings_first": "共 {total} 行。{findings} 行问题记录排在前面（本表第 {first} "
        "至 {last} 行）；其余 {background} 行为背景记录，即检查项据以判断的上下文。",
        "rows_all": "共 {total} 行，每一行均为问题。",
        "rows_info": "共 {total} 行统计数据（统计指标，不判定问题）。",
        "printed_findings": "打印内容：问题记录（{printed} 行）；背景记录保存在文件中，不打印。",
        "printed_first": "打印内容：前 {printed} 行；全部 {total} 行保存在文件中。",
        "printed_all": "打印内容：全部行。",
        "capped": "明细",
        "parameters": "参数",
        "param": "{label}：{value}（{source}）",
        "param_basis": "{label}：{value}（{source}）。{basis}",
    },
}
SOURCE_WORDS = {
    "en": {
        "override": "set by the examiner", "profile": "jurisdiction profile",
        "default": "the check's default", "case": "from the data",
    },
    "zh": {
        "override": "检查人员设定", "profile": "法域配置", "default": "检查项默认值",
        "case": "取自数据",
    },
}  # fmt: skip
UNIT_WORDS = {"en": UNITS, "zh": {"%": "%", "pp": "个百分点"}}
TEXT_WIDTH = 110  # characters of text on a line: long texts go over several rows
LABEL_WIDTH = 18  # column A holds the labels: at least this wide
STALE_FILL = PatternFill("solid", fgColor="FFE699")


@dataclass(frozen=True)
class RowPlan:
    """How the check's rows are laid out and printed."""

    total: int  # rows the sheet holds (after a cap)
    findings: int  # finding rows, first (rule by column) or all (rule "all")
    printed: int  # rows in the print area
    kind: str  # "column", "all" or "none": the check's finding rule


def plan_rows(run: CheckRun, written: int, print_limit: int) -> RowPlan:
    rule = run.check.finding.rows
    kind = "none" if rule == "none" else "all" if rule == "all" else "column"
    if kind == "column":
        findings = min(run.finding_rows, written)
        printed = min(findings, print_limit)
    elif kind == "all":
        findings = written
        printed = min(written, print_limit)
    else:
        findings = 0
        printed = min(written, print_limit)
    return RowPlan(written, findings, printed, kind)


def _lines(text: str) -> list[str]:
    return wrap(" ".join(text.split()), TEXT_WIDTH)


def _rows_text(plan: RowPlan, header_row: int, lang: str = "en") -> list[str]:
    text = words(TEXT, lang)
    if plan.kind == "column":
        first = header_row + 1
        out = [
            text["rows_findings_first"].format(
                total=f"{plan.total:,}",
                findings=f"{plan.findings:,}",
                first=f"{first:,}",
                last=f"{first + plan.findings - 1:,}",
                background=f"{plan.total - plan.findings:,}",
            )
        ]
        if plan.printed < plan.findings:
            out.append(
                text["printed_first"].format(printed=f"{plan.printed:,}", total=f"{plan.total:,}")
            )
        elif plan.total > plan.findings:
            out.append(text["printed_findings"].format(printed=f"{plan.printed:,}"))
        else:
            out.append(text["printed_all"])
        return out
    key = "rows_all" if plan.kind == "all" else "rows_info"
    out = [text[key].format(total=f"{plan.total:,}")]
    if plan.printed < plan.total:
        out.append(
            text["printed_first"].format(printed=f"{plan.printed:,}", total=f"{plan.total:,}")
        )
    else:
        out.append(text["printed_all"])
    return out


def _param_lines(run: CheckRun, lang: str = "en") -> list[str]:
    """One sentence per parameter: its label, value in its unit, where it came from and on
    what basis."""
    text, sources, units = words(TEXT, lang), words(SOURCE_WORDS, lang), words(UNIT_WORDS, lang)
    labels = check_text(run.check, lang)
    out = []
    for name, p in run.params.items():
        label = labels.param_label(name)
        unit = run.check.labels.unit(name)
        value = p.get("value")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        shown = f"{to_display(value, unit)} {units[unit]}" if unit else str(value)
        source = sources.get(p.get("source", ""), p.get("source", ""))
        basis = p.get("basis", "")
        if lang == "zh":
            basis = chinese_basis(basis)
        key = "param_basis" if basis else "param"
        out.append(text[key].format(label=label, value=shown, source=source, basis=basis))
    return out


def preamble(
    ws: WriteOnlyWorksheet,
    run: CheckRun,
    plan: RowPlan,
    *,
    capped: str,
    stale: Sequence[str],
    currency: str,
    lang: str = "en",
) -> list[list[Any]]:
    """The rows above the header (not yet appended): a label in column A, text in B that
    runs on to the right (wrapped to ``TEXT_WIDTH``). Their number depends only on the run,
    so the caller knows where the header row falls before writing (``len(rows) + 1``)."""
    c = run.check
    text, says = words(TEXT, lang), check_text(c, lang)
    back = cell(ws, text["back"], font=LINK)
    back.hyperlink = Hyperlink(ref="", location=f"'{sheet('summary', lang)}'!A1")
    rule = c.finding
    rows: list[list[Any]] = [[back], [cell(ws, f"{c.id} {says.title}", font=TITLE)]]

    def lines(label: str, text: str, fill: PatternFill | None = None) -> None:
        for i, line in enumerate(_lines(text)):
            rows.append(
                [cell(ws, label if i == 0 else "", font=BOLD, fill=fill), cell(ws, line, fill=fill)]
            )

    lines(
        text["status"],
        text["status_line"].format(
            status=status_words(lang).get(run.status, run.status),
            severity=severity_words(lang).get(c.severity, c.severity),
            family=says.family,
        ),
    )
    if stale:
        lines(text["stale"], text["stale_text"].format(changes="; ".join(stale)), STALE_FILL)
    lines(text["shows"], says.description)
    lines(text["basis"], says.basis)
    if lang == "zh":  # the English sheet says it in its row layout below
        lines(text["finding_rule"], says.finding)
    if rule.rows != "none":
        lines(text["finding_rows"], f"{run.finding_rows:,}")
    if rule.loan:
        lines(text["loans"], f"{run.loans:,}")
    if rule.borrower:
        lines(text["borrowers"], f"{run.borrowers:,}")
    if rule.amount:
        amount = "" if run.amount is None else money_text(run.amount, currency, lang)
        lines(text["amount"].format(currency=currency), amount)
        if says.amount_label:
            lines(text["amount_means"], says.amount_label)
    params = [line for sentence in _param_lines(run, lang) for line in _lines(sentence)]
    # The rows' layout names the header's row, which depends on how many lines it takes:
    # settle it (the count changes at most once, when a row number gains a digit).
    rest = (len(_lines(capped)) if capped else 0) + len(params) + 1
    layout: list[str] = []
    fixed = len(rows) + rest
    for _ in range(3):
        layout = [ln for para in _rows_text(plan, fixed + 1, lang) for ln in _lines(para)]
        if len(rows) + len(layout) + rest == fixed:
            break
        fixed = len(rows) + len(layout) + rest
    for i, line in enumerate(layout):
        rows.append([cell(ws, text["rows"] if i == 0 else "", font=BOLD), cell(ws, line)])
    if capped:
        lines(text["capped"], capped)
    for i, line in enumerate(params):
        rows.append([cell(ws, text["parameters"] if i == 0 else "", font=BOLD), cell(ws, line)])
    rows.append([])
    assert len(rows) == fixed, "the preamble's layout changed: update its row count"
    return rows
