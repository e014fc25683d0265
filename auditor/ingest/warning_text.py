"""Import warnings (values possible but almost surely a unit or mapping error) as facts, with
their sentences per language. The English sentence is the warning as stored and printed."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.ingest.unit_text import evidence_text

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "unit_doubt": "unit in doubt: {evidence}",
        "rate_above": (
            "{above} of {n} values above {what}: likely a unit error (the column may be in "
            'percent; set unit = "percent" in the mapping)'
        ),
        "year": "100% a year",
        "day": "1% a day",
        "principal_wan": (
            'median principal {median}: likely in 万元 (ten thousands); set unit = "wan" in the '
            "mapping if so"
        ),
        "whole_10k": (
            "every value is a whole multiple of 10,000 while {others} is not: one of them may "
            "be in 万元 or 分"
        ),
        "list": ", ",
        "early": "{n} dates before 2000: a wrong date column or format?",
        "late": (
            "{n} dates after the import date {today}: events cannot lie in the future (a wrong "
            "column, or day and month swapped?)"
        ),
    },
    "zh": {
        "unit_doubt": "单位存疑：{evidence}",
        "rate_above": (
            "{n} 个值中有 {above} 个超过{what}：很可能是单位错误（该列或为百分数；"
            '请在映射中设定 unit = "percent"）'
        ),
        "year": "年化 100%",
        "day": "日利率 1%",
        "principal_wan": (
            '合同本金中位数为 {median}：很可能以万元为单位；如是，请在映射中设定 unit = "wan"'
        ),
        "whole_10k": "每个值都是 10,000 的整数倍，而 {others} 不是：其中之一可能以万元或分为单位",
        "list": "、",
        "early": "{n} 个日期早于 2000 年：日期列或日期格式是否有误？",
        "late": "{n} 个日期晚于导入日期 {today}：事件不可能发生在未来（列选错了，还是日月颠倒？）",
    },
}


@dataclass(frozen=True)
class ImportWarning:
    """One warning: the column, its kind (a key of ``TEXT``) and the figures it names."""

    column: str
    key: str
    facts: tuple[tuple[str, str], ...] = ()
    others: tuple[str, ...] = ()  # for "whole_10k": the money columns that are not

    def text(self, lang: str = "en") -> str:
        w = TEXT.get(lang, TEXT["en"])
        args = dict(self.facts)
        if self.key == "unit_doubt":
            unit_key = args.pop("unit_key")
            return w["unit_doubt"].format(evidence=evidence_text(unit_key, args, lang))
        if self.key == "rate_above":
            args["what"] = w[args["what"]]
        if self.key == "whole_10k":
            args["others"] = w["list"].join(self.others)
        return w[self.key].format(**args)
