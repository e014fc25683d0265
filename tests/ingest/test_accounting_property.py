"""The accounting identity on random exports: whatever title lines, blank lines, bad rows,
quoted line breaks, line endings and encoding a file has, every record is accounted for.

The generator knows what it wrote (that is the independent count here), so each part of the
accounting is checked against it, not only their sum: records = title + header + blank +
loaded + rejected, and the loaded rows are exactly the good ones.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.case.store import Case
from auditor.ingest.importer import import_file

HEADER = ["loan_id", "borrower_id", "disbursed_at", "contract_principal", "region"]
TITLES = [
    "借呗还款明细",
    "导出时间：2024-07-01",
    "Loan book export,,,,",
    "报表说明 数据截止 2024-06-30",
]
BLANKS = ["", ",,,,", "   ", "-,-,-,-,-", "NA,,NA,,"]
REGIONS = ["华东", '"华东\n地区"', '"North, East"', '"a ""quoted"" name"', ""]


@dataclass
class Line:
    text: str
    kind: str  # title, header, blank, good, bad


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[Line], str, str]:
    lines = [Line(draw(st.sampled_from(TITLES)), "title") for _ in range(draw(st.integers(0, 3)))]
    lines.append(Line(",".join(HEADER), "header"))
    n = draw(st.integers(1, 25))
    used: list[str] = []
    for i in range(n):
        if draw(st.integers(0, 5)) == 0:
            lines.append(Line(draw(st.sampled_from(BLANKS)), "blank"))
        region = draw(st.sampled_from(REGIONS))
        kind = draw(st.sampled_from(["good"] * 4 + ["bad_date", "bad_amount", "ragged", "dup"]))
        lid = f"L{i}"
        if kind == "dup" and used:
            lines.append(Line(f"{used[0]},B{i},2024-01-02,100,{region}", "bad"))
        elif kind == "bad_date":
            lines.append(Line(f"{lid},B{i},notadate,100,{region}", "bad"))
        elif kind == "bad_amount":
            lines.append(Line(f"{lid},B{i},2024-01-02,-5,{region}", "bad"))
        elif kind == "ragged":
            lines.append(Line(f"{lid},B{i},2024-01-02", "bad"))
        else:
            used.append(lid)
            lines.append(Line(f"{lid},B{i},2024-01-{1 + i % 28:02d},{100 + i}.50,{region}", "good"))
    if not any(x.kind == "good" for x in lines):
        lines.append(Line("LZ,BZ,2024-02-01,1,", "good"))
    ending = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
    return lines, ending, encoding


def _render(lines: list[Line], ending: str, seed: int) -> str:
    out = []
    for i, line in enumerate(lines):
        end = ending if ending != "mixed" else ("\r\n" if (i * 7 + seed) % 3 == 0 else "\n")
        out.append(line.text + end)
    return "".join(out)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(exports(), st.integers(0, 2), st.booleans())
def test_every_record_is_accounted_for(
    export: tuple[list[Line], str, str], seed: int, final_newline: bool
) -> None:
    lines, ending, encoding = export
    text = _render(lines, ending, seed)
    if not final_newline:
        text = text.rstrip("\r\n")
        if lines[-1].kind == "blank":
            lines = lines[:-1]
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "loans.csv"
        f.write_bytes(text.encode(encoding))
        with Case.open(Path(tmp) / "c.duckdb", create=True) as case:
            r = import_file(case, f, table="loans")
            a = r.accounting
            assert a is not None
            count = {
                k: sum(1 for x in lines if x.kind == k) for k in ("title", "blank", "good", "bad")
            }
            assert a.records == len(lines)
            assert a.balanced, a.describe()
            assert (a.preamble, a.header, a.blank, a.loaded, a.rejected) == (
                count["title"],
                1,
                count["blank"],
                count["good"],
                count["bad"],
            ), a.describe()
            assert case.row_count("loans") == count["good"]
            stored = case.conn.execute(
                "SELECT records, preamble + header + blank + comment + filtered + loaded + rejected "
                "FROM audit.source_accounting"
            ).fetchall()
            assert stored == [(len(lines), len(lines))]
