"""A new user's import gives the examiner's answers: the sample platform's loans export
rewritten as exports often come (GB18030, Chinese headers, rates in percent without a % sign,
到手金额 and 期数 for the amount received and the number of periods), imported with no profile,
gives the same result for every check as the same file mapped by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile
from auditor.sample.platform import generate

RENAMED = {"借款利率": "年利率", "罚息利率": "罚息年利率", "展示年化利率": "综合年化利率",
           "实际到账金额": "到手金额", "借款期限": "期数"}  # fmt: skip
RATES = ("年利率", "罚息年利率", "综合年化利率")

BY_HAND = """table = "loans"
auto = false
[columns]
loan_id = "借据号"
borrower_id = "客户号"
product_id = "产品编号"
lender_type = "放款机构类型"
funding_source = "资金来源"
contract_date = "合同日期"
disbursed_at = "放款时间"
contract_principal = "借款金额"
disbursed_amount = "到手金额"
term_periods = "期数"
repayment_type = "还款方式"
contract_rate_annual = { expr = 'TRY_CAST("年利率" AS DOUBLE) / 100' }
penalty_rate_annual = { expr = 'TRY_CAST("罚息年利率" AS DOUBLE) / 100' }
disclosed_apr = { expr = 'TRY_CAST("综合年化利率" AS DOUBLE) / 100' }
disclosed_apr_method = "年化利率计算方式"
risk_class = "五级分类"
charged_off_at = "核销日期"
closed_at = "结清日期"
pool_id = "资产池编号"
"""


def _rewrite(src: Path, dest: Path) -> None:
    rows = list(csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))))
    header = [RENAMED.get(h, h) for h in rows[0]]
    idx = [header.index(h) for h in RATES]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for r in rows[1:]:
        for i in idx:
            r[i] = r[i].rstrip("%")
        w.writerow(r)
    dest.write_bytes(out.getvalue().encode("gb18030"))


def _results(case_path: Path, library: dict[str, CheckSpec]) -> dict[str, tuple[Any, ...]]:
    with Case.open(case_path) as case:
        runs = Session(case).run_many(list(library.values()))
    return {r.check.id: (r.status, r.finding_rows, r.loans, r.borrowers, r.amount) for r in runs}


@pytest.mark.slow
def test_percent_rates_under_chinese_headers_give_the_hand_mapped_results(
    tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    sample = generate(tmp_path / "exports", loans=1500)
    loans = tmp_path / "借据明细.csv"
    _rewrite(sample.directory / "loans.csv", loans)
    others = [f for f in sample.files if f.name != "loans.csv"]
    cases = {}
    for name, mapping in (("auto", None), ("hand", parse_profile(BY_HAND))):
        path = tmp_path / f"{name}.duckdb"
        with Case.open(path, create=True) as case:
            r = import_file(case, loans, mapping=mapping)
            assert (r.rows_loaded, r.rows_rejected) == (1500, 0)
            if mapping is None:
                assert r.table == "loans" and r.encoding == "gb18030"
                units = {u.column: (u.unit, u.by) for u in r.units}
                assert units["contract_rate_annual"] == ("percent", "values")
                assert units["penalty_rate_annual"] == ("percent", "values")
                assert units["disclosed_apr"] == ("percent", "values")
                assert r.unmapped == ()
            for f in others:
                import_file(case, f)
        cases[name] = path
    with Case.open(cases["auto"]) as a, Case.open(cases["hand"]) as h:
        cols = "loan_id, contract_rate_annual, penalty_rate_annual, disclosed_apr, disbursed_amount, term_periods"
        assert (
            a.conn.execute(f"SELECT {cols} FROM loans ORDER BY 1").fetchall()
            == h.conn.execute(f"SELECT {cols} FROM loans ORDER BY 1").fetchall()
        )
    auto, hand = _results(cases["auto"], library), _results(cases["hand"], library)
    assert auto == hand
    assert auto["DSC-04"][0] == "finding" and auto["DQ-08"][0] == "pass"
