-- id = "DLQ-05"
-- title = "First-payment default by cohort, channel and funding source"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Of the loans whose first installment fell due long enough before as-of to be judged, the
-- share whose first installment went more than the threshold days past due (FPD), by
-- disbursement cohort, acquisition channel and funding source. High FPD points at fraud or
-- careless underwriting in a channel. Loans disbursed in the review period. An export with no
-- acquisition channel says the channel split is not available (it does not file every loan
-- under one "unknown" channel)."""
-- basis = "First-payment default FPDx, domain-rules 2.6 [C]; horizon 30 days [U]"
-- percent_columns = ["fpd_rate"]
-- requires = { loans = ["loan_id", "disbursed_at"], installments = ["inst_no", "due_date", "principal_due"] }
-- optional = { loans = ["funding_source", "channel"] }
-- [params.fpd_days]
-- type = "int"
-- default = 30
-- label = "FPD horizon (days)"
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
-- rows = "none"
-- [chart]
-- kind = "line"
-- x = "cohort"
-- y = "fpd_rate"
-- series = "funding_source"
-- [zh]
-- title = "按放款批次、渠道和资金来源的首期逾期"
-- description = """
-- 首期应还款日距基准日已足够久、可以判定的借据中，首期逾期天数超过阈值（FPD）的比例，按放款批次
-- 、获客渠道和资金来源列示。首期逾期率高通常指向某渠道的欺诈或审批不严。统计检查期间内放款的借
-- 据。导出数据没有获客渠道时，结果注明无法按渠道拆分（不会把所有借据归入一个"未知"渠道）。"""
-- basis = "首期逾期 FPDx，domain-rules 2.6 [C]；观察期30天 [U]"
-- finding = "统计指标，不判定问题"
-- [zh.params.fpd_days]
-- label = "首期逾期观察期（天）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- matured_loans = "可判定借据数"
-- fpd_loans = "首期逾期借据数"
-- fpd_rate = "首期逾期率"
-- [zh.values.channel]
-- "split not available (no channel in the export)" = "无法拆分（导出数据中没有渠道）"
-- "unknown" = "未知"
WITH export AS (SELECT count(channel) > 0 AS has_channel FROM loans)
SELECT CAST(date_trunc('month', l.disbursed_at) AS DATE) AS cohort,
       min(CAST(l.disbursed_at AS DATE)) AS first_disbursed,
       COALESCE(l.funding_source, 'unknown') AS funding_source,
       CASE WHEN e.has_channel THEN COALESCE(l.channel, 'unknown')
            ELSE 'split not available (no channel in the export)' END AS channel,
       count(*) AS matured_loans,
       count(*) FILTER (WHERE s.dpd_ever > $fpd_days) AS fpd_loans,
       count(*) FILTER (WHERE s.dpd_ever > $fpd_days) / count(*) AS fpd_rate
FROM base.loan_snapshot l
JOIN base.installment_status s ON s.loan_id = l.loan_id AND s.inst_no = 1
CROSS JOIN export e
WHERE s.due_date + CAST($fpd_days AS INTEGER) < $as_of
  AND CAST(l.disbursed_at AS DATE) >= $from_date
GROUP BY ALL
ORDER BY cohort, funding_source, channel
