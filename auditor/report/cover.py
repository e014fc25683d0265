"""The report's cover: one printed page an examiner signs.

What was inspected and on what data (platform, period, as-of, profile and currency, the case's
fingerprint), the headline figures (overdue rates, borrowers harmed by outages, the refund due,
reports to correct, APR and cap breaches), where the checks stand (with findings, passed, not
run for want of data, not yet run, stale), the examiner's conclusion, notes and dispositions,
and the sign-off block: prepared by, reviewed by, each with a signature and a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor import __version__
from auditor.engine.checks import CheckSpec
from auditor.engine.result_source import ResultSource
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, LINK, MONEY, TITLE, cell
from auditor.report.lang import display_width, money_format, sheet, words
from auditor.results.overview import overview

TEXT = {
    "en": {
        "draft": "DRAFT: not for signing. {reason}",
        "draft_reason_incomplete": "Not every check has been run on the current data.",
        "draft_reason_chosen": "Written as a draft.",
        "final": "FINAL REPORT",
        "inspection": "Inspection",
        "platform": "Platform",
        "period": "Review period",
        "period_value": "{start} to {end} (events in it; stocks at as-of)",
        "period_open": "up to {end}",
        "as_of": "As of",
        "profile": "Jurisdiction profile",
        "currency": "Currency",
        "case": "Case database",
        "fingerprint": "Case fingerprint (SHA-256)",
        "application": "Application",
        "generated": "Generated at",
        "personal_data": "Personal data",
        "figures": "Headline figures",
        "not_run_figure": "not run",
        "checks": "Checks",
        "checks_line": "{total} checks: {findings} with findings ({high} of high severity), "
        "{passed} passed, {info} information only, {not_run} not run for want of data, "
        "{not_yet} not yet run, {errors} failed, {stale} stale",
        "summary_link": "See the Summary for every check, findings first",
        "conclusion": "Conclusion",
        "no_conclusion": "(no conclusion written)",
        "notes": "Notes",
        "dispositions": "Dispositions of findings",
        "disposition_line": "{check} {key}: {status}{reason}",
        "signoff": "Sign-off",
        "prepared": "Prepared by (examiner)",
        "reviewed": "Reviewed by",
        "signature": "Signature",
        "date": "Date",
        "reperform": "Every figure can be re-performed from the Provenance sheet: the source "
        "files with their SHA-256, the SQL of each check as run and its parameter values.",
    },
    "zh": {
        "draft": "草稿：不得用于签署。{reason}",
        "draft_reason_incomplete": "并非所有检查项都已在当前数据上运行。",
        "draft_reason_chosen": "按草稿出具。",
        "final": "正式报告",
        "inspection": "检查项目",
        "platform": "被检查平台",
        "period": "检查期间",
        "period_value": "{start} 至 {end}（事件按期间统计；存量按基准日统计）",
        "period_open": "截至 {end}",
        "as_of": "基准日",
        "profile": "适用法域配置",
        "currency": "币种",
        "case": "案卷数据库",
        "fingerprint": "案卷指纹（SHA-256）",
        "application": "应用程序",
        "generated": "生成时间",
        "personal_data": "个人信息",
        "figures": "主要指标",
        "not_run_figure": "未运行",
        "checks": "检查项",
        "checks_line": "共 {total} 个检查项：{findings} 个发现问题"
        "（其中严重程度为高的 {high} 个），{passed} 个通过，"
        "{info} 个仅为统计信息，{not_run} 个因缺少数据未运行，"
        "{not_yet} 个尚未运行，{errors} 个运行失败，{stale} 个结果已过时",
        "summary_link": "各检查项详见“汇总”表，发现问题的排在前面",
        "conclusion": "检查结论",
        "no_conclusion": "（未填写结论）",
        "notes": "备注",
        "dispositions": "问题处理意见",
        "disposition_line": "{check} {key}：{status}{reason}",
        "disposition_confirmed": "确认为问题",
        "disposition_dismissed": "已排除",
        "signoff": "签署",
        "prepared": "编制人（检查人员）",
        "reviewed": "复核人",
        "signature": "签字",
        "date": "日期",
        "reperform": "所有数据均可依据“数据来源与复核”表重新执行：源文件及其 SHA-256 指纹、"
        "各检查项实际运行的 SQL 及其参数取值。",
    },
}
FIGURES = (
    ("m1p_balance", "pct"),
    ("m3p_balance", "pct"),
    ("harmed_borrowers", "int"),
    ("harmed_installments", "int"),
    ("refund_due", "money"),
    ("reports_to_correct", "int"),
    ("apr_understated_loans", "int"),
    ("above_cap_loans", "int"),
)
FIGURE_LABELS = {
    "en": {
        "m1p_balance": "Overdue M1+ by balance (DLQ-02)",
        "m3p_balance": "Overdue M3+ by balance (DLQ-02)",
        "harmed_borrowers": "Borrowers harmed by outages (OUT-11)",
        "harmed_installments": "Installments harmed by outages (OUT-11)",
        "refund_due": "Refund due to harmed borrowers (OUT-11)",
        "reports_to_correct": "Negative bureau reports to correct (OUT-11)",
        "apr_understated_loans": "Loans whose disclosed APR is understated (DSC-04)",
        "above_cap_loans": "Loans above the rate cap (DSC-05)",
    },
    "zh": {
        "m1p_balance": "M1+ 逾期率（按金额）（DLQ-02）",
        "m3p_balance": "M3+ 逾期率（按金额）（DLQ-02）",
        "harmed_borrowers": "因系统故障受损的借款人数（OUT-11）",
        "harmed_installments": "因系统故障受损的期次数（OUT-11）",
        "refund_due": "应向受损借款人退还的金额（OUT-11）",
        "reports_to_correct": "待差错更正的不良信息报送数（OUT-11）",
        "apr_understated_loans": "披露年化利率偏低的借据数（DSC-04）",
        "above_cap_loans": "综合融资成本超过利率上限的借据数（DSC-05）",
    },
}
WIDTHS = (44, 20, 4, 44, 20)  # figures in A:B and D:E, C keeps them apart
PARA_CHARS = 150  # characters on a line of text across the page
BANNER_DRAFT = PatternFill("solid", fgColor="F8CBAD")
BANNER_FINAL = PatternFill("solid", fgColor="C6EFCE")
LINE = Border(bottom=Side(style="thin", color="000000"))
SECTION = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class CoverFacts:
    """What the cover states beyond the meta: computed by the writer."""

    as_of: str
    profile: str
    currency: str
    case_name: str
    fingerprint: str
    generated_at: str
    complete: bool  # every check run on the current data
    personal_data: str = ""  # masked or not, as the report states it
    period_start: str = ""  # the review period's first day, as the runs used it


def headline_figures(
    results: ResultSource | duckdb.DuckDBPyConnection, runs: Sequence[CheckRun]
) -> dict[str, Any]:
    return overview(results, {r.check.id: r for r in runs}, apr_sample=False).figures


def _figure(value: Any, kind: str, currency: str, lang: str) -> tuple[Any, str | None]:
    if value is None:
        return words(TEXT, lang)["not_run_figure"], None
    if kind == "pct":
        return float(value), "0.00%"
    if kind == "money":
        fmt = money_format(currency, lang) if lang == "zh" else f'{MONEY} "{currency}"'
        return Decimal(str(value)), fmt
    return int(value), "#,##0"


def _check_counts(
    runs: Sequence[CheckRun], not_yet_run: Sequence[CheckSpec], stale: Mapping[str, Any]
) -> dict[str, int]:
    status = [r.status for r in runs]
    return {
        "total": len(runs) + len(not_yet_run),
        "findings": status.count("finding"),
        "high": sum(1 for r in runs if r.status == "finding" and r.check.severity == "high"),
        "passed": status.count("pass"),
        "info": status.count("info"),
        "not_run": status.count("not_run"),
        "not_yet": len(not_yet_run),
        "errors": status.count("error") + status.count("cancelled"),
        "stale": len(stale),
    }


def write_cover(
    ws: WriteOnlyWorksheet,
    meta: Any,
    facts: CoverFacts,
    runs: Sequence[CheckRun],
    not_yet_run: Sequence[CheckSpec],
    stale: Mapping[str, Any],
    figures: Mapping[str, Any],
) -> None:
    """The cover (``meta`` is the report's ReportMeta). Column widths are set by the caller's
    page setup; the content fits one landscape page."""
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    at = [0]  # the row last written
    lang = getattr(meta, "lang", "en")
    text = words(TEXT, lang)

    def row(*values: Any) -> None:
        ws.append(list(values))
        at[0] += 1

    def para(body: str, font: Font | None = None, fill: PatternFill | None = None) -> Any:
        """Text across the page's width, as many lines tall as it needs."""
        lines = sum(max(1, -(-display_width(part) // PARA_CHARS)) for part in str(body).split("\n"))
        ws.row_dimensions[at[0] + 1].height = 15 * lines + 3
        c = cell(ws, body, font=font, fill=fill)
        c.alignment = WRAP
        row(c)
        ws.merged_cells.add(CellRange(f"A{at[0]}:E{at[0]}"))
        return c

    def pair(key: str, value: Any, fmt: str | None = None) -> None:
        row(cell(ws, text[key], font=BOLD), cell(ws, value, fmt))

    row(cell(ws, meta.title, font=TITLE))
    if meta.final:
        para(text["final"], BOLD, BANNER_FINAL)
    else:
        why = "draft_reason_chosen" if facts.complete else "draft_reason_incomplete"
        para(text["draft"].format(reason=text[why]), BOLD, BANNER_DRAFT)
    end = facts.as_of or "?"
    period = (
        text["period_value"].format(start=facts.period_start, end=end)
        if facts.period_start
        else text["period_open"].format(end=end)
    )
    pair("inspection", meta.title)
    pair("platform", meta.platform)
    pair("period", period)
    pair("as_of", facts.as_of)
    pair("profile", facts.profile)
    pair("currency", facts.currency)
    pair("case", facts.case_name)
    pair("fingerprint", facts.fingerprint)
    pair("application", f"lending-auditor {__version__}")
    pair("generated", facts.generated_at)
    if facts.personal_data:
        row(cell(ws, text["personal_data"], font=BOLD))
        para(facts.personal_data)
    row()
    row(cell(ws, text["figures"], font=SECTION))
    for i in range(0, len(FIGURES), 2):
        cells: list[Any] = []
        for key, kind in FIGURES[i : i + 2]:
            value, fmt = _figure(figures.get(key), kind, facts.currency, lang)
            label = words(FIGURE_LABELS, lang)[key]
            cells += [cell(ws, label), cell(ws, value, fmt, font=BOLD), None]
        row(*cells[:-1])
    row()
    row(cell(ws, text["checks"], font=SECTION))
    para(text["checks_line"].format(**_check_counts(runs, not_yet_run, stale)))
    link = cell(ws, text["summary_link"], font=LINK)
    link.hyperlink = Hyperlink(ref="", location=f"'{sheet('summary', lang)}'!A1")
    row(link)
    row()
    row(cell(ws, text["conclusion"], font=SECTION))
    para(meta.conclusion or text["no_conclusion"])
    if meta.notes:
        row(cell(ws, text["notes"], font=SECTION))
        for note in meta.notes:
            para(note)
    if meta.dispositions:
        row(cell(ws, text["dispositions"], font=SECTION))
        for d in meta.dispositions:
            reason = (f"（{d.reason}）" if lang == "zh" else f" ({d.reason})") if d.reason else ""
            status = text.get(f"disposition_{d.status}", d.status)
            para(
                text["disposition_line"].format(
                    check=d.check, key=d.key, status=status, reason=reason
                )
            )
    row()
    row(cell(ws, text["signoff"], font=SECTION))
    for who, name in (("prepared", meta.examiner), ("reviewed", meta.reviewer)):
        row(cell(ws, text[who], font=BOLD), cell(ws, name))
        ws.row_dimensions[at[0] + 1].height = 30  # room to sign
        row(cell(ws, text["signature"]), _line(ws), None, cell(ws, text["date"]), _line(ws))
        row()
    para(text["reperform"])


def _line(ws: WriteOnlyWorksheet) -> Any:
    c = cell(ws, None)
    c.border = LINE
    return c


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
