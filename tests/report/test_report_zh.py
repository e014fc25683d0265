"""The report in Chinese: the same numbers as the English one, in Chinese words, with ¥ and
separators, one date style and a CJK font; reopened with openpyxl (and rendered by LibreOffice
where it is installed)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.engine.check_text import check_text
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.glossary import glossary
from auditor.report import ReportMeta, write_report
from auditor.report.lang import CJK_FONT, wrap

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = (int, float, Decimal, dt.date, dt.datetime, dt.time)


def _numbers(path: Path) -> list[list[tuple[str, Any]]]:
    """Per sheet, in order, every numeric or date cell as (column letter, value); rows may sit
    lower in one language (a description wraps to more lines), columns never move."""
    wb = load_workbook(path, read_only=True)
    out = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                v = getattr(c, "value", None)
                if isinstance(v, NUMBER) and not isinstance(v, bool):
                    cells.append((c.column_letter, v))
        out.append(cells)
    wb.close()
    return out


@pytest.fixture(scope="module")
def both_reports(
    sample_case_path: Path,
    rewritten_case_path: Path,
    library: dict[str, CheckSpec],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """The English and the Chinese report of every check run once on the newer sample export,
    compared with the older one (so the history sheets are in both)."""
    from auditor.results.compare import compare_cases

    tmp_path = tmp_path_factory.mktemp("zh_report")
    compared = tmp_path / "new.duckdb"
    compared.write_bytes(rewritten_case_path.read_bytes())
    paths = {}
    with Case.open(compared) as case:
        compare_cases(case.conn, sample_case_path, str(compared))
        session = Session(case)
        runs = session.run_many(list(library.values()))
        for lang in ("en", "zh"):
            paths[lang] = tmp_path / f"{lang}.xlsx"
            meta = ReportMeta("Q3 检查 inspection", "示例平台", "张三", lang=lang)
            write_report(session, runs, paths[lang], meta=meta)
    return paths


def test_the_chinese_report_holds_every_number_of_the_english_one(
    both_reports: dict[str, Path],
) -> None:
    en, zh = _numbers(both_reports["en"]), _numbers(both_reports["zh"])
    assert len(en) == len(zh)
    assert sum(len(s) for s in en) > 100_000  # every evidence row of every check, and more
    for i, (a, b) in enumerate(zip(en, zh, strict=True)):
        assert a == b, f"sheet {i + 1}: the numbers differ"


def test_the_chinese_report_reads_in_chinese(
    both_reports: dict[str, Path], library: dict[str, CheckSpec]
) -> None:
    en = load_workbook(both_reports["en"], read_only=True)
    wb = load_workbook(both_reports["zh"])
    english_names = en.sheetnames
    en.close()
    names = wb.sheetnames
    assert names[:2] == ["封面", "汇总"]
    assert names[-4:] == ["图表数据", "数据来源与复核", "数据质量", "覆盖情况"]
    assert "导出数据比对" in names
    # The check sheets keep their ids; every other sheet name is Chinese.
    for en_name, zh_name in zip(english_names, names, strict=True):
        assert zh_name == en_name if en_name.split(" ")[0] in library else CJK.search(zh_name)
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(values_only=True) if r and r[0]}
    assert cover["被检查平台"] == "示例平台" and cover["基准日"] == "2024-09-30"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", cover["生成时间"])
    figures = {r[0].value: r for r in wb["封面"].iter_rows() if r and r[0].value}
    refund = figures["应向受损借款人退还的金额（OUT-11）"][1]
    assert refund.number_format == '"¥"#,##0.00' and refund.value > 0
    summary = wb["汇总"]
    header = [c.value for c in summary[1]]
    assert header[:6] == ["编号", "检查项", "类别", "严重程度", "状态", "问题行数"]
    assert header[8] == "金额（CNY）"
    rows = {r[0].value: r for r in summary.iter_rows(min_row=2)}
    dlq06 = rows["DLQ-06"]
    says = check_text(library["DLQ-06"], "zh")
    assert [c.value for c in dlq06[1:5]] == [says.title, "逾期", "高", "发现问题"]
    assert dlq06[8].number_format == '"¥"#,##0.00'
    assert dlq06[9].value == says.amount_label and dlq06[11].value == says.basis
    assert rows["DLQ-10"][4].value == glossary().zh("pass")
    assert rows["DLQ-08"][10].value == "缺少 loan_funding"
    # A check's sheet: its Chinese words above its rows, columns labelled in Chinese.
    sheet = [list(r) for r in wb["DLQ-06"].iter_rows(values_only=True)]
    assert sheet[1][0] == f"DLQ-06 {says.title}"
    labels = {r[0]: r[1] for r in sheet[2:20] if r and r[0]}
    assert labels["检查内容"] == wrap(says.description, 110)[0]
    header_row = next(r for r in sheet if r and r[0] == "借据号")
    assert header_row[:4] == ["借据号", "借款人编号", "资金来源", "逾期天数"]
    assert "逾期天数对应的分类" in header_row
    # The values a check writes read in Chinese: coded classes and its own sentences.
    at = header_row.index("风险分类")
    classes = {r[at] for r in sheet[sheet.index(header_row) + 1 :] if r and r[0]}
    assert classes and classes <= {"正常类", "关注类", "次级类", "可疑类", "损失类"}
    dlq11 = [list(r) for r in wb["DLQ-11"].iter_rows(values_only=True)]
    head11 = next(i for i, r in enumerate(dlq11) if r and r[0] == "问题类型")
    issues = {r[0] for r in dlq11[head11 + 1 :] if r and r[0]}
    assert issues and all(CJK.search(v) for v in issues), issues
    # Booleans read 是/否 and times in the one date style.
    out04 = [list(r) for r in wb["OUT-04"].iter_rows()]
    head = next(i for i, r in enumerate(out04) if r[0].value == "故障事件编号")
    times = [c for c in out04[head + 1] if isinstance(c.value, dt.datetime)]
    formats = {c.number_format for c in times}
    assert formats == {"yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"}, formats  # dates; times
    booleans = {
        c.value
        for r in wb["DLQ-06"].iter_rows(min_row=len(sheet) - 3, values_only=False)
        for c in r
        if c.value in ("是", "否", "Yes", "No")
    }
    assert booleans and booleans <= {"是", "否"}


def test_every_font_of_the_chinese_report_has_cjk_glyphs(
    both_reports: dict[str, Path],
) -> None:
    with zipfile.ZipFile(both_reports["zh"]) as z:
        styles = z.read("xl/styles.xml").decode()
    fonts = re.findall(r"<font>.*?</font>|<font/>", styles, re.S)
    assert fonts
    for f in fonts:
        assert re.search(rf'<name val="{CJK_FONT}" ?/>', f), f
        assert re.search(r'<charset val="134" ?/>', f), f
    with zipfile.ZipFile(both_reports["en"]) as z:
        assert CJK_FONT not in z.read("xl/styles.xml").decode()  # English as it was


def test_a_report_without_a_title_is_titled_in_its_language(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    runs = sample_session.run_many([library["DLQ-06"]])
    for lang, title in (("zh", "检查报告"), ("en", "Inspection report")):
        out = tmp_path / f"{lang}.xlsx"
        write_report(sample_session, runs, out, meta=ReportMeta(lang=lang))
        wb = load_workbook(out, read_only=True)
        assert wb.properties.title == title
        assert next(wb.worksheets[0].iter_rows(values_only=True))[0] == title
        wb.close()


def test_wrap_counts_a_chinese_character_as_two_columns() -> None:
    assert wrap("一二三四五六", 6) == ["一二三", "四五六"]
    assert wrap("检查 FFIEC Retail Policy", 12) == ["检查 FFIEC", "Retail", "Policy"]
    assert wrap("plain English text", 10) == ["plain", "English", "text"]


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdffonts") is None,
    reason="LibreOffice or poppler is not installed",
)
def test_libreoffice_prints_the_chinese_report_in_a_cjk_font(
    sample_session: Session, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    fc = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    if not fc.stdout.strip():
        pytest.skip("no font with Chinese glyphs is installed")
    runs = sample_session.run_many([library[i] for i in ("DQ-01", "DLQ-06", "OUT-04")])
    out = tmp_path / "r.xlsx"
    write_report(sample_session, runs, out, max_evidence_rows=50, meta=ReportMeta(lang="zh"))
    proc = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "r.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    families = {f.strip() for f in fc.stdout.replace(",", "\n").splitlines()}
    embedded = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    # Every Chinese glyph was drawn in a font that has it: LibreOffice embedded one of the
    # installed Chinese fonts, found for the report's Microsoft YaHei.
    assert any(e.replace(" ", "") in {f.replace(" ", "") for f in families} for e in embedded)


def _texts(path: Path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    out = [ws.title for ws in wb.worksheets]
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out += [v for v in row if isinstance(v, str) and CJK.search(v)]
    wb.close()
    return out


def test_the_report_and_the_data_request_use_the_glossarys_terms(
    both_reports: dict[str, Path], tmp_path: Path
) -> None:
    """No Chinese text of the report, nor of the data request (on a loan file alone: it asks
    for every other table), uses a rendering the glossary avoids; the report's status and
    severity words are the glossary's."""
    from auditor.engine.checks import load_library
    from auditor.engine.coverage import DataFacts, library_coverage
    from auditor.report.data_request import write_data_request
    from tests.coverage.partial import build

    case_path = build(tmp_path / "c.duckdb", ["loans"])
    request = tmp_path / "request.xlsx"
    with Case.open(case_path) as case:
        coverage = library_coverage(load_library(), DataFacts.of(case.conn))
        write_data_request(case.conn, coverage, request, case_name="c.duckdb")
    texts = _texts(both_reports["zh"]) + _texts(request)
    avoided = [(t.en, a) for t in glossary().terms for a in t.avoid]
    found = {(en, a) for en, a in avoided for text in texts if a in text}
    assert not found
    joined = "\n".join(texts)
    for en in ("high", "medium", "pass", "not run", "data quality", "coverage"):
        assert glossary().zh(en) in joined, en
    request_texts = "\n".join(_texts(request))
    assert "案卷 Case" in request_texts and "需要该字段的检查项" in request_texts


def test_a_chinese_line_never_starts_with_a_closing_mark() -> None:
    assert wrap("一二三，四五六。", 6) == ["一二三，", "四五六。"]
    lines = wrap(
        "检查期间内各月末的逾期率，分资金来源并给出合计：按金额和按笔数；即期和递延。" * 5, 40
    )
    assert all(line[0] not in "，。、；：）" for line in lines)
