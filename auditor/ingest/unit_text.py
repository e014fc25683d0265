"""The unit decisions' evidence as sentences, per language.

A decision (``units.UnitDecision``) records which rule decided and the figures it saw (a key
and its facts); these tables write it. The English sentence is also kept with the decision
(stored in the case and the mapping), exactly as it always read.
"""

from __future__ import annotations

from collections.abc import Mapping

EVIDENCE: dict[str, dict[str, str]] = {
    "en": {
        "profile": "as the mapping profile says",
        "money_wan": "the header says 万 (ten thousands): values × 10,000",
        "money_cents": "the header says 分/cents: values ÷ 100",
        "money_units": "the header names the currency unit: values as they are",
        "money_default": "no unit in the header: read as yuan (万 cells scaled)",
        "rate_permille": "the header says ‰: ÷ 1,000",
        "rate_percent": "the header says %: ÷ 100",
        "rate_cells": "{pct} of {n} sampled values carry a % sign: bare values ÷ 100 too",
        "rate_values": (
            "{above} of {numbers} sampled values are above {limit} (median {med}), which as a "
            "fraction would be {over}: read as percent, ÷ 100"
        ),
        "over_year": "over 100% a year",
        "over_day": "over 1% a day",
        "rate_fraction": "{which} sampled values at most {limit} (median {med}): read as "
        "fractions{note}",
        "all_but": "all but {above} of {numbers}",
        "all": "all {numbers}",
        "doubt": "; {above} values above {limit} look like percent: check the unit",
        "rate_default": "no values in the sample: read as fractions",
        "none": "none",
    },
    "zh": {
        "profile": "按映射配置的设定",
        "money_wan": "表头注明“万”（万元）：数值 × 10,000",
        "money_cents": "表头注明“分”：数值 ÷ 100",
        "money_units": "表头注明币种单位：按原值读取",
        "money_default": "表头未注明单位：按元读取（带“万”的单元格已换算）",
        "rate_permille": "表头注明‰：÷ 1,000",
        "rate_percent": "表头注明%：÷ 100",
        "rate_cells": "抽样的 {n} 个值中有 {pct} 个带 % 号：不带 % 号的值也 ÷ 100",
        "rate_values": (
            "抽样的 {numbers} 个值中有 {above} 个大于 {limit}（中位数 {med}），若按小数读取"
            "将{over}：按百分数读取，÷ 100"
        ),
        "over_year": "年化超过 100%",
        "over_day": "日利率超过 1%",
        "rate_fraction": "抽样值中{which}不大于 {limit}（中位数 {med}）：按小数读取{note}",
        "all_but": "除 {above} 个外，其余 {numbers} 个值均",
        "all": "全部 {numbers} 个值均",
        "doubt": "；有 {above} 个值大于 {limit}，像是百分数：请核对单位",
        "rate_default": "抽样中没有数值：按小数读取",
        "none": "无",
    },
}
LINE = {  # one decision: column, source header, unit, evidence
    "en": "{column} ({source}): {unit}, {evidence}",
    "zh": "{column}（{source}）：{unit}，{evidence}",
}
UNITS = {  # a unit's name as the wizard shows it; "expression": a column mapped by one
    "en": {},
    "zh": {
        "expression": "表达式",
        "fraction": "小数",
        "percent": "百分数",
        "permille": "千分数",
        "units": "元（原值）",
        "wan": "万元",
        "cents": "分",
    },
}


def evidence_text(key: str, facts: Mapping[str, str], lang: str) -> str:
    """The evidence of a decision in ``lang``: its key and facts (numbers as text)."""
    w = EVIDENCE.get(lang, EVIDENCE["en"])
    args = dict(facts)
    if key == "rate_values":
        args["over"] = w[args["over"]]
    if key == "rate_fraction":
        args["which"] = w[args["which"]].format(**args)
        args["note"] = w["doubt"].format(**args) if args.get("doubt") else ""
    if args.get("med") == "none":
        args["med"] = w["none"]
    return w[key].format(**args)


def unit_word(unit: str, lang: str) -> str:
    return UNITS.get(lang, {}).get(unit, unit)
