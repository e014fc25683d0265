-- id = "OUT-05"
-- title = "Negative credit reports caused by outages and never corrected"
-- family = "outage"
-- severity = "high"
-- period = { on = "bureau_reports.submitted_at", column = "submitted_at" }
-- description = """
-- Negative reports to a credit bureau about installments the outage harm chain covers (an
-- outage-linked failure, then cleared within the remedy window after the disruption), for which
-- no later report supersedes them. Each row is a bureau record the platform must correct.
-- Reports submitted in the review period."""
-- basis = "Credit Reporting Regulation 2013 Art. 25 (correction of errors) [C]; FCRA 623 / Reg V accuracy [C]"
-- requires = { bureau_reports = ["report_id", "loan_id", "submitted_at", "is_negative"], repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "failure_reason"], incidents = ["incident_id", "start_at", "end_at"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
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
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "overdue_amount_reported"
-- [chart]
-- kind = "bar"
-- x = "incident_id"
-- y = "reports"
-- [labels]
-- amount = "Overdue amount reported to the bureau"
-- [zh]
-- title = "由系统故障引起且从未更正的不良信息报送"
-- description = """
-- 就损害链条所涵盖的期次（发生与系统故障相关的失败，随后在故障结束后的补救期内结清）向征信机构
-- 报送的不良信息，且此后没有任何报送记录取代它们。每一行都是平台必须差错更正的一条征信记录。统
-- 计检查期间内报送的记录。"""
-- basis = """
-- 《征信业管理条例》（2013年）第二十五条（差错更正）[C]；美国《公平信用报告法》（FCRA）623 及《V条
-- 例》准确性要求 [C]"""
-- finding = "每一行均为问题：一条须差错更正的不良信息报送"
-- amount = "报送征信机构的逾期金额"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
SELECT o.incident_id, b.report_id, b.bureau, b.loan_id, COALESCE(b.borrower_id, l.borrower_id)
         AS borrower_id, o.inst_no, o.due_date, o.cleared_date, b.submitted_at, b.dpd_reported,
       b.overdue_amount_reported, 1 AS reports
FROM base.outage_installments o
JOIN bureau_reports b ON b.loan_id = o.loan_id
LEFT JOIN loans l ON l.loan_id = o.loan_id
WHERE o.harmed AND b.is_negative
  AND CAST(b.submitted_at AS DATE) > o.due_date
  AND CAST(b.submitted_at AS DATE) <= o.cleared_date + 1
  AND CAST(b.submitted_at AS DATE) BETWEEN $from_date AND $as_of
  AND NOT EXISTS (SELECT 1 FROM bureau_reports c WHERE c.supersedes_report_id = b.report_id)
ORDER BY o.incident_id, b.loan_id, b.report_id
