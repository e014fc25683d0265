"""The built-in sample platform: generate its exports and the manifest of planted truths.

``generate(out_dir, seed, loans)`` writes the export files into ``out_dir`` with
``manifest.json`` beside them. The same seed and size give byte-identical tables.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from auditor.resources import resource
from auditor.sample import events, plants
from auditor.sample.behaviour import simulate
from auditor.sample.book import Book, build_book
from auditor.sample.exports import (
    generated_subtitle,
    register,
    write_csv,
    write_parquet,
    write_xlsx,
)
from auditor.sample.manifest import Simulation, build_manifest

UNDERSTATE_FROM = date(2024, 3, 1)
UNDERSTATE_FACTOR = 0.6
FILES = {
    "loans.csv": "loans",
    "installments.csv": "installments",
    "charges.csv": "charges",
    "notices.tsv": "notices",
    "repayment_attempts.parquet": "repayment_attempts",
    "payments.parquet": "payments",
    "bureau_reports.parquet": "bureau_reports",
    "incidents.xlsx": "incidents",
    "disclosures.xlsx": "disclosures",
    "reported_metrics.xlsx": "reported_metrics",
    "refunds.csv": "refunds",
    "disputes.csv": "disputes",
}


@dataclass(frozen=True)
class SampleResult:
    directory: Path
    files: list[Path]
    manifest: dict[str, Any]
    seconds: float


def settings() -> dict[str, Any]:
    with resource("sample_platform.toml").open("rb") as fh:
        return tomllib.load(fh)


def _pct(col: str) -> str:
    return (
        f"CASE WHEN {col} IS NULL OR isnan({col}) THEN NULL ELSE printf('%.2f%%', {col} * 100) END"
    )


def generate(
    out_dir: Path | str, seed: int = 20240930, loans: int | None = None, *, truths: bool = True
) -> SampleResult:
    """``truths=False`` writes the exports without the manifest of planted truths (for
    benchmarks: at a million loans the manifest takes longer than the exports)."""
    started = time.perf_counter()
    cfg = settings()
    n = int(loans or cfg["default_loans"])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    book = build_book(rng, n, cfg)
    act = simulate(rng, book, cfg)
    status, misclassified = events.loan_status(book, act, cfg, rng)
    charges = events.charges(rng, book, act, cfg)
    reports = events.bureau_reports(book, act, cfg)
    notices, missing_rem, missing_pre = events.notices(rng, book, act, reports, cfg)
    dq, keep, dup = plants.plant_data_quality(rng, book, act)
    ok = plants.untouched_loans(
        book, act, np.flatnonzero(np.isin(book.loans["loan_id"], dq["schedule_gap_loans"]))
    )
    act, refunds, doubled = plants.duplicate_debits(rng, book, act, cfg, ok)
    ok[book.inst["loan"][doubled]] = False
    no_auth = plants.no_authorization_loans(rng, book, act, cfg, ok)
    ok[no_auth] = False
    charges, misrated = plants.misrate_penalties(rng, book, act, charges, cfg, ok)
    ok[misrated] = False
    reports = plants.stale_reports(rng, book, act, reports, cfg, ok)
    disputes = plants.disputes(rng, book, act, reports, cfg)
    rates = events.month_end_rates(book, act, status, cfg, keep)
    inst, L = book.inst, book.loans
    conn = duckdb.connect()
    register(
        conn,
        "l",
        {
            **{k: v for k, v in L.items() if k not in ("product", "funding")},
            **status,
            "penalty_rate": events.penalty_rate(book),
            "idx": np.arange(n),
        },
    )
    penalty_paid = np.zeros(len(inst["loan"]), dtype=np.int64)
    pen = charges["charge_type"] == "penalty_interest"
    np.add.at(
        penalty_paid,
        charges["inst"][pen],
        np.where(~np.isnat(act.paid_date[charges["inst"][pen]]), charges["amount_c"][pen], 0),
    )
    register(
        conn,
        "i",
        {
            **inst,
            "paid_date": act.paid_date,
            "penalty_c": penalty_paid,
            "idx": np.arange(len(inst["loan"])),
        },
    )
    register(conn, "a", {**act.attempts, "idx": np.arange(len(act.attempts["inst"]))})
    register(conn, "c", {**charges, "idx": np.arange(len(charges["inst"]))})
    register(
        conn,
        "b",
        {k: v for k, v in reports.items() if k != "first_count"}
        | {"idx": np.arange(len(reports["inst"]))},
    )
    register(conn, "nt", {**notices, "idx": np.arange(len(notices["inst"]))})
    register(conn, "rf", {**refunds, "idx": np.arange(len(refunds["inst"]))})
    register(conn, "dp", {**disputes, "idx": np.arange(len(disputes["report"]))})
    register(conn, "na", {"idx": no_auth})
    pay = np.flatnonzero(~np.isnat(act.paid_date))
    register(
        conn,
        "p",
        {
            "inst": pay,
            "attempt": act.success_attempt[pay],
            "received_at": act.success_time[pay],
            "idx": np.arange(len(pay)),
        },
    )
    conn.execute(
        "CREATE TABLE dq_gaps AS SELECT unnest($g) AS loan_id, 5 AS inst_no",
        {"g": dq["schedule_gap_loans"]},
    )
    conn.execute("CREATE TABLE dq_dup_payments AS SELECT unnest($d) AS idx", {"d": dup})
    files = _write_all(conn, out, cfg, book, rates)
    sim = Simulation(
        book,
        act,
        status,
        misclassified,
        charges,
        reports,
        len(notices["inst"]),
        missing_rem,
        missing_pre,
        rates,
        dq,
        keep,
        notices,
        refunds,
        disputes,
        no_auth,
        misrated,
    )
    manifest = build_manifest(cfg, seed, n, files, sim) if truths else {}
    if truths:
        (out / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
    conn.close()
    return SampleResult(out, files, manifest, time.perf_counter() - started)


def _write_all(
    conn: duckdb.DuckDBPyConnection,
    out: Path,
    cfg: dict[str, Any],
    book: Book,
    rates: list[tuple[date, float, float]],
) -> list[Path]:
    loans_sql = f"""
      SELECT loan_id AS 借据号, borrower_id AS 客户号, product_id AS 产品编号,
        CASE lender_type WHEN 'bank' THEN '银行' ELSE '小额贷款公司' END AS 放款机构类型,
        CASE funding_source WHEN 'own' THEN '自营' WHEN 'bank_partner' THEN '联合贷'
             ELSE '资产证券化' END AS 资金来源,
        CAST(disbursed_at AS DATE) AS 合同日期,
        strftime(disbursed_at, '%Y-%m-%d %H:%M:%S') AS 放款时间,
        CAST(principal_c / 100 AS DECIMAL(18,2)) AS 借款金额,
        CAST(received_c / 100 AS DECIMAL(18,2)) AS 实际到账金额,
        term AS 借款期限,
        CASE repayment_type WHEN 'annuity' THEN '等额本息' ELSE '等本等费' END AS 还款方式,
        {_pct("rate")} AS 借款利率, {_pct("penalty_rate")} AS 罚息利率,
        {_pct("disclosed_apr")} AS 展示年化利率,
        CASE WHEN isnan(disclosed_apr) THEN NULL ELSE 'IRR' END AS 年化利率计算方式,
        CASE risk_class WHEN 'normal' THEN '正常' WHEN 'special_mention' THEN '关注'
          WHEN 'substandard' THEN '次级' WHEN 'doubtful' THEN '可疑' ELSE '损失' END AS 五级分类,
        CAST(charged_off_at AS DATE) AS 核销日期, CAST(closed_at AS DATE) AS 结清日期,
        CASE WHEN funding_source = 'abs' THEN 'ABS-2023-' || (1 + idx % 3) END AS 资产池编号
      FROM l ORDER BY idx"""
    write_csv(conn, loans_sql, out / "loans.csv", encoding="gb18030", dateformat="%Y/%-m/%-d")
    inst_sql = """
      WITH s AS (
        SELECT l.loan_id, i.inst_no, CAST(i.due_date AS DATE) AS due_date,
          principal_due_c, interest_due_c, fee_due_c, CAST(i.paid_date AS DATE) AS paid_date,
          penalty_c, i.idx
        FROM i JOIN l ON l.idx = i.loan
        WHERE NOT EXISTS (SELECT 1 FROM dq_gaps g WHERE g.loan_id = l.loan_id
                          AND g.inst_no = i.inst_no)
        UNION ALL
        SELECT 'L9999999' || k, 1, DATE '2024-01-15', 100000, 1500, 0, NULL, 0, 10000000 + k
        FROM range(1, 4) t(k))
      SELECT loan_id AS 借据号, inst_no AS 期数, due_date AS 应还日期,
        CAST(principal_due_c / 100 AS DECIMAL(18,2)) AS 应还本金,
        CAST(interest_due_c / 100 AS DECIMAL(18,2)) AS 应还利息,
        CAST(fee_due_c / 100 AS DECIMAL(18,2)) AS 应还费用, {grace} AS 宽限天数,
        paid_date AS 实还日期,
        CASE WHEN paid_date IS NOT NULL
             THEN CAST(principal_due_c / 100 AS DECIMAL(18,2)) END AS 实还本金,
        CASE WHEN paid_date IS NOT NULL
             THEN CAST(interest_due_c / 100 AS DECIMAL(18,2)) END AS 实还利息,
        CASE WHEN paid_date IS NOT NULL
             THEN CAST(fee_due_c / 100 AS DECIMAL(18,2)) END AS 实还费用,
        CASE WHEN paid_date IS NOT NULL
             THEN CAST(penalty_c / 100 AS DECIMAL(18,2)) END AS 实还罚息,
        CASE WHEN paid_date IS NOT NULL THEN '已结清' WHEN due_date > DATE '{as_of}' THEN '未到期'
             ELSE '逾期' END AS 还款状态
      FROM s ORDER BY idx""".replace("{as_of}", str(cfg["as_of"])).replace(
        "{grace}", str(int(cfg["behaviour"]["grace_days"]))
    )
    write_csv(conn, inst_sql, out / "installments.csv", encoding="gb18030", dateformat="%Y/%-m/%-d")
    owed = "(i.principal_due_c + i.interest_due_c + i.fee_due_c)"
    write_parquet(
        conn,
        f"""
      SELECT printf('A%09d', a.idx + 1) AS attempt_id, l.loan_id, i.inst_no, a.initiated_by,
        a.channel, CAST(a.attempt_at AS TIMESTAMP) AS attempt_at,
        CAST({owed} / 100 AS DECIMAL(18,2)) AS amount_requested,
        CAST(CASE WHEN a.status = 'success' THEN {owed} ELSE 0 END / 100 AS DECIMAL(18,2))
          AS amount_collected,
        a.status, a.failure_reason,
        CASE WHEN a.channel = 'auto_debit' AND l.idx NOT IN (SELECT idx FROM na)
             THEN 'AUTH' || substr(l.loan_id, 2) END
          AS authorization_id,
        CASE WHEN a.retry_of >= 0 THEN printf('A%09d', a.retry_of + 1) END AS retry_of
      FROM a JOIN i ON i.idx = a.inst JOIN l ON l.idx = i.loan
      ORDER BY a.attempt_at, a.idx""",
        out / "repayment_attempts.parquet",
    )
    write_parquet(
        conn,
        f"""
      WITH base AS (
        SELECT p.idx, l.loan_id, i.inst_no, printf('A%09d', p.attempt + 1) AS attempt_id,
          CAST(i.paid_date AS DATE) AS value_date, CAST(p.received_at AS TIMESTAMP) AS received_at,
          {owed} + i.penalty_c AS amount_c, i.principal_due_c, i.interest_due_c, i.fee_due_c,
          i.penalty_c
        FROM p JOIN i ON i.idx = p.inst JOIN l ON l.idx = i.loan),
      all_rows AS (
        SELECT *, idx AS ord FROM base
        UNION ALL SELECT b.*, 100000000 + b.idx FROM base b JOIN dq_dup_payments d USING (idx))
      SELECT printf('P%09d', row_number() OVER (ORDER BY ord)) AS payment_id, loan_id, inst_no,
        attempt_id, value_date, received_at,
        CAST(amount_c / 100 AS DECIMAL(18,2)) AS amount,
        CAST(principal_due_c / 100 AS DECIMAL(18,2)) AS alloc_principal,
        CAST(interest_due_c / 100 AS DECIMAL(18,2)) AS alloc_interest,
        CAST(fee_due_c / 100 AS DECIMAL(18,2)) AS alloc_fee,
        CAST(penalty_c / 100 AS DECIMAL(18,2)) AS alloc_penalty
      FROM all_rows ORDER BY ord""",
        out / "payments.parquet",
    )
    write_csv(
        conn,
        """
      SELECT printf('F%09d', c.idx + 1) AS 费用编号, l.loan_id AS 借据号, i.inst_no AS 期数,
        CASE c.charge_type WHEN 'penalty_interest' THEN '罚息' WHEN 'late_fee' THEN '滞纳金'
          ELSE '扣款失败手续费' END AS 费用类型,
        CASE WHEN isnan(c.rate_applied) THEN NULL ELSE round(c.rate_applied, 6) END AS 适用利率,
        CAST(c.amount_c / 100 AS DECIMAL(18,2)) AS 金额,
        strftime(c.assessed_at, '%Y-%m-%d %H:%M:%S') AS 计收时间,
        strftime(c.waived_at, '%Y-%m-%d %H:%M:%S') AS 减免时间, NULL AS 退还时间
      FROM c JOIN i ON i.idx = c.inst JOIN l ON l.idx = i.loan ORDER BY c.idx""",
        out / "charges.csv",
        bom=True,
    )
    write_parquet(
        conn,
        """
      SELECT printf('R%09d', b.idx + 1) AS report_id, l.loan_id, l.borrower_id,
        'PBOC_CRC' AS bureau, CAST(b.submitted_at AS TIMESTAMP) AS submitted_at,
        CAST(b.as_of AS DATE) AS as_of_date,
        CASE WHEN b.negative THEN 'overdue' ELSE 'normal' END AS account_status,
        b.dpd AS dpd_reported, CAST(b.amount_c / 100 AS DECIMAL(18,2)) AS overdue_amount_reported,
        b.negative AS is_negative,
        CASE WHEN b.supersedes >= 0 THEN printf('R%09d', b.supersedes + 1) END
          AS supersedes_report_id
      FROM b JOIN i ON i.idx = b.inst JOIN l ON l.idx = i.loan ORDER BY b.idx""",
        out / "bureau_reports.parquet",
    )
    write_csv(
        conn,
        """
      SELECT printf('N%09d', nt.idx + 1) AS notice_id, l.loan_id, l.borrower_id, i.inst_no,
        nt.notice_type, nt.channel, strftime(nt.sent_at, '%Y-%m-%d %H:%M:%S') AS sent_at,
        strftime(nt.delivered_at, '%Y-%m-%d %H:%M:%S') AS delivered_at
      FROM nt JOIN i ON i.idx = nt.inst JOIN l ON l.idx = i.loan ORDER BY nt.idx""",
        out / "notices.tsv",
        delimiter="\t",
    )
    write_csv(
        conn,
        """
      SELECT printf('RF%07d', rf.idx + 1) AS 退款编号, l.loan_id AS 借据号, i.inst_no AS 期数,
        printf('A%09d', rf.attempt + 1) AS 原扣款流水号,
        CAST(rf.amount_c / 100 AS DECIMAL(18,2)) AS 退款金额,
        strftime(rf.detected_at, '%Y-%m-%d %H:%M:%S') AS 退款申请时间,
        strftime(rf.refunded_at, '%Y-%m-%d %H:%M:%S') AS 退款时间, '重复扣款' AS 退款原因
      FROM rf JOIN i ON i.idx = rf.inst JOIN l ON l.idx = i.loan ORDER BY rf.idx""",
        out / "refunds.csv",
        encoding="gb18030",
    )
    write_csv(
        conn,
        """
      SELECT printf('D%06d', dp.idx + 1) AS 异议编号, l.borrower_id AS 客户号, l.loan_id AS 借据号,
        printf('R%09d', dp.report + 1) AS 被异议报送编号,
        strftime(dp.received_at, '%Y-%m-%d %H:%M:%S') AS 异议受理时间,
        strftime(dp.resolved_at, '%Y-%m-%d %H:%M:%S') AS 异议答复时间,
        CASE dp.outcome WHEN 'corrected' THEN '已更正' WHEN 'upheld' THEN '维持' END
          AS 异议处理结果
      FROM dp JOIN b ON b.idx = dp.report JOIN i ON i.idx = b.inst JOIN l ON l.idx = i.loan
      ORDER BY dp.received_at, dp.idx""",
        out / "disputes.csv",
        encoding="gb18030",
    )
    sub = generated_subtitle(cfg["as_of"])
    kinds = {"outage": "故障", "maintenance": "维护", "degradation": "性能下降"}
    inc_rows = [
        (
            c["id"],
            kinds[c["kind"]],
            "是" if c["planned"] else "否",
            c["start"],
            c["end"],
            c["components"],
            events.notice_time(c),
            "app_banner" if c["notified"] else None,
            c["description"],
        )
        for c in cfg["incidents"]
    ]
    write_xlsx(
        out / "incidents.xlsx",
        "系统事件记录",
        sub,
        [
            "事件编号",
            "事件类型",
            "是否计划内",
            "开始时间",
            "结束时间",
            "影响组件",
            "通知时间",
            "通知渠道",
            "描述",
        ],
        inc_rows,
        "事件",
    )
    disc = events.disclosures(book, cfg)
    write_xlsx(
        out / "disclosures.xlsx",
        "Product disclosure captures",
        sub,
        list(disc[0]),
        [list(r.values()) for r in disc],
        "disclosures",
    )
    write_xlsx(
        out / "reported_metrics.xlsx",
        "月度资产质量报告",
        sub,
        ["报告期末", "指标", "细分", "数值", "报送方"],
        _reported_metrics(rates),
        "指标",
    )
    return [out / f for f in FILES]


def _reported_metrics(rates: list[tuple[date, float, float]]) -> list[tuple[Any, ...]]:
    rows = []
    for me, m1, m3 in rates:
        factor = UNDERSTATE_FACTOR if me >= UNDERSTATE_FROM else 1.0
        for metric, value in (("overdue_rate_m1p_balance", m1), ("overdue_rate_m3p_balance", m3)):
            rows.append((me, metric, "all", round(value * factor, 6), "平台"))
    return rows
