-- id = "DLQ-04"
-- title = "Roll rates between delinquency buckets, month to month"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "base.month_end.month_end", column = "to_month" }
-- description = """
-- Loan-tracked transitions of outstanding principal from each bucket at one month end to each
-- state at the next: the buckets, paid off, or charged off. The rate is the share of the
-- from-bucket's balance that moved there; a move to a lower bucket is a cure. Moves into the
-- month ends of the review period."""
-- basis = "Roll rate / flow rate (迁徙率), OCC Comptroller's Handbook, Retail Lending; domain-rules 2.5 [C]"
-- percent_columns = ["roll_rate"]
-- requires = { loans = ["loan_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.bucket_edges]
-- type = "list"
-- item_type = "int"
-- default = [1, 31, 61, 91]
-- label = "Bucket edges (days past due)"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [finding]
-- rows = "none"
-- [chart]
-- kind = "heatmap"
-- x = "to_state"
-- y = "roll_rate"
-- series = "from_state"
-- [zh]
-- title = "逾期区间之间的月度迁徙率"
-- description = """
-- 逐笔跟踪的未偿本金从某月末的各逾期区间迁移到下月末各状态的情况：各逾期区间、已结清或已核销。
-- 迁徙率为迁出区间余额中迁入该状态的比例；迁入更低的区间即为回收。统计迁入检查期间内各月末的迁
-- 移。"""
-- basis = """
-- 迁徙率（Roll rate / flow rate），美国货币监理署（OCC）《检查手册：零售贷款》；domain-rules 2.5 [C]"""
-- finding = "统计指标，不判定问题"
-- [zh.params.bucket_edges]
-- label = "逾期区间分界（逾期天数）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.columns]
-- from_month = "起始月末"
-- to_month = "迁入月末"
-- from_state = "迁出状态"
-- to_state = "迁入状态"
-- roll_rate = "迁徙率"
-- [zh.values.to_state]
-- "paid off" = "已结清"
-- "charged off" = "已核销"
WITH states AS (
  SELECT loan_id, month_end, outstanding,
         CASE WHEN charged_off THEN 'charged off'
              WHEN outstanding <= 0 THEN 'paid off'
              ELSE 'B' || CAST(len(list_filter($bucket_edges, lambda e: e <= dpd)) AS VARCHAR)
         END AS state
  FROM base.month_end
), moves AS (
  SELECT a.month_end AS from_month, b.month_end AS to_month, a.state AS from_state,
         b.state AS to_state, a.outstanding
  FROM states a
  JOIN states b ON b.loan_id = a.loan_id
   AND b.month_end = CAST(last_day(a.month_end + INTERVAL 1 DAY) AS DATE)
  WHERE a.state NOT IN ('charged off', 'paid off') AND b.month_end >= $from_date
)
SELECT from_month, to_month, from_state, to_state, count(*) AS loans,
       sum(outstanding) AS balance,
       sum(outstanding) / sum(sum(outstanding)) OVER (PARTITION BY from_month, from_state)
         AS roll_rate
FROM moves
GROUP BY from_month, to_month, from_state, to_state
ORDER BY from_month, from_state, to_state
