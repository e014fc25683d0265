"""The importer's sentences in Chinese: every reject reason it can write has one, unit
decisions and warnings are written from their facts, the English stays as it read."""

from __future__ import annotations

import datetime as dt

from auditor.case.accounting import Accounting
from auditor.case.schema import TABLES
from auditor.ingest.convert import column_checks
from auditor.ingest.reject_text import reject_reason
from auditor.ingest.rejects import READER_REASONS
from auditor.ingest.units import _decide_money, _decide_rate, _Stats
from auditor.ingest.warning_text import ImportWarning
from tests.zh.english_left import english_left


def test_every_reject_reason_the_importer_writes_reads_in_chinese() -> None:
    reasons = {
        c.reason
        for t in TABLES.values()
        for col in t.columns
        for c in column_checks(col, "r", "t", replacement=True)
    }
    assert len(reasons) > 10
    for reason in reasons:
        zh = reject_reason(reason, "zh")
        if reason.startswith("not one of: "):  # the allowed values are codes: kept
            assert zh.startswith("不在允许的取值之内：") and zh.endswith(reason[12:])
        else:
            assert english_left(zh) == [], (reason, zh)
        assert reject_reason(reason, "en") == reason
    assert reject_reason("duplicate key: same as row 3", "zh") == "主键重复：与第 3 行相同"
    for said in READER_REASONS.values():
        malformed = f"malformed record, {said}: Expected Number of Columns: 3 Found: 4"
        assert reject_reason(malformed, "zh").startswith("记录格式错误，")
        assert not english_left(reject_reason(malformed, "zh").split("：")[0]), said
    assert reject_reason("Conversion Error: a database message", "zh").startswith("Conversion")


def test_the_accounting_line_in_both_languages() -> None:
    """12 = 2 title + 1 header + 1 blank + 7 loaded + 1 rejected."""
    a = Accounting(12, preamble=2, header=1, blank=1, loaded=7, rejected=1)
    assert a.describe() == "12 records = 2 title + 1 header + 1 blank + 7 loaded + 1 rejected"
    assert a.describe("zh") == "共 12 条记录 = 标题行 2 + 表头行 1 + 空行 1 + 导入 7 + 剔除 1"
    assert Accounting(3, loaded=2).describe("zh") == "共 3 条记录 ≠ 导入 2"
    assert Accounting(0).describe() == "0 records = nothing"


def test_unit_decisions_keep_their_english_and_read_in_chinese() -> None:
    doubtful = _decide_rate("contract_rate_annual", "年利率", "", _Stats(10, 0, 10, 2, 0.2))
    assert doubtful.evidence == (
        "all but 2 of 10 sampled values at most 1 (median 0.2): read as fractions; 2 values "
        "above 1 look like percent: check the unit"
    )
    assert doubtful.evidence_in("zh") == (
        "抽样值中除 2 个外，其余 10 个值均不大于 1（中位数 0.2）：按小数读取；"
        "有 2 个值大于 1，像是百分数：请核对单位"
    )
    daily = _decide_rate("daily_rate_value", "日利率", "", _Stats(4, 0, 4, 4, 0.05))
    assert daily.evidence == (
        "4 of 4 sampled values are above 0.01 (median 0.05), which as a fraction would be over "
        "1% a day: read as percent, ÷ 100"
    )
    cells = _decide_rate("contract_rate_annual", "利率", "", _Stats(10, 6, 4, 0, None))
    assert cells.evidence == "6 of 10 sampled values carry a % sign: bare values ÷ 100 too"
    empty = _decide_rate("contract_rate_annual", "利率", "", _Stats())
    wan = _decide_money("contract_principal", "借款金额(万元)", "借款金额(万元)")
    for d in (doubtful, daily, cells, empty, wan):
        assert english_left(d.describe("zh").replace(d.source, "")) == [], d.describe("zh")
    assert wan.describe() == (
        "contract_principal (借款金额(万元)): wan, the header says 万 (ten thousands): "
        "values × 10,000"
    )
    assert wan.describe("zh") == (
        "contract_principal（借款金额(万元)）：万元，表头注明“万”（万元）：数值 × 10,000"
    )


def test_import_warnings_keep_their_english_and_read_in_chinese() -> None:
    doubtful = _decide_rate("contract_rate_annual", "r", "", _Stats(10, 0, 10, 2, 0.2))
    said = [
        ImportWarning("r", "unit_doubt", (("unit_key", doubtful.key), *doubtful.facts)),
        ImportWarning("r", "rate_above", (("above", "30"), ("n", "200"), ("what", "year"))),
        ImportWarning("contract_principal", "principal_wan", (("median", "12.50"),)),
        ImportWarning("contract_principal", "whole_10k", others=("disbursed_amount", "fee_due")),
        ImportWarning("d", "early", (("n", "3"),)),
        ImportWarning("d", "late", (("n", "1,204"), ("today", dt.date(2024, 5, 1).isoformat()))),
    ]
    assert [w.text() for w in said] == [
        f"unit in doubt: {doubtful.evidence}",
        "30 of 200 values above 100% a year: likely a unit error (the column may be in percent; "
        'set unit = "percent" in the mapping)',
        'median principal 12.50: likely in 万元 (ten thousands); set unit = "wan" in the mapping '
        "if so",
        "every value is a whole multiple of 10,000 while disbursed_amount, fee_due is not: one of "
        "them may be in 万元 or 分",
        "3 dates before 2000: a wrong date column or format?",
        "1,204 dates after the import date 2024-05-01: events cannot lie in the future (a wrong "
        "column, or day and month swapped?)",
    ]
    for w in said:
        zh = w.text("zh").replace('unit = "percent"', "").replace('unit = "wan"', "")
        assert english_left(zh) == [], zh
