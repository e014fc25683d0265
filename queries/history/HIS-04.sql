-- id = "HIS-04"
-- title = "Credit bureau reports withdrawn or changed without a correction record"
-- family = "history"
-- severity = "high"
-- period = "export"
-- description = """
-- Reports to a credit bureau that a later export no longer shows, or shows with another status,
-- days past due, amount, negative flag or date, while no report in the later export supersedes
-- them. A correction is made by a new report that supersedes the wrong one; a record that simply
-- disappears or is edited in place leaves the borrower and the examiner with no trace of what the
-- bureau was told. Each row shows both values and both exports' source fingerprints."""
-- basis = "Credit Reporting Regulation 2013 Art. 25 (corrections recorded) [C]; FCRA 623(a)(2) (corrections furnished) [C]"
-- requires = { "history.runs" = ["period_end"], bureau_reports = ["report_id"], loans = ["loan_id", "borrower_id"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "change"
-- y = "reports"
-- [zh]
-- title = "无差错更正记录而被撤回或改动的征信报告"
-- description = """
-- 后一次导出中不再出现，或其状态、逾期天数、金额、不良标识或日期被改动的征信报送记录，而后一次
-- 导出中没有任何报送记录取代它们。差错更正应以一条取代错误记录的新报送完成；记录直接消失或被原
-- 地修改，借款人和检查人员都无从得知曾向征信机构报送过什么。每一行列出原值和新值，以及两次导出
-- 数据源文件的指纹（SHA-256）。"""
-- basis = """
-- 《征信业管理条例》（2013年）第二十五条（更正留有记录）[C]；美国《公平信用报告法》（FCRA）623(a)(2)（
-- 报送更正）[C]"""
-- finding = "每一行均为问题：一条未经差错更正即被撤回或改动的征信报告"
-- [zh.columns]
-- was_negative = "原为不良信息"
WITH found AS (
  SELECT 'withdrawn' AS change, loan_id, report_id, '(row removed)' AS column_name,
         coalesce(account_status, '') || CASE WHEN is_negative THEN ' (negative)' ELSE '' END
           || coalesce(', dpd ' || CAST(dpd_reported AS VARCHAR), '') AS old_value,
         NULL AS new_value, is_negative, period_date, old_sources, new_sources
  FROM history.bureau_reports_removed
  UNION ALL
  SELECT 'changed in place', c.loan_id, c.record_key, c.column_name, c.old_value, c.new_value,
         NULL, c.period_date, c.old_sources, c.new_sources
  FROM history.changes c
  WHERE c.table_name = 'bureau_reports'
    AND c.column_name IN ('submitted_at', 'as_of_date', 'account_status', 'dpd_reported',
                          'overdue_amount_reported', 'is_negative', 'loan_id', 'borrower_id')
)
SELECT f.change, f.loan_id, l.borrower_id, f.report_id, f.column_name, f.old_value, f.new_value,
       f.is_negative AS was_negative, f.period_date, f.old_sources, f.new_sources, 1 AS reports
FROM found f
LEFT JOIN loans l ON l.loan_id = f.loan_id
WHERE NOT EXISTS (SELECT 1 FROM bureau_reports s WHERE s.supersedes_report_id = f.report_id)
ORDER BY f.loan_id, f.report_id, f.column_name
