"""Every check of the library speaks Chinese: each field, each parameter, each test, each result
column; and its Chinese uses the glossary's terms.

The result columns are read from a real run of every check on the tiny platform of
``tests.coverage.partial`` (every table a check reads, every column filled), compared with a
copy of itself so the history checks run too."""

from __future__ import annotations

import re
import shutil
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.check_text import CheckText, check_text
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.runner import Session
from auditor.glossary import glossary
from tests.coverage import partial

LIBRARY = load_library()
CJK = re.compile(r"[\u4e00-\u9fff]")


def _zh_texts(text: CheckText) -> list[str]:
    return [
        text.title,
        text.description,
        text.basis,
        text.finding,
        text.amount_label,
        *(label + help_ for label, help_ in text.params.values()),
        *text.tests.values(),
        *text.columns.values(),
    ]


@pytest.mark.parametrize("spec", LIBRARY, ids=lambda s: s.id)
def test_every_check_has_each_chinese_field(spec: CheckSpec) -> None:
    assert spec.zh is not None, f"{spec.origin} has no [zh] table"
    zh = check_text(spec, "zh")
    for name, value in [
        ("title", zh.title),
        ("description", zh.description),
        ("basis", zh.basis),
        ("finding", zh.finding),
    ]:
        assert CJK.search(value), (spec.id, name, value)
    assert bool(zh.amount_label) == bool(spec.labels.amount), spec.id
    for p in spec.params:
        assert CJK.search(zh.param_label(p.name)), (spec.id, p.name)
        assert bool(zh.param_help(p.name)) == bool(p.help), (spec.id, p.name)
    for t in spec.tests:
        assert CJK.search(zh.test_title(t.name)), (spec.id, t.name)
        assert zh.param_label(t.gate).endswith(zh.test_title(t.name))
    # The citations stay: every [C]/[P]/[U] mark of the English basis is in the Chinese one.
    marks = re.findall(r"\[(?:C|P|U|C/P)\]", spec.basis)
    assert sorted(marks) == sorted(re.findall(r"\[(?:C|P|U|C/P)\]", zh.basis)), spec.id


@pytest.fixture(scope="module")
def tiny_results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The result columns and rows of every check, from a run on the tiny platform."""
    folder = tmp_path_factory.mktemp("zh_columns")
    path = partial.build(folder / "tiny.duckdb")
    older = folder / "older.duckdb"
    shutil.copyfile(path, older)
    from auditor.results.compare import compare_cases

    with Case.open(path) as case:
        compare_cases(case.conn, older, str(path))
        session = Session(case, as_of=partial.AS_OF)
        runs = session.run_many(LIBRARY)
        out = {}
        for run in runs:
            assert run.status not in ("not_run", "error"), (run.check.id, run.reason)
            rel = session.relation(run)
            out[run.check.id] = (list(rel.columns), rel.fetchall())
    return out


@pytest.fixture(scope="module")
def result_columns(
    tiny_results: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
) -> dict[str, list[str]]:
    return {k: cols for k, (cols, _rows) in tiny_results.items()}


def test_every_result_column_of_every_check_has_a_chinese_label(
    result_columns: dict[str, list[str]],
) -> None:
    assert set(result_columns) == {s.id for s in LIBRARY}
    missing = {}
    for spec in LIBRARY:
        zh = check_text(spec, "zh")
        lacking = [c for c in result_columns[spec.id] if not zh.has_column_label(c)]
        if lacking:
            missing[spec.id] = lacking
        # A label a check declares names a column it returns (no stale labels).
        assert set(spec.zh.columns if spec.zh else {}) <= set(result_columns[spec.id]), spec.id
    assert not missing, f"result columns with no Chinese label: {missing}"


def test_the_checks_chinese_never_uses_a_rendering_the_glossary_avoids() -> None:
    found = []
    for spec in LIBRARY:
        for text in _zh_texts(check_text(spec, "zh")):
            found += [(spec.id, t.en, a) for t in glossary().terms for a in t.avoid if a in text]
    assert not found


# English terms whose Chinese a check must use whenever its English title or description does.
STRICT = [
    "annualised rate",
    "penalty interest",
    "credit bureau",
    "review period",
    "remedy window",
    "harm chain",
    "days past due",
    "refund due",
    "outstanding principal",
    "contract principal",
    "funding source",
    "failed-payment fee",
    "incident buffer",
]


@pytest.mark.parametrize("term", STRICT)
def test_a_term_the_english_uses_reads_as_the_glossarys_chinese(term: str) -> None:
    zh_term = glossary().zh(term)
    lacking = []
    for spec in LIBRARY:
        english = f"{spec.title} {spec.description}".lower()
        if re.search(rf"\b{re.escape(term.lower())}\b", english):
            zh = check_text(spec, "zh")
            if zh_term not in zh.title + zh.description:
                lacking.append(spec.id)
    assert not lacking, f"{term!r} is not {zh_term!r} in the Chinese of {lacking}"


# A bucket (B1), an incident id, a column name or a platform's own code (app): the same in
# Chinese; a sentence a check writes never looks like one.
CODE = re.compile(r"[A-Z]{1,3}-?\d+|[a-z][a-z0-9_]*")


def test_every_value_a_check_writes_in_a_translated_column_reads_in_chinese(
    tiny_results: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
) -> None:
    """The tiny platform plants a problem of most kinds: each value it brings out in a column
    that has Chinese values (the check's own or the glossary's) has its Chinese, unless it is
    a code."""
    untranslated = set()
    seen = 0
    for spec in LIBRARY:
        zh = check_text(spec, "zh")
        columns, rows = tiny_results[spec.id]
        for i, column in enumerate(columns):
            if column not in zh.values:
                continue
            for value in {r[i] for r in rows if isinstance(r[i], str)}:
                seen += 1
                shown = zh.value_label(column, value)
                if shown == value and not CODE.fullmatch(value):
                    untranslated.add((spec.id, column, value))
    assert seen > 40 and not untranslated


def test_each_value_a_check_translates_is_one_its_sql_writes() -> None:
    stale = []
    for spec in LIBRARY:
        for column, table in (spec.zh.values if spec.zh else {}).items():
            for key in table:
                parts = [p for p in key.split("{}") if p]
                if not all(p in spec.sql for p in parts):
                    stale.append((spec.id, column, key))
    assert not stale
