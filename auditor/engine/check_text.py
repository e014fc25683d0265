"""A check's words in the reader's language: the ``[zh]`` table of a check header.

Every canned check says what it is in English (title, description, basis, parameter labels,
``[labels]``) and in Simplified Chinese, in one table at the very end of its header::

    -- [zh]
    -- title = "五级分类优于逾期天数所要求的分类"
    -- description = "..."
    -- basis = "《商业银行金融资产风险分类办法》（...）[C]"
    -- finding = "每一行均为问题：..."     # what makes a row a finding
    -- amount = "..."                     # when [labels] gives the amount's meaning
    -- [zh.params.substandard_dpd]
    -- label = "次级类：逾期超过（天）"
    -- help = "..."                       # when the English parameter has help
    -- [zh.tests.term]
    -- title = "..."                      # one per [tests.<name>]
    -- [zh.columns]
    -- required_class = "逾期天数对应的分类"

The loader refuses a ``[zh]`` table that lacks a field its English side has, names a parameter
or test the check does not have, or is followed by other header tables. Result columns many
checks share take their label from the glossary's ``[columns]`` (``resources/glossary.toml``).
A custom query has no ``[zh]``: its Chinese text is its English one.

``check_text(spec, lang)`` is what the desktop app and the report read: one frozen record per
check and language, English for ``"en"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.glossary import glossary

if TYPE_CHECKING:
    from auditor.engine.checks import CheckSpec

LANGS = ("en", "zh")
ZH_KEYS = {
    "title", "description", "basis", "finding", "amount", "params", "tests", "columns", "values",
}  # fmt: skip
# The glossary's English term for each family and severity.
FAMILY_TERMS = {
    "data_quality": "data quality",
    "delinquency": "delinquency",
    "outage": "outage",
    "disclosure": "disclosure",
    "history": "rewritten history",
    "custom": "custom query",
}


# The run-level parameters every check may show (auditor.engine.runner.BASE_PARAMS), in Chinese.
BASE_PARAMS_ZH = {
    "as_of": ("基准日", "检查基准日"),
    "from_date": ("检查期间起始日", "检查期间的第一天（默认：数据中最早的一天）"),
    "amt_tolerance": ("金额容差", "未还余额不超过该金额的，仍视为已结清"),
    "incident_buffer_min": ("故障缓冲时间（分钟）", "在故障事件窗口前后各加上的分钟数"),
    "remedy_days": ("补救期（天）", "故障结束后在该天数内还款，视为及时还款"),
}


class CheckTextError(AuditorError):
    title = "Check file"


@dataclass(frozen=True)
class ZhFields:
    """The parsed ``[zh]`` table of a check header."""

    title: str
    description: str
    basis: str
    finding: str
    amount: str = ""
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (label, help)
    tests: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column: {English: 中文}


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def join_lines(text: str) -> str:
    """A text wrapped over header lines as one line: Chinese lines join with nothing between
    them, a line break between two Latin words becomes a space."""
    out = ""
    for line in (x.strip() for x in text.splitlines()):
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0])):
            out += " "
        out += line
    return out


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CheckTextError(f"{where} lacks {key} (Chinese text)")
    return join_lines(value)


def parse_zh(
    raw: Any,
    origin: str,
    *,
    params: dict[str, str],
    tests: tuple[str, ...],
    has_amount: bool,
) -> ZhFields | None:
    """The ``[zh]`` table, checked against the English side: ``params`` maps each parameter
    to its English help ("" when none), ``tests`` names the check's tests, ``has_amount`` says
    whether ``[labels]`` gives the amount's meaning."""
    if raw is None:
        return None
    where = f"{origin}: [zh]"
    if not isinstance(raw, dict):
        raise CheckTextError(f"{where} must be a table")
    unknown = sorted(set(raw) - ZH_KEYS)
    if unknown:
        raise CheckTextError(f"{where} knows {sorted(ZH_KEYS)}, not {unknown}")
    amount = _text(raw, "amount", where) if has_amount else ""
    if not has_amount and "amount" in raw:
        raise CheckTextError(f"{where} has amount but [labels] gives no amount meaning")
    raw_params = raw.get("params", {})
    if not isinstance(raw_params, dict) or set(raw_params) != set(params):
        raise CheckTextError(
            f"{where}.params must name exactly the check's parameters {sorted(params)} "
            f"(found {sorted(raw_params) if isinstance(raw_params, dict) else raw_params})"
        )
    zh_params = {}
    for name, body in raw_params.items():
        at = f"{where}.params.{name}"
        if not isinstance(body, dict) or set(body) - {"label", "help"}:
            raise CheckTextError(f"{at} holds label and help only")
        label = _text(body, "label", at)
        help_ = _text(body, "help", at) if params[name] else ""
        if not params[name] and "help" in body:
            raise CheckTextError(f"{at} has help the English parameter lacks")
        zh_params[name] = (label, help_)
    raw_tests = raw.get("tests", {})
    if not isinstance(raw_tests, dict) or set(raw_tests) != set(tests):
        raise CheckTextError(f"{where}.tests must name exactly the check's tests {list(tests)}")
    zh_tests = {}
    for name, body in raw_tests.items():
        if not isinstance(body, dict) or set(body) != {"title"}:
            raise CheckTextError(f"{where}.tests.{name} holds title only")
        zh_tests[name] = _text(body, "title", f"{where}.tests.{name}")
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(
        isinstance(v, str) and v.strip() for v in columns.values()
    ):
        raise CheckTextError(f"{where}.columns maps result columns to Chinese labels")
    values = raw.get("values", {})
    if not isinstance(values, dict) or not all(
        isinstance(m, dict)
        and all(isinstance(v, str) and v.count("{}") == k.count("{}") for k, v in m.items())
        for m in values.values()
    ):
        raise CheckTextError(
            f"{where}.values maps each column's English values to Chinese, the same {{}} in both"
        )
    return ZhFields(
        title=_text(raw, "title", where),
        description=_text(raw, "description", where),
        basis=_text(raw, "basis", where),
        finding=_text(raw, "finding", where),
        amount=amount,
        params=zh_params,
        tests=zh_tests,
        columns=dict(columns),
        values={c: dict(m) for c, m in values.items()},
    )


@cache
def _value_pattern(key: str) -> re.Pattern[str]:
    return re.compile("(.+?)".join(re.escape(part) for part in key.split("{}")))


def translate_value(table: dict[str, str], value: str) -> str:
    """``value`` by ``table`` (English: Chinese): exactly, else by a key holding {} (the
    number or name it stands for carried over), else part by part when the check joined
    several with "; "; a value the table does not know stays as it is."""
    hit = table.get(value)
    if hit is not None:
        return hit
    for key, zh in table.items():
        if "{}" in key:
            match = _value_pattern(key).fullmatch(value)
            if match:
                return zh.format(*match.groups())
    if "; " in value:
        parts = [translate_value(table, part) for part in value.split("; ")]
        return "；".join(parts)
    return value


_TABLE_LINE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")


def assert_zh_last(header: str, origin: str) -> None:
    """``[zh]`` and its sub-tables close the header: no other table follows them."""
    seen_zh = False
    for line in header.splitlines():
        match = _TABLE_LINE.match(line)
        if not match:
            continue
        name = match.group(1)
        is_zh = name == "zh" or name.startswith("zh.")
        if seen_zh and not is_zh:
            raise CheckTextError(f"{origin}: [{name}] follows [zh]; [zh] closes the header")
        seen_zh = seen_zh or is_zh


@dataclass(frozen=True)
class CheckText:
    """What a check says to a reader in one language (``"en"`` or ``"zh"``)."""

    lang: str
    title: str
    description: str
    basis: str
    finding: str
    amount_label: str
    family: str
    severity: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)
    tests: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    fallback_columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column: {English: 中文}

    def param_label(self, name: str) -> str:
        return self.params.get(name, (name, ""))[0]

    def param_help(self, name: str) -> str:
        return self.params.get(name, ("", ""))[1]

    def test_title(self, name: str) -> str:
        return self.tests.get(name, name)

    def column_label(self, column: str) -> str:
        """The label of result column ``column``: the check's own, else the glossary's shared
        one (Chinese), else the English label (a column no one has named in Chinese)."""
        return (
            self.columns.get(column)
            or self.fallback_columns.get(column)
            or self._english_column(column)
        )

    def value_label(self, column: str, value: object) -> object:
        """A value of result column ``column`` in this language: the Chinese of a coded value
        or of a sentence the check writes; any other value (a number, an id) as it is."""
        table = self.values.get(column)
        if not table or not isinstance(value, str):
            return value
        return translate_value(table, value)

    def has_column_label(self, column: str) -> bool:
        """Whether ``column`` has a label in this language (English always has one)."""
        return self.lang == "en" or column in self.columns or column in self.fallback_columns

    def _english_column(self, column: str) -> str:
        from auditor.engine.labels import readable

        return readable(column)


def english_finding(spec: CheckSpec) -> str:
    rows = spec.finding.rows
    if rows == "all":
        return "Every row is a finding"
    if rows == "none":
        return "A measure: no row is a finding"
    return f"A row is a finding when {rows} is true"


def family_word(family: str, lang: str) -> str:
    from auditor.engine.checks import FAMILIES

    if lang == "zh" and family in FAMILY_TERMS:
        return glossary().zh(FAMILY_TERMS[family])
    return FAMILIES.get(family, family)


def severity_word(severity: str, lang: str) -> str:
    return glossary().zh(severity) if lang == "zh" else severity


def check_text(spec: CheckSpec, lang: str) -> CheckText:
    """The check's words in ``lang`` ("en" or "zh"); a check without ``[zh]`` (a custom
    query) reads in English with Chinese family and severity words."""
    if lang not in LANGS:
        raise CheckTextError(f"language {lang!r} is not one of {', '.join(LANGS)}")
    from auditor.engine.runner import BASE_PARAMS  # the runner imports the check loader

    gates = {t.gate: t for t in spec.tests}
    en_params = {n: (p.label, p.help) for n, p in BASE_PARAMS.items()}
    en_params.update({p.name: (p.label, p.help) for p in spec.params})
    en_columns = {c: spec.labels.column(c) for c in spec.labels.columns}
    english = CheckText(
        lang="en",
        title=spec.title,
        description=spec.description,
        basis=spec.basis,
        finding=english_finding(spec),
        amount_label=spec.labels.amount,
        family=family_word(spec.family, "en"),
        severity=spec.severity,
        params={
            **en_params,
            **{g: (f"Run: {t.title}", "Off leaves this test's rows out") for g, t in gates.items()},
        },
        tests={t.name: t.title for t in spec.tests},
        columns=en_columns,
    )
    if lang == "en":
        return english
    zh = spec.zh
    shared = glossary().columns
    if zh is None:
        return CheckText(
            **{
                **english.__dict__,
                "params": {**english.params, **BASE_PARAMS_ZH},
                "lang": "zh",
                "family": family_word(spec.family, "zh"),
                "severity": severity_word(spec.severity, "zh"),
                "fallback_columns": shared,
                "values": glossary().values,
            }
        )
    tests = dict(zh.tests)
    params = {**BASE_PARAMS_ZH, **zh.params}
    for gate, test in gates.items():
        params[gate] = (f"运行：{tests[test.name]}", "关闭则不列出本项测试的结果")
    return CheckText(
        lang="zh",
        title=zh.title,
        description=zh.description,
        basis=zh.basis,
        finding=zh.finding,
        amount_label=zh.amount,
        family=family_word(spec.family, "zh"),
        severity=severity_word(spec.severity, "zh"),
        params=params,
        tests=tests,
        columns=dict(zh.columns),
        fallback_columns=shared,
        values={
            c: {**glossary().values.get(c, {}), **zh.values.get(c, {})}
            for c in {*glossary().values, *zh.values}
        },
    )
