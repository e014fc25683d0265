"""The data request: what an examiner sends a platform so that every check can run, in Chinese
and English (the platform is Chinese; the examiner may not be).

It is made from the coverage of the library on the case (``auditor.engine.coverage``), the same
decision the runner acts on: every table a check or one of its tests lacks is asked for whole
(the columns the checks read, and those the table cannot be imported without), every column no
row fills is asked for on its own, each with its meaning, type, an example value and the checks
that need it (``resources/data_dictionary.toml``). The rewritten-history checks need a second
export of the same tables rather than new data: the request says so apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.case import auditlog
from auditor.case.dictionary import TableDoc, dictionary
from auditor.case.fingerprint import sha256_file
from auditor.engine.check_text import check_text
from auditor.engine.coverage import CheckCoverage, Lack, requirements
from auditor.report.cells import BOLD, HEADER_FILL, TITLE, cell, print_setup
from auditor.report.workbook_io import save_atomically

Missing = Literal["table", "empty", "column", "optional"]
SECOND_EXPORT_SCHEMA = "history."  # filled by comparing two exports, not by a platform's file
MISSING_TEXT: dict[str, tuple[str, str]] = {
    "table": ("整表未提供", "table not received"),
    "empty": ("表已提供但无数据", "table received empty"),
    "column": ("字段未提供或全部为空", "column missing or never filled"),
    "optional": ("可选字段未提供", "optional column missing"),
}
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "not_run": ("无法运行", "cannot run"),
    "partial": ("部分运行", "runs in part"),
}
REQUEST_SHEET = "数据需求 Data request"
CHECKS_SHEET = "检查项 Checks"
HEADERS = (
    ("数据表", "Table"),
    ("字段名（表头）", "Header"),
    ("字段", "Column"),
    ("缺失情况", "Missing"),
    ("含义", "Meaning"),
    ("Meaning", ""),
    ("类型", "Type"),
    ("Type", ""),
    ("示例", "Example"),
    ("导入必需", "Needed to import"),
    ("需要该字段的检查项", "Checks that need it"),
)
WIDTHS = (16, 18, 22, 18, 44, 44, 26, 26, 20, 10, 28)
WHEN_PRESENT = "如有请一并提供 used when present"
TABLE_FILL = PatternFill("solid", fgColor="EDEDED")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


@dataclass
class Wanted:
    """One column asked for, and why."""

    table: str
    column: str
    missing: Missing
    # check id -> the tests of it that need the column ("" for the check itself, "optional"
    # for a column it only splits or refines by)
    needed_by: dict[str, list[str]] = field(default_factory=dict)
    required: bool = False  # the table cannot be imported without it

    def who(self) -> str:
        """The checks that need it, a check's tests in brackets: "DQ-01 (payments), DQ-02"."""
        out = []
        for check, tests in self.needed_by.items():
            named = [t for t in tests if t]
            out.append(check if "" in tests or not named else f"{check} ({', '.join(named)})")
        return ", ".join(out)


@dataclass(frozen=True)
class DataRequest:
    wanted: tuple[Wanted, ...]
    coverage: tuple[CheckCoverage, ...]
    second_export: tuple[str, ...]  # checks that need two exports compared

    def tables(self) -> list[str]:
        return list(dict.fromkeys(w.table for w in self.wanted))


@dataclass(frozen=True)
class DataRequestResult:
    path: Path
    columns: int
    tables: int
    checks_short: int  # checks that cannot run, or run only in part


def build_request(coverage: Sequence[CheckCoverage]) -> DataRequest:
    """What to ask for: a table a check (or one of its tests) lacks, whole (every column the
    dictionary documents: those the checks read, those import needs, and the rest, which the
    checks use when filled); a column no row fills, alone; an optional column a check splits
    or refines by, marked optional."""
    docs = dictionary()
    wanted: dict[tuple[str, str], Wanted] = {}
    second: list[str] = []

    def want(table: str, column: str, missing: Missing, check: str | None, test: str) -> None:
        item = wanted.setdefault((table, column), Wanted(table, column, missing))
        item.required = docs[table].columns[column].required
        if check is not None and test not in item.needed_by.setdefault(check, []):
            item.needed_by[check].append(test)

    for cov in coverage:
        check = cov.check.id
        parts: list[tuple[str, dict[str, tuple[str, ...]], Iterable[Lack]]] = [
            ("", requirements(cov.check), cov.lacks)
        ]
        parts += [
            (test.name, dict(test.requires), got.lacks)
            for test, got in zip(cov.check.tests, cov.tests, strict=True)
        ]
        for test, requires, lacks in parts:
            for lack in lacks:
                if lack.table.startswith(SECOND_EXPORT_SCHEMA):
                    if check not in second:
                        second.append(check)
                    continue
                doc = docs.get(lack.table)
                if doc is None:  # a library test keeps every table a check reads documented
                    continue
                if lack.column is not None:
                    want(lack.table, lack.column, "column", check, test)
                    continue
                kind: Missing = "empty" if lack.empty else "table"
                for name in requires.get(lack.table, ()):
                    want(lack.table, name, kind, check, test)
                for name in doc.columns:
                    want(lack.table, name, kind, None, "")
        for name in cov.unfilled_optional:
            table, _, column = name.partition(".")
            if table in docs and (table, column) not in wanted:
                want(table, column, "optional", check, "optional")
            elif (table, column) in wanted:
                want(table, column, wanted[(table, column)].missing, check, "optional")
    order = {
        (d.name, c): (i, j) for i, d in enumerate(docs.values()) for j, c in enumerate(d.columns)
    }
    items = sorted(wanted.values(), key=lambda w: order[(w.table, w.column)])
    return DataRequest(tuple(items), tuple(coverage), tuple(second))


def write_data_request(
    conn: duckdb.DuckDBPyConnection,
    coverage: Sequence[CheckCoverage],
    path: Path | str,
    *,
    case_name: str = "",
    generated_at: str | None = None,
) -> DataRequestResult:
    """Write the request to ``path`` (atomically) and record it in the case's audit log."""
    path = Path(path)
    request = build_request(coverage)
    generated = generated_at or dt.datetime.now().isoformat(timespec="seconds")
    wb = Workbook(write_only=True)
    _request_sheet(wb.create_sheet(REQUEST_SHEET), request, case_name, generated)
    _checks_sheet(wb.create_sheet(CHECKS_SHEET), request)
    for ws in wb.worksheets:
        print_setup(ws)
    save_atomically(wb, path)
    short = sum(1 for c in coverage if c.status != "runs")
    result = DataRequestResult(path, len(request.wanted), len(request.tables()), short)
    auditlog.append(
        conn,
        "data_request",
        {
            "file": str(path),
            "sha256": sha256_file(path),
            "tables": request.tables(),
            "columns": result.columns,
            "checks_short": short,
        },
    )
    return result


def _widths(ws: WriteOnlyWorksheet, widths: Iterable[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _wrapped(ws: WriteOnlyWorksheet, value: Any, font: Font | None = None) -> Any:
    c = cell(ws, value, font=font)
    c.alignment = WRAP_TOP
    return c


def _request_sheet(
    ws: WriteOnlyWorksheet, request: DataRequest, case_name: str, generated: str
) -> None:
    _widths(ws, WIDTHS)
    cov = request.coverage
    short = [c for c in cov if c.status != "runs"]
    cannot = sum(1 for c in cov if c.status == "not_run")
    ws.append([cell(ws, "数据需求清单  Data request", font=TITLE)])
    ws.append([cell(ws, "案卷 Case"), cell(ws, case_name)])
    ws.append([cell(ws, "生成时间 Generated"), cell(ws, generated)])
    ws.append(
        [
            cell(ws, "检查项 Checks"),
            cell(
                ws,
                f"共 {len(cov)} 个检查项：{len(cov) - len(short)} 个可完整运行，"
                f"{len(short) - cannot} 个只能部分运行，{cannot} 个无法运行。 "
                f"{len(cov)} checks: {len(cov) - len(short)} run in full, "
                f"{len(short) - cannot} in part, {cannot} cannot run.",
            ),
        ]
    )
    ws.append(
        [
            cell(ws, "说明 Notes"),
            cell(
                ws,
                "请按下表补充数据：整表未提供的，请提供整张表，表头使用“字段名（表头）”一列；"
                "字段未提供的，请在已提供的表中补充该字段。金额以元为单位，时间为当地时间。 "
                "Please send the data below: a table not received, whole, with the headers of "
                "the Header column; a column, added to the table already sent. Money in yuan, "
                "times in local time.",
            ),
        ]
    )
    if not request.wanted:
        ws.append([])
        ws.append([cell(ws, "无需补充数据。 Nothing to request: every check can run.", font=BOLD)])
    else:
        ws.append([])
        ws.append(
            [cell(ws, f"{zh} {en}".strip(), font=BOLD, fill=HEADER_FILL) for zh, en in HEADERS]
        )
        docs = dictionary()
        for table in request.tables():
            _table_row(ws, docs[table])
            for w in (x for x in request.wanted if x.table == table):
                _column_row(ws, docs[table], w)
    if request.second_export:
        ws.append([])
        ws.append(
            [
                cell(ws, "另需 Also needed", font=BOLD),
                _wrapped(
                    ws,
                    "同一批数据的第二次导出（较晚日期再导出一次相同的表），用于比较两次导出是否"
                    f"改写了历史记录：{', '.join(request.second_export)}。 A second export of the "
                    "same tables taken later, to compare the two for rewritten history: "
                    f"{', '.join(request.second_export)}.",
                ),
            ]
        )


def _table_row(ws: WriteOnlyWorksheet, doc: TableDoc) -> None:
    ws.append(
        [
            cell(ws, doc.zh, font=BOLD, fill=TABLE_FILL),
            cell(ws, doc.en, font=BOLD, fill=TABLE_FILL),
            cell(ws, doc.name, fill=TABLE_FILL),
            cell(ws, None, fill=TABLE_FILL),
            _fill(_wrapped(ws, doc.meaning_zh)),
            _fill(_wrapped(ws, doc.meaning_en)),
        ]
    )


def _fill(c: Any) -> Any:
    c.fill = TABLE_FILL
    return c


def _column_row(ws: WriteOnlyWorksheet, doc: TableDoc, w: Wanted) -> None:
    col = doc.column(w.column)
    zh, en = MISSING_TEXT[w.missing]
    ws.append(
        [
            cell(ws, doc.zh),
            cell(ws, col.zh),
            cell(ws, col.name),
            cell(ws, f"{zh} {en}"),
            _wrapped(ws, col.meaning_zh),
            _wrapped(ws, col.meaning_en),
            _wrapped(ws, col.type_zh),
            _wrapped(ws, col.type_en),
            cell(ws, col.example),
            cell(ws, "是 yes" if w.required else ""),
            _wrapped(ws, w.who() or ("导入所需 to import" if w.required else WHEN_PRESENT)),
        ]
    )


def _checks_sheet(ws: WriteOnlyWorksheet, request: DataRequest) -> None:
    _widths(ws, (10, 60, 16, 44, 60))
    ws.append([cell(ws, "无法完整运行的检查项  Checks that cannot run in full", font=TITLE)])
    ws.append([])
    ws.append(
        [
            cell(ws, text, font=BOLD, fill=HEADER_FILL)
            for text in (
                "检查项 Check",
                "名称 Title",
                "状态 Status",
                "缺少 Lacks",
                "跳过的测试 Tests skipped",
            )
        ]
    )
    for cov in request.coverage:
        if cov.status == "runs":
            continue
        zh, en = STATUS_TEXT[cov.status]
        says = check_text(cov.check, "zh")
        skipped = "; ".join(
            f"{t.name}: {says.test_title(t.name)} {t.title} "
            f"(缺少 needs {', '.join(str(x) for x in t.lacks)})"
            for t in cov.tests
            if not t.runs
        )
        ws.append(
            [
                cell(ws, cov.check.id),
                _wrapped(ws, f"{says.title} {cov.check.title}"),
                cell(ws, f"{zh} {en}"),
                _wrapped(ws, ", ".join(str(x) for x in cov.all_lacks())),
                _wrapped(ws, skipped),
            ]
        )
