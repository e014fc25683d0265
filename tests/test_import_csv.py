"""Import of delimited files: typed conversion, rejects with their reasons, all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.case import auditlog
from auditor.case.info import reject_rows
from auditor.case.store import Case
from auditor.errors import ImportFailed, MappingError
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile
from tests.conftest import write

INSTALLMENTS = (
    "借呗还款计划导出,,,,\n"
    "导出时间：2024-07-01,,,,\n"
    "借据号,期数,应还日期,应还本金,应还利息\n"
    "L1,1,2024/1/2,100.00,5\n"  # line 4
    'L1,2,20240202,"1,100",\\N\n'  # line 5: yyyymmdd, thousands separator, \N null
    "L2,1,2024-01-05,-3,1\n"  # line 6: negative amount
    "L3,1,notadate,50,1\n"  # line 7: bad date
    "L1,1,2024/1/2,100,5\n"  # line 8: duplicate key of line 4
    "L4,1,2024/1/9,50\n"  # line 9: ragged
    "L5,1,45300,60,NA\n"  # line 10: Excel serial date, NA null
    "L6,1,2024年3月1日,70,-\n"  # line 11: Chinese date, '-' null
    ",1,2024/3/1,70,1\n"  # line 12: required loan id missing
    "L7,2.5,2024/3/1,70,1\n"  # line 13: installment number not whole
)


def test_rows_are_loaded_or_rejected_with_row_column_and_reason(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "inst.csv", INSTALLMENTS, "gb18030")
    r = import_file(case, f)
    assert (r.table, r.encoding, r.rows_read, r.rows_loaded, r.rows_rejected) == (
        "installments",
        "gb18030",
        10,
        4,
        6,
    )
    rejects = {
        (x["source_row"], x["column"], x["value"], x["reason"].split(":")[0])
        for x in reject_rows(case)
    }
    assert rejects == {
        (6, "principal_due", "-3", "negative value"),
        (7, "due_date", "notadate", "not a date"),
        (8, "loan_id, inst_no", "loan_id=L1, inst_no=1", "duplicate key"),
        (9, "应还利息", "L4,1,2024/1/9,50", "malformed record, too few fields (ragged row)"),
        (12, "loan_id", None, "required value missing"),
        (13, "inst_no", "2.5", "not a whole number"),
    }
    dup = next(x for x in reject_rows(case) if x["source_row"] == 8)
    assert dup["reason"] == "duplicate key: same as row 4"
    rows = case.conn.execute(
        "SELECT loan_id, inst_no, due_date, principal_due, interest_due FROM installments "
        "ORDER BY loan_id, inst_no"
    ).fetchall()
    assert rows == [
        ("L1", 1, date(2024, 1, 2), Decimal("100.00"), Decimal("5.00")),
        ("L1", 2, date(2024, 2, 2), Decimal("1100.00"), None),
        ("L5", 1, date(2024, 1, 9), Decimal("60.00"), None),
        ("L6", 1, date(2024, 3, 1), Decimal("70.00"), None),
    ]


def test_source_is_recorded_with_fingerprint_and_left_untouched(case: Case, tmp_path: Path) -> None:
    import hashlib

    f = write(tmp_path / "inst.csv", INSTALLMENTS, "gb18030")
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    r = import_file(case, f)
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before
    src = case.sources()[0]
    assert src.sha256 == hashlib.sha256(before[0]).hexdigest() == r.sha256
    assert (src.rows_read, src.rows_loaded, src.rows_rejected) == (10, 4, 6)
    assert src.size_bytes == len(before[0])
    entry = auditlog.entries(case.conn)[-1]
    assert entry.action == "import" and entry.detail["sha256"] == r.sha256


def test_second_import_of_the_same_rows_rejects_them_as_already_in_the_case(
    case: Case, tmp_path: Path
) -> None:
    f = write(tmp_path / "inst.csv", INSTALLMENTS, "gb18030")
    import_file(case, f)
    # Loading nothing from a non-empty file is an error unless asked for.
    with pytest.raises(ImportFailed, match=r"nothing loaded: 13 records = 2 title \+ 1 header"):
        import_file(case, f)
    assert len(case.sources()) == 1
    r = import_file(case, f, allow_empty=True)
    assert r.rows_loaded == 0 and r.rows_rejected == 10
    already = [x for x in reject_rows(case, source_id=2) if "already in the case" in x["reason"]]
    assert len(already) == 4
    assert case.row_count("installments") == 4


def test_missing_required_columns_stop_the_import_naming_them(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "loans.csv", "借据号,客户号,借款金额\nL1,C1,100\n")
    with pytest.raises(ImportFailed) as e:
        import_file(case, f, table="loans")
    msg = str(e.value)
    assert "loans.csv" in msg and "disbursed_at" in msg and "借据号, 客户号, 借款金额" in msg
    assert case.tables() == [] and case.sources() == []


def test_unknown_headers_say_what_was_found(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "odd.csv", "colour,shape\nred,round\n")
    with pytest.raises(ImportFailed, match=r"odd\.csv.*fit no canonical table.*colour, shape"):
        import_file(case, f)


LOANS = (
    "ListingId,用户ID,借款成功日期,借款金额,借款利率,借款期限,days,资金来源\n"
    "100,U1,2017/2/22,3000,18,12,31,自营\n"
    "101,U2,2017/3/1,5000,20.5,6,,联合贷\n"
    "102,U3,2017/3/1,5000,20.5,6,x,ABS\n"
)


def test_mapping_profile_maps_headers_and_defines_columns_by_expression(
    case: Case, tmp_path: Path
) -> None:
    profile = parse_profile(
        'table = "loans"\n'
        "[columns]\n"
        'contract_rate_annual = { expr = "TRY_CAST(\\"借款利率\\" AS DOUBLE) / 100" }\n'
        'closed_at = { expr = "CAST(\\"借款成功日期\\" AS DATE) + TRY_CAST(days AS INTEGER)" }\n'
    )
    f = write(
        tmp_path / "lc.csv",
        LOANS.replace("2017/2/22", "2017-02-22").replace("2017/3/1", "2017-03-01"),
    )
    r = import_file(case, f, mapping=profile)
    assert (r.rows_loaded, r.rows_rejected) == (3, 0)
    rows = case.conn.execute(
        "SELECT loan_id, borrower_id, disbursed_at, contract_principal, contract_rate_annual, "
        "term_periods, closed_at, funding_source FROM loans ORDER BY loan_id"
    ).fetchall()
    assert rows[0] == (
        "100",
        "U1",
        datetime(2017, 2, 22),
        Decimal("3000.00"),
        0.18,
        12,
        date(2017, 3, 25),
        "own",
    )
    assert (
        rows[1][4] == pytest.approx(0.205) and rows[1][6] is None and rows[1][7] == "bank_partner"
    )
    assert rows[2][7] == "abs"
    saved = case.conn.execute("SELECT mapping FROM audit.sources").fetchall()[0][0]
    again = parse_profile(saved)
    assert again.columns["loan_id"].header == "ListingId"
    assert again.columns["contract_rate_annual"].expr is not None


def test_a_bad_mapping_expression_is_named_and_nothing_is_written(
    case: Case, tmp_path: Path
) -> None:
    profile = parse_profile(
        'table = "loans"\n[columns]\nterm_periods = { expr = "nosuchcol + 1" }\n'
    )
    f = write(tmp_path / "lc.csv", LOANS)
    with pytest.raises(MappingError, match="term_periods"):
        import_file(case, f, mapping=profile)
    assert case.tables() == [] and len(auditlog.entries(case.conn)) == 1


def test_failure_during_load_leaves_the_case_exactly_as_it_was(case: Case, tmp_path: Path) -> None:
    first = write(tmp_path / "inst.csv", INSTALLMENTS, "gb18030")
    import_file(case, first)
    state = (
        case.row_count("installments"),
        len(case.sources()),
        len(reject_rows(case)),
        auditlog.verify(case.conn).head,
    )
    # A file that loads nothing fails after staging: the case is as it was.
    f = write(tmp_path / "lc.csv", LOANS.replace("U1", "").replace("U2", "").replace("U3", ""))
    with pytest.raises(ImportFailed, match=r"lc\.csv.*nothing loaded"):
        import_file(case, f)
    assert (
        case.row_count("installments"),
        len(case.sources()),
        len(reject_rows(case)),
        auditlog.verify(case.conn).head,
    ) == state
    assert "loans" not in case.tables()


def test_a_bad_value_inside_an_expression_rejects_its_row_not_the_file(
    case: Case, tmp_path: Path
) -> None:
    # A strict CAST on text fails on "x": that row is rejected with DuckDB's reason, the rest load.
    profile = parse_profile(
        'table = "loans"\n[columns]\nterm_periods = { expr = "CAST(days AS INTEGER)" }\n'
    )
    f = write(tmp_path / "lc.csv", LOANS)
    r = import_file(case, f, mapping=profile)
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    (rej,) = [x for x in reject_rows(case) if x["column"] == "columns.term_periods"]
    assert rej["source_row"] == 4
    assert "fails on this row" in rej["reason"] and "'x'" in rej["reason"]
    assert case.conn.execute("SELECT loan_id, term_periods FROM loans ORDER BY 1").fetchall() == [
        ("100", 31),
        ("101", None),
    ]


def test_unknown_mapping_column_and_header_are_explained(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "lc.csv", LOANS)
    with pytest.raises(MappingError, match="no column 'colour'"):
        parse_profile('table = "loans"\n[columns]\ncolour = "x"\n')
    profile = parse_profile('table = "loans"\n[columns]\nregion = "省份"\n')
    with pytest.raises(MappingError, match=r"省份.*headers found: ListingId"):
        import_file(case, f, mapping=profile)


def test_enumerations_translate_known_values_and_reject_others(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "att.csv",
        "attempt_id,loan_id,attempt_at,status\n"
        "A1,L1,2024-01-02 09:00:00,成功\n"
        "A2,L1,2024/1/2 10:00:00,FAILED\n"
        "A3,L1,2024-01-02T11:00:00,maybe\n",
    )
    r = import_file(case, f)
    assert (r.table, r.rows_loaded, r.rows_rejected) == ("repayment_attempts", 2, 1)
    assert case.conn.execute(
        "SELECT status FROM repayment_attempts ORDER BY attempt_id"
    ).fetchall() == [("success",), ("failed",)]
    (rej,) = reject_rows(case)
    assert (
        rej["source_row"] == 4
        and rej["column"] == "status"
        and rej["reason"].startswith("not one of")
    )


def test_rates_in_percent_and_booleans_in_chinese(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "inc.csv",
        "incident_id,start_at,end_at,planned\nI1,2024-01-01 09:00,2024-01-01 10:00,是\n"
        "I2,2024-01-02 09:00,2024-01-02 10:00,否\n",
    )
    import_file(case, f)
    assert case.conn.execute("SELECT planned FROM incidents ORDER BY 1").fetchall() == [
        (False,),
        (True,),
    ]


def test_null_markers(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "p.csv",
        "payment_id,loan_id,value_date,amount,inst_no\n"
        "P1,L1,2024-01-01,10,\\N\nP2,L1,2024-01-01,10,-\nP3,L1,2024-01-01,10,NA\n"
        "P4,L1,2024-01-01,10,NULL\nP5,L1,2024-01-01,10,\n",
    )
    r = import_file(case, f)
    assert r.rows_loaded == 5
    assert case.conn.execute("SELECT count(inst_no) FROM payments").fetchall() == [(0,)]


def test_undecodable_bytes_reject_their_row_not_the_file(case: Case, tmp_path: Path) -> None:
    good = "借据号,期数,应还日期,应还本金\nL1,1,2024/1/2,100\n".encode("gb18030")
    bad = b"L\x81,1,2024/1/3,100\n"  # 0x81 then a comma is not GB18030
    f = tmp_path / "inst.csv"
    f.write_bytes(good + bad + "L3,1,2024/1/4,100\n".encode("gb18030"))
    r = import_file(case, f)
    assert (r.encoding, r.rows_loaded, r.rows_rejected) == ("gb18030", 2, 1)
    (rej,) = reject_rows(case)
    assert (rej["source_row"], rej["column"]) == (3, "loan_id")
    assert rej["reason"] == "bytes not valid in the file's encoding"


def test_a_database_that_is_not_a_case_is_refused(tmp_path: Path) -> None:
    import duckdb

    from auditor.errors import CaseError

    p = tmp_path / "other.duckdb"
    duckdb.connect(str(p)).execute("CREATE SCHEMA audit; CREATE TABLE audit.meta (k INT)").close()
    with pytest.raises(CaseError, match="not a case database"):
        Case.open(p)


def test_gbk_rows_after_a_long_ascii_start_are_read_as_gbk(case: Case, tmp_path: Path) -> None:
    head = "loan_id,borrower_id,disbursed_at,contract_principal,region\n"
    ascii_rows = "".join(f"L{i},C{i},2024-01-01,100,north\n" for i in range(60_000))
    chinese = "".join(f"M{i},C{i},2024-01-02,200,华东地区\n" for i in range(50))
    f = tmp_path / "loans.csv"
    f.write_bytes((head + ascii_rows).encode() + chinese.encode("gbk"))
    assert f.stat().st_size > 1 << 20  # the Chinese starts after the first megabyte
    r = import_file(case, f)
    assert (r.encoding, r.rows_loaded, r.rows_rejected) == ("gb18030", 60_050, 0)
    assert case.conn.execute("SELECT count(*) FROM loans WHERE region = '华东地区'").fetchall() == [
        (50,)
    ]
    assert len(case.sources()) == 1


def test_a_saved_mapping_profile_reads_back_the_same(tmp_path: Path) -> None:
    from auditor.ingest.mapping import ColumnSource, MappingProfile, ReadOptions, load_profile

    profile = MappingProfile(
        table="loans",
        columns={
            "loan_id": ColumnSource(header="借据号"),
            "contract_rate_annual": ColumnSource(expr='TRY_CAST("利率" AS DOUBLE) / 100'),
        },
        read=ReadOptions(encoding="gb18030", delimiter="\t", header_row=3, sheet=None),
        auto=False,
        name="某平台借据导出",
    )
    path = tmp_path / "p.toml"
    profile.save(path)
    assert load_profile(path) == profile
    assert not (tmp_path / "p.toml.tmp").exists()


def test_utf16_files_import(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "inc.csv",
        "事件编号\t开始时间\t结束时间\nI1\t2024-01-01 09:00\t2024-01-01 10:00\n",
        "utf-16",
    )
    r = import_file(case, f)
    assert (r.table, r.encoding, r.rows_loaded) == ("incidents", "utf-16", 1)


def test_the_mapping_recorded_for_a_bom_file_imports_it_again(tmp_path: Path) -> None:
    """A UTF-8 file with a byte-order mark is recorded as utf-8-sig; a workbook re-run hands
    that mapping back, and it must read the same file the same way."""
    path = tmp_path / "loans.csv"
    path.write_bytes(
        "\ufeffloan_id,borrower_id,disbursed_at,contract_principal\nL1,B1,2024-01-02,100\n".encode()
    )
    with Case.open(tmp_path / "a.duckdb", create=True) as first:
        r = import_file(first, path)
    assert r.encoding == "utf-8-sig"
    again = parse_profile(r.mapping.to_toml())
    with Case.open(tmp_path / "b.duckdb", create=True) as second:
        r2 = import_file(second, path, mapping=again)
        assert (r2.rows_loaded, r2.rows_rejected, r2.encoding) == (1, 0, "utf-8-sig")
        assert second.conn.execute("SELECT loan_id FROM loans").fetchall() == [("L1",)]
