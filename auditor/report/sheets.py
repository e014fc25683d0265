"""The report's fixed sheets: Cover, Summary, Provenance and Data quality."""

from __future__ import annotations

import hashlib
import json
import textwrap
from dataclasses import dataclass

import duckdb
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.case import auditlog
from auditor.case.store import Case
from auditor.engine.runner import CheckRun
from auditor.report.cells import (
    BOLD,
    HEADER_FILL,
    TITLE,
    cell,
)
from auditor.report.import_accounting import write_import_accounting
from auditor.report.lang import status_words, words, wrap
from auditor.report.printing import print_area
from auditor.results.masking import Masker

REJECT_EXAMPLES = 3


@dataclass(frozen=True)
class DispositionLine:
    """A finding the examiner confirmed or dismissed, as the cover lists it."""

    check: str
    key: str
    status: str
    reason: str = ""


# The title of a report written without one, by language.
DEFAULT_TITLE = {"en": "Inspection report", "zh": "检查报告"}


@dataclass(frozen=True)
class ReportMeta:
    title: str = "Inspection report"
    platform: str = ""
    examiner: str = ""
    # Lines for the cover's notes: the workbook re-run, sources new or unchanged, the
    # examiner's notes per check.
    notes: tuple[str, ...] = ()
    reviewer: str = ""
    conclusion: str = ""
    final: bool = False  # a report for signing: every check run on the current data
    dispositions: tuple[DispositionLine, ...] = ()
    lang: str = "en"  # the report's language: "en" or "zh" (auditor.report.lang)


def case_fingerprint(case: Case) -> str:
    """SHA-256 over the imported sources (name, fingerprint, rows loaded, in import order):
    the same data gives the same fingerprint, whatever was run on it since."""
    parts = [[s.file_name, s.sha256, s.target_table, s.rows_loaded] for s in case.sources()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


PROVENANCE = {
    "en": {
        "sources": "Source files",
        "checks": "Checks as run",
        "log": "Audit log: the case's imports",
        "chain": "Chain",
        "verified": "verified",
        "not_verified": "DOES NOT VERIFY: {problems}",
        "sql": "The SQL of each check, exactly as run ($name are its parameters)",
        "sql_note": "Kept in the file to re-perform each check; not printed.",
        "mappings": "The mapping each source was imported with",
    },
    "zh": {
        "sources": "源文件",
        "checks": "实际运行的检查项",
        "log": "审计日志：案卷的导入记录",
        "chain": "哈希链",
        "verified": "校验通过",
        "not_verified": "校验未通过：{problems}",
        "sql": "各检查项实际运行的 SQL（$name 为其参数）",
        "sql_note": "保存在文件中，供重新执行各检查项；不打印。",
        "mappings": "各源文件导入时使用的字段映射",
    },
}
SOURCES_HEADER = {
    "en": ("Table", "File", "SHA-256", "Rows read", "Rows loaded", "Rows rejected"),
    "zh": ("数据表", "文件", "SHA-256", "读取行数", "导入行数", "拒绝行数"),
}
CHECKS_HEADER = {
    "en": ("Check", "Status", "Parameters (value and where it came from)"),
    "zh": ("检查项", "状态", "参数（取值及来源）"),
}
LOG_HEADER = {
    "en": ("Entry", "Logged at", "Action", "Detail", "Hash"),
    "zh": ("序号", "记录时间", "操作", "详情", "哈希值"),
}
QUALITY = {
    "en": {
        "title": "Rows rejected at import, by file and reason",
        "header": ("File", "Reason", "Rows", "Examples (row, column: value)"),
        "none": "No rows were rejected.",
        "example": "row {row}, {column}: {value}",
    },
    "zh": {
        "title": "导入时被拒绝的行（按文件和原因）",
        "header": ("文件", "原因", "行数", "示例（行号，字段：取值）"),
        "none": "没有被拒绝的行。",
        "example": "第 {row} 行，{column}：{value}",
    },
}
SOURCE_WORDS = {
    "override": "检查人员设定",
    "profile": "法域配置",
    "default": "默认值",
    "case": "取自数据",
}


def write_provenance(
    ws: WriteOnlyWorksheet,
    case: Case,
    runs: list[CheckRun],
    masker: Masker | None = None,
    lang: str = "en",
) -> None:
    """Sources, checks as run and the import log print; the SQL and mappings, below them,
    stay in the file (one line of text per row, so they read as written). With a
    ``masker``, personal data in the SQL, parameters and log is written as tokens."""
    _widths(ws, [14, 44, 68, 12, 12, 12])
    masked = masker.text if masker is not None else str
    text = words(PROVENANCE, lang)
    at = [0]

    def row(*values: object) -> None:
        ws.append(list(values))
        at[0] += 1

    def head(names: tuple[str, ...]) -> None:
        row(*(cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in names))

    row(cell(ws, text["sources"], font=TITLE))
    head(words(SOURCES_HEADER, lang))
    sources = case.sources()
    for src in sources:
        row(
            cell(ws, src.target_table), cell(ws, src.path), cell(ws, src.sha256),
            cell(ws, src.rows_read, "#,##0"), cell(ws, src.rows_loaded, "#,##0"),
            cell(ws, src.rows_rejected, "#,##0"),
        )  # fmt: skip
    row()
    row(cell(ws, text["checks"], font=TITLE))
    head(words(CHECKS_HEADER, lang))
    statuses = status_words(lang) if lang == "zh" else {}
    for r in runs:
        if lang == "zh":
            params = "；".join(
                f"{k} = {v['value']}（{SOURCE_WORDS.get(v['source'], v['source'])}）"
                for k, v in r.params.items()
            )
            wrapped = wrap(masked(params), 110)
        else:
            params = "; ".join(f"{k} = {v['value']} ({v['source']})" for k, v in r.params.items())
            wrapped = textwrap.wrap(masked(params), 110) or [""]
        status = statuses.get(r.status, r.status)
        for i, line in enumerate(wrapped):
            row(cell(ws, r.check.id if i == 0 else ""), cell(ws, status if i == 0 else ""),
                cell(ws, line))  # fmt: skip
    row()
    row(cell(ws, text["log"], font=TITLE))
    ver = auditlog.verify(case.conn)
    chain = (
        text["verified"]
        if ver.ok
        else text["not_verified"].format(problems="; ".join(ver.problems))
    )
    row(cell(ws, text["chain"], font=BOLD), cell(ws, chain))
    head(words(LOG_HEADER, lang))
    actions = {"case_created": "创建案卷", "import": "导入"} if lang == "zh" else {}
    for e in auditlog.entries(case.conn):
        if e.action in ("case_created", "import"):
            row(
                cell(ws, e.seq), cell(ws, e.at, "yyyy-mm-dd hh:mm:ss"),
                cell(ws, actions.get(e.action, e.action)),
                cell(ws, masked(json.dumps(e.detail, ensure_ascii=False, sort_keys=True))),
                cell(ws, e.hash),
            )  # fmt: skip
    print_area(ws, "F", at[0])
    row()
    row(cell(ws, text["sql"], font=TITLE))
    row(cell(ws, text["sql_note"]))
    for r in runs:
        for i, line in enumerate(masked(r.check.sql).splitlines()):
            row(cell(ws, r.check.id if i == 0 else ""), cell(ws, line))
        row()
    row(cell(ws, text["mappings"], font=TITLE))
    mappings = dict(case.conn.execute("SELECT source_id, mapping FROM audit.sources").fetchall())
    for src in sources:
        for i, line in enumerate(str(mappings.get(src.source_id) or "").splitlines() or [""]):
            row(cell(ws, src.target_table if i == 0 else ""),
                cell(ws, src.file_name if i == 0 else ""), cell(ws, line))  # fmt: skip


def write_data_quality(
    ws: WriteOnlyWorksheet,
    conn: duckdb.DuckDBPyConnection,
    masker: Masker | None = None,
    lang: str = "en",
) -> None:
    text = words(QUALITY, lang)
    _widths(ws, [28, 60, 12, 80])
    ws.append([cell(ws, text["title"], font=TITLE)])
    ws.append([cell(ws, h, font=BOLD, fill=HEADER_FILL) for h in text["header"]])
    rows = conn.execute(f"""
        SELECT file, reason, count(*) AS n,
               list((coalesce(CAST(source_row AS VARCHAR), '?'), coalesce(column_name, ''),
                     coalesce(left(value, 80), ''))
                    ORDER BY source_row, column_name)[1:{REJECT_EXAMPLES}] AS examples
        FROM audit.rejects GROUP BY file, reason ORDER BY file, n DESC, reason""").fetchall()
    if not rows:
        ws.append([cell(ws, text["none"])])
    for file, reason, n, examples in rows:
        shown = []
        for ex in examples:
            row, column, value = (ex[k] for k in ex) if isinstance(ex, dict) else ex
            if masker is not None and value:
                value = (masker.cell_rule(column) or masker.any)(value)
            shown.append(str(text["example"]).format(row=row, column=column, value=value))
        ws.append(
            [
                cell(ws, file),
                cell(ws, reason),
                cell(ws, n),
                cell(ws, ("；" if lang == "zh" else "; ").join(shown)),
            ]
        )
    write_import_accounting(ws, conn, None if masker is None else masker.any, lang)
