"""Mapping profiles that fit real files: a row filter whose excluded rows are counted and shown,
a bad value inside an expression that rejects its row (not the file), DuckDB's errors in one line
naming the column and the profile key, and a refusal that says which headers matched which
table. Every unmapped source column is kept beside its row."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.errors import ImportFailed, MappingError
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile
from tests.ingest.helpers import parts, rejects, write

LISTINGS = (
    "ListingId,用户ID,借款成功日期,借款金额,状态,days\n"
    "100,U1,2017-02-22,3000,已放款,31\n"
    "101,U2,2017-03-01,5000,流标,\n"
    "102,U3,2017-03-01,5000,已放款,x\n"
    "103,U4,2017-03-02,7000,,5\n"
)


def test_a_row_filter_excludes_rows_counted_and_shown_not_rejected(
    case: Case, tmp_path: Path
) -> None:
    """Rows 3 (流标) and 5 (no status) are not funded: 5 records = 1 header + 2 filtered + 2
    loaded, nothing rejected, and the excluded rows are on record with their values."""
    f = write(tmp_path / "l.csv", LISTINGS)
    profile = parse_profile('table = "loans"\nwhere = "\\"状态\\" = \'已放款\'"\n')
    r = import_file(case, f, mapping=profile)
    assert parts(r) == (5, 0, 1, 0, 0, 2, 2, 0)
    assert rejects(case) == []
    shown = case.conn.execute(
        "SELECT source_row, text FROM audit.skipped_rows WHERE kind = 'filtered' ORDER BY 1"
    ).fetchall()
    assert [s[0] for s in shown] == [3, 5] and "流标" in shown[0][1]
    assert r.mapping.where == "\"状态\" = '已放款'"


def test_the_filter_is_untrusted_text_too(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="subqueries are not allowed"):
        parse_profile("where = \"(SELECT count(*) FROM read_text('/etc/passwd')) > 0\"\n")
    with pytest.raises(MappingError, match=r"not a valid expression|must be one expression"):
        parse_profile("where = \"1; COPY x TO '/tmp/y'\"\n")


def test_a_bad_value_in_the_filter_rejects_that_row(case: Case, tmp_path: Path) -> None:
    """CAST(days AS INTEGER) > 10 fails on 'x' (row 4): that row is rejected with DuckDB's
    reason; row 3 (no days) is filtered, rows 2 and 5 are judged by the filter."""
    f = write(tmp_path / "l.csv", LISTINGS)
    profile = parse_profile('table = "loans"\nwhere = "CAST(days AS INTEGER) > 10"\n')
    r = import_file(case, f, mapping=profile)
    assert parts(r) == (5, 0, 1, 0, 0, 2, 1, 1)
    (rej,) = [x for x in rejects(case)]
    assert rej[0] == 4 and rej[1] == "where" and "'x'" in rej[2]


def test_duckdb_errors_become_one_line_naming_the_key(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "l.csv", LISTINGS)
    profile = parse_profile('table = "loans"\n[columns]\nterm_periods = { expr = "nosuch + 1" }\n')
    with pytest.raises(MappingError) as e:
        import_file(case, f, mapping=profile)
    msg = str(e.value)
    assert "columns.term_periods" in msg and "nosuch" in msg and "\n" not in msg
    assert "LINE 1" not in msg
    bad_where = parse_profile('table = "loans"\nwhere = "nosuch = 1"\n')
    with pytest.raises(MappingError, match=r"the mapping's where is not a valid expression"):
        import_file(case, f, mapping=bad_where)


def test_when_no_table_fits_the_message_says_what_matched_where(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "x.csv", "借据号,借款金额,期数,colour\nL1,100,3,red\n")
    with pytest.raises(ImportFailed) as e:
        import_file(case, f)
    msg = str(e.value)
    assert "loans matched 借据号→loan_id, 借款金额→contract_principal" in msg
    assert "lacks borrower_id, disbursed_at" in msg
    assert "installments matched 借据号→loan_id, 期数→inst_no" in msg
    assert "\n" not in msg


def test_aliases_depend_on_the_target_table(case: Case, tmp_path: Path) -> None:
    """期数 is the number of periods in a loans file and the installment number in a schedule;
    到手金额 is the amount received."""
    loans = write(
        tmp_path / "l.csv",
        "借据号,客户号,放款日期,借款金额,到手金额,期数\nL1,B1,2024-01-01,1000,980,12\n",
    )
    import_file(case, loans)
    assert case.conn.execute("SELECT disbursed_amount, term_periods FROM loans").fetchall() == [
        (980, 12)
    ]
    sched = write(tmp_path / "s.csv", "借据号,期数,应还日期,应还本金\nL1,3,2024-04-01,100\n")
    r = import_file(case, sched)
    assert r.table == "installments"
    assert case.conn.execute("SELECT inst_no FROM installments").fetchall() == [(3,)]


def test_unmapped_columns_are_kept_queryable_beside_their_rows(case: Case, tmp_path: Path) -> None:
    """A PPDai-style listing file: the columns no loans column takes stay in unmapped.loans_1,
    keyed by source, row and loan_id, typed where lossless."""
    f = write(
        tmp_path / "lc.csv",
        "ListingId,借款金额,借款期限,借款利率,借款成功日期,初始评级,借款类型,是否首标,年龄,性别,用户ID\n"
        "126541,18000,12,18,2015-05-04,C,其他,否,35,男,U1\n"
        "133291,9453,12,20,2015-03-16,D,普通,否,34,男,U2\n",
    )
    r = import_file(case, f)
    assert r.unmapped == ("初始评级", "借款类型", "是否首标", "年龄", "性别")
    assert r.side_table == "unmapped.loans_1"
    joined = case.conn.execute(
        'SELECT l.loan_id, u."初始评级", u."年龄", u.source_row FROM loans l '
        "JOIN unmapped.loans_1 u USING (loan_id) ORDER BY 1"
    ).fetchall()
    assert joined == [("126541", "C", 35, 2), ("133291", "D", 34, 3)]
    kept = case.conn.execute(
        "SELECT source_column, kept_in FROM audit.source_columns WHERE kept_in IS NOT NULL "
        "ORDER BY position"
    ).fetchall()
    assert kept[0] == ("初始评级", "unmapped.loans_1.初始评级") and len(kept) == 5
