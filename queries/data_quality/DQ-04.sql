-- id = "DQ-04"
-- title = "Dates out of order"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Events dated before the loan existed or ending before they began: installments due on or
-- before disbursement, payments and attempts before disbursement, loans closed before
-- disbursement, incidents that end before they start."""
-- basis = "Consistency of the export's dates; DOMAIN.md data-quality catalogue"
-- requires = {}
-- [tests.installments]
-- title = "Installments due on or before disbursement"
-- requires = { loans = ["loan_id", "disbursed_at"], installments = ["loan_id", "inst_no", "due_date"] }
-- [tests.payments]
-- title = "Payments before disbursement"
-- requires = { loans = ["loan_id", "disbursed_at"], payments = ["payment_id", "loan_id", "value_date"] }
-- [tests.attempts]
-- title = "Repayment attempts before disbursement"
-- requires = { loans = ["loan_id", "disbursed_at"], repayment_attempts = ["attempt_id", "loan_id", "attempt_at"] }
-- [tests.closed]
-- title = "Loans closed before disbursement"
-- requires = { loans = ["loan_id", "disbursed_at", "closed_at"] }
-- [tests.incidents]
-- title = "Incidents that end before they start"
-- requires = { incidents = ["incident_id", "start_at", "end_at"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "rows"
-- [zh]
-- title = "日期先后顺序错误"
-- description = """
-- 早于借据成立，或结束早于开始的事件：应还款日在放款日当天或之前的期次、早于放款的还款流水和还
-- 款请求、结清日早于放款日的借据，以及结束时间早于开始时间的故障事件。"""
-- basis = "导出数据日期的一致性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一条日期顺序错误的记录"
-- [zh.tests.installments]
-- title = "应还款日在放款日当天或之前的期次"
-- [zh.tests.payments]
-- title = "早于放款的还款流水"
-- [zh.tests.attempts]
-- title = "早于放款的还款请求"
-- [zh.tests.closed]
-- title = "结清日早于放款日的借据"
-- [zh.tests.incidents]
-- title = "结束时间早于开始时间的故障事件"
-- [zh.values.problem]
-- "installment due on or before disbursement" = "应还款日在放款日当天或之前的期次"
-- "payment before disbursement" = "早于放款的还款流水"
-- "attempt before disbursement" = "早于放款的还款请求"
-- "loan closed before disbursement" = "结清日早于放款日的借据"
-- "incident ends before it starts" = "结束时间早于开始时间的故障事件"
WITH l AS (SELECT loan_id, CAST(disbursed_at AS DATE) AS disbursed, closed_at FROM base.loans)
SELECT 'installment due on or before disbursement' AS problem,
       i.loan_id || '#' || CAST(i.inst_no AS VARCHAR) AS ref, i.loan_id,
       CAST(i.due_date AS TIMESTAMP) AS at, 1 AS rows
FROM base.installments i JOIN l USING (loan_id)
WHERE $test_installments AND i.due_date <= l.disbursed
UNION ALL
SELECT 'payment before disbursement', p.payment_id, p.loan_id, CAST(p.value_date AS TIMESTAMP), 1
FROM base.payments p JOIN l USING (loan_id) WHERE $test_payments AND p.value_date < l.disbursed
UNION ALL
SELECT 'attempt before disbursement', a.attempt_id, a.loan_id, a.attempt_at, 1
FROM base.repayment_attempts a JOIN l USING (loan_id)
WHERE $test_attempts AND CAST(a.attempt_at AS DATE) < l.disbursed
UNION ALL
SELECT 'loan closed before disbursement', l.loan_id, l.loan_id, CAST(l.closed_at AS TIMESTAMP), 1
FROM l WHERE $test_closed AND l.closed_at < l.disbursed
UNION ALL
SELECT 'incident ends before it starts', incident_id, NULL, start_at, 1
FROM base.incidents WHERE $test_incidents AND end_at < start_at
ORDER BY problem, loan_id, ref
