"""The ``[zh]`` table of a check header, its loader, and ``check_text``."""

from __future__ import annotations

import re

import pytest

from auditor.engine.check_text import check_text
from auditor.engine.checks import CheckSpec, QuerySpecError, parse_check
from auditor.glossary import glossary

CJK_RE = re.compile(r"[\u4e00-\u9fff]")

HEAD = """-- id = "T-01"
-- title = "Loans past the line"
-- family = "delinquency"
-- severity = "high"
-- description = "Loans more than $days days past due."
-- basis = "Credit Reporting Regulation 2013 Art. 15 [C]"
-- requires = { loans = ["loan_id"] }
-- [params.days]
-- type = "int"
-- default = 30
-- label = "Days"
-- help = "Days past due that count"
-- [tests.old]
-- title = "Old loans"
-- requires = { loans = ["loan_id"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- amount = "outstanding"
-- [chart]
-- kind = "table"
-- [labels]
-- amount = "Outstanding principal"
-- [labels.columns]
-- days_late = "Days late"
"""
ZH = """-- [zh]
-- title = "逾期超过阈值的借据"
-- description = "逾期超过阈值天数的借据。"
-- basis = "《征信业管理条例》第十五条 [C]"
-- finding = "每一行均为问题"
-- amount = "未偿本金"
-- [zh.params.days]
-- label = "天数"
-- help = "计入的逾期天数"
-- [zh.tests.old]
-- title = "早期借据"
-- [zh.columns]
-- days_late = "逾期天数"
"""
SQL = "SELECT loan_id, 1 AS days_late, 0.0 AS outstanding FROM loans WHERE $days > 0 AND $test_old"


def _check(zh: str = ZH) -> CheckSpec:
    return parse_check(HEAD + zh + SQL, "t.sql")


def test_check_text_reads_each_field_in_both_languages() -> None:
    spec = _check()
    en, zh = check_text(spec, "en"), check_text(spec, "zh")
    assert (en.title, en.basis, en.amount_label) == (
        "Loans past the line",
        "Credit Reporting Regulation 2013 Art. 15 [C]",
        "Outstanding principal",
    )
    assert (en.param_label("days"), en.param_help("days")) == ("Days", "Days past due that count")
    assert (zh.title, zh.basis, zh.amount_label, zh.finding) == (
        "逾期超过阈值的借据",
        "《征信业管理条例》第十五条 [C]",
        "未偿本金",
        "每一行均为问题",
    )
    assert (zh.param_label("days"), zh.param_help("days")) == ("天数", "计入的逾期天数")
    assert zh.test_title("old") == "早期借据"
    assert zh.param_label("test_old") == "运行：早期借据"
    assert en.param_label("test_old") == "Run: Old loans"
    # The check's own label, then the glossary's shared one, else English (and says so).
    assert zh.column_label("days_late") == "逾期天数"
    assert zh.column_label("loan_id") == glossary().columns["loan_id"] == "借据号"
    assert zh.column_label("odd_column") == "Odd column"
    assert not zh.has_column_label("odd_column") and zh.has_column_label("loan_id")
    assert (en.column_label("days_late"), en.column_label("loan_id")) == ("Days late", "Loan ID")
    assert (zh.severity, zh.family, en.severity, en.family) == ("高", "逾期", "high", "Delinquency")


def test_a_check_without_zh_reads_in_english_with_chinese_words_around_it() -> None:
    spec = _check("")
    zh = check_text(spec, "zh")
    assert spec.zh is None
    assert (zh.title, zh.param_label("days"), zh.severity) == ("Loans past the line", "Days", "高")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('-- finding = "每一行均为问题"\n', "", "lacks finding"),
        ('-- title = "逾期超过阈值的借据"\n', '-- title = "  "\n', "lacks title"),
        ('-- help = "计入的逾期天数"\n', "", "params.days lacks help"),
        ("-- [zh.params.days]", "-- [zh.params.dayz]", "exactly the check's parameters"),
        ('-- [zh.tests.old]\n-- title = "早期借据"\n', "", "exactly the check's tests"),
        ('-- amount = "未偿本金"\n', "", "lacks amount"),
        ("-- [zh.columns]", "-- [labels.units]\n-- [zh.columns]", "follows [zh]"),
        ('-- finding = "每一行均为问题"\n', '-- finding = "x"\n-- note = "y"\n', "not ['note']"),
    ],
)
def test_the_loader_refuses_a_zh_table_that_lacks_or_invents_a_field(
    old: str, new: str, message: str
) -> None:
    assert old in ZH
    with pytest.raises(QuerySpecError, match=r"t\.sql") as info:
        _check(ZH.replace(old, new))
    assert message in str(info.value)


def test_check_text_refuses_an_unknown_language() -> None:
    with pytest.raises(Exception, match="language 'fr'"):
        check_text(_check(), "fr")


def test_the_glossary_translates_each_english_term_once_and_never_as_what_it_avoids() -> None:
    terms = glossary().terms
    assert len({t.en for t in terms}) == len(terms)
    for term in terms:
        assert not any(a in term.zh for a in term.avoid), term
    issue_terms = {"逾期率", "M1+", "五级分类", "借据", "还款失败", "系统故障", "年化利率"}
    assert issue_terms | {"征信报告", "差错更正", "减免", "退款"} <= {t.zh for t in terms}
    assert glossary().zh("annualised rate") == "年化利率"


def test_every_profile_value_gives_its_basis_in_chinese() -> None:
    from auditor.engine.profiles import available_profiles, chinese_basis, load_profile

    for name in available_profiles():
        for pname, v in load_profile(name).params.items():
            assert CJK_RE.search(v.basis_zh), (name, pname)
            assert chinese_basis(f"{v.basis} [{v.mark}]") == f"{v.basis_zh} [{v.mark}]"
    assert chinese_basis("set by hand") == "set by hand"
