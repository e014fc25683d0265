-- id = "DLQ-10"
-- title = "Bullet-repayment loans with a term over one year"
-- family = "delinquency"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans repaid in one payment at maturity whose term runs beyond the limit: from disbursement to
-- the last due date, or by the contracted number of monthly periods when no schedule exists.
-- Loans disbursed in the review period."""
-- basis = "Interim Measures for Internet Loans of Commercial Banks 2020: bullet term at most one year [C]"
-- requires = { loans = ["loan_id", "borrower_id", "repayment_type", "disbursed_at", "contract_principal"] }
-- [tests.schedule]
-- title = "Term to the last due date of the schedule"
-- requires = { installments = ["loan_id", "due_date"] }
-- [tests.contract]
-- title = "Term by the contracted periods, for loans with no schedule"
-- requires = { loans = ["term_periods"] }
-- [params.bullet_max_days]
-- type = "int"
-- default = 365
-- label = "Longest bullet term (days)"
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
-- amount = "contract_principal"
-- [chart]
-- kind = "histogram"
-- x = "term_days"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
-- [zh]
-- title = "期限超过一年的到期一次性还本付息借据"
-- description = """
-- 到期一次性还本付息、期限超过上限的借据：期限按放款日至最后一个应还款日计算；没有还款计划的，
-- 按合同月度期数计算。统计检查期间内放款的借据。"""
-- basis = """
-- 《商业银行互联网贷款管理暂行办法》（2020年）：到期一次性还本付息的贷款期限不超过一年 [C]"""
-- finding = "每一行均为问题：一笔期限超限的到期一次性还本付息借据"
-- amount = "借据的合同本金"
-- [zh.params.bullet_max_days]
-- label = "到期一次性还本付息最长期限（天）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.schedule]
-- title = "按还款计划最后一个应还款日计算的期限"
-- [zh.tests.contract]
-- title = "按合同期数计算的期限（无还款计划的借据）"
-- [zh.columns]
-- last_due = "最后一个应还款日"
WITH maturity AS (
  SELECT loan_id, max(due_date) AS last_due FROM base.installments
  WHERE $test_schedule GROUP BY loan_id
), termed AS (
  SELECT l.loan_id, l.borrower_id, l.contract_principal,
         CAST(l.disbursed_at AS DATE) AS disbursed, m.last_due,
         COALESCE(date_diff('day', CAST(l.disbursed_at AS DATE), m.last_due),
                  CASE WHEN $test_contract THEN CAST(l.term_periods * 30.4375 AS INTEGER) END)
           AS term_days
  FROM loans l LEFT JOIN maturity m USING (loan_id)
  WHERE l.repayment_type = 'bullet'
    AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
)
SELECT loan_id, borrower_id, contract_principal, disbursed, last_due, term_days
FROM termed
WHERE term_days > $bullet_max_days
ORDER BY term_days DESC, loan_id
