"""Writing the Excel audit report: a pure function of the case, the runs and chart images.

The workbook is written in openpyxl's write-only (streaming) mode into a temporary file in the
target folder and renamed into place only when complete: a failed or cancelled export leaves no
half-written report and keeps the previous one. Cell contents depend only on the case, the runs
and the images, except the generation time on the Cover, so two reports can be compared.
"""

from __future__ import annotations

import contextlib
import io
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter

from auditor.case import auditlog
from auditor.case.fingerprint import sha256_file
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.runner import CheckRun, Session
from auditor.errors import Cancelled
from auditor.report.cells import EXCEL_MAX_ROWS, cell, plain
from auditor.report.charts import image_shows_identifiers, make_chart, write_chart_data
from auditor.report.cover import CoverFacts, headline_figures, write_cover
from auditor.report.coverage_sheet import write_coverage_sheet
from auditor.report.evidence import write_evidence
from auditor.report.history_sheet import write_history_sheet
from auditor.report.lang import check_lang, date_text, sheet, use_cjk_font, words
from auditor.report.printing import PageMarks, mark_pages, page_setup, print_area, repeat_rows
from auditor.report.sample_sheet import write_sample_sheets
from auditor.report.sheets import (
    DEFAULT_TITLE,
    ReportMeta,
    case_fingerprint,
    write_data_quality,
    write_provenance,
)
from auditor.report.summary import summary_lines, write_summary
from auditor.report.workbook_io import ExportError, save_atomically
from auditor.results.masking import Masker, case_masker, mask_notes, save_tokens, statement
from auditor.tempfiles import use_app_temp

ReportProgress = Callable[[str, float], None]
TEXT = {
    "en": {
        "chart_data": "The figures behind each check's native chart; kept in the file, not "
        "printed.",
        "capped": "first {limit:,} of {total:,} rows (capped by the user)",
    },
    "zh": {
        "chart_data": "各检查项图表所依据的数据；保存在文件中，不打印。",
        "capped": "仅列出全部 {total:,} 行中的前 {limit:,} 行（由用户限定）",
        "masked": "已脱敏：借款人和借据标识、姓名、身份证号、手机号、银行卡号和电子邮箱均以带密钥的"
        "代码（BR-、LN-、NM-、ID-、PH-、CD-、EM-）显示，本案卷的每份报告中相同；可由案卷还原"
        "（auditor unmask）。笔数、金额和问题均不受影响。",
        "not_masked": "未脱敏：检查人员关闭了脱敏；本报告按导出原样显示借款人的个人信息，"
        "请按个人信息妥善处理。",
    },
}
NOT_FINAL = (
    "a final report needs every check run on the current data: {not_yet} not yet "
    "run and {stale} run on older data; write a draft, or run them first"
)


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sheets: list[str]
    evidence_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _has_evidence(run: CheckRun) -> bool:
    return run.result_table is not None and run.row_count > 0 and run.status in ("finding", "info")


class _Progress:
    """Row-level progress over the whole export, and the cancel check between batches."""

    def __init__(self, report: ReportProgress, total: int, cancel: threading.Event | None):
        self.report, self.total, self.cancel, self.done = report, max(total, 1), cancel, 0

    def for_check(self, check_id: str) -> Callable[[int], None]:
        def tick(written: int) -> None:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("report export cancelled; no file was written")
            self.report(f"writing {check_id}", min(0.95, (self.done + written) / self.total * 0.9))

        return tick


def write_report(
    session: Session,
    runs: list[CheckRun],
    path: Path | str,
    *,
    meta: ReportMeta | None = None,
    images: Mapping[str, bytes] | None = None,
    max_evidence_rows: int | None = None,
    progress: ReportProgress | None = None,
    cancel: threading.Event | None = None,
    rows_per_sheet: int = EXCEL_MAX_ROWS,
    not_yet_run: Sequence[CheckSpec] = (),
    stale: Mapping[str, Sequence[str]] | None = None,
    mask: bool = True,
) -> ReportResult:
    """Write the report of ``runs`` to ``path``; raises Cancelled or ExportError, leaving any
    earlier file at ``path`` untouched. ``not_yet_run`` are the checks of the inspection that
    have no run (the Summary lists them so); ``stale`` names the runs made on older data, with
    what changed. A final report (``meta.final``) needs neither. Personal data is masked
    unless ``mask`` is False; the Cover says which."""
    started = time.perf_counter()
    meta = meta or ReportMeta()
    stale = dict(stale or {})
    if meta.final and (not_yet_run or stale):
        raise ExportError(NOT_FINAL.format(not_yet=len(not_yet_run), stale=len(stale)))
    lang = check_lang(meta.lang)
    use_app_temp()  # openpyxl's streaming files go to the app's folder, cleaned if we die
    report = progress or (lambda _what, _frac: None)
    total = sum(
        min(r.row_count, max_evidence_rows or r.row_count) for r in runs if _has_evidence(r)
    )
    wb = Workbook(write_only=True)
    masker = case_masker(session.conn) if mask else None
    try:
        names, evidence = _fill(
            wb,
            session,
            Contents(runs, list(not_yet_run), stale, meta, images or {}),
            max_evidence_rows,
            _Progress(report, total, cancel),
            rows_per_sheet,
            masker,
        )
        if lang == "zh":
            use_cjk_font(wb)
        save_atomically(wb, Path(path))
    except BaseException:
        for ws in wb.worksheets:  # let the streaming sheets close their temporary files
            with contextlib.suppress(Exception):
                ws.close()
        raise
    auditlog.append(
        session.conn,
        "report",
        {
            "file": str(path),
            "sha256": sha256_file(Path(path)),
            "checks": [r.check.id for r in runs],
            "evidence_rows": evidence,
            "personal_data_masked": mask,
        },
    )
    report("done", 1.0)
    return ReportResult(Path(path), names, evidence, time.perf_counter() - started)


@dataclass(frozen=True)
class Contents:
    """What the report is of."""

    runs: list[CheckRun]
    not_yet_run: list[CheckSpec]
    stale: dict[str, Sequence[str]]
    meta: ReportMeta
    images: Mapping[str, bytes]


def _fill(
    wb: Workbook,
    session: Session,
    what: Contents,
    max_evidence_rows: int | None,
    tracker: _Progress,
    rows_per_sheet: int,
    masker: Masker | None = None,
) -> tuple[list[str], dict[str, int]]:
    case, conn = session.case, session.conn
    runs, meta = what.runs, what.meta
    lang = meta.lang
    text = words(TEXT, lang)
    if meta.title == ReportMeta.title:  # no title given: the default in the report's language
        meta = replace(meta, title=DEFAULT_TITLE.get(lang, meta.title))
    generated = datetime.now().isoformat(timespec="seconds")
    if lang == "zh":
        generated = date_text(generated)
    if masker is not None:  # what the examiner wrote may name a borrower too
        meta = replace(
            meta,
            title=mask_notes(conn, masker, meta.title),
            platform=mask_notes(conn, masker, meta.platform),
            notes=tuple(mask_notes(conn, masker, n) for n in meta.notes),
            conclusion=mask_notes(conn, masker, meta.conclusion),
            dispositions=tuple(
                replace(
                    d,
                    key=mask_notes(conn, masker, d.key),
                    reason=mask_notes(conn, masker, d.reason),
                )
                for d in meta.dispositions
            ),
        )
    wb.properties.creator = "lending-auditor"
    wb.properties.title = plain(meta.title)
    fingerprint = case_fingerprint(case)
    marks = PageMarks(meta.title, meta.final, fingerprint, lang)
    as_of = next((str(r.params["as_of"]["value"]) for r in runs if "as_of" in r.params), "")
    currency = session.profile.currency
    cover = wb.create_sheet(sheet("cover", lang))
    page_setup(cover, one_page=True)
    start = next((str(r.params["from_date"]["value"]) for r in runs if "from_date" in r.params), "")
    facts = CoverFacts(
        as_of, session.profile.name, currency, case.path.name, fingerprint, generated,
        complete=not what.not_yet_run and not what.stale,
        personal_data=_personal_data(masker is not None, lang), period_start=start,
    )  # fmt: skip
    write_cover(
        cover,
        meta,
        facts,
        runs,
        what.not_yet_run,
        what.stale,
        headline_figures(session.results, runs),
    )
    firsts = {r.check.id: r.check.id for r in runs if _has_evidence(r)}
    notes = {}
    for r in runs:
        if _has_evidence(r) and max_evidence_rows is not None and r.row_count > max_evidence_rows:
            notes[r.check.id] = text["capped"].format(limit=max_evidence_rows, total=r.row_count)
    summary = wb.create_sheet(sheet("summary", lang))
    page_setup(summary)
    repeat_rows(summary, 1)
    write_summary(
        summary, summary_lines(runs, what.not_yet_run), firsts, notes, what.stale, currency, lang
    )
    chart_ws = None
    chart_row = 1
    evidence: dict[str, int] = {}
    for r in runs:
        if not _has_evidence(r):
            continue
        sheets = write_evidence(
            wb,
            session.results,
            r,
            max_rows=max_evidence_rows,
            progress=tracker.for_check(r.check.id),
            rows_per_sheet=rows_per_sheet,
            stale=what.stale.get(r.check.id, ()),
            currency=currency,
            marks=marks,
            masker=masker,
            lang=lang,
        )
        if masker is not None:
            save_tokens(conn, masker)
        evidence[r.check.id] = sheets.rows_written
        tracker.done += sheets.rows_written
        first = next(ws for ws in wb.worksheets if ws.title == sheets.sheets[0])
        # Beside the table, past what prints: a chart cut by the page edge helps nobody.
        anchor_col = get_column_letter(max(len(sheets.columns), sheets.printed_columns) + 2)
        if chart_ws is None:
            chart_ws = wb.create_sheet(sheet("chart_data", lang))
            page_setup(chart_ws)
            chart_ws.append([cell(chart_ws, text["chart_data"])])
            chart_ws.append([])
            chart_row = 3
            print_area(chart_ws, "A", 1)
        block = write_chart_data(chart_ws, session.results, r, chart_row, masker, lang)
        if block is not None:
            chart_row += block.rows + 3
            chart = make_chart(r, chart_ws, block, lang)
            if chart is not None:
                first.add_chart(chart, f"{anchor_col}{sheets.header_row}")
        if r.check.id in what.images and not image_shows_identifiers(r, masker):
            img = Image(io.BytesIO(what.images[r.check.id]))
            first.add_image(img, f"{anchor_col}{sheets.header_row + 20}")
    tracker.report("samples and comparisons", 0.95)
    write_sample_sheets(wb, conn, masker, lang)
    write_history_sheet(wb, conn, masker, lang)
    tracker.report("provenance", 0.96)
    provenance = wb.create_sheet(sheet("provenance", lang))
    page_setup(provenance)
    write_provenance(provenance, case, runs, masker, lang)
    quality = wb.create_sheet(sheet("data_quality", lang))
    page_setup(quality)
    write_data_quality(quality, conn, masker, lang)
    write_coverage_sheet(wb, [session.coverage(c) for c in load_library()], lang)
    if masker is not None:
        save_tokens(conn, masker)
    if chart_ws is not None:  # keep Chart data after the check sheets, before Provenance
        wb._sheets.remove(chart_ws)
        wb._sheets.insert(
            next(i for i, ws in enumerate(wb._sheets) if ws.title == provenance.title), chart_ws
        )
    for ws in wb.worksheets:
        mark_pages(ws, marks)
    return [ws.title for ws in wb.worksheets], evidence


def _personal_data(masked: bool, lang: str) -> str:
    """What the cover says about personal data, in the report's language."""
    if lang != "zh":
        return statement(masked)
    return words(TEXT, lang)["masked" if masked else "not_masked"]


def sheets_needed(rows: int, rows_per_sheet: int = EXCEL_MAX_ROWS) -> int:
    return max(1, math.ceil(rows / (rows_per_sheet - 1)))
