-- id = "OUT-03"
-- title = "Borrower tried to pay before the cut-off but was marked late"
-- family = "outage"
-- severity = "high"
-- period = { on = "repayment_attempts.attempt_at", column = "attempt_at" }
-- description = """
-- Repayments the borrower started themselves, for the full amount, on or before the due date,
-- that failed for a reason that is not the borrower's, after which the installment went
-- overdue. The borrower did what was asked in time; the platform did not take the money.
-- Attempts made in the review period."""
-- basis = "Reg Z 1026.10 / date-of-receipt crediting [C]; FCA Consumer Duty PRIN 2A.2.8 [C]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "initiated_by", "amount_requested"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
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
-- amount = "amount_requested"
-- [chart]
-- kind = "bar"
-- x = "due_date"
-- y = "attempts"
-- [labels]
-- amount = "Amount the attempts asked for"
-- [zh]
-- title = "借款人在截止时点前还款却被记为逾期"
-- description = """
-- 借款人在应还款日当天或之前自行发起、足额的还款，因非借款人原因失败，随后该期次转为逾期。借款
-- 人按时做了应做的事；是平台没有把钱收进来。统计检查期间内发起的还款请求。"""
-- basis = "美国《Z条例》1026.10，按收到日入账 [C]；英国 FCA 消费者责任原则 PRIN 2A.2.8 [C]"
-- finding = "每一行均为问题：一笔按时足额发起却因非借款人原因失败、随后被记为逾期的还款"
-- amount = "这些还款请求的请求金额"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
SELECT a.attempt_id, a.loan_id, l.borrower_id, a.inst_no, a.attempt_at, a.channel,
       a.failure_reason, COALESCE(r.category, 'unmapped') AS reason_category, a.amount_requested,
       s.amount_due, s.due_date, s.cleared_date, 1 AS attempts
FROM repayment_attempts a
JOIN base.installment_status s ON s.loan_id = a.loan_id AND s.inst_no = a.inst_no
LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
LEFT JOIN loans l ON l.loan_id = a.loan_id
WHERE a.status = 'failed' AND a.initiated_by = 'borrower'
  AND r.category IS DISTINCT FROM 'borrower'
  AND CAST(a.attempt_at AS DATE) <= s.due_date
  AND a.amount_requested >= s.amount_due
  AND (s.cleared_date IS NULL OR s.cleared_date > s.due_date + s.grace_days)
  AND CAST(a.attempt_at AS DATE) BETWEEN $from_date AND $as_of
ORDER BY a.attempt_at, a.attempt_id
