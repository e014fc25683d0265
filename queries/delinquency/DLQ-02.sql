-- id = "DLQ-02"
-- title = "Overdue-rate trend: coincidental and lagged, by balance and by count"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "base.month_end.month_end", column = "month_end" }
-- description = """
-- Month-end overdue rates for the month ends of the review period, for each funding source and
-- in total: by balance (outstanding principal of loans past a bucket edge over all outstanding
-- principal) and by count, coincidental (same month's book) and lagged (the book N calendar
-- months earlier for the N-th bucket, which removes the dilution of a growing book). M1+, M2+
-- and M3+ are loans at or past the first, second and third bucket edge: the m1p_edge, m2p_edge
-- and m3p_edge columns name the days past due (with the default edges M3+ is DPD >= 61, not the
-- 90-day line). A lagged rate is empty when the segment had no book that month (a paused
-- funding source): undefined, never divided by an older month. Charged-off loans leave both
-- numerator and denominator."""
-- basis = "Overdue rate definitions (逾期率, 即期/递延), domain-rules 2.3 [C]"
-- percent_columns = ["m1p_balance", "m2p_balance", "m3p_balance", "m1p_count", "m2p_count", "m3p_count", "m1p_balance_lagged", "m2p_balance_lagged", "m3p_balance_lagged", "m1p_count_lagged", "m2p_count_lagged", "m3p_count_lagged"]
-- requires = { loans = ["loan_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { loans = ["funding_source"] }
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
-- kind = "line"
-- x = "month_end"
-- y = ["m1p_balance", "m3p_balance"]
-- series = "funding_source"
-- [labels]
-- [labels.columns]
-- m1p_balance = "M1+ by balance"
-- m2p_balance = "M2+ by balance"
-- m3p_balance = "M3+ by balance"
-- m1p_count = "M1+ by count"
-- m3p_count = "M3+ by count"
-- m1p_balance_lagged = "M1+ by balance, lagged"
-- m2p_balance_lagged = "M2+ by balance, lagged"
-- m3p_balance_lagged = "M3+ by balance, lagged"
-- [zh]
-- title = "逾期率走势：即期与递延，按金额与按笔数"
-- description = """
-- 检查期间内各月末的逾期率，分资金来源并给出合计：按金额（超过某逾期区间分界的借据未偿本金占全
-- 部未偿本金的比例）和按笔数；即期（以当月未偿本金为分母）和递延（第N个区间以N个自然月之前的未
-- 偿本金为分母，消除放款规模增长对逾期率的稀释）。M1+、M2+、M3+ 指逾期达到或超过第一、二、三个
-- 区间分界的借据，m1p_edge、m2p_edge、m3p_edge 三列给出对应的逾期天数（按默认分界，M3+ 为逾期天
-- 数 >= 61，而非90天）。若某分组当月没有未偿本金（如某资金来源暂停放款），递延逾期率留空：无法
-- 定义，绝不以更早月份代替。已核销借据同时退出分子和分母。"""
-- basis = "逾期率口径（逾期率，即期/递延），domain-rules 2.3 [C]"
-- finding = "统计指标，不判定问题"
-- [zh.params.bucket_edges]
-- label = "逾期区间分界（逾期天数）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.columns]
-- m1p_edge = "M1+ 起始逾期天数"
-- m2p_edge = "M2+ 起始逾期天数"
-- m3p_edge = "M3+ 起始逾期天数"
-- m1p_balance = "M1+ 逾期率（按金额）"
-- m2p_balance = "M2+ 逾期率（按金额）"
-- m3p_balance = "M3+ 逾期率（按金额）"
-- m1p_count = "M1+ 逾期率（按笔数）"
-- m2p_count = "M2+ 逾期率（按笔数）"
-- m3p_count = "M3+ 逾期率（按笔数）"
-- m1p_balance_lagged = "M1+ 递延逾期率（按金额）"
-- m2p_balance_lagged = "M2+ 递延逾期率（按金额）"
-- m3p_balance_lagged = "M3+ 递延逾期率（按金额）"
-- m1p_count_lagged = "M1+ 递延逾期率（按笔数）"
-- m2p_count_lagged = "M2+ 递延逾期率（按笔数）"
-- m3p_count_lagged = "M3+ 递延逾期率（按笔数）"
-- [zh.values.m1p_edge]
-- "DPD >= {}" = "逾期天数 >= {}"
-- [zh.values.m2p_edge]
-- "DPD >= {}" = "逾期天数 >= {}"
-- [zh.values.m3p_edge]
-- "DPD >= {}" = "逾期天数 >= {}"
WITH live AS (
  SELECT month_end, COALESCE(funding_source, 'unknown') AS funding_source, outstanding, dpd
  FROM base.month_end
  WHERE NOT charged_off AND outstanding > 0
), agg AS (
  SELECT month_end, COALESCE(funding_source, 'all') AS funding_source,
         sum(outstanding) AS balance, count(*) AS loans,
         COALESCE(sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[1]), 0) AS bal_m1p,
         COALESCE(sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[2]), 0) AS bal_m2p,
         COALESCE(sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[3]), 0) AS bal_m3p,
         count(*) FILTER (WHERE dpd >= $bucket_edges[1]) AS n_m1p,
         count(*) FILTER (WHERE dpd >= $bucket_edges[2]) AS n_m2p,
         count(*) FILTER (WHERE dpd >= $bucket_edges[3]) AS n_m3p
  FROM live
  GROUP BY GROUPING SETS ((month_end, funding_source), (month_end))
)
-- Lagged rates join the book of the month end N calendar months back, not N rows back: a
-- segment with no loans on book in a month has no row for it, and its lagged rate is empty.
SELECT a.month_end, a.funding_source, a.balance, a.loans,
       'DPD >= ' || CAST($bucket_edges[1] AS VARCHAR) AS m1p_edge,
       'DPD >= ' || CAST($bucket_edges[2] AS VARCHAR) AS m2p_edge,
       'DPD >= ' || CAST($bucket_edges[3] AS VARCHAR) AS m3p_edge,
       a.bal_m1p / a.balance AS m1p_balance,
       a.bal_m2p / a.balance AS m2p_balance,
       a.bal_m3p / a.balance AS m3p_balance,
       a.n_m1p / a.loans AS m1p_count,
       a.n_m2p / a.loans AS m2p_count,
       a.n_m3p / a.loans AS m3p_count,
       a.bal_m1p / l1.balance AS m1p_balance_lagged,
       a.bal_m2p / l2.balance AS m2p_balance_lagged,
       a.bal_m3p / l3.balance AS m3p_balance_lagged,
       a.n_m1p / l1.loans AS m1p_count_lagged,
       a.n_m2p / l2.loans AS m2p_count_lagged,
       a.n_m3p / l3.loans AS m3p_count_lagged
FROM agg a
LEFT JOIN agg l1 ON l1.funding_source = a.funding_source
 AND l1.month_end = CAST(last_day(a.month_end - INTERVAL 1 MONTH) AS DATE)
LEFT JOIN agg l2 ON l2.funding_source = a.funding_source
 AND l2.month_end = CAST(last_day(a.month_end - INTERVAL 2 MONTH) AS DATE)
LEFT JOIN agg l3 ON l3.funding_source = a.funding_source
 AND l3.month_end = CAST(last_day(a.month_end - INTERVAL 3 MONTH) AS DATE)
WHERE a.month_end >= $from_date
ORDER BY a.funding_source = 'all', a.funding_source, a.month_end
