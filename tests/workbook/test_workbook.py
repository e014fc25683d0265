"""Workbook files: exact round trip, precise errors, atomic save, untrusted SQL refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.case.store import Case
from auditor.engine.checks import ChartSpec
from auditor.engine.params import ParamSpec
from auditor.engine.runner import Session
from auditor.workbook.document import (
    CustomQuery,
    Disposition,
    SourceRef,
    Workbook,
    WorkbookError,
    custom_check,
    open_workbook,
    parse,
    save,
    to_toml,
)
from tests.conftest import case_from_csv

text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40
)
ident = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,10}", fullmatch=True)
check_ids = st.sampled_from(["DLQ-01", "DLQ-06", "OUT-07", "OUT-11", "DSC-04", "DQ-03"])


@st.composite
def queries(draw: st.DrawFn) -> list[CustomQuery]:
    out = []
    for i in range(draw(st.integers(0, 3))):
        names = draw(st.lists(ident, max_size=3, unique=True))
        params = tuple(
            ParamSpec(n, "decimal", draw(st.sampled_from(["0", "1.5", "100"])), draw(text))
            for n in names
        )
        where = " AND ".join(f"contract_principal > ${n}" for n in names) or "TRUE"
        chart = draw(
            st.none()
            | st.just(ChartSpec("bar", "loan_id", ("contract_principal",), title="t"))
            | st.just(ChartSpec("line", "x", ("a", "b"), series="s"))
        )
        sql = f"SELECT loan_id, contract_principal FROM loans WHERE {where}"
        out.append(CustomQuery(f"CQ-{i + 1:02d}", draw(text), sql, params, chart, draw(text)))
    return out


# A source's mapping is a mapping profile (TOML): the workbook refuses one that does not parse.
mappings = st.builds(
    lambda table, region, name: (
        f'table = "{table}"\nname = "{name}"\n[columns]\n'
        + (
            f"{'region' if table == 'loans' else 'reported_status'} = {{ expr = {region!r} }}\n"
            if region
            else ""
        )
    ),
    st.sampled_from(["loans", "installments"]),
    st.sampled_from(["", 'upper("地区")', "coalesce(a, 'x') || '\r\n'"]),
    ident,
) | st.just("")

workbooks = st.builds(
    Workbook,
    title=text,
    platform=text,
    examiner=text,
    profile=st.sampled_from(["CN", "US", "UK"]),
    as_of=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    from_date=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    checks=st.lists(check_ids, unique=True),
    params=st.dictionaries(ident, text, max_size=3),
    check_params=st.dictionaries(check_ids, st.dictionaries(ident, text, max_size=2), max_size=2),
    notes=st.dictionaries(check_ids, text, max_size=3),
    dispositions=st.lists(
        st.builds(Disposition, check_ids, text, st.sampled_from(["confirmed", "dismissed"]), text),
        max_size=3,
    ),
    custom_queries=queries(),
    sources=st.lists(
        st.builds(
            SourceRef,
            text,
            st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
            st.sampled_from(["loans", "payments"]),
            mappings,
        ),
        max_size=3,
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks)
def test_saving_then_opening_gives_back_exactly_what_was_saved(wb: Workbook) -> None:
    opened = parse(to_toml(wb), "<memory>")
    assert opened.workbook == wb
    assert opened.warnings == ()


def test_save_is_atomic_and_reopens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "q.auditwb"
    first = Workbook(title="first", checks=["DLQ-01"])
    save(first, path)
    assert open_workbook(path).workbook == first

    def broken(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(WorkbookError, match="No space left"):
        save(Workbook(title="second"), path)
    monkeypatch.undo()
    assert open_workbook(path).workbook == first  # the earlier file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.auditwb"]  # no temp file left


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('format = "lending-auditor-workbook"\nversion = 1\ntitle = "a\n', "line 3, column 11"),
        ('format = "lending-auditor-workbook"\nversion = 2\n', "version 2; this release reads"),
        ('format = "something-else"\nversion = 1\n', "not a Lending Auditor workbook"),
        ('format = "lending-auditor-workbook"\nversion = 1\nchecks = "DLQ-01"\n',
         "checks must be a list"),
        ('format = "lending-auditor-workbook"\nversion = 1\nas_of = "next Tuesday"\n',
         "as_of 'next Tuesday' is not a date"),
        ('format = "lending-auditor-workbook"\nversion = 1\n[[dispositions]]\ncheck = "X"\n'
         'status = "maybe"\n', "dispositions[0].status must be confirmed or dismissed"),
    ],
)  # fmt: skip
def test_malformed_workbooks_are_explained(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.auditwb"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(WorkbookError) as err:
        open_workbook(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_unknown_checks_and_bad_queries_are_listed_and_skipped() -> None:
    wb = Workbook(
        checks=["DLQ-01", "ZZ-99", "OUT-07"],
        check_params={"ZZ-99": {"x": "1"}},
        custom_queries=[
            CustomQuery("CQ-01", "fine", "SELECT 1 AS one"),
            CustomQuery("CQ-02", "mismatch", "SELECT $a AS a"),
        ],
    )
    opened = parse(to_toml(wb), "wb", known_checks={"DLQ-01", "OUT-07"})
    assert opened.workbook.checks == ["DLQ-01", "OUT-07"]
    assert opened.workbook.check_params == {}
    assert [q.id for q in opened.workbook.custom_queries] == ["CQ-01"]
    assert any("ZZ-99" in w for w in opened.warnings)
    assert any("CQ-02" in w and "['a']" in w for w in opened.warnings)


MALICIOUS = """format = "lending-auditor-workbook"
version = 1
title = "Looks harmless"

[[custom_queries]]
id = "CQ-01"
name = "Read a local file"
sql = "SELECT * FROM read_csv('{secret}')"

[[custom_queries]]
id = "CQ-02"
name = "Write a file"
sql = "COPY (SELECT * FROM loans) TO '{stolen}'"

[[custom_queries]]
id = "CQ-03"
name = "Read it as text"
sql = "SELECT content FROM read_text('{secret}')"

[[custom_queries]]
id = "CQ-04"
name = "Attach another database"
sql = "ATTACH '{other}' AS other"
"""


def test_a_malicious_workbook_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    stolen, other = tmp_path / "stolen.csv", tmp_path / "other.duckdb"
    wb_path = tmp_path / "evil.auditwb"
    wb_path.write_text(
        MALICIOUS.format(secret=secret, stolen=stolen, other=other), encoding="utf-8"
    )
    opened = open_workbook(wb_path)
    # Writing and attaching are not SELECTs: refused when the workbook opens, with the reason.
    assert [q.id for q in opened.workbook.custom_queries] == ["CQ-01", "CQ-03"]
    refused = "\n".join(opened.warnings)
    assert "CQ-02" in refused and "CQ-04" in refused and "SELECT" in refused
    # Reading a local file is a SELECT: it runs under the sandbox, which refuses the file.
    case_path = tmp_path / "c.duckdb"
    case_from_csv(case_path, {"loans": "loan_id,borrower_id,disbursed_at,contract_principal\n"
                                       "L1,B1,2024-01-01,100\n"}).close()  # fmt: skip
    before = case_path.read_bytes()
    with Case.open(case_path) as case:
        session = Session(case)
        runs = [session.run(custom_check(q)) for q in opened.workbook.custom_queries]
        tables = case.tables()
    assert [r.status for r in runs] == ["error", "error"]
    for r in runs:
        assert "disabled" in r.reason.lower() and "hunter2" not in r.reason
    assert not stolen.exists() and not other.exists()
    assert secret.read_text(encoding="utf-8") == "password\nhunter2\n"
    assert tables == ["loans"]
    assert len(before) > 0


def test_custom_queries_run_as_checks_with_their_parameters(tmp_path: Path) -> None:
    case_path = tmp_path / "c.duckdb"
    case_from_csv(case_path, {"loans": "loan_id,borrower_id,disbursed_at,contract_principal\n"
                                       "L1,B1,2024-01-01,100\nL2,B2,2024-01-02,900\n"}).close()  # fmt: skip
    q = CustomQuery(
        "CQ-01", "Large loans",
        "SELECT loan_id FROM loans WHERE contract_principal > $floor ORDER BY loan_id",
        (ParamSpec("floor", "decimal", "500", "Floor"),),
    )  # fmt: skip
    with Case.open(case_path) as case:
        run = Session(case).run(custom_check(q))
        assert run.status == "info" and run.row_count == 1
        run = Session(case, overrides={"floor": "50"}).run(custom_check(q))
        assert run.row_count == 2 and run.params["floor"]["source"] == "override"


@pytest.mark.parametrize(
    ("qid", "why"),
    [
        ("DQ-01", "taken by a check"),
        ("dq_01", "taken by a check"),
        ("Summary", "report sheet"),
        ("Q" * 25, "at most 24 characters"),
    ],
)
def test_custom_query_ids_that_clash_or_are_too_long_are_refused(qid: str, why: str) -> None:
    text = f'''format = "lending-auditor-workbook"
version = 1
[[custom_queries]]
id = "{qid}"
sql = "SELECT 1 AS one"
'''
    opened = parse(text, "wb.auditwb", {"DQ-01", "DLQ-02"})
    assert opened.workbook.custom_queries == []
    assert any(why in w for w in opened.warnings), opened.warnings
