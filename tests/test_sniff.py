from __future__ import annotations

from auditor.ingest.sniff import clean_headers, sniff_text


def test_title_block_above_the_header_is_preamble() -> None:
    text = (
        "借呗还款计划导出,,,\n导出时间：2024-07-01,,,\n,,,\n"
        "借据号,期数,应还日期,应还本金\nL1,1,2024/1/2,100\nL2,1,2024/1/3,200\n"
    )
    layout = sniff_text(text)
    assert layout.delimiter == ","
    assert layout.header_line == 3
    assert layout.headers == ("借据号", "期数", "应还日期", "应还本金")
    assert [(r.number, r.text, r.blank) for r in layout.above] == [
        (1, "借呗还款计划导出,,,", False),
        (2, "导出时间：2024-07-01,,,", False),
        (3, ",,,", True),
    ]


def test_semicolon_tab_and_pipe_delimiters() -> None:
    assert sniff_text("a;b;c\n1;2;3\n4;5;6\n").delimiter == ";"
    assert sniff_text("a\tb\n1\t2\n3\t4\n").delimiter == "\t"
    assert sniff_text("a|b|c\n1|2|3\n").delimiter == "|"


def test_quoted_delimiters_do_not_fool_the_sniffer() -> None:
    layout = sniff_text('id,note,amount\n1,"a, b, c",5\n2,"x, y",6\n')
    assert layout.delimiter == "," and layout.headers == ("id", "note", "amount")


def test_blank_and_duplicate_headers_get_usable_names() -> None:
    assert clean_headers(("a", "", "a", "b")) == ("a", "column_2", "a_2", "b")
