-- id = "DLQ-07"
-- title = "Reported overdue rates against the rates recomputed from the loan ledger"
-- family = "delinquency"
-- severity = "medium"
-- period = { on = "reported_metrics.period_end", column = "period_end" }
-- description = """
-- Each overdue rate the platform, trustee or partner bank reported, set beside the same rate
-- recomputed from the loan-level data at that month end. A finding is a difference beyond the
-- tolerance: a misstated figure to investors, partner banks or the regulator. Metrics are named
-- overdue_rate_m{1..4}p_{balance|count}; segment is 'all' or a funding source. Figures reported
-- for the month ends of the review period."""
-- basis = "NAFMII personal consumer-loan ABS disclosure guideline [P]; accuracy of reported figures; domain-rules 2.3"
-- percent_columns = ["reported", "recomputed", "difference"]
-- requires = { reported_metrics = ["period_end", "metric", "value"], loans = ["loan_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { loans = ["funding_source"] }
-- [params.bucket_edges]
-- type = "list"
-- item_type = "int"
-- default = [1, 31, 61, 91]
-- label = "Bucket edges (days past due)"
-- [params.reported_tolerance]
-- type = "decimal"
-- default = "0.0005"
-- label = "Tolerance (rate, absolute)"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [finding]
-- rows = "finding"
-- [chart]
-- kind = "line"
-- x = "period_end"
-- y = ["reported", "recomputed"]
-- series = "metric"
-- [labels]
-- units = { reported_tolerance = "pp" }
-- [labels.columns]
-- reported = "Reported rate"
-- recomputed = "Recomputed rate"
-- [zh]
-- title = "报告的逾期率与按借据台账重算的逾期率不符"
-- description = """
-- 平台、受托机构或合作银行报告的每一个逾期率，与按该月末借据明细数据重算的同一逾期率并列比较。
-- 差异超过容差即为问题：向投资者、合作银行或监管部门报送的数据失实。指标名为 overdue_rate_m{1..4}p_{balance|count}；
-- 分组为 'all'（全部）或某一资金来源。统计检查期间内各月末的报告数据。"""
-- basis = """
-- 中国银行间市场交易商协会《个人消费贷款资产支持证券信息披露指引》[P]；报送数据的准确性；domain-rules 2.3"""
-- finding = "“是否为问题”为“是”的行即为问题：报告值与重算值之差超过容差"
-- [zh.params.bucket_edges]
-- label = "逾期区间分界（逾期天数）"
-- [zh.params.reported_tolerance]
-- label = "容差（逾期率，绝对差）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- metric = "指标"
-- source = "报告来源"
-- reported = "报告的逾期率"
-- recomputed = "重算的逾期率"
WITH live AS (
  SELECT month_end, COALESCE(funding_source, 'unknown') AS funding_source, outstanding, dpd
  FROM base.month_end WHERE NOT charged_off AND outstanding > 0
), rates AS (
  SELECT month_end, COALESCE(funding_source, 'all') AS segment, k,
         COALESCE(sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[k]), 0) / sum(outstanding)
           AS by_balance,
         count(*) FILTER (WHERE dpd >= $bucket_edges[k]) / count(*) AS by_count
  FROM live, range(1, len($bucket_edges) + 1) r(k)
  GROUP BY GROUPING SETS ((month_end, funding_source, k), (month_end, k))
), recomputed AS (
  SELECT month_end, segment, 'overdue_rate_m' || CAST(k AS VARCHAR) || 'p_balance' AS metric,
         by_balance AS value FROM rates
  UNION ALL
  SELECT month_end, segment, 'overdue_rate_m' || CAST(k AS VARCHAR) || 'p_count', by_count
  FROM rates
)
SELECT r.period_end, r.metric, COALESCE(r.segment, 'all') AS segment, r.source,
       r.value AS reported, c.value AS recomputed, r.value - c.value AS difference,
       abs(r.value - c.value) > $reported_tolerance AS finding
FROM reported_metrics r
LEFT JOIN recomputed c
  ON c.month_end = r.period_end AND c.metric = r.metric AND c.segment = COALESCE(r.segment, 'all')
WHERE r.period_end BETWEEN $from_date AND $as_of
ORDER BY r.metric, r.segment, r.source, r.period_end
