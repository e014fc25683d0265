-- id = "HIS-01"
-- title = "Past repayments rewritten between two exports"
-- family = "history"
-- severity = "high"
-- period = "export"
-- description = """
-- Repayment history that a later export of the platform tells differently, inside the period both
-- exports cover: an installment's paid date, paid amounts, reported status or days past due
-- changed; a payment's value date or amount changed or the payment gone; a repayment attempt's
-- time, status, failure reason or amount collected changed or the attempt gone. A paid date moved
-- is how an outage's harm can be hidden. Each row shows the old and the new value and the
-- fingerprints (SHA-256) of both exports' source files. Needs a comparison (auditor compare)."""
-- basis = "Record-keeping and data integrity: CBIRC Interim Measures on Internet Lending 2020 Art. 45 (data retained, complete and accurate) [P]; Credit Reporting Regulation 2013 Art. 22 [P]"
-- requires = { "history.runs" = ["period_end"], loans = ["loan_id", "borrower_id"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "column_name"
-- y = "changes"
-- [zh]
-- title = "两次导出之间被改写的历史还款记录"
-- description = """
-- 在两次导出共同覆盖的期间内，后一次导出对还款历史的说法不同：某期次的结清日期、已还金额、报送
-- 状态或逾期天数被改动；某笔还款流水的起息日或金额被改动，或该流水消失；某笔还款请求的时间、状
-- 态、失败原因或扣款金额被改动，或该请求消失。挪动结清日期正是掩盖系统故障损害的手法。每一行列
-- 出原值和新值，以及两次导出数据源文件的指纹（SHA-256）。需要先做比对（auditor compare）。"""
-- basis = """
-- 记录保存与数据完整性：《商业银行互联网贷款管理暂行办法》（2020年）第四十五条（数据留存完整、
-- 准确）[P]；《征信业管理条例》（2013年）第二十二条 [P]"""
-- finding = "每一行均为问题：一处被改写的历史还款记录"
WITH found AS (
  SELECT table_name, 'changed' AS change, loan_id, record_key, column_name, old_value, new_value,
         period_date, old_sources, new_sources
  FROM history.changes
  WHERE (table_name = 'installments' AND column_name IN ('due_date', 'grace_days', 'paid_date',
           'paid_principal', 'paid_interest', 'paid_fee', 'paid_penalty', 'reported_dpd',
           'reported_status'))
     OR (table_name = 'payments' AND column_name IN ('value_date', 'received_at', 'amount',
           'inst_no', 'attempt_id'))
     OR (table_name = 'repayment_attempts' AND column_name IN ('attempt_at', 'status',
           'failure_reason', 'amount_collected', 'inst_no'))
  UNION ALL
  SELECT 'installments', 'removed', loan_id, CAST(inst_no AS VARCHAR), '(row removed)',
         'due ' || CAST(due_date AS VARCHAR) || coalesce(', paid ' || CAST(paid_date AS VARCHAR), ''),
         NULL, period_date, old_sources, new_sources
  FROM history.installments_removed
  UNION ALL
  SELECT 'payments', 'removed', loan_id, payment_id, '(row removed)',
         CAST(value_date AS VARCHAR) || ' ' || CAST(amount AS VARCHAR), NULL, period_date,
         old_sources, new_sources
  FROM history.payments_removed
  UNION ALL
  SELECT 'repayment_attempts', 'removed', loan_id, attempt_id, '(row removed)',
         CAST(attempt_at AS VARCHAR) || ' ' || status, NULL, period_date, old_sources, new_sources
  FROM history.repayment_attempts_removed
)
SELECT f.table_name, f.change, f.loan_id, l.borrower_id, f.record_key, f.column_name,
       f.old_value, f.new_value, f.period_date, f.old_sources, f.new_sources, 1 AS changes
FROM found f
LEFT JOIN loans l ON l.loan_id = f.loan_id
ORDER BY f.table_name, f.loan_id, f.record_key, f.column_name
