"""Delimited exports whose layout fooled the reader: each file is loaded with every record
accounted for (records = title + header + blank + comment + filtered + loaded + rejected), or
refused in one line. The record counts are worked out by hand in each test."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.errors import ImportFailed
from auditor.ingest.importer import import_file
from tests.ingest.helpers import LOANS_HEADER, parts, rejects, write

ROW1 = "L1,B1,2024-01-01,1000\n"
ROW2 = "L2,B2,2024-01-02,2000\n"


def _loans(case: Case) -> list[tuple[str, Decimal]]:
    return case.conn.execute(
        "SELECT loan_id, contract_principal FROM loans ORDER BY loan_id"
    ).fetchall()


def test_a_crlf_title_above_lf_data_loads_every_row(case: Case, tmp_path: Path) -> None:
    """借呗还款明细 CRLF, then LF header and a row: 3 records = 1 title + 1 header + 1 loaded
    (it used to import as 'read 0 loaded 0 ok')."""
    f = write(tmp_path / "t.csv", "借呗还款明细\r\n" + LOANS_HEADER + ROW1)
    r = import_file(case, f)
    assert parts(r) == (3, 1, 1, 0, 0, 0, 1, 0)
    assert r.accounting is not None and r.accounting.line_endings == "CRLF+LF"
    shown = case.conn.execute("SELECT source_row, kind, text FROM audit.skipped_rows").fetchall()
    assert (1, "title", "借呗还款明细") in shown


def test_a_header_cell_with_quotes_and_a_unit_loads(case: Case, tmp_path: Path) -> None:
    """ "借款金额"(元) is a stray quote to a strict reader: the header is read by the sniffer and
    the reader starts at the data. 3 records = 1 header + 2 loaded."""
    f = write(
        tmp_path / "q.csv",
        '"借款金额"(元),借据号,客户号,放款日期\n1000,L1,B1,2024-01-01\n2000,L2,B2,2024-01-02\n',
    )
    r = import_file(case, f)
    assert parts(r) == (3, 0, 1, 0, 0, 0, 2, 0)
    assert _loans(case) == [("L1", Decimal("1000.00")), ("L2", Decimal("2000.00"))]


def test_trailing_delimiters_the_header_lacks_keep_the_first_row(
    case: Case, tmp_path: Path
) -> None:
    """Every data row ends with a comma the header lacks: the first row used to become the
    column names. 3 records = 1 header + 2 loaded, and the layout note says why."""
    f = write(
        tmp_path / "t.csv", LOANS_HEADER + ROW1.replace("\n", ",\n") + ROW2.replace("\n", ",\n")
    )
    r = import_file(case, f)
    assert parts(r) == (3, 0, 1, 0, 0, 0, 2, 0)
    assert any("delimiter the header lacks" in n for n in r.accounting.notes)  # type: ignore[union-attr]
    assert [x[0] for x in _loans(case)] == ["L1", "L2"]


def test_semicolons_with_decimal_commas(case: Case, tmp_path: Path) -> None:
    """1;12,50 is two fields and 12.50, not a comma-split 1;12 and 50."""
    f = write(
        tmp_path / "s.csv",
        "loan_id;borrower_id;disbursed_at;contract_principal\nL1;B1;2024-01-01;1.000,50\nL2;B2;2024-01-02;12,5\n",
    )
    r = import_file(case, f)
    assert parts(r) == (3, 0, 1, 0, 0, 0, 2, 0)
    assert r.mapping.read.delimiter == ";" and r.mapping.read.decimal == ","
    assert _loans(case) == [("L1", Decimal("1000.50")), ("L2", Decimal("12.50"))]


def test_comment_lines_are_counted_not_rejected(case: Case, tmp_path: Path) -> None:
    """# lines above and below the header: 5 records = 1 comment above + 1 header + 1 comment
    + 2 loaded."""
    f = write(
        tmp_path / "c.csv", "# exported 2024-07-01\n" + LOANS_HEADER + ROW1 + "# page 2\n" + ROW2
    )
    r = import_file(case, f)
    assert parts(r) == (5, 0, 1, 0, 2, 0, 2, 0)
    kinds = case.conn.execute(
        "SELECT source_row, kind, text FROM audit.skipped_rows ORDER BY 1"
    ).fetchall()
    assert (1, "comment", "# exported 2024-07-01") in kinds and (4, "comment", "# page 2") in kinds
    assert rejects(case) == []


def test_a_file_without_a_header_keeps_its_first_row(case: Case, tmp_path: Path) -> None:
    """Rows only: nothing is taken for a header. As an extra table 2 records = 2 loaded, with
    generated names; as a canonical table without a profile it is refused, saying why."""
    f = write(tmp_path / "n.csv", ROW1 + ROW2)
    with pytest.raises(ImportFailed, match=r"no header row.*column_1\.\.column_4"):
        import_file(case, f)
    # Named as loans, the refusal names the generated columns (not a list of empty headers).
    with pytest.raises(
        ImportFailed,
        match=r"headers found: none \(the file has no header row; "
        r"its columns are named column_1, column_2, column_3, column_4",
    ):
        import_file(case, f, table="loans")
    r = import_file(case, f, extra="side")
    assert parts(r) == (2, 0, 0, 0, 0, 0, 2, 0)
    assert any("named column_1" in n for n in r.accounting.notes)  # type: ignore[union-attr]
    assert case.conn.execute("SELECT column_1 FROM side ORDER BY 1").fetchall() == [
        ("L1",),
        ("L2",),
    ]


def test_mixed_line_endings_and_lone_carriage_returns(case: Case, tmp_path: Path) -> None:
    """CRLF header, LF and CRLF rows, and a lone CR: 4 records = 1 header + 3 loaded."""
    f = write(
        tmp_path / "m.csv",
        LOANS_HEADER.replace("\n", "\r\n")
        + ROW1
        + ROW2.replace("\n", "\r\n")
        + "L3,B3,2024-01-03,3000\r",
    )
    r = import_file(case, f)
    assert parts(r) == (4, 0, 1, 0, 0, 0, 3, 0)


def test_null_marker_rows_blank_lines_and_spaces_are_blank(case: Case, tmp_path: Path) -> None:
    """Header, row, "-,-,-,-", ",,,", empty line, spaces, "NA,NA,NA,NA", row: 8 records =
    1 header + 5 blank + 2 loaded."""
    f = write(tmp_path / "b.csv", LOANS_HEADER + ROW1 + "-,-,-,-\n,,,\n\n   \nNA,NA,NA,NA\n" + ROW2)
    r = import_file(case, f)
    assert parts(r) == (8, 0, 1, 5, 0, 0, 2, 0)
    assert rejects(case) == []


def test_row_numbers_count_blank_lines_and_quoted_line_breaks(case: Case, tmp_path: Path) -> None:
    """A quoted line break is one record; a blank line is a record: the bad date is record 5."""
    f = write(
        tmp_path / "r.csv",
        LOANS_HEADER + 'L1,"B\n1",2024-01-01,1000\n\n' + ROW2 + "L3,B3,notadate,1\n",
    )
    r = import_file(case, f)
    assert parts(r) == (5, 0, 1, 1, 0, 0, 2, 1)
    assert rejects(case) == [(5, "disbursed_at", "not a date and time")]


def test_a_repeated_header_and_a_byte_order_mark_inside_the_file(
    case: Case, tmp_path: Path
) -> None:
    """Two exports joined, the second with its BOM and header: 5 records = 2 header + 2 loaded
    + 1 rejected ... no: the repeated header is a header, nothing is rejected."""
    f = write(tmp_path / "j.csv", LOANS_HEADER + ROW1 + "\ufeff" + LOANS_HEADER + ROW2)
    r = import_file(case, f)
    assert parts(r) == (4, 0, 2, 0, 0, 0, 2, 0)


def test_nul_bytes_never_reach_a_name_or_a_key(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "z.csv",
        "loan\x00_id,borrower_id,disbursed_at,contract_principal\n"
        + ROW1
        + "L\x002,B2,2024-01-02,2000\n",
    )
    r = import_file(case, f)
    assert parts(r) == (3, 0, 1, 0, 0, 0, 1, 1)
    assert rejects(case) == [(3, "loan_id", "a NUL byte in the value (a damaged export?)")]
    assert r.mapping.columns["loan_id"].header == "loan_id"


def test_a_repeated_header_loads_the_first_column(case: Case, tmp_path: Path) -> None:
    """contract_principal twice: the first is loaded (as the README says), the second kept."""
    f = write(
        tmp_path / "d.csv",
        "loan_id,borrower_id,disbursed_at,contract_principal,contract_principal\nL1,B1,2024-01-01,1000,9\n",
    )
    r = import_file(case, f)
    assert _loans(case) == [("L1", Decimal("1000.00"))]
    assert r.unmapped == ("contract_principal",)
    side = case.conn.execute(f"SELECT loan_id, contract_principal FROM {r.side_table}").fetchall()
    assert side == [("L1", 9)]


def test_headers_differing_only_in_case_get_distinct_names(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "c.csv",
        "loan_id,borrower_id,disbursed_at,Amount,amount\nL1,B1,2024-01-01,1000,9\n",
    )
    r = import_file(case, f, table="loans")
    assert _loans(case) == [("L1", Decimal("1000.00"))]
    cols = case.conn.execute(
        "SELECT source_column, target_column, kept_in FROM audit.source_columns ORDER BY position"
    ).fetchall()
    assert cols[3:] == [
        ("Amount", "contract_principal", None),
        ("amount", None, f"{r.side_table}.amount"),
    ]


def test_mixed_gbk_and_utf8_lines_are_read_line_by_line_not_as_cp1252(
    case: Case, tmp_path: Path
) -> None:
    data = (
        LOANS_HEADER.replace("\n", ",region\n").encode()
        + "L1,B1,2024-01-01,1000,北京\n".encode()
        + "L2,B2,2024-01-02,2000,上海\n".encode("gbk")
    )
    r = import_file(case, write(tmp_path / "g.csv", data))
    assert r.encoding == "utf-8+gb18030"
    assert case.conn.execute("SELECT region FROM loans ORDER BY 1").fetchall() == [
        ("上海",),
        ("北京",),
    ]


def test_a_line_longer_than_the_reader_allows_is_one_reject(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        LOANS_HEADER + ROW1 + "L2," + "x" * 17_000_000 + ",2024-01-01,5\n" + "L3,B3,2024-01-03,3\n",
    )
    r = import_file(case, f)
    assert parts(r) == (4, 0, 1, 0, 0, 0, 2, 1)


def test_an_unterminated_quote_swallows_the_rest_as_one_rejected_record(
    case: Case, tmp_path: Path
) -> None:
    f = write(
        tmp_path / "u.csv",
        LOANS_HEADER + ROW1 + 'L2,"B2,2024-01-02,2000\n' + "L3,B3,2024-01-03,3\n",
    )
    r = import_file(case, f)
    assert parts(r) == (3, 0, 1, 0, 0, 0, 1, 1)


def test_a_file_that_loads_nothing_is_an_error_unless_asked(case: Case, tmp_path: Path) -> None:
    only_header = write(tmp_path / "h.csv", LOANS_HEADER)
    with pytest.raises(ImportFailed, match=r"nothing loaded: 1 record = 1 header"):
        import_file(case, only_header)
    assert case.sources() == []
    r = import_file(case, only_header, allow_empty=True)
    assert parts(r) == (1, 0, 1, 0, 0, 0, 0, 0)
    blank = write(tmp_path / "b.csv", "\n\n\n")
    with pytest.raises(ImportFailed, match="no records"):
        import_file(case, blank)


def test_more_columns_than_supported_are_refused(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "w.csv",
        ",".join(f"c{i}" for i in range(1200)) + "\n" + ",".join("1" * 1200) + "\n",
    )
    with pytest.raises(ImportFailed, match=r"1,200 columns; at most 1,000"):
        import_file(case, f, extra="wide")


def test_utf16_and_timestamps_keep_their_time(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "u.csv", (LOANS_HEADER + "L1,B1,2025-02-28 20:35:13,1000\n").encode("utf-16")
    )
    r = import_file(case, f)
    assert r.encoding == "utf-16" and parts(r) == (2, 0, 1, 0, 0, 0, 1, 0)
    assert case.conn.execute("SELECT disbursed_at FROM loans").fetchall() == [
        (datetime(2025, 2, 28, 20, 35, 13),)
    ]
