"""Why a check did not run, and what a run left out, as facts a language renders.

The runner records each note as a ``RunNote`` (a kind and what it names: missing inputs, a
skipped test, a table or column); ``notes_text`` writes them in English or Chinese from one
table per language. The English sentence is the run's ``reason`` as it always was; the desktop
and the report ask for the same facts in their language instead of rewording English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.engine.check_text import check_text
from auditor.engine.checks import CheckSpec
from auditor.engine.coverage import CheckCoverage, Lack, TestCoverage
from auditor.engine.notices import NOTICES_BY_SENT

# One table per language; each kind of note is one entry.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "needs": "needs {lacks}",
        "needs_one_of": "needs {alternatives}",
        "alternative": "{lacks} ({title})",
        "or": " or ",
        "needs_base": "needs loans and installments",
        "skipped": "skipped: {title} (needs {lacks})",
        "no_export": "no {name} export imported: read as none",
        "unfilled": "{name} is not in the export: read as empty",
        "notices_by_sent": NOTICES_BY_SENT,
        "cancelled": "cancelled by the user",
        "empty_table": "{table} (empty)",
        "period_reversed": "the review period starts ({from_date}) after its as-of date ({as_of})",
        "period_far": "the {name} {value} is far outside the data (the data runs from {first} "
        "to {last}); choose a date between {low} and {high}",
        "as_of": "as-of date",
        "from_date": "period start",
        "list": ", ",
        "separator": "; ",
    },
    "zh": {
        "needs": "缺少 {lacks}",
        "needs_one_of": "缺少 {alternatives}",
        "alternative": "{lacks}（{title}）",
        "or": "，或 ",
        "needs_base": "缺少 loans 和 installments 数据",
        "skipped": "已跳过：{title}（缺少 {lacks}）",
        "no_export": "未导入 {name} 数据：按无记录处理",
        "unfilled": "导出数据中没有 {name}：按空值处理",
        "notices_by_sent": "通知导出数据没有送达时间：通知以发送时间（sent_at）计，而非送达时间",
        "cancelled": "已由用户取消",
        "empty_table": "{table}（无记录）",
        "period_reversed": "检查期间的起始日（{from_date}）晚于基准日（{as_of}）",
        "period_far": "{name} {value} 远在数据范围之外（数据起止：{first} 至 {last}）；"
        "请选择 {low} 至 {high} 之间的日期",
        "as_of": "基准日",
        "from_date": "检查期间起始日",
        "list": "、",
        "separator": "；",
    },
}


@dataclass(frozen=True)
class RunNote:
    """One thing a run says: ``kind`` is a key of ``TEXT``; ``lacks`` the inputs it misses;
    ``tests`` the tests it names (a skipped test, or the alternatives of which none can run);
    ``name`` a table or ``table.column``; ``facts`` the values a sentence names (a period's
    dates)."""

    kind: str
    lacks: tuple[Lack, ...] = ()
    tests: tuple[TestCoverage, ...] = ()
    name: str = ""
    facts: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.lacks:
            out["lacks"] = [_lack_dict(x) for x in self.lacks]
        if self.tests:
            out["tests"] = [
                {"name": t.name, "title": t.title, "lacks": [_lack_dict(x) for x in t.lacks]}
                for t in self.tests
            ]
        if self.name:
            out["name"] = self.name
        if self.facts:
            out["facts"] = dict(self.facts)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RunNote:
        """A note as the audit log keeps it (``as_dict``)."""
        tests = tuple(
            TestCoverage(str(t["name"]), str(t["title"]), _lacks(t.get("lacks", ())))
            for t in d.get("tests", ())
        )
        facts = tuple((str(k), str(v)) for k, v in dict(d.get("facts", {})).items())
        return cls(str(d["kind"]), _lacks(d.get("lacks", ())), tests, str(d.get("name", "")), facts)


def _lack_dict(lack: Lack) -> dict[str, Any]:
    return {"table": lack.table, "column": lack.column, "empty": lack.empty}


def _lacks(items: Iterable[Mapping[str, Any]]) -> tuple[Lack, ...]:
    return tuple(Lack(str(x["table"]), x.get("column"), bool(x.get("empty", False))) for x in items)


def notes_from_dicts(items: object) -> tuple[RunNote, ...]:
    """Notes read back from a logged run; anything malformed is left out (the run's English
    reason is still there to show)."""
    if not isinstance(items, list):
        return ()
    out = []
    for d in items:
        try:
            out.append(RunNote.from_dict(d))
        except (KeyError, TypeError, AttributeError):
            return ()
    return tuple(out)


def reason_notes(coverage: CheckCoverage) -> tuple[RunNote, ...]:
    """Why the check cannot run (its coverage's ``reason``), as notes; empty when it can."""
    if coverage.lacks:
        return (RunNote("needs", lacks=coverage.lacks),)
    if coverage.can_run:
        return ()
    return (RunNote("needs_one_of", tests=coverage.tests),)


def coverage_notes(coverage: CheckCoverage) -> list[RunNote]:
    """What a run that can go ahead leaves out (its coverage's ``notes``), as notes."""
    notes = [RunNote("skipped", tests=(t,)) for t in coverage.skipped]
    notes += [RunNote("unfilled", name=col) for col in coverage.unfilled_optional]
    return notes


def words(lang: str) -> dict[str, str]:
    return TEXT.get(lang, TEXT["en"])


def _lack_text(lack: Lack, w: Mapping[str, str]) -> str:
    if lack.column:
        return f"{lack.table}.{lack.column}"
    return w["empty_table"].format(table=lack.table) if lack.empty else lack.table


def lacks_text(lacks: Iterable[Lack], lang: str) -> str:
    """Missing inputs as a list in ``lang``: ``loans.channel, charges (empty)`` or
    ``loans.channel、charges（无记录）``."""
    return _listed(lacks, words(lang))


def _listed(lacks: Iterable[Lack], w: Mapping[str, str]) -> str:
    return w["list"].join(_lack_text(x, w) for x in lacks)


def note_text(note: RunNote, lang: str, check: CheckSpec | None = None) -> str:
    """One note in ``lang``; a test is named by its title in that language."""
    w = words(lang)
    texts = check_text(check, lang) if check is not None and lang != "en" else None

    def title(t: TestCoverage) -> str:
        return texts.test_title(t.name) if texts is not None else t.title

    if note.kind == "needs":
        return w["needs"].format(lacks=_listed(note.lacks, w))
    if note.kind == "needs_one_of":
        alternatives = w["or"].join(
            w["alternative"].format(lacks=_listed(t.lacks, w), title=title(t)) for t in note.tests
        )
        return w["needs_one_of"].format(alternatives=alternatives)
    if note.kind == "skipped":
        t = note.tests[0]
        return w["skipped"].format(title=title(t), lacks=_listed(t.lacks, w))
    if note.kind in ("no_export", "unfilled"):
        return w[note.kind].format(name=note.name)
    if note.kind == "period_far":
        facts = dict(note.facts)
        return w["period_far"].format(**{**facts, "name": w[facts["name"]]})
    if note.facts:
        return w[note.kind].format(**dict(note.facts))
    return w[note.kind]


def notes_text(notes: Sequence[RunNote], lang: str, check: CheckSpec | None = None) -> str:
    """The notes of a run as one line in ``lang`` (empty when there are none)."""
    return words(lang)["separator"].join(note_text(n, lang, check) for n in notes)
