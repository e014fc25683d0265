-- id = "DLQ-11"
-- title = "Ledger integrity: charges, debits and payments that do not tie"
-- family = "delinquency"
-- severity = "high"
-- period = { on = ["charges.assessed_at", "repayment_attempts.attempt_at", "payments.value_date"], column = "event_date" }
-- description = """
-- The ledger gate the outage checks rely on: late charges on installments cleared on time
-- (within grace); successful debits with no payment posted (money taken, loan not credited);
-- payments value-dated after the day the money was collected; and one debit posted as more
-- than one payment. Each row is one charge, attempt or payment, dated (event_date) when it was
-- charged, collected or posted; those in the review period are counted."""
-- basis = "CBIRC 2022 internet-loan notice: full, independent repayment flows [C]; accuracy of the ledger (Reg V by analogy) [P]"
-- requires = { loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [tests.late_charge]
-- title = "Late charges on installments cleared on time"
-- requires = { charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"] }
-- [tests.unposted_debit]
-- title = "Successful debits with no payment posted"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "status", "attempt_at"], payments = ["payment_id", "attempt_id"] }
-- [tests.late_value_date]
-- title = "Payments value-dated after the money was collected"
-- requires = { repayment_attempts = ["attempt_id", "status", "attempt_at"], payments = ["payment_id", "attempt_id", "value_date", "amount"] }
-- [tests.split_debit]
-- title = "Debits posted as more than one payment"
-- requires = { payments = ["payment_id", "attempt_id", "value_date", "amount"] }
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
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "issue"
-- y = "amount"
-- [labels]
-- amount = "Amount of the debits and payments that do not match"
-- [zh]
-- title = "台账勾稽：费用、代扣和还款流水对不上"
-- description = """
-- 系统故障类检查项所依赖的台账勾稽：按时（宽限期内）结清的期次仍被收取逾期费用；代扣成功却没有
-- 入账的还款流水（钱已扣走，借据未冲减）；起息日晚于扣款到账日的还款流水；一笔代扣被记成多笔还
-- 款流水。每一行是一笔费用、还款请求或还款流水，注明计费、扣款或入账的日期（event_date）；统计
-- 检查期间内的记录。"""
-- basis = """
-- 《关于加强商业银行互联网贷款业务管理 提升金融服务质效的通知》（银保监办发〔2022〕14号）：完整
-- 、独立的还款资金流水 [C]；台账的准确性（参照美国《V条例》）[P]"""
-- finding = "每一行均为问题：一笔对不上的费用、还款请求或还款流水"
-- amount = "对不上的代扣和还款流水金额"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.late_charge]
-- title = "按时结清的期次被收取逾期费用"
-- [zh.tests.unposted_debit]
-- title = "代扣成功却未入账"
-- [zh.tests.late_value_date]
-- title = "起息日晚于扣款到账日的还款流水"
-- [zh.tests.split_debit]
-- title = "一笔代扣记成多笔还款流水"
-- [zh.columns]
-- issue = "问题类型"
-- [zh.values.issue]
-- "late charge on an installment cleared on time" = "按时结清的期次被收取逾期费用"
-- "successful debit with no payment posted" = "代扣成功却未入账"
-- "payment value-dated after the money was collected" = "起息日晚于扣款到账日的还款流水"
-- "debit posted as more than one payment" = "一笔代扣记成多笔还款流水"
WITH issues AS (
  SELECT 'late charge on an installment cleared on time' AS issue, c.charge_id AS ref,
         c.loan_id, c.inst_no, c.amount, CAST(c.assessed_at AS DATE) AS event_date
  FROM base.charges c JOIN base.installment_status s USING (loan_id, inst_no)
  WHERE $test_late_charge AND c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee')
    AND s.cleared_date IS NOT NULL AND s.cleared_date <= s.due_date + s.grace_days
    AND c.waived_at IS NULL AND c.refunded_at IS NULL
  UNION ALL
  SELECT 'successful debit with no payment posted', a.attempt_id, a.loan_id, a.inst_no,
         a.amount_collected, CAST(a.attempt_at AS DATE)
  FROM base.repayment_attempts a
  WHERE $test_unposted_debit AND a.status = 'success'
    AND NOT EXISTS (SELECT 1 FROM base.payments p WHERE p.attempt_id = a.attempt_id)
  UNION ALL
  SELECT 'payment value-dated after the money was collected', p.payment_id, p.loan_id,
         p.inst_no, p.amount, CAST(a.attempt_at AS DATE)
  FROM base.payments p JOIN base.repayment_attempts a ON a.attempt_id = p.attempt_id
  WHERE $test_late_value_date AND a.status = 'success'
    AND p.value_date > CAST(a.attempt_at AS DATE)
  UNION ALL
  SELECT 'debit posted as more than one payment', payment_id, loan_id, inst_no, amount,
         value_date
  FROM (SELECT p.*, row_number() OVER (PARTITION BY p.attempt_id ORDER BY p.payment_id) AS n
        FROM base.payments p WHERE $test_split_debit AND p.attempt_id IS NOT NULL)
  WHERE n > 1
)
SELECT i.issue, i.ref, i.loan_id, l.borrower_id, i.inst_no, i.event_date, i.amount
FROM issues i LEFT JOIN loans l USING (loan_id)
WHERE i.event_date BETWEEN $from_date AND $as_of
ORDER BY i.issue, i.loan_id, i.inst_no, i.ref
