-- id = "DLQ-03"
-- title = "Vintage curves: share of each cohort ever past the threshold by months on book"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- For each disbursement-month cohort and each month on book (MOB 0 is the month of
-- disbursement), the share of the cohort's principal, and of its loans, that has ever been at
-- least the threshold days past due by that month end. Cohorts are the loans disbursed in the
-- review period (first_disbursed is a cohort's earliest); vintages are cut at the as-of date."""
-- basis = "Vintage analysis (账龄分析, MOB), domain-rules 2.4 [C]"
-- percent_columns = ["ever_share_balance", "ever_share_count"]
-- requires = { loans = ["loan_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.vintage_dpd]
-- type = "int"
-- default = 30
-- label = "Ever days past due"
-- help = "A loan counts once it has been at least this many days past due"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [finding]
-- rows = "none"
-- [chart]
-- kind = "line"
-- x = "mob"
-- y = "ever_share_balance"
-- series = "vintage"
-- [labels]
-- [labels.columns]
-- mob = "Months on book"
-- ever_share_balance = "Share ever past the DPD threshold (balance)"
-- ever_share_count = "Share ever past the DPD threshold (count)"
-- [zh]
-- title = "账龄分析曲线：各放款批次在各账龄月曾逾期超过阈值的占比"
-- description = """
-- 对每个放款月份批次和每个账龄月（MOB 0 为放款当月），计算截至该月末逾期天数曾达到阈值的借据占
-- 该批次本金的比例和占借据笔数的比例。批次为检查期间内放款的借据（最早放款日为该批次中最早的一
-- 笔）；账龄曲线截至基准日。"""
-- basis = "账龄分析（Vintage，MOB），domain-rules 2.4 [C]"
-- finding = "统计指标，不判定问题"
-- [zh.params.vintage_dpd]
-- label = "曾逾期天数"
-- help = "借据一旦逾期达到该天数即计入"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.columns]
-- vintage = "放款批次"
-- mob = "账龄月"
-- cohort_loans = "批次借据数"
-- cohort_principal = "批次本金"
-- ever_loans = "曾逾期借据数"
-- ever_principal = "曾逾期借据本金"
-- ever_share_balance = "曾逾期超过阈值的占比（按金额）"
-- ever_share_count = "曾逾期超过阈值的占比（按笔数）"
WITH counted AS (
  SELECT loan_id, CAST(date_trunc('month', disbursed_at) AS DATE) AS vintage,
         CAST(disbursed_at AS DATE) AS disbursed, contract_principal
  FROM base.loan_snapshot WHERE CAST(disbursed_at AS DATE) >= $from_date
), cohort AS (
  SELECT vintage, sum(contract_principal) AS principal, count(*) AS loans,
         min(disbursed) AS first_disbursed
  FROM counted GROUP BY ALL
)
SELECT m.vintage, c.first_disbursed, m.mob, c.loans AS cohort_loans,
       c.principal AS cohort_principal,
       count(*) FILTER (WHERE m.dpd_ever >= $vintage_dpd) AS ever_loans,
       COALESCE(sum(m.contract_principal) FILTER (WHERE m.dpd_ever >= $vintage_dpd), 0)
         AS ever_principal,
       COALESCE(sum(m.contract_principal) FILTER (WHERE m.dpd_ever >= $vintage_dpd), 0)
         / c.principal AS ever_share_balance,
       count(*) FILTER (WHERE m.dpd_ever >= $vintage_dpd) / c.loans AS ever_share_count
FROM base.month_end m JOIN counted USING (loan_id, vintage) JOIN cohort c USING (vintage)
GROUP BY m.vintage, c.first_disbursed, m.mob, c.loans, c.principal
ORDER BY m.vintage, m.mob
